// SPDX-License-Identifier: BSD-3-Clause
/*
 * The normal world's calls that reach S-EL1: the SPD forwards only the
 * function ids of its table (secure/spd/tzbspd/tzbspd_calls.c), but
 * TZBSP checks the id again rather than trust the path.  SMC64 ids only,
 * so all 64 bits of x1..x7 are the caller's.  Registers a call does not
 * answer with are zeroed: nothing of the secure world's state leaks.
 */
#include <stdint.h>

#include <tzbsp/entry.h>
#include <tzbsp/sched.h>
#include <tzcom/tzsched.h>

static void answer(struct tz_call_regs *r, uint64_t x0)
{
	r->x[0] = x0;
	r->x[1] = 0;
	r->x[2] = 0;
	r->x[3] = 0;
}

void tzbsp_std_call(struct tz_call_regs *r)
{
	int64_t x0;
	uint64_t x1;

	/* The function id is w0 (SMCCC); the upper half of x0 is not part of it. */
	if ((uint32_t)r->x[0] != TZ_SMC_SCHED_CALL) {
		answer(r, TZ_SMC_UNKNOWN);
		return;
	}
	x0 = tzsched_smc(r->x[1], r->x[2], r->x[3], r->x[4], r->x[5], r->x[6],
			 r->x[7], &x1);
	answer(r, (uint64_t)x0);
	r->x[1] = x1;	/* the thread id of INCOMPLETE and PREEMPTED */
}

void tzbsp_fast_call(struct tz_call_regs *r)
{
	if ((uint32_t)r->x[0] == TZ_SIP_NULL)
		answer(r, 0);
	else
		answer(r, TZ_SMC_UNKNOWN);
}
