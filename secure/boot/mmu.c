// SPDX-License-Identifier: BSD-3-Clause
/*
 * TZBSP's S-EL1 translation regime: an identity map, 4 KiB granule,
 * 32-bit VA and PA (T0SZ = 32: the walk starts at level 1 with four
 * 1 GiB entries; TTBR1 walks are disabled).
 *
 *   0x03f80000  512 KiB  secure flash, its last   Device-nGnRnE, XN, per
 *                        two blocks (counters)    4 KiB page (tzbsp/flash.h)
 *   0x09000000  2 MiB    devices (secure UART)   Device-nGnRnE, XN
 *   0x0e000000  1 MiB    TF-A (BL1/BL2/BL31)      unmapped
 *   0x0e100000  15 MiB   TZBSP (BL32)             normal; per 4 KiB page
 *                        of the image: text RX, read-only data RO XN,
 *                        data/bss/stacks RW XN
 *   0x40000000  3 GiB    NS DRAM                  normal, NS, RW, XN
 *
 * Nothing else is mapped: not the rest of the secure flash (BL1, the FIP,
 * the device secret's image), not the GIC, not the
 * normal world's devices beyond the UART's block, so a stray TZBSP
 * pointer faults instead of touching the monitor or the platform.  NS
 * DRAM is mapped NS (the normal world's view of it): the shared buffers
 * live there, and above TZ_NS_DRAM_MAP_END nothing is mapped at all.
 *
 * Every entry is global and EL1-only (no EL0 access, UXN): the S-EL0
 * services' tables (el0/el0_mmu.c) include them as they are, so nothing
 * here is reachable from S-EL0.
 *
 * The boot CPU builds the tables once with the MMU off; every CPU then
 * only reads them.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/flash.h>
#include <tzbsp/platform.h>
#include <tzbsp/pte.h>

#define MAIR_VALUE	(0xffULL << (8 * ATTR_NORMAL))

#define TCR_T0SZ	32ULL
#define TCR_IRGN_WBWA	(1ULL << 8)
#define TCR_ORGN_WBWA	(1ULL << 10)
#define TCR_SH_INNER	(3ULL << 12)
#define TCR_EPD1	(1ULL << 23)
#define TCR_VALUE	(TCR_EPD1 | TCR_SH_INNER | TCR_ORGN_WBWA | TCR_IRGN_WBWA | \
			 TCR_T0SZ)	/* TG0 4 KiB, IPS 4 GiB */

#define SZ_4K		0x1000ULL
#define SZ_2M		0x200000ULL
#define SZ_1G		0x40000000ULL

#define DEV_BLOCK	(PTE_BLOCK | PTE_ATTR(ATTR_DEVICE) | PTE_AF | PTE_XN)
#define DEV_PAGE	(PTE_PAGE | PTE_ATTR(ATTR_DEVICE) | PTE_AF | PTE_XN)

/* The image's sections (link.ld), page aligned. */
extern char __text_start[], __text_end[], __ro_end[], __image_end[];

static uint64_t l1_table[4] __attribute__((aligned(4096)));
static uint64_t l2_low[512] __attribute__((aligned(4096)));
/* The 2 MiB block that holds TF-A's last MiB and TZBSP's first. */
static uint64_t l3_tos[512] __attribute__((aligned(4096)));
/* The 2 MiB block at the end of flash0 that holds the counter area. */
static uint64_t l3_flash[512] __attribute__((aligned(4096)));

_Static_assert(PLAT_TOS_BASE % SZ_4K == 0 && PLAT_TOS_SIZE % SZ_4K == 0, "TZBSP in pages");
_Static_assert((PLAT_TOS_BASE + PLAT_TOS_SIZE) % SZ_2M == 0, "TZBSP ends on a 2 MiB block");
_Static_assert(PLAT_NS_DRAM_BASE == SZ_1G, "NS DRAM starts at L1 entry 1");
_Static_assert(TZ_FLASH_RB_BASE % SZ_4K == 0 && TZ_FLASH_RB_SIZE <= SZ_2M &&
	       TZ_FLASH_RB_BASE / SZ_2M == (TZ_FLASH_RB_BASE + TZ_FLASH_RB_SIZE - 1) / SZ_2M,
	       "the counter area is whole pages inside one 2 MiB block");

static int in_range(uint64_t a, uint64_t base, uint64_t size)
{
	return a >= base && a - base < size;
}

/* The descriptor bits of TZBSP's page (or block) at pa. */
static uint64_t tos_attrs(uint64_t pa)
{
	if (pa >= (uintptr_t)__text_start && pa < (uintptr_t)__text_end)
		return MEM_ATTRS | PTE_AP_RO | PTE_UXN;
	if (pa >= (uintptr_t)__text_end && pa < (uintptr_t)__ro_end)
		return MEM_ATTRS | PTE_AP_RO | PTE_XN;
	return MEM_ATTRS | PTE_XN;
}

void tz_mmu_build(void)
{
	const uint64_t l3_base = PLAT_TOS_BASE & ~(SZ_2M - 1);
	const uint64_t fl_base = TZ_FLASH_RB_BASE & ~(SZ_2M - 1);

	for (unsigned int i = 0; i < 512; i++) {
		uint64_t pa = l3_base + (uint64_t)i * SZ_4K;

		l3_tos[i] = in_range(pa, PLAT_TOS_BASE, PLAT_TOS_SIZE) ?
			    pa | PTE_PAGE | tos_attrs(pa) : 0;
	}
	for (unsigned int i = 0; i < 512; i++) {
		uint64_t pa = fl_base + (uint64_t)i * SZ_4K;

		l3_flash[i] = in_range(pa, TZ_FLASH_RB_BASE, TZ_FLASH_RB_SIZE) ?
			      pa | DEV_PAGE : 0;
	}
	for (unsigned int i = 0; i < 512; i++) {
		uint64_t pa = (uint64_t)i * SZ_2M;

		if (pa == fl_base)
			l2_low[i] = (uint64_t)(uintptr_t)l3_flash | PTE_TABLE;
		else if (pa == l3_base)
			l2_low[i] = (uint64_t)(uintptr_t)l3_tos | PTE_TABLE;
		else if (in_range(pa, PLAT_TOS_BASE, PLAT_TOS_SIZE))
			l2_low[i] = pa | PTE_BLOCK | tos_attrs(pa);
		else if (pa == (PLAT_SEC_UART_BASE & ~(SZ_2M - 1)))
			l2_low[i] = pa | DEV_BLOCK;
		else
			l2_low[i] = 0;
	}
	l1_table[0] = (uint64_t)(uintptr_t)l2_low | PTE_TABLE;
	for (unsigned int i = 1; i < 4; i++)
		l1_table[i] = (uint64_t)i * SZ_1G | PTE_BLOCK | MEM_ATTRS | PTE_NS | PTE_XN;
	dsb_sy();
}

uint64_t tz_mmu_os_table(void)
{
	return (uint64_t)(uintptr_t)l1_table;
}

/* Called by every CPU, MMU off, after tz_mmu_build() on the boot CPU. */
void tz_mmu_enable(void)
{
	uint64_t sctlr;

	write_sysreg(MAIR_VALUE, mair_el1);
	write_sysreg(TCR_VALUE, tcr_el1);
	write_sysreg((uintptr_t)l1_table, ttbr0_el1);
	dsb_sy();
	__asm__ volatile("tlbi vmalle1" ::: "memory");
	dsb_sy();
	isb();
	sctlr = read_sysreg(sctlr_el1);
	sctlr |= SCTLR_M | SCTLR_C | SCTLR_I | SCTLR_WXN | SCTLR_SA;
	sctlr |= SCTLR_SA0;
	/*
	 * S-EL0 (the trusted services) may not mask interrupts, wait for
	 * them or events, or touch the caches: UMA, nTWI, nTWE, DZE, UCT and
	 * UCI clear, so each of these traps and ends the service's command.
	 */
	sctlr &= ~(uint64_t)(SCTLR_A | SCTLR_UMA | SCTLR_DZE | SCTLR_UCT |
			     SCTLR_nTWI | SCTLR_nTWE | SCTLR_UCI);
	write_sysreg(sctlr, sctlr_el1);
	isb();
}
