// SPDX-License-Identifier: BSD-3-Clause
/*
 * The scheduler against a scripted fake normal world: the good path of
 * every test command, then hostile input on each field the normal world
 * controls, the state machine's refusals, and cancellation.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tzbsp/sched.h>

#include "host.h"
#include "probe.h"
#include "tap.h"

#define CB_ID		0x80000001U
#define RSP_STRUCT_LEN	((uint64_t)sizeof(struct tzcom_response))
#define CMD_STRUCT_LEN	((uint64_t)sizeof(struct tzcom_command))

static struct nw_result res;
static uint8_t buf[TZCOM_SB_LEN], want[TZCOM_SB_LEN];

static uint32_t fnv1a(uint32_t h, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x01000193U;
	return h;
}

static bool echo_works(void)
{
	nw_call_id(TZ_TEST_ECHO, "abc", 3, NULL, NULL, &res);
	return res.x0 == 0 && !res.malformed && res.status == 0 && res.len == 3 &&
	       !memcmp(res.data, "abc", 3);
}

static void test_echo_transform(void)
{
	static const uint32_t sizes[] = { 0, 1, 7, 100, 4096,
					  (TZCOM_SB_LEN - 12) / 2 };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		uint32_t n = sizes[k];

		for (uint32_t i = 0; i < n; i++)
			buf[i] = (uint8_t)(i * 13 + k);
		nw_call_id(TZ_TEST_ECHO, buf, n, NULL, NULL, &res);
		OK(res.x0 == 0 && !res.malformed && res.status == 0 &&
		   res.cmd_id == TZ_TEST_ECHO && res.len == n &&
		   !memcmp(res.data, buf, n), "ECHO %u bytes", n);

		for (uint32_t i = 0; i < n; i++)
			want[i] = buf[n - 1 - i] ^ 0xA5;
		nw_call_id(TZ_TEST_TRANSFORM, buf, n, NULL, NULL, &res);
		OK(res.x0 == 0 && res.status == 0 && res.len == n &&
		   res.cmd_id == TZ_TEST_TRANSFORM && !memcmp(res.data, want, n),
		   "TRANSFORM %u bytes", n);
	}

	/* A response area of exactly the header: no room for data. */
	nw_put_u32(buf, TZ_TEST_ECHO);
	nw_call(buf, 4, 8, NULL, NULL, &res);
	OK(res.x0 == 0 && res.status == 0 && res.len == 0,
	   "ECHO of nothing fits an 8-byte response area");
	memcpy(buf + 4, "xy", 2);
	nw_call(buf, 6, 9, NULL, NULL, &res);
	IS(res.status, -TZ_EMSGSIZE, "ECHO larger than the response area");
	IS(res.len, 0, "an error carries no data");
}

/* A CHAIN request of count entries, callback lengths from lens[]. */
static uint32_t chain_req(uint32_t count, const uint32_t *lens, uint32_t cb_id)
{
	nw_put_u32(buf, TZ_TEST_CHAIN);
	nw_put_u32(buf + 4, count);
	for (uint32_t i = 0; i < count; i++) {
		nw_put_u32(buf + 8 + 8 * i, cb_id + i);
		nw_put_u32(buf + 12 + 8 * i, lens[i]);
	}
	return 8 + 8 * count;
}

static uint32_t chain_hash(uint32_t count, const uint32_t *lens)
{
	uint32_t h = 0x811c9dc5U;

	for (uint32_t i = 0; i < count; i++)
		for (uint32_t j = 0; j < lens[i]; j++) {
			uint8_t b = (uint8_t)((uint8_t)(i * 31 + j * 7 + 1) ^ 0xFF);

			h = fnv1a(h, &b, 1);
		}
	return h;
}

struct chain_check {
	uint32_t seen;
	bool ok;
	int32_t fail_at;	/* answer this index with fail_status */
	int32_t fail_status;
	int32_t corrupt_at;	/* flip one byte of this answer */
	int32_t short_at;	/* answer one byte short */
};

static int32_t chain_listener(void *arg, uint32_t cmd_id, const uint8_t *req,
			      uint32_t req_len, uint8_t *ans, uint32_t *ans_len)
{
	struct chain_check *c = arg;
	uint32_t i = c->seen++;

	if (cmd_id != CB_ID + i)
		c->ok = false;
	for (uint32_t j = 0; j < req_len; j++)
		if (req[j] != (uint8_t)(i * 31 + j * 7 + 1))
			c->ok = false;
	if ((int32_t)i == c->fail_at)
		return c->fail_status;
	nw_listener_xor(NULL, cmd_id, req, req_len, ans, ans_len);
	if ((int32_t)i == c->corrupt_at && req_len)
		ans[req_len / 2] ^= 1;
	if ((int32_t)i == c->short_at && req_len)
		(*ans_len)--;
	return 0;
}

static void run_chain(uint32_t count, const uint32_t *lens, struct chain_check *c)
{
	uint32_t len = chain_req(count, lens, CB_ID);

	c->seen = 0;
	c->ok = true;
	nw_call(buf, len, TZCOM_SB_LEN - len, chain_listener, c, &res);
}

static void test_chain(void)
{
	static uint32_t lens[TZ_TEST_CHAIN_MAX];
	struct chain_check c = { .fail_at = -1, .corrupt_at = -1, .short_at = -1 };

	run_chain(0, lens, &c);
	OK(res.x0 == 0 && res.status == 0 && res.len == 8 && res.callbacks == 0 &&
	   nw_get_u32(res.data) == 0 &&
	   nw_get_u32(res.data + 4) == 0x811c9dc5U, "CHAIN of 0 callbacks");

	lens[0] = 8;
	run_chain(1, lens, &c);
	OK(res.x0 == 0 && res.status == 0 && res.callbacks == 1 && c.ok &&
	   nw_get_u32(res.data) == 1 &&
	   nw_get_u32(res.data + 4) == chain_hash(1, lens), "CHAIN of 1 callback");

	for (uint32_t i = 0; i < TZ_TEST_CHAIN_MAX; i++)
		lens[i] = (i * 97) % 300;
	run_chain(5, lens, &c);
	OK(res.x0 == 0 && res.status == 0 && res.callbacks == 5 && c.ok &&
	   nw_get_u32(res.data + 4) == chain_hash(5, lens), "CHAIN of 5 callbacks");
	run_chain(TZ_TEST_CHAIN_MAX, lens, &c);
	OK(res.x0 == 0 && res.status == 0 && res.callbacks == TZ_TEST_CHAIN_MAX &&
	   c.ok && nw_get_u32(res.data) == TZ_TEST_CHAIN_MAX &&
	   nw_get_u32(res.data + 4) == chain_hash(TZ_TEST_CHAIN_MAX, lens),
	   "CHAIN of %u callbacks", TZ_TEST_CHAIN_MAX);

	lens[0] = 0;
	lens[1] = TZCOM_CB_RSP_MAX_DATA;
	run_chain(2, lens, &c);
	OK(res.x0 == 0 && res.status == 0 && c.ok &&
	   nw_get_u32(res.data + 4) == chain_hash(2, lens),
	   "CHAIN with empty and largest answerable callbacks");

	/* Too many entries, or a length that does not match the count. */
	nw_put_u32(buf, TZ_TEST_CHAIN);
	nw_put_u32(buf + 4, TZ_TEST_CHAIN_MAX + 1);
	nw_call(buf, 8 + 8 * (TZ_TEST_CHAIN_MAX + 1), 64, chain_listener, &c, &res);
	OK(res.status == -TZ_EINVAL && res.callbacks == 0, "CHAIN count > max");
	nw_put_u32(buf + 4, 2);
	nw_call(buf, 8 + 8, 64, chain_listener, &c, &res);
	OK(res.status == -TZ_EINVAL && res.callbacks == 0, "CHAIN truncated table");
	nw_call(buf, 4, 64, chain_listener, &c, &res);
	OK(res.status == -TZ_EINVAL && res.callbacks == 0, "CHAIN without count");

	for (uint32_t i = 0; i < 4; i++)
		lens[i] = 16;
	c.corrupt_at = 2;
	run_chain(4, lens, &c);
	OK(res.status == -TZ_EBADMSG && res.callbacks == 3,
	   "CHAIN stops with -EBADMSG at a wrong answer");
	c.corrupt_at = -1;
	c.short_at = 1;
	run_chain(4, lens, &c);
	OK(res.status == -TZ_EBADMSG && res.callbacks == 2,
	   "CHAIN stops with -EBADMSG at a short answer");
	c.short_at = -1;
	c.fail_at = 0;
	c.fail_status = -TZ_EPIPE;
	run_chain(4, lens, &c);
	OK(res.status == -TZ_EPIPE && res.callbacks == 1,
	   "CHAIN returns the listener's error");
	c.fail_at = -1;
	OK(echo_works(), "scheduler idle after failed chains");
}

static int32_t forward_listener(void *arg, uint32_t cmd_id, const uint8_t *req,
				uint32_t req_len, uint8_t *ans, uint32_t *ans_len)
{
	uint32_t *seen = arg;

	*seen = cmd_id;
	memcpy(ans, "re:", 3);
	memcpy(ans + 3, req, req_len);
	*ans_len = req_len + 3;
	return 0;
}

static void forward(uint32_t cb_id, const void *data, uint32_t len,
		    nw_listener_fn fn, void *arg)
{
	uint8_t tmp[64];

	nw_put_u32(tmp, cb_id);
	memcpy(tmp + 4, data, len);
	nw_call_id(TZ_TEST_FORWARD, tmp, 4 + len, fn, arg, &res);
}

static void test_forward(void)
{
	uint32_t seen = 0;

	forward(0x80000042U, "hello", 5, forward_listener, &seen);
	OK(res.x0 == 0 && res.status == 0 && res.len == 4 + 8 &&
	   (int32_t)nw_get_u32(res.data) == 0 &&
	   !memcmp(res.data + 4, "re:hello", 8) && seen == 0x80000042U,
	   "FORWARD routes by cmd_id and returns the answer");
	forward(0x80000043U, "x", 1, NULL, NULL);
	OK(res.x0 == 0 && res.status == 0 && res.len == 4 &&
	   (int32_t)nw_get_u32(res.data) == -TZ_ENOENT,
	   "FORWARD reports the normal world's -ENOENT as data");
	nw_put_u32(buf, TZ_TEST_FORWARD);
	nw_call(buf, 4, 64, NULL, NULL, &res);
	OK(res.status == -TZ_EINVAL && res.callbacks == 0, "FORWARD without cb id");
}

static void test_unknown(void)
{
	nw_call_id(TZ_CMD_ID(9, 1), NULL, 0, NULL, NULL, &res);
	OK(res.x0 == 0 && res.status == -TZ_ENOSYS && res.cmd_id == TZ_CMD_ID(9, 1),
	   "unknown service: -ENOSYS, id echoed");
	nw_call_id(TZ_CMD_ID(0xffff, 0xffff), NULL, 0, NULL, NULL, &res);
	IS(res.status, -TZ_ENOSYS, "service id past the table: -ENOSYS");
	nw_call_id(TZ_CMD_ID(TZ_SVC_TEST, 99), NULL, 0, NULL, NULL, &res);
	IS(res.status, -TZ_ENOSYS, "unknown test command: -ENOSYS");
	nw_call_id(TZ_CMD_ID(BROKEN_SVC, 1), NULL, 0, NULL, NULL, &res);
	IS(res.status, -TZ_ENOSYS, "service whose init failed: -ENOSYS");
	nw_call_id(PROBE_POSITIVE, NULL, 0, NULL, NULL, &res);
	IS(res.status, -TZ_EIO, "positive service status becomes -EIO");
	IS(probe_init_hlos_ret, -TZ_EPERM, "tz_hlos_call() from init: -EPERM");
	OK(echo_works(), "duplicate service id did not replace the test service");
}

/* Fill the response struct with a pattern; true if still intact. */
static void rsp_poison(void)
{
	memset(nw_ptr(NW_RSP_PA), 0xCC, sizeof(struct tzcom_response));
}

static bool rsp_untouched(void)
{
	const uint8_t *p = nw_ptr(NW_RSP_PA);

	for (size_t i = 0; i < sizeof(struct tzcom_response); i++)
		if (p[i] != 0xCC)
			return false;
	return true;
}

static int64_t smc_rsp_poisoned(uint64_t a, uint64_t b, uint64_t c, uint64_t d,
				uint64_t e)
{
	rsp_poison();
	return nw_smc(a, b, c, d, e);
}

static void test_transport(void)
{
	static const struct {
		uint64_t pa, len;
		const char *what;
	} bad[] = {
		{ 0x0e000000, CMD_STRUCT_LEN, "in secure RAM" },
		{ 0x0e000000 + 0xfff000, CMD_STRUCT_LEN, "end of secure RAM" },
		{ 0x00001000, CMD_STRUCT_LEN, "in secure flash" },
		{ 0x09040000, CMD_STRUCT_LEN, "on the secure UART" },
		{ HOST_DRAM_BASE - 4, CMD_STRUCT_LEN, "straddling DRAM start" },
		{ HOST_DRAM_BASE + HOST_DRAM_SIZE - 4, CMD_STRUCT_LEN,
		  "straddling DRAM end" },
		{ HOST_DRAM_BASE + HOST_DRAM_SIZE, CMD_STRUCT_LEN, "past DRAM" },
		{ 0xfffffffffffffff8ULL, CMD_STRUCT_LEN, "wrapping 2^64" },
		{ NW_REQ_PA, CMD_STRUCT_LEN - 1, "one byte short" },
		{ NW_REQ_PA, CMD_STRUCT_LEN + 1, "one byte long" },
		{ NW_REQ_PA, 0, "empty" },
		{ NW_REQ_PA, UINT64_MAX, "huge" },
	};
	struct tzcom_command c = {
		.cmd_type = TZ_SCHED_CMD_NEW,
		.sb_in_cmd_addr = (uint32_t)NW_SB_IN_PA,
		.sb_in_cmd_len = 4,
	};

	nw_put_u32(nw_ptr(NW_SB_IN_PA), TZ_TEST_ECHO);
	memcpy(nw_ptr(NW_REQ_PA), &c, sizeof(c));

	IS(smc_rsp_poisoned(0x211, NW_REQ_PA, CMD_STRUCT_LEN, NW_RSP_PA,
			    RSP_STRUCT_LEN), TZ_SMC_INVALID_PARAM, "arginfo 0x211");
	IS(smc_rsp_poisoned(0, NW_REQ_PA, CMD_STRUCT_LEN, NW_RSP_PA,
			    RSP_STRUCT_LEN), TZ_SMC_INVALID_PARAM, "arginfo 0");
	IS(smc_rsp_poisoned(0x100000214ULL, NW_REQ_PA, CMD_STRUCT_LEN, NW_RSP_PA,
			    RSP_STRUCT_LEN), TZ_SMC_INVALID_PARAM,
	   "arginfo with high bits");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		IS(smc_rsp_poisoned(TZ_SMC_SCHED_ARGINFO, bad[i].pa, bad[i].len,
				    NW_RSP_PA, RSP_STRUCT_LEN),
		   TZ_SMC_INVALID_PARAM, "request struct %s", bad[i].what);
		IS(smc_rsp_poisoned(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, CMD_STRUCT_LEN,
				    bad[i].pa, bad[i].len),
		   TZ_SMC_INVALID_PARAM, "response struct %s", bad[i].what);
	}
	OK(rsp_untouched(), "rejected calls left the response struct alone");

	for (uint32_t t = 0; t < 5; t++) {
		static const uint32_t types[] = { 0, 4, 5, 0xffffffffU, 0x101 };

		c.cmd_type = types[t];
		memcpy(nw_ptr(NW_REQ_PA), &c, sizeof(c));
		IS(smc_rsp_poisoned(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, CMD_STRUCT_LEN,
				    NW_RSP_PA, RSP_STRUCT_LEN),
		   TZ_SMC_INVALID_PARAM, "cmd_type 0x%x", types[t]);
	}
	OK(rsp_untouched(), "bad cmd_type left the response struct alone");
	OK(echo_works(), "scheduler idle after transport errors");
}

/* NEW with raw command address/length and response offer. */
static int64_t raw_new(uint32_t addr, uint32_t len, uint32_t raddr, uint32_t rlen)
{
	const struct tzcom_command c = {
		.cmd_type = TZ_SCHED_CMD_NEW,
		.sb_in_cmd_addr = addr,
		.sb_in_cmd_len = len,
	};
	const struct tzcom_response offer = {
		.sb_in_rsp_addr = raddr,
		.sb_in_rsp_len = rlen,
	};

	memcpy(nw_ptr(NW_REQ_PA), &c, sizeof(c));
	memcpy(nw_ptr(NW_RSP_PA), &offer, sizeof(offer));
	return nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, CMD_STRUCT_LEN, NW_RSP_PA,
		      RSP_STRUCT_LEN);
}

static void test_new_fields(void)
{
	const uint32_t in = (uint32_t)NW_SB_IN_PA, rsp = in + 0x100;
	const uint32_t end = (uint32_t)(HOST_DRAM_BASE + HOST_DRAM_SIZE);
	struct tzcom_response r;

	nw_put_u32(nw_ptr(in), TZ_TEST_ECHO);
	IS(raw_new(in, 0, rsp, 64), TZ_SMC_INVALID_PARAM, "command length 0");
	IS(raw_new(in, 3, rsp, 64), TZ_SMC_INVALID_PARAM, "command length 3");
	IS(raw_new(in, TZCOM_SB_LEN + 1, in + 0x8000, 64), TZ_SMC_INVALID_PARAM,
	   "command length 20481");
	IS(raw_new(in, 0xffffffffU, rsp, 64), TZ_SMC_INVALID_PARAM,
	   "command length 2^32-1");
	IS(raw_new(0x0e000000, 16, rsp, 64), TZ_SMC_INVALID_PARAM,
	   "command in secure RAM");
	IS(raw_new(0x100, 16, rsp, 64), TZ_SMC_INVALID_PARAM, "command in flash");
	IS(raw_new(end - 8, 16, rsp, 64), TZ_SMC_INVALID_PARAM,
	   "command past DRAM end");
	IS(raw_new(0xfffffff0U, 0x20, rsp, 64), TZ_SMC_INVALID_PARAM,
	   "command wrapping 2^32");
	IS(raw_new(in, 16, rsp, 7), TZ_SMC_INVALID_PARAM, "response area 7 bytes");
	IS(raw_new(in, 16, rsp, 0), TZ_SMC_INVALID_PARAM, "response area empty");
	IS(raw_new(in, 16, rsp, TZCOM_SB_LEN + 1), TZ_SMC_INVALID_PARAM,
	   "response area 20481 bytes");
	IS(raw_new(in, 16, 0x0e000100, 64), TZ_SMC_INVALID_PARAM,
	   "response area in secure RAM");
	IS(raw_new(in, 16, end - 32, 64), TZ_SMC_INVALID_PARAM,
	   "response area past DRAM end");
	IS(raw_new(in, 16, 0xffffffc0U, 0x80), TZ_SMC_INVALID_PARAM,
	   "response area wrapping 2^32");
	IS(raw_new(in, 16, in + 8, 64), TZ_SMC_INVALID_PARAM,
	   "response area overlapping the command");
	IS(raw_new(in + 8, 16, in, 9), TZ_SMC_INVALID_PARAM,
	   "response area overlapping the command start");
	IS(raw_new(in, 16, in, 64), TZ_SMC_INVALID_PARAM,
	   "response area equal to the command");
	OK(echo_works(), "scheduler idle after bad NEW fields");

	/* Adjacent is fine, and the response is where it was offered. */
	memset(nw_ptr(in + 16), 0xCC, 64);
	IS(raw_new(in, 16, in + 16, 64), 0, "response right after the command");
	r = nw_response();
	OK(r.cmd_status == TZ_SCHED_STATUS_COMPLETE && r.sb_in_rsp_addr == in + 16 &&
	   r.sb_in_rsp_len == 8 + 12, "COMPLETE with address and length");
	OK(((uint8_t *)nw_ptr(in + 16))[8 + 12] == 0xCC &&
	   ((uint8_t *)nw_ptr(in + 16))[63] == 0xCC,
	   "nothing written past the response");

	/* Response area somewhere else in NS DRAM, before the command. */
	IS(raw_new(in + 0x100, 4, in, 8), 0, "response area before the command");
	r = nw_response();
	OK(r.cmd_status == TZ_SCHED_STATUS_COMPLETE && r.sb_in_rsp_addr == in &&
	   r.sb_in_rsp_len == 8, "COMPLETE there");
}

static int64_t pending_at(uint64_t rsp_pa)
{
	const struct tzcom_command c = { .cmd_type = TZ_SCHED_CMD_PENDING };

	memcpy(nw_ptr(NW_REQ_PA), &c, sizeof(c));
	return nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, CMD_STRUCT_LEN, rsp_pa,
		      RSP_STRUCT_LEN);
}

/* Start FORWARD with a callback posted; resp_len is the offered area. */
static bool forward_start(uint32_t resp_len)
{
	uint8_t cmd[12];
	struct tzcom_response r;
	struct tzcom_callback cb;

	nw_put_u32(cmd, TZ_TEST_FORWARD);
	nw_put_u32(cmd + 4, CB_ID);
	memcpy(cmd + 8, "ping", 4);
	if (nw_new(cmd, sizeof(cmd), resp_len))
		return false;
	r = nw_response();
	cb = nw_callback();
	return r.cmd_status == TZ_SCHED_STATUS_INCOMPLETE && r.sb_in_rsp_addr == 0 &&
	       r.sb_in_rsp_len == 0 && cb.cmd_id == CB_ID &&
	       cb.sb_out_cb_data_len == 4 && cb.sb_out_cb_data_off == 12 &&
	       !memcmp((uint8_t *)nw_ptr(NW_SB_OUT_PA) + 12, "ping", 4);
}

/* Resume a FORWARD with a raw answer; returns FORWARD's hlos_status. */
static int32_t forward_finish(const struct tzcom_callback_rsp *a)
{
	struct tzcom_response r;
	struct tzcom_svc_rsp_hdr h;

	memcpy(nw_ptr(NW_SB_OUT_PA), a, sizeof(*a));
	if (nw_pending())
		return 1000;
	r = nw_response();
	if (r.cmd_status != TZ_SCHED_STATUS_COMPLETE ||
	    r.sb_in_rsp_addr != NW_SB_IN_PA + 12)
		return 1001;
	memcpy(&h, nw_ptr(r.sb_in_rsp_addr), sizeof(h));
	if (h.status || h.cmd_id != TZ_TEST_FORWARD || r.sb_in_rsp_len < 12)
		return 1002;
	res.len = r.sb_in_rsp_len - 12;
	memcpy(res.data, nw_ptr(r.sb_in_rsp_addr + 12), res.len);
	return (int32_t)nw_get_u32(nw_ptr(r.sb_in_rsp_addr + 8));
}

static void test_answers(void)
{
	static const struct {
		struct tzcom_callback_rsp a;
		int32_t want;
		const char *what;
	} cases[] = {
		{ { CB_ID, 0, 4, 16 }, 0, "good answer" },
		{ { CB_ID, 0, 0, 16 }, 0, "empty answer" },
		{ { CB_ID, 0, 4, TZCOM_SB_LEN - 4 }, 0, "answer at the very end" },
		{ { CB_ID, 0, 4, 15 }, -TZ_EIO, "data_off 15" },
		{ { CB_ID, 0, 4, 12 }, -TZ_EIO, "data_off 12 (over the header)" },
		{ { CB_ID, 0, 4, 0 }, -TZ_EIO, "data_off 0" },
		{ { CB_ID, 0, 8, TZCOM_SB_LEN - 4 }, -TZ_EIO, "data past sb_out" },
		{ { CB_ID, 0, 1, TZCOM_SB_LEN }, -TZ_EIO, "data_off at sb_out end" },
		{ { CB_ID, 0, 0x20, 0xfffffff0U }, -TZ_EIO, "off + len wraps 2^32" },
		{ { CB_ID, 0, 0xffffffffU, 16 }, -TZ_EIO, "data_len 2^32-1" },
		{ { CB_ID, 0, TZCOM_SB_LEN, 16 }, -TZ_EIO, "data_len = sb_out" },
		{ { CB_ID + 1, 0, 4, 16 }, -TZ_EIO, "wrong cmd_id echo" },
		{ { 0, 0, 4, 16 }, -TZ_EIO, "cmd_id 0" },
		{ { CB_ID, 5, 4, 16 }, -TZ_EIO, "positive status" },
		{ { CB_ID, -TZ_ETIMEDOUT, 4, 16 }, -TZ_ETIMEDOUT, "-ETIMEDOUT passed on" },
		{ { CB_ID, -TZ_ENOENT, 0, 0 }, -TZ_ENOENT, "-ENOENT passed on" },
		{ { CB_ID, -4096, 0, 0 }, -TZ_EIO, "status -4096" },
		{ { CB_ID, (int32_t)0x80000000U, 0, 0 }, -TZ_EIO, "status INT_MIN" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct tzcom_callback_rsp *a = &cases[i].a;
		int32_t got;

		if (!OK(forward_start(TZCOM_SB_LEN - 12), "FORWARD posts a callback"))
			return;
		if (a->data_len && a->data_len <= 4 &&
		    (uint64_t)a->data_off + a->data_len <= TZCOM_SB_LEN)
			memcpy((uint8_t *)nw_ptr(NW_SB_OUT_PA) + a->data_off, "pong", 4);
		got = forward_finish(a);
		IS(got, cases[i].want, "answer: %s", cases[i].what);
		if (cases[i].want == 0)
			OK(res.len == a->data_len && !memcmp(res.data, "pong", res.len),
			   "answer data copied: %s", cases[i].what);
	}

	/* The service's buffer: FORWARD gets resp area - 8 - 4 bytes. */
	OK(forward_start(8 + 4 + 10), "FORWARD with a 10-byte answer buffer");
	memset((uint8_t *)nw_ptr(NW_SB_OUT_PA) + 16, 'a', 11);
	IS(forward_finish(&(struct tzcom_callback_rsp){ CB_ID, 0, 11, 16 }),
	   -TZ_EMSGSIZE, "answer larger than the service's buffer");
	OK(forward_start(8 + 4 + 10), "FORWARD with a 10-byte answer buffer");
	IS(forward_finish(&(struct tzcom_callback_rsp){ CB_ID, 0, 10, 16 }), 0,
	   "answer exactly the service's buffer");

	/* A service with no answer buffer at all. */
	nw_put_u32(buf, PROBE_CAPPED);
	nw_put_u32(buf + 4, CB_ID);
	nw_put_u32(buf + 8, 0);
	nw_call(buf, 12, 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && (int32_t)nw_get_u32(res.data) == -TZ_EMSGSIZE,
	   "non-empty answer to a service with no buffer: -EMSGSIZE");
	nw_put_u32(buf + 8, 3);
	nw_call(buf, 12, 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && (int32_t)nw_get_u32(res.data) == -TZ_EMSGSIZE,
	   "4-byte answer to a 3-byte buffer: -EMSGSIZE");
	nw_put_u32(buf + 8, 4);
	nw_call(buf, 12, 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && nw_get_u32(res.data) == 0 &&
	   nw_get_u32(res.data + 4) == 4, "4-byte answer to a 4-byte buffer");
}

static void test_state_machine(void)
{
	struct tzcom_response r;
	uint8_t cmd[8];
	int64_t x[2];

	rsp_poison();
	IS(nw_pending(), TZ_SMC_UNEXPECTED_RESUME, "PENDING while idle: -5");
	OK(rsp_untouched(), "refused PENDING wrote nothing");

	nw_call_id(PROBE_REENTER, NULL, 0, NULL, NULL, &res);
	memcpy(x, res.data, sizeof(x));
	OK(res.status == 0 && res.len == 16, "re-entrant SMCs from a running service");
	IS(x[0], TZ_SMC_BUSY, "NEW while RUNNING: -4");
	IS(x[1], TZ_SMC_UNEXPECTED_RESUME, "PENDING while RUNNING: -5");

	OK(forward_start(64), "FORWARD waits on its callback");
	nw_put_u32(cmd, TZ_TEST_ECHO);
	rsp_poison();
	IS(nw_new(cmd, 4, 64), TZ_SMC_BUSY, "NEW while WAIT_HLOS: -4");
	OK(nw_get_u32(nw_ptr(NW_RSP_PA)) == 0xCCCCCCCCU ||
	   nw_get_u32(nw_ptr(NW_RSP_PA)) == TZ_SCHED_STATUS_INCOMPLETE,
	   "refused NEW did not write COMPLETE");
	rsp_poison();
	IS(nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, CMD_STRUCT_LEN, 0x0e000000,
		  RSP_STRUCT_LEN), TZ_SMC_INVALID_PARAM,
	   "PENDING with the response struct in secure RAM: -3");
	IS(pending_at(HOST_DRAM_BASE + HOST_DRAM_SIZE - 4), TZ_SMC_INVALID_PARAM,
	   "PENDING with the response struct past DRAM: -3");
	IS(nw_smc(0x213, NW_REQ_PA, CMD_STRUCT_LEN, NW_RSP_PA, RSP_STRUCT_LEN),
	   TZ_SMC_INVALID_PARAM, "PENDING with bad arginfo: -3");

	/* The response struct may move between SMCs: x4 of this call wins. */
	memset(nw_ptr(NW_FREE_PA), 0xCC, 64);
	nw_answer(CB_ID, 0, "pong", 4);
	IS(pending_at(NW_FREE_PA + 20), 0, "PENDING with the struct elsewhere");
	memcpy(&r, nw_ptr(NW_FREE_PA + 20), sizeof(r));
	OK(r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	   r.sb_in_rsp_addr == NW_SB_IN_PA + 12 && r.sb_in_rsp_len == 8 + 4 + 4,
	   "COMPLETE written at the current x4");
	OK(((uint8_t *)nw_ptr(NW_FREE_PA))[19] == 0xCC &&
	   ((uint8_t *)nw_ptr(NW_FREE_PA))[32] == 0xCC, "and nowhere around it");
	OK(rsp_untouched(), "not at the x4 of the NEW");
	IS(nw_pending(), TZ_SMC_UNEXPECTED_RESUME, "second PENDING: -5");
	OK(echo_works(), "idle again");

	/* Deep service stack survives a round trip through the normal world. */
	nw_put_u32(buf, PROBE_DEEP);
	nw_put_u32(buf + 4, CB_ID);
	nw_call(buf, 8, 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && res.callbacks == 1,
	   "32 KiB of service stack intact across a callback");
}

static void test_cancel(void)
{
	int32_t st[3];

	nw_put_u32(buf, PROBE_MULTI);
	nw_put_u32(buf + 4, 3);
	nw_put_u32(buf + 8, CB_ID);
	IS(nw_new(buf, 12, 64), 0, "MULTI starts");
	OK(nw_callback().cmd_id == CB_ID, "first callback posted");
	nw_answer(CB_ID, -TZ_ECANCELED, NULL, 0);
	IS(nw_pending(), 0, "PENDING with -ECANCELED");
	OK(nw_response().cmd_status == TZ_SCHED_STATUS_COMPLETE,
	   "the command completes without further callbacks");
	memcpy(st, (uint8_t *)nw_ptr(NW_SB_IN_PA + 12) + 8, sizeof(st));
	OK(st[0] == -TZ_ECANCELED && st[1] == -TZ_ECANCELED &&
	   st[2] == -TZ_ECANCELED, "every later tz_hlos_call failed at once");
	IS(nw_response().sb_in_rsp_len, 8 + 12, "with all three statuses");

	/* The next command starts clean. */
	nw_call(buf, 12, 64, nw_listener_xor, NULL, &res);
	memcpy(st, res.data, sizeof(st));
	OK(res.status == 0 && res.callbacks == 3 && !st[0] && !st[1] && !st[2],
	   "cancel does not leak into the next command");
}

static void test_hlos_limits(void)
{
	struct tzcom_callback cb;

	nw_put_u32(buf, PROBE_BIGCB);
	nw_put_u32(buf + 4, CB_ID);
	nw_put_u32(buf + 8, TZCOM_CB_MAX_DATA + 1);
	nw_call(buf, 12, 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && res.callbacks == 0 &&
	   (int32_t)nw_get_u32(res.data) == -TZ_EMSGSIZE,
	   "callback of 20469 bytes: -EMSGSIZE, nothing posted");
	nw_put_u32(buf + 8, TZCOM_CB_MAX_DATA);
	IS(nw_new(buf, 12, 64), 0, "callback of 20468 bytes");
	cb = nw_callback();
	OK(cb.sb_out_cb_data_len == TZCOM_CB_MAX_DATA && cb.sb_out_cb_data_off == 12 &&
	   ((uint8_t *)nw_ptr(NW_SB_OUT_PA))[TZCOM_SB_LEN - 1] == 0x5a,
	   "fills sb_out exactly");
	nw_answer(CB_ID, 0, "ok", 2);
	IS(nw_pending(), 0, "answered");
	OK(nw_response().cmd_status == TZ_SCHED_STATUS_COMPLETE, "and complete");
}

/* A corrupted stack canary stops the CPU (abort() on the host). */
static void test_canary(void)
{
	pid_t pid;
	int wst = 0;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		nw_put_u32(buf, PROBE_SMASH);
		nw_put_u32(buf + 4, CB_ID);
		nw_new(buf, 8, 64);
		_exit(0);	/* not reached if the canary is checked */
	}
	waitpid(pid, &wst, 0);
	OK(WIFSIGNALED(wst) && WTERMSIG(wst) == SIGABRT,
	   "corrupted service stack canary halts at the next switch");
	OK(echo_works(), "parent unaffected");
}

static void test_counters_and_log(void)
{
	struct tzcom_core_info a, b;
	struct chain_check c = { .fail_at = -1, .corrupt_at = -1, .short_at = -1 };
	uint32_t lens[3] = { 8, 8, 8 };
	uint8_t trace[8];

	/* Per-command lines reach the UART (host_log) only at TZ_TRACE_UART. */
	nw_put_u32(trace, TZ_CORE_SET_TRACE);
	nw_put_u32(trace + 4, TZ_TRACE_UART);
	nw_call(trace, sizeof(trace), 64, NULL, NULL, &res);
	IS(res.status, 0, "SET_TRACE UART for the log checks");
	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	memcpy(&a, res.data, sizeof(a));
	host_log_clear();
	run_chain(3, lens, &c);
	OK(res.status == 0, "CHAIN of 3 for the counters");
	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	memcpy(&b, res.data, sizeof(b));
	IS(b.commands_done - a.commands_done, 2, "commands_done counts completions");
	IS(b.callbacks_done - a.callbacks_done, 3, "callbacks_done counts answers");
	OK(host_log_has("[tzbsp] sched: NEW cmd 0x00010003 len 32\n"), "log: NEW");
	OK(host_log_has("[tzbsp] sched: callback 0x80000001 len 8\n"),
	   "log: callback posted");
	OK(host_log_has("[tzbsp] sched: callback 0x80000003 answered status 0 len 8\n"),
	   "log: callback answered");
	OK(host_log_has("[tzbsp] sched: COMPLETE cmd 0x00010003 status 0 len 16\n"),
	   "log: COMPLETE");
	nw_put_u32(trace + 4, TZ_TRACE_OFF);
	nw_call(trace, sizeof(trace), 64, NULL, NULL, &res);
	IS(res.status, 0, "SET_TRACE back to OFF, the default");
}

int main(void)
{
	nw_boot();
	if (!host_log_has("sched: ready, services 0x80000003"))
		fputs(host_log_get(), stdout);
	OK(host_log_has("sched: ready, services 0x80000003"),
	   "boot: core, test and probe up; broken and duplicate left out");
	OK(host_log_has("sched: service descriptor 1 (duplicate) rejected: duplicate id"),
	   "boot: a taken id is refused");
	OK(host_log_has("sched: service descriptor 29 (nohandler) rejected: no handler"),
	   "boot: a descriptor without a handler is refused");
	OK(host_log_has("sched: service descriptor 28 (?) rejected: no name"),
	   "boot: a descriptor without a name is refused");
	OK(host_log_has("sched: service descriptor 32 (badid) rejected: id out of range"),
	   "boot: an id past the bitmap is refused");

	test_echo_transform();
	test_chain();
	test_forward();
	test_unknown();
	test_transport();
	test_new_fields();
	test_answers();
	test_state_machine();
	test_cancel();
	test_hlos_limits();
	test_counters_and_log();
	test_canary();
	return tap_done();
}
