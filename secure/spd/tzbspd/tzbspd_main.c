/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * tzbspd: start TZBSP at cold boot, and route SiP SMCs.
 *
 * Cold boot: BL31 calls tzbspd_setup() with its runtime services, and
 * tzbspd_init() (registered as the BL32 init) enters TZBSP at its image
 * entry on the boot CPU.  TZBSP initialises and returns TZ_TOS_ENTRY_DONE
 * with its vector table; only then do the SiP calls and the PSCI hooks
 * go live.  Other CPUs enter TZBSP at its cpu-on vector when PSCI brings
 * them up (tzbspd_pm.c).
 *
 * One handler takes every SiP SMC, fast and yielding, from both worlds.
 * The caller's world decides first: from S-EL1 only a TZ_TOS_*_DONE that
 * ends the entry in progress is valid; from the normal world only the
 * calls of tzbspd_calls.c's table are.
 */
#include <stdbool.h>
#include <stdint.h>

#include <arch_helpers.h>
#include <bl31/bl31.h>
#include <common/bl_common.h>
#include <common/debug.h>
#include <common/runtime_svc.h>
#include <lib/el3_runtime/context_mgmt.h>
#include <lib/psci/psci_lib.h>
#include <plat/common/platform.h>
#include <smccc_helpers.h>

#include <tzcom/tzsched.h>

#include "tzbspd_private.h"

uintptr_t tzbspd_vectors;

static bool vectors_valid(uint64_t v)
{
	/* Inside the BL32 image, aligned like a branch table. */
	return v >= BL32_BASE && v < BL32_LIMIT &&
	       BL32_LIMIT - v >= TZ_TOS_VEC_SIZE && (v & 3U) == 0U;
}

static int32_t tzbspd_init(void)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();
	entry_point_info_t *ep = bl31_plat_get_next_image_ep_info(SECURE);
	uint64_t v;

	tzbspd_init_context(cpu, ep->pc, 0);
	v = tzbspd_enter(cpu, TZ_TOS_ENTRY_DONE, NULL);
	if (!vectors_valid(v)) {
		ERROR("tzbspd: TZBSP did not come up (vectors 0x%llx); SiP calls stay unknown\n",
		      (unsigned long long)v);
		return 0;
	}
	tzbspd_vectors = (uintptr_t)v;
	cpu->state = TZBSPD_CPU_ON;
	psci_register_spd_pm_hook(&tzbspd_pm);
	INFO("tzbspd: TZBSP up, vectors at 0x%lx\n", tzbspd_vectors);
	return 1;
}

static int32_t tzbspd_setup(void)
{
	entry_point_info_t *ep = bl31_plat_get_next_image_ep_info(SECURE);

	if (ep == NULL || ep->pc == 0U) {
		WARN("tzbspd: no BL32; SiP calls stay unknown\n");
		return 1;
	}
	bl31_register_bl32_init(&tzbspd_init);
	return 0;
}

/* A TZ_TOS_*_DONE from S-EL1: the end of the entry in progress, nothing else. */
static uintptr_t from_tos(uint32_t fid, u_register_t x1, u_register_t x2,
			  u_register_t x3, u_register_t x4, void *handle)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();
	const uint64_t ret[4] = { x1, x2, x3, x4 };

	if (cpu->rt_sp == 0U || fid != cpu->expect_done) {
		/* Not an answer to anything: refuse it, TZBSP stays where it is. */
		WARN("tzbspd: unexpected SMC 0x%x from S-EL1 (waiting for 0x%x)\n",
		     fid, cpu->expect_done);
		SMC_RET1(handle, SMC_UNK);
	}
	tzbspd_exit(cpu, ret);
}

static uintptr_t at_el3(uint32_t fid, void *handle)
{
	switch (fid) {
	case TZ_SIP_CALL_COUNT:
		SMC_RET1(handle, tzbspd_num_calls());
	case TZ_SIP_UID:
		SMC_RET4(handle, TZ_SIP_UID_W0, TZ_SIP_UID_W1, TZ_SIP_UID_W2, TZ_SIP_UID_W3);
	case TZ_SIP_REVISION:
		SMC_RET2(handle, TZ_SIP_REVISION_MAJOR, TZ_SIP_REVISION_MINOR);
	default:
		SMC_RET1(handle, SMC_UNK);
	}
}

static uintptr_t to_tos(const struct tzbspd_call *call, u_register_t x1, u_register_t x2,
			u_register_t x3, u_register_t x4, void *handle)
{
	struct tzbspd_cpu *cpu = tzbspd_this_cpu();
	uint32_t vec = call->route == TZBSPD_TO_TOS_FAST ? TZ_TOS_VEC_FAST_CALL
							 : TZ_TOS_VEC_STD_CALL;
	gp_regs_t *ns = get_gpregs_ctx(handle);
	gp_regs_t *s = get_gpregs_ctx(&cpu->ctx);
	uint64_t ret[4];

	if (cpu->state != TZBSPD_CPU_ON)
		SMC_RET1(handle, SMC_UNK);

	/* x0..x7 as the normal world passed them; TZBSP validates all. */
	write_ctx_reg(s, CTX_GPREG_X0, call->fid);
	write_ctx_reg(s, CTX_GPREG_X1, x1);
	write_ctx_reg(s, CTX_GPREG_X2, x2);
	write_ctx_reg(s, CTX_GPREG_X3, x3);
	write_ctx_reg(s, CTX_GPREG_X4, x4);
	write_ctx_reg(s, CTX_GPREG_X5, read_ctx_reg(ns, CTX_GPREG_X5));
	write_ctx_reg(s, CTX_GPREG_X6, read_ctx_reg(ns, CTX_GPREG_X6));
	write_ctx_reg(s, CTX_GPREG_X7, read_ctx_reg(ns, CTX_GPREG_X7));
	cm_set_elr_el3(SECURE, tzbspd_vectors + vec);

	cm_el1_sysregs_context_save(NON_SECURE);
	(void)tzbspd_enter(cpu, TZ_TOS_CALL_DONE, ret);
	cm_el1_sysregs_context_restore(NON_SECURE);
	cm_set_next_eret_context(NON_SECURE);

	/* TZBSP's x1..x4 become the caller's x0..x3; x4.. stay as they were. */
	SMC_RET4(handle, ret[0], ret[1], ret[2], ret[3]);
}

static uintptr_t tzbspd_smc_handler(uint32_t smc_fid, u_register_t x1, u_register_t x2,
				    u_register_t x3, u_register_t x4, void *cookie,
				    void *handle, u_register_t flags)
{
	const struct tzbspd_call *call;

	(void)cookie;
	if (is_caller_secure(flags))
		return from_tos(smc_fid, x1, x2, x3, x4, handle);

	call = tzbspd_find_call(smc_fid);
	if (call == NULL || tzbspd_vectors == 0U)
		SMC_RET1(handle, SMC_UNK);
	if (call->route == TZBSPD_AT_EL3)
		return at_el3(smc_fid, handle);
	return to_tos(call, x1, x2, x3, x4, handle);
}

/* Every SiP call of either type comes here; the table sorts them out. */
DECLARE_RT_SVC(tzbspd_fast, OEN_SIP_START, OEN_SIP_END, SMC_TYPE_FAST,
	       tzbspd_setup, tzbspd_smc_handler);
DECLARE_RT_SVC(tzbspd_std, OEN_SIP_START, OEN_SIP_END, SMC_TYPE_YIELD,
	       NULL, tzbspd_smc_handler);
