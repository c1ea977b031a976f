/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * S-EL1 exception vectors (VBAR_EL1).  TZBSP runs with every exception
 * masked except IRQs inside a command's preemptible region
 * (tz_preempt_enable()) and while a command runs at S-EL0.  Every
 * exception that may resume what it interrupted saves the one frame,
 * struct tz_exc_frame (tzbsp/irq_frame.S):
 *   - an IRQ from the current EL on SP_EL1 is a normal-world interrupt in
 *     a preemptible region: tz_sched_preempt() parks the thread until
 *     RESUME;
 *   - an exception from S-EL0 (a trusted service's syscall, fault or
 *     interrupt) goes to el0/el0_entry.S, which hands it to
 *     el0/el0_run.c; its IRQs end in tz_sched_preempt() too.
 * Any other exception is a fault inside TZBSP (a bad pointer, a
 * translation fault): tz_sel1_unexpected() reports it on the secure UART
 * and stops the CPU.  S-EL0 runs AArch64 only, so the AArch32 lower-EL
 * entries are unexpected too.
 */
#include <tzbsp/el0.h>
#include <tzbsp/irq_frame.S>

.macro	unexpected kind
	.balign	0x80
	mov	x0, #\kind
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	b	tz_sel1_unexpected
.endm

.macro	from_el0 kind
	.balign	0x80
.Lfrom_el0_\kind\():
	tz_irq_frame_save
	mov	x0, #\kind
	b	tz_el0_exc_common
	.if	. - .Lfrom_el0_\kind > 0x80
	.error	"from_el0: vector entry longer than 0x80 bytes"
	.endif
.endm

	.text
	.balign	0x800
	.global	tz_sel1_vectors
tz_sel1_vectors:
	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3
	unexpected 4
	.balign	0x80			/* IRQ, current EL, SP_EL1 */
	b	tz_sel1_irq
	unexpected 6
	unexpected 7
	from_el0 TZ_EL0_EXC_SYNC
	from_el0 TZ_EL0_EXC_IRQ
	from_el0 TZ_EL0_EXC_FIQ
	from_el0 TZ_EL0_EXC_SERROR
	unexpected 12
	unexpected 13
	unexpected 14
	unexpected 15

	.balign	8
tz_sel1_irq:
	tz_irq_frame_save
	bl	tz_sched_preempt
	tz_irq_frame_restore_eret

	.section .note.GNU-stack, "", %progbits
