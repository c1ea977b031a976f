// SPDX-License-Identifier: BSD-3-Clause
/*
 * SHA-256 and HMAC-SHA256 (RFC 2104) as resumable state for the crypto
 * service's sessions.  HMAC keeps two SHA-256 contexts: the inner one fed
 * K ^ ipad and then the data, the outer one fed K ^ opad at the start, so
 * the key itself is dropped as soon as the digest starts.
 */
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzcom/tzsched.h>

#include "digest.h"

#define BLOCK	64U
#define IPAD	0x36U
#define OPAD	0x5cU

void crypto_digest_wipe(struct crypto_digest *d)
{
	tz_crypto_zeroize(d, sizeof(*d));
}

static int start_hmac(struct crypto_digest *d, const uint8_t *key, size_t key_len)
{
	uint8_t k[BLOCK], pad[BLOCK];
	int ret = 0;

	memset(k, 0, sizeof(k));
	if (key_len > BLOCK)
		ret = mbedtls_sha256_ret(key, key_len, k, 0);
	else
		memcpy(k, key, key_len);
	for (unsigned int i = 0; !ret && i < BLOCK; i++)
		pad[i] = k[i] ^ IPAD;
	if (!ret)
		ret = mbedtls_sha256_update_ret(&d->inner, pad, BLOCK);
	for (unsigned int i = 0; !ret && i < BLOCK; i++)
		pad[i] = k[i] ^ OPAD;
	if (!ret)
		ret = mbedtls_sha256_starts_ret(&d->outer, 0);
	if (!ret)
		ret = mbedtls_sha256_update_ret(&d->outer, pad, BLOCK);
	tz_crypto_zeroize(k, sizeof(k));
	tz_crypto_zeroize(pad, sizeof(pad));
	return ret;
}

int crypto_digest_start(struct crypto_digest *d, uint32_t alg, int hmac,
			const uint8_t *key, size_t key_len)
{
	int ret;

	crypto_digest_wipe(d);
	mbedtls_sha256_init(&d->inner);
	mbedtls_sha256_init(&d->outer);
	ret = mbedtls_sha256_starts_ret(&d->inner, 0);
	if (!ret && hmac)
		ret = start_hmac(d, key, key_len);
	if (ret) {
		crypto_digest_wipe(d);
		return -TZ_EIO;
	}
	d->alg = alg;
	d->hmac = hmac ? 1 : 0;
	return 0;
}

int crypto_digest_update(struct crypto_digest *d, const uint8_t *data, size_t len)
{
	if (!len)
		return 0;
	return mbedtls_sha256_update_ret(&d->inner, data, len) ? -TZ_EIO : 0;
}

int crypto_digest_finish(struct crypto_digest *d, uint8_t out[32])
{
	uint8_t ih[32];
	int ret;

	ret = mbedtls_sha256_finish_ret(&d->inner, d->hmac ? ih : out);
	if (!ret && d->hmac) {
		ret = mbedtls_sha256_update_ret(&d->outer, ih, sizeof(ih));
		if (!ret)
			ret = mbedtls_sha256_finish_ret(&d->outer, out);
	}
	tz_crypto_zeroize(ih, sizeof(ih));
	crypto_digest_wipe(d);
	if (ret) {
		memset(out, 0, 32);
		return -TZ_EIO;
	}
	return 0;
}
