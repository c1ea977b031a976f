// SPDX-License-Identifier: BSD-3-Clause
/*
 * Faults and cancellation: callback timeout (-ETIMEDOUT, bounded cost for
 * other clients, late CONTINUE -EBADF), UNREGISTER and close waking
 * readers with -ENODEV, queued callbacks of an unregistered service
 * (-EPIPE), and ABORT: it wakes blocked READ_NEXT and SEND_CMD with
 * -ENODEV, the fd refuses every later ioctl, other fds are unaffected.
 * callback_timeout_ms is lowered for the test and restored.
 */
#include "tzt.h"

#define BASE	0x44
#define SVC(n)	(0x7e4400u + (n))
#define CB(n)	TZT_CB(BASE, n)

#define TEST_TIMEOUT_MS	600

struct fwd {
	int fd;
	uint32_t cb;
	int ret;
	int32_t svc, hlos;
	double ms;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;
	double t0 = tzt_now_ms();

	f->ret = tzt_forward(f->fd, f->cb, "12345678", 8, &f->svc, &f->hlos, NULL, 0, NULL);
	f->ms = tzt_now_ms() - t0;
	return NULL;
}

static void fwd_start(struct fwd *f, int fd, uint32_t cb)
{
	f->fd = fd;
	f->cb = cb;
	pthread_create(&f->t, NULL, fwd_main, f);
}

/* A reader thread that reads one callback and reports the result. */
struct reader {
	int fd;
	uint32_t svc, inst, cmd, len;
	uint8_t buf[256];
	int ret;
	atomic_int tid;
	pthread_t t;
};

static void *reader_main(void *arg)
{
	struct reader *r = arg;

	atomic_store(&r->tid, (int)syscall(SYS_gettid));
	r->len = sizeof(r->buf);
	r->ret = tzt_read_next(r->fd, r->svc, r->inst, &r->cmd, r->buf, &r->len);
	return NULL;
}

static int reader_start(struct reader *r, int fd, uint32_t svc, uint32_t inst)
{
	r->fd = fd;
	r->svc = svc;
	r->inst = inst;
	r->ret = 1;
	atomic_store(&r->tid, 0);
	pthread_create(&r->t, NULL, reader_main, r);
	return tzt_wait_sleeping(&r->tid);
}

static int echo_ok(int fd)
{
	uint8_t c[8], rsp[16];
	uint32_t rl = sizeof(rsp);

	tzt_put32(c, TZ_TEST_ECHO);
	tzt_put32(c + 4, 0xabcdef01);
	return tzt_send(fd, c, 8, rsp, &rl) == 0 && rl == 12 && tzt_get32(rsp + 8) == 0xabcdef01;
}

static struct fwd F, F2;
static struct reader R, R2;

static void timeout_tests(int cfd)
{
	char old[32], val[32];
	uint32_t inst;
	int lfd = tzt_open(), ret;
	double t0, ms;

	if (tzt_param_get("callback_timeout_ms", old, sizeof(old)) ||
	    tzt_param_override("callback_timeout_ms", "600")) {
		tap_skip(8, "cannot set callback_timeout_ms");
		close(lfd);
		return;
	}
	tzt_param_get("callback_timeout_ms", val, sizeof(val));
	tap_diag("callback_timeout_ms %s -> %s", old, val);

	tzt_register(lfd, SVC(1), CB(0), CB(0xff), &inst);
	reader_start(&R, lfd, SVC(1), inst);
	fwd_start(&F, cfd, CB(1));
	pthread_join(R.t, NULL);
	tap_err(R.ret, 0, "listener took the callback and sits on it");

	/* The original held a global lock while waiting for a listener:
	 * registry operations must not wait behind the stuck callback. */
	tzt_sleep_ms(50);
	{
		int o = tzt_open();
		uint32_t i2;

		t0 = tzt_now_ms();
		ret = tzt_register(o, SVC(9), CB(0x900), CB(0x900), &i2);
		if (!ret)
			ret = tzt_unregister(o, SVC(9), i2);
		ms = tzt_now_ms() - t0;
		close(o);
		tap_ok(ret == 0 && ms < 300,
		       "REGISTER/UNREGISTER while a command waits on a listener: at once (%.0f ms)", ms);
	}

	/* Another client's command waits behind the stuck callback, but only
	 * until the timeout answers it. */
	{
		int c2 = tzt_open();

		t0 = tzt_now_ms();
		ret = echo_ok(c2);
		ms = tzt_now_ms() - t0;
		close(c2);
	}
	pthread_join(F.t, NULL);
	tap_ok(F.ret == 0 && F.svc == 0 && F.hlos == -ETIMEDOUT,
	       "unanswered callback: normal-world status -ETIMEDOUT (%d, %d)", F.ret, F.hlos);
	tap_ok(F.ms >= TEST_TIMEOUT_MS * 0.9 && F.ms < TEST_TIMEOUT_MS + 3000,
	       "... after about callback_timeout_ms (%.0f ms)", F.ms);
	tap_ok(ret, "a second client's command completes meanwhile");
	tap_ok(ms < TEST_TIMEOUT_MS + 3000, "... within the timeout's bound (%.0f ms)", ms);
	tap_err(tzt_continue(lfd, R.cmd, inst, R.buf, R.len), -EBADF,
		"late CONTINUE after the timeout: -EBADF");
	tap_err(tzt_param_set("callback_timeout_ms", old), 0, "callback_timeout_ms restored");
	close(lfd);
}

static void unregister_tests(int cfd)
{
	uint32_t inst;
	int owner = tzt_open(), rfd = tzt_open(), rfd2 = tzt_open();

	tzt_register(owner, SVC(2), CB(0x100), CB(0x1ff), &inst);
	tap_ok(!tzt_attach(rfd, owner, SVC(2), inst) && !tzt_attach(rfd2, owner, SVC(2), inst) &&
	       reader_start(&R, rfd, SVC(2), inst) && reader_start(&R2, rfd2, SVC(2), inst),
	       "two readers (attached fds) blocked on the service");
	tap_err(tzt_unregister(owner, SVC(2), inst), 0, "UNREGISTER while they wait");
	pthread_join(R.t, NULL);
	pthread_join(R2.t, NULL);
	tap_ok(R.ret == -ENODEV && R2.ret == -ENODEV,
	       "both readers wake with -ENODEV (%d, %d)", R.ret, R2.ret);

	/* Re-registered under the same svc_id: a new instance, the old one is gone. */
	{
		uint32_t inst2, cmd, len = 16;
		uint8_t b[16];

		tzt_register(owner, SVC(2), CB(0x100), CB(0x1ff), &inst2);
		tap_err(tzt_read_next(rfd, SVC(2), inst, &cmd, b, &len), -EINVAL,
			"READ_NEXT with the dead instance id: -EINVAL");
		tzt_unregister(owner, SVC(2), inst2);
	}

	/* Closing the owner works like UNREGISTER. */
	tzt_register(owner, SVC(3), CB(0x200), CB(0x2ff), &inst);
	tzt_attach(rfd, owner, SVC(3), inst);
	reader_start(&R, rfd, SVC(3), inst);
	close(owner);
	pthread_join(R.t, NULL);
	tap_err(R.ret, -ENODEV, "owner fd closed: blocked reader wakes with -ENODEV");

	/* A callback queued for a service that goes away. */
	owner = tzt_open();
	tzt_register(owner, SVC(4), CB(0x300), CB(0x3ff), &inst);
	fwd_start(&F, cfd, CB(0x300));
	for (int i = 0; i < 200 && tzt_stat("queued_callbacks") < 1; i++)
		tzt_sleep_ms(10);
	tzt_unregister(owner, SVC(4), inst);
	pthread_join(F.t, NULL);
	tap_ok(F.ret == 0 && F.hlos == -EPIPE,
	       "callback queued when its service unregisters: -EPIPE (%d, %d)", F.ret, F.hlos);
	close(owner);
	close(rfd);
	close(rfd2);
}

static void abort_tests(void)
{
	uint32_t inst, inst2, cmd, len;
	uint8_t b[64];
	int owner = tzt_open(), afd = tzt_open(), other = tzt_open(), cfd, lfd;

	tzt_register(owner, SVC(5), CB(0x400), CB(0x4ff), &inst);
	tap_ok(!tzt_attach(afd, owner, SVC(5), inst) && reader_start(&R, afd, SVC(5), inst),
	       "reader (attached fd) blocked in READ_NEXT");
	tap_err(tzt_abort(afd), 0, "ABORT");
	pthread_join(R.t, NULL);
	tap_err(R.ret, -ENODEV, "ABORT wakes the blocked READ_NEXT with -ENODEV");
	len = sizeof(b);
	tap_err(tzt_read_next(afd, SVC(5), inst, &cmd, b, &len), -ENODEV,
		"aborted fd: READ_NEXT -ENODEV");
	tap_err(tzt_register(afd, SVC(6), CB(0x500), CB(0x500), &inst2), -ENODEV,
		"aborted fd: REGISTER -ENODEV");
	tap_ok(!echo_ok(afd), "aborted fd: SEND_CMD refused");
	{
		uint8_t c[8], r[16];
		uint32_t rl = sizeof(r);

		tzt_put32(c, TZ_TEST_ECHO);
		tap_err(tzt_send(afd, c, 8, r, &rl), -ENODEV, "aborted fd: SEND_CMD -ENODEV");
	}
	tap_err(tzt_continue(afd, CB(0x400), inst, b, 0), -ENODEV,
		"aborted fd: CONTINUE -ENODEV");
	tap_err(tzt_abort(afd), -ENODEV, "aborted fd: ABORT again -ENODEV");
	tap_ok(echo_ok(other), "other fds unaffected");
	close(afd);

	/* ABORT of a client whose command waits on a listener. */
	cfd = tzt_open();
	lfd = tzt_open();
	tzt_register(lfd, SVC(7), CB(0x600), CB(0x6ff), &inst2);
	reader_start(&R, lfd, SVC(7), inst2);
	fwd_start(&F2, cfd, CB(0x600));
	pthread_join(R.t, NULL);
	tzt_sleep_ms(50);
	tap_err(tzt_abort(cfd), 0, "ABORT the client fd while its SEND_CMD waits on a listener");
	pthread_join(F2.t, NULL);
	tap_err(F2.ret, -ENODEV, "... SEND_CMD returns -ENODEV");
	tap_ok(F2.ms < 2500, "... promptly (%.0f ms)", F2.ms);
	tap_err(tzt_continue(lfd, R.cmd, inst2, R.buf, R.len), -EBADF,
		"listener's late CONTINUE: -EBADF");
	tap_ok(echo_ok(other), "the secure world takes the next command");
	tap_is(tzt_stat("inflight_cmds") + tzt_stat("queued_callbacks") +
	       tzt_stat("delivered_callbacks"), 0, "stats: nothing in flight, queued or delivered");
	close(cfd);
	close(lfd);
	close(owner);
	close(other);
}

int main(void)
{
	int cfd;

	tap_plan(30);
	cfd = tzt_open();
	timeout_tests(cfd);
	unregister_tests(cfd);
	abort_tests();
	close(cfd);
	return tap_done();
}
