/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * S-EL1 exception vectors (VBAR_EL1).  TZBSP runs with every exception
 * masked except IRQs inside a command's preemptible region
 * (tz_preempt_enable()), and has no S-EL0 yet.  An IRQ from the current
 * EL on SP_EL1 is such a normal-world interrupt: its frame goes on the
 * thread's stack and tz_sched_preempt() parks the thread until RESUME.
 * Any other exception is a fault inside TZBSP (a bad pointer, a
 * translation fault): tz_sel1_unexpected() reports it on the secure UART
 * and stops the CPU.
 */
#include <tzbsp/irq_frame.S>

.macro	unexpected kind
	.balign	0x80
	mov	x0, #\kind
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	b	tz_sel1_unexpected
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
	unexpected 8
	unexpected 9
	unexpected 10
	unexpected 11
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
