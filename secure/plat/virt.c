// SPDX-License-Identifier: BSD-3-Clause
/* The QEMU virt,secure=on platform, as TZBSP at S-EL1 needs it. */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/plat.h>
#include <tzbsp/platform.h>

#include "plat_virt.h"

/* One cluster of up to PLAT_MAX_CPUS (GICv2 limit): Aff0 is the index. */
static int virt_core_pos(uint64_t mpidr)
{
	if (mpidr & ~MPIDR_AFF0_MASK)
		return -1;
	if ((mpidr & MPIDR_AFF0_MASK) >= PLAT_MAX_CPUS)
		return -1;
	return (int)(mpidr & MPIDR_AFF0_MASK);
}

const struct plat_ops plat_ops = {
	.console_init = pl011_init,
	.console_write = pl011_write,
	.core_pos = virt_core_pos,
};
