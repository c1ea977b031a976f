/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * EL3 exception vectors.  The only exception the firmware expects is an
 * SMC from the normal world (lower EL, AArch64).  It saves the caller's
 * x0..x30, ELR and SPSR in a struct smc_frame on this CPU's EL3 stack,
 * calls smc_handle(), and restores everything, so that only x0..x3 (set
 * by the handler in the frame) change.  Anything else is a firmware bug
 * or an impossible state: tz_el3_unexpected() panics.
 */
#include <tzbsp/arch.h>
#include <tzbsp/smc.h>

.macro	unexpected kind
	.balign	0x80
	mov	x0, #\kind
	mrs	x1, esr_el3
	mrs	x2, elr_el3
	mrs	x3, far_el3
	b	tz_el3_unexpected
.endm

	.text
	.balign	0x800
	.global	tz_el3_vectors
tz_el3_vectors:
	/* Current EL with SP_EL0: never used. */
	unexpected 0
	unexpected 1
	unexpected 2
	unexpected 3
	/* Current EL with SP_EL3: a fault inside the firmware. */
	unexpected 4
	unexpected 5
	unexpected 6
	unexpected 7
	/* Lower EL, AArch64: sync is the SMC. */
	.balign	0x80
	sub	sp, sp, #SMC_FRAME_SIZE
	stp	x0, x1, [sp, #16 * 0]
	stp	x2, x3, [sp, #16 * 1]
	b	el3_lower_sync
	unexpected 9
	unexpected 10
	unexpected 11
	/* Lower EL, AArch32: no 32-bit normal world here. */
	unexpected 12
	unexpected 13
	unexpected 14
	unexpected 15

el3_lower_sync:
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]
	mrs	x0, elr_el3
	mrs	x1, spsr_el3
	stp	x30, x0, [sp, #16 * 15]
	str	x1, [sp, #SMC_FRAME_SPSR]

	mrs	x0, esr_el3
	ubfx	x0, x0, #ESR_EC_SHIFT, #6
	cmp	x0, #ESR_EC_SMC64
	b.ne	1f
	mov	x0, sp
	bl	smc_handle

	ldr	x1, [sp, #SMC_FRAME_SPSR]
	ldp	x30, x0, [sp, #16 * 15]
	msr	elr_el3, x0
	msr	spsr_el3, x1
	ldp	x28, x29, [sp, #16 * 14]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x0, x1, [sp, #16 * 0]
	add	sp, sp, #SMC_FRAME_SIZE
	eret

	/* A trap from the normal world that is not an SMC. */
1:	mov	x0, #8
	mrs	x1, esr_el3
	mrs	x2, elr_el3
	mrs	x3, far_el3
	b	tz_el3_unexpected

	.section .note.GNU-stack, "", %progbits
