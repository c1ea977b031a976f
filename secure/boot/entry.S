/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TZBSP's entries from our SPD (secure/spd/tzbspd), at S-EL1 with every
 * exception masked.
 *
 * _start is the BL32 image entry: TF-A's BL31 runs it once, on the boot
 * CPU, MMU off.  It zeroes .bss (BL2 loaded the rest of the image in
 * place), runs tzbsp_cold_init(), seeds the stack protector's canary
 * (crypto/stack_guard.c) and runs tzbsp_cold_main(), and reports TZ_TOS_ENTRY_DONE with the
 * vector table in x1.
 *
 * tzbsp_vectors: every later entry, on any CPU, starts at one of these
 * (offsets TZ_TOS_VEC_* in tzcom/tzsched.h), on a fresh per-CPU stack:
 * each entry runs to completion and ends with its TZ_TOS_*_DONE SMC, so
 * nothing on the stack outlives it (a service waiting for a callback
 * keeps its state on its own stack, secure/sched).  The SMC never
 * returns for a good answer; if the SPD refuses it, the CPU stops.
 */
#include <tzbsp/arch.h>
#include <tzbsp/asm_macros.S>
#include <tzbsp/platform.h>
#include <tzcom/tzsched.h>

/* sp = top of this CPU's stack; a CPU the board cannot have stops. */
.macro	cpu_stack
	mrs	x9, mpidr_el1
	ldr	x10, =(MPIDR_AFF_MASK & ~MPIDR_AFF0_MASK)
	tst	x9, x10
	b.ne	tos_dead
	and	x9, x9, #MPIDR_AFF0_MASK
	cmp	x9, #PLAT_MAX_CPUS
	b.hs	tos_dead
	add	x9, x9, #1
	mov	x10, #TZ_CPU_STACK_SIZE
	mul	x9, x9, x10
	adrp	x10, tz_cpu_stacks
	add	x10, x10, :lo12:tz_cpu_stacks
	add	sp, x10, x9
.endm

/* x0 = done, x1 = result, x2..x4 zero: nothing else reaches the SPD. */
.macro	done id
	mov	x1, x0
	ldr	x0, =\id
	tz_zero_regs x2, x3, x4
	smc	#0
	b	tos_dead
.endm

/*
 * A call from the normal world: x0..x7 as it passed them go to
 * handler(struct tz_call_regs *) on the stack, and x[0..3] come back as
 * the caller's x0..x3 (through TZ_TOS_CALL_DONE's x1..x4).
 */
.macro	call_entry handler
	cpu_stack
	sub	sp, sp, #64
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	mov	x0, sp
	bl	\handler
	ldp	x1, x2, [sp, #0]
	ldp	x3, x4, [sp, #16]
	ldr	x0, =TZ_TOS_CALL_DONE
	smc	#0
	b	tos_dead
.endm

	.section .text.entry, "ax"
	.global	_start
	.type	_start, %function
_start:
	msr	daifset, #0xf
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	stp	xzr, xzr, [x0], #16
	b	1b
2:	cpu_stack
	bl	tzbsp_cold_init
	bl	tz_stack_guard_init
	bl	tzbsp_cold_main
	done	TZ_TOS_ENTRY_DONE
	.size	_start, . - _start

	.text
	.balign	8
	.global	tzbsp_vectors
	.type	tzbsp_vectors, %object
tzbsp_vectors:
	b	std_call_entry		/* TZ_TOS_VEC_STD_CALL */
	b	fast_call_entry		/* TZ_TOS_VEC_FAST_CALL */
	b	cpu_on_entry		/* TZ_TOS_VEC_CPU_ON */
	b	cpu_off_entry		/* TZ_TOS_VEC_CPU_OFF */
	b	cpu_suspend_entry	/* TZ_TOS_VEC_CPU_SUSPEND */
	b	cpu_resume_entry	/* TZ_TOS_VEC_CPU_RESUME */
	b	system_off_entry	/* TZ_TOS_VEC_SYSTEM_OFF */
	b	system_reset_entry	/* TZ_TOS_VEC_SYSTEM_RESET */
	.size	tzbsp_vectors, . - tzbsp_vectors

std_call_entry:
	call_entry tzbsp_std_call
fast_call_entry:
	call_entry tzbsp_fast_call

/* PSCI events: x0 = the event's argument; int handler(uint64_t) -> x1. */
cpu_on_entry:
	cpu_stack
	bl	tzbsp_cpu_on
	done	TZ_TOS_ON_DONE
cpu_off_entry:
	cpu_stack
	bl	tzbsp_cpu_off
	done	TZ_TOS_OFF_DONE
cpu_suspend_entry:
	cpu_stack
	bl	tzbsp_cpu_suspend
	done	TZ_TOS_SUSPEND_DONE
cpu_resume_entry:
	cpu_stack
	bl	tzbsp_cpu_resume
	done	TZ_TOS_RESUME_DONE
system_off_entry:
	cpu_stack
	bl	tzbsp_system_off
	done	TZ_TOS_SYSTEM_OFF_DONE
system_reset_entry:
	cpu_stack
	bl	tzbsp_system_reset
	done	TZ_TOS_SYSTEM_RESET_DONE

	.global	tos_dead
tos_dead:
	msr	daifset, #0xf
3:	wfi
	b	3b

	.section .note.GNU-stack, "", %progbits
