// SPDX-License-Identifier: BSD-3-Clause
/*
 * TZBSP's call entries (secure/entry/calls.c), as the SPD hands them the
 * normal world's x0..x7: only the scheduler call reaches the scheduler
 * (with x1..x5 whole), only the null call answers 0 on the fast entry,
 * anything else is SMCCC "unknown", and no register the call does not
 * answer with carries anything back.  The scheduler is a fake that
 * records what reached it.
 */
#include <stdint.h>
#include <string.h>

#include <tzbsp/entry.h>
#include <tzbsp/sched.h>
#include <tzcom/tzsched.h>

#include "tap.h"

static uint64_t sched_args[7];
static uint64_t sched_x1;	/* what the fake scheduler answers in x1 */
static int sched_calls;

int64_t tzsched_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
		    uint64_t rsp_pa, uint64_t rsp_len, uint64_t x6, uint64_t x7,
		    uint64_t *x1)
{
	sched_args[0] = arginfo;
	sched_args[1] = req_pa;
	sched_args[2] = req_len;
	sched_args[3] = rsp_pa;
	sched_args[4] = rsp_len;
	sched_args[5] = x6;
	sched_args[6] = x7;
	*x1 = sched_x1;
	sched_calls++;
	return sched_x1 ? TZ_SMC_PREEMPTED : TZ_SMC_BUSY;
}

/* x0 = fid, x1..x7 = a recognisable pattern. */
static struct tz_call_regs regs(uint64_t fid)
{
	struct tz_call_regs r;

	r.x[0] = fid;
	for (int i = 1; i < 8; i++)
		r.x[i] = 0xa5a5a5a500000000ULL | (uint64_t)i;
	return r;
}

static int rest_zero(const struct tz_call_regs *r)
{
	return r->x[1] == 0 && r->x[2] == 0 && r->x[3] == 0;
}

int main(void)
{
	struct tz_call_regs r;

	r = regs(TZ_SMC_SCHED_CALL);
	tzbsp_std_call(&r);
	OK(sched_calls == 1 && r.x[0] == (uint64_t)(int64_t)TZ_SMC_BUSY && rest_zero(&r),
	       "std entry: the scheduler call reaches the scheduler; its status in x0, x1..x3 zero");
	OK(sched_args[0] == 0xa5a5a5a500000001ULL && sched_args[4] == 0xa5a5a5a500000005ULL,
	       "std entry: x1..x5 reach the scheduler whole (64 bits)");
	OK(sched_args[5] == 0xa5a5a5a500000006ULL && sched_args[6] == 0xa5a5a5a500000007ULL,
	       "std entry: x6 and x7 reach the scheduler whole (64 bits)");

	sched_x1 = 0x0301;
	r = regs(TZ_SMC_SCHED_CALL);
	tzbsp_std_call(&r);
	OK(r.x[0] == TZ_SMC_PREEMPTED && r.x[1] == 0x0301 && r.x[2] == 0 && r.x[3] == 0,
	   "std entry: the scheduler's x1 (thread id) comes back in x1, x2..x3 zero");
	sched_x1 = 0;
	sched_calls = 1;

	sched_calls = 0;
	r = regs(TZ_SIP_NULL);
	tzbsp_std_call(&r);
	OK(sched_calls == 0 && r.x[0] == TZ_SMC_UNKNOWN && rest_zero(&r),
	       "std entry: a fast id is unknown there");

	r = regs((uint64_t)TZ_SMC_SCHED_CALL | 0xffffffff00000000ULL);
	tzbsp_std_call(&r);
	OK(sched_calls == 1, "std entry: the function id is w0 only (SMCCC)");
	sched_calls = 0;

	r = regs(0x4200FC02U);
	tzbsp_std_call(&r);
	OK(sched_calls == 0 && r.x[0] == TZ_SMC_UNKNOWN, "std entry: another SiP id is unknown");

	r = regs(TZ_SIP_NULL);
	tzbsp_fast_call(&r);
	OK(r.x[0] == 0 && rest_zero(&r), "fast entry: the null call answers 0, x1..x3 zero");

	r = regs(TZ_SMC_SCHED_CALL);
	tzbsp_fast_call(&r);
	OK(sched_calls == 0 && r.x[0] == TZ_SMC_UNKNOWN && rest_zero(&r),
	       "fast entry: the scheduler call is not taken there");

	r = regs(TZ_SIP_UID);
	tzbsp_fast_call(&r);
	OK(r.x[0] == TZ_SMC_UNKNOWN && rest_zero(&r),
	       "fast entry: the probe calls are the SPD's, unknown in TZBSP");

	r = regs(TZ_TOS_CALL_DONE);
	tzbsp_fast_call(&r);
	OK(r.x[0] == TZ_SMC_UNKNOWN, "fast entry: a TZ_TOS_* id is unknown");

	return tap_done();
}
