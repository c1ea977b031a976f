/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AArch64 system register bits the EL3 firmware programs, and accessors.
 * Shared by the assembly in secure/boot and the C code, hence the
 * __ASSEMBLER__ guard and U()/ULL() style literals.
 */
#ifndef TZBSP_ARCH_H
#define TZBSP_ARCH_H

/* Literals usable from C and from assembly (where a U suffix is an error). */
#ifdef __ASSEMBLER__
#define ARCH_U(x)	x
#define ARCH_ULL(x)	x
#else
#define ARCH_U(x)	x##U
#define ARCH_ULL(x)	x##ULL
#endif

/* MPIDR_EL1: affinity 0 is the CPU index on virt (up to 8 CPUs, GICv2). */
#define MPIDR_AFF0_MASK		ARCH_ULL(0xff)
#define MPIDR_AFF_MASK		ARCH_ULL(0xff00ffffff)	/* Aff3..Aff0 */

/* SCR_EL3 */
#define SCR_NS			(ARCH_U(1) << 0)
#define SCR_RES1		(ARCH_U(3) << 4)
#define SCR_SMD			(ARCH_U(1) << 7)
#define SCR_HCE			(ARCH_U(1) << 8)
#define SCR_SIF			(ARCH_U(1) << 9)
#define SCR_RW			(ARCH_U(1) << 10)

/* SCTLR_ELx */
#define SCTLR_M			(ARCH_U(1) << 0)
#define SCTLR_A			(ARCH_U(1) << 1)
#define SCTLR_C			(ARCH_U(1) << 2)
#define SCTLR_SA		(ARCH_U(1) << 3)
#define SCTLR_I			(ARCH_U(1) << 12)
#define SCTLR_WXN		(ARCH_U(1) << 19)
/* RES1 bits of SCTLR_EL3/EL2 (4, 5, 11, 16, 18, 22, 23, 28, 29). */
#define SCTLR_EL3_RES1		ARCH_U(0x30c50830)
/* Linux's INIT_SCTLR_EL1_MMU_OFF: RES1 bits, little-endian, MMU off. */
#define SCTLR_EL1_MMU_OFF	ARCH_U(0x30d00800)

/* SPSR_EL3 for the first entry into the normal world: DAIF masked. */
#define SPSR_DAIF_MASKED	(ARCH_U(0xf) << 6)
#define SPSR_M_EL1H		ARCH_U(0x5)
#define SPSR_M_EL2H		ARCH_U(0x9)

/* ID_AA64PFR0_EL1.EL2 (bits 11:8): non-zero if EL2 is implemented. */
#define ID_AA64PFR0_EL2_SHIFT	8
#define ID_AA64PFR0_EL2_MASK	ARCH_ULL(0xf)

/* SCR_EL3 bits for features the lower ELs may use (only set if present). */
#define SCR_APK			(ARCH_ULL(1) << 16)
#define SCR_API			(ARCH_ULL(1) << 17)
#define SCR_ENSCXT		(ARCH_ULL(1) << 25)
#define SCR_ATA			(ARCH_ULL(1) << 26)
#define SCR_FGTEN		(ARCH_ULL(1) << 27)
#define SCR_HXEN		(ARCH_ULL(1) << 38)

/* CPTR_EL3: EZ and ESM leave SVE and SME untrapped. */
#define CPTR_EZ			(ARCH_U(1) << 8)
#define CPTR_ESM		(ARCH_U(1) << 12)
/* ZCR_EL3 / SMCR_EL3 LEN: allow the largest vector length. */
#define ZCR_LEN_MAX		ARCH_U(0xf)

/* ID register fields (start bit; all are 4 bits wide). */
#define ID_PFR0_SVE_SHIFT	32
#define ID_PFR0_CSV2_SHIFT	56
#define ID_PFR1_MTE_SHIFT	8
#define ID_PFR1_SME_SHIFT	24
#define ID_ISAR1_APA_SHIFT	4
#define ID_ISAR1_API_SHIFT	8
#define ID_ISAR1_GPA_SHIFT	24
#define ID_ISAR1_GPI_SHIFT	28
#define ID_ISAR2_APA3_SHIFT	12
#define ID_ISAR2_GPA3_SHIFT	8
#define ID_MMFR0_FGT_SHIFT	56
#define ID_MMFR1_HCX_SHIFT	40

/* HCR_EL2.RW: EL1 is AArch64. */
#define HCR_EL2_RW		(ARCH_ULL(1) << 31)

/* ESR_ELx.EC */
#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		ARCH_U(0x3f)
#define ESR_EC_SMC64		ARCH_U(0x17)
#define ESR_EC_SMC32		ARCH_U(0x13)

/* Per-CPU EL3 stack (secure RAM). */
#define TZ_CPU_STACK_SIZE	ARCH_U(16384)

#ifndef __ASSEMBLER__
#include <stdint.h>

#ifdef TZBSP_HOST
/*
 * Host tests build the portable parts of the firmware (PSCI) against
 * these hooks: system registers by name, barriers and events as calls.
 */
uint64_t tz_host_read_sysreg(const char *name);
void tz_host_write_sysreg(const char *name, uint64_t v);
void tz_host_event(const char *what);	/* "sev", "wfe", barriers */

#define read_sysreg(r)		tz_host_read_sysreg(#r)
#define write_sysreg(v, r)	tz_host_write_sysreg(#r, (uint64_t)(v))

static inline void isb(void) { tz_host_event("isb"); }
static inline void dsb_sy(void) { tz_host_event("dsb sy"); }
static inline void dsb_ish(void) { tz_host_event("dsb ish"); }
static inline void sev(void) { tz_host_event("sev"); }
static inline void wfe(void) { tz_host_event("wfe"); }
static inline void wfi(void) { tz_host_event("wfi"); }
#else
#define read_sysreg(r) ({						\
	uint64_t __v;							\
	__asm__ volatile("mrs %0, " #r : "=r"(__v));			\
	__v;								\
})

#define write_sysreg(v, r) do {						\
	uint64_t __v = (uint64_t)(v);					\
	__asm__ volatile("msr " #r ", %0" : : "r"(__v));		\
} while (0)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

static inline void dsb_ish(void)
{
	__asm__ volatile("dsb ish" ::: "memory");
}

static inline void sev(void)
{
	__asm__ volatile("sev" ::: "memory");
}

static inline void wfe(void)
{
	__asm__ volatile("wfe" ::: "memory");
}

static inline void wfi(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

#endif /* TZBSP_HOST */

static inline uint64_t read_mpidr(void)
{
	return read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
}

static inline void mmio_write32(uint64_t addr, uint32_t v)
{
	*(volatile uint32_t *)(uintptr_t)addr = v;
}

static inline uint32_t mmio_read32(uint64_t addr)
{
	return *(volatile uint32_t *)(uintptr_t)addr;
}
#endif /* __ASSEMBLER__ */

#endif /* TZBSP_ARCH_H */
