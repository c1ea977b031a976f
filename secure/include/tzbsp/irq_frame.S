/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IRQ frame (docs/firmware.md, "Preemption"): everything an
 * interrupted thread needs to go on exactly where it was, saved on the
 * stack the exception was taken on (the thread's own).  Once saved, the
 * handler may switch away: another thread on this CPU can take an IRQ and
 * overwrite ELR_EL1/SPSR_EL1 and sp_el0, and the thread may come back on
 * another CPU.  Included from assembly only; any IRQ vector that calls
 * tz_sched_preempt() brackets the call with these two macros.
 *
 * Layout, in 8-byte words: x0..x30 at 0..30, sp_el0 at 31, ELR_EL1 at
 * 32, SPSR_EL1 at 33; 272 bytes, so sp stays 16-byte aligned.
 */
#ifndef TZBSP_IRQ_FRAME_S
#define TZBSP_IRQ_FRAME_S

#define TZ_IRQ_FRAME_SIZE	272

.macro	tz_irq_frame_save
	sub	sp, sp, #TZ_IRQ_FRAME_SIZE
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x0, sp_el0
	stp	x30, x0, [sp, #240]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #256]
.endm

/* Ends with the eret back into the interrupted code. */
.macro	tz_irq_frame_restore_eret
	ldp	x0, x1, [sp, #256]
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x30, x0, [sp, #240]
	msr	sp_el0, x0
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	add	sp, sp, #TZ_IRQ_FRAME_SIZE
	eret
.endm

#endif /* TZBSP_IRQ_FRAME_S */
