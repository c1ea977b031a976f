// SPDX-License-Identifier: BSD-3-Clause
/*
 * ChaCha20-Poly1305 blobs for sealed storage.  The associated data is the
 * blob header (magic, format, algorithm, nonce, length, epoch, object
 * version) followed by the object name: changing any header field, or
 * presenting the blob under another name, fails the tag check.  Format 1
 * (a 24-byte header without epoch and version) is still recognised, only
 * to tell an authentic old blob from a forged one.
 */
#include <string.h>

#include <mbedtls/chachapoly.h>
#include <mbedtls/platform_util.h>

#include <tzcom/tzsched.h>

#include "seal.h"

#define AAD_MAX	(sizeof(struct tz_storage_blob_hdr) + TZ_STORAGE_NAME_MAX)
/* Format 1's header: struct tz_storage_blob_hdr up to data_len. */
#define HDR_V1_LEN	24U
#define TAG_LEN		TZ_STORAGE_TAG_LEN

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

static size_t make_aad(uint8_t *aad, const void *hdr, size_t hdr_len,
		       const char *name, size_t name_len)
{
	memcpy(aad, hdr, hdr_len);
	memcpy(aad + hdr_len, name, name_len);
	return hdr_len + name_len;
}

int seal_blob(const uint8_t key[SEAL_KEY_LEN], const struct seal_meta *meta,
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
	memcpy(hdr.nonce, meta->nonce, sizeof(hdr.nonce));
	hdr.data_len = (uint32_t)len;
	hdr.epoch = meta->epoch;
	hdr.obj_version = meta->obj_version;
	aad_len = make_aad(aad, &hdr, sizeof(hdr), name, name_len);

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

/*
 * Format 1, for the one answer it can still get: authentic (and refused as
 * from before anti-rollback) or not.
 */
static int open_blob_v1(const uint8_t key[SEAL_KEY_LEN],
			const char *name, size_t name_len,
			const uint8_t *blob, size_t blob_len,
			uint8_t *pt, size_t pt_cap)
{
	struct tz_storage_blob_hdr hdr;
	uint8_t aad[AAD_MAX];
	size_t aad_len;
	int ret;

	memcpy(&hdr, blob, HDR_V1_LEN);
	if (hdr.data_len > TZ_STORAGE_MAX_DATA ||
	    blob_len != hdr.data_len + HDR_V1_LEN + TAG_LEN)
		return -TZ_EBADMSG;
	if (pt_cap < hdr.data_len)
		return -TZ_ERANGE;
	aad_len = make_aad(aad, blob, HDR_V1_LEN, name, name_len);
	ret = seal_aead_decrypt(key, hdr.nonce, aad, aad_len, blob + HDR_V1_LEN,
				hdr.data_len, blob + HDR_V1_LEN + hdr.data_len, pt);
	if (ret)
		return ret;
	mbedtls_platform_zeroize(pt, hdr.data_len);
	return -TZ_EKEYEXPIRED;
}

int open_blob(const uint8_t key[SEAL_KEY_LEN],
	      const char *name, size_t name_len,
	      const uint8_t *blob, size_t blob_len,
	      uint8_t *pt, size_t pt_cap, size_t *pt_len,
	      struct seal_meta *meta)
{
	struct tz_storage_blob_hdr hdr;
	uint8_t aad[AAD_MAX];
	size_t aad_len;
	int ret;

	*pt_len = 0;
	memset(meta, 0, sizeof(*meta));
	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX)
		return -TZ_EINVAL;
	if (blob_len < HDR_V1_LEN + TAG_LEN)
		return -TZ_EBADMSG;
	memcpy(&hdr, blob, HDR_V1_LEN);
	if (hdr.magic != TZ_STORAGE_BLOB_MAGIC || hdr.alg != TZ_STORAGE_ALG_CHACHAPOLY)
		return -TZ_EBADMSG;
	if (hdr.version == 1)
		return open_blob_v1(key, name, name_len, blob, blob_len, pt, pt_cap);
	if (hdr.version != TZ_STORAGE_BLOB_VERSION ||
	    blob_len < TZ_STORAGE_BLOB_OVERHEAD)
		return -TZ_EBADMSG;
	memcpy(&hdr, blob, sizeof(hdr));
	if (hdr.data_len > TZ_STORAGE_MAX_DATA ||
	    blob_len != hdr.data_len + TZ_STORAGE_BLOB_OVERHEAD)
		return -TZ_EBADMSG;
	if (pt_cap < hdr.data_len)
		return -TZ_ERANGE;

	aad_len = make_aad(aad, &hdr, sizeof(hdr), name, name_len);
	ret = seal_aead_decrypt(key, hdr.nonce, aad, aad_len,
				blob + sizeof(hdr), hdr.data_len,
				blob + sizeof(hdr) + hdr.data_len, pt);
	if (ret)
		return ret;
	meta->epoch = hdr.epoch;
	meta->obj_version = hdr.obj_version;
	memcpy(meta->nonce, hdr.nonce, sizeof(meta->nonce));
	*pt_len = hdr.data_len;
	return 0;
}

/*
 * Large objects.  The header and every chunk share the object's 8-byte
 * nonce prefix; the last 4 bytes of the AEAD nonce are the chunk index, or
 * 0xffffffff for the header, so no two seals of one object share a nonce.
 */
#define OBJ_AAD_MAX	(sizeof(struct tz_storage_obj_hdr) + TZ_STORAGE_NAME_MAX)
#define HDR_NONCE_IDX	0xffffffffU
#define MAX_CHUNKS	(TZ_STORAGE_OBJ_MAX / TZ_STORAGE_CHUNK_SIZE + 1)

_Static_assert(MAX_CHUNKS < HDR_NONCE_IDX, "chunk indices never reach the header's");
_Static_assert(sizeof(struct tz_storage_chunk_aad) <= sizeof(struct tz_storage_obj_hdr),
	       "one AAD buffer");

static void obj_nonce(uint8_t out[TZ_STORAGE_NONCE_LEN],
		      const uint8_t prefix[TZ_STORAGE_NONCE_LEN], uint32_t idx)
{
	memcpy(out, prefix, 8);
	out[8] = (uint8_t)idx;
	out[9] = (uint8_t)(idx >> 8);
	out[10] = (uint8_t)(idx >> 16);
	out[11] = (uint8_t)(idx >> 24);
}

uint32_t seal_obj_nchunks(uint64_t data_len)
{
	return (uint32_t)(data_len / TZ_STORAGE_CHUNK_SIZE + 1);
}

size_t seal_obj_chunk_len(const struct seal_obj *o, uint32_t index)
{
	if (index + 1 < o->nchunks)
		return TZ_STORAGE_CHUNK_SIZE;
	return (size_t)(o->data_len % TZ_STORAGE_CHUNK_SIZE);
}

static void obj_hdr_of(struct tz_storage_obj_hdr *h, const struct seal_obj *o)
{
	memset(h, 0, sizeof(*h));
	h->magic = TZ_STORAGE_OBJ_MAGIC;
	h->version = TZ_STORAGE_OBJ_VERSION;
	h->alg = TZ_STORAGE_ALG_CHACHAPOLY;
	memcpy(h->nonce, o->nonce, sizeof(h->nonce));
	h->chunk_size = TZ_STORAGE_CHUNK_SIZE;
	h->epoch = o->epoch;
	h->obj_version = o->obj_version;
	h->data_len = o->data_len;
	h->nchunks = o->nchunks;
}

int seal_obj_hdr(const uint8_t key[SEAL_KEY_LEN], const struct seal_obj *o,
		 const char *name, size_t name_len,
		 uint8_t out[TZ_STORAGE_OBJ_HDR_LEN])
{
	struct tz_storage_obj_hdr h;
	uint8_t aad[OBJ_AAD_MAX], nonce[TZ_STORAGE_NONCE_LEN], none[1] = { 0 };
	size_t aad_len;

	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX ||
	    o->data_len > TZ_STORAGE_OBJ_MAX ||
	    o->nchunks != seal_obj_nchunks(o->data_len))
		return -TZ_EINVAL;
	obj_hdr_of(&h, o);
	aad_len = make_aad(aad, &h, sizeof(h), name, name_len);
	obj_nonce(nonce, o->nonce, HDR_NONCE_IDX);
	memcpy(out, &h, sizeof(h));
	return seal_aead_encrypt(key, nonce, aad, aad_len, none, 0, none,
				 out + sizeof(h));
}

int open_obj_hdr(const uint8_t key[SEAL_KEY_LEN], const char *name,
		 size_t name_len, const uint8_t in[TZ_STORAGE_OBJ_HDR_LEN],
		 struct seal_obj *o)
{
	struct tz_storage_obj_hdr h;
	uint8_t aad[OBJ_AAD_MAX], nonce[TZ_STORAGE_NONCE_LEN];
	uint8_t none[1] = { 0 }, pt_none[1];
	size_t aad_len;
	int ret;

	memset(o, 0, sizeof(*o));
	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX)
		return -TZ_EINVAL;
	memcpy(&h, in, sizeof(h));
	if (h.magic != TZ_STORAGE_OBJ_MAGIC || h.version != TZ_STORAGE_OBJ_VERSION ||
	    h.alg != TZ_STORAGE_ALG_CHACHAPOLY || h.chunk_size != TZ_STORAGE_CHUNK_SIZE ||
	    h.data_len > TZ_STORAGE_OBJ_MAX || h.nchunks != seal_obj_nchunks(h.data_len) ||
	    h.reserved)
		return -TZ_EBADMSG;
	aad_len = make_aad(aad, &h, sizeof(h), name, name_len);
	obj_nonce(nonce, h.nonce, HDR_NONCE_IDX);
	ret = seal_aead_decrypt(key, nonce, aad, aad_len, none, 0,
				in + sizeof(h), pt_none);
	if (ret)
		return ret;
	o->epoch = h.epoch;
	o->obj_version = h.obj_version;
	o->data_len = h.data_len;
	o->nchunks = h.nchunks;
	memcpy(o->nonce, h.nonce, sizeof(o->nonce));
	return 0;
}

static size_t chunk_aad(uint8_t *aad, const struct seal_obj *o, uint32_t index,
			bool last, const char *name, size_t name_len)
{
	struct tz_storage_chunk_aad a;

	memset(&a, 0, sizeof(a));
	a.magic = TZ_STORAGE_OBJ_MAGIC;
	a.version = TZ_STORAGE_OBJ_VERSION;
	a.alg = TZ_STORAGE_ALG_CHACHAPOLY;
	memcpy(a.nonce, o->nonce, sizeof(a.nonce));
	a.chunk_size = TZ_STORAGE_CHUNK_SIZE;
	a.epoch = o->epoch;
	a.obj_version = o->obj_version;
	a.index = index;
	a.last = last ? 1U : 0U;
	return make_aad(aad, &a, sizeof(a), name, name_len);
}

int seal_chunk(const uint8_t key[SEAL_KEY_LEN], const struct seal_obj *o,
	       const char *name, size_t name_len, uint32_t index, bool last,
	       const uint8_t *pt, size_t len, uint8_t *out)
{
	uint8_t aad[OBJ_AAD_MAX], nonce[TZ_STORAGE_NONCE_LEN];
	size_t aad_len;

	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX || index >= MAX_CHUNKS ||
	    len > TZ_STORAGE_CHUNK_SIZE || (!last && len != TZ_STORAGE_CHUNK_SIZE) ||
	    (last && len == TZ_STORAGE_CHUNK_SIZE))
		return -TZ_EINVAL;
	aad_len = chunk_aad(aad, o, index, last, name, name_len);
	obj_nonce(nonce, o->nonce, index);
	return seal_aead_encrypt(key, nonce, aad, aad_len, pt, len, out, out + len);
}

int open_chunk(const uint8_t key[SEAL_KEY_LEN], const struct seal_obj *o,
	       const char *name, size_t name_len, uint32_t index,
	       const uint8_t *in, size_t in_len, uint8_t *pt)
{
	uint8_t aad[OBJ_AAD_MAX], nonce[TZ_STORAGE_NONCE_LEN];
	size_t aad_len, len;

	if (name_len == 0 || name_len > TZ_STORAGE_NAME_MAX || index >= o->nchunks)
		return -TZ_EINVAL;
	len = seal_obj_chunk_len(o, index);
	if (in_len != len + TAG_LEN) {
		mbedtls_platform_zeroize(pt, len);
		return -TZ_EBADMSG;
	}
	aad_len = chunk_aad(aad, o, index, index + 1 == o->nchunks, name, name_len);
	obj_nonce(nonce, o->nonce, index);
	return seal_aead_decrypt(key, nonce, aad, aad_len, in, len, in + len, pt);
}
