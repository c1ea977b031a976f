/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The secure world's one spinlock (the scheduler, the log, the core
 * service's log ring): SMCs arrive on any CPU.  Inline exclusives on the target (no outline-atomics
 * helpers in a freestanding image; needs the MMU on, boot/mmu.c), compiler
 * atomics on the host.
 */
#ifndef TZBSP_SPINLOCK_H
#define TZBSP_SPINLOCK_H

#include <stdint.h>

typedef struct {
	volatile uint32_t v;
} tz_spinlock_t;

#define TZ_SPINLOCK_INIT	{ 0 }

#ifdef TZBSP_HOST
static inline void tz_spin_lock(tz_spinlock_t *l)
{
	while (__atomic_exchange_n(&l->v, 1U, __ATOMIC_ACQUIRE))
		;
}

static inline void tz_spin_unlock(tz_spinlock_t *l)
{
	__atomic_store_n(&l->v, 0U, __ATOMIC_RELEASE);
}
#else
static inline void tz_spin_lock(tz_spinlock_t *l)
{
	uint32_t tmp;

	__asm__ volatile(
	"	sevl\n"
	"1:	wfe\n"
	"2:	ldaxr	%w0, [%1]\n"
	"	cbnz	%w0, 1b\n"
	"	stxr	%w0, %w2, [%1]\n"
	"	cbnz	%w0, 2b\n"
	: "=&r"(tmp)
	: "r"(&l->v), "r"(1U)
	: "memory");
}

/* The store clears the other CPUs' exclusive monitors, which wakes WFE. */
static inline void tz_spin_unlock(tz_spinlock_t *l)
{
	__asm__ volatile("stlr	wzr, [%0]" : : "r"(&l->v) : "memory");
}
#endif

#endif /* TZBSP_SCHED_SPINLOCK_H */
