/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Validation of physical ranges handed over by the normal world.  Every
 * address and length from NS must pass ns_range_valid() before the
 * firmware touches it.
 */
#ifndef TZBSP_NS_MEM_H
#define TZBSP_NS_MEM_H

#include <stdbool.h>
#include <stdint.h>

/* Set once at boot from the DTB's /memory node; until then nothing is valid. */
void ns_mem_set_dram(uint64_t base, uint64_t size);

/*
 * True if [pa, pa + len) lies wholly inside NS DRAM, does not wrap, has
 * len > 0, and overlaps neither secure RAM nor secure flash.
 */
bool ns_range_valid(uint64_t pa, uint64_t len);

void ns_mem_get_dram(uint64_t *base, uint64_t *size);

/*
 * True if [a, a + alen) and [b, b + blen) share a byte.  Empty ranges
 * share none.  Never overflows, whatever the arguments.
 */
bool ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen);

#endif /* TZBSP_NS_MEM_H */
