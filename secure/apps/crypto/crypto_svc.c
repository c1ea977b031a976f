// SPDX-License-Identifier: BSD-3-Clause
/*
 * Crypto trusted service (service 2): SHA-256 of a buffer, and HMAC-SHA256
 * under the device key.  The device key is HKDF-SHA256(device secret, info
 * "tzcom hmac v1"); it is derived on the service stack for each command and
 * wiped before returning, so it exists only while it is used and never
 * leaves the secure world.  Wire format: include/tzcom/tz_crypto.h.
 */
#include <string.h>

#include <mbedtls/sha256.h>

#include <tzbsp/crypto.h>
#include <tzbsp/service.h>
#include <tzcom/tz_crypto.h>

#define HMAC_KEY_INFO		"tzcom hmac v1"

#ifdef TZBSP_HOST
static const uint8_t *test_hmac_key;
static size_t test_hmac_key_len;

void crypto_svc_test_set_hmac_key(const uint8_t *key, size_t len)
{
	test_hmac_key = key;
	test_hmac_key_len = len;
}
#endif

static int crypto_hmac_device(const uint8_t *data, size_t len,
			      uint8_t out[TZ_SHA256_LEN])
{
	uint8_t key[TZ_SHA256_LEN];
	int ret;

#ifdef TZBSP_HOST
	if (test_hmac_key)
		return tz_hmac_sha256(test_hmac_key, test_hmac_key_len, data, len, out);
#endif
	ret = tz_device_key_derive(HMAC_KEY_INFO, sizeof(HMAC_KEY_INFO) - 1,
				   key, sizeof(key));
	if (!ret)
		ret = tz_hmac_sha256(key, sizeof(key), data, len, out);
	tz_crypto_zeroize(key, sizeof(key));
	return ret;
}

static int crypto_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			 uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_crypto_req hdr;
	const uint8_t *data;
	int ret;

	*rsp_len = 0;
	if (req_len < sizeof(hdr))
		return -TZ_EINVAL;
	memcpy(&hdr, req, sizeof(hdr));
	if (hdr.data_len != req_len - sizeof(hdr))
		return -TZ_EINVAL;
	if (hdr.data_len > TZ_CRYPTO_MAX_INPUT)
		return -TZ_EMSGSIZE;
	if (cmd_id != TZ_CRYPTO_SHA256 && cmd_id != TZ_CRYPTO_HMAC_SHA256)
		return -TZ_ENOSYS;
	if (rsp_cap < sizeof(struct tz_crypto_digest_rsp))
		return -TZ_ERANGE;
	data = req + sizeof(hdr);

	if (cmd_id == TZ_CRYPTO_SHA256)
		ret = mbedtls_sha256_ret(data, hdr.data_len, rsp, 0) ? -TZ_EIO : 0;
	else
		ret = crypto_hmac_device(data, hdr.data_len, rsp);

	if (ret) {
		memset(rsp, 0, sizeof(struct tz_crypto_digest_rsp));
		return ret;
	}
	*rsp_len = sizeof(struct tz_crypto_digest_rsp);
	return 0;
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
};
