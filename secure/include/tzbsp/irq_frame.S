/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Saving and restoring the one exception frame, struct tz_exc_frame
 * (tzbsp/exc_frame.h, docs/firmware.md "The exception frame"): everything
 * an interrupted context needs to go on exactly where it was, saved on
 * the stack the exception was taken on (the thread's own).  Every vector
 * that may resume what it interrupted uses these two macros: the IRQ from
 * S-EL1 inside a preemptible region (boot/exceptions.S) and every
 * exception from S-EL0 (boot/exceptions.S, el0/el0_entry.S).  Once saved,
 * the handler may switch away: another thread on this CPU can take an
 * exception and overwrite ELR_EL1/SPSR_EL1 and sp_el0, and the thread may
 * come back on another CPU.  Included from assembly only.
 */
#ifndef TZBSP_IRQ_FRAME_S
#define TZBSP_IRQ_FRAME_S

#include <tzbsp/exc_frame.h>

/* 21 instructions: fits a vector entry with room for a mov and a branch. */
.macro	tz_irq_frame_save
	sub	sp, sp, #TZ_EXC_FRAME_SIZE
	stp	x0, x1, [sp, #TZ_EXC_FRAME_X(0)]
	stp	x2, x3, [sp, #TZ_EXC_FRAME_X(2)]
	stp	x4, x5, [sp, #TZ_EXC_FRAME_X(4)]
	stp	x6, x7, [sp, #TZ_EXC_FRAME_X(6)]
	stp	x8, x9, [sp, #TZ_EXC_FRAME_X(8)]
	stp	x10, x11, [sp, #TZ_EXC_FRAME_X(10)]
	stp	x12, x13, [sp, #TZ_EXC_FRAME_X(12)]
	stp	x14, x15, [sp, #TZ_EXC_FRAME_X(14)]
	stp	x16, x17, [sp, #TZ_EXC_FRAME_X(16)]
	stp	x18, x19, [sp, #TZ_EXC_FRAME_X(18)]
	stp	x20, x21, [sp, #TZ_EXC_FRAME_X(20)]
	stp	x22, x23, [sp, #TZ_EXC_FRAME_X(22)]
	stp	x24, x25, [sp, #TZ_EXC_FRAME_X(24)]
	stp	x26, x27, [sp, #TZ_EXC_FRAME_X(26)]
	stp	x28, x29, [sp, #TZ_EXC_FRAME_X(28)]
	mrs	x0, sp_el0
	stp	x30, x0, [sp, #TZ_EXC_FRAME_X(30)]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #TZ_EXC_FRAME_ELR]
.endm

/* Ends with the eret back into the (maybe changed) frame. */
.macro	tz_irq_frame_restore_eret
	ldp	x0, x1, [sp, #TZ_EXC_FRAME_ELR]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x30, x0, [sp, #TZ_EXC_FRAME_X(30)]
	msr	sp_el0, x0
	ldp	x0, x1, [sp, #TZ_EXC_FRAME_X(0)]
	ldp	x2, x3, [sp, #TZ_EXC_FRAME_X(2)]
	ldp	x4, x5, [sp, #TZ_EXC_FRAME_X(4)]
	ldp	x6, x7, [sp, #TZ_EXC_FRAME_X(6)]
	ldp	x8, x9, [sp, #TZ_EXC_FRAME_X(8)]
	ldp	x10, x11, [sp, #TZ_EXC_FRAME_X(10)]
	ldp	x12, x13, [sp, #TZ_EXC_FRAME_X(12)]
	ldp	x14, x15, [sp, #TZ_EXC_FRAME_X(14)]
	ldp	x16, x17, [sp, #TZ_EXC_FRAME_X(16)]
	ldp	x18, x19, [sp, #TZ_EXC_FRAME_X(18)]
	ldp	x20, x21, [sp, #TZ_EXC_FRAME_X(20)]
	ldp	x22, x23, [sp, #TZ_EXC_FRAME_X(22)]
	ldp	x24, x25, [sp, #TZ_EXC_FRAME_X(24)]
	ldp	x26, x27, [sp, #TZ_EXC_FRAME_X(26)]
	ldp	x28, x29, [sp, #TZ_EXC_FRAME_X(28)]
	add	sp, sp, #TZ_EXC_FRAME_SIZE
	eret
.endm

#endif /* TZBSP_IRQ_FRAME_S */
