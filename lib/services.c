// SPDX-License-Identifier: BSD-3-Clause
/*
 * libtzcom convenience calls to the trusted services: the payload formats
 * of include/tzcom/tz_crypto.h and tz_storage.h, marshalled on top of
 * tzcom_send().  Each returns the transport status if it failed, else the
 * service status.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>
#include <tzcom/tz_crypto.h>
#include <tzcom/tz_storage.h>

#include "priv.h"

_Static_assert(TZCOM_DIGEST_LEN == TZ_CRYPTO_DIGEST_LEN, "digest drift");
_Static_assert(TZCOM_CRYPTO_MAX_INPUT == TZ_CRYPTO_MAX_INPUT, "crypto drift");
_Static_assert(TZCOM_STORE_NAME_MAX == TZ_STORAGE_NAME_MAX, "name drift");
_Static_assert(TZCOM_STORE_MAX_DATA == TZ_STORAGE_MAX_DATA, "store drift");

/* tzcom_send() with the service status folded into the return value. */
static int tzl_call(struct tzcom *h, uint32_t cmd_id, const void *req,
		    size_t req_len, void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	int32_t status = 0;
	int ret;

	ret = tzcom_send(h, cmd_id, req, req_len, rsp, rsp_cap, rsp_len, &status);
	if (ret)
		return ret;
	return status > 0 ? -EIO : status;
}

int tzcom_get_info(struct tzcom *h, struct tzcom_info *info)
{
	struct tzcom_core_info ci;
	size_t len = 0;
	int ret;

	if (!h || !info)
		return -EINVAL;
	ret = tzl_call(h, TZ_CORE_GET_INFO, NULL, 0, &ci, sizeof(ci), &len);
	if (ret)
		return ret;
	if (len != sizeof(ci))
		return -EBADMSG;
	memset(info, 0, sizeof(*info));
	info->version_major = ci.version_major;
	info->version_minor = ci.version_minor;
	info->services = ci.services;
	info->commands_done = ci.commands_done;
	info->callbacks_done = ci.callbacks_done;
	info->sb_out_ready = ci.sb_out_ready;
	info->sb_log_ready = ci.sb_log_ready;
	info->ns_dram_base = (uint64_t)ci.ns_dram_base_hi << 32 | ci.ns_dram_base_lo;
	info->ns_dram_size = (uint64_t)ci.ns_dram_size_hi << 32 | ci.ns_dram_size_lo;
	return 0;
}

int tzcom_echo(struct tzcom *h, const void *data, size_t len, void *out,
	       size_t cap, size_t *out_len)
{
	if (!h || (len && !data) || (cap && !out) || !out_len)
		return -EINVAL;
	return tzl_call(h, TZ_TEST_ECHO, data, len, out, cap, out_len);
}

static int tzl_digest(struct tzcom *h, uint32_t cmd_id, const void *data,
		      size_t len, uint8_t digest[TZCOM_DIGEST_LEN])
{
	uint32_t data_len = (uint32_t)len;
	size_t got = 0;
	uint8_t *req;
	int ret;

	if (!h || (len && !data) || !digest)
		return -EINVAL;
	if (len > TZ_CRYPTO_MAX_INPUT)
		return -EMSGSIZE;
	/* struct tz_crypto_req after its cmd_id, then the data. */
	req = malloc(sizeof(data_len) + len);
	if (!req)
		return -ENOMEM;
	memcpy(req, &data_len, sizeof(data_len));
	if (len)
		memcpy(req + sizeof(data_len), data, len);
	ret = tzl_call(h, cmd_id, req, sizeof(data_len) + len, digest,
		       TZCOM_DIGEST_LEN, &got);
	free(req);
	if (!ret && got != TZCOM_DIGEST_LEN)
		ret = -EBADMSG;
	return ret;
}

int tzcom_sha256(struct tzcom *h, const void *data, size_t len,
		 uint8_t digest[TZCOM_DIGEST_LEN])
{
	return tzl_digest(h, TZ_CRYPTO_SHA256, data, len, digest);
}

int tzcom_hmac_sha256(struct tzcom *h, const void *data, size_t len,
		      uint8_t mac[TZCOM_DIGEST_LEN])
{
	return tzl_digest(h, TZ_CRYPTO_HMAC_SHA256, data, len, mac);
}

int tzcom_store_name_ok(const char *name)
{
	size_t i, n;

	if (!name)
		return -EINVAL;
	n = strlen(name);
	if (n == 0 || n > TZ_STORAGE_NAME_MAX || name[0] == '.')
		return -EINVAL;
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return -EINVAL;
	}
	return 0;
}

/*
 * Storage request after its cmd_id: name_len, data_len, name, data.
 * Returns the service's result; the answer data goes to rsp.
 */
static int tzl_store_call(struct tzcom *h, uint32_t cmd_id, const char *name,
			  const void *data, size_t len, void *rsp,
			  size_t rsp_cap, size_t *rsp_len)
{
	const size_t hdr = sizeof(struct tz_storage_req) - sizeof(uint32_t);
	uint32_t name_len = name ? (uint32_t)strlen(name) : 0;
	uint32_t data_len = (uint32_t)len;
	uint8_t *req;
	int ret;

	req = malloc(hdr + name_len + len);
	if (!req)
		return -ENOMEM;
	memcpy(req, &name_len, sizeof(name_len));
	memcpy(req + sizeof(name_len), &data_len, sizeof(data_len));
	if (name_len)
		memcpy(req + hdr, name, name_len);
	if (len)
		memcpy(req + hdr + name_len, data, len);
	ret = tzl_call(h, cmd_id, req, hdr + name_len + len, rsp, rsp_cap, rsp_len);
	free(req);
	return ret;
}

int tzcom_store_put(struct tzcom *h, const char *name, const void *data,
		    size_t len)
{
	if (!h || (len && !data) || tzcom_store_name_ok(name))
		return -EINVAL;
	if (len > TZ_STORAGE_MAX_DATA)
		return -EMSGSIZE;
	return tzl_store_call(h, TZ_STORAGE_PUT, name, data, len, NULL, 0, NULL);
}

int tzcom_store_get(struct tzcom *h, const char *name, void *buf, size_t cap,
		    size_t *len)
{
	struct tz_storage_get_rsp gr;
	size_t area, got = 0;
	uint8_t *rsp;
	int ret;

	if (!h || (cap && !buf) || !len || tzcom_store_name_ok(name))
		return -EINVAL;
	if (cap > TZ_STORAGE_MAX_DATA)
		cap = TZ_STORAGE_MAX_DATA;
	area = sizeof(gr) + cap;
	rsp = malloc(area);
	if (!rsp)
		return -ENOMEM;
	ret = tzl_store_call(h, TZ_STORAGE_GET, name, NULL, 0, rsp, area, &got);
	if (ret)
		goto out;
	if (got < sizeof(gr)) {
		ret = -EBADMSG;
		goto out;
	}
	memcpy(&gr, rsp, sizeof(gr));
	if (gr.data_len != got - sizeof(gr) || gr.data_len > cap) {
		ret = -EBADMSG;
		goto out;
	}
	if (gr.data_len)
		memcpy(buf, rsp + sizeof(gr), gr.data_len);
	*len = gr.data_len;
out:
	free(rsp);
	return ret;
}

int tzcom_store_rm(struct tzcom *h, const char *name)
{
	if (!h || tzcom_store_name_ok(name))
		return -EINVAL;
	return tzl_store_call(h, TZ_STORAGE_RM, name, NULL, 0, NULL, 0, NULL);
}

int tzcom_store_list(struct tzcom *h, char *names, size_t cap, size_t *len,
		     uint32_t *count)
{
	struct tz_storage_list_rsp lr;
	size_t area, got = 0;
	uint8_t *rsp;
	int ret;

	if (!h || (cap && !names) || !len || !count)
		return -EINVAL;
	if (cap > TZCOM_MAX_BUF_LEN)
		cap = TZCOM_MAX_BUF_LEN;
	area = sizeof(lr) + cap;
	rsp = malloc(area);
	if (!rsp)
		return -ENOMEM;
	ret = tzl_store_call(h, TZ_STORAGE_LIST, NULL, NULL, 0, rsp, area, &got);
	if (ret)
		goto out;
	if (got < sizeof(lr)) {
		ret = -EBADMSG;
		goto out;
	}
	memcpy(&lr, rsp, sizeof(lr));
	if (lr.names_len != got - sizeof(lr) || lr.names_len > cap ||
	    (lr.names_len && rsp[got - 1] != '\0')) {
		ret = -EBADMSG;
		goto out;
	}
	if (lr.names_len)
		memcpy(names, rsp + sizeof(lr), lr.names_len);
	*len = lr.names_len;
	*count = lr.count;
out:
	free(rsp);
	return ret;
}
