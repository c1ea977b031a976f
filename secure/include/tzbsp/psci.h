/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * PSCI 1.0 subset (docs/firmware.md, "PSCI 1.0 subset"): function ids,
 * return codes, the boot hooks.
 */
#ifndef TZBSP_PSCI_H
#define TZBSP_PSCI_H

#include <stdbool.h>
#include <stdint.h>

#define PSCI_VERSION			0x84000000U
#define PSCI_CPU_SUSPEND_AARCH32	0x84000001U
#define PSCI_CPU_OFF			0x84000002U
#define PSCI_CPU_ON_AARCH32		0x84000003U
#define PSCI_CPU_ON_AARCH64		0xC4000003U
#define PSCI_AFFINITY_INFO_AARCH32	0x84000004U
#define PSCI_AFFINITY_INFO_AARCH64	0xC4000004U
#define PSCI_MIGRATE_INFO_TYPE		0x84000006U
#define PSCI_SYSTEM_OFF			0x84000008U
#define PSCI_SYSTEM_RESET		0x84000009U
#define PSCI_FEATURES			0x8400000AU

#define PSCI_VERSION_1_0		0x10000U

#define PSCI_E_SUCCESS			0
#define PSCI_E_NOT_SUPPORTED		(-1)
#define PSCI_E_INVALID_PARAMS		(-2)
#define PSCI_E_DENIED			(-3)
#define PSCI_E_ALREADY_ON		(-4)
#define PSCI_E_ON_PENDING		(-5)
#define PSCI_E_INTERNAL_FAILURE		(-6)
#define PSCI_E_INVALID_ADDRESS		(-9)

/* AFFINITY_INFO answers. */
#define PSCI_AFF_ON			0
#define PSCI_AFF_OFF			1
#define PSCI_AFF_ON_PENDING		2

/* MIGRATE_INFO_TYPE: no trusted OS that needs migrating. */
#define PSCI_TOS_NOT_PRESENT_MP		2

/*
 * Boot CPU, before anything else here: the CPUs the DTB lists (their
 * MPIDRs) and the boot CPU's index, which is ON.  Returns 0 or -TZ_EINVAL
 * if the boot CPU is not among them.
 */
int psci_setup(const uint64_t *mpidr, unsigned int count, unsigned int boot_cpu);

/*
 * Boot CPU: wait up to timeout_ms for every listed CPU to reach the park
 * loop; the ones that do not are dropped (CPU_ON answers INVALID_PARAMS).
 * Returns how many CPUs are usable, the boot CPU included.
 */
unsigned int psci_wait_secondaries(unsigned int timeout_ms);

/* Wait, powered off, until CPU_ON names this CPU, then enter the NS world. */
__attribute__((noreturn)) void psci_cpu_park(unsigned int cpu);

/* The PSCI calls, named after the spec. */
int32_t psci_version(void);
int32_t psci_features(uint32_t fid);
int32_t psci_cpu_on(uint64_t target_cpu, uint64_t entry, uint64_t context_id);
int32_t psci_cpu_off(void);
int32_t psci_affinity_info(uint64_t target_affinity, uint32_t lowest_level);
int32_t psci_migrate_info_type(void);
__attribute__((noreturn)) void psci_system_off(void);
__attribute__((noreturn)) void psci_system_reset(void);

#endif /* TZBSP_PSCI_H */
