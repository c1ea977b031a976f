/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The first bytes of every S-EL0 service image: the header TZBSP's loader
 * checks (tzbsp/el0_abi.h, filled by the linker from user.ld's symbols),
 * and _start, where every entry begins on a fresh stack:
 *   x0 = TZ_EL0_OP_*, x1..x5 = the handler's arguments, x6 = this
 *   service's stack-protector guard.
 * The guard is stored before any C runs, so no C frame can check against
 * an older value; tz_user_main() ends with the exit syscall.
 */
#include <tzbsp/el0_abi.h>

	.section .tz_user_header, "a"
	.balign	8
	.quad	TZ_EL0_MAGIC
	.word	TZ_EL0_HDR_VERSION
	.word	88
	.quad	__user_start
	.quad	_start
	.quad	__text_end
	.quad	__ro_end
	.quad	__data_start
	.quad	__data_end
	.quad	__bss_end
	.quad	__sess_start
	.quad	__sess_end

	.section .text.start, "ax"
	.global	_start
	.type	_start, %function
_start:
	adrp	x9, __stack_chk_guard
	str	x6, [x9, :lo12:__stack_chk_guard]
	mov	x6, xzr
	mov	x29, xzr
	mov	x30, xzr
	bl	tz_user_main
	udf	#0
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
