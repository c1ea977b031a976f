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

static unsigned int id_field(uint64_t reg, unsigned int shift)
{
	return (unsigned int)(reg >> shift) & 0xf;
}

/*
 * Features a newer CPU model (-cpu max) has, which trap to EL3 unless EL3
 * opens them: the kernel would take an unexpected exception here.  Each
 * is enabled only if the ID registers report it, so cortex-a57 gets none.
 * The bits and the CPTR value are returned for tz_el3_cpu_init().
 */
static uint64_t el3_lower_features(uint64_t *cptr)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
	uint64_t pfr1 = read_sysreg(id_aa64pfr1_el1);
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1);
	uint64_t isar2 = read_sysreg(s3_0_c0_c6_2);	/* ID_AA64ISAR2_EL1 */
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t mmfr1 = read_sysreg(id_aa64mmfr1_el1);
	uint64_t scr = 0;

	*cptr = 0;
	if (id_field(pfr0, ID_PFR0_SVE_SHIFT)) {
		*cptr |= CPTR_EZ;
		write_sysreg(CPTR_EZ, cptr_el3);
		isb();
		write_sysreg(ZCR_LEN_MAX, s3_6_c1_c2_0);	/* ZCR_EL3 */
	}
	if (id_field(pfr1, ID_PFR1_SME_SHIFT)) {
		*cptr |= CPTR_ESM;
		write_sysreg(*cptr, cptr_el3);
		isb();
		write_sysreg(ZCR_LEN_MAX, s3_6_c1_c2_6);	/* SMCR_EL3 */
	}
	if (id_field(isar1, ID_ISAR1_APA_SHIFT) || id_field(isar1, ID_ISAR1_API_SHIFT) ||
	    id_field(isar1, ID_ISAR1_GPA_SHIFT) || id_field(isar1, ID_ISAR1_GPI_SHIFT) ||
	    id_field(isar2, ID_ISAR2_APA3_SHIFT) || id_field(isar2, ID_ISAR2_GPA3_SHIFT))
		scr |= SCR_API | SCR_APK;
	if (id_field(pfr0, ID_PFR0_CSV2_SHIFT) >= 2)
		scr |= SCR_ENSCXT;
	if (id_field(pfr1, ID_PFR1_MTE_SHIFT) >= 2)
		scr |= SCR_ATA;
	if (id_field(mmfr0, ID_MMFR0_FGT_SHIFT))
		scr |= SCR_FGTEN;
	if (id_field(mmfr1, ID_MMFR1_HCX_SHIFT))
		scr |= SCR_HXEN;
	return scr;
}

void tz_el3_cpu_init(void)
{
	/*
	 * NS lower ELs are AArch64; SMC allowed; no secure instruction fetch
	 * from NS memory; IRQ, FIQ and SError stay with the normal world.
	 */
	uint64_t scr = SCR_RES1 | SCR_NS | SCR_RW | SCR_SIF;
	uint64_t cptr;

	scr |= el3_lower_features(&cptr);
	if (el2_implemented())
		scr |= SCR_HCE;
	write_sysreg(scr, scr_el3);
	/*
	 * No FP/SIMD, trace or CPACR traps to EL3 (mbedTLS uses SIMD at EL3
	 * and the kernel uses it at EL1), nor SVE/SME traps if present.
	 */
	write_sysreg(cptr, cptr_el3);
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
