/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one fact the firmware takes from the DTB QEMU passes at 0x40000000
 * (and TF-A's BL2 completed): the NS DRAM range (/memory), read with
 * libfdt (lib/fdt.c).  The blob is normal-world memory, so it is treated
 * as hostile: the whole tree is checked against max_len and the header's
 * own sizes before anything is read, and a malformed blob gives
 * -TZ_EINVAL, never a read outside it.
 */
#ifndef TZBSP_FDT_H
#define TZBSP_FDT_H

#include <stddef.h>
#include <stdint.h>

/*
 * The first reg entry of an enabled device_type = "memory" node (root's
 * #address-cells/#size-cells) that contains anchor.  0, -TZ_ENOENT if no
 * such entry, -TZ_EINVAL if the blob is malformed or the region wraps.
 */
int fdt_find_dram(const void *blob, size_t max_len, uint64_t anchor,
		  uint64_t *base, uint64_t *size);

/*
 * Cut [*base, *base + *size) to [lo, hi).  Returns 0, or -TZ_ENOENT (and
 * *size = 0) if nothing is left.
 */
int mem_region_clamp(uint64_t *base, uint64_t *size, uint64_t lo, uint64_t hi);

#endif /* TZBSP_FDT_H */
