// SPDX-License-Identifier: BSD-3-Clause
/*
 * PSCI (secure/psci/psci.c) on the host: CPU_ON argument checks and
 * states, the park loop, CPU_OFF and repeated hotplug, AFFINITY_INFO,
 * FEATURES, and SYSTEM_OFF/RESET reaching the platform.  "Which CPU am I"
 * is a variable read through the MPIDR hook; anything that would leave
 * EL3 for good (entering the normal world, wfe in the park loop, wfi
 * after power-off, panic) longjmps back to the test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <tzbsp/boot.h>
#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>
#include <tzbsp/panic.h>
#include <tzbsp/plat.h>
#include <tzbsp/psci.h>
#include <tzbsp/smc.h>

#include "tap.h"

enum leave { LEFT_NONE, LEFT_NS, LEFT_WFE, LEFT_WFI, LEFT_PANIC };

static jmp_buf env;
static uint64_t cur_mpidr;
static uint64_t counter;
static int sevs, gic_inits, offs, resets, unreleases;
static uint64_t ns_entry, ns_arg;

/* ---- hooks the firmware code calls ---------------------------------------- */

uint64_t tz_host_read_sysreg(const char *name)
{
	if (!strcmp(name, "mpidr_el1"))
		return cur_mpidr;
	if (!strcmp(name, "cntfrq_el0"))
		return 1000000;
	if (!strcmp(name, "cntpct_el0"))
		return counter += 50000;	/* 50 ms per read */
	return 0;
}

void tz_host_write_sysreg(const char *name, uint64_t v)
{
	(void)name;
	(void)v;
}

void tz_host_event(const char *what)
{
	if (!strcmp(what, "sev"))
		sevs++;
	else if (!strcmp(what, "wfe"))
		longjmp(env, LEFT_WFE);
	else if (!strcmp(what, "wfi"))
		longjmp(env, LEFT_WFI);
}

void tz_boot_enter_ns(uint64_t entry, uint64_t arg0)
{
	ns_entry = entry;
	ns_arg = arg0;
	longjmp(env, LEFT_NS);
}

void tz_boot_unrelease(void)
{
	unreleases++;
}

void tz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# log: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# panic: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	longjmp(env, LEFT_PANIC);
}

static int fake_core_pos(uint64_t mpidr)
{
	return (mpidr & ~0xffULL) || (mpidr & 0xff) >= PLAT_MAX_CPUS ? -1 : (int)mpidr;
}

static void fake_gic_cpu_init(void)
{
	gic_inits++;
}

static void fake_off(void)
{
	offs++;
}

static void fake_reset(void)
{
	resets++;
}

const struct plat_ops plat_ops = {
	.gic_cpu_init = fake_gic_cpu_init,
	.core_pos = fake_core_pos,
	.system_off = fake_off,
	.system_reset = fake_reset,
};

/* ---- helpers ----------------------------------------------------------------- */

/* CPU cpu runs the park loop once: it either enters NS or waits (wfe). */
static enum leave park(unsigned int cpu)
{
	volatile enum leave how;

	cur_mpidr = cpu;
	how = (enum leave)setjmp(env);
	if (how == LEFT_NONE)
		psci_cpu_park(cpu);
	return how;
}

static enum leave cpu_off(unsigned int cpu)
{
	volatile enum leave how;

	cur_mpidr = cpu;
	how = (enum leave)setjmp(env);
	if (how == LEFT_NONE)
		psci_cpu_off();
	return how;
}

static int64_t std_call(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct smc_args a = { .fid = fid, .a = { 0, a1, a2, a3 } };
	struct smc_ret r = { { 0 } };

	psci_std_service.handle(&a, &r);
	return (int64_t)r.x[0];
}

static enum leave std_call_leaves(uint32_t fid)
{
	volatile enum leave how = (enum leave)setjmp(env);

	if (how == LEFT_NONE)
		std_call(fid, 0, 0, 0);
	return how;
}

/* ---- tests ------------------------------------------------------------------- */

static void test_setup(void)
{
	const uint64_t only1[] = { 1 };
	const uint64_t dtb[] = { 0, 1, 2, 3, 0x100 };

	IS(psci_setup(only1, 1, 0), -TZ_EINVAL, "setup: boot CPU missing from the DTB");
	IS(psci_setup(dtb, 5, 0), 0, "setup: 4 CPUs, Aff1 entry ignored");
	/* CPUs 1 and 2 reach the park loop and wait; 3 never comes. */
	IS(park(1), LEFT_WFE, "cpu1 parks and waits");
	IS(park(2), LEFT_WFE, "cpu2 parks and waits");
	cur_mpidr = 0;
	IS(psci_wait_secondaries(1000), 3, "wait: cpu3 never parked, 3 usable");
	IS(psci_affinity_info(3, 0), PSCI_E_INVALID_PARAMS, "dropped cpu3 is not a CPU any more");
}

static void test_cpu_on_checks(void)
{
	IS(psci_cpu_on(1, 0x0e000000, 0), PSCI_E_INVALID_ADDRESS, "CPU_ON: entry in secure RAM");
	IS(psci_cpu_on(1, 0x00001000, 0), PSCI_E_INVALID_ADDRESS, "CPU_ON: entry in secure flash");
	IS(psci_cpu_on(1, 0x09000000, 0), PSCI_E_INVALID_ADDRESS, "CPU_ON: entry in device space");
	IS(psci_cpu_on(1, 0x80000000, 0), PSCI_E_INVALID_ADDRESS, "CPU_ON: entry past DRAM");
	IS(psci_cpu_on(1, 0x40200002, 0), PSCI_E_INVALID_ADDRESS, "CPU_ON: unaligned entry");
	IS(psci_cpu_on(1, 0xffffffffffffff00ULL, 0), PSCI_E_INVALID_ADDRESS, "CPU_ON: wrapping entry");
	IS(psci_cpu_on(0x100, 0x40200000, 0), PSCI_E_INVALID_PARAMS, "CPU_ON: Aff1 target");
	IS(psci_cpu_on(8, 0x40200000, 0), PSCI_E_INVALID_PARAMS, "CPU_ON: target 8");
	IS(psci_cpu_on(5, 0x40200000, 0), PSCI_E_INVALID_PARAMS, "CPU_ON: target not in the DTB");
	IS(psci_cpu_on(3, 0x40200000, 0), PSCI_E_INVALID_PARAMS, "CPU_ON: target that never parked");
	IS(psci_cpu_on(0, 0x40200000, 0), PSCI_E_ALREADY_ON, "CPU_ON: the boot CPU is on");
	IS(psci_affinity_info(0, 0), PSCI_AFF_ON, "AFFINITY_INFO: boot CPU on");
	IS(psci_affinity_info(1, 0), PSCI_AFF_OFF, "AFFINITY_INFO: parked cpu1 off");
	IS(psci_affinity_info(1, 1), PSCI_E_INVALID_PARAMS, "AFFINITY_INFO: level 1 refused");
	IS(psci_affinity_info(0x10000, 0), PSCI_E_INVALID_PARAMS, "AFFINITY_INFO: Aff2 target");
}

static void test_hotplug(void)
{
	int bad = 0;

	sevs = 0;
	IS(psci_cpu_on(1, 0x40201000, 0x1234), PSCI_E_SUCCESS, "CPU_ON cpu1");
	IS(sevs, 1, "CPU_ON wakes the parked CPUs (sev)");
	IS(psci_cpu_on(1, 0x40201000, 0x1234), PSCI_E_ON_PENDING, "CPU_ON again: ON_PENDING");
	IS(psci_affinity_info(1, 0), PSCI_AFF_ON_PENDING, "AFFINITY_INFO: ON_PENDING");
	gic_inits = 0;
	IS(park(1), LEFT_NS, "cpu1 leaves the park loop for the normal world");
	OK(ns_entry == 0x40201000 && ns_arg == 0x1234, "... at its entry with x0 = context id");
	IS(gic_inits, 1, "... with its GIC CPU interface set up");
	IS(psci_affinity_info(1, 0), PSCI_AFF_ON, "AFFINITY_INFO: on");
	IS(psci_cpu_on(1, 0x40201000, 0), PSCI_E_ALREADY_ON, "CPU_ON on a running CPU");
	IS(park(2), LEFT_WFE, "cpu2 is not woken by cpu1's CPU_ON");

	for (unsigned int i = 0; i < 200; i++) {
		uint64_t ctx = 0xc0de0000ULL + i;

		bad += cpu_off(1) != LEFT_WFE;
		bad += psci_affinity_info(1, 0) != PSCI_AFF_OFF;
		bad += psci_cpu_on(1, 0x40300000 + 4 * i, ctx) != PSCI_E_SUCCESS;
		bad += park(1) != LEFT_NS;
		bad += ns_entry != 0x40300000 + 4 * i || ns_arg != ctx;
	}
	IS(bad, 0, "200 CPU_OFF / CPU_ON cycles of cpu1");

	/* The boot CPU can go too, and come back on another's CPU_ON. */
	IS(cpu_off(0), LEFT_WFE, "cpu0 CPU_OFF parks it");
	cur_mpidr = 1;
	IS(psci_cpu_on(0, 0x40200000, 7), PSCI_E_SUCCESS, "cpu1 turns cpu0 back on");
	IS(park(0), LEFT_NS, "cpu0 re-enters the normal world");

	/* Invariant: only a running CPU can call CPU_OFF. */
	IS(cpu_off(2), LEFT_PANIC, "CPU_OFF from a CPU that is off panics");
}

static void test_std_service(void)
{
	IS(std_call(PSCI_VERSION, 0, 0, 0), 0x10000, "PSCI_VERSION 1.0");
	IS(std_call(PSCI_FEATURES, PSCI_CPU_ON_AARCH64, 0, 0), 0, "FEATURES: CPU_ON");
	IS(std_call(PSCI_FEATURES, PSCI_SYSTEM_RESET, 0, 0), 0, "FEATURES: SYSTEM_RESET");
	IS(std_call(PSCI_FEATURES, 0x80000000, 0, 0), 0, "FEATURES: SMCCC_VERSION (Linux needs it for SMCCC 1.1)");
	IS(std_call(PSCI_FEATURES, PSCI_CPU_SUSPEND_AARCH32, 0, 0), PSCI_E_NOT_SUPPORTED,
	   "FEATURES: CPU_SUSPEND not supported");
	IS(std_call(PSCI_FEATURES, 0xC4000012, 0, 0), PSCI_E_NOT_SUPPORTED,
	   "FEATURES: SYSTEM_RESET2 not supported");
	IS(std_call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2, "MIGRATE_INFO_TYPE: no TOS to migrate");
	IS(std_call(0x84000050, 0, 0, 0), -1, "TRNG_VERSION: unknown");
	IS(std_call(PSCI_CPU_SUSPEND_AARCH32, 0, 0, 0), -1, "CPU_SUSPEND: unknown");
	IS(std_call(PSCI_AFFINITY_INFO_AARCH32, 1, 0, 0), PSCI_AFF_ON, "AFFINITY_INFO SMC32");
	IS(std_call(PSCI_CPU_ON_AARCH32, 2, 0x40400000, 9), PSCI_E_SUCCESS, "CPU_ON SMC32");
	IS(park(2), LEFT_NS, "cpu2 enters after the SMC32 CPU_ON");
	OK(ns_entry == 0x40400000 && ns_arg == 9, "... at the SMC32 entry point");

	offs = 0;
	IS(std_call_leaves(PSCI_SYSTEM_OFF), LEFT_WFI, "SYSTEM_OFF never returns");
	IS(offs, 1, "SYSTEM_OFF asks the platform to power off");
	resets = unreleases = 0;
	IS(std_call_leaves(PSCI_SYSTEM_RESET), LEFT_WFI, "SYSTEM_RESET never returns");
	OK(resets == 1 && unreleases == 1, "SYSTEM_RESET re-holds the secondaries, then resets");
}

int main(void)
{
	/* A lock left held would spin for ever: fail instead of hanging. */
	alarm(30);
	ns_mem_set_dram(0x40000000, 0x40000000);
	test_setup();
	test_cpu_on_checks();
	test_hotplug();
	test_std_service();
	return tap_done();
}
