// SPDX-License-Identifier: BSD-3-Clause
/*
 * HMAC-SHA256 and the wipe of key material: used by TZBSP (self-tests,
 * the stack guard) and linked into the S-EL0 crypto and storage services,
 * which have no access to the device secret itself (device_secret.c).
 */
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>

#include <tzbsp/crypto.h>
#include <tzcom/tzsched.h>

int tz_hmac_sha256(const uint8_t *key, size_t key_len,
		   const uint8_t *data, size_t len, uint8_t out[TZ_SHA256_LEN])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	int ret;

	if (!md)
		return -TZ_EINVAL;
	ret = mbedtls_md_hmac(md, key, key_len, data, len, out);
	if (ret)
		return ret == MBEDTLS_ERR_MD_ALLOC_FAILED ? -TZ_ENOMEM : -TZ_EINVAL;
	return 0;
}

void tz_crypto_zeroize(void *buf, size_t len)
{
	mbedtls_platform_zeroize(buf, len);
}
