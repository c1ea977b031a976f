// SPDX-License-Identifier: BSD-3-Clause
/*
 * The EL3 identity map (docs/firmware.md, "Image and memory"), 4 KiB
 * granule, 32-bit VA and PA
 * (T0SZ = 32: the walk starts at level 1 with four 1 GiB entries):
 *
 *   0x00000000  64 MiB   secure flash   normal, read-only, executable
 *   0x04000000  64 MiB   NS flash       unmapped
 *   0x08000000  96 MiB   devices        Device-nGnRnE, XN
 *   0x0e000000  16 MiB   secure RAM     normal, read-write, XN
 *   0x0f000000  784 MiB  devices        Device-nGnRnE, XN
 *   0x40000000  3 GiB    NS DRAM        normal, NS, read-write, XN
 *
 * Shared buffers are below 4 GiB (their addresses travel as u32), so DRAM
 * above TZ_NS_DRAM_MAP_END is never mapped; main.c clamps ns_mem to it.
 * The tables are built once by the boot CPU with the MMU off and then only
 * read, by every CPU's walker.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/platform.h>

#define PTE_TABLE	0x3ULL
#define PTE_BLOCK	0x1ULL
#define PTE_ATTR(i)	((uint64_t)(i) << 2)
#define PTE_NS		(1ULL << 5)
#define PTE_AP_RO	(1ULL << 7)
#define PTE_SH_INNER	(3ULL << 8)
#define PTE_AF		(1ULL << 10)
#define PTE_XN		(1ULL << 54)

/* MAIR_EL3 attribute indexes. */
#define ATTR_DEVICE	0	/* 0x00: Device-nGnRnE */
#define ATTR_NORMAL	1	/* 0xff: normal, write-back, RW-allocate */
#define MAIR_VALUE	(0xffULL << (8 * ATTR_NORMAL))

#define TCR_T0SZ	32ULL
#define TCR_IRGN_WBWA	(1ULL << 8)
#define TCR_ORGN_WBWA	(1ULL << 10)
#define TCR_SH_INNER	(3ULL << 12)
#define TCR_RES1	((1ULL << 31) | (1ULL << 23))
#define TCR_VALUE	(TCR_RES1 | TCR_SH_INNER | TCR_ORGN_WBWA | \
			 TCR_IRGN_WBWA | TCR_T0SZ)	/* TG0 4K, PS 4 GiB */

#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL

#define DEV_BLOCK	(PTE_BLOCK | PTE_ATTR(ATTR_DEVICE) | PTE_AF | PTE_XN)
#define MEM_BLOCK	(PTE_BLOCK | PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_AF)

static uint64_t l1_table[4] __attribute__((aligned(4096)));
static uint64_t l2_low[512] __attribute__((aligned(4096)));

_Static_assert(PLAT_SEC_FLASH_BASE % SZ_2M == 0 && PLAT_SEC_FLASH_SIZE % SZ_2M == 0,
	       "flash in 2 MiB blocks");
_Static_assert(PLAT_SEC_RAM_BASE % SZ_2M == 0 && PLAT_SEC_RAM_SIZE % SZ_2M == 0,
	       "secure RAM in 2 MiB blocks");
_Static_assert(PLAT_NS_DRAM_BASE == SZ_1G, "NS DRAM starts at L1 entry 1");

static int in_range(uint64_t a, uint64_t base, uint64_t size)
{
	return a >= base && a - base < size;
}

void tz_mmu_build(void)
{
	for (unsigned int i = 0; i < 512; i++) {
		uint64_t pa = (uint64_t)i * SZ_2M;

		if (in_range(pa, PLAT_SEC_FLASH_BASE, PLAT_SEC_FLASH_SIZE))
			l2_low[i] = pa | MEM_BLOCK | PTE_AP_RO;
		else if (in_range(pa, PLAT_SEC_RAM_BASE, PLAT_SEC_RAM_SIZE))
			l2_low[i] = pa | MEM_BLOCK | PTE_XN;
		else if (in_range(pa, PLAT_DEVICE_BASE, PLAT_DEVICE_SIZE))
			l2_low[i] = pa | DEV_BLOCK;
		else
			l2_low[i] = 0;
	}
	l1_table[0] = (uint64_t)(uintptr_t)l2_low | PTE_TABLE;
	for (unsigned int i = 1; i < 4; i++)
		l1_table[i] = (uint64_t)i * SZ_1G | MEM_BLOCK | PTE_NS | PTE_XN;
	dsb_sy();
}

/* Called by every CPU, MMU off, after tz_mmu_build() on the boot CPU. */
void tz_mmu_enable(void)
{
	uint64_t sctlr;

	write_sysreg(MAIR_VALUE, mair_el3);
	write_sysreg(TCR_VALUE, tcr_el3);
	write_sysreg((uintptr_t)l1_table, ttbr0_el3);
	dsb_sy();
	__asm__ volatile("tlbi alle3" ::: "memory");
	dsb_sy();
	isb();
	sctlr = read_sysreg(sctlr_el3);
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_WXN;
	write_sysreg(sctlr, sctlr_el3);
	isb();
}
