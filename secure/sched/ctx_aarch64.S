/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * aarch64 context switch (AAPCS64 callee-saved registers only).
 * tz_ctx_switch(from = x0, to = x1).
 *
 * d8-d15 are switched only in the host-native test build (TZBSP_HOST with
 * TZ_CTX_NATIVE), where userspace code uses FP freely.  In the firmware
 * the FP/SIMD registers hold the normal world's state and are trapped:
 * all secure C code, mbedTLS included, is built with
 * -mgeneral-regs-only, so a switch has no FP state of its own to move.
 */
#if !defined(TZBSP_HOST) || defined(TZ_CTX_NATIVE)
#include <tzbsp/asm_macros.S>

#include "ctx.h"

	.text
	.global	tz_ctx_switch
	.type	tz_ctx_switch, %function
	.balign	8
tz_ctx_switch:
	tz_ctx_save_callee x0
#ifdef TZBSP_HOST
	stp	d8, d9, [x0, #TZ_CTX_D8 + 0]
	stp	d10, d11, [x0, #TZ_CTX_D8 + 16]
	stp	d12, d13, [x0, #TZ_CTX_D8 + 32]
	stp	d14, d15, [x0, #TZ_CTX_D8 + 48]
	ldp	d8, d9, [x1, #TZ_CTX_D8 + 0]
	ldp	d10, d11, [x1, #TZ_CTX_D8 + 16]
	ldp	d12, d13, [x1, #TZ_CTX_D8 + 32]
	ldp	d14, d15, [x1, #TZ_CTX_D8 + 48]
#endif
	ldp	x19, x20, [x1, #TZ_CTX_X19 + 0]
	ldp	x21, x22, [x1, #TZ_CTX_X19 + 16]
	ldp	x23, x24, [x1, #TZ_CTX_X19 + 32]
	ldp	x25, x26, [x1, #TZ_CTX_X19 + 48]
	ldp	x27, x28, [x1, #TZ_CTX_X19 + 64]
	ldp	x29, x30, [x1, #TZ_CTX_X29]
	ldr	x9, [x1, #TZ_CTX_SP]
	mov	sp, x9
	ret
	.size	tz_ctx_switch, . - tz_ctx_switch

/*
 * First entry of a prepared context: tz_ctx_switch() "returns" here with
 * x19 = entry and every other callee-saved register zero.  Clear the
 * scratch registers too, so nothing of the SMC handler's state reaches
 * the service, then call entry(); it must not come back.
 */
	.global	tz_ctx_trampoline
	.type	tz_ctx_trampoline, %function
	.balign	8
tz_ctx_trampoline:
	mov	x9, x19
	tz_zero_regs x19, x0, x1, x2, x3, x4, x5, x6, x7, x8, \
		x10, x11, x12, x13, x14, x15, x16, x17, x18
	blr	x9
	b	tz_ctx_halt
	.size	tz_ctx_trampoline, . - tz_ctx_trampoline
#endif

	.section .note.GNU-stack, "", %progbits
