/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-1 translation descriptors of TZBSP's tables (4 KiB granule), for
 * its own identity map (boot/mmu.c) and the S-EL0 services' tables
 * (el0/el0_mmu.c).
 */
#ifndef TZBSP_PTE_H
#define TZBSP_PTE_H

#define PTE_TABLE	0x3ULL
#define PTE_BLOCK	0x1ULL
#define PTE_PAGE	0x3ULL
#define PTE_ATTR(i)	((uint64_t)(i) << 2)
#define PTE_NS		(1ULL << 5)
#define PTE_AP_EL0	(1ULL << 6)	/* AP[1]: EL0 has the same access as EL1 */
#define PTE_AP_RO	(1ULL << 7)	/* AP[2]: read-only */
#define PTE_SH_INNER	(3ULL << 8)
#define PTE_AF		(1ULL << 10)
#define PTE_NG		(1ULL << 11)	/* not global: tagged with the ASID */
#define PTE_PXN		(1ULL << 53)
#define PTE_UXN		(1ULL << 54)
#define PTE_XN		(PTE_PXN | PTE_UXN)
#define PTE_ADDR_MASK	0x0000fffffffff000ULL

/* MAIR_EL1 attribute indexes. */
#define ATTR_DEVICE	0	/* 0x00: Device-nGnRnE */
#define ATTR_NORMAL	1	/* 0xff: normal, write-back, RW-allocate */

#define MEM_ATTRS	(PTE_ATTR(ATTR_NORMAL) | PTE_SH_INNER | PTE_AF)

#endif /* TZBSP_PTE_H */
