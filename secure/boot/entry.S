/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cold boot at EL3 from secure flash 0x0 (QEMU starts every CPU here with
 * -bios), and the one way into the normal world.
 *
 * The boot CPU (Aff0 == 0) copies .data, zeroes .bss and runs tzbsp_main().
 * The others touch no RAM but boot_release until tzbsp_main() has set it:
 * .data and .bss, their stacks included, are not ready before that.
 */
#include <tzbsp/arch.h>
#include <tzbsp/platform.h>
#include <tzbsp/boot.h>

/* x\dst = top of this CPU's EL3 stack; clobbers \tmp.  MPIDR was checked. */
.macro	cpu_stack_top dst, tmp
	mrs	\tmp, mpidr_el1
	and	\tmp, \tmp, #MPIDR_AFF0_MASK
	add	\tmp, \tmp, #1
	mov	\dst, #TZ_CPU_STACK_SIZE
	mul	\tmp, \tmp, \dst
	adrp	\dst, tz_cpu_stacks
	add	\dst, \dst, :lo12:tz_cpu_stacks
	add	\dst, \dst, \tmp
.endm

	.section .text.entry, "ax"
	.global	_start
	.type	_start, %function
_start:
	msr	daifset, #0xf
	/* Known EL3 state: MMU and D-cache off, alignment checks off. */
	ldr	x0, =(SCTLR_EL3_RES1 | SCTLR_SA | SCTLR_I)
	msr	sctlr_el3, x0
	isb
	adrp	x0, tz_el3_vectors
	add	x0, x0, :lo12:tz_el3_vectors
	msr	vbar_el3, x0
	isb

	/* Only Aff0 0..PLAT_MAX_CPUS-1 exist on virt (GICv2, one cluster). */
	mrs	x0, mpidr_el1
	ldr	x1, =(MPIDR_AFF_MASK & ~MPIDR_AFF0_MASK)
	tst	x0, x1
	b.ne	cpu_dead
	and	x19, x0, #MPIDR_AFF0_MASK
	cmp	x19, #PLAT_MAX_CPUS
	b.hs	cpu_dead
	cbz	x19, primary

	/* Secondary: wait for the boot CPU, then park in PSCI until CPU_ON. */
	adrp	x1, tz_boot_release
	add	x1, x1, :lo12:tz_boot_release
	ldr	w2, =TZ_BOOT_RELEASE_MAGIC
1:	ldr	w3, [x1]
	cmp	w3, w2
	b.eq	2f
	wfe
	b	1b
2:	cpu_stack_top x0, x1
	mov	sp, x0
	mov	x0, x19
	bl	tzbsp_secondary_main
	b	cpu_dead

primary:
	/* .data: flash LMA -> secure RAM; both 16-byte aligned (link.ld). */
	ldr	x0, =__data_start
	ldr	x1, =__data_lma
	ldr	x2, =__data_end
3:	cmp	x0, x2
	b.hs	4f
	ldp	x3, x4, [x1], #16
	stp	x3, x4, [x0], #16
	b	3b
4:	ldr	x0, =__bss_start
	ldr	x2, =__bss_end
5:	cmp	x0, x2
	b.hs	6f
	stp	xzr, xzr, [x0], #16
	b	5b
6:	cpu_stack_top x0, x1
	mov	sp, x0
	bl	tzbsp_main
	/* fall through: tzbsp_main never returns */
cpu_dead:
	msr	daifset, #0xf
7:	wfi
	b	7b
	.size	_start, . - _start

/*
 * void tz_enter_ns(uint64_t entry, uint64_t arg0, uint64_t spsr)
 *
 * Leave EL3 for the normal world at entry with x0 = arg0 and every other
 * general register zero (nothing of the secure world's state leaks).  The
 * EL3 stack restarts empty: whatever called us (boot, or a CPU_OFF that
 * parked this CPU) is abandoned for good.
 */
	.text
	.global	tz_enter_ns
	.type	tz_enter_ns, %function
tz_enter_ns:
	msr	elr_el3, x0
	msr	spsr_el3, x2
	mov	x19, x1
	cpu_stack_top x0, x1
	mov	sp, x0
	mov	x0, x19
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x8, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x11, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x14, xzr
	mov	x15, xzr
	mov	x16, xzr
	mov	x17, xzr
	mov	x18, xzr
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	mov	x28, xzr
	mov	x29, xzr
	mov	x30, xzr
	isb
	eret
	.size	tz_enter_ns, . - tz_enter_ns

	.section .note.GNU-stack, "", %progbits
