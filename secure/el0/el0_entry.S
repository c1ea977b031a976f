/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The way into S-EL0 and back (el0/el0_run.c).
 *
 * tz_el0_enter(kctx = x0, frame = x1) saves the caller's callee-saved
 * registers and SP in kctx (the layout of sched/ctx.h, so tz_ctx_switch()
 * can switch back to it) and erets into the service with every register
 * from *frame.  It "returns" only when the C side switches to kctx (the
 * service exited or faulted).
 *
 * An exception from S-EL0 arrives on SP_EL1 as it was at that eret, i.e.
 * below tz_el0_enter's caller on the stack of the command's thread; the
 * vectors (boot/exceptions.S) push a struct tz_exc_frame there with
 * tz_irq_frame_save and come to tz_el0_exc_common, which calls
 * tz_el0_exception(kind, frame) and, when that returns (maybe on another
 * CPU, after a preemption or a callback), resumes the service from the
 * (maybe changed) frame.
 */
#include <tzbsp/irq_frame.S>

#include "../sched/ctx.h"

/* Load every register of the frame at \base (x0 or sp) but x0/x1. */
.macro	load_frame base
	ldr	x2, [\base, #TZ_EXC_FRAME_SP_EL0]
	msr	sp_el0, x2
	ldp	x2, x3, [\base, #TZ_EXC_FRAME_ELR]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x2, x3, [\base, #TZ_EXC_FRAME_X(2)]
	ldp	x4, x5, [\base, #TZ_EXC_FRAME_X(4)]
	ldp	x6, x7, [\base, #TZ_EXC_FRAME_X(6)]
	ldp	x8, x9, [\base, #TZ_EXC_FRAME_X(8)]
	ldp	x10, x11, [\base, #TZ_EXC_FRAME_X(10)]
	ldp	x12, x13, [\base, #TZ_EXC_FRAME_X(12)]
	ldp	x14, x15, [\base, #TZ_EXC_FRAME_X(14)]
	ldp	x16, x17, [\base, #TZ_EXC_FRAME_X(16)]
	ldp	x18, x19, [\base, #TZ_EXC_FRAME_X(18)]
	ldp	x20, x21, [\base, #TZ_EXC_FRAME_X(20)]
	ldp	x22, x23, [\base, #TZ_EXC_FRAME_X(22)]
	ldp	x24, x25, [\base, #TZ_EXC_FRAME_X(24)]
	ldp	x26, x27, [\base, #TZ_EXC_FRAME_X(26)]
	ldp	x28, x29, [\base, #TZ_EXC_FRAME_X(28)]
	ldr	x30, [\base, #TZ_EXC_FRAME_X(30)]
.endm

	.text
	.global	tz_el0_enter
	.type	tz_el0_enter, %function
	.balign	8
tz_el0_enter:
	tz_ctx_save_callee x0
	mov	x0, x1
	load_frame x0
	ldp	x0, x1, [x0, #TZ_EXC_FRAME_X(0)]
	eret
	.size	tz_el0_enter, . - tz_el0_enter

/* From the vectors: sp = the frame, saved whole; x0 = the kind. */
	.global	tz_el0_exc_common
	.type	tz_el0_exc_common, %function
	.balign	8
tz_el0_exc_common:
	/* The service's frame pointer and lr mean nothing at S-EL1. */
	mov	x29, xzr
	mov	x30, xzr
	mov	x1, sp
	bl	tz_el0_exception
	tz_irq_frame_restore_eret
	.size	tz_el0_exc_common, . - tz_el0_exc_common

	.section .note.GNU-stack, "", %progbits
