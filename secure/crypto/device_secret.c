// SPDX-License-Identifier: BSD-3-Clause
/*
 * The device secret: read once from its record in secure flash into secure
 * RAM, and only ever used as HKDF input key material.  Nothing here hands
 * the secret itself to a caller.
 */
#include <string.h>

#include <mbedtls/hkdf.h>
#include <mbedtls/md.h>

#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzcom/tzsched.h>

static uint8_t device_secret[TZ_DEVICE_SECRET_LEN];
static bool device_secret_ready;

#ifdef TZBSP_HOST
static const struct tz_device_secret_record *secret_src;
#else
extern const struct tz_device_secret_record tz_device_secret_record;
#define secret_src (&tz_device_secret_record)
#endif

/* Unprogrammed flash reads as all 0x00 or all 0xff: refuse both. */
static bool secret_is_blank(const uint8_t *s)
{
	uint8_t or = 0, and = 0xff;
	size_t i;

	for (i = 0; i < TZ_DEVICE_SECRET_LEN; i++) {
		or |= s[i];
		and &= s[i];
	}
	return or == 0 || and == 0xff;
}

int tz_device_secret_init(void)
{
	const struct tz_device_secret_record *rec = secret_src;

	if (device_secret_ready)
		return 0;
	if (!rec || memcmp(rec->magic, TZ_DEVICE_SECRET_MAGIC, sizeof(rec->magic)) ||
	    rec->version != TZ_DEVICE_SECRET_VER ||
	    rec->len != TZ_DEVICE_SECRET_LEN) {
		tz_log("crypto: device secret record missing or malformed");
		return -TZ_ENOSYS;
	}
	if (secret_is_blank(rec->secret)) {
		tz_log("crypto: device secret is blank");
		return -TZ_ENOSYS;
	}
	memcpy(device_secret, rec->secret, sizeof(device_secret));
	device_secret_ready = true;
	return 0;
}

#ifdef TZBSP_HOST
int tz_device_secret_test_load(const struct tz_device_secret_record *rec)
{
	tz_crypto_zeroize(device_secret, sizeof(device_secret));
	device_secret_ready = false;
	secret_src = rec;
	return tz_device_secret_init();
}
#endif

int tz_device_key_derive(const char *info, size_t info_len,
			 uint8_t *out, size_t out_len)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	int ret;

	if (!device_secret_ready)
		return -TZ_ENOSYS;
	if (!md || !out || out_len == 0 || out_len > 255 * TZ_SHA256_LEN)
		return -TZ_EINVAL;
	ret = mbedtls_hkdf(md, NULL, 0, device_secret, sizeof(device_secret),
			   (const unsigned char *)info, info_len, out, out_len);
	if (ret) {
		tz_crypto_zeroize(out, out_len);
		return ret == MBEDTLS_ERR_MD_ALLOC_FAILED ? -TZ_ENOMEM : -TZ_EINVAL;
	}
	return 0;
}
