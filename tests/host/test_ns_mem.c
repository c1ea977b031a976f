// SPDX-License-Identifier: BSD-3-Clause
/* ns_range_valid(): every way a normal-world range can be wrong. */
#include <stdint.h>

#include <tzbsp/ns_mem.h>
#include <tzbsp/platform.h>

#include "tap.h"

#define GiB	(1ULL << 30)

int main(void)
{
	uint64_t base, size;

	/* Before the DTB is read nothing is valid. */
	OK(!ns_range_valid(0x40000000, 16), "nothing valid before set_dram");

	ns_mem_set_dram(0x40000000, 1 * GiB);
	ns_mem_get_dram(&base, &size);
	IS(base, 0x40000000, "get_dram base");
	IS(size, 1 * GiB, "get_dram size");

	OK(ns_range_valid(0x40000000, 1), "first byte of DRAM");
	OK(ns_range_valid(0x40000000, 1 * GiB), "all of DRAM");
	OK(ns_range_valid(0x40000000 + GiB - 1, 1), "last byte of DRAM");
	OK(ns_range_valid(0x41000000, TZCOM_SB_LEN), "a shared buffer");
	OK(!ns_range_valid(0x41000000, 0), "zero length rejected");
	OK(!ns_range_valid(0x3fffffff, 2), "straddles DRAM start");
	OK(!ns_range_valid(0x3fffffff, 1), "just below DRAM");
	OK(!ns_range_valid(0x40000000 + GiB, 1), "just past DRAM");
	OK(!ns_range_valid(0x40000000 + GiB - 1, 2), "straddles DRAM end");
	OK(!ns_range_valid(0x40000000, GiB + 1), "one byte too long");
	OK(!ns_range_valid(0xfffffffffffff000ULL, 0x2000), "wraps 2^64");
	OK(!ns_range_valid(0x40000010, UINT64_MAX), "huge length wraps");
	OK(!ns_range_valid(0x40000010, UINT64_MAX - 0x40000000), "length to 2^64");
	OK(!ns_range_valid(UINT64_MAX, 1), "last address");
	OK(!ns_range_valid(PLAT_SEC_RAM_BASE, 0x1000), "secure RAM");
	OK(!ns_range_valid(PLAT_SEC_FLASH_BASE, 0x1000), "secure flash");
	OK(!ns_range_valid(PLAT_SEC_UART_BASE, 0x1000), "secure UART");
	OK(!ns_range_valid(0, 1), "address 0");

	/* A DTB claiming DRAM over the secure regions changes nothing. */
	ns_mem_set_dram(0, 4 * GiB);
	OK(!ns_range_valid(PLAT_SEC_RAM_BASE, 1), "secure RAM inside claimed DRAM");
	OK(!ns_range_valid(PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - 1, 1),
	   "last byte of secure RAM");
	OK(!ns_range_valid(PLAT_SEC_RAM_BASE - 1, 2), "straddles secure RAM start");
	OK(!ns_range_valid(PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - 1, 2),
	   "straddles secure RAM end");
	OK(ns_range_valid(PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE, 1),
	   "just past secure RAM");
	OK(ns_range_valid(PLAT_SEC_RAM_BASE - 1, 1), "just below secure RAM");
	OK(!ns_range_valid(PLAT_SEC_FLASH_BASE + PLAT_SEC_FLASH_SIZE - 1, 1),
	   "last byte of secure flash");
	OK(!ns_range_valid(0x08000000, 0x10000000), "covers secure RAM");

	/* A wrapping /memory region is refused as a whole. */
	ns_mem_set_dram(0xfffffffff0000000ULL, 0x20000000);
	ns_mem_get_dram(&base, &size);
	IS(size, 0, "wrapping DRAM region refused");
	OK(!ns_range_valid(0xfffffffff0000000ULL, 16), "nothing valid then");

	ns_mem_set_dram(0x40000000, 0);
	OK(!ns_range_valid(0x40000000, 1), "empty DRAM: nothing valid");

	/* The one overlap test the secure world uses (ns_mem and the scheduler). */
	OK(ranges_overlap(0x1000, 0x10, 0x100f, 1), "overlap: last byte");
	OK(!ranges_overlap(0x1000, 0x10, 0x1010, 1), "overlap: adjacent after");
	OK(!ranges_overlap(0x1010, 1, 0x1000, 0x10), "overlap: adjacent before");
	OK(ranges_overlap(0x1000, 0x100, 0x1080, 0x10), "overlap: contained");
	OK(!ranges_overlap(0x1000, 0, 0x1000, 0x10), "overlap: empty range");
	OK(ranges_overlap(UINT64_MAX - 1, 2, UINT64_MAX, 1), "overlap: at the top, no overflow");
	OK(!ranges_overlap(0, 1, UINT64_MAX, 1), "overlap: far apart ends");

	return tap_done();
}
