/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AArch64 system register bits TZBSP programs at S-EL1, and accessors.
 * Shared by the assembly in secure/boot and the C code (tzcom/tz_const.h
 * has the convention).
 */
#ifndef TZBSP_ARCH_H
#define TZBSP_ARCH_H

#include <tzcom/tz_const.h>

/* MPIDR_EL1: affinity 0 is the CPU index on virt (up to 8 CPUs, GICv2). */
#define MPIDR_AFF0_MASK		TZ_ULL(0xff)
#define MPIDR_AFF_MASK		TZ_ULL(0xff00ffffff)	/* Aff3..Aff0 */

/* SCTLR_EL1 */
#define SCTLR_M			(TZ_U(1) << 0)
#define SCTLR_A			(TZ_U(1) << 1)
#define SCTLR_C			(TZ_U(1) << 2)
#define SCTLR_SA		(TZ_U(1) << 3)
#define SCTLR_SA0		(TZ_U(1) << 4)
#define SCTLR_UMA		(TZ_U(1) << 9)
#define SCTLR_I			(TZ_U(1) << 12)
#define SCTLR_DZE		(TZ_U(1) << 14)
#define SCTLR_UCT		(TZ_U(1) << 15)
#define SCTLR_nTWI		(TZ_U(1) << 16)
#define SCTLR_nTWE		(TZ_U(1) << 18)
#define SCTLR_WXN		(TZ_U(1) << 19)
#define SCTLR_UCI		(TZ_U(1) << 26)

/* CNTKCTL_EL1: EL0 may read the counters (CNTPCT, CNTVCT) and CNTFRQ. */
#define CNTKCTL_EL0PCTEN	(TZ_U(1) << 0)
#define CNTKCTL_EL0VCTEN	(TZ_U(1) << 1)

/* CPACR_EL1.FPEN = 0b00: FP/SIMD instructions at EL1 trap (boot/cpu.c). */
#define CPACR_FPEN_TRAP		TZ_U(0)

/* CurrentEL.EL (bits 3:2). */
#define CURRENTEL_SHIFT		2
#define CURRENTEL_MASK		TZ_U(3)

/* Per-CPU S-EL1 stack, where every entry from the SPD starts afresh. */
#define TZ_CPU_STACK_SIZE	TZ_U(16384)

#ifndef __ASSEMBLER__
#include <stdint.h>

#ifdef TZBSP_HOST
/*
 * Host tests build the portable parts of the firmware against
 * these hooks: system registers by name, barriers and events as calls.
 */
uint64_t tz_host_read_sysreg(const char *name);
void tz_host_write_sysreg(const char *name, uint64_t v);
void tz_host_event(const char *what);	/* "sev", "wfe", barriers */

#define read_sysreg(r)		tz_host_read_sysreg(#r)
#define write_sysreg(v, r)	tz_host_write_sysreg(#r, (uint64_t)(v))

static inline void isb(void) { tz_host_event("isb"); }
static inline void dsb_sy(void) { tz_host_event("dsb sy"); }
static inline void dsb_ish(void) { tz_host_event("dsb ish"); }
static inline void sev(void) { tz_host_event("sev"); }
static inline void wfe(void) { tz_host_event("wfe"); }
static inline void wfi(void) { tz_host_event("wfi"); }
#else
#define read_sysreg(r) ({						\
	uint64_t __v;							\
	__asm__ volatile("mrs %0, " #r : "=r"(__v));			\
	__v;								\
})

#define write_sysreg(v, r) do {						\
	uint64_t __v = (uint64_t)(v);					\
	__asm__ volatile("msr " #r ", %0" : : "r"(__v));		\
} while (0)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" ::: "memory");
}

static inline void sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}

static inline void wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

#endif /* TZBSP_HOST */

static inline uint64_t read_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}
#endif /* __ASSEMBLER__ */

#endif /* TZBSP_ARCH_H */
