/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The SiP calls the normal world may make, and where each is answered.
 * The ids are tzcom/tzsched.h's (docs/protocol.md); any other SiP id,
 * and every TZ_TOS_*_DONE id, is unknown to the normal world.  The probe
 * calls are answered here at EL3 (they are constants, and the driver's
 * load should not pay two world switches for them); the null call and
 * the scheduler call are TZBSP's.
 */
#include <stddef.h>

#include <tzcom/tzsched.h>

#include "tzbspd_calls.h"

static const struct tzbspd_call calls[] = {
	{ TZ_SIP_CALL_COUNT,	TZBSPD_AT_EL3 },
	{ TZ_SIP_UID,		TZBSPD_AT_EL3 },
	{ TZ_SIP_REVISION,	TZBSPD_AT_EL3 },
	{ TZ_SIP_NULL,		TZBSPD_TO_TOS_FAST },
	{ TZ_SMC_SCHED_CALL,	TZBSPD_TO_TOS_STD },
};

#define NUM_CALLS	(sizeof(calls) / sizeof(calls[0]))

const struct tzbspd_call *tzbspd_find_call(uint32_t fid)
{
	for (size_t i = 0; i < NUM_CALLS; i++) {
		if (calls[i].fid == fid)
			return &calls[i];
	}
	return NULL;
}

uint32_t tzbspd_num_calls(void)
{
	return (uint32_t)NUM_CALLS;
}
