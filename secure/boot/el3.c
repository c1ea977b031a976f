// SPDX-License-Identifier: BSD-3-Clause
/*
 * Per-CPU EL3 configuration and the hand-over to the normal world.  The
 * firmware never runs a secure lower EL, so SCR_EL3.NS stays set for good
 * and the lower ELs see the normal world's state only.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/log.h>
#include <tzbsp/panic.h>

/* Fallback if the counter frequency was left unprogrammed (QEMU sets it). */
#define TZ_CNTFRQ_DEFAULT	62500000U

static int el2_implemented(void)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);

	return ((pfr0 >> ID_AA64PFR0_EL2_SHIFT) & ID_AA64PFR0_EL2_MASK) != 0;
}

void tz_el3_cpu_init(void)
{
	/*
	 * NS lower ELs are AArch64; SMC allowed; no secure instruction fetch
	 * from NS memory; IRQ, FIQ and SError stay with the normal world.
	 */
	uint64_t scr = SCR_RES1 | SCR_NS | SCR_RW | SCR_SIF;

	if (el2_implemented())
		scr |= SCR_HCE;
	write_sysreg(scr, scr_el3);
	/*
	 * No FP/SIMD, trace or CPACR traps to EL3: mbedTLS uses SIMD at EL3
	 * and the kernel uses it at EL1.
	 */
	write_sysreg(0, cptr_el3);
	/* No debug or PMU traps to EL3; secure self-hosted debug disabled. */
	write_sysreg(0, mdcr_el3);
	if (read_sysreg(cntfrq_el0) == 0)
		write_sysreg(TZ_CNTFRQ_DEFAULT, cntfrq_el0);
	isb();
	tz_mmu_enable();
}

void tz_boot_enter_ns(uint64_t entry, uint64_t arg0)
{
	uint64_t spsr = SPSR_DAIF_MASKED;

	/* Linux's boot protocol: MMU and D-cache off at the entry EL. */
	write_sysreg(SCTLR_EL1_MMU_OFF, sctlr_el1);
	if (el2_implemented()) {
		write_sysreg(SCTLR_EL3_RES1, sctlr_el2);
		write_sysreg(HCR_EL2_RW, hcr_el2);
		write_sysreg(0, cntvoff_el2);
		spsr |= SPSR_M_EL2H;
	} else {
		spsr |= SPSR_M_EL1H;
	}
	isb();
	tz_enter_ns(entry, arg0, spsr);
}
