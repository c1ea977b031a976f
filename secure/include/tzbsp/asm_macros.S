/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assembler macros shared by TZBSP's .S files (included from assembly
 * only).
 */
#ifndef TZBSP_ASM_MACROS_S
#define TZBSP_ASM_MACROS_S

/*
 * Zero each register named.  Every place where TZBSP hands registers to
 * less trusted or fresh code (the SPD at a DONE, a new service context)
 * clears what it does not pass on with this, so the list is the contract.
 */
.macro	tz_zero_regs regs:vararg
	.irp	r, \regs
	mov	\r, xzr
	.endr
.endm

#endif /* TZBSP_ASM_MACROS_S */
