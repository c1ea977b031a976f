/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A running SHA-256 or HMAC-SHA256 (RFC 2104) over mbedTLS's SHA-256, in
 * plain memory the crypto service keeps per session (TZ_SESSION_STATE):
 * no heap, no pointers, so TZBSP's wipe of a session ends it.
 */
#ifndef TZBSP_APPS_CRYPTO_DIGEST_H
#define TZBSP_APPS_CRYPTO_DIGEST_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/sha256.h>

struct crypto_digest {
	uint32_t alg;			/* TZ_CRYPTO_ALG_*; 0 = none running */
	uint32_t hmac;			/* outer is in use */
	mbedtls_sha256_context inner;	/* SHA-256, or HMAC's inner hash */
	mbedtls_sha256_context outer;	/* HMAC: already fed K ^ opad */
};

/*
 * Start alg; for HMAC, key is the key (hashed first if longer than the
 * SHA-256 block, as RFC 2104 says).  The caller wipes its own key copy.
 * 0 or -TZ_EIO.
 */
int crypto_digest_start(struct crypto_digest *d, uint32_t alg, int hmac,
			const uint8_t *key, size_t key_len);
int crypto_digest_update(struct crypto_digest *d, const uint8_t *data, size_t len);
/* Writes the digest and wipes d whatever the result. */
int crypto_digest_finish(struct crypto_digest *d, uint8_t out[32]);
void crypto_digest_wipe(struct crypto_digest *d);

#endif /* TZBSP_APPS_CRYPTO_DIGEST_H */
