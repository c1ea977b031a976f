/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The EL3 half of tzbspd_enter()/tzbspd_exit(): keep this CPU's EL3 C
 * runtime (callee-saved registers and stack) while TZBSP runs, and come
 * back to it when TZBSP reports done.  Everything else about the switch
 * (general registers, ELR/SPSR, the S-EL1 system registers) is TF-A's
 * el3_exit and context management.
 */
#include <asm_macros.S>
#include "tzbspd_private.h"

	/*
	 * uint64_t tzbspd_switch_in(uint64_t *rt_sp)
	 * Runs on the EL3 runtime stack (SP_EL0).  Saves x19..x30 below the
	 * current sp, stores that sp in *rt_sp and leaves EL3 through
	 * el3_exit into the context cm_set_next_eret_context() selected.
	 * "Returns" through tzbspd_switch_out().
	 */
	.global	tzbspd_switch_in
func tzbspd_switch_in
	sub	sp, sp, #TZBSPD_RT_SIZE
	stp	x19, x20, [sp, #TZBSPD_RT_X19]
	stp	x21, x22, [sp, #TZBSPD_RT_X21]
	stp	x23, x24, [sp, #TZBSPD_RT_X23]
	stp	x25, x26, [sp, #TZBSPD_RT_X25]
	stp	x27, x28, [sp, #TZBSPD_RT_X27]
	stp	x29, x30, [sp, #TZBSPD_RT_X29]
	mov	x1, sp
	str	x1, [x0]
	b	el3_exit
endfunc tzbspd_switch_in

	/*
	 * void tzbspd_switch_out(uint64_t rt_sp, uint64_t x1)
	 * Back onto the stack tzbspd_switch_in() left, with its registers,
	 * returning x1 from it.  The frames built below rt_sp since (the
	 * SMC handler that called us) are dropped.
	 */
	.global	tzbspd_switch_out
func tzbspd_switch_out
	mov	sp, x0
	ldp	x19, x20, [sp, #TZBSPD_RT_X19]
	ldp	x21, x22, [sp, #TZBSPD_RT_X21]
	ldp	x23, x24, [sp, #TZBSPD_RT_X23]
	ldp	x25, x26, [sp, #TZBSPD_RT_X25]
	ldp	x27, x28, [sp, #TZBSPD_RT_X27]
	ldp	x29, x30, [sp, #TZBSPD_RT_X29]
	add	sp, sp, #TZBSPD_RT_SIZE
	mov	x0, x1
	ret
endfunc tzbspd_switch_out
