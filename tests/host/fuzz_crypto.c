// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the crypto service's normal-world input, a command in
 * sb_in (struct tz_crypto_req {cmd_id, data_len} and data), through the
 * real scheduler.  Byte 0 picks the command id (SHA-256, HMAC, or an
 * unknown crypto id), whether data_len is taken from the input or made
 * consistent, and a small or full response area; the rest is the body.
 *
 * Properties: the protocol is never broken and the service never calls
 * back; a success is exactly one 32-byte digest, and only for a known id
 * whose data_len matches the request; a SHA-256 digest equals the host
 * mbedTLS digest of the same bytes (checked independently); a refused
 * command carries no data.
 */
#include <mbedtls/sha256.h>

#include <tzbsp/crypto.h>
#include <tzcom/tz_crypto.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static int32_t no_callbacks(void *arg, uint32_t cmd_id, const uint8_t *req,
			    uint32_t req_len, uint8_t *ans, uint32_t *ans_len)
{
	(void)arg;
	(void)cmd_id;
	(void)req;
	(void)req_len;
	(void)ans;
	(void)ans_len;
	abort();	/* the crypto service has nothing to ask */
}

static void setup_once(void)
{
	static struct tz_device_secret_record rec = {
		.magic = "TZDEVSEC", .version = 1, .len = 32,
		.secret = "fuzzing-board-secret-0123456789",
	};
	static int done;

	(void)fuzz_drain;	/* nw_call() always runs a command to COMPLETE */
	if (done)
		return;
	done = 1;
	if (tz_device_secret_test_load(&rec))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t ids[4] = {
		TZ_CRYPTO_SHA256, TZ_CRYPTO_HMAC_SHA256, TZ_CMD_ID(TZ_SVC_CRYPTO, 0),
		TZ_CMD_ID(TZ_SVC_CRYPTO, 0xffff),
	};
	static uint8_t cmd[TZCOM_SB_LEN];
	static struct nw_result res;
	uint8_t want[32];
	uint32_t id, cmd_len, resp_len, data_len;
	size_t body;
	int consistent;

	if (size < 5)
		return 0;
	setup_once();
	fuzz_setup();

	id = ids[data[0] & 3];
	body = size - 5;
	if (body > TZCOM_SB_LEN - 8 - 8)
		body = TZCOM_SB_LEN - 8 - 8;
	/* bit 2: data_len as the service expects it, else the fuzzer's. */
	memcpy(&data_len, data + 1, 4);
	if (data[0] & 4)
		data_len = (uint32_t)body;
	consistent = data_len == body;
	nw_put_u32(cmd, id);
	nw_put_u32(cmd + 4, data_len);
	memcpy(cmd + 8, data + 5, body);
	cmd_len = (uint32_t)(8 + body);
	/* bit 3: a response area of 8..23 bytes (too small for a digest). */
	resp_len = (data[0] & 8) ? 8 + (data[0] >> 4) : TZCOM_SB_LEN - cmd_len;

	nw_call(cmd, cmd_len, resp_len, no_callbacks, NULL, &res);
	if (res.x0 || res.malformed || res.status > 0 || res.callbacks)
		abort();
	if (res.status && res.len)
		abort();	/* a refused command carries no data */
	if (res.status == 0) {
		if (res.len != 32 || !consistent || (data[0] & 3) >= 2 ||
		    body > TZ_CRYPTO_MAX_INPUT || resp_len < 8 + 32)
			abort();	/* success it should not have had */
		if (id == TZ_CRYPTO_SHA256) {
			if (mbedtls_sha256_ret(cmd + 8, body, want, 0) ||
			    memcmp(res.data, want, 32))
				abort();
		}
	} else if (consistent && (data[0] & 3) < 2 && !(data[0] & 8) &&
		   body <= TZ_CRYPTO_MAX_INPUT) {
		abort();	/* a well-formed request must succeed */
	}
	return 0;
}
