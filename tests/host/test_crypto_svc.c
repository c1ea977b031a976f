// SPDX-License-Identifier: BSD-3-Clause
/*
 * Crypto service (service 2) on the host, driven through its registered
 * handle() like the scheduler does: NIST SHA-256 vectors, RFC 4231
 * HMAC-SHA256 vectors (with the test-only key hook), the device key path
 * against an independent HKDF (itself checked against RFC 5869), the boot
 * self-tests, and malformed requests; then the any-length paths: whole
 * memory arguments and INIT/UPDATE/FINAL in sessions (fake_memref.h plays
 * TZBSP's side), against mbedTLS and the RFC 4231 vectors.
 */
#include <mbedtls/md.h>
#include <mbedtls/sha256.h>

#include <tzcom/tz_crypto.h>

#include "crypto_test.h"
#include "fake_memref.h"

static const struct tz_service *svc;
static uint8_t req[TZCOM_SB_LEN], rsp[TZCOM_SB_LEN];

/* Run one command; returns the service status, digest in rsp. */
static int run(uint32_t cmd_id, const void *data, size_t len, size_t *rsp_len)
{
	struct tz_crypto_req hdr = { .cmd_id = cmd_id, .data_len = (uint32_t)len };

	memcpy(req, &hdr, sizeof(hdr));
	if (len)
		memcpy(req + sizeof(hdr), data, len);
	memset(rsp, 0xee, sizeof(rsp));
	return svc->handle(cmd_id, req, sizeof(hdr) + len, rsp,
			   TZ_CRYPTO_DIGEST_LEN, rsp_len);
}

static void check_digest(uint32_t cmd_id, const void *data, size_t len,
			 const char *hex, size_t cmp_len)
{
	uint8_t expect[32];
	size_t rsp_len = 0;

	unhex(hex, expect, sizeof(expect));
	CHECK_EQ(run(cmd_id, data, len, &rsp_len), 0);
	CHECK_EQ(rsp_len, TZ_CRYPTO_DIGEST_LEN);
	CHECK(memcmp(rsp, expect, cmp_len) == 0);
}

static void test_sha256_nist(void)
{
	static const char m448[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char m896[] =
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	check_digest(TZ_CRYPTO_SHA256, "abc", 3,
		     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 32);
	check_digest(TZ_CRYPTO_SHA256, "", 0,
		     "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 32);
	check_digest(TZ_CRYPTO_SHA256, m448, sizeof(m448) - 1,
		     "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", 32);
	check_digest(TZ_CRYPTO_SHA256, m896, sizeof(m896) - 1,
		     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", 32);
}

static void check_hmac(const uint8_t *key, size_t key_len, const void *data,
		       size_t len, const char *hex, size_t cmp_len)
{
	crypto_svc_test_set_hmac_key(key, key_len);
	check_digest(TZ_CRYPTO_HMAC_SHA256, data, len, hex, cmp_len);
	crypto_svc_test_set_hmac_key(NULL, 0);
}

static void test_hmac_rfc4231(void)
{
	static const char d6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	static const char d7[] =
		"This is a test using a larger than block-size key and a larger "
		"than block-size data. The key needs to be hashed before being "
		"used by the HMAC algorithm.";
	uint8_t key[131], data[50];
	size_t i;

	memset(key, 0x0b, 20);
	check_hmac(key, 20, "Hi There", 8,
		   "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", 32);
	check_hmac((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28,
		   "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 32);
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	check_hmac(key, 20, data, 50,
		   "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", 32);
	for (i = 0; i < 25; i++)
		key[i] = (uint8_t)(i + 1);
	memset(data, 0xcd, 50);
	check_hmac(key, 25, data, 50,
		   "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", 32);
	memset(key, 0x0c, 20);
	check_hmac(key, 20, "Test With Truncation", 20,
		   "a3b6167473100ee06e0c796c2955552b", 16);
	memset(key, 0xaa, 131);
	check_hmac(key, 131, d6, sizeof(d6) - 1,
		   "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54", 32);
	check_hmac(key, 131, d7, sizeof(d7) - 1,
		   "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", 32);
}

/* RFC 5869 HKDF-SHA256 written out with HMAC, independent of mbedtls_hkdf. */
static void ref_hkdf(const uint8_t *salt, size_t salt_len, const uint8_t *ikm,
		     size_t ikm_len, const uint8_t *info, size_t info_len,
		     uint8_t *okm, size_t len)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	uint8_t zeros[32] = { 0 }, prk[32], t[32], buf[32 + 256 + 1];
	size_t done = 0, tlen = 0, n;
	uint8_t ctr = 1;

	if (!salt_len) {
		salt = zeros;
		salt_len = sizeof(zeros);
	}
	mbedtls_md_hmac(md, salt, salt_len, ikm, ikm_len, prk);
	while (done < len) {
		memcpy(buf, t, tlen);
		memcpy(buf + tlen, info, info_len);
		buf[tlen + info_len] = ctr++;
		mbedtls_md_hmac(md, prk, 32, buf, tlen + info_len + 1, t);
		tlen = 32;
		n = len - done < 32 ? len - done : 32;
		memcpy(okm + done, t, n);
		done += n;
	}
}

static void test_device_key(void)
{
	static const char info[] = "tzcom hmac v1";
	static const char msg[] = "device-bound message";
	struct tz_device_secret_record a, b;
	uint8_t ikm[22], salt[13], inf[10], okm[42], expect[42];
	uint8_t key[32], mac[32], mac_a[32];
	size_t i, rsp_len;

	/* The reference HKDF against RFC 5869 test case 1. */
	memset(ikm, 0x0b, sizeof(ikm));
	for (i = 0; i < sizeof(salt); i++)
		salt[i] = (uint8_t)i;
	for (i = 0; i < sizeof(inf); i++)
		inf[i] = (uint8_t)(0xf0 + i);
	unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
	      "34007208d5b887185865", expect, sizeof(expect));
	ref_hkdf(salt, sizeof(salt), ikm, sizeof(ikm), inf, sizeof(inf), okm, 42);
	CHECK(memcmp(okm, expect, 42) == 0);

	/* Without a secret the device key does not exist. */
	CHECK_EQ(tz_device_key_derive(info, sizeof(info) - 1, key, 32), -TZ_ENOSYS);
	CHECK(run(TZ_CRYPTO_HMAC_SHA256, msg, sizeof(msg) - 1, &rsp_len) < 0);

	make_secret_record(&a, 0x11);
	CHECK_EQ(tz_device_secret_test_load(&a), 0);
	CHECK_EQ(tz_device_key_derive(info, sizeof(info) - 1, key, 32), 0);
	ref_hkdf(NULL, 0, a.secret, 32, (const uint8_t *)info, sizeof(info) - 1,
		 expect, 32);
	CHECK(memcmp(key, expect, 32) == 0);

	/* The service's HMAC is HMAC(HKDF(secret, "tzcom hmac v1"), data). */
	mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), expect, 32,
			(const uint8_t *)msg, sizeof(msg) - 1, mac);
	CHECK_EQ(run(TZ_CRYPTO_HMAC_SHA256, msg, sizeof(msg) - 1, &rsp_len), 0);
	CHECK_EQ(rsp_len, 32);
	CHECK(memcmp(rsp, mac, 32) == 0);
	memcpy(mac_a, rsp, 32);

	/* Stable for one secret, different for another board's. */
	CHECK_EQ(run(TZ_CRYPTO_HMAC_SHA256, msg, sizeof(msg) - 1, &rsp_len), 0);
	CHECK(memcmp(rsp, mac_a, 32) == 0);
	make_secret_record(&b, 0x12);
	CHECK_EQ(tz_device_secret_test_load(&b), 0);
	CHECK_EQ(run(TZ_CRYPTO_HMAC_SHA256, msg, sizeof(msg) - 1, &rsp_len), 0);
	CHECK(memcmp(rsp, mac_a, 32) != 0);

	/* Other purposes get other keys. */
	CHECK_EQ(tz_device_key_derive("tzcom storage v1", 16, mac, 32), 0);
	CHECK_EQ(tz_device_key_derive(info, sizeof(info) - 1, key, 32), 0);
	CHECK(memcmp(mac, key, 32) != 0);

	/* Blank or malformed records are refused. */
	memset(b.secret, 0, sizeof(b.secret));
	CHECK_EQ(tz_device_secret_test_load(&b), -TZ_ENOSYS);
	memset(b.secret, 0xff, sizeof(b.secret));
	CHECK_EQ(tz_device_secret_test_load(&b), -TZ_ENOSYS);
	make_secret_record(&b, 0x12);
	b.len = 16;
	CHECK_EQ(tz_device_secret_test_load(&b), -TZ_ENOSYS);
	make_secret_record(&b, 0x12);
	b.magic[0] = 'X';
	CHECK_EQ(tz_device_secret_test_load(&b), -TZ_ENOSYS);
	CHECK_EQ(tz_device_secret_test_load(&a), 0);
}

static void test_limits(void)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	static uint8_t big[TZ_CRYPTO_MAX_INPUT + 1];
	struct tz_crypto_req hdr = { .cmd_id = TZ_CRYPTO_SHA256, .data_len = 4 };
	uint8_t expect[32];
	size_t i, rsp_len;

	CHECK_EQ(TZ_CRYPTO_MAX_INPUT, 20432);
	CHECK(8 + TZ_CRYPTO_MAX_INPUT + TZ_CRYPTO_RSP_LEN == TZCOM_SB_LEN);
	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 31 + 7);
	mbedtls_md(md, big, TZ_CRYPTO_MAX_INPUT, expect);
	CHECK_EQ(run(TZ_CRYPTO_SHA256, big, TZ_CRYPTO_MAX_INPUT, &rsp_len), 0);
	CHECK(memcmp(rsp, expect, 32) == 0);
	CHECK_EQ(run(TZ_CRYPTO_SHA256, big, TZ_CRYPTO_MAX_INPUT + 1, &rsp_len),
		 -TZ_EMSGSIZE);

	/* data_len must match the command length exactly. */
	memcpy(req, &hdr, sizeof(hdr));
	CHECK_EQ(svc->handle(TZ_CRYPTO_SHA256, req, sizeof(hdr) + 3, rsp, 32, &rsp_len),
		 -TZ_EINVAL);
	CHECK_EQ(svc->handle(TZ_CRYPTO_SHA256, req, sizeof(hdr) + 5, rsp, 32, &rsp_len),
		 -TZ_EINVAL);
	CHECK_EQ(svc->handle(TZ_CRYPTO_SHA256, req, 4, rsp, 32, &rsp_len), -TZ_EINVAL);
	hdr.data_len = 0xffffffffu;
	memcpy(req, &hdr, sizeof(hdr));
	CHECK_EQ(svc->handle(TZ_CRYPTO_SHA256, req, sizeof(hdr), rsp, 32, &rsp_len),
		 -TZ_EINVAL);
	/* Room for the digest, and known commands only. */
	hdr.data_len = 0;
	memcpy(req, &hdr, sizeof(hdr));
	CHECK_EQ(svc->handle(TZ_CRYPTO_SHA256, req, sizeof(hdr), rsp, 31, &rsp_len),
		 -TZ_ERANGE);
	CHECK_EQ(rsp_len, 0);
	CHECK_EQ(svc->handle(TZ_CMD_ID(TZ_SVC_CRYPTO, 9), req, sizeof(hdr), rsp, 32,
			     &rsp_len), -TZ_ENOSYS);
}

/* ---- Any length: memory arguments and sessions ---- */

/* The next commands' session index, or -1 for none. */
static void fake_session_set(int idx)
{
	fake_session = idx >= 0 ? idx : -TZ_EBADF;
}

/* Memory argument 0 of the next commands (mem NULL: none). */
static void fake_memref_set(void *mem, uint64_t size, uint32_t flags)
{
	fake_mem[0].buf = mem;
	fake_mem[0].size = size;
	fake_mem[0].flags = mem ? flags : 0;
	fake_mem[0].efault_at = 0;
	fake_memref_calls = 0;
}

static const mbedtls_md_info_t *md256(void)
{
	return mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
}

static int cmd_init(uint32_t alg, const void *key, size_t key_len)
{
	struct tz_crypto_init_req ir;
	size_t rsp_len = 1;
	int ret;

	memset(&ir, 0, sizeof(ir));
	ir.cmd_id = TZ_CRYPTO_INIT;
	ir.alg = alg;
	ir.key_len = (uint32_t)key_len;
	if (key && key_len <= sizeof(ir.key))
		memcpy(ir.key, key, key_len);
	ret = svc->handle(TZ_CRYPTO_INIT, (const uint8_t *)&ir, sizeof(ir), rsp,
			  TZ_CRYPTO_DIGEST_LEN, &rsp_len);
	if (!ret && rsp_len)
		return 1000;	/* INIT answers no data */
	return ret;
}

static int cmd_update(const void *data, size_t len)
{
	struct tz_crypto_req hdr = { .cmd_id = TZ_CRYPTO_UPDATE, .data_len = (uint32_t)len };
	size_t rsp_len = 1;
	int ret;

	memcpy(req, &hdr, sizeof(hdr));
	if (len)
		memcpy(req + sizeof(hdr), data, len);
	ret = svc->handle(TZ_CRYPTO_UPDATE, req, sizeof(hdr) + len, rsp,
			  TZ_CRYPTO_DIGEST_LEN, &rsp_len);
	if (!ret && rsp_len)
		return 1000;
	return ret;
}

static int cmd_final(uint8_t out[32])
{
	uint32_t id = TZ_CRYPTO_FINAL;
	size_t rsp_len = 0;
	int ret;

	memset(rsp, 0xee, sizeof(rsp));
	ret = svc->handle(TZ_CRYPTO_FINAL, (const uint8_t *)&id, sizeof(id), rsp,
			  TZ_CRYPTO_DIGEST_LEN, &rsp_len);
	if (!ret && rsp_len != TZ_CRYPTO_DIGEST_LEN)
		return 1000;
	if (!ret)
		memcpy(out, rsp, 32);
	return ret;
}

/* Session idx's state as TZBSP sees it: all zero once a digest ends. */
static int session_zero(int idx)
{
	const uint8_t *p = (const uint8_t *)svc->sessions + (size_t)idx * svc->session_size;

	for (size_t i = 0; i < svc->session_size; i++)
		if (p[i])
			return 0;
	return 1;
}

static void fill(uint8_t *p, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

/* Pieces of these sizes, cycled: block edges and the largest inline UPDATE. */
static const size_t pieces[] = { 1, 63, 64, 65, 0, 1000, 20464, 7 };
#define INLINE_MAX	(TZCOM_SB_LEN - 8U - 8U)

/* Stream data through UPDATEs in the pieces above; 0 or the first error. */
static int update_pieces(const uint8_t *data, size_t len)
{
	size_t off = 0, k = 0;
	int ret;

	while (off < len) {
		size_t n = pieces[k++ % (sizeof(pieces) / sizeof(pieces[0]))];

		if (n > len - off)
			n = len - off;
		ret = cmd_update(data + off, n);
		if (ret)
			return ret;
		off += n;
	}
	return 0;
}

static void test_stream_sha256(void)
{
	static uint8_t data[70000];
	static const size_t lens[] = { 0, 1, 55, 56, 64, 20479, 20480, 20481, 70000 };
	uint8_t expect[32], got[32];

	CHECK_EQ(INLINE_MAX, 20464);
	fill(data, sizeof(data), 1);
	fake_session_set(3);
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		mbedtls_sha256_ret(data, lens[i], expect, 0);
		CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
		CHECK_EQ(update_pieces(data, lens[i]), 0);
		CHECK_EQ(cmd_final(got), 0);
		OK(memcmp(got, expect, 32) == 0, "streamed SHA-256 of %zu bytes", lens[i]);
		CHECK(session_zero(3));
	}
	/* The largest inline UPDATE, then one byte more than a command holds. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK_EQ(cmd_update(data, INLINE_MAX), 0);
	CHECK_EQ(cmd_final(got), 0);
	mbedtls_sha256_ret(data, INLINE_MAX, expect, 0);
	CHECK(memcmp(got, expect, 32) == 0);
	fake_session_set(-1);
}

/* RFC 4231 through INIT's key, the data streamed a byte at a time too. */
static void check_stream_hmac(const uint8_t *key, size_t key_len, const void *data,
			      size_t len, const char *hex, size_t cmp_len)
{
	uint8_t expect[32], got[32];
	const uint8_t *p = data;

	unhex(hex, expect, sizeof(expect));
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, key_len), 0);
	CHECK_EQ(cmd_update(data, len), 0);
	CHECK_EQ(cmd_final(got), 0);
	OK(memcmp(got, expect, cmp_len) == 0, "RFC 4231, key of %zu bytes, one UPDATE",
	   key_len);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, key_len), 0);
	for (size_t i = 0; i < len; i++)
		CHECK_EQ(cmd_update(p + i, 1), 0);
	CHECK_EQ(cmd_final(got), 0);
	OK(memcmp(got, expect, cmp_len) == 0, "RFC 4231, key of %zu bytes, bytewise",
	   key_len);
}

static void test_stream_hmac(void)
{
	static const char d6[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	static const char d7[] =
		"This is a test using a larger than block-size key and a larger "
		"than block-size data. The key needs to be hashed before being "
		"used by the HMAC algorithm.";
	static uint8_t big[100000];
	uint8_t key[131], data[50], expect[32], got[32];

	fake_session_set(0);
	memset(key, 0x0b, 20);
	check_stream_hmac(key, 20, "Hi There", 8,
			  "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", 32);
	check_stream_hmac((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28,
			  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 32);
	memset(key, 0xaa, 20);
	memset(data, 0xdd, 50);
	check_stream_hmac(key, 20, data, 50,
			  "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe", 32);
	for (size_t i = 0; i < 25; i++)
		key[i] = (uint8_t)(i + 1);
	memset(data, 0xcd, 50);
	check_stream_hmac(key, 25, data, 50,
			  "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b", 32);
	memset(key, 0x0c, 20);
	check_stream_hmac(key, 20, "Test With Truncation", 20,
			  "a3b6167473100ee06e0c796c2955552b", 16);
	/*
	 * Cases 6 and 7 use a 131-byte key, above TZ_CRYPTO_KEY_MAX: keys
	 * above one block (hashed first) against mbedTLS instead.
	 */
	memset(key, 0xaa, 131);
	mbedtls_md_hmac(md256(), key, 128, (const uint8_t *)d6, sizeof(d6) - 1, expect);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, 128), 0);
	CHECK_EQ(cmd_update(d6, sizeof(d6) - 1), 0);
	CHECK_EQ(cmd_final(got), 0);
	CHECK(memcmp(got, expect, 32) == 0);
	mbedtls_md_hmac(md256(), key, 65, (const uint8_t *)d7, sizeof(d7) - 1, expect);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, 65), 0);
	CHECK_EQ(cmd_update(d7, sizeof(d7) - 1), 0);
	CHECK_EQ(cmd_final(got), 0);
	CHECK(memcmp(got, expect, 32) == 0);
	/* Exactly one block of key is used as is, not hashed. */
	mbedtls_md_hmac(md256(), key, 64, (const uint8_t *)d7, sizeof(d7) - 1, expect);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, 64), 0);
	CHECK_EQ(cmd_update(d7, sizeof(d7) - 1), 0);
	CHECK_EQ(cmd_final(got), 0);
	CHECK(memcmp(got, expect, 32) == 0);

	/* Large data in uneven pieces. */
	fill(big, sizeof(big), 2);
	fill(key, 33, 3);
	mbedtls_md_hmac(md256(), key, 33, big, sizeof(big), expect);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, 33), 0);
	CHECK_EQ(update_pieces(big, sizeof(big)), 0);
	CHECK_EQ(cmd_final(got), 0);
	CHECK(memcmp(got, expect, 32) == 0);
	CHECK(session_zero(0));
	fake_session_set(-1);
}

/* The device key: a streamed HMAC equals the one-shot command's. */
static void test_stream_device(void)
{
	static uint8_t data[TZ_CRYPTO_MAX_INPUT];
	uint8_t one[32], got[32];
	size_t rsp_len;

	fill(data, sizeof(data), 4);
	fake_session_set(31);
	for (size_t len = 0; len <= sizeof(data); len += len < 200 ? 67 : 10000) {
		CHECK_EQ(run(TZ_CRYPTO_HMAC_SHA256, data, len, &rsp_len), 0);
		memcpy(one, rsp, 32);
		CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_DEVICE, NULL, 0), 0);
		CHECK_EQ(update_pieces(data, len), 0);
		CHECK_EQ(cmd_final(got), 0);
		OK(memcmp(got, one, 32) == 0, "device HMAC of %zu bytes: stream == one-shot",
		   len);
	}
	fake_session_set(-1);
}

static void test_memref(void)
{
	size_t big_len = (1U << 20) + 17, rsp_len;
	uint8_t *big = malloc(big_len);
	uint8_t expect[32], got[32], key[20];

	CHECK(big != NULL);
	if (!big)
		return;
	fill(big, big_len, 5);

	/* One-shot over the whole argument, read in pieces of at most the cap. */
	mbedtls_sha256_ret(big, big_len, expect, 0);
	fake_memref_set(big, big_len, TZ_MEM_IN);
	CHECK_EQ(run(TZ_CRYPTO_SHA256, NULL, 0, &rsp_len), 0);
	CHECK_EQ(rsp_len, 32);
	CHECK(memcmp(rsp, expect, 32) == 0);
	/* Pieces of the most one call copies: 17 reads and a few info calls. */
	CHECK(fake_memref_calls >= 17 && fake_memref_calls < 17 + 8);

	/* HMAC one-shot over it, under a known key (the test hook). */
	memset(key, 0x0b, sizeof(key));
	mbedtls_md_hmac(md256(), key, sizeof(key), big, big_len, expect);
	crypto_svc_test_set_hmac_key(key, sizeof(key));
	CHECK_EQ(run(TZ_CRYPTO_HMAC_SHA256, NULL, 0, &rsp_len), 0);
	crypto_svc_test_set_hmac_key(NULL, 0);
	CHECK(memcmp(rsp, expect, 32) == 0);

	/* Inline data and an argument at once; an argument it may not read. */
	CHECK_EQ(run(TZ_CRYPTO_SHA256, "x", 1, &rsp_len), -TZ_EINVAL);
	fake_memref_set(big, big_len, TZ_MEM_OUT);
	CHECK_EQ(run(TZ_CRYPTO_SHA256, NULL, 0, &rsp_len), -TZ_EINVAL);
	CHECK_EQ(rsp_len, 0);
	fake_memref_set(NULL, 0, 0);

	/* In a session: inline pieces and whole arguments mixed. */
	fake_session_set(7);
	mbedtls_sha256_ret(big, big_len, expect, 0);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK_EQ(cmd_update(big, 1000), 0);
	fake_memref_set(big + 1000, 300000, TZ_MEM_IN | TZ_MEM_OUT);
	CHECK_EQ(cmd_update(NULL, 0), 0);
	fake_memref_set(big + 301000, big_len - 301000 - 5, TZ_MEM_IN);
	CHECK_EQ(cmd_update(NULL, 0), 0);
	fake_memref_set(NULL, 0, 0);
	CHECK_EQ(cmd_update(big + big_len - 5, 5), 0);
	CHECK_EQ(cmd_final(got), 0);
	CHECK(memcmp(got, expect, 32) == 0);

	/* A bad page part way through ends the digest. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	fake_memref_set(big, big_len, TZ_MEM_IN);
	fake_mem[0].efault_at = 200000;
	CHECK_EQ(cmd_update(NULL, 0), -TZ_EFAULT);
	fake_memref_set(NULL, 0, 0);
	CHECK(session_zero(7));
	CHECK_EQ(cmd_final(got), -TZ_EINVAL);

	/* A memory argument it may not read ends the digest. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	fake_memref_set(big, 4096, TZ_MEM_OUT);
	CHECK_EQ(cmd_update(NULL, 0), -TZ_EINVAL);
	fake_memref_set(NULL, 0, 0);
	CHECK(session_zero(7));
	CHECK_EQ(cmd_update("a", 1), -TZ_EINVAL);
	fake_session_set(-1);
	free(big);
}

static void test_stream_errors(void)
{
	struct tz_crypto_init_req ir;
	uint8_t got[32], a[32], key[TZ_CRYPTO_KEY_MAX + 1];
	uint32_t id = TZ_CRYPTO_FINAL;
	size_t rsp_len;

	/* Without a session. */
	fake_session_set(-1);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), -TZ_EBADF);
	CHECK_EQ(cmd_update("a", 1), -TZ_EBADF);
	CHECK_EQ(cmd_final(got), -TZ_EBADF);

	/* No digest running. */
	fake_session_set(5);
	CHECK_EQ(cmd_update("a", 1), -TZ_EINVAL);
	CHECK_EQ(cmd_final(got), -TZ_EINVAL);

	/* Malformed INITs start nothing. */
	memset(key, 0x42, sizeof(key));
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, 0), -TZ_EINVAL);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, key, TZ_CRYPTO_KEY_MAX + 1), -TZ_EINVAL);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, key, 1), -TZ_EINVAL);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_DEVICE, key, 1), -TZ_EINVAL);
	CHECK_EQ(cmd_init(0, NULL, 0), -TZ_EINVAL);
	CHECK_EQ(cmd_init(4, NULL, 0), -TZ_EINVAL);
	memset(&ir, 0, sizeof(ir));
	ir.cmd_id = TZ_CRYPTO_INIT;
	ir.alg = TZ_CRYPTO_ALG_SHA256;
	ir.reserved = 1;
	CHECK_EQ(svc->handle(TZ_CRYPTO_INIT, (uint8_t *)&ir, sizeof(ir), rsp, 32, &rsp_len),
		 -TZ_EINVAL);
	ir.reserved = 0;
	CHECK_EQ(svc->handle(TZ_CRYPTO_INIT, (uint8_t *)&ir, sizeof(ir) - 1, rsp, 32,
			     &rsp_len), -TZ_EINVAL);
	ir.alg = TZ_CRYPTO_ALG_HMAC_KEY;
	ir.key_len = 4;
	ir.key[4] = 1;	/* bytes past key_len must be 0 */
	CHECK_EQ(svc->handle(TZ_CRYPTO_INIT, (uint8_t *)&ir, sizeof(ir), rsp, 32, &rsp_len),
		 -TZ_EINVAL);
	CHECK_EQ(cmd_update("a", 1), -TZ_EINVAL);
	CHECK(session_zero(5));

	/* A failed INIT ends the digest that ran. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK(!session_zero(5));
	CHECK_EQ(cmd_init(0, NULL, 0), -TZ_EINVAL);
	CHECK(session_zero(5));

	/* INIT again starts over. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK_EQ(cmd_update("garbage", 7), 0);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK_EQ(cmd_update("abc", 3), 0);
	CHECK_EQ(cmd_final(got), 0);
	unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", a, 32);
	CHECK(memcmp(got, a, 32) == 0);

	/* FINAL wipes: nothing runs after it, and the state is zero. */
	CHECK(session_zero(5));
	CHECK_EQ(cmd_final(got), -TZ_EINVAL);

	/* A malformed UPDATE ends the digest. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, "k", 1), 0);
	{
		struct tz_crypto_req hdr = { .cmd_id = TZ_CRYPTO_UPDATE, .data_len = 5 };

		memcpy(req, &hdr, sizeof(hdr));
		CHECK_EQ(svc->handle(TZ_CRYPTO_UPDATE, req, sizeof(hdr) + 4, rsp, 32,
				     &rsp_len), -TZ_EINVAL);
		CHECK_EQ(svc->handle(TZ_CRYPTO_UPDATE, req, 4, rsp, 32, &rsp_len),
			 -TZ_EINVAL);
	}
	CHECK(session_zero(5));
	CHECK_EQ(cmd_final(got), -TZ_EINVAL);

	/* FINAL with no room for the digest, or with a body, keeps it running. */
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK_EQ(svc->handle(TZ_CRYPTO_FINAL, (uint8_t *)&id, sizeof(id), rsp, 31,
			     &rsp_len), -TZ_ERANGE);
	CHECK_EQ(rsp_len, 0);
	memcpy(req, &id, sizeof(id));
	CHECK_EQ(svc->handle(TZ_CRYPTO_FINAL, req, sizeof(id) + 4, rsp, 32, &rsp_len),
		 -TZ_EINVAL);
	CHECK_EQ(cmd_final(got), 0);
	unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", a, 32);
	CHECK(memcmp(got, a, 32) == 0);

	/* Sessions are independent. */
	fake_session_set(1);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_SHA256, NULL, 0), 0);
	CHECK_EQ(cmd_update("ab", 2), 0);
	fake_session_set(2);
	CHECK_EQ(cmd_init(TZ_CRYPTO_ALG_HMAC_KEY, "Jefe", 4), 0);
	CHECK_EQ(cmd_update("what do ya want ", 16), 0);
	fake_session_set(1);
	CHECK_EQ(cmd_update("c", 1), 0);
	CHECK_EQ(cmd_final(got), 0);
	unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", a, 32);
	CHECK(memcmp(got, a, 32) == 0);
	fake_session_set(2);
	CHECK_EQ(cmd_update("for nothing?", 12), 0);
	CHECK_EQ(cmd_final(got), 0);
	unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", a, 32);
	CHECK(memcmp(got, a, 32) == 0);
	fake_session_set(-1);
}

int main(void)
{
	struct tz_device_secret_record rec;

	svc = find_service(TZ_SVC_CRYPTO);
	CHECK(svc != NULL);
	if (!svc)
		return tap_done();
	CHECK_EQ(tz_crypto_selftest(), 0);

	test_sha256_nist();
	test_hmac_rfc4231();
	test_device_key();
	test_limits();
	test_stream_sha256();
	test_stream_hmac();
	test_memref();
	test_stream_errors();

	/* init: self-tests, then the secret. */
	make_secret_record(&rec, 0x33);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);
	CHECK_EQ(svc->init(), 0);
	test_stream_device();
	return tap_done();
}
