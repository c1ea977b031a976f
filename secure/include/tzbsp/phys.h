/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Physical address -> pointer.  TZBSP runs with an identity map at S-EL1
 * (boot/mmu.c, docs/firmware.md), so on the target a physical address is its own virtual
 * address.  Host tests (TZBSP_HOST) map a fake NS DRAM array at a fake
 * physical base and provide tz_host_phys_to_ptr(), which aborts on any
 * address outside it.  Callers must have checked the whole range with
 * ns_range_valid() first.
 */
#ifndef TZBSP_PHYS_H
#define TZBSP_PHYS_H

#include <stdint.h>

#ifdef TZBSP_HOST
void *tz_host_phys_to_ptr(uint64_t pa);

static inline void *phys_to_ptr(uint64_t pa)
{
	return tz_host_phys_to_ptr(pa);
}
#else
static inline void *phys_to_ptr(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}
#endif

#endif /* TZBSP_PHYS_H */
