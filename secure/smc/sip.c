// SPDX-License-Identifier: BSD-3-Clause
/*
 * Silicon Provider calls (OEN 2, docs/protocol.md sections 0 and 1): the
 * fast probe calls the
 * driver makes at load, and the yielding TZ scheduler call.
 */
#include <stdint.h>

#include <tzbsp/sched.h>
#include <tzbsp/smc.h>
#include <tzcom/tzsched.h>

/* The SiP calls this firmware answers (fast and yielding, probe included). */
#define TZ_SIP_NUM_CALLS	4U

static void sip_fast_handle(const struct smc_args *a, struct smc_ret *r)
{
	switch (a->fid) {
	case TZ_SIP_CALL_COUNT:
		smc_ret1(r, TZ_SIP_NUM_CALLS);
		break;
	case TZ_SIP_UID:
		r->x[0] = TZ_SIP_UID_W0;
		r->x[1] = TZ_SIP_UID_W1;
		r->x[2] = TZ_SIP_UID_W2;
		r->x[3] = TZ_SIP_UID_W3;
		break;
	case TZ_SIP_REVISION:
		r->x[0] = TZ_SIP_REVISION_MAJOR;
		r->x[1] = TZ_SIP_REVISION_MINOR;
		break;
	default:
		smc_ret1(r, (uint64_t)(int64_t)SMC_UNK);
		break;
	}
}

static void sip_yield_handle(const struct smc_args *a, struct smc_ret *r)
{
	if (a->fid != TZ_SMC_SCHED_CALL) {
		smc_ret1(r, (uint64_t)(int64_t)SMC_UNK);
		return;
	}
	smc_ret1(r, (uint64_t)tzsched_smc(a->a[1], a->a[2], a->a[3], a->a[4], a->a[5]));
}

const struct smc_service sip_fast_service = {
	.name = "sip-fast",
	.oen_start = SMC_OEN_SIP,
	.oen_end = SMC_OEN_SIP,
	.call_type = SMC_TYPE_FAST,
	.handle = sip_fast_handle,
};

const struct smc_service sip_yield_service = {
	.name = "sip-yield",
	.oen_start = SMC_OEN_SIP,
	.oen_end = SMC_OEN_SIP,
	.call_type = SMC_TYPE_YIELD,
	.handle = sip_yield_handle,
};
