// SPDX-License-Identifier: BSD-3-Clause
/*
 * ChaCha20-Poly1305 blobs for sealed storage.  The associated data is the
 * blob header (magic, version, algorithm, nonce, length) followed by the
 * object name: changing any header field, or presenting the blob under
 * another name, fails the tag check.
 */
#include <string.h>

#include <mbedtls/chachapoly.h>
#include <mbedtls/platform_util.h>

#include <tzcom/tzsched.h>

#include "seal.h"

#define AAD_MAX	(sizeof(struct tz_storage_blob_hdr) + TZ_STORAGE_NAME_MAX)

int seal_aead_encrypt(const uint8_t key[SEAL_KEY_LEN],
		      const uint8_t nonce[TZ_STORAGE_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *pt, size_t len, uint8_t *ct,
		      uint8_t tag[TZ_STORAGE_TAG_LEN])
{
	mbedtls_chachapoly_context ctx;
	int ret;

	mbedtls_chachapoly_init(&ctx);
	ret = mbedtls_chachapoly_setkey(&ctx, key);
	if (!ret)
		ret = mbedtls_chachapoly_encrypt_and_tag(&ctx, len, nonce, aad,
							 aad_len, pt, ct, tag);
	mbedtls_chachapoly_free(&ctx);
	return ret ? -TZ_EINVAL : 0;
}

int seal_aead_decrypt(const uint8_t key[SEAL_KEY_LEN],
		      const uint8_t nonce[TZ_STORAGE_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *ct, size_t len,
		      const uint8_t tag[TZ_STORAGE_TAG_LEN], uint8_t *pt)
{
	mbedtls_chachapoly_context ctx;
	int ret;

	mbedtls_chachapoly_init(&ctx);
	ret = mbedtls_chachapoly_setkey(&ctx, key);
	if (!ret)
		ret = mbedtls_chachapoly_auth_decrypt(&ctx, len, nonce, aad,
						      aad_len, tag, ct, pt);
	mbedtls_chachapoly_free(&ctx);
	if (ret == MBEDTLS_ERR_CHACHAPOLY_AUTH_FAILED) {
		mbedtls_platform_zeroize(pt, len);
		return -TZ_EBADMSG;
	}
	if (ret) {
		mbedtls_platform_zeroize(pt, len);
		return -TZ_EINVAL;
	}
	return 0;
}

static size_t make_aad(uint8_t *aad, const struct tz_storage_blob_hdr *hdr,
		       const char *name, size_t name_len)
{
	memcpy(aad, hdr, sizeof(*hdr));
	memcpy(aad + sizeof(*hdr), name, name_len);
	return sizeof(*hdr) + name_len;
}

int seal_blob(const uint8_t key[SEAL_KEY_LEN],
	      const uint8_t nonce[TZ_STORAGE_NONCE_LEN],
	      const char *name, size_t name_len,
	      const uint8_t *pt, size_t len,
	      uint8_t *blob, size_t blob_cap, size_t *blob_len)
{
	struct tz_storage_blob_hdr hdr;
	uint8_t aad[AAD_MAX];
	size_t aad_len;
	int ret;

	*blob_len = 0;
	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX)
		return -TZ_EINVAL;
	if (len > TZ_STORAGE_MAX_DATA || blob_cap < len + TZ_STORAGE_BLOB_OVERHEAD)
		return -TZ_EMSGSIZE;

	memset(&hdr, 0, sizeof(hdr));
	hdr.magic = TZ_STORAGE_BLOB_MAGIC;
	hdr.version = TZ_STORAGE_BLOB_VERSION;
	hdr.alg = TZ_STORAGE_ALG_CHACHAPOLY;
	memcpy(hdr.nonce, nonce, sizeof(hdr.nonce));
	hdr.data_len = (uint32_t)len;
	aad_len = make_aad(aad, &hdr, name, name_len);

	memcpy(blob, &hdr, sizeof(hdr));
	ret = seal_aead_encrypt(key, hdr.nonce, aad, aad_len, pt, len,
				blob + sizeof(hdr), blob + sizeof(hdr) + len);
	if (ret) {
		memset(blob, 0, len + TZ_STORAGE_BLOB_OVERHEAD);
		return ret;
	}
	*blob_len = len + TZ_STORAGE_BLOB_OVERHEAD;
	return 0;
}

int open_blob(const uint8_t key[SEAL_KEY_LEN],
	      const char *name, size_t name_len,
	      const uint8_t *blob, size_t blob_len,
	      uint8_t *pt, size_t pt_cap, size_t *pt_len)
{
	struct tz_storage_blob_hdr hdr;
	uint8_t aad[AAD_MAX];
	size_t aad_len;
	int ret;

	*pt_len = 0;
	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX)
		return -TZ_EINVAL;
	if (blob_len < TZ_STORAGE_BLOB_OVERHEAD)
		return -TZ_EBADMSG;
	memcpy(&hdr, blob, sizeof(hdr));
	if (hdr.magic != TZ_STORAGE_BLOB_MAGIC ||
	    hdr.version != TZ_STORAGE_BLOB_VERSION ||
	    hdr.alg != TZ_STORAGE_ALG_CHACHAPOLY ||
	    hdr.data_len > TZ_STORAGE_MAX_DATA ||
	    blob_len != hdr.data_len + TZ_STORAGE_BLOB_OVERHEAD)
		return -TZ_EBADMSG;
	if (pt_cap < hdr.data_len)
		return -TZ_ERANGE;

	aad_len = make_aad(aad, &hdr, name, name_len);
	ret = seal_aead_decrypt(key, hdr.nonce, aad, aad_len,
				blob + sizeof(hdr), hdr.data_len,
				blob + sizeof(hdr) + hdr.data_len, pt);
	if (ret)
		return ret;
	*pt_len = hdr.data_len;
	return 0;
}
