// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot-time known-answer tests of every primitive the crypto and storage
 * services use.  mbedTLS ships self-tests for SHA-256, ChaCha20, Poly1305
 * and ChaCha20-Poly1305; HMAC and HKDF have none, so one RFC vector each is
 * checked here.  A failure keeps both services down (their init fails).
 */
#include <string.h>

#include <mbedtls/chacha20.h>
#include <mbedtls/chachapoly.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>
#include <mbedtls/poly1305.h>
#include <mbedtls/sha256.h>

#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzcom/tzsched.h>

/* RFC 4231 test case 2. */
static int kat_hmac_sha256(int verbose)
{
	static const uint8_t expect[TZ_SHA256_LEN] = {
		0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e,
		0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
		0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
		0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43,
	};
	static const char data[] = "what do ya want for nothing?";
	uint8_t out[TZ_SHA256_LEN];

	(void)verbose;
	if (tz_hmac_sha256((const uint8_t *)"Jefe", 4, (const uint8_t *)data,
			   sizeof(data) - 1, out))
		return 1;
	return memcmp(out, expect, sizeof(out)) != 0;
}

/* RFC 5869 test case 1 (HKDF-SHA256, 42 bytes). */
static int kat_hkdf_sha256(int verbose)
{
	static const uint8_t salt[13] = {
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
		0x08, 0x09, 0x0a, 0x0b, 0x0c,
	};
	static const uint8_t info[10] = {
		0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9,
	};
	static const uint8_t expect[42] = {
		0x3c, 0xb2, 0x5f, 0x25, 0xfa, 0xac, 0xd5, 0x7a,
		0x90, 0x43, 0x4f, 0x64, 0xd0, 0x36, 0x2f, 0x2a,
		0x2d, 0x2d, 0x0a, 0x90, 0xcf, 0x1a, 0x5a, 0x4c,
		0x5d, 0xb0, 0x2d, 0x56, 0xec, 0xc4, 0xc5, 0xbf,
		0x34, 0x00, 0x72, 0x08, 0xd5, 0xb8, 0x87, 0x18,
		0x58, 0x65,
	};
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	uint8_t ikm[22], okm[42];

	(void)verbose;
	memset(ikm, 0x0b, sizeof(ikm));
	if (!md || mbedtls_hkdf(md, salt, sizeof(salt), ikm, sizeof(ikm),
				info, sizeof(info), okm, sizeof(okm)))
		return 1;
	return memcmp(okm, expect, sizeof(okm)) != 0;
}

static const struct {
	const char *name;
	int (*run)(int verbose);
} selftests[] = {
	{ "SHA-256", mbedtls_sha256_self_test },
	{ "HMAC-SHA256 (RFC 4231 #2)", kat_hmac_sha256 },
	{ "HKDF-SHA256 (RFC 5869 #1)", kat_hkdf_sha256 },
	{ "ChaCha20", mbedtls_chacha20_self_test },
	{ "Poly1305", mbedtls_poly1305_self_test },
	{ "ChaCha20-Poly1305", mbedtls_chachapoly_self_test },
};

int tz_crypto_selftest(void)
{
	static int result = 1;	/* 1: not run yet */
	size_t i, failed = 0;

	if (result != 1)
		return result;
	for (i = 0; i < sizeof(selftests) / sizeof(selftests[0]); i++) {
		int bad = selftests[i].run(0) != 0;

		tz_log("crypto self-test: %s %s", selftests[i].name,
		       bad ? "FAIL" : "PASS");
		failed += bad;
	}
	tz_log("crypto self-test: %s (%u of %u passed)", failed ? "FAIL" : "PASS",
	       (unsigned int)(i - failed), (unsigned int)i);
	result = failed ? -TZ_EIO : 0;
	return result;
}
