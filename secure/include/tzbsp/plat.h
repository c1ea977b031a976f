/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform operations, behind one const table: only secure/plat knows the
 * devices.  Addresses are in tzbsp/platform.h.  Power, the GIC and CPU
 * bring-up are TF-A's; TZBSP needs its console and a CPU index.
 */
#ifndef TZBSP_PLAT_H
#define TZBSP_PLAT_H

#include <stddef.h>
#include <stdint.h>

struct plat_ops {
	/* The secure console. */
	void (*console_init)(void);
	void (*console_write)(const char *s, size_t len);
	/* MPIDR -> CPU index, or -1 if no such CPU can exist on the board. */
	int (*core_pos)(uint64_t mpidr);
};

extern const struct plat_ops plat_ops;

#endif /* TZBSP_PLAT_H */
