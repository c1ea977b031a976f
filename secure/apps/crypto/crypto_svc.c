// SPDX-License-Identifier: BSD-3-Clause
/*
 * Crypto trusted service (service 2): SHA-256 and HMAC-SHA256 of a
 * buffer, of a whole memory argument, or streamed through a session
 * (docs/crypto-storage.md, "Streaming").  The device key is
 * HKDF-SHA256(device secret, info "tzcom hmac v1"); it is derived on the
 * service stack when a digest under it starts and wiped at once (a
 * running HMAC keeps only its hash states), so it never leaves the secure
 * world.  Wire format: include/tzcom/tz_crypto.h.
 */
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/service.h>
#include <tzcom/tz_crypto.h>

#include "digest.h"

#define HMAC_KEY_INFO		"tzcom hmac v1"

/* The digest running in each session; zero (none) when a session opens. */
static TZ_SESSION_STATE(struct crypto_digest, session_digest);

/*
 * Where memory arguments are read through: the service is exclusive (one
 * command at a time), so one buffer serves every command, and it is as
 * large as one tz_memref_read() may copy.
 */
static uint8_t mem_buf[TZ_MEMREF_IO_MAX];

#ifdef TZBSP_HOST
static const uint8_t *test_hmac_key;
static size_t test_hmac_key_len;

void crypto_svc_test_set_hmac_key(const uint8_t *key, size_t len)
{
	test_hmac_key = key;
	test_hmac_key_len = len;
}
#endif

/* Start alg with the client's key (ALG_HMAC_KEY) or the device key. */
static int digest_start(struct crypto_digest *d, uint32_t alg,
			const uint8_t *key, size_t key_len)
{
	uint8_t dev_key[TZ_SHA256_LEN];
	int ret;

	if (alg == TZ_CRYPTO_ALG_SHA256)
		return crypto_digest_start(d, alg, 0, NULL, 0);
	if (alg == TZ_CRYPTO_ALG_HMAC_KEY)
		return crypto_digest_start(d, alg, 1, key, key_len);
#ifdef TZBSP_HOST
	if (test_hmac_key)
		return crypto_digest_start(d, alg, 1, test_hmac_key, test_hmac_key_len);
#endif
	ret = tz_device_key_derive(HMAC_KEY_INFO, sizeof(HMAC_KEY_INFO) - 1,
				   dev_key, sizeof(dev_key));
	if (!ret)
		ret = crypto_digest_start(d, alg, 1, dev_key, sizeof(dev_key));
	tz_crypto_zeroize(dev_key, sizeof(dev_key));
	return ret;
}

/* Feed all of memory argument 0, which must be readable. */
static int digest_memref(struct crypto_digest *d)
{
	struct tz_memref_info info;
	uint64_t off = 0;
	int ret;

	if (tz_memref_info(0, &info) || !(info.flags & TZ_MEM_IN))
		return -TZ_EINVAL;
	while (off < info.size) {
		size_t n = info.size - off < sizeof(mem_buf) ?
			   (size_t)(info.size - off) : sizeof(mem_buf);

		ret = tz_memref_read(0, off, mem_buf, n);
		if (!ret)
			ret = crypto_digest_update(d, mem_buf, n);
		if (ret)
			return ret;
		off += n;
	}
	return 0;
}

static int has_memref(void)
{
	struct tz_memref_info info;

	return tz_memref_info(0, &info) == 0;
}

/*
 * {struct tz_crypto_req, data}: the data, or with data_len 0 and a
 * memory argument 0, the whole argument.
 */
static int digest_input(struct crypto_digest *d, const uint8_t *req, size_t req_len)
{
	struct tz_crypto_req hdr;

	if (req_len < sizeof(hdr))
		return -TZ_EINVAL;
	memcpy(&hdr, req, sizeof(hdr));
	if (hdr.data_len != req_len - sizeof(hdr))
		return -TZ_EINVAL;
	if (!hdr.data_len && has_memref())
		return digest_memref(d);
	/* Inline data and a memory argument at once is not one input. */
	if (has_memref())
		return -TZ_EINVAL;
	return crypto_digest_update(d, req + sizeof(hdr), hdr.data_len);
}

/* SHA256 and HMAC_SHA256: one command, one digest. */
static int crypto_oneshot(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			  uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_crypto_req hdr;
	struct crypto_digest d;
	int ret;

	if (req_len < sizeof(hdr))
		return -TZ_EINVAL;
	memcpy(&hdr, req, sizeof(hdr));
	if (hdr.data_len != req_len - sizeof(hdr))
		return -TZ_EINVAL;
	if (hdr.data_len > TZ_CRYPTO_MAX_INPUT)
		return -TZ_EMSGSIZE;
	if (rsp_cap < sizeof(struct tz_crypto_digest_rsp))
		return -TZ_ERANGE;

	ret = digest_start(&d, cmd_id == TZ_CRYPTO_SHA256 ? TZ_CRYPTO_ALG_SHA256 :
			   TZ_CRYPTO_ALG_HMAC_DEVICE, NULL, 0);
	if (!ret)
		ret = digest_input(&d, req, req_len);
	if (ret) {
		crypto_digest_wipe(&d);
		return ret;
	}
	ret = crypto_digest_finish(&d, rsp);
	if (!ret)
		*rsp_len = sizeof(struct tz_crypto_digest_rsp);
	return ret;
}

static int crypto_init_cmd(struct crypto_digest *d, const uint8_t *req, size_t req_len)
{
	struct tz_crypto_init_req ir;
	int ret = -TZ_EINVAL;

	crypto_digest_wipe(d);
	if (req_len != sizeof(ir))
		return -TZ_EINVAL;
	memcpy(&ir, req, sizeof(ir));
	if (ir.reserved)
		goto out;
	if (ir.alg == TZ_CRYPTO_ALG_HMAC_KEY) {
		if (ir.key_len < 1 || ir.key_len > TZ_CRYPTO_KEY_MAX)
			goto out;
	} else if (ir.alg != TZ_CRYPTO_ALG_SHA256 &&
		   ir.alg != TZ_CRYPTO_ALG_HMAC_DEVICE) {
		goto out;
	} else if (ir.key_len) {
		goto out;
	}
	for (size_t i = ir.key_len; i < sizeof(ir.key); i++)
		if (ir.key[i])
			goto out;
	ret = digest_start(d, ir.alg, ir.key, ir.key_len);
out:
	tz_crypto_zeroize(&ir, sizeof(ir));
	return ret;
}

/* INIT, UPDATE, FINAL on the calling command's session. */
static int crypto_stream(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			 uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	int idx = tz_session_index();
	struct crypto_digest *d;
	int ret;

	if (idx < 0)
		return -TZ_EBADF;
	d = &session_digest[idx];
	if (cmd_id == TZ_CRYPTO_INIT)
		return crypto_init_cmd(d, req, req_len);
	if (!d->alg)
		return -TZ_EINVAL;
	if (cmd_id == TZ_CRYPTO_UPDATE) {
		/* A failed UPDATE may have fed part of its input: it ends the digest. */
		ret = digest_input(d, req, req_len);
		if (ret)
			crypto_digest_wipe(d);
		return ret;
	}
	if (req_len != sizeof(uint32_t) || has_memref())
		return -TZ_EINVAL;
	if (rsp_cap < sizeof(struct tz_crypto_digest_rsp))
		return -TZ_ERANGE;
	ret = crypto_digest_finish(d, rsp);
	if (!ret)
		*rsp_len = sizeof(struct tz_crypto_digest_rsp);
	return ret;
}

static int crypto_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			 uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	*rsp_len = 0;
	switch (cmd_id) {
	case TZ_CRYPTO_SHA256:
	case TZ_CRYPTO_HMAC_SHA256:
		return crypto_oneshot(cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_CRYPTO_INIT:
	case TZ_CRYPTO_UPDATE:
	case TZ_CRYPTO_FINAL:
		return crypto_stream(cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
	default:
		return -TZ_ENOSYS;
	}
}

static int crypto_init(void)
{
	int ret = tz_crypto_selftest();

	if (ret)
		return ret;
	return tz_device_secret_init();
}

TZ_SERVICE(crypto_service) = {
	.id = TZ_SVC_CRYPTO,
	.name = "crypto",
	.init = crypto_init,
	.handle = crypto_handle,
	.flags = TZ_SVC_F_EXCLUSIVE | TZ_SVC_F_SESSIONS,
	TZ_SESSION_DESC(session_digest),
};
