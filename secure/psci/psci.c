// SPDX-License-Identifier: BSD-3-Clause
/*
 * PSCI 1.0 subset for QEMU virt (after TF-A lib/psci): CPU hotplug
 * through a per-CPU mailbox, system off and reset through plat_ops.
 *
 * QEMU starts every CPU at the reset vector when firmware owns EL3.  A CPU
 * other than the boot CPU parks in psci_cpu_park() until a CPU_ON names
 * it; CPU_OFF sends it back there.  Each CPU's state changes only under
 * psci_lock:
 *
 *   OFF --CPU_ON--> ON_PENDING --target leaves the park loop--> ON
 *    ^                                                          |
 *    +-----------------------CPU_OFF (on the CPU itself)--------+
 */
#include <stdbool.h>
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>
#include <tzbsp/panic.h>
#include <tzbsp/plat.h>
#include <tzbsp/platform.h>
#include <tzbsp/psci.h>
#include <tzbsp/smc.h>
#include <tzcom/tzsched.h>

#include "../sched/spinlock.h"

enum cpu_state {
	CPU_ABSENT,		/* not on this board */
	CPU_OFF,
	CPU_ON_PENDING,
	CPU_ON,
};

struct psci_cpu {
	enum cpu_state state;
	bool parked_once;	/* reached the park loop at least once */
	uint64_t entry;
	uint64_t context_id;
};

static tz_spinlock_t psci_lock = TZ_SPINLOCK_INIT;
static struct psci_cpu cpus[PLAT_MAX_CPUS];	/* under psci_lock */

static int this_cpu(void)
{
	int cpu = plat_ops.core_pos(read_mpidr());

	TZ_ASSERT(cpu >= 0);
	return cpu;
}

int psci_setup(const uint64_t *mpidr, unsigned int count, unsigned int boot_cpu)
{
	for (unsigned int i = 0; i < count; i++) {
		int cpu = plat_ops.core_pos(mpidr[i]);

		if (cpu < 0) {
			tz_log("psci: ignoring DTB cpu with MPIDR %#llx",
			       (unsigned long long)mpidr[i]);
			continue;
		}
		cpus[cpu].state = CPU_OFF;
	}
	if (boot_cpu >= PLAT_MAX_CPUS || cpus[boot_cpu].state != CPU_OFF)
		return -TZ_EINVAL;
	cpus[boot_cpu].state = CPU_ON;
	cpus[boot_cpu].parked_once = true;
	return 0;
}

static uint64_t counter_ms(void)
{
	uint64_t frq = read_sysreg(cntfrq_el0);

	return frq ? read_sysreg(cntpct_el0) / (frq / 1000 ? frq / 1000 : 1) : 0;
}

unsigned int psci_wait_secondaries(unsigned int timeout_ms)
{
	uint64_t start = counter_ms();
	unsigned int usable;
	bool waiting;

	do {
		waiting = false;
		tz_spin_lock(&psci_lock);
		for (unsigned int i = 0; i < PLAT_MAX_CPUS; i++)
			waiting |= cpus[i].state != CPU_ABSENT && !cpus[i].parked_once;
		tz_spin_unlock(&psci_lock);
	} while (waiting && counter_ms() - start < timeout_ms);

	usable = 0;
	tz_spin_lock(&psci_lock);
	for (unsigned int i = 0; i < PLAT_MAX_CPUS; i++) {
		if (cpus[i].state != CPU_ABSENT && !cpus[i].parked_once)
			cpus[i].state = CPU_ABSENT;
		usable += cpus[i].state != CPU_ABSENT;
	}
	tz_spin_unlock(&psci_lock);
	return usable;
}

void psci_cpu_park(unsigned int cpu)
{
	struct psci_cpu *c = &cpus[cpu];
	uint64_t entry, context_id;

	TZ_ASSERT(cpu < PLAT_MAX_CPUS);
	for (;;) {
		tz_spin_lock(&psci_lock);
		c->parked_once = true;
		if (c->state == CPU_ON_PENDING) {
			entry = c->entry;
			context_id = c->context_id;
			c->state = CPU_ON;
			tz_spin_unlock(&psci_lock);
			break;
		}
		tz_spin_unlock(&psci_lock);
		wfe();
	}
	plat_ops.gic_cpu_init();
	tz_boot_enter_ns(entry, context_id);
}

int32_t psci_version(void)
{
	return PSCI_VERSION_1_0;
}

int32_t psci_features(uint32_t fid)
{
	switch (fid) {
	case TZ_SMCCC_VERSION:
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_CPU_ON_AARCH32:
	case PSCI_CPU_ON_AARCH64:
	case PSCI_CPU_OFF:
	case PSCI_AFFINITY_INFO_AARCH32:
	case PSCI_AFFINITY_INFO_AARCH64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		return PSCI_E_SUCCESS;
	default:
		return PSCI_E_NOT_SUPPORTED;
	}
}

/* An AArch64 entry point: aligned, and in NS DRAM (never secure memory). */
static bool psci_valid_ns_entry(uint64_t entry)
{
	return (entry & 3) == 0 && ns_range_valid(entry, 4);
}

int32_t psci_cpu_on(uint64_t target_cpu, uint64_t entry, uint64_t context_id)
{
	int cpu = plat_ops.core_pos(target_cpu);
	struct psci_cpu *c;
	int32_t ret;

	if (!psci_valid_ns_entry(entry))
		return PSCI_E_INVALID_ADDRESS;
	if (cpu < 0)
		return PSCI_E_INVALID_PARAMS;
	c = &cpus[cpu];

	tz_spin_lock(&psci_lock);
	switch (c->state) {
	case CPU_ABSENT:
		ret = PSCI_E_INVALID_PARAMS;
		break;
	case CPU_ON:
		ret = PSCI_E_ALREADY_ON;
		break;
	case CPU_ON_PENDING:
		ret = PSCI_E_ON_PENDING;
		break;
	case CPU_OFF:
		c->entry = entry;
		c->context_id = context_id;
		c->state = CPU_ON_PENDING;
		ret = PSCI_E_SUCCESS;
		break;
	default:
		ret = PSCI_E_INTERNAL_FAILURE;	/* no other state exists */
		break;
	}
	tz_spin_unlock(&psci_lock);
	if (ret == PSCI_E_SUCCESS) {
		dsb_ish();
		sev();
	}
	return ret;
}

int32_t psci_cpu_off(void)
{
	int cpu = this_cpu();
	enum cpu_state was;

	tz_spin_lock(&psci_lock);
	was = cpus[cpu].state;
	if (was == CPU_ON)
		cpus[cpu].state = CPU_OFF;
	tz_spin_unlock(&psci_lock);
	/* Only a running CPU can make this call: anything else is our bug. */
	if (was != CPU_ON)
		panic("psci: CPU_OFF on cpu %d in state %d", cpu, was);
	/* The SMC frame on this stack is abandoned: the CPU restarts clean. */
	psci_cpu_park((unsigned int)cpu);
}

int32_t psci_affinity_info(uint64_t target_affinity, uint32_t lowest_level)
{
	int cpu = plat_ops.core_pos(target_affinity);
	int32_t ret;

	/* Only level 0 (a single core) is tracked on this one-cluster board. */
	if (lowest_level != 0 || cpu < 0)
		return PSCI_E_INVALID_PARAMS;
	tz_spin_lock(&psci_lock);
	switch (cpus[cpu].state) {
	case CPU_ON:
		ret = PSCI_AFF_ON;
		break;
	case CPU_ON_PENDING:
		ret = PSCI_AFF_ON_PENDING;
		break;
	case CPU_OFF:
		ret = PSCI_AFF_OFF;
		break;
	default:
		ret = PSCI_E_INVALID_PARAMS;
		break;
	}
	tz_spin_unlock(&psci_lock);
	return ret;
}

int32_t psci_migrate_info_type(void)
{
	return PSCI_TOS_NOT_PRESENT_MP;
}

void psci_system_off(void)
{
	tz_log("psci: SYSTEM_OFF");
	plat_ops.system_off();
	for (;;)
		wfi();
}

void psci_system_reset(void)
{
	tz_log("psci: SYSTEM_RESET");
	/* Secondaries must wait for the boot CPU again after the reset. */
	tz_boot_unrelease();
	plat_ops.system_reset();
	for (;;)
		wfi();
}

/* ---- the standard service (OEN 4) ----------------------------------------- */

static void psci_smc_handle(const struct smc_args *a, struct smc_ret *r)
{
	int64_t ret;

	switch (a->fid) {
	case PSCI_VERSION:
		ret = psci_version();
		break;
	case PSCI_FEATURES:
		ret = psci_features((uint32_t)a->a[1]);
		break;
	case PSCI_CPU_ON_AARCH32:
	case PSCI_CPU_ON_AARCH64:
		ret = psci_cpu_on(a->a[1], a->a[2], a->a[3]);
		break;
	case PSCI_CPU_OFF:
		ret = psci_cpu_off();
		break;
	case PSCI_AFFINITY_INFO_AARCH32:
	case PSCI_AFFINITY_INFO_AARCH64:
		ret = psci_affinity_info(a->a[1], (uint32_t)a->a[2]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		ret = psci_migrate_info_type();
		break;
	case PSCI_SYSTEM_OFF:
		psci_system_off();
	case PSCI_SYSTEM_RESET:
		psci_system_reset();
	default:
		ret = SMC_UNK;
		break;
	}
	smc_ret1(r, (uint64_t)ret);
}

const struct smc_service psci_std_service = {
	.name = "psci",
	.oen_start = SMC_OEN_STD,
	.oen_end = SMC_OEN_STD,
	.call_type = SMC_TYPE_FAST,
	.handle = psci_smc_handle,
};
