/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * TZBSP's per-CPU S-EL1 context, and the one synchronous entry/exit pair
 * through which the SPD runs it.  An entry always ends with the
 * TZ_TOS_*_DONE the caller expects: anything else from S-EL1 while an
 * entry is in progress is a Trusted OS bug, and the SPD stops the CPU
 * rather than run on with a monitor state nobody can reason about.
 */
#include <string.h>

#include <arch_helpers.h>
#include <common/bl_common.h>
#include <common/debug.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <plat/common/platform.h>

#include "tzbspd_private.h"

struct tzbspd_cpu tzbspd_cpus[PLATFORM_CORE_COUNT];

struct tzbspd_cpu *tzbspd_this_cpu(void)
{
	return &tzbspd_cpus[plat_my_core_pos()];
}

void tzbspd_init_context(struct tzbspd_cpu *cpu, uintptr_t pc, uint64_t arg0)
{
	entry_point_info_t ep;

	memset(&ep, 0, sizeof(ep));
	SET_PARAM_HEAD(&ep, PARAM_EP, VERSION_1, SECURE | EP_ST_ENABLE);
	ep.pc = pc;
	/* TZBSP unmasks nothing: normal-world interrupts wait for its return. */
	ep.spsr = SPSR_64(MODE_EL1, MODE_SP_ELX, DISABLE_ALL_EXCEPTIONS);
	ep.args.arg0 = arg0;

	cm_set_context(&cpu->ctx, SECURE);
	/* A fresh context: S-EL1 system registers as at reset, MMU off. */
	cm_init_my_context(&ep);
}

uint64_t tzbspd_enter(struct tzbspd_cpu *cpu, uint32_t done, uint64_t ret[4])
{
	uint64_t x1;

	if (cpu->rt_sp != 0U) {
		ERROR("tzbspd: nested entry into TZBSP\n");
		panic();
	}
	if (cm_get_context(SECURE) != &cpu->ctx) {
		ERROR("tzbspd: secure context of another CPU\n");
		panic();
	}
	cpu->expect_done = done;
	cm_el1_sysregs_context_restore(SECURE);
	cm_set_next_eret_context(SECURE);

	x1 = tzbspd_switch_in(&cpu->rt_sp);

	cpu->rt_sp = 0U;
	if (ret != NULL)
		memcpy(ret, cpu->done_regs, sizeof(cpu->done_regs));
	return x1;
}

void tzbspd_exit(struct tzbspd_cpu *cpu, const uint64_t ret[4])
{
	cm_el1_sysregs_context_save(SECURE);
	memcpy(cpu->done_regs, ret, sizeof(cpu->done_regs));
	tzbspd_switch_out(cpu->rt_sp, ret[0]);
}
