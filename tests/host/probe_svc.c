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

static uint8_t probe_mem_buf[TZ_MEMREF_IO_MAX + 4096];

static uint32_t fnv(const uint8_t *p, size_t n)
{
	uint32_t h = TZ_FNV1A32_INIT;

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * TZ_FNV1A32_PRIME;
	return h;
}

static size_t probe_mem_read(unsigned int idx, uint64_t off, size_t len,
			     uint8_t *rsp)
{
	int32_t ret;

	if (len > sizeof(probe_mem_buf))
		len = sizeof(probe_mem_buf);	/* the call refuses it first */
	memset(probe_mem_buf, 0, sizeof(probe_mem_buf));
	ret = tz_memref_read(idx, off, probe_mem_buf, len);
	memcpy(rsp, &ret, 4);
	nw_put_u32(rsp + 4, ret ? 0 : fnv(probe_mem_buf, len));
	return 8;
}

static int probe_mem(const uint8_t *req, size_t req_len, uint8_t *rsp,
		     size_t rsp_cap, size_t *rsp_len)
{
	uint32_t op, idx, len;
	uint64_t off, off2 = 0;
	struct tz_memref_info info;
	int32_t ret;

	if ((req_len != 24 && req_len != 32) || rsp_cap < 64)
		return -TZ_EINVAL;
	op = nw_get_u32(req + 4);
	idx = nw_get_u32(req + 8);
	off = nw_get_u32(req + 12) | (uint64_t)nw_get_u32(req + 16) << 32;
	len = nw_get_u32(req + 20);
	if (req_len == 32)
		off2 = nw_get_u32(req + 24) | (uint64_t)nw_get_u32(req + 28) << 32;

	switch (op) {
	case PROBE_MEM_INFO:
		memset(&info, 0xee, sizeof(info));
		ret = tz_memref_info(idx, &info);
		memcpy(rsp, &ret, 4);
		nw_put_u32(rsp + 4, (uint32_t)info.size);
		nw_put_u32(rsp + 8, (uint32_t)(info.size >> 32));
		nw_put_u32(rsp + 12, info.flags);
		*rsp_len = 16;
		return 0;
	case PROBE_MEM_READ:
		*rsp_len = probe_mem_read(idx, off, len, rsp);
		memcpy(rsp + 8, probe_mem_buf, 16);
		*rsp_len += 16;
		return 0;
	case PROBE_MEM_WRITE:
		if (len > sizeof(probe_mem_buf))
			len = sizeof(probe_mem_buf);
		for (uint32_t j = 0; j < len; j++)
			probe_mem_buf[j] = PROBE_MEM_BYTE(j);
		ret = tz_memref_write(idx, off, probe_mem_buf, len);
		memcpy(rsp, &ret, 4);
		*rsp_len = 4;
		return 0;
	case PROBE_MEM_READ_NULL:
		ret = tz_memref_read(idx, off, NULL, len);
		memcpy(rsp, &ret, 4);
		*rsp_len = 4;
		return 0;
	case PROBE_MEM_READ3:
		*rsp_len = probe_mem_read(idx, off, len, rsp);
		*rsp_len += probe_mem_read(idx, off2, len, rsp + 8);
		*rsp_len += probe_mem_read(idx, off, len, rsp + 16);
		return 0;
	case PROBE_MEM_SESSION:
		ret = tz_session_index();
		memcpy(rsp, &ret, 4);
		*rsp_len = 4;
		return 0;
	default:
		return -TZ_EINVAL;
	}
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
	case PROBE_MEM:
		return probe_mem(req, req_len, rsp, rsp_cap, rsp_len);
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
