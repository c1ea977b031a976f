// SPDX-License-Identifier: BSD-3-Clause
/*
 * Crypto service (service 2) on the host, driven through its registered
 * handle() like the scheduler does: NIST SHA-256 vectors, RFC 4231
 * HMAC-SHA256 vectors (with the test-only key hook), the device key path
 * against an independent HKDF (itself checked against RFC 5869), the boot
 * self-tests, and malformed requests.
 */
#include <mbedtls/md.h>

#include <tzcom/tz_crypto.h>

#include "crypto_test.h"

static const struct tz_service *svc;
static uint8_t req[TZCOM_SB_LEN], rsp[TZCOM_SB_LEN];

/* Run one command; returns the service status, digest in rsp. */
static int run(uint32_t cmd_id, const void *data, size_t len, size_t *rsp_len)
{
	struct tz_crypto_req hdr = { .cmd_id = cmd_id, .data_len = (uint32_t)len };

	memcpy(req, &hdr, sizeof(hdr));
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

	/* init: self-tests, then the secret. */
	make_secret_record(&rec, 0x33);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);
	CHECK_EQ(svc->init(), 0);
	return tap_done();
}
