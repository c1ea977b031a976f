// SPDX-License-Identifier: BSD-3-Clause
/*
 * Callbacks across processes: the seed sequence with the listener in
 * another process, a listener process killed while it holds a callback
 * (-EPIPE), a listener fd closed before CONTINUE (-EPIPE), and a client
 * killed in the middle of a command: the driver must cancel and drain
 * the secure world so the next command runs at once, a late CONTINUE
 * must get -EBADF, and the debugfs counters must return to 0.
 */
#include <sys/wait.h>

#include "tzt.h"

#define BASE	0x33
#define SVC(n)	(0x7e3300u + (n))
#define CB(n)	TZT_CB(BASE, n)

enum { SERVE, HOLD };

/*
 * Child listener: registers [lo, hi], reports 'R' on the pipe, then
 * answers every callback (SERVE) or reads one, reports 'D' and waits to
 * be killed (HOLD).
 */
static pid_t spawn_listener(uint32_t svc, uint32_t lo, uint32_t hi, int mode, int *rd)
{
	int p[2];
	pid_t pid;

	if (pipe(p))
		tap_bail("pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0)
		tap_bail("fork: %s", strerror(errno));
	if (pid == 0) {
		static uint8_t req[TZCOM_MAX_CB_LEN], ans[TZCOM_MAX_CB_LEN];
		int fd = open(TZT_DEV, O_RDWR);
		uint32_t inst, cmd, len;
		char c = 'R';

		close(p[0]);
		if (fd < 0 || tzt_register(fd, svc, lo, hi, &inst))
			_exit(1);
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		for (;;) {
			len = sizeof(req);
			if (tzt_read_next(fd, svc, inst, &cmd, req, &len))
				_exit(2);
			if (mode == HOLD) {
				c = 'D';
				if (write(p[1], &c, 1) != 1)
					_exit(1);
				for (;;)
					pause();
			}
			for (uint32_t j = 0; j < len; j++)
				ans[j] = req[j] ^ 0xff;
			tzt_continue(fd, cmd, inst, ans, len);
		}
	}
	close(p[1]);
	*rd = p[0];
	return pid;
}

static int wait_char(int fd, char want)
{
	char c = 0;

	return read(fd, &c, 1) == 1 && c == want;
}

static void reap(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

struct fwd {
	int fd;
	uint32_t cb, n;
	uint8_t data[256], ans[256];
	size_t ans_len;
	int ret;
	int32_t svc, hlos;
	double ms;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;
	double t0 = tzt_now_ms();

	f->ret = tzt_forward(f->fd, f->cb, f->data, f->n, &f->svc, &f->hlos, f->ans,
			     sizeof(f->ans), &f->ans_len);
	f->ms = tzt_now_ms() - t0;
	return NULL;
}

static void fwd_start(struct fwd *f, int fd, uint32_t cb, uint32_t n)
{
	f->fd = fd;
	f->cb = cb;
	f->n = n;
	tzt_fill(f->data, n, cb);
	pthread_create(&f->t, NULL, fwd_main, f);
}

static struct fwd F;

static void listener_in_other_process(int cfd)
{
	struct tzt_chain_ent e[10];
	uint32_t count, hash;
	int32_t st;
	int rd, ok = 1;
	pid_t pid = spawn_listener(SVC(1), CB(0), CB(0xff), SERVE, &rd);

	tap_ok(wait_char(rd, 'R'), "listener process registered");
	fwd_start(&F, cfd, CB(1), 200);
	pthread_join(F.t, NULL);
	for (int i = 0; i < 200; i++)
		ok &= (F.ans[i] ^ F.data[i]) == 0xff;
	tap_ok(F.ret == 0 && F.svc == 0 && F.hlos == 0 && F.ans_len == 200 && ok,
	       "seed sequence with the listener in another process");
	for (int i = 0; i < 10; i++)
		e[i] = (struct tzt_chain_ent){ CB(0x10 + i), (uint32_t)(i * 100) };
	tap_ok(tzt_chain(cfd, e, 10, &st, &count, &hash) == 0 && st == 0 &&
	       hash == tzt_chain_hash(e, 10), "CHAIN of 10 served by the other process");
	reap(pid);
	close(rd);
}

static void listener_killed(int cfd)
{
	int rd;
	pid_t pid = spawn_listener(SVC(2), CB(0x100), CB(0x1ff), HOLD, &rd);

	wait_char(rd, 'R');
	fwd_start(&F, cfd, CB(0x100), 16);
	tap_ok(wait_char(rd, 'D'), "listener process holds the callback");
	reap(pid);
	pthread_join(F.t, NULL);
	tap_ok(F.ret == 0 && F.svc == 0 && F.hlos == -EPIPE,
	       "listener killed before CONTINUE: normal-world status -EPIPE (%d, %d)", F.ret,
	       F.hlos);
	tap_ok(F.ms < 2500, "... without waiting for the callback timeout (%.0f ms)", F.ms);
	close(rd);
}

static void reader_fd_closed(int cfd)
{
	uint32_t inst, cmd, len;
	uint8_t buf[64];
	int owner = tzt_open(), rfd = tzt_open();

	tzt_register(owner, SVC(3), CB(0x200), CB(0x2ff), &inst);
	tzt_attach(rfd, owner, SVC(3), inst);
	fwd_start(&F, cfd, CB(0x200), 32);
	len = sizeof(buf);
	tzt_read_next(rfd, SVC(3), inst, &cmd, buf, &len);
	close(rfd);
	pthread_join(F.t, NULL);
	tap_ok(F.ret == 0 && F.hlos == -EPIPE,
	       "reader fd closed before CONTINUE: -EPIPE (%d, %d)", F.ret, F.hlos);
	close(owner);
}

/* Child client: FORWARD cb, blocks until killed. */
static pid_t spawn_client(uint32_t cb)
{
	pid_t pid = fork();

	if (pid < 0)
		tap_bail("fork: %s", strerror(errno));
	if (pid == 0) {
		int fd = open(TZT_DEV, O_RDWR);
		int32_t s, h;

		if (fd < 0)
			_exit(1);
		tzt_forward(fd, cb, "abcdefgh", 8, &s, &h, NULL, 0, NULL);
		_exit(0);
	}
	return pid;
}

static void client_killed(int cfd)
{
	uint32_t inst, cmd, len, rl;
	uint8_t buf[64], c[8], r[16];
	long long cancelled = tzt_stat("callbacks_cancelled");
	int lfd = tzt_open(), ret;
	double t0, ms;
	pid_t pid;

	tzt_register(lfd, SVC(4), CB(0x300), CB(0x3ff), &inst);
	pid = spawn_client(CB(0x300));
	len = sizeof(buf);
	ret = tzt_read_next(lfd, SVC(4), inst, &cmd, buf, &len);
	tap_ok(ret == 0 && cmd == CB(0x300) && len == 8, "client's callback delivered to us");

	/* The client dies while its command waits on us. */
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	tzt_put32(c, TZ_TEST_ECHO);
	tzt_put32(c + 4, 0x12345678);
	rl = sizeof(r);
	t0 = tzt_now_ms();
	ret = tzt_send(cfd, c, 8, r, &rl);
	ms = tzt_now_ms() - t0;
	tap_ok(ret == 0 && rl == 12 && tzt_get32(r + 8) == 0x12345678,
	       "next command after the kill works (%d)", ret);
	tap_ok(ms < 1500, "... at once, not after the callback timeout (%.0f ms)", ms);
	tap_err(tzt_continue(lfd, cmd, inst, buf, len), -EBADF,
		"late CONTINUE for the killed client's callback: -EBADF");
	tap_is(tzt_stat("inflight_cmds"), 0, "stats: inflight_cmds back to 0");
	tap_is(tzt_stat("queued_callbacks"), 0, "stats: queued_callbacks back to 0");
	tap_is(tzt_stat("delivered_callbacks"), 0, "stats: delivered_callbacks back to 0");
	tap_ok(tzt_stat("callbacks_cancelled") > cancelled, "stats: callbacks_cancelled counted");

	/* Killed while its callback is still queued (nobody reading). */
	pid = spawn_client(CB(0x301));
	for (int i = 0; i < 200 && tzt_stat("queued_callbacks") < 1; i++)
		tzt_sleep_ms(10);
	tap_is(tzt_stat("queued_callbacks"), 1, "a callback waits in the queue");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	tap_is(tzt_stat("queued_callbacks"), 0, "killing its client empties the queue");
	tap_is(tzt_stat("inflight_cmds"), 0, "... and no command is in flight");
	rl = sizeof(r);
	ret = tzt_send(cfd, c, 8, r, &rl);
	tap_err(ret, 0, "the secure world takes new commands");
	close(lfd);
}

/*
 * Killed in the middle of a CHAIN: the secure world gets -ECANCELED and
 * must fail the remaining callbacks at once instead of sending them.
 */
static void client_killed_mid_chain(int cfd)
{
	uint32_t inst, cmd, len, rl;
	uint8_t buf[256], c[8], r[16];
	int lfd = tzt_open(), ret, answered = 0;
	double t0;
	pid_t pid;

	tzt_register(lfd, SVC(5), CB(0x400), CB(0x4ff), &inst);
	pid = fork();
	if (pid < 0)
		tap_bail("fork: %s", strerror(errno));
	if (pid == 0) {
		struct tzt_chain_ent e[10];
		uint32_t count, hash;
		int32_t st;
		int fd = open(TZT_DEV, O_RDWR);

		for (int i = 0; i < 10; i++)
			e[i] = (struct tzt_chain_ent){ CB(0x400 + i), 32 };
		if (fd >= 0)
			tzt_chain(fd, e, 10, &st, &count, &hash);
		_exit(0);
	}
	/* Answer three callbacks, then sit on the fourth. */
	for (int i = 0; i < 4; i++) {
		len = sizeof(buf);
		if (tzt_read_next(lfd, SVC(5), inst, &cmd, buf, &len))
			break;
		if (i == 3)
			break;
		for (uint32_t j = 0; j < len; j++)
			buf[j] ^= 0xff;
		answered += tzt_continue(lfd, cmd, inst, buf, len) == 0;
	}
	tap_ok(answered == 3 && cmd == CB(0x403), "CHAIN: 3 callbacks answered, the 4th held");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	tzt_put32(c, TZ_TEST_ECHO);
	tzt_put32(c + 4, 7);
	rl = sizeof(r);
	t0 = tzt_now_ms();
	ret = tzt_send(cfd, c, 8, r, &rl);
	tap_ok(ret == 0 && tzt_now_ms() - t0 < 1500,
	       "client killed mid-CHAIN: next command at once (%d, %.0f ms)", ret, tzt_now_ms() - t0);
	fcntl(lfd, F_SETFL, fcntl(lfd, F_GETFL) | O_NONBLOCK);
	len = sizeof(buf);
	ret = tzt_read_next(lfd, SVC(5), inst, &cmd, buf, &len);
	tap_ok(ret == -EAGAIN && tzt_stat("queued_callbacks") == 0,
	       "the remaining 6 callbacks were never sent (%d)", ret);
	close(lfd);
}

int main(void)
{
	int cfd;

	tap_plan(22);
	signal(SIGPIPE, SIG_IGN);
	cfd = tzt_open();
	listener_in_other_process(cfd);
	listener_killed(cfd);
	reader_fd_closed(cfd);
	client_killed(cfd);
	client_killed_mid_chain(cfd);
	close(cfd);
	return tap_done();
}
