// SPDX-License-Identifier: BSD-3-Clause
/* The scripted fake normal world (see host.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/sched.h>

#include "host.h"

static bool nw_sched_up;

uint32_t nw_get_u32(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

void nw_put_u32(void *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

void *nw_ptr(uint64_t pa)
{
	extern void *tz_host_phys_to_ptr(uint64_t pa);

	return tz_host_phys_to_ptr(pa);
}

uint64_t nw_x6, nw_x7;
uint64_t nw_tid;

int64_t nw_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
	       uint64_t rsp_pa, uint64_t rsp_len)
{
	uint64_t x1 = 0xdeadbeef, x6 = nw_x6, x7 = nw_x7;
	int64_t x0;

	/* PENDING and RESUME name the thread of the latest return. */
	if (req_pa >= HOST_DRAM_BASE && req_pa + 4 <= HOST_DRAM_BASE + HOST_DRAM_SIZE &&
	    nw_get_u32(nw_ptr(req_pa)) != TZ_SCHED_CMD_NEW) {
		x6 = nw_tid;
		x7 = 0;
	}
	x0 = tzsched_smc(arginfo, req_pa, req_len, rsp_pa, rsp_len, x6, x7, &x1);
	/* Like the driver: the next PENDING or RESUME names this thread. */
	if (x1)
		nw_tid = x1;
	return x0;
}

const struct tzcom_command_ext *nw_ext;

static int64_t nw_sched(uint32_t type, uint32_t addr, uint32_t len)
{
	const struct tzcom_command c = {
		.cmd_type = type,
		.sb_in_cmd_addr = addr,
		.sb_in_cmd_len = len,
	};

	if (nw_ext && type == TZ_SCHED_CMD_NEW) {
		struct tzcom_command_ext x = *nw_ext;

		x.cmd_type = type;
		x.sb_in_cmd_addr = addr;
		x.sb_in_cmd_len = len;
		memcpy(nw_ptr(NW_REQ_PA), &x, sizeof(x));
		return nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, sizeof(x), NW_RSP_PA,
			      sizeof(struct tzcom_response));
	}
	memcpy(nw_ptr(NW_REQ_PA), &c, sizeof(c));
	return nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, sizeof(c), NW_RSP_PA,
		      sizeof(struct tzcom_response));
}

int64_t nw_new(const void *cmd, uint32_t cmd_len, uint32_t resp_len)
{
	const struct tzcom_response offer = {
		.cmd_status = TZ_SCHED_STATUS_INCOMPLETE,
		.sb_in_rsp_addr = (uint32_t)(NW_SB_IN_PA + cmd_len),
		.sb_in_rsp_len = resp_len,
	};

	memcpy(nw_ptr(NW_SB_IN_PA), cmd, cmd_len);
	memcpy(nw_ptr(NW_RSP_PA), &offer, sizeof(offer));
	return nw_sched(TZ_SCHED_CMD_NEW, (uint32_t)NW_SB_IN_PA, cmd_len);
}

int64_t nw_pending(void)
{
	return nw_sched(TZ_SCHED_CMD_PENDING, 0, 0);
}

int64_t nw_resume(void)
{
	return nw_sched(TZ_SCHED_CMD_RESUME, 0, 0);
}

struct tzcom_response nw_response(void)
{
	struct tzcom_response r;

	memcpy(&r, nw_ptr(NW_RSP_PA), sizeof(r));
	return r;
}

struct tzcom_callback nw_callback(void)
{
	struct tzcom_callback cb;

	memcpy(&cb, nw_ptr(NW_SB_OUT_PA), sizeof(cb));
	return cb;
}

void nw_answer(uint32_t cmd_id, int32_t status, const void *data, uint32_t len)
{
	const struct tzcom_callback_rsp a = {
		.cmd_id = cmd_id,
		.status = status,
		.data_len = len,
		.data_off = TZCOM_CB_RSP_DATA_OFF,
	};

	memcpy(nw_ptr(NW_SB_OUT_PA), &a, sizeof(a));
	if (len)
		memcpy(nw_ptr(NW_SB_OUT_PA + TZCOM_CB_RSP_DATA_OFF), data, len);
}

int32_t nw_listener_xor(void *arg, uint32_t cmd_id, const uint8_t *req,
			uint32_t req_len, uint8_t *ans, uint32_t *ans_len)
{
	(void)arg;
	(void)cmd_id;
	for (uint32_t i = 0; i < req_len; i++)
		ans[i] = req[i] ^ 0xFF;
	*ans_len = req_len;
	return 0;
}

void nw_call(const void *cmd, uint32_t cmd_len, uint32_t resp_len,
	     nw_listener_fn fn, void *arg, struct nw_result *res)
{
	static uint8_t req[TZCOM_SB_LEN], ans[TZCOM_CB_RSP_MAX_DATA];
	int64_t x0;

	memset(res, 0, sizeof(*res));
	x0 = nw_new(cmd, cmd_len, resp_len);
	for (;;) {
		struct tzcom_response r;
		struct tzcom_callback cb;
		struct tzcom_svc_rsp_hdr hdr;
		uint32_t ans_len = 0;
		int32_t st;

		if (x0) {
			res->x0 = x0;
			return;
		}
		r = nw_response();
		if (r.cmd_status == TZ_SCHED_STATUS_COMPLETE) {
			/* The driver's check: inside the area it offered. */
			if (r.sb_in_rsp_addr != NW_SB_IN_PA + cmd_len ||
			    r.sb_in_rsp_len < sizeof(hdr) ||
			    r.sb_in_rsp_len > resp_len) {
				res->malformed = true;
				return;
			}
			memcpy(&hdr, nw_ptr(r.sb_in_rsp_addr), sizeof(hdr));
			res->status = hdr.status;
			res->cmd_id = hdr.cmd_id;
			res->len = r.sb_in_rsp_len - (uint32_t)sizeof(hdr);
			memcpy(res->data, nw_ptr(r.sb_in_rsp_addr + sizeof(hdr)),
			       res->len);
			return;
		}
		if (r.cmd_status != TZ_SCHED_STATUS_INCOMPLETE) {
			res->malformed = true;
			return;
		}
		cb = nw_callback();
		if (cb.sb_out_cb_data_off < TZCOM_CB_DATA_OFF ||
		    (uint64_t)cb.sb_out_cb_data_off + cb.sb_out_cb_data_len >
		    TZCOM_SB_LEN) {
			res->malformed = true;
			return;
		}
		memcpy(req, nw_ptr(NW_SB_OUT_PA + cb.sb_out_cb_data_off),
		       cb.sb_out_cb_data_len);
		res->callbacks++;
		st = fn ? fn(arg, cb.cmd_id, req, cb.sb_out_cb_data_len, ans,
			     &ans_len) : -TZ_ENOENT;
		nw_answer(cb.cmd_id, st, ans, st ? 0 : ans_len);
		x0 = nw_pending();
	}
}

void nw_call_id(uint32_t id, const void *data, uint32_t len, nw_listener_fn fn,
		void *arg, struct nw_result *res)
{
	static uint8_t cmd[TZCOM_SB_LEN];
	uint32_t cmd_len = (uint32_t)sizeof(id) + len;

	if (cmd_len > TZCOM_SB_LEN - sizeof(struct tzcom_svc_rsp_hdr))
		abort();
	nw_put_u32(cmd, id);
	if (len)
		memcpy(cmd + sizeof(id), data, len);
	nw_call(cmd, cmd_len, TZCOM_SB_LEN - cmd_len, fn, arg, res);
}

static void nw_init_sb(uint32_t id, uint64_t pa)
{
	const struct tz_pr_init_sb_req_s r = {
		.pr_cmd = id,
		.sb_ptr = (uint32_t)pa,
		.sb_len = TZCOM_SB_LEN,
	};
	struct nw_result res;

	nw_call(&r, sizeof(r), sizeof(struct tz_pr_init_sb_rsp_s), NULL, NULL,
		&res);
	if (res.x0 || res.status || res.malformed) {
		fprintf(stderr, "nw_boot: INIT 0x%x failed: x0 %lld status %d\n",
			id, (long long)res.x0, res.status);
		abort();
	}
}

void nw_boot(void)
{
	host_dram_init();
	if (!nw_sched_up) {
		tzsched_init();
		nw_sched_up = true;
	}
	nw_init_sb(TZ_CORE_INIT_SB_OUT, NW_SB_OUT_PA);
	nw_init_sb(TZ_CORE_INIT_SB_LOG, NW_SB_LOG_PA);
}
