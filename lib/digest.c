// SPDX-License-Identifier: BSD-3-Clause
/*
 * Streaming digests (tzcom_digest_*): one crypto-service session per
 * digest, INIT/UPDATE/FINAL through INVOKE (include/tzcom/tz_crypto.h).
 * Updates that fit one command go inline; larger ones are copied into a
 * registered buffer of the digest, which the secure world reads in place,
 * one UPDATE per buffer.  tzcom_digest_fd() reads straight into that
 * buffer.  If the buffer cannot be registered (RLIMIT_MEMLOCK, the fd's
 * registration limits) the same data goes inline, only slower.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <tzcom/tz_crypto.h>

#include "priv.h"

/* The registered buffer: 256 UPDATE round trips for 256 MiB. */
#define DIGEST_BUF_LEN		(1u << 20)
/* The data one inline UPDATE carries: its header and a bare response header. */
#define DIGEST_INLINE_MAX	(TZCOM_LIB_MAX_BUF - 8u - 8u)

struct tzcom_digest {
	struct tzcom *h;
	uint32_t session;
	uint8_t *buf;		/* DIGEST_BUF_LEN bytes, page aligned, or NULL */
	uint32_t shm_id;
	bool registered;
	/* One inline UPDATE: header, data. */
	uint8_t cmd[DIGEST_INLINE_MAX + 8];
};

_Static_assert(TZCOM_DIGEST_SHA256 == TZ_CRYPTO_ALG_SHA256 &&
	       TZCOM_DIGEST_HMAC_DEVICE == TZ_CRYPTO_ALG_HMAC_DEVICE &&
	       TZCOM_DIGEST_HMAC_KEY == TZ_CRYPTO_ALG_HMAC_KEY &&
	       TZCOM_DIGEST_KEY_MAX == TZ_CRYPTO_KEY_MAX, "libtzcom's digest ids");
_Static_assert(DIGEST_BUF_LEN <= TZCOM_LIB_SHM_MAX, "digest buffer size");

/* The service status of an INVOKE's response, checked like tzcom_send(). */
static int digest_call(struct tzcom_digest *d, const void *cmd, size_t cmd_len,
		       void *out, size_t out_len, const struct tzcom_mem *mem)
{
	uint8_t rsp[sizeof(struct tzcom_svc_rsp_hdr) + TZ_CRYPTO_DIGEST_LEN];
	struct tzcom_svc_rsp_hdr hdr;
	uint32_t cmd_id;
	size_t got = 0;
	int ret;

	ret = tzcom_invoke(d->h, d->session, cmd, cmd_len, rsp, sizeof(hdr) + out_len,
			   &got, mem, mem ? 1 : 0);
	if (ret)
		return ret;
	if (got < sizeof(hdr))
		return -EBADMSG;
	memcpy(&hdr, rsp, sizeof(hdr));
	memcpy(&cmd_id, cmd, sizeof(cmd_id));
	if (hdr.cmd_id != cmd_id)
		return -EBADMSG;
	if (hdr.status)
		return hdr.status > 0 ? -EIO : hdr.status;
	if (got != sizeof(hdr) + out_len)
		return -EBADMSG;
	if (out_len)
		memcpy(out, rsp + sizeof(hdr), out_len);
	return 0;
}

static int update_inline(struct tzcom_digest *d, const uint8_t *data, size_t len)
{
	while (len) {
		struct tz_crypto_req req = { .cmd_id = TZ_CRYPTO_UPDATE };
		size_t n = len < DIGEST_INLINE_MAX ? len : DIGEST_INLINE_MAX;
		int ret;

		req.data_len = (uint32_t)n;
		memcpy(d->cmd, &req, sizeof(req));
		memcpy(d->cmd + sizeof(req), data, n);
		ret = digest_call(d, d->cmd, sizeof(req) + n, NULL, 0, NULL);
		if (ret)
			return ret;
		data += n;
		len -= n;
	}
	return 0;
}

/* The digest's buffer, registered on first use; 0 even if only mapped. */
static int digest_buf(struct tzcom_digest *d)
{
	void *p;
	int ret;

	if (d->buf)
		return 0;
	p = mmap(NULL, DIGEST_BUF_LEN, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	d->buf = p;
	ret = tzcom_shm_register(d->h, d->buf, DIGEST_BUF_LEN, TZCOM_LIB_SHM_IN,
				 &d->shm_id);
	if (!ret)
		d->registered = true;
	else if (ret != -ENOMEM && ret != -ENOSPC)
		return ret;
	return 0;
}

/* UPDATE with the first len bytes of the digest's buffer. */
static int update_buf(struct tzcom_digest *d, size_t len)
{
	struct tz_crypto_req req = { .cmd_id = TZ_CRYPTO_UPDATE, .data_len = 0 };
	struct tzcom_mem mem = {
		.shm_id = d->shm_id, .flags = TZCOM_LIB_SHM_IN, .offset = 0, .size = len,
	};

	if (!len)
		return 0;
	if (!d->registered)
		return update_inline(d, d->buf, len);
	return digest_call(d, &req, sizeof(req), NULL, 0, &mem);
}

int tzcom_digest_init(struct tzcom *h, uint32_t alg, const void *key,
		      size_t key_len, struct tzcom_digest **d)
{
	struct tz_crypto_init_req req;
	struct tzcom_digest *n;
	int ret;

	if (!h || !d)
		return -EINVAL;
	if (alg == TZCOM_DIGEST_HMAC_KEY) {
		if (!key || key_len < 1 || key_len > TZCOM_DIGEST_KEY_MAX)
			return -EINVAL;
	} else if ((alg != TZCOM_DIGEST_SHA256 && alg != TZCOM_DIGEST_HMAC_DEVICE) ||
		   key_len) {
		return -EINVAL;
	}
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	n->h = h;
	ret = tzcom_session_open(h, TZ_SVC_CRYPTO, &n->session);
	if (ret) {
		free(n);
		return ret;
	}
	memset(&req, 0, sizeof(req));
	req.cmd_id = TZ_CRYPTO_INIT;
	req.alg = alg;
	req.key_len = (uint32_t)key_len;
	if (key_len)
		memcpy(req.key, key, key_len);
	ret = digest_call(n, &req, sizeof(req), NULL, 0, NULL);
	/* The key is the caller's secret: no copy of it stays behind. */
	explicit_bzero(&req, sizeof(req));
	if (ret) {
		tzcom_digest_free(n);
		return ret;
	}
	*d = n;
	return 0;
}

int tzcom_digest_update(struct tzcom_digest *d, const void *data, size_t len)
{
	const uint8_t *p = data;
	int ret;

	if (!d || (len && !data))
		return -EINVAL;
	if (len <= DIGEST_INLINE_MAX)
		return update_inline(d, p, len);
	ret = digest_buf(d);
	if (ret)
		return ret;
	while (len) {
		size_t n = len < DIGEST_BUF_LEN ? len : DIGEST_BUF_LEN;

		memcpy(d->buf, p, n);
		ret = update_buf(d, n);
		if (ret)
			return ret;
		p += n;
		len -= n;
	}
	return 0;
}

int tzcom_digest_final(struct tzcom_digest *d, uint8_t out[TZCOM_DIGEST_LEN])
{
	uint32_t cmd = TZ_CRYPTO_FINAL;
	int ret;

	if (!d || !out)
		return -EINVAL;
	ret = digest_call(d, &cmd, sizeof(cmd), out, TZCOM_DIGEST_LEN, NULL);
	tzcom_digest_free(d);
	return ret;
}

void tzcom_digest_free(struct tzcom_digest *d)
{
	if (!d)
		return;
	if (d->registered)
		tzcom_shm_unregister(d->h, d->shm_id);
	if (d->buf)
		munmap(d->buf, DIGEST_BUF_LEN);
	/* Closing the session wipes the digest's state in the secure world. */
	tzcom_session_close(d->h, d->session);
	explicit_bzero(d->cmd, sizeof(d->cmd));
	free(d);
}

int tzcom_digest_fd(struct tzcom *h, uint32_t alg, const void *key,
		    size_t key_len, int fd, uint8_t out[TZCOM_DIGEST_LEN])
{
	struct tzcom_digest *d;
	size_t fill = 0;
	int ret;

	if (fd < 0 || !out)
		return -EINVAL;
	ret = tzcom_digest_init(h, alg, key, key_len, &d);
	if (ret)
		return ret;
	ret = digest_buf(d);
	while (!ret) {
		ssize_t r = read(fd, d->buf + fill, DIGEST_BUF_LEN - fill);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			break;
		}
		fill += (size_t)r;
		if (r == 0 || fill == DIGEST_BUF_LEN) {
			ret = update_buf(d, fill);
			fill = 0;
			if (r == 0)
				break;
		}
	}
	if (ret) {
		tzcom_digest_free(d);
		return ret;
	}
	return tzcom_digest_final(d, out);
}
