// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sessions (docs/driver.md, "Registered memory and sessions"): per-session
 * state with TZ_TEST_SESSION_ADD, isolation between sessions and fds, a
 * closed session's handle refused and a new one starting at 0, many more
 * than TZ_SESSIONS_PER_SVC sessions opened and closed over time, the
 * per-fd and secure-side limits, INVOKE's session checks, CLOSE while a
 * command runs in it, and release closing what an fd held.
 */
#include <sys/wait.h>

#include "tzt_mem.h"

static long long sessions0;

/* SESSION_ADD add in session h: 0 if the ioctl and the service succeed. */
static int add(int fd, uint32_t h, uint32_t v, uint64_t *sum)
{
	int32_t status;
	int ret = tzt_sess_add(fd, h, v, &status, sum);

	return ret ? ret : status;
}

static void test_basics(int fd)
{
	uint32_t a, b, c;
	uint64_t s1 = 0, s2 = 0;
	int32_t status;
	int fd2 = tzt_open();

	tap_err(tzt_sess_open(fd, TZ_SVC_TEST, &a), 0, "SESSION_OPEN of the test service");
	tap_ok(a != 0, "handle is nonzero (%u)", a);
	tap_is(tzt_stat("sessions_open"), sessions0 + 1, "debugfs sessions_open counts it");
	tap_err(tzt_sess_open(fd, TZ_SVC_TEST, &b), 0, "a second session");
	tap_ok(b != 0 && b != a, "... with its own handle (%u)", b);

	tap_ok(!add(fd, a, 5, &s1) && s1 == 5, "ADD 5 in session 1: 5 (%llu)",
	       (unsigned long long)s1);
	tap_ok(!add(fd, a, 7, &s1) && s1 == 12, "ADD 7 in session 1: 12 (%llu)",
	       (unsigned long long)s1);
	tap_ok(!add(fd, b, 100, &s2) && s2 == 100,
	       "ADD 100 in session 2: 100, session 1's sum does not show (%llu)",
	       (unsigned long long)s2);
	tap_ok(!add(fd, a, 0, &s1) && s1 == 12, "session 1 still 12 (%llu)",
	       (unsigned long long)s1);

	/* Another fd: its own handles, and mine are not its. */
	tap_err(add(fd2, a, 1, &s1), -ENOENT, "fd 2 cannot use fd 1's handle: -ENOENT");
	tap_err(tzt_sess_close(fd2, a), -ENOENT, "nor close it: -ENOENT");
	tap_err(tzt_sess_open(fd2, TZ_SVC_TEST, &c), 0, "fd 2 opens its own");
	tap_ok(!add(fd2, c, 3, &s2) && s2 == 3, "fd 2's session starts at 0 (3 after ADD 3)");
	tap_ok(!add(fd, a, 0, &s1) && s1 == 12, "fd 1's session 1 unaffected (12)");

	/* Close, and a new session starts at 0. */
	tap_err(tzt_sess_close(fd, a), 0, "SESSION_CLOSE session 1");
	tap_err(add(fd, a, 1, &s1), -ENOENT, "INVOKE in the closed handle: -ENOENT");
	tap_err(tzt_sess_close(fd, a), -ENOENT, "closing it again: -ENOENT");
	tap_err(tzt_sess_open(fd, TZ_SVC_TEST, &c), 0, "open a new session");
	tap_ok(c != a, "... under a new handle (%u, closed %u)", c, a);
	tap_ok(!add(fd, c, 1, &s1) && s1 == 1, "it starts at 0: nothing of the closed one (%llu)",
	       (unsigned long long)s1);

	/* INVOKE's session checks. */
	{
		const uint32_t arg = 1;

		tap_err(tzt_invoke(fd, c, TZ_CRYPTO_SHA256, &arg, 1, NULL, 0, &status, NULL),
			-EINVAL, "a test-service session with a crypto command: -EINVAL");
		tap_err(add(fd, 0x7ffffff0, 1, &s1), -ENOENT, "unknown handle: -ENOENT");
		tap_ok(!tzt_invoke(fd, 0, TZ_TEST_SESSION_ADD, &arg, 1, NULL, 0, &status, NULL) &&
		       status == -EBADF, "SESSION_ADD without a session: the service says -EBADF (%d)",
		       status);
	}

	/* SESSION_OPEN and CLOSE argument rules. */
	{
		struct tzcom_session_req r = { .svc = TZ_SVC_TEST, .flags = 1 };
		uint32_t h;

		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SESSION_OPEN_REQ, &r), -EINVAL,
			"SESSION_OPEN with flags != 0: -EINVAL");
		r.flags = 0;
		r.reserved = 1;
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SESSION_OPEN_REQ, &r), -EINVAL,
			"SESSION_OPEN with reserved != 0: -EINVAL");
		r.reserved = 0;
		r.session = b;
		r.flags = 2;
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SESSION_CLOSE_REQ, &r), -EINVAL,
			"SESSION_CLOSE with flags != 0: -EINVAL");
		tap_err(tzt_sess_open(fd, TZ_SVC_CORE, &h), -EOPNOTSUPP,
			"SESSION_OPEN of the core service (no sessions): -EOPNOTSUPP");
		tap_err(tzt_sess_open(fd, 0x77, &h), -EINVAL, "SESSION_OPEN of no service: -EINVAL");
		tap_err(tzt_sess_open(fd, 0x10000, &h), -EINVAL,
			"SESSION_OPEN of svc 0x10000 (not a service id): -EINVAL");
	}
	tap_err(tzt_sess_close(fd, b), 0, "close session 2");
	tap_err(tzt_sess_close(fd, c), 0, "close session 3");
	close(fd2);
	tap_is(tzt_stat("sessions_open"), sessions0, "sessions_open back to start (fd 2 closed)");
}

static void test_limits(int fd)
{
	uint32_t h[TZCOM_MAX_SESSIONS_PER_FD + 1];
	int fds[3], ok = 1, n = 0, ret = 0;

	/* Opened and closed over time: the secure table never fills. */
	for (unsigned int i = 0; i < 3 * TZ_SESSIONS_PER_SVC && ok; i++) {
		uint64_t s = 0;

		ok = !tzt_sess_open(fd, TZ_SVC_TEST, &h[0]) && !add(fd, h[0], i, &s) && s == i &&
		     !tzt_sess_close(fd, h[0]);
	}
	tap_ok(ok, "%u sessions opened, used and closed one after another",
	       3 * TZ_SESSIONS_PER_SVC);

	ok = 1;
	for (unsigned int i = 0; i < TZCOM_MAX_SESSIONS_PER_FD; i++)
		ok &= !tzt_sess_open(fd, TZ_SVC_TEST, &h[i]);
	tap_ok(ok, "%u sessions open on one fd", TZCOM_MAX_SESSIONS_PER_FD);
	tap_err(tzt_sess_open(fd, TZ_SVC_TEST, &h[TZCOM_MAX_SESSIONS_PER_FD]), -ENOSPC,
		"one more on that fd: -ENOSPC (TZCOM_MAX_SESSIONS_PER_FD)");

	/* The secure world's table: TZ_SESSIONS_PER_SVC over all fds. */
	for (int i = 0; i < 3; i++)
		fds[i] = tzt_open();
	for (int i = 0; i < 3 && !ret; i++)
		for (unsigned int k = 0; k < TZCOM_MAX_SESSIONS_PER_FD; k++) {
			uint32_t x;

			ret = tzt_sess_open(fds[i], TZ_SVC_TEST, &x);
			if (ret)
				break;
			n++;
		}
	tap_err(ret, -ENOSPC, "more sessions on other fds: -ENOSPC from the secure world");
	/* Only this program opens test-service sessions. */
	tap_is(n + TZCOM_MAX_SESSIONS_PER_FD, TZ_SESSIONS_PER_SVC,
	       "... once the service's %u are open", TZ_SESSIONS_PER_SVC);
	for (int i = 0; i < 3; i++)
		close(fds[i]);
	tap_is(tzt_stat("sessions_open"), sessions0 + TZCOM_MAX_SESSIONS_PER_FD,
	       "closing those fds closed their sessions");
	ok = 1;
	for (unsigned int i = 0; i < TZCOM_MAX_SESSIONS_PER_FD; i++)
		ok &= !tzt_sess_close(fd, h[i]);
	tap_ok(ok, "close the %u", TZCOM_MAX_SESSIONS_PER_FD);

	/* What the released fds held is free in the secure world again. */
	fds[0] = tzt_open();
	fds[1] = tzt_open();
	ok = 1;
	for (int i = 0; i < 2; i++)
		for (unsigned int k = 0; k < TZ_SESSIONS_PER_SVC / 2; k++) {
			uint32_t x;

			ok &= !tzt_sess_open(fds[i], TZ_SVC_TEST, &x);
		}
	tap_ok(ok, "all %u secure sessions open again on two fresh fds", TZ_SESSIONS_PER_SVC);
	close(fds[0]);
	close(fds[1]);
	tap_is(tzt_stat("sessions_open"), sessions0, "sessions_open back to start");
}

struct worker {
	int fd;
	uint32_t h;
	unsigned int n;
	int bad;
	int32_t status;
	int ret;
};

static void *adder(void *arg)
{
	struct worker *w = arg;
	uint64_t s;

	for (unsigned int i = 0; i < w->n; i++)
		w->bad += add(w->fd, w->h, 1, &s) != 0;
	return NULL;
}

static void *spinner(void *arg)
{
	struct worker *w = arg;
	const uint32_t ms = 300;

	w->ret = tzt_invoke(w->fd, w->h, TZ_TEST_SPIN, &ms, 1, NULL, 0, &w->status, NULL);
	return NULL;
}

static void test_concurrency(int fd)
{
	struct worker w[2];
	pthread_t t[2];
	uint32_t h;
	uint64_t s = 0;
	int ret;

	tap_err(tzt_sess_open(fd, TZ_SVC_TEST, &h), 0, "open a session for two threads");
	for (int i = 0; i < 2; i++) {
		w[i] = (struct worker){ .fd = fd, .h = h, .n = 200 };
		pthread_create(&t[i], NULL, adder, &w[i]);
	}
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	tap_ok(!w[0].bad && !w[1].bad && !add(fd, h, 0, &s) && s == 400,
	       "two threads x 200 ADD 1 in one session: 400, none lost (%llu; busy retried %lld)",
	       (unsigned long long)s, tzt_stat("busy_total"));

	w[0] = (struct worker){ .fd = fd, .h = h };
	pthread_create(&t[0], NULL, spinner, &w[0]);
	tzt_sleep_ms(100);
	ret = tzt_sess_close(fd, h);
	pthread_join(t[0], NULL);
	tap_err(ret, -EBUSY, "SESSION_CLOSE while a SPIN 300 ms runs in it: -EBUSY");
	tap_ok(w[0].ret == 0 && w[0].status == 0, "... the SPIN completes (%d, %d)", w[0].ret,
	       w[0].status);
	tap_err(tzt_sess_close(fd, h), 0, "SESSION_CLOSE after it");
}

/* A child with open sessions is SIGKILLed inside a command of one. */
static void test_kill(void)
{
	int pfd[2];
	pid_t pid;
	char c;

	if (pipe(pfd))
		tap_bail("pipe: %s", strerror(errno));
	pid = fork();
	if (pid == 0) {
		int fd = tzt_open();
		uint32_t h[4];
		const uint32_t ms = 2000;
		int32_t status;

		for (int i = 0; i < 4; i++)
			if (tzt_sess_open(fd, TZ_SVC_TEST, &h[i]))
				_exit(1);
		if (write(pfd[1], "r", 1) != 1)
			_exit(1);
		tzt_invoke(fd, h[0], TZ_TEST_SPIN, &ms, 1, NULL, 0, &status, NULL);
		_exit(0);
	}
	close(pfd[1]);
	tap_ok(read(pfd[0], &c, 1) == 1 && tzt_stat("sessions_open") == sessions0 + 4,
	       "a child holds 4 sessions and spins in one");
	tzt_sleep_ms(200);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(pfd[0]);
	tap_is(tzt_stat("sessions_open"), sessions0,
	       "SIGKILLed: its release closed all 4 in the secure world");
	tap_is(tzt_stat("session_close_failed"), 0, "no secure CLOSE failed");
	{
		int fd = tzt_open(), ok = 1;
		uint32_t x;

		for (unsigned int i = 0; i < TZCOM_MAX_SESSIONS_PER_FD; i++)
			ok &= !tzt_sess_open(fd, TZ_SVC_TEST, &x);
		tap_ok(ok, "the secure table has room again");
		close(fd);
	}
}

int main(void)
{
	int fd;

	tap_plan(52);
	sessions0 = tzt_stat("sessions_open");
	tap_ok(sessions0 >= 0, "debugfs sessions_open: %lld before the test", sessions0);
	fd = tzt_open();
	test_basics(fd);
	test_limits(fd);
	test_concurrency(fd);
	close(fd);
	test_kill();
	tap_is(tzt_stat("sessions_open"), sessions0, "sessions_open back to start at the end");
	return tap_done();
}
