// SPDX-License-Identifier: BSD-3-Clause
/*
 * PSCI events, as the SPD forwards them.  TF-A does the power work; TZBSP
 * sets up its S-EL1 state on a CPU that comes on (the SPD gives it a
 * fresh context there, MMU off) and says what happens on its console.
 * The scheduler is not per CPU: a command waiting for its callback
 * survives any CPU going off, and its PENDING may come on any other.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/entry.h>
#include <tzbsp/log.h>

static unsigned int this_cpu(void)
{
	return (unsigned int)(read_mpidr() & MPIDR_AFF0_MASK);
}

int64_t tzbsp_cpu_on(uint64_t arg)
{
	(void)arg;
	tz_cpu_init();
	tz_log("cpu%u on, S-EL%u", this_cpu(), tz_current_el());
	return 0;
}

int64_t tzbsp_cpu_off(uint64_t arg)
{
	(void)arg;
	tz_log("cpu%u off", this_cpu());
	return 0;
}

int64_t tzbsp_cpu_suspend(uint64_t max_off_pwrlvl)
{
	(void)max_off_pwrlvl;
	return 0;
}

/* The SPD kept this CPU's context (MMU and all) across the suspend. */
int64_t tzbsp_cpu_resume(uint64_t max_off_pwrlvl)
{
	(void)max_off_pwrlvl;
	return 0;
}

int64_t tzbsp_system_off(uint64_t arg)
{
	(void)arg;
	tz_log("system off");
	return 0;
}

int64_t tzbsp_system_reset(uint64_t arg)
{
	(void)arg;
	tz_log("system reset");
	return 0;
}
