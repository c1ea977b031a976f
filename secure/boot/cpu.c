// SPDX-License-Identifier: BSD-3-Clause
/*
 * One CPU's S-EL1 state, set on its first entry into TZBSP (cold boot on
 * the boot CPU, the cpu-on entry on the others).  TF-A starts each CPU's
 * secure context with the S-EL1 system registers at their reset values
 * and switches them with the normal world's on every entry, so this is
 * set once per power-on of the CPU and then kept by the SPD.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>

extern const char tz_sel1_vectors[];

void tz_cpu_init(void)
{
	write_sysreg((uintptr_t)tz_sel1_vectors, vbar_el1);
	/*
	 * FP/SIMD trapped: TF-A does not switch the FP registers between the
	 * worlds (CTX_INCLUDE_FPREGS=0), so they hold the normal world's, and
	 * no TZBSP code (mbedTLS included, crypto.mk) is built to use them.
	 * A stray FP instruction then faults rather than corrupts them.
	 */
	write_sysreg(CPACR_FPEN_TRAP, cpacr_el1);
	isb();
	tz_mmu_enable();
}
