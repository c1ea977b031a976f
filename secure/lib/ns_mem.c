// SPDX-License-Identifier: BSD-3-Clause
/*
 * Validation of normal-world physical ranges (docs/protocol.md).  Written so that
 * no sum can overflow: the only sums computed ("base + size", "pa + len")
 * are the wrap checks themselves, in unsigned arithmetic; every bound after
 * that compares lengths and differences of starts, never an end address.
 */
#include <tzbsp/ns_mem.h>
#include <tzbsp/platform.h>

/* Written once on the boot CPU before the other CPUs are released. */
static uint64_t ns_dram_base;
static uint64_t ns_dram_size;

void ns_mem_set_dram(uint64_t base, uint64_t size)
{
	/* A region that wraps the address space is a broken DTB: accept nothing. */
	if (size && base + size < base)
		size = 0;
	ns_dram_base = base;
	ns_dram_size = size;
}

void ns_mem_get_dram(uint64_t *base, uint64_t *size)
{
	*base = ns_dram_base;
	*size = ns_dram_size;
}

/* Differences of starts against lengths: no end is ever computed. */
bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	if (alen == 0 || blen == 0)
		return false;
	return a >= b ? a - b < blen : b - a < alen;
}

bool ns_range_valid(uint64_t pa, uint64_t len)
{
	if (len == 0 || ns_dram_size == 0)
		return false;
	if (pa + len < pa)
		return false;
	if (pa < ns_dram_base || pa - ns_dram_base > ns_dram_size ||
	    len > ns_dram_size - (pa - ns_dram_base))
		return false;
	/*
	 * The DTB could claim DRAM over the secure regions; never hand those
	 * out, whatever /memory says.
	 */
	if (ranges_overlap(pa, len, PLAT_SEC_RAM_BASE, PLAT_SEC_RAM_SIZE) ||
	    ranges_overlap(pa, len, PLAT_SEC_FLASH_BASE, PLAT_SEC_FLASH_SIZE))
		return false;
	return true;
}
