// SPDX-License-Identifier: BSD-3-Clause
/*
 * Secure side of the GICv2 (docs/board.md, "Secure GIC setup"): the
 * normal world owns every
 * interrupt.  All interrupts go to Group 1 (the NS group): the banked
 * GICD_IGROUPR0 on each CPU, the shared ones once on the boot CPU.  The
 * secure GICC_PMR must be 0xff, or the NS priority mask can never let an
 * interrupt through.  Without this, Linux boots but no interrupt arrives.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/platform.h>

#include "plat_virt.h"

#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IGROUPR(n)		(0x080 + 4 * (n))
#define GICD_CTLR_GRP0		(1U << 0)
#define GICD_CTLR_GRP1		(1U << 1)
#define GICD_TYPER_ITLINES	0x1fU

#define GICC_CTLR		0x000
#define GICC_PMR		0x004
#define GICC_CTLR_GRP1		(1U << 1)

void gic_dist_init(void)
{
	uint32_t lines = mmio_read32(PLAT_GICD_BASE + GICD_TYPER) & GICD_TYPER_ITLINES;

	/* IGROUPR0 (SGIs, PPIs) is banked: each CPU sets its own. */
	for (uint32_t n = 1; n <= lines; n++)
		mmio_write32(PLAT_GICD_BASE + GICD_IGROUPR(n), 0xffffffffU);
	mmio_write32(PLAT_GICD_BASE + GICD_CTLR, GICD_CTLR_GRP1);
}

void gic_cpu_init(void)
{
	mmio_write32(PLAT_GICD_BASE + GICD_IGROUPR(0), 0xffffffffU);
	mmio_write32(PLAT_GICC_BASE + GICC_PMR, 0xff);
	/* Group 1 signals as IRQ; the NS GICC_CTLR the kernel writes is the same bit. */
	mmio_write32(PLAT_GICC_BASE + GICC_CTLR, GICC_CTLR_GRP1);
}
