/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform operations, behind one const table (TF-A's plat_psci_ops
 * pattern): PSCI and the boot code call these, and only secure/plat knows
 * the devices.  Addresses are in tzbsp/platform.h.
 */
#ifndef TZBSP_PLAT_H
#define TZBSP_PLAT_H

#include <stddef.h>
#include <stdint.h>

struct plat_ops {
	/* The secure console. */
	void (*console_init)(void);
	void (*console_write)(const char *s, size_t len);
	/* GIC: once on the boot CPU, then on every CPU before each NS entry. */
	void (*gic_init)(void);
	void (*gic_cpu_init)(void);
	/* MPIDR -> CPU index, or -1 if no such CPU can exist on the board. */
	int (*core_pos)(uint64_t mpidr);
	/* Ask the board to power off or reset; both return once asked. */
	void (*system_off)(void);
	void (*system_reset)(void);
};

extern const struct plat_ops plat_ops;

#endif /* TZBSP_PLAT_H */
