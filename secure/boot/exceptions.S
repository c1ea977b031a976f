/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * S-EL1 exception vectors (VBAR_EL1).  TZBSP itself runs with every
 * exception masked, so an exception from S-EL1 is a fault inside TZBSP
 * (a bad pointer, a translation fault): tz_sel1_unexpected() reports it
 * on the secure UART and stops the CPU.  Exceptions from S-EL0 (a trusted
 * service's syscall, fault or interrupt) push a struct tz_exc_frame and
 * go to el0/el0_entry.S, which hands them to el0/el0_run.c.  S-EL0 runs
 * AArch64 only, so the AArch32 lower-EL entries are unexpected too.
 */
#include <tzbsp/el0.h>
#include <tzbsp/exc_frame.h>
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
	sub	sp, sp, #TZ_EXC_FRAME_SIZE
	stp	x0, x1, [sp, #TZ_EXC_FRAME_X(0)]
	mov	x0, #\kind
	b	tz_el0_exc_common
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
	unexpected 5
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

	.section .note.GNU-stack, "", %progbits
