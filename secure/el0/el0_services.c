// SPDX-License-Identifier: BSD-3-Clause
/*
 * The trusted services that run at S-EL0: test (1), crypto (2) and
 * storage (3), each its own program (secure/user) embedded in TZBSP's
 * image (el0_images.S).  To the scheduler each is an ordinary
 * TZ_SERVICE() descriptor whose init loads the program and whose handle
 * runs a command in it (el0_run.c).
 */
#include <tzbsp/crypto.h>
#include <tzbsp/service.h>

#include "el0_priv.h"

#define EL0_IMAGE(n) \
	extern const uint8_t tz_el0_##n##_image[], tz_el0_##n##_image_end[]

EL0_IMAGE(test);
EL0_IMAGE(crypto);
EL0_IMAGE(storage);

#define EL0_SVC(var, svc_id, svc_name, n, excl) \
	static struct el0_svc var = { \
		.id = (svc_id), .name = (svc_name), \
		.image = tz_el0_##n##_image, .image_end = tz_el0_##n##_image_end, \
		.exclusive = (excl), .lock = TZ_SPINLOCK_INIT, \
	}

/*
 * The test service keeps nothing between commands but what it reads: it
 * runs on every thread at once.  Crypto's and storage's heaps and globals
 * (storage's version commit is a read-modify-write across a callback)
 * are shared by their commands: one command at a time.
 */
EL0_SVC(el0_test, TZ_SVC_TEST, "test", test, false);
EL0_SVC(el0_crypto, TZ_SVC_CRYPTO, "crypto", crypto, true);
EL0_SVC(el0_storage, TZ_SVC_STORAGE, "storage", storage, true);

/*
 * The self-tests and the device secret are TZBSP's: a crypto service
 * needs both, so they are checked here, before the service is loaded
 * (its own init's calls to them answer success, secure/user/syscall.c).
 */
static int crypto_ready(void)
{
	int ret = tz_crypto_selftest();

	return ret ? ret : tz_device_secret_init();
}

static int test_init(void)
{
	return el0_svc_load(&el0_test);
}

static int crypto_init(void)
{
	int ret = crypto_ready();

	return ret ? ret : el0_svc_load(&el0_crypto);
}

static int storage_init(void)
{
	int ret = crypto_ready();

	return ret ? ret : el0_svc_load(&el0_storage);
}

static void test_wipe(unsigned int idx)
{
	el0_svc_session_wipe(&el0_test, idx);
}

static void crypto_wipe(unsigned int idx)
{
	el0_svc_session_wipe(&el0_crypto, idx);
}

static void storage_wipe(unsigned int idx)
{
	el0_svc_session_wipe(&el0_storage, idx);
}

static int test_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	return el0_svc_command(&el0_test, cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
}

static int crypto_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			 uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	return el0_svc_command(&el0_crypto, cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
}

static int storage_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			  uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	return el0_svc_command(&el0_storage, cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
}

/*
 * All three keep per-session state (streaming digests, large objects,
 * the test counter) in their image's TZ_SESSION_STATE array, which only
 * the loader knows: wiped through it.
 */
TZ_SERVICE(el0_test_service) = {
	.id = TZ_SVC_TEST, .name = "test", .init = test_init, .handle = test_handle,
	.flags = TZ_SVC_F_SESSIONS, .session_wipe = test_wipe,
};

TZ_SERVICE(el0_crypto_service) = {
	.id = TZ_SVC_CRYPTO, .name = "crypto", .init = crypto_init, .handle = crypto_handle,
	.flags = TZ_SVC_F_EXCLUSIVE | TZ_SVC_F_SESSIONS, .session_wipe = crypto_wipe,
};

TZ_SERVICE(el0_storage_service) = {
	.id = TZ_SVC_STORAGE, .name = "storage", .init = storage_init,
	.handle = storage_handle, .flags = TZ_SVC_F_EXCLUSIVE | TZ_SVC_F_SESSIONS,
	.session_wipe = storage_wipe,
};
