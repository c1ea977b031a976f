// SPDX-License-Identifier: BSD-3-Clause
/* Arm architecture calls (OEN 0): SMCCC_VERSION and SMCCC_ARCH_FEATURES. */
#include <stdint.h>

#include <tzbsp/smc.h>
#include <tzcom/tzsched.h>

#define SMCCC_ARCH_FEATURES	0x80000001U

static void arm_arch_handle(const struct smc_args *a, struct smc_ret *r)
{
	switch (a->fid) {
	case TZ_SMCCC_VERSION:
		smc_ret1(r, TZ_SMCCC_VERSION_1_1);
		break;
	case SMCCC_ARCH_FEATURES:
		/* No workaround calls (ARCH_WORKAROUND_*) are implemented. */
		if ((uint32_t)a->a[1] == TZ_SMCCC_VERSION ||
		    (uint32_t)a->a[1] == SMCCC_ARCH_FEATURES)
			smc_ret1(r, 0);
		else
			smc_ret1(r, (uint64_t)(int64_t)SMC_UNK);
		break;
	default:
		smc_ret1(r, (uint64_t)(int64_t)SMC_UNK);
		break;
	}
}

const struct smc_service smc_arm_arch_service = {
	.name = "arm-arch",
	.oen_start = SMC_OEN_ARM,
	.oen_end = SMC_OEN_ARM,
	.call_type = SMC_TYPE_FAST,
	.handle = arm_arch_handle,
};
