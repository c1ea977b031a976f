// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sealed storage trusted service (service 3).  Objects are sealed here
 * (seal.c) and kept by tzcomd through the storage callbacks of
 * hlos_storage.h, so the normal world only ever holds ciphertext.  Wire
 * format: include/tzcom/tz_storage.h; design: docs/crypto-storage.md.
 *
 * Keys, each HKDF-SHA256 from the device secret, derived per command on
 * this stack and wiped before any callback:
 *   "tzcom storage v1"        ChaCha20-Poly1305 key
 *   "tzcom storage nonce v1"  HMAC key for nonces
 * Nonce (96 bits) = HMAC-SHA256(nonce key, boot stamp || sequence number
 * || CNTPCT_EL0 || name_len || name || plaintext)[0..12].  The boot stamp
 * and counter make it fresh within and across boots; because it also
 * covers the name and plaintext, even a repeated boot stamp can only
 * repeat a nonce for the very same (name, plaintext), which then yields
 * the very same blob and reveals nothing new (the synthetic-IV argument).
 *
 * Anti-rollback (tzbsp/rollback.h): each blob carries the object's version
 * and the counter store's epoch; the store in secure flash holds the
 * committed version and the first 8 nonce bytes of the committed blob.
 * PUT seals version + 1 and commits it only once tzcomd has confirmed the
 * write; GET opens only the committed blob.
 */
#include <string.h>

#include <mbedtls/md.h>
#include <mbedtls/sha256.h>

#include <tzbsp/crypto.h>
#include <tzbsp/rollback.h>
#include <tzbsp/service.h>
#include <tzcom/hlos_storage.h>
#include <tzcom/tz_storage.h>

#include "storage.h"

#define NONCE_KEY_INFO	"tzcom storage nonce v1"

_Static_assert(sizeof(struct tz_hlos_storage_req) <= TZ_STORAGE_HLOS_HDR_MAX,
	       "storage callback header fits the reserved room");
_Static_assert(TZ_STORAGE_NAME_MAX == TZ_HLOS_NAME_MAX, "one name rule");
_Static_assert(TZ_STORAGE_HLOS_HDR_MAX + TZ_STORAGE_NAME_MAX +
	       TZ_STORAGE_BLOB_OVERHEAD + TZ_STORAGE_MAX_DATA <= TZCOM_CB_MAX_DATA,
	       "largest WRITE fits a callback");
_Static_assert(TZ_STORAGE_BLOB_OVERHEAD + TZ_STORAGE_MAX_DATA <= TZ_HLOS_RSP_MAX_DATA,
	       "largest READ answer fits");
_Static_assert(sizeof(struct tz_storage_req) + TZ_STORAGE_NAME_MAX +
	       TZ_STORAGE_MAX_DATA + sizeof(struct tzcom_svc_rsp_hdr) <= TZCOM_SB_LEN,
	       "largest PUT fits sb_in");
_Static_assert(sizeof(struct tz_storage_req) + TZ_STORAGE_NAME_MAX +
	       TZ_STORAGE_GET_RSP_LEN(TZ_STORAGE_MAX_DATA) <= TZCOM_SB_LEN,
	       "largest GET fits sb_in");

static uint64_t boot_stamp;
static uint64_t put_seq;

static uint64_t read_counter(void)
{
#if defined(__aarch64__) && !defined(TZBSP_HOST)
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v));
	return v;
#else
	static uint64_t fake;

	return ++fake;
#endif
}

static bool name_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

/* The rule of tz_storage.h: tzcomd turns names into file names. */
bool storage_name_valid(const char *name, size_t len)
{
	size_t i;

	if (len == 0 || len > TZ_STORAGE_NAME_MAX || name[0] == '.')
		return false;
	for (i = 0; i < len; i++)
		if (!name_char_ok(name[i]))
			return false;
	return true;
}

int storage_make_nonce(const char *name, size_t name_len,
		       const uint8_t *pt, size_t len,
		       uint8_t nonce[TZ_STORAGE_NONCE_LEN])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	uint8_t key[TZ_SHA256_LEN], mac[TZ_SHA256_LEN];
	uint64_t fresh[3] = {
		boot_stamp, __atomic_fetch_add(&put_seq, 1U, __ATOMIC_RELAXED),
		read_counter()
	};
	uint32_t nlen = (uint32_t)name_len;
	mbedtls_md_context_t ctx;
	int ret;

	ret = tz_device_key_derive(NONCE_KEY_INFO, sizeof(NONCE_KEY_INFO) - 1,
				   key, sizeof(key));
	if (ret)
		return ret;
	mbedtls_md_init(&ctx);
	ret = mbedtls_md_setup(&ctx, md, 1);
	if (!ret)
		ret = mbedtls_md_hmac_starts(&ctx, key, sizeof(key));
	if (!ret)
		ret = mbedtls_md_hmac_update(&ctx, (const uint8_t *)fresh, sizeof(fresh));
	if (!ret)
		ret = mbedtls_md_hmac_update(&ctx, (const uint8_t *)&nlen, sizeof(nlen));
	if (!ret)
		ret = mbedtls_md_hmac_update(&ctx, (const uint8_t *)name, name_len);
	if (!ret)
		ret = mbedtls_md_hmac_update(&ctx, pt, len);
	if (!ret)
		ret = mbedtls_md_hmac_finish(&ctx, mac);
	mbedtls_md_free(&ctx);
	tz_crypto_zeroize(key, sizeof(key));
	if (ret)
		return ret == MBEDTLS_ERR_MD_ALLOC_FAILED ? -TZ_ENOMEM : -TZ_EIO;
	memcpy(nonce, mac, TZ_STORAGE_NONCE_LEN);
	return 0;
}

int storage_enc_key(uint8_t key[SEAL_KEY_LEN])
{
	return tz_device_key_derive(STORAGE_ENC_KEY_INFO,
				    sizeof(STORAGE_ENC_KEY_INFO) - 1, key, SEAL_KEY_LEN);
}

/* This command's buffers, or NULL outside a command. */
struct storage_bufs *storage_cb_bufs(void)
{
	size_t len;
	void *p = tz_thread_scratch(&len);

	_Static_assert(_Alignof(struct storage_bufs) <= 16, "scratch alignment");
	return p && len >= sizeof(struct storage_bufs) ? p : NULL;
}

/* Fill the callback header and name in b->req; returns the data offset. */
static size_t cb_prepare(struct storage_bufs *b, uint32_t cb_id,
			 const char *name, size_t name_len, size_t data_len)
{
	struct tz_hlos_storage_req hdr = {
		.cmd_id = cb_id,
		.name_len = (uint32_t)name_len,
		.data_len = (uint32_t)data_len,
	};

	memcpy(b->req, &hdr, sizeof(hdr));
	if (name_len)
		memcpy(b->req + sizeof(hdr), name, name_len);
	return sizeof(hdr) + name_len;
}

int storage_cb_call(struct storage_bufs *b, uint32_t cb_id, size_t len,
		   const uint8_t **data, size_t *data_len)
{
	struct tz_hlos_rsp_hdr hdr;
	size_t rsp_len = 0;
	int ret;

	ret = tz_hlos_call(cb_id, b->req, len, b->rsp, sizeof(b->rsp), &rsp_len);
	if (ret)
		return ret;
	if (rsp_len < sizeof(hdr) || rsp_len > sizeof(b->rsp))
		return -TZ_EIO;
	memcpy(&hdr, b->rsp, sizeof(hdr));
	if (hdr.status > 0 || hdr.status < -4095)
		return -TZ_EIO;
	if (hdr.status)
		return hdr.status;
	if (hdr.data_len != rsp_len - sizeof(hdr))
		return -TZ_EIO;
	*data = b->rsp + sizeof(hdr);
	*data_len = hdr.data_len;
	return 0;
}

int storage_object_id(const char *name, size_t name_len, struct tz_rb_id *id)
{
	uint8_t h[TZ_SHA256_LEN];

	if (mbedtls_sha256_ret((const uint8_t *)name, name_len, h, 0))
		return -TZ_EIO;
	memcpy(id->b, h, sizeof(id->b));
	return 0;
}

uint64_t storage_nonce_pin(const uint8_t nonce[TZ_STORAGE_NONCE_LEN])
{
	uint64_t pin;

	memcpy(&pin, nonce, sizeof(pin));
	return pin;
}

/*
 * The counter is bumped only after tzcomd confirmed the write.  A crash (or
 * a failed commit) in between leaves a blob one version ahead of the
 * store: GET refuses it with -EINPROGRESS until the next PUT, which seals
 * that same version again and commits it.
 */
static int storage_put(const char *name, size_t name_len,
		       const uint8_t *pt, size_t len)
{
	struct storage_bufs *b = storage_cb_bufs();
	struct tz_rb_val cur = { 0, 0, 0 };
	struct tz_hlos_storage_req *hdr;
	struct seal_meta meta;
	uint8_t key[SEAL_KEY_LEN];
	struct tz_rb_id id;
	const uint8_t *data;
	size_t off, blob_len, data_len;
	int ret;

	if (!b)
		return -TZ_EIO;
	hdr = (struct tz_hlos_storage_req *)b->req;
	ret = storage_object_id(name, name_len, &id);
	if (!ret)
		ret = tz_rb_epoch(&meta.epoch);
	if (!ret) {
		ret = tz_rb_get(id, &cur);
		if (ret == -TZ_ENOENT)
			ret = 0;
	}
	if (ret)
		return ret;
	meta.obj_version = cur.version + 1;

	off = cb_prepare(b, TZ_HLOS_STORAGE_WRITE, name, name_len, 0);
	ret = storage_make_nonce(name, name_len, pt, len, meta.nonce);
	if (!ret)
		ret = storage_enc_key(key);
	if (!ret)
		ret = seal_blob(key, &meta, name, name_len, pt, len, b->req + off,
				sizeof(b->req) - off, &blob_len);
	tz_crypto_zeroize(key, sizeof(key));
	if (ret)
		return ret;
	hdr->data_len = (uint32_t)blob_len;
	ret = storage_cb_call(b, TZ_HLOS_STORAGE_WRITE, off + blob_len, &data, &data_len);
	if (ret)
		return ret;
	cur.version = meta.obj_version;
	cur.pin = storage_nonce_pin(meta.nonce);
	cur.deleted = 0;
	return tz_rb_set(id, cur);
}

int storage_check_current(const char *name, size_t name_len,
			 const struct seal_meta *meta)
{
	struct tz_rb_val cur;
	struct tz_rb_id id;
	uint64_t epoch;
	int ret;

	ret = storage_object_id(name, name_len, &id);
	if (!ret)
		ret = tz_rb_epoch(&epoch);
	if (ret)
		return ret;
	if (meta->epoch != epoch)
		return -TZ_EKEYEXPIRED;
	ret = tz_rb_get(id, &cur);
	if (ret == -TZ_ENOENT)
		return -TZ_EINPROGRESS;	/* a first PUT that was never committed */
	if (ret)
		return ret;
	if (meta->obj_version > cur.version)
		return -TZ_EINPROGRESS;
	if (meta->obj_version < cur.version || cur.deleted ||
	    storage_nonce_pin(meta->nonce) != cur.pin)
		return -TZ_ESTALE;
	return 0;
}

static int storage_get(const char *name, size_t name_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct storage_bufs *b = storage_cb_bufs();
	struct tz_storage_get_rsp out;
	uint8_t key[SEAL_KEY_LEN];
	struct seal_meta meta;
	const uint8_t *blob;
	size_t blob_len, pt_len;
	int ret;

	if (!b)
		return -TZ_EIO;
	if (rsp_cap < sizeof(out))
		return -TZ_ERANGE;
	ret = storage_cb_call(b, TZ_HLOS_STORAGE_READ,
		      cb_prepare(b, TZ_HLOS_STORAGE_READ, name, name_len, 0),
		      &blob, &blob_len);
	/* Too large for READ: a large object, or garbage GET would refuse. */
	if (ret == -TZ_EMSGSIZE)
		return -TZ_EFBIG;
	if (ret)
		return ret;

	if (storage_is_large(blob, blob_len))
		return -TZ_EFBIG;
	ret = storage_enc_key(key);
	if (!ret)
		ret = open_blob(key, name, name_len, blob, blob_len,
				rsp + sizeof(out), rsp_cap - sizeof(out), &pt_len,
				&meta);
	tz_crypto_zeroize(key, sizeof(key));
	if (ret)
		return ret;
	ret = storage_check_current(name, name_len, &meta);
	if (ret) {
		tz_crypto_zeroize(rsp + sizeof(out), pt_len);
		return ret;
	}
	out.data_len = (uint32_t)pt_len;
	memcpy(rsp, &out, sizeof(out));
	*rsp_len = sizeof(out) + pt_len;
	return 0;
}

/*
 * The counter entry stays, marked deleted, so a copy of a removed object's
 * blob put back on the host is refused too, and a later PUT continues
 * from its version.
 */
static int storage_rm(const char *name, size_t name_len)
{
	struct storage_bufs *b = storage_cb_bufs();
	struct tz_rb_val cur;
	struct tz_rb_id id;
	const uint8_t *data;
	size_t data_len;
	int ret, rb;

	if (!b)
		return -TZ_EIO;
	ret = storage_stream_rm(name, name_len);
	if (ret)
		return ret;
	ret = storage_cb_call(b, TZ_HLOS_STORAGE_REMOVE,
		      cb_prepare(b, TZ_HLOS_STORAGE_REMOVE, name, name_len, 0),
		      &data, &data_len);
	if (ret && ret != -TZ_ENOENT)
		return ret;
	rb = storage_object_id(name, name_len, &id);
	if (!rb)
		rb = tz_rb_get(id, &cur);
	if (rb == -TZ_ENOENT)
		return ret;
	if (!rb && !cur.deleted) {
		cur.deleted = 1;
		rb = tz_rb_set(id, cur);
	}
	return rb ? rb : ret;
}

/*
 * tzcomd answers with NUL-terminated names.  Entries that break the name
 * rule (a stray file in its directory) are left out; they could never be
 * opened anyway.
 */
static int storage_list(uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct storage_bufs *b = storage_cb_bufs();
	struct tz_storage_list_rsp out = { 0, 0 };
	const uint8_t *names;
	size_t len, i, start;
	int ret;

	if (!b)
		return -TZ_EIO;
	if (rsp_cap < sizeof(out))
		return -TZ_ERANGE;
	ret = storage_cb_call(b, TZ_HLOS_STORAGE_LIST,
		      cb_prepare(b, TZ_HLOS_STORAGE_LIST, NULL, 0, 0), &names, &len);
	if (ret)
		return ret;
	if (len && names[len - 1] != '\0')
		return -TZ_EIO;

	for (start = 0, i = 0; i < len; i++) {
		size_t n = i - start;

		if (names[i] != '\0')
			continue;
		if (storage_name_valid((const char *)names + start, n)) {
			if (sizeof(out) + out.names_len + n + 1 > rsp_cap)
				return -TZ_ERANGE;
			memcpy(rsp + sizeof(out) + out.names_len, names + start, n + 1);
			out.names_len += (uint32_t)(n + 1);
			out.count++;
		}
		start = i + 1;
	}
	memcpy(rsp, &out, sizeof(out));
	*rsp_len = sizeof(out) + out.names_len;
	return 0;
}

static int storage_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			  uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_storage_req hdr;
	const char *name;
	const uint8_t *data;

	*rsp_len = 0;
	switch (cmd_id) {
	case TZ_STORAGE_PUT_BEGIN:
	case TZ_STORAGE_PUT_DATA:
	case TZ_STORAGE_GET_BEGIN:
	case TZ_STORAGE_GET_DATA:
		return storage_stream_cmd(cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
	default:
		break;
	}
	if (req_len < sizeof(hdr))
		return -TZ_EINVAL;
	memcpy(&hdr, req, sizeof(hdr));
	/* 64-bit size_t: the sum of two u32 cannot wrap. */
	if (hdr.name_len > TZ_STORAGE_NAME_MAX ||
	    sizeof(hdr) + (size_t)hdr.name_len + hdr.data_len != req_len)
		return -TZ_EINVAL;
	name = (const char *)req + sizeof(hdr);
	data = req + sizeof(hdr) + hdr.name_len;

	if (cmd_id == TZ_STORAGE_LIST) {
		if (hdr.name_len || hdr.data_len)
			return -TZ_EINVAL;
		return storage_list(rsp, rsp_cap, rsp_len);
	}
	if (!storage_name_valid(name, hdr.name_len))
		return -TZ_EINVAL;
	switch (cmd_id) {
	case TZ_STORAGE_PUT:
		if (hdr.data_len > TZ_STORAGE_MAX_DATA)
			return -TZ_EMSGSIZE;
		if (storage_stream_busy(name, hdr.name_len))
			return -TZ_EBUSY;
		return storage_put(name, hdr.name_len, data, hdr.data_len);
	case TZ_STORAGE_GET:
		if (hdr.data_len)
			return -TZ_EINVAL;
		return storage_get(name, hdr.name_len, rsp, rsp_cap, rsp_len);
	case TZ_STORAGE_RM:
		if (hdr.data_len)
			return -TZ_EINVAL;
		return storage_rm(name, hdr.name_len);
	default:
		return -TZ_ENOSYS;
	}
}

static int storage_init(void)
{
	int ret = tz_crypto_selftest();

	if (!ret)
		ret = tz_device_secret_init();
	boot_stamp = read_counter();
	return ret;
}

TZ_SERVICE(storage_service) = {
	.id = TZ_SVC_STORAGE,
	.name = "storage",
	.init = storage_init,
	.handle = storage_handle,
	.flags = TZ_SVC_F_EXCLUSIVE | TZ_SVC_F_SESSIONS,
	TZ_SESSION_DESC(storage_sessions),
};
