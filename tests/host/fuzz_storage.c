// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the sealed storage service's two normal-world inputs,
 * its command in sb_in and tzcomd's answers to its callbacks, through the
 * real scheduler.  Byte 0 picks the command and how READ is answered; the
 * rest is split into the command body and the answer.
 *
 * Properties: the protocol is never broken; GET never returns data unless
 * tzcomd answered with the genuine blob, unmodified (the fuzzer cannot
 * forge a Poly1305 tag); a refused GET carries no data.
 */
#include <tzbsp/crypto.h>
#include <tzcom/hlos_storage.h>
#include <tzcom/tz_storage.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static const uint8_t *fz_ans;
static size_t fz_ans_len;
static int fz_mode;		/* 0: raw answer, 1: genuine blob XOR answer */
static uint8_t genuine[64 + TZ_STORAGE_BLOB_OVERHEAD];
static uint32_t genuine_len;
static bool capturing;

static int32_t listener(void *arg, uint32_t cmd_id, const uint8_t *req,
			uint32_t req_len, uint8_t *ans, uint32_t *ans_len)
{
	struct tz_hlos_rsp_hdr h = { 0, 0 };
	size_t n;

	(void)arg;
	if (capturing) {	/* the setup PUT: keep its blob */
		if (cmd_id != TZ_HLOS_STORAGE_WRITE || req_len < 16 + 4 ||
		    req_len - 20 > sizeof(genuine))
			abort();
		genuine_len = req_len - 20;
		memcpy(genuine, req + 20, genuine_len);
	} else if (fz_mode && cmd_id == TZ_HLOS_STORAGE_READ) {
		h.data_len = genuine_len;
		memcpy(ans + sizeof(h), genuine, genuine_len);
		for (n = 0; n < fz_ans_len && n < genuine_len; n++)
			ans[sizeof(h) + n] ^= fz_ans[n];
	} else {
		n = fz_ans_len > TZCOM_CB_RSP_MAX_DATA ? TZCOM_CB_RSP_MAX_DATA : fz_ans_len;
		memcpy(ans, fz_ans, n);
		*ans_len = (uint32_t)n;
		return 0;
	}
	memcpy(ans, &h, sizeof(h));
	*ans_len = (uint32_t)sizeof(h) + h.data_len;
	return 0;
}

static void setup_once(void)
{
	static struct tz_device_secret_record rec = {
		.magic = "TZDEVSEC", .version = 1, .len = 32,
		.secret = "fuzzing-board-secret-0123456789",
	};
	static const uint8_t put[] = {
		0x01, 0x00, 0x03, 0x00,  4, 0, 0, 0,  6, 0, 0, 0,
		'k', 'e', 'y', '1',  's', 'e', 'c', 'r', 'e', 't',
	};
	static int done;
	struct nw_result res;

	(void)fuzz_drain;	/* nw_call() always runs a command to COMPLETE */
	if (done)
		return;
	done = 1;
	if (tz_device_secret_test_load(&rec))
		abort();
	fuzz_setup();
	capturing = true;
	nw_call(put, sizeof(put), 8, listener, NULL, &res);
	capturing = false;
	if (res.x0 || res.status || genuine_len != 6 + TZ_STORAGE_BLOB_OVERHEAD)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t ids[4] = {
		TZ_STORAGE_PUT, TZ_STORAGE_GET, TZ_STORAGE_RM, TZ_STORAGE_LIST,
	};
	static uint8_t cmd[TZCOM_SB_LEN];
	static struct nw_result res;
	size_t body, all_zero, i;
	uint32_t cmd_len, resp_len;

	if (size < 3)
		return 0;
	setup_once();
	fuzz_setup();

	fz_mode = (data[0] >> 2) & 1;
	body = data[1];		/* command body length, capped by the input */
	if (body > size - 2)
		body = size - 2;
	nw_put_u32(cmd, ids[data[0] & 3]);
	memcpy(cmd + 4, data + 2, body);
	cmd_len = (uint32_t)(4 + body);
	fz_ans = data + 2 + body;
	fz_ans_len = size - 2 - body;
	resp_len = (data[0] & 8) ? 8 + 4 + (data[0] >> 4) : TZCOM_SB_LEN - cmd_len;

	/* Mode 1 GETs the genuine object's name, so the blob can open. */
	if (fz_mode && (data[0] & 3) == 1) {
		static const uint8_t get[] = { 4, 0, 0, 0, 0, 0, 0, 0, 'k', 'e', 'y', '1' };

		memcpy(cmd + 4, get, sizeof(get));
		cmd_len = 4 + sizeof(get);
		resp_len = (data[0] & 8) ? 8 + 4 + (data[0] >> 4) : 256;
	}
	nw_call(cmd, cmd_len, resp_len, listener, NULL, &res);
	if (res.x0 || res.malformed || res.status > 0)
		abort();
	if (res.status && res.len)
		abort();	/* a refused command carries no data */
	if (ids[data[0] & 3] == TZ_STORAGE_GET && res.status == 0) {
		for (i = 0, all_zero = 1; i < fz_ans_len && i < genuine_len; i++)
			all_zero &= fz_ans[i] == 0;
		if (!fz_mode || !all_zero || res.len != 4 + 6 ||
		    memcmp(res.data + 4, "secret", 6))
			abort();	/* data from a blob we did not seal */
	}
	return 0;
}
