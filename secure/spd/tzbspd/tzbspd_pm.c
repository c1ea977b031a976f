/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * PSCI events forwarded to TZBSP (TF-A's spd_pm_ops_t), so that the
 * Trusted OS learns about every CPU coming up or going down: it sets up
 * its S-EL1 state (MMU, vectors) on each CPU that comes on, and is told
 * before a CPU goes off or the system powers off or resets.  Each event
 * is one synchronous entry at its vector; TZBSP answers with the
 * matching TZ_TOS_*_DONE and x1 = 0, anything else is a Trusted OS bug.
 */
#include <arch_helpers.h>
#include <common/debug.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <lib/psci/psci.h>

#include <tzcom/tzsched.h>

#include "tzbspd_private.h"

/* One event entry on this CPU: x0 = arg at vec, ending with done. */
static uint64_t pm_event(struct tzbspd_cpu *cpu, uint32_t vec, uint32_t done, uint64_t arg)
{
	write_ctx_reg(get_gpregs_ctx(&cpu->ctx), CTX_GPREG_X0, arg);
	cm_set_elr_el3(SECURE, tzbspd_vectors + vec);
	return tzbspd_enter(cpu, done, NULL);
}

static void check_state(const struct tzbspd_cpu *cpu, enum tzbspd_cpu_state want,
			const char *event)
{
	if (cpu->state != want) {
		ERROR("tzbspd: %s in TZBSP state %d\n", event, cpu->state);
		panic();
	}
}

static void tzbspd_cpu_on(u_register_t target_cpu)
{
	/* Nothing to do on the calling CPU; the target enters at on_finish. */
	(void)target_cpu;
}

static void tzbspd_cpu_on_finish(u_register_t unused)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();

	(void)unused;
	check_state(cpu, TZBSPD_CPU_OFF, "cpu on");
	tzbspd_init_context(cpu, tzbspd_vectors + TZ_TOS_VEC_CPU_ON, 0);
	if (tzbspd_enter(cpu, TZ_TOS_ON_DONE, NULL) != 0U) {
		ERROR("tzbspd: TZBSP refused to come up on this CPU\n");
		panic();
	}
	cpu->state = TZBSPD_CPU_ON;
}

static int32_t tzbspd_cpu_off(u_register_t unused)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();

	(void)unused;
	check_state(cpu, TZBSPD_CPU_ON, "cpu off");
	if (pm_event(cpu, TZ_TOS_VEC_CPU_OFF, TZ_TOS_OFF_DONE, 0) != 0U)
		panic();
	/* The next CPU_ON starts TZBSP's context on this CPU afresh. */
	cpu->state = TZBSPD_CPU_OFF;
	return 0;
}

static void tzbspd_cpu_suspend(u_register_t max_off_pwrlvl)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();

	check_state(cpu, TZBSPD_CPU_ON, "cpu suspend");
	if (pm_event(cpu, TZ_TOS_VEC_CPU_SUSPEND, TZ_TOS_SUSPEND_DONE, max_off_pwrlvl) != 0U)
		panic();
	cpu->state = TZBSPD_CPU_SUSPENDED;
}

static void tzbspd_cpu_suspend_finish(u_register_t max_off_pwrlvl)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();

	check_state(cpu, TZBSPD_CPU_SUSPENDED, "cpu resume");
	if (pm_event(cpu, TZ_TOS_VEC_CPU_RESUME, TZ_TOS_RESUME_DONE, max_off_pwrlvl) != 0U)
		panic();
	cpu->state = TZBSPD_CPU_ON;
}

/* TZBSP runs on every CPU and needs no migration. */
static int32_t tzbspd_migrate_info(u_register_t *resident_cpu)
{
	(void)resident_cpu;
	return PSCI_TOS_NOT_PRESENT_MP;
}

/* System off and reset go ahead whatever TZBSP answers. */
static void tzbspd_system_off(void)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();

	if (cpu->state == TZBSPD_CPU_ON)
		(void)pm_event(cpu, TZ_TOS_VEC_SYSTEM_OFF, TZ_TOS_SYSTEM_OFF_DONE, 0);
}

static void tzbspd_system_reset(void)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();

	if (cpu->state == TZBSPD_CPU_ON)
		(void)pm_event(cpu, TZ_TOS_VEC_SYSTEM_RESET, TZ_TOS_SYSTEM_RESET_DONE, 0);
}

const spd_pm_ops_t tzbspd_pm = {
	.svc_on = tzbspd_cpu_on,
	.svc_off = tzbspd_cpu_off,
	.svc_suspend = tzbspd_cpu_suspend,
	.svc_on_finish = tzbspd_cpu_on_finish,
	.svc_suspend_finish = tzbspd_cpu_suspend_finish,
	.svc_migrate = NULL,
	.svc_migrate_info = tzbspd_migrate_info,
	.svc_system_off = tzbspd_system_off,
	.svc_system_reset = tzbspd_system_reset,
};
