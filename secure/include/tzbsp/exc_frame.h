/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register frame of an exception taken to S-EL1: every general
 * register, the interrupted SP_EL0, ELR_EL1 and SPSR_EL1.  One layout for
 * every exception entry that may resume what it interrupted (the S-EL0
 * services' syscalls, faults and interrupts, el0/el0_entry.S, and S-EL1
 * threads), so that a preemption path can treat both alike.
 */
#ifndef TZBSP_EXC_FRAME_H
#define TZBSP_EXC_FRAME_H

#define TZ_EXC_FRAME_X(n)	((n) * 8)
#define TZ_EXC_FRAME_SP_EL0	248
#define TZ_EXC_FRAME_ELR	256
#define TZ_EXC_FRAME_SPSR	264
#define TZ_EXC_FRAME_SIZE	272	/* a multiple of 16: SP stays aligned */

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct tz_exc_frame {
	uint64_t x[31];
	uint64_t sp_el0;
	uint64_t elr;
	uint64_t spsr;
};

_Static_assert(offsetof(struct tz_exc_frame, sp_el0) == TZ_EXC_FRAME_SP_EL0, "frame sp_el0");
_Static_assert(offsetof(struct tz_exc_frame, elr) == TZ_EXC_FRAME_ELR, "frame elr");
_Static_assert(offsetof(struct tz_exc_frame, spsr) == TZ_EXC_FRAME_SPSR, "frame spsr");
_Static_assert(sizeof(struct tz_exc_frame) == TZ_EXC_FRAME_SIZE, "frame size");
#endif

#endif /* TZBSP_EXC_FRAME_H */
