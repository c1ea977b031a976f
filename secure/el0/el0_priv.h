/* SPDX-License-Identifier: BSD-3-Clause */
/* One S-EL0 service as TZBSP keeps it (secure/el0). */
#ifndef TZBSP_EL0_PRIV_H
#define TZBSP_EL0_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/el0.h>
#include <tzbsp/el0_abi.h>
#include <tzbsp/spinlock.h>

#include "../sched/ctx.h"

/* One command's pages in a service: slot i of its window. */
struct el0_slot {
	uint64_t va;			/* TZ_EL0_VA(id) + TZ_EL0_SLOT_OFF(i) */
	uint8_t *stack, *req, *rsp, *scratch;
};

struct el0_svc {
	uint32_t id;			/* TZ_SVC_*: window TZ_EL0_VA(id), ASID id + 1 */
	const char *name;
	const uint8_t *image;		/* the flat binary in TZBSP's rodata */
	const uint8_t *image_end;
	/*
	 * One command at a time (the scheduler's TZ_SVC_F_EXCLUSIVE): one
	 * slot.  Else one slot per secure thread, slot = thread index.
	 */
	bool exclusive;

	/* Set by the loader. */
	struct tz_el0_header hdr;
	uint64_t va;			/* TZ_EL0_VA(id) */
	uint8_t *mem;			/* [va, hdr.bss_end) as TZBSP sees it */
	struct el0_slot slots[TZ_EL0_SLOTS_MAX];
	uint32_t nslots;
	uint64_t *l1, *l2, *l3;		/* its translation table */
	uint64_t ttbr0;
	uint64_t guard;			/* its stack-protector guard */
	bool up;

	/* Entries in the service now, and ever; dirty; under lock. */
	tz_spinlock_t lock;
	uint32_t running;
	uint32_t entries;
	bool dirty;			/* faulted: restart when next idle */
	bool restarting;		/* a restart runs: entries wait */
	uint32_t faults;
};

/*
 * One entry in progress (init or a command): the thread's, or the boot
 * CPU's for the services' first init.  Nothing of it is shared between
 * threads, so commands of one service on several CPUs never meet here.
 */
struct el0_run {
	struct el0_svc *svc;
	struct el0_slot *slot;
	struct tz_ctx kctx;		/* where tz_el0_enter() returns to */
	struct tz_ctx abandoned;	/* the ended entry's context, never resumed */
	size_t cap;
	bool moved;			/* a callback or preemption: any CPU */
	bool shared;			/* another entry of the service overlapped */
	int status;
	size_t len;
	uint64_t ns_cntkctl;		/* this CPU's value while at S-EL0 */
};

/* el0_load.c: a faulted service's pages as at load, and its init again. */
int el0_svc_restart(struct el0_svc *s, struct el0_slot *slot);
/* el0_load.c: zero the service's state of session idx. */
void el0_svc_session_wipe(struct el0_svc *s, unsigned int idx);
/* el0_run.c: the service's init entry (TZ_EL0_OP_INIT) in the given slot. */
int el0_svc_init(struct el0_svc *s, struct el0_slot *slot);

/* el0_entry.S */
void tz_el0_enter(struct tz_ctx *kctx, const struct tz_exc_frame *frame);

/* el0_mmu.c */
void el0_mmu_build(struct el0_svc *s);
void el0_mmu_map_slot(struct el0_svc *s, const struct el0_slot *slot, bool map,
		      bool all_cpus);
void el0_space_enter(struct el0_run *r);
void el0_space_leave(struct el0_run *r);

/* el0_syscall.c: the syscalls but exit; the result goes to frame->x[0]. */
void el0_syscall(struct el0_run *r, struct tz_exc_frame *frame);
void *el0_uptr(const struct el0_run *r, uint64_t va, uint64_t len, bool write);

#endif /* TZBSP_EL0_PRIV_H */
