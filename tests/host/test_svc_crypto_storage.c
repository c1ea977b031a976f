// SPDX-License-Identifier: BSD-3-Clause
/*
 * The crypto and sealed storage services end to end through the real
 * scheduler and the fake driver: commands in sb_in, storage callbacks in
 * sb_out answered by an in-memory tzcomd speaking hlos_storage.h, and the
 * size limits of tz_crypto.h/tz_storage.h at their exact edges.
 */
#include <stdlib.h>
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/sha256.h>

#include <tzbsp/crypto.h>
#include <tzcom/hlos_storage.h>
#include <tzcom/tz_crypto.h>
#include <tzcom/tz_storage.h>

#include "host.h"
#include "tap.h"

/* The FP/SIMD bracket is aarch64 assembly; nothing to preserve here. */

/* ---- tzcomd: one object store in memory ----------------------------------- */
#define NOBJ 4
static struct {
	char name[TZ_HLOS_NAME_MAX + 1];
	uint8_t blob[TZCOM_CB_MAX_DATA];
	uint32_t len;
} store[NOBJ];
static unsigned int bad_requests;

static int find(const char *name, uint32_t len)
{
	for (int i = 0; i < NOBJ; i++)
		if (store[i].name[0] && strlen(store[i].name) == len &&
		    !memcmp(store[i].name, name, len))
			return i;
	return -1;
}

static uint32_t answer(uint8_t *ans, int32_t status, const void *data, uint32_t len)
{
	struct tz_hlos_rsp_hdr h = { .status = status, .data_len = len };

	memcpy(ans, &h, sizeof(h));
	if (len)
		memcpy(ans + sizeof(h), data, len);
	return (uint32_t)sizeof(h) + len;
}

static int32_t tzcomd(void *arg, uint32_t cmd_id, const uint8_t *req,
		      uint32_t req_len, uint8_t *ans, uint32_t *ans_len)
{
	struct tz_hlos_storage_req h;
	const char *name;
	char list[512];
	uint32_t n = 0;
	int i;

	(void)arg;
	/* A tzcomd of blobs only: the ranged callbacks of large objects are unknown. */
	if (cmd_id >= TZ_HLOS_STORAGE_WRITE_AT && cmd_id <= TZ_HLOS_STORAGE_DISCARD) {
		*ans_len = answer(ans, -TZ_ENOSYS, NULL, 0);
		return 0;
	}
	if (req_len < sizeof(h)) {
		bad_requests++;
		return -TZ_EINVAL;
	}
	memcpy(&h, req, sizeof(h));
	if (h.cmd_id != cmd_id || sizeof(h) + h.name_len + h.data_len != req_len) {
		bad_requests++;
		return -TZ_EINVAL;
	}
	name = (const char *)req + sizeof(h);
	i = find(name, h.name_len);
	switch (cmd_id) {
	case TZ_HLOS_STORAGE_WRITE:
		if (i < 0)
			for (i = 0; i < NOBJ && store[i].name[0]; i++)
				;
		if (i == NOBJ) {
			*ans_len = answer(ans, -TZ_ENOSPC, NULL, 0);
			return 0;
		}
		memcpy(store[i].name, name, h.name_len);
		store[i].name[h.name_len] = '\0';
		memcpy(store[i].blob, name + h.name_len, h.data_len);
		store[i].len = h.data_len;
		*ans_len = answer(ans, 0, NULL, 0);
		return 0;
	case TZ_HLOS_STORAGE_READ:
		*ans_len = i < 0 ? answer(ans, -TZ_ENOENT, NULL, 0) :
			   answer(ans, 0, store[i].blob, store[i].len);
		return 0;
	case TZ_HLOS_STORAGE_REMOVE:
		if (i >= 0)
			store[i].name[0] = '\0';
		*ans_len = answer(ans, i < 0 ? -TZ_ENOENT : 0, NULL, 0);
		return 0;
	case TZ_HLOS_STORAGE_LIST:
		for (i = 0; i < NOBJ; i++) {
			if (!store[i].name[0])
				continue;
			memcpy(list + n, store[i].name, strlen(store[i].name) + 1);
			n += (uint32_t)strlen(store[i].name) + 1;
		}
		*ans_len = answer(ans, 0, list, n);
		return 0;
	}
	return -TZ_ENOSYS;
}

/* ---- commands --------------------------------------------------------------- */
static uint8_t cmd[TZCOM_SB_LEN];
static struct nw_result res;

static void crypto(uint32_t id, const void *data, uint32_t len, uint32_t resp_len)
{
	struct tz_crypto_req h = { .cmd_id = id, .data_len = len };

	memcpy(cmd, &h, sizeof(h));
	if (len)
		memcpy(cmd + sizeof(h), data, len);
	nw_call(cmd, (uint32_t)sizeof(h) + len, resp_len, NULL, NULL, &res);
}

static void storage(uint32_t id, const char *name, const void *data, uint32_t len,
		    uint32_t resp_len)
{
	struct tz_storage_req h = {
		.cmd_id = id, .name_len = (uint32_t)strlen(name), .data_len = len,
	};
	uint32_t cmd_len = (uint32_t)sizeof(h) + h.name_len + len;

	memcpy(cmd, &h, sizeof(h));
	memcpy(cmd + sizeof(h), name, h.name_len);
	if (len)
		memcpy(cmd + sizeof(h) + h.name_len, data, len);
	if (!resp_len)
		resp_len = TZCOM_SB_LEN - cmd_len;
	nw_call(cmd, cmd_len, resp_len, tzcomd, NULL, &res);
}

static void test_crypto(const struct tz_device_secret_record *rec)
{
	static uint8_t big[TZ_CRYPTO_MAX_INPUT + 1];
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	uint8_t expect[32], key[32];

	mbedtls_sha256_ret((const uint8_t *)"abc", 3, expect, 0);
	crypto(TZ_CRYPTO_SHA256, "abc", 3, TZ_CRYPTO_RSP_LEN);
	IS(res.x0, 0, "SHA256: transport ok");
	IS(res.status, 0, "SHA256: status 0");
	IS(res.len, 32, "SHA256: 32-byte digest");
	OK(!memcmp(res.data, expect, 32), "SHA256(\"abc\") through the scheduler");

	/* HMAC = HMAC(HKDF(secret, "tzcom hmac v1"), data). */
	{
		uint8_t zeros[32] = { 0 }, prk[32], t1[14];

		mbedtls_md_hmac(md, zeros, 32, rec->secret, 32, prk);
		memcpy(t1, "tzcom hmac v1", 13);
		t1[13] = 1;
		mbedtls_md_hmac(md, prk, 32, t1, 14, key);
		mbedtls_md_hmac(md, key, 32, (const uint8_t *)"abc", 3, expect);
	}
	crypto(TZ_CRYPTO_HMAC_SHA256, "abc", 3, TZ_CRYPTO_RSP_LEN);
	IS(res.status, 0, "HMAC: status 0");
	IS(res.len, 32, "HMAC: 32 bytes");
	OK(!memcmp(res.data, expect, 32), "HMAC under the HKDF device key");

	/* The exact edge: 20432 bytes with a 40-byte response fill sb_in. */
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i ^ (i >> 8));
	mbedtls_sha256_ret(big, TZ_CRYPTO_MAX_INPUT, expect, 0);
	crypto(TZ_CRYPTO_SHA256, big, TZ_CRYPTO_MAX_INPUT, TZ_CRYPTO_RSP_LEN);
	IS(res.x0, 0, "SHA256 of TZ_CRYPTO_MAX_INPUT bytes: transport ok");
	IS(res.status, 0, "SHA256 of TZ_CRYPTO_MAX_INPUT bytes: status 0");
	OK(res.len == 32 && !memcmp(res.data, expect, 32), "... and right");
	crypto(TZ_CRYPTO_SHA256, big, TZ_CRYPTO_MAX_INPUT + 1, TZ_CRYPTO_RSP_LEN - 1);
	IS(res.status, -TZ_EMSGSIZE, "one byte more than TZ_CRYPTO_MAX_INPUT: -EMSGSIZE");
	crypto(TZ_CRYPTO_SHA256, "abc", 3, TZ_CRYPTO_RSP_LEN - 1);
	IS(res.status, -TZ_ERANGE, "a response area under 40 bytes: -ERANGE");
	IS(res.len, 0, "... with no data");
}

static void test_storage(void)
{
	static uint8_t big[TZ_STORAGE_MAX_DATA + 1];
	static const char name64[] =
		"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	struct tz_storage_get_rsp g;
	struct tz_storage_list_rsp l;
	int i;

	storage(TZ_STORAGE_PUT, "note.txt", "secret note", 11, 8);
	IS(res.status, 0, "PUT: status 0");
	IS(res.callbacks, 1, "PUT: one WRITE callback");
	i = find("note.txt", 8);
	OK(i >= 0 && store[i].len == 11 + TZ_STORAGE_BLOB_OVERHEAD,
	   "tzcomd holds a 51-byte blob");
	OK(i >= 0 && !memmem(store[i].blob, store[i].len, "secret", 6),
	   "... without the plaintext");

	storage(TZ_STORAGE_GET, "note.txt", NULL, 0, 0);
	IS(res.status, 0, "GET: status 0");
	memcpy(&g, res.data, sizeof(g));
	OK(g.data_len == 11 && res.len == 4 + 11 &&
	   !memcmp(res.data + 4, "secret note", 11), "GET returns the object");

	storage(TZ_STORAGE_LIST, "", NULL, 0, 0);
	memcpy(&l, res.data, sizeof(l));
	OK(res.status == 0 && l.count == 1 && l.names_len == 9 &&
	   !memcmp(res.data + 8, "note.txt", 9), "LIST names the object");

	/* Tampering on the normal-world side. */
	store[i].blob[30] ^= 4;
	storage(TZ_STORAGE_GET, "note.txt", NULL, 0, 0);
	IS(res.status, -TZ_EBADMSG, "GET of a tampered blob: -EBADMSG");
	IS(res.len, 0, "... and no data");
	store[i].blob[30] ^= 4;
	memcpy(store[i].name, "other", 6);
	storage(TZ_STORAGE_GET, "other", NULL, 0, 0);
	IS(res.status, -TZ_EBADMSG, "GET of a renamed blob: -EBADMSG");
	memcpy(store[i].name, "note.txt", 9);
	store[i].len -= 1;
	storage(TZ_STORAGE_GET, "note.txt", NULL, 0, 0);
	IS(res.status, -TZ_EBADMSG, "GET of a truncated blob: -EBADMSG");
	store[i].len += 1;

	storage(TZ_STORAGE_RM, "note.txt", NULL, 0, 8);
	IS(res.status, 0, "RM: status 0");
	storage(TZ_STORAGE_GET, "note.txt", NULL, 0, 0);
	IS(res.status, -TZ_ENOENT, "GET after RM: -ENOENT");

	/* The largest object under the longest name, at both callback limits. */
	for (size_t k = 0; k < sizeof(big); k++)
		big[k] = (uint8_t)(k * 7);
	storage(TZ_STORAGE_PUT, name64, big, TZ_STORAGE_MAX_DATA, 8);
	IS(res.status, 0, "PUT of TZ_STORAGE_MAX_DATA bytes, 64-byte name");
	OK(!res.malformed, "... the WRITE callback filled sb_out within the rules");
	storage(TZ_STORAGE_GET, name64, NULL, 0, 0);
	IS(res.status, 0, "GET of the largest object");
	OK(res.len == 4 + TZ_STORAGE_MAX_DATA && !memcmp(res.data + 4, big,
							  TZ_STORAGE_MAX_DATA),
	   "... returns all of it");
	storage(TZ_STORAGE_PUT, name64, big, TZ_STORAGE_MAX_DATA + 1, 8);
	IS(res.status, -TZ_EMSGSIZE, "one byte more: -EMSGSIZE");
	IS(res.callbacks, 0, "... before any callback");

	/* No tzcomd: the driver answers the callback -ENOENT. */
	{
		struct tz_storage_req h = { TZ_STORAGE_GET, 1, 0 };

		memcpy(cmd, &h, sizeof(h));
		cmd[12] = 'x';
		nw_call(cmd, 13, 64, NULL, NULL, &res);
		IS(res.status, -TZ_ENOENT, "no listener: the driver's -ENOENT");
	}
	IS(bad_requests, 0, "tzcomd never saw a malformed callback");
}

int main(void)
{
	struct tz_device_secret_record rec;

	memcpy(rec.magic, TZ_DEVICE_SECRET_MAGIC, 8);
	rec.version = TZ_DEVICE_SECRET_VER;
	rec.len = TZ_DEVICE_SECRET_LEN;
	for (int i = 0; i < TZ_DEVICE_SECRET_LEN; i++)
		rec.secret[i] = (uint8_t)(0xa5 ^ (i * 11));
	IS(tz_device_secret_test_load(&rec), 0, "test secret loaded");
	nw_boot();
	OK(host_log_has("crypto self-test: PASS (6 of 6 passed)"),
	   "boot self-tests passed");
	OK(!host_log_has("service crypto init failed") &&
	   !host_log_has("service storage init failed"), "crypto and storage came up");

	test_crypto(&rec);
	test_storage();
	return tap_done();
}
