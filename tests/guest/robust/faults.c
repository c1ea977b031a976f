// SPDX-License-Identifier: BSD-3-Clause
/*
 * robust-faults: the fault cases of issue 5, with real processes and
 * SIGKILL.  Each case ends with the recovery check: the next ECHO from a
 * fresh fd works at once, and the driver's counters (inflight_cmds,
 * queued_callbacks, delivered_callbacks) drop to 0 and its service count
 * back to where it started.
 *  1. a listener SIGKILLed while it holds a delivered callback (-EPIPE);
 *  2. a listener SIGKILLed while blocked in READ_NEXT, and killed at
 *     random points of a serve loop while FORWARDs flow;
 *  3. a client SIGKILLed while its command waits on a listener (the
 *     secure world is drained, the late CONTINUE gets -EBADF), during a
 *     CHAIN, while its callback is still queued, and while it waits for
 *     the scheduler behind another command;
 *  4. an fd closed with registered services and pending work;
 *  5. UNREGISTER while readers (threads and processes) sleep, and in a
 *     loop racing fresh readers;
 *  6. ABORT racing each ioctl from another thread, in a loop;
 *  7. no listener at all: -ENOENT answers, nothing hangs;
 *  8. a listener that never answers: -ETIMEDOUT after callback_timeout_ms
 *     (lowered to 200 ms, restored after).
 */
#include <sys/select.h>
#include <sys/syscall.h>

#include "rb.h"

#define BASE	0xA3
#define SVC(n)	(0x7ea300u + (n))
#define CB(n)	TZT_CB(BASE, n)

static long long base_services;
static pid_t test_pid;
static int cfd;		/* the parent's client fd */

/* ---- children ---------------------------------------------------------------- */

/*
 * A child must not keep the parent's tzcom fds open: a close() in the
 * parent would then not release them (fork shares the open file).
 */
static void child_close_fds(int keep, int keep2)
{
	for (int fd = 3; fd < 256; fd++)
		if (fd != keep && fd != keep2)
			close(fd);
}

/*
 * A listener child keeps its fd at this number, so that the test can
 * fetch it (pidfd_getfd, as root) and hand it to another reader process,
 * as an owner would pass its fd over a unix socket to share a service.
 */
#define LC_FD		200
/* The owner fd a reader child (inst != 0) attaches with; -1: none. */
static int lc_owner_fd = -1;

static int owner_fd_of(pid_t pid)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0), fd;

	if (pfd < 0)
		return -1;
	fd = (int)syscall(SYS_pidfd_getfd, pfd, LC_FD, 0);
	close(pfd);
	return fd;
}

enum lmode { L_HOLD, L_BLOCK, L_SERVE };

struct child {
	pid_t pid;
	int rd;			/* the child's reports */
	uint32_t inst;
};

/*
 * A listener process for [lo, hi] on svc (or, with inst given, a reader
 * of someone else's service).  It reports its instance id, then:
 * L_HOLD reads one callback, reports 'D' and sleeps; L_BLOCK reads once
 * and exits 2 if READ_NEXT failed (woken by -ENODEV), 3 if it got one;
 * L_SERVE answers every callback with its bytes ^ 0xff.
 */
static void listener_child(struct child *c, uint32_t svc, uint32_t lo, uint32_t hi,
			   uint32_t inst, enum lmode mode)
{
	int p[2];

	if (pipe(p))
		tap_bail("pipe");
	c->pid = fork();
	if (c->pid == 0) {
		static uint8_t buf[TZCOM_MAX_CB_LEN], ans[TZCOM_MAX_CB_RSP_LEN];
		uint32_t cmd, len;
		int fd, ok;

		rb_die_with_parent(test_pid);
		close(p[0]);
		fd = open(TZT_DEV, O_RDWR);
		ok = fd >= 0 && dup2(fd, LC_FD) == LC_FD;
		if (ok && fd != LC_FD)
			close(fd);
		fd = LC_FD;
		/* A reader of another fd's service must be shared it first. */
		if (ok && inst && tzt_attach(fd, lc_owner_fd, svc, inst))
			ok = 0;
		child_close_fds(p[1], LC_FD);
		if (!ok || (!inst && tzt_register(fd, svc, lo, hi, &inst)))
			inst = 0;
		if (write(p[1], &inst, 4) != 4 || !inst)
			_exit(1);
		for (;;) {
			len = sizeof(buf);
			if (tzt_read_next(fd, svc, inst, &cmd, buf, &len))
				_exit(2);
			if (mode == L_BLOCK)
				_exit(3);
			if (mode == L_HOLD) {
				if (write(p[1], "D", 1) != 1)
					_exit(1);
				for (;;)
					pause();
			}
			for (uint32_t j = 0; j < len && j < sizeof(ans); j++)
				ans[j] = buf[j] ^ 0xff;
			tzt_continue(fd, cmd, inst, ans, len < sizeof(ans) ? len : sizeof(ans));
		}
	}
	close(p[1]);
	c->rd = p[0];
	if (read(c->rd, &c->inst, 4) != 4)
		c->inst = 0;
}

/* Wait up to ms for one report byte from the child. */
static int child_report(struct child *c, long ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };
	fd_set s;
	char ch;

	FD_ZERO(&s);
	FD_SET(c->rd, &s);
	if (select(c->rd + 1, &s, NULL, NULL, &tv) != 1 || read(c->rd, &ch, 1) != 1)
		return -1;
	return ch;
}

/* SIGKILL the child; returns how long it took to go, or -1 if it did not. */
static double child_kill(struct child *c)
{
	double took;

	kill(c->pid, SIGKILL);
	if (rb_reap(c->pid, 5000, &took) < 0)
		return -1;
	close(c->rd);
	return took;
}

/* A client process: one FORWARD (n data bytes) or a CHAIN of n callbacks. */
static void client_child(struct child *c, uint32_t cb, int chain, uint32_t n)
{
	int p[2];

	if (pipe(p))
		tap_bail("pipe");
	c->pid = fork();
	if (c->pid == 0) {
		int32_t svc = 1, hlos = 1;
		uint8_t data[64] = { 0 };
		int fd;

		rb_die_with_parent(test_pid);
		close(p[0]);
		child_close_fds(p[1], -1);
		fd = open(TZT_DEV, O_RDWR);
		if (chain) {
			struct tzt_chain_ent e[4];
			uint32_t cnt, h;

			for (uint32_t i = 0; i < n; i++)
				e[i] = (struct tzt_chain_ent){ cb + i, 16 };
			tzt_chain(fd, e, n, &svc, &cnt, &h);
		} else {
			tzt_forward(fd, cb, data, n, &svc, &hlos, NULL, 0, NULL);
		}
		_exit(0);
	}
	close(p[1]);
	c->rd = p[0];
}

/* ---- a FORWARD in a thread of this process ------------------------------------ */

struct fwd {
	int fd;
	uint32_t cb, n;
	int ret;
	int32_t svc, hlos;
	size_t ans_len;
	uint8_t ans[64];
	double ms;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;
	uint8_t data[64];
	double t0 = tzt_now_ms();

	tzt_fill(data, f->n, f->cb);
	f->ret = tzt_forward(f->fd, f->cb, data, f->n, &f->svc, &f->hlos, f->ans,
			     sizeof(f->ans), &f->ans_len);
	f->ms = tzt_now_ms() - t0;
	return NULL;
}

static void fwd_start(struct fwd *f, int fd, uint32_t cb, uint32_t n)
{
	memset(f, 0, sizeof(*f));
	f->fd = fd;
	f->cb = cb;
	f->n = n;
	f->ret = 1;
	if (pthread_create(&f->t, NULL, fwd_main, f))
		tap_bail("pthread_create");
}

/* The answer an L_SERVE listener gives, checked byte for byte. */
static int fwd_answered(const struct fwd *f)
{
	uint8_t data[64];

	if (f->ret || f->svc || f->hlos || f->ans_len != f->n)
		return 0;
	tzt_fill(data, f->n, f->cb);
	for (uint32_t j = 0; j < f->n; j++) {
		uint8_t want = data[j] ^ 0xff;

		if (f->ans[j] != want)
			return 0;
	}
	return 1;
}

static int wait_stat(const char *key, long long want, long ms)
{
	double end = tzt_now_ms() + ms;

	do {
		if (tzt_stat(key) == want)
			return 1;
		tzt_sleep_ms(2);
	} while (tzt_now_ms() < end);
	return 0;
}

/* ---- 1. listener killed while holding a callback ------------------------------- */

static void listener_killed_holding(void)
{
	struct child l;
	struct fwd f;
	double took, t0, ms;

	listener_child(&l, SVC(1), CB(0x10), CB(0x1f), 0, L_HOLD);
	tap_ok(l.inst != 0, "1: listener process registered (instance %u)", l.inst);
	fwd_start(&f, cfd, CB(0x10), 16);
	tap_is(child_report(&l, 5000), 'D', "1: it holds the FORWARD's callback");
	tap_is(tzt_stat("delivered_callbacks"), 1, "1: delivered_callbacks 1");
	t0 = tzt_now_ms();
	took = child_kill(&l);
	tap_ok(took >= 0 && took < 2000, "1: SIGKILL: the listener is gone in %.0f ms", took);
	pthread_join(f.t, NULL);
	ms = tzt_now_ms() - t0;
	tap_ok(f.ret == 0 && f.svc == 0 && f.hlos == -EPIPE,
	       "1: the client's FORWARD gets hlos -EPIPE (ret %d, svc %d, hlos %d)",
	       f.ret, f.svc, f.hlos);
	tap_ok(ms < 2500, "1: ... promptly after the kill (%.0f ms), not after a timeout", ms);
	fwd_start(&f, cfd, CB(0x10), 16);
	pthread_join(f.t, NULL);
	tap_ok(f.ret == 0 && f.svc == 0 && f.hlos == -ENOENT,
	       "1: the dead listener's range is unrouted now: -ENOENT (hlos %d)", f.hlos);
	rb_recovered("1", base_services);
}

/* ---- 2. listener killed in READ_NEXT -------------------------------------------- */

static void listener_killed_reading(void)
{
	struct child l, r;
	struct fwd f;
	double took;
	int ok = 0, pipe_ = 0, noent = 0, other = 0, fails = 0;
	uint64_t rs = rb_seed(2, 0);

	listener_child(&l, SVC(2), CB(0x20), CB(0x2f), 0, L_BLOCK);
	tap_ok(l.inst != 0 && rb_wait_sleeping(l.pid), "2: listener process blocked in READ_NEXT");
	took = child_kill(&l);
	tap_ok(took >= 0 && took < 2000, "2: SIGKILL in READ_NEXT: gone in %.0f ms", took);
	tap_ok(rb_services_at(base_services, 2000), "2: its service is gone");

	/* A reader of another process's service dies; the service lives on. */
	listener_child(&l, SVC(3), CB(0x30), CB(0x3f), 0, L_HOLD);
	lc_owner_fd = owner_fd_of(l.pid);
	listener_child(&r, SVC(3), 0, 0, l.inst, L_BLOCK);
	close(lc_owner_fd);
	lc_owner_fd = -1;
	tap_ok(r.inst == l.inst && rb_wait_sleeping(r.pid),
	       "2: a second process, given the owner's fd, reads the first one's service");
	took = child_kill(&r);
	tap_ok(took >= 0 && took < 2000, "2: SIGKILL that reader: gone in %.0f ms", took);
	fwd_start(&f, cfd, CB(0x31), 8);
	tap_is(child_report(&l, 5000), 'D',
	       "2: the next callback reaches the owner's own reader, not the dead one");
	child_kill(&l);
	pthread_join(f.t, NULL);
	tap_ok(f.ret == 0 && f.hlos == -EPIPE, "2: ... and gets -EPIPE when it dies (hlos %d)",
	       f.hlos);

	/* Kill a serving listener at random points while FORWARDs flow. */
	for (int it = 0; it < 20; it++) {
		double t0;

		listener_child(&l, SVC(4), CB(0x40), CB(0x4f), 0, L_SERVE);
		if (!l.inst) {
			fails++;
			continue;
		}
		t0 = tzt_now_ms();
		do {
			fwd_start(&f, cfd, CB(0x40 + it % 16), 1 + it);
			if ((rb_rand(&rs) & 3) == 0) {
				tzt_sleep_ms((long)(rb_rand(&rs) % 3));
				kill(l.pid, SIGKILL);
			}
			pthread_join(f.t, NULL);
			if (fwd_answered(&f))
				ok++;
			else if (f.ret == 0 && f.svc == 0 && f.hlos == -EPIPE)
				pipe_++;
			else if (f.ret == 0 && f.svc == 0 && f.hlos == -ENOENT)
				noent++;
			else {
				other++;
				tap_diag("2: FORWARD gave ret %d svc %d hlos %d len %zu",
					 f.ret, f.svc, f.hlos, f.ans_len);
			}
			if (f.ms > 2500)
				fails++;
		} while (rb_task_state(l.pid) != 'Z' && tzt_now_ms() - t0 < 3000);
		if (child_kill(&l) < 0)
			fails++;
	}
	tap_diag("2: kill loop: %d answered, %d -EPIPE, %d -ENOENT, %d other", ok, pipe_, noent,
		 other);
	tap_ok(other == 0 && fails == 0 && ok > 0,
	       "2: 20 listeners killed mid-serve: every FORWARD answered, -EPIPE or -ENOENT, none slow");
	rb_recovered("2", base_services);
}

/* ---- 3. client killed while it waits ------------------------------------------------ */

static void client_killed(void)
{
	int lfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	int nfd = open(TZT_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	long long cancelled = tzt_stat("callbacks_cancelled");
	uint8_t buf[256];
	uint32_t inst, cmd, len;
	struct child c, c2;
	double took, t0;

	tap_err(tzt_register(lfd, SVC(5), CB(0x50), CB(0x5f), &inst), 0, "3: register a listener");
	tzt_attach(nfd, lfd, SVC(5), inst);

	/* (a) A FORWARD waiting on our delivered callback. */
	client_child(&c, CB(0x50), 0, 16);
	len = sizeof(buf);
	tap_err(tzt_read_next(lfd, SVC(5), inst, &cmd, buf, &len), 0,
		"3a: the client's callback is delivered to us");
	took = child_kill(&c);
	tap_ok(took >= 0 && took < 2000, "3a: SIGKILL the waiting client: gone in %.0f ms", took);
	t0 = tzt_now_ms();
	tap_ok(rb_echo_ok(cfd) && tzt_now_ms() - t0 < 1500,
	       "3a: the secure world was drained: the next client's ECHO works at once (%.0f ms)",
	       tzt_now_ms() - t0);
	tap_err(tzt_continue(lfd, cmd, inst, buf, len), -EBADF,
		"3a: the late CONTINUE gets -EBADF (revoked placeholder)");
	tap_ok(tzt_stat("callbacks_cancelled") > cancelled, "3a: callbacks_cancelled grew (%lld)",
	       tzt_stat("callbacks_cancelled"));
	rb_recovered("3a", base_services + 1);

	/* (b) A CHAIN of 3: killed after the first; no further callback comes. */
	client_child(&c, CB(0x51), 1, 3);
	len = sizeof(buf);
	tap_err(tzt_read_next(lfd, SVC(5), inst, &cmd, buf, &len), 0,
		"3b: the CHAIN's first callback is delivered");
	took = child_kill(&c);
	tap_ok(took >= 0 && took < 2000, "3b: SIGKILL the CHAIN's client: gone in %.0f ms", took);
	len = sizeof(buf);
	tap_err(tzt_read_next(nfd, SVC(5), inst, &cmd, buf, &len), -EAGAIN,
		"3b: the rest of the CHAIN is cancelled inside: no second callback");
	tap_err(tzt_continue(lfd, CB(0x51), inst, buf, 16), -EBADF, "3b: late CONTINUE: -EBADF");
	rb_recovered("3b", base_services + 1);

	/* (c) Killed while its callback is still queued (nobody read it). */
	client_child(&c, CB(0x52), 0, 8);
	tap_ok(wait_stat("queued_callbacks", 1, 5000), "3c: the callback is queued");
	took = child_kill(&c);
	tap_ok(took >= 0 && took < 2000, "3c: SIGKILL: gone in %.0f ms", took);
	len = sizeof(buf);
	tap_err(tzt_read_next(nfd, SVC(5), inst, &cmd, buf, &len), -EAGAIN,
		"3c: the queued callback was withdrawn");
	rb_recovered("3c", base_services + 1);

	/* (d) Killed while waiting for the scheduler behind another command. */
	client_child(&c, CB(0x53), 0, 8);		/* holds the scheduler */
	len = sizeof(buf);
	tap_err(tzt_read_next(lfd, SVC(5), inst, &cmd, buf, &len), 0,
		"3d: a first client's command is in flight (callback held)");
	client_child(&c2, CB(0x54), 0, 8);
	tap_ok(rb_wait_sleeping(c2.pid), "3d: a second client waits for the scheduler");
	took = child_kill(&c2);
	tap_ok(took >= 0 && took < 2000, "3d: SIGKILL the waiting one: gone in %.0f ms", took);
	for (uint32_t j = 0; j < len; j++)
		buf[j] ^= 0xff;
	tap_err(tzt_continue(lfd, cmd, inst, buf, len), 0, "3d: the first command is answered");
	tap_ok(rb_reap(c.pid, 3000, NULL) >= 0, "3d: ... and its client finishes");
	close(c.rd);
	len = sizeof(buf);
	tap_err(tzt_read_next(nfd, SVC(5), inst, &cmd, buf, &len), -EAGAIN,
		"3d: the killed client's command never ran (no callback from it)");
	close(nfd);
	close(lfd);
	rb_recovered("3d", base_services);
}

/* ---- 4. close with services and pending work -------------------------------------- */

static void close_with_work(void)
{
	uint8_t buf[256];
	uint32_t inst, i2, cmd, len;
	struct child r;
	struct fwd f;
	int lfd;

	/* (a) A callback queued for the fd's service, never read. */
	lfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	tap_err(tzt_register(lfd, SVC(6), CB(0x60), CB(0x6f), &inst), 0, "4a: register");
	tap_err(tzt_register(lfd, SVC(7), CB(0x70), CB(0x7f), &i2), 0, "4a: and a second service");
	fwd_start(&f, cfd, CB(0x61), 8);
	tap_ok(wait_stat("queued_callbacks", 1, 5000), "4a: a callback is queued for it");
	close(lfd);
	pthread_join(f.t, NULL);
	tap_ok(f.ret == 0 && f.hlos == -EPIPE && f.ms < 2500,
	       "4a: close: the queued callback is answered -EPIPE (hlos %d, %.0f ms)", f.hlos, f.ms);
	rb_recovered("4a", base_services);

	/* (b) A callback delivered on the fd, unanswered, and a reader elsewhere. */
	lfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	tap_err(tzt_register(lfd, SVC(6), CB(0x60), CB(0x6f), &inst), 0, "4b: register again");
	fwd_start(&f, cfd, CB(0x62), 8);
	len = sizeof(buf);
	tap_err(tzt_read_next(lfd, SVC(6), inst, &cmd, buf, &len), 0,
		"4b: the callback is delivered on the fd");
	lc_owner_fd = lfd;
	listener_child(&r, SVC(6), 0, 0, inst, L_BLOCK);
	lc_owner_fd = -1;
	tap_ok(rb_wait_sleeping(r.pid), "4b: another process waits to read the same service");
	close(lfd);
	pthread_join(f.t, NULL);
	tap_ok(f.ret == 0 && f.hlos == -EPIPE && f.ms < 2500,
	       "4b: close: the delivered callback is answered -EPIPE at once (hlos %d, %.0f ms)",
	       f.hlos, f.ms);
	{
		int st = rb_reap(r.pid, 3000, NULL);

		tap_ok(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 2,
		       "4b: the other process's reader woke with an error (-ENODEV) and exited");
	}
	close(r.rd);
	rb_recovered("4b", base_services);
}

/* ---- 5. UNREGISTER while readers sleep --------------------------------------------- */

struct reader {
	int fd;
	uint32_t svc, inst;
	int ret;
	atomic_int tid;
	pthread_t t;
};

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	uint8_t buf[64];
	uint32_t cmd, len = sizeof(buf);

	atomic_store(&r->tid, (int)syscall(SYS_gettid));
	r->ret = tzt_read_next(r->fd, r->svc, r->inst, &cmd, buf, &len);
	return NULL;
}

static void unregister_while_reading(void)
{
	int ofd = open(TZT_DEV, O_RDWR | O_CLOEXEC), rfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	struct reader rd[4];
	struct child pc[2];
	uint32_t inst;
	int all = 1, bad = 0;
	uint64_t rs = rb_seed(5, 0);
	double t0;

	tap_err(tzt_register(ofd, SVC(8), CB(0x80), CB(0x8f), &inst), 0, "5: register");
	tzt_attach(rfd, ofd, SVC(8), inst);
	for (int i = 0; i < 4; i++) {
		rd[i] = (struct reader){ .fd = i & 1 ? rfd : ofd, .svc = SVC(8), .inst = inst,
					 .ret = 1 };
		pthread_create(&rd[i].t, NULL, reader_main, &rd[i]);
	}
	lc_owner_fd = ofd;
	for (int i = 0; i < 2; i++)
		listener_child(&pc[i], SVC(8), 0, 0, inst, L_BLOCK);
	lc_owner_fd = -1;
	for (int i = 0; i < 4; i++)
		all &= tzt_wait_sleeping(&rd[i].tid);
	for (int i = 0; i < 2; i++)
		all &= rb_wait_sleeping(pc[i].pid);
	tap_ok(all, "5: 4 reader threads (2 fds) and 2 reader processes sleep in READ_NEXT");
	t0 = tzt_now_ms();
	tap_err(tzt_unregister(ofd, SVC(8), inst), 0, "5: UNREGISTER under them");
	for (int i = 0; i < 4; i++) {
		pthread_join(rd[i].t, NULL);
		all &= rd[i].ret == -ENODEV;
	}
	for (int i = 0; i < 2; i++) {
		int st = rb_reap(pc[i].pid, 3000, NULL);

		/* The child exits 2 when READ_NEXT fails. */
		all &= st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 2;
		close(pc[i].rd);
	}
	tap_ok(all && tzt_now_ms() - t0 < 2000,
	       "5: all six wake with -ENODEV (%.0f ms)", tzt_now_ms() - t0);

	/* Stress: UNREGISTER racing readers that are just arriving. */
	for (int it = 0; it < 60; it++) {
		if (tzt_register(ofd, SVC(8), CB(0x80), CB(0x8f), &inst) ||
		    tzt_attach(rfd, ofd, SVC(8), inst)) {
			bad++;
			continue;
		}
		for (int i = 0; i < 3; i++) {
			rd[i] = (struct reader){ .fd = i & 1 ? rfd : ofd, .svc = SVC(8),
						 .inst = inst, .ret = 1 };
			pthread_create(&rd[i].t, NULL, reader_main, &rd[i]);
		}
		if (rb_rand(&rs) & 1)
			tzt_sleep_ms((long)(rb_rand(&rs) % 4));
		if (tzt_unregister(ofd, SVC(8), inst))
			bad++;
		for (int i = 0; i < 3; i++) {
			pthread_join(rd[i].t, NULL);
			if (rd[i].ret != -ENODEV && rd[i].ret != -EINVAL) {
				bad++;
				tap_diag("5: racing reader got %d", rd[i].ret);
			}
		}
	}
	tap_is(bad, 0, "5: 60 UNREGISTERs racing 3 fresh readers each: -ENODEV or -EINVAL, no hang");
	close(ofd);
	close(rfd);
	rb_recovered("5", base_services);
}

/* ---- 6. ABORT racing each ioctl -------------------------------------------------------- */

enum op { OP_REGISTER, OP_SEND, OP_FORWARD, OP_READ_NEXT, OP_CONTINUE, OP_ABORT, OP_N };

static const char *const op_name[OP_N] = {
	"REGISTER/UNREGISTER", "SEND_CMD ECHO", "SEND_CMD FORWARD", "READ_NEXT",
	"CONTINUE", "ABORT",
};

struct racer {
	int fd;
	enum op op;
	uint32_t svc, inst;
	int last, bad, n;
	pthread_t t;
};

static int racer_allowed(enum op op, int r)
{
	if (r == -ENODEV)
		return 1;
	switch (op) {
	case OP_REGISTER:
	case OP_SEND:
	case OP_FORWARD:
	case OP_ABORT:
		return r == 0;
	case OP_CONTINUE:
		return r == -EBADF;
	default:
		return 0;
	}
}

static void *racer_main(void *arg)
{
	struct racer *x = arg;
	uint8_t c[32], rsp[64], buf[64];
	uint32_t rl, cmd, len, inst;
	int32_t svc, hlos;

	tzt_put32(c, TZ_TEST_ECHO);
	memset(c + 4, 0x11, 28);
	for (x->n = 0; x->n < 200000; x->n++) {
		int r;

		switch (x->op) {
		case OP_REGISTER:
			r = tzt_register(x->fd, x->svc, CB(0xd0), CB(0xd0), &inst);
			if (!r)
				r = tzt_unregister(x->fd, x->svc, inst);
			break;
		case OP_SEND:
			rl = sizeof(rsp);
			r = tzt_send(x->fd, c, sizeof(c), rsp, &rl);
			break;
		case OP_FORWARD:
			r = tzt_forward(x->fd, CB(0xe0), c, 8, &svc, &hlos, NULL, 0, NULL);
			break;
		case OP_READ_NEXT:
			len = sizeof(buf);
			r = tzt_read_next(x->fd, x->svc, x->inst, &cmd, buf, &len);
			break;
		case OP_CONTINUE:
			r = tzt_continue(x->fd, CB(0xd0), 1, buf, 8);
			break;
		default:
			r = tzt_abort(x->fd);
			break;
		}
		x->last = r;
		if (!racer_allowed(x->op, r)) {
			if (!x->bad++)
				tap_diag("6: %s racing ABORT got %d", op_name[x->op], r);
		}
		if (r == -ENODEV)
			break;
	}
	return NULL;
}

static void abort_races(void)
{
	struct tzt_listener L = { 0 };
	int lfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	uint64_t rs = rb_seed(6, 0);
	uint32_t linst;

	/* A listener that answers the FORWARD racer's callbacks. */
	tap_err(tzt_register(lfd, SVC(0xe), CB(0xe0), CB(0xe0), &linst), 0,
		"6: register a serving listener");
	L.fd = lfd;
	L.svc = SVC(0xe);
	L.inst = linst;
	tap_ok(tzt_listener_start(&L), "6: listener running");

	for (int op = 0; op < OP_N; op++) {
		int bad = 0, hung = 0, notend = 0, calls = 0, leaked = 0;

		for (int it = 0; it < 40; it++) {
			struct racer x = { .fd = open(TZT_DEV, O_RDWR | O_CLOEXEC), .op = op,
					   .svc = SVC(0x10 + op) };
			int ar;

			if (op == OP_READ_NEXT &&
			    tzt_register(x.fd, x.svc, CB(0x100 + it), CB(0x100 + it), &x.inst))
				bad++;
			pthread_create(&x.t, NULL, racer_main, &x);
			tzt_sleep_ms((long)(rb_rand(&rs) % 4));
			ar = tzt_abort(x.fd);
			if (ar && !(op == OP_ABORT && ar == -ENODEV))
				bad++;
			/* The racer must end with -ENODEV soon. */
			{
				struct timespec dl;

				clock_gettime(CLOCK_REALTIME, &dl);
				dl.tv_sec += 5;
				if (pthread_timedjoin_np(x.t, NULL, &dl)) {
					hung++;
					tap_bail("6: %s still blocked 5 s after ABORT",
						 op_name[op]);
				}
			}
			if (x.last != -ENODEV)
				notend++;
			bad += x.bad;
			calls += x.n + 1;
			/*
			 * Before close: ABORT must have dropped everything the
			 * fd owned, including a REGISTER that raced it.
			 */
			if (tzt_stat("services") != base_services + 1) {
				if (!leaked++)
					tap_diag("6: %s: services %lld after ABORT, want %lld",
						 op_name[op], tzt_stat("services"),
						 base_services + 1);
			}
			close(x.fd);
		}
		tap_ok(!bad && !hung && !notend,
		       "6: ABORT racing %s x40 (%d calls): allowed results, ends in -ENODEV, no hang",
		       op_name[op], calls);
		tap_is(leaked, 0, "6: ... and no service outlives the ABORT of its fd");
	}
	tap_err(tzt_unregister(lfd, SVC(0xe), linst), 0, "6: unregister the listener");
	tzt_listener_join(&L);
	close(lfd);
	rb_recovered("6", base_services);
}

/* ---- 7. no listener ---------------------------------------------------------------------- */

static void no_listener(void)
{
	struct tzt_chain_ent e[3] = { { CB(0xf0), 8 }, { CB(0xf1), 8 }, { CB(0xf2), 8 } };
	double worst = 0, t0;
	int bad = 0;
	int32_t svc;
	uint32_t cnt, h;

	for (int i = 0; i < 50; i++) {
		struct fwd f = { .fd = cfd, .cb = CB(0xf0 + i % 8), .n = 8 };

		fwd_main(&f);
		if (f.ret || f.svc || f.hlos != -ENOENT)
			bad++;
		if (f.ms > worst)
			worst = f.ms;
	}
	tap_ok(!bad, "7: 50 FORWARDs with no listener: hlos -ENOENT every time");
	tap_ok(worst < 1000, "7: ... answered at once (worst %.0f ms)", worst);
	t0 = tzt_now_ms();
	tap_err(tzt_chain(cfd, e, 3, &svc, &cnt, &h), 0, "7: CHAIN of 3 with no listener: ok");
	tap_err(svc, -ENOENT, "7: ... status -ENOENT from its first callback");
	tap_ok(tzt_now_ms() - t0 < 1000, "7: ... at once (%.0f ms)", tzt_now_ms() - t0);
	rb_recovered("7", base_services);
}

/* ---- 8. a listener that never answers ---------------------------------------------------- */

static void never_answers(void)
{
	char old[32], now[32] = "";
	int lfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	long long timedout = tzt_stat("callbacks_timedout");
	struct tzt_chain_ent e[2] = { { CB(0x91), 8 }, { CB(0x92), 8 } };
	uint8_t buf[64];
	uint32_t inst, cmd, len = sizeof(buf), cnt, h;
	struct fwd f;
	int32_t svc;
	double t0;

	if (tzt_param_get("callback_timeout_ms", old, sizeof(old))) {
		tap_skip(9, "no callback_timeout_ms parameter");
		close(lfd);
		return;
	}
	tap_err(tzt_param_override("callback_timeout_ms", "200"), 0,
		"8: callback_timeout_ms 200 (was %s)", old);
	tap_err(tzt_register(lfd, SVC(9), CB(0x90), CB(0x9f), &inst), 0, "8: register");

	/* Read and sit on it. */
	fwd_start(&f, cfd, CB(0x90), 8);
	tap_err(tzt_read_next(lfd, SVC(9), inst, &cmd, buf, &len), 0,
		"8: the listener reads the callback and never answers");
	pthread_join(f.t, NULL);
	tap_ok(f.ret == 0 && f.svc == 0 && f.hlos == -ETIMEDOUT && f.ms >= 180 && f.ms < 2000,
	       "8: the client gets hlos -ETIMEDOUT after %.0f ms (hlos %d)", f.ms, f.hlos);
	tap_err(tzt_continue(lfd, cmd, inst, buf, len), -EBADF, "8: the late CONTINUE: -EBADF");

	/* Never even read: a CHAIN stops at its first timed-out callback. */
	t0 = tzt_now_ms();
	tap_err(tzt_chain(cfd, e, 2, &svc, &cnt, &h), 0, "8: CHAIN to a listener that never reads");
	tap_ok(svc == -ETIMEDOUT && tzt_now_ms() - t0 >= 180 && tzt_now_ms() - t0 < 2000,
	       "8: ... status -ETIMEDOUT after %.0f ms (status %d)", tzt_now_ms() - t0, svc);
	tap_ok(tzt_stat("callbacks_timedout") >= timedout + 2, "8: callbacks_timedout grew by 2");
	close(lfd);
	tzt_param_restore_all();
	tap_ok(tzt_param_get("callback_timeout_ms", now, sizeof(now)) == 0 && !strcmp(now, old),
	       "8: callback_timeout_ms restored (%s)", now);
	rb_recovered("8", base_services);
}

int main(void)
{
	rb_tap_start(TAP_TIMEOUT_S);
	test_pid = getpid();
	signal(SIGPIPE, SIG_IGN);
	rb_pages_init();
	rb_klog_begin();
	cfd = tzt_open();
	base_services = tzt_stat("services");
	if (base_services < 0)
		tap_bail("no %s", TZT_STATS);
	tap_ok(rb_idle(2000), "idle at the start (services %lld)", base_services);

	listener_killed_holding();
	listener_killed_reading();
	client_killed();
	close_with_work();
	unregister_while_reading();
	abort_races();
	no_listener();
	never_answers();

	rb_klog_clean("after the fault cases");
	close(cfd);
	return rb_tap_finish();
}
