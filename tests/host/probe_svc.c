// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host-only trusted services that poke at the scheduler from inside, for
 * cases the real services cannot reach (several callbacks after a cancel,
 * re-entrant SMCs that stand in for another CPU, bad service behaviour).
 */
#include <string.h>

#include <tzbsp/sched.h>
#include <tzbsp/service.h>

#include "host.h"
#include "probe.h"

void *tzsched_test_stack_canary(void);

int probe_init_hlos_ret = 1;	/* what tz_hlos_call() gave during init */

static uint8_t probe_buf[TZCOM_SB_LEN];

static int probe_init(void)
{
	size_t got;

	probe_init_hlos_ret = tz_hlos_call(0x80000000U, "x", 1, probe_buf,
					   sizeof(probe_buf), &got);
	return 0;
}

/* SMC from inside a running service, as another CPU would issue it. */
static int64_t probe_smc(uint32_t type)
{
	const struct tzcom_command c = {
		.cmd_type = type,
		.sb_in_cmd_addr = (uint32_t)PROBE_SCRATCH_PA + 0x100,
		.sb_in_cmd_len = 8,
	};
	const struct tzcom_response r = {
		.sb_in_rsp_addr = (uint32_t)PROBE_SCRATCH_PA + 0x200,
		.sb_in_rsp_len = 64,
	};
	uint32_t echo = TZ_TEST_ECHO;
	uint64_t x1;

	memcpy(nw_ptr(PROBE_SCRATCH_PA), &c, sizeof(c));
	memcpy(nw_ptr(PROBE_SCRATCH_PA + 0x40), &r, sizeof(r));
	memcpy(nw_ptr(PROBE_SCRATCH_PA + 0x100), &echo, sizeof(echo));

	return tzsched_smc(TZ_SMC_SCHED_ARGINFO, PROBE_SCRATCH_PA, sizeof(c),
			   PROBE_SCRATCH_PA + 0x40, sizeof(r), nw_tid, 0, &x1);
}

static int probe_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	uint32_t a = 0, b = 0, n;
	size_t got = 0;
	int32_t st;

	if (req_len >= 8)
		a = nw_get_u32(req + 4);
	if (req_len >= 12)
		b = nw_get_u32(req + 8);
	*rsp_len = 0;

	switch (cmd_id) {
	case PROBE_MULTI:	/* {id, n, cb_id}: n callbacks, report each status */
		n = a;
		if (n > 16 || rsp_cap < 4 * n)
			return -TZ_EINVAL;
		for (uint32_t i = 0; i < n; i++) {
			st = tz_hlos_call(b, &i, sizeof(i), probe_buf,
					  sizeof(probe_buf), &got);
			memcpy(rsp + 4 * i, &st, sizeof(st));
		}
		*rsp_len = 4 * n;
		return 0;
	case PROBE_CAPPED:	/* {id, cb_id, cap}: {status, got} */
		if (b > sizeof(probe_buf) || rsp_cap < 8)
			return -TZ_EINVAL;
		st = tz_hlos_call(a, "ping", 4, b ? probe_buf : NULL, b, &got);
		memcpy(rsp, &st, 4);
		nw_put_u32(rsp + 4, (uint32_t)got);
		*rsp_len = 8;
		return 0;
	case PROBE_BIGCB:	/* {id, cb_id, len}: callback of len bytes */
		if (b > sizeof(probe_buf) || rsp_cap < 4)
			return -TZ_EINVAL;
		memset(probe_buf, 0x5a, b);
		st = tz_hlos_call(a, probe_buf, b, probe_buf, sizeof(probe_buf),
				  &got);
		memcpy(rsp, &st, 4);
		*rsp_len = 4;
		return 0;
	case PROBE_POSITIVE:	/* a buggy service status */
		return 7;
	case PROBE_REENTER:	/* {NEW x0, PENDING x0} while RUNNING */
		if (rsp_cap < 16)
			return -TZ_EINVAL;
		{
			int64_t x[2] = { probe_smc(TZ_SCHED_CMD_NEW),
					 probe_smc(TZ_SCHED_CMD_PENDING) };

			memcpy(rsp, x, sizeof(x));
		}
		*rsp_len = 16;
		return 0;
	case PROBE_DEEP:	/* use a good part of the service stack */
		{
			volatile uint8_t big[32 * 1024];

			for (size_t i = 0; i < sizeof(big); i++)
				big[i] = (uint8_t)i;
			st = tz_hlos_call(a, "deep", 4, probe_buf,
					  sizeof(probe_buf), &got);
			for (size_t i = 0; i < sizeof(big); i++)
				if (big[i] != (uint8_t)i)
					return -TZ_EBADMSG;
			return st;
		}
	case PROBE_SMASH:	/* what a stack overflow does to the canary */
		*(volatile uint64_t *)tzsched_test_stack_canary() = 0;
		return tz_hlos_call(a, "x", 1, probe_buf, sizeof(probe_buf), &got);
	case PROBE_PREEMPT:	/* what the IRQ vector does, n times */
		if (rsp_cap < 4)
			return -TZ_EINVAL;
		tz_preempt_enable();
		for (uint32_t i = 0; i < a; i++)
			tz_sched_preempt();
		tz_preempt_disable();
		memcpy(rsp, &a, 4);
		*rsp_len = 4;
		return 0;
	default:
		return -TZ_ENOSYS;
	}
}

TZ_SERVICE(probe_service) = {
	.id = PROBE_SVC,
	.name = "probe",
	.init = probe_init,
	.handle = probe_handle,
};

static int broken_init(void)
{
	return -TZ_EIO;
}

TZ_SERVICE(broken_service) = {
	.id = BROKEN_SVC,
	.name = "broken",
	.init = broken_init,
	.handle = probe_handle,
};

/* Descriptors the scheduler must refuse: none of these may come up. */
TZ_SERVICE(nohandler_service) = {
	.id = 29,
	.name = "nohandler",
};

TZ_SERVICE(noname_service) = {
	.id = 28,
	.handle = probe_handle,
};

TZ_SERVICE(badid_service) = {
	.id = 32,
	.name = "badid",
	.handle = probe_handle,
};

/* A second descriptor with an id already taken is left out. */
TZ_SERVICE(dup_service) = {
	.id = TZ_SVC_TEST,
	.name = "duplicate",
	.init = NULL,
	.handle = probe_handle,
};
