/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure-world crypto support (secure/crypto): the board's device secret,
 * key derivation from it, the boot self-tests of the mbedTLS primitives we
 * use, and the FP/SIMD bracket every mbedTLS call must sit in.
 */
#ifndef TZBSP_CRYPTO_H
#define TZBSP_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TZ_DEVICE_SECRET_LEN	32
#define TZ_SHA256_LEN		32

/*
 * The secret's record in the firmware image (secure flash), placed by
 * secure/crypto/device_secret.S.  board/with-secret finds it by its magic
 * and version/length words to give a run another board's secret.
 */
#define TZ_DEVICE_SECRET_MAGIC	"TZDEVSEC"
#define TZ_DEVICE_SECRET_VER	1

struct tz_device_secret_record {
	char magic[8];
	uint32_t version;
	uint32_t len;		/* TZ_DEVICE_SECRET_LEN */
	uint8_t secret[TZ_DEVICE_SECRET_LEN];
};

/*
 * Copy the device secret from secure flash into secure RAM and check it.
 * Idempotent; 0 or -TZ_ENOSYS if the flash record is missing or blank.
 */
int tz_device_secret_init(void);

#ifdef TZBSP_HOST
/* Host tests only: load the secret from rec instead of the image. */
int tz_device_secret_test_load(const struct tz_device_secret_record *rec);
/* Host tests only: the crypto service HMACs with key (NULL: device key). */
void crypto_svc_test_set_hmac_key(const uint8_t *key, size_t len);
#endif

/*
 * out = HKDF-SHA256(salt = none, IKM = device secret, info)[0..out_len).
 * Each purpose has its own info string, so keys never collide.  Callers
 * wipe the result with tz_crypto_zeroize() when done.
 */
int tz_device_key_derive(const char *info, size_t info_len,
			 uint8_t *out, size_t out_len);

/* One-shot HMAC-SHA256; 0 or -TZ_EINVAL/-TZ_ENOMEM. */
int tz_hmac_sha256(const uint8_t *key, size_t key_len,
		   const uint8_t *data, size_t len, uint8_t out[TZ_SHA256_LEN]);

/*
 * Known-answer tests of SHA-256, HMAC-SHA256, HKDF, ChaCha20, Poly1305 and
 * ChaCha20-Poly1305, logged as PASS/FAIL lines.  Runs once (later calls
 * return the cached result); 0 if all passed, else -TZ_EIO.
 */
int tz_crypto_selftest(void);

/*
 * Seeds __stack_chk_guard once, at cold boot, from the device secret and
 * the counter (crypto/stack_guard.c).  Called from boot/entry.S only.
 */
void tz_stack_guard_init(void);

/* Wipe key material (mbedtls_platform_zeroize: not optimised away). */
void tz_crypto_zeroize(void *buf, size_t len);

#endif /* TZBSP_CRYPTO_H */
