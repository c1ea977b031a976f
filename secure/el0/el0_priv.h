/* SPDX-License-Identifier: BSD-3-Clause */
/* One S-EL0 service as TZBSP keeps it (secure/el0). */
#ifndef TZBSP_EL0_PRIV_H
#define TZBSP_EL0_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/el0.h>
#include <tzbsp/el0_abi.h>

#include "../sched/ctx.h"

struct el0_svc {
	uint32_t id;			/* TZ_SVC_*: window TZ_EL0_VA(id), ASID id + 1 */
	const char *name;
	const uint8_t *image;		/* the flat binary in TZBSP's rodata */
	const uint8_t *image_end;

	/* Set by the loader. */
	struct tz_el0_header hdr;
	uint64_t va;			/* TZ_EL0_VA(id) */
	uint8_t *mem;			/* [va, hdr.bss_end) as TZBSP sees it */
	uint8_t *stack, *req, *rsp;	/* the command's pages */
	uint64_t *l1, *l2, *l3;		/* its translation table */
	uint64_t ttbr0;
	uint64_t guard;			/* its stack-protector guard */
	bool up;
	bool dirty;			/* faulted: restart before the next command */
	uint32_t faults;

	/* The entry in progress (one at a time: see docs/firmware.md). */
	struct tz_ctx kctx;		/* where tz_el0_enter() returns to */
	size_t run_cap;
	bool run_moved;			/* a callback: it may have run on any CPU */
	int run_status;
	size_t run_len;
};

/* el0_load.c: a faulted service's pages as at load, and its init again. */
int el0_svc_restart(struct el0_svc *s);
/* el0_run.c: the service's init entry (TZ_EL0_OP_INIT). */
int el0_svc_init(struct el0_svc *s);

/* el0_entry.S */
void tz_el0_enter(struct tz_ctx *kctx, const struct tz_exc_frame *frame);

/* el0_mmu.c */
void el0_mmu_build(struct el0_svc *s);
void el0_mmu_map_cmd(struct el0_svc *s, bool map, bool all_cpus);
void el0_space_enter(const struct el0_svc *s);
void el0_space_leave(void);

/* el0_syscall.c: the syscalls but exit; the result goes to frame->x[0]. */
void el0_syscall(struct el0_svc *s, struct tz_exc_frame *frame);
void *el0_uptr(const struct el0_svc *s, uint64_t va, uint64_t len, bool write);

#endif /* TZBSP_EL0_PRIV_H */
