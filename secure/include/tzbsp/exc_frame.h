/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register frame of an exception taken to S-EL1: every general
 * register, the interrupted SP_EL0, ELR_EL1 and SPSR_EL1.  The one layout
 * of every exception entry that may resume what it interrupted: the S-EL0
 * services' syscalls, faults and interrupts and the IRQ of an S-EL1
 * thread in a preemptible region, all saved and restored by the macros of
 * tzbsp/irq_frame.S, so one preemption path serves both.
 */
#ifndef TZBSP_EXC_FRAME_H
#define TZBSP_EXC_FRAME_H

#define TZ_EXC_FRAME_X(n)	((n) * 8)
#define TZ_EXC_FRAME_SP_EL0	248
#define TZ_EXC_FRAME_ELR	256
#define TZ_EXC_FRAME_SPSR	264
#define TZ_EXC_FRAME_SIZE	272	/* a multiple of 16: SP stays aligned */

#ifdef __ASSEMBLER__
.if TZ_EXC_FRAME_SP_EL0 != TZ_EXC_FRAME_X(31) || TZ_EXC_FRAME_ELR != TZ_EXC_FRAME_X(32) || \
    TZ_EXC_FRAME_SPSR != TZ_EXC_FRAME_X(33) || TZ_EXC_FRAME_SIZE != TZ_EXC_FRAME_X(34) || \
    TZ_EXC_FRAME_SIZE % 16
.error "struct tz_exc_frame: offsets out of order"
.endif
#endif

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
_Static_assert(offsetof(struct tz_exc_frame, x) == TZ_EXC_FRAME_X(0), "frame x0");
_Static_assert(sizeof(struct tz_exc_frame) == TZ_EXC_FRAME_SIZE, "frame size");
_Static_assert(TZ_EXC_FRAME_SIZE % 16 == 0, "frame keeps sp aligned");
#endif

#endif /* TZBSP_EXC_FRAME_H */
