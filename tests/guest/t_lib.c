// SPDX-License-Identifier: BSD-3-Clause
/*
 * libtzcom against the real driver: tzcom_send() framing and errors, the
 * serve loop (several reader threads, framed and raw answers, handler
 * errors reaching the secure world, -EBUSY with the failing svc_id, stop
 * while idle and while a handler is busy), and the crypto and sealed
 * storage helpers when those services are up.
 */
#include <stdatomic.h>

#include <libtzcom.h>
#include <tzcom/hlos_storage.h>

#include "tzt.h"

#define BASE	0x66
#define SVC(n)	(0x7e6600u + (n))
#define CB(n)	TZT_CB(BASE, n)

static atomic_int calls;

static int h_xor(void *ctx, uint32_t cmd_id, const void *req, size_t len, void *rsp,
		 size_t cap, size_t *rsp_len)
{
	const uint8_t *in = req;
	uint8_t *out = rsp;

	(void)ctx;
	(void)cmd_id;
	if (len > cap)
		return -EMSGSIZE;
	for (size_t i = 0; i < len; i++)
		out[i] = in[i] ^ 0xff;
	*rsp_len = len;
	atomic_fetch_add(&calls, 1);
	return 0;
}

/* Framed: "ok" answers data, "fail" answers -EACCES, "slow" sleeps first. */
static int h_framed(void *ctx, uint32_t cmd_id, const void *req, size_t len, void *rsp,
		    size_t cap, size_t *rsp_len)
{
	(void)ctx;
	(void)cmd_id;
	(void)cap;
	atomic_fetch_add(&calls, 1);
	if (len == 4 && !memcmp(req, "fail", 4)) {
		*rsp_len = 3;	/* must be dropped by the library */
		return -EACCES;
	}
	if (len == 4 && !memcmp(req, "slow", 4))
		tzt_sleep_ms(400);
	memcpy(rsp, "hello", 5);
	*rsp_len = 5;
	return 0;
}

struct fwd {
	int fd;
	uint32_t cb;
	char data[8];
	uint8_t ans[64];
	size_t ans_len;
	int ret;
	int32_t svc, hlos;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;

	f->ret = tzt_forward(f->fd, f->cb, f->data, strlen(f->data), &f->svc, &f->hlos, f->ans,
			     sizeof(f->ans), &f->ans_len);
	return NULL;
}

/* FORWARD a framed request; 1 if the answer is {status, data}. */
static int framed_is(int fd, uint32_t cb, const char *data, int32_t status,
		     const char *want, size_t want_len)
{
	struct tz_hlos_rsp_hdr h;
	uint8_t ans[64];
	size_t n = 0;
	int32_t svc, hlos;

	if (tzt_forward(fd, cb, data, strlen(data), &svc, &hlos, ans, sizeof(ans), &n) ||
	    svc || hlos || n != sizeof(h) + want_len)
		return 0;
	memcpy(&h, ans, sizeof(h));
	return h.status == status && h.data_len == want_len &&
	       !memcmp(ans + sizeof(h), want, want_len);
}

static void send_tests(struct tzcom *h)
{
	uint8_t in[100], out[200];
	struct tzcom_info info;
	size_t n = 0;
	int32_t st = 1;
	int ret;

	tzt_fill(in, sizeof(in), 66);
	ret = tzcom_send(h, TZ_TEST_ECHO, in, sizeof(in), out, sizeof(out), &n, &st);
	tap_ok(ret == 0 && st == 0 && n == 100 && !memcmp(in, out, 100),
	       "tzcom_send ECHO 100 B (ret %d, status %d, len %zu)", ret, st, n);
	ret = tzcom_send(h, TZ_TEST_ECHO, in, sizeof(in), out, 10, &n, &st);
	tap_ok(ret == 0 && st == -EMSGSIZE, "tzcom_send: small rsp_cap gives service status -EMSGSIZE");
	ret = tzcom_send(h, TZ_TEST_ECHO, in, sizeof(in), out, 10, &n, NULL);
	tap_err(ret, -EMSGSIZE, "tzcom_send without svc_status returns the service status");
	tap_err(tzcom_send(h, TZ_TEST_ECHO, in, TZCOM_LIB_MAX_BUF, out, 8, &n, &st), -EINVAL,
		"tzcom_send: request over the limit -EINVAL");
	tap_err(tzcom_send(NULL, TZ_TEST_ECHO, NULL, 0, NULL, 0, NULL, &st), -EINVAL,
		"tzcom_send: NULL handle -EINVAL");
	n = 0;
	ret = tzcom_send(h, TZ_TEST_ECHO, in, sizeof(in), out, SIZE_MAX, &n, &st);
	tap_ok(ret == 0 && st == 0 && n == 100 && !memcmp(in, out, 100),
	       "tzcom_send with rsp_cap SIZE_MAX is clamped, not wrapped (%d)", ret);
	ret = tzcom_echo(h, in, 50, out, sizeof(out), &n);
	tap_ok(ret == 0 && n == 50 && !memcmp(in, out, 50), "tzcom_echo");
	ret = tzcom_get_info(h, &info);
	tap_ok(ret == 0 && info.version_major == 1 && (info.services & 3) == 3,
	       "tzcom_get_info (ret %d, version %u, services 0x%x)", ret, info.version_major,
	       info.services);
}

static void raw_api_tests(void)
{
	struct tzcom *a, *b;
	uint32_t inst, cmd;
	size_t len;
	uint8_t buf[16];

	tzcom_open(&a);
	tzcom_open(&b);
	tap_err(tzcom_register(a, SVC(1), CB(0), CB(0xf), &inst), 0, "tzcom_register");
	tap_err(tzcom_register(b, SVC(1), CB(0x10), CB(0x1f), &inst), -EBUSY,
		"tzcom_register duplicate: -EBUSY");
	tap_err(tzcom_abort(b), 0, "tzcom_abort");
	tap_err(tzcom_read_next(b, SVC(1), inst, &cmd, buf, sizeof(buf), &len), -ENODEV,
		"tzcom_read_next on an aborted handle: -ENODEV");
	tap_err(tzcom_continue(a, CB(0), inst, buf, TZCOM_LIB_MAX_CB_RSP + 1), -EINVAL,
		"tzcom_continue over the limit: -EINVAL");
	tap_err(tzcom_unregister(a, SVC(1), inst), 0, "tzcom_unregister");
	tzcom_close(a);
	tzcom_close(b);
	tap_err(tzcom_open_path("/nonexistent/tzcom", &a), -ENOENT, "tzcom_open_path: -ENOENT");
}

static void serve_tests(int cfd)
{
	struct tzcom_serve_svc svcs[2] = {
		{ .svc_id = SVC(2), .cmd_id_low = CB(0x100), .cmd_id_high = CB(0x1ff),
		  .threads = 3, .flags = TZCOM_SERVE_RAW, .handler = h_xor },
		{ .svc_id = SVC(3), .cmd_id_low = CB(0x200), .cmd_id_high = CB(0x2ff),
		  .threads = 2, .handler = h_framed },
	};
	struct tzcom_serve_cfg cfg = { .svcs = svcs, .nsvcs = 2 };
	struct tzcom_server *srv, *srv2;
	struct tzt_chain_ent e[30];
	uint32_t count, hash;
	int32_t st;
	double t0;
	int ret;
	static struct fwd f;

	ret = tzcom_serve_start(&cfg, &srv);
	tap_err(ret, 0, "tzcom_serve_start: 2 services, 5 reader threads");
	if (ret) {
		tap_skip(9, "serve loop did not start");
		return;
	}
	for (int i = 0; i < 30; i++)
		e[i] = (struct tzt_chain_ent){ CB(0x100 + i), (uint32_t)(i * 97) };
	ret = tzt_chain(cfd, e, 30, &st, &count, &hash);
	tap_ok(ret == 0 && st == 0 && hash == tzt_chain_hash(e, 30) && atomic_load(&calls) == 30,
	       "raw serve: CHAIN of 30 answered by the handler (%d calls)", atomic_load(&calls));
	tap_ok(framed_is(cfd, CB(0x200), "ok", 0, "hello", 5),
	       "framed serve: answer {0, 5, \"hello\"}");
	tap_ok(framed_is(cfd, CB(0x201), "fail", -EACCES, "", 0),
	       "framed serve: handler error reaches the secure world as {-EACCES, 0}");

	svcs[0].svc_id = SVC(4);
	svcs[0].cmd_id_low = svcs[0].cmd_id_high = CB(0x300);
	ret = tzcom_serve_start(&cfg, &srv2);
	tap_ok(ret == -EBUSY && tzcom_failed_svc() == SVC(3),
	       "second server: -EBUSY naming svc 0x%x (%d, 0x%x)", SVC(3), ret, tzcom_failed_svc());
	{
		struct tzcom *h;
		uint32_t inst;

		tzcom_open(&h);
		ret = tzcom_register(h, SVC(4), CB(0x300), CB(0x300), &inst);
		tap_err(ret, 0, "... and left nothing registered behind");
		tzcom_close(h);
	}

	/* Stop while one handler is busy: it still answers. */
	f.fd = cfd;
	f.cb = CB(0x202);
	strcpy(f.data, "slow");
	pthread_create(&f.t, NULL, fwd_main, &f);
	tzt_sleep_ms(150);
	t0 = tzt_now_ms();
	tzcom_serve_stop(srv);
	ret = tzcom_serve_wait(srv);
	pthread_join(f.t, NULL);
	tap_err(ret, 0, "tzcom_serve_stop + tzcom_serve_wait: 0");
	tap_ok(tzt_now_ms() - t0 < 3000, "... readers stopped promptly (%.0f ms)", tzt_now_ms() - t0);
	tap_ok(f.ret == 0 && f.hlos == 0 && f.ans_len == 13,
	       "the busy handler's callback was answered before stopping (%d, %d, %zu)", f.ret,
	       f.hlos, f.ans_len);
	{
		struct tzcom *h;
		uint32_t inst;

		tzcom_open(&h);
		ret = tzcom_register(h, SVC(3), CB(0x200), CB(0x2ff), &inst);
		tap_err(ret, 0, "after wait the services are unregistered");
		tzcom_close(h);
	}
}

static void crypto_tests(struct tzcom *h, uint32_t services)
{
	static const uint8_t abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae,
		0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61,
		0xf2, 0x00, 0x15, 0xad,
	};
	uint8_t d[32], m1[32], m2[32], m3[32];
	int ret;

	if (!(services & (1u << TZ_SVC_CRYPTO))) {
		tap_skip(3, "crypto service not up");
		return;
	}
	ret = tzcom_sha256(h, "abc", 3, d);
	tap_ok(ret == 0 && !memcmp(d, abc, 32), "tzcom_sha256(\"abc\") is the FIPS 180-2 vector (%d)",
	       ret);
	ret = tzcom_hmac_sha256(h, "abc", 3, m1) | tzcom_hmac_sha256(h, "abc", 3, m2) |
	      tzcom_hmac_sha256(h, "abd", 3, m3);
	tap_ok(ret == 0 && !memcmp(m1, m2, 32) && memcmp(m1, m3, 32) && memcmp(m1, d, 32),
	       "tzcom_hmac_sha256: deterministic, input-dependent, not a plain hash");
	tap_err(tzcom_sha256(h, d, TZCOM_CRYPTO_MAX_INPUT + 1, d), -EMSGSIZE,
		"tzcom_sha256 over the limit: -EMSGSIZE");
}

static void store_tests(struct tzcom *h, uint32_t services)
{
	static uint8_t in[TZCOM_STORE_MAX_DATA], out[TZCOM_STORE_MAX_DATA];
	char names[4096];
	uint32_t count = 0;
	size_t n = 0;
	int ret, found = 0;

	tap_err(tzcom_store_name_ok("../etc"), -EINVAL, "store name '../etc' refused");
	if (!(services & (1u << TZ_SVC_STORAGE))) {
		tap_skip(5, "storage service not up");
		return;
	}
	tzt_fill(in, sizeof(in), 77);
	ret = tzcom_store_put(h, "t_lib.obj", in, sizeof(in));
	tap_err(ret, 0, "tzcom_store_put of the largest object (%u B)", TZCOM_STORE_MAX_DATA);
	ret = tzcom_store_get(h, "t_lib.obj", out, sizeof(out), &n);
	tap_ok(ret == 0 && n == sizeof(in) && !memcmp(in, out, n),
	       "tzcom_store_get gives it back (%d, %zu)", ret, n);
	ret = tzcom_store_list(h, names, sizeof(names), &n, &count);
	for (size_t off = 0; ret == 0 && off < n; off += strlen(names + off) + 1)
		found |= !strcmp(names + off, "t_lib.obj");
	tap_ok(ret == 0 && found, "tzcom_store_list shows it (%d, %u names)", ret, count);
	tap_err(tzcom_store_rm(h, "t_lib.obj"), 0, "tzcom_store_rm");
	tap_err(tzcom_store_get(h, "t_lib.obj", out, sizeof(out), &n), -ENOENT,
		"tzcom_store_get after rm: -ENOENT");
}

int main(void)
{
	struct tzcom_info info = { 0 };
	struct tzcom *h;
	int cfd;

	tap_plan(35);
	if (tzcom_open(&h))
		tap_bail("tzcom_open failed");
	cfd = tzt_open();
	tap_ok(tzcom_fd(h) >= 0, "tzcom_open");
	send_tests(h);
	raw_api_tests();
	serve_tests(cfd);
	tzcom_get_info(h, &info);
	crypto_tests(h, info.services);
	store_tests(h, info.services);
	tzcom_close(h);
	close(cfd);
	return tap_done();
}
