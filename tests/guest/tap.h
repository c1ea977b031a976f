/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Minimal TAP producer for the guest tests.  A program calls tap_plan(N)
 * first, then exactly N of tap_ok()/tap_is()/tap_err()/tap_skip(), and
 * returns tap_done(), which is non-zero if anything failed or the count
 * drifted from the plan.  Output is line-buffered and serialised, so
 * helper threads may report too.  tap_plan() also arms a watchdog: a
 * hung test prints "Bail out!" instead of stalling the whole suite.
 */
#ifndef TZCOM_TAP_H
#define TZCOM_TAP_H

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TAP_TIMEOUT_S
#define TAP_TIMEOUT_S	170
#endif

static int tap_planned, tap_count, tap_failed;
static pthread_mutex_t tap_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Undoes what the test changed on the board (module parameters).  The
 * watchdog ends the program with _exit(), which runs no atexit handler,
 * so it calls this first: a test that times out must leave the board as
 * it found it.  Must be async-signal-safe.
 */
static void (*tap_cleanup)(void);

static void tap_watchdog(int sig)
{
	static const char msg[] = "Bail out! test timed out (watchdog)\n";

	(void)sig;
	if (tap_cleanup)
		tap_cleanup();
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(2);
}

/*
 * A watchdog limit, scaled by $TAP_TIME_SCALE (a whole factor, 1..100):
 * tests/check-debug runs the same suite on a kernel several times slower.
 */
static inline unsigned int tap_timeout(unsigned int seconds)
{
	const char *e = getenv("TAP_TIME_SCALE");
	long k = e ? strtol(e, NULL, 10) : 1;

	return seconds * (unsigned int)(k >= 1 && k <= 100 ? k : 1);
}

static inline void tap_plan(int n)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	tap_planned = n;
	printf("1..%d\n", n);
	signal(SIGALRM, tap_watchdog);
	alarm(tap_timeout(TAP_TIMEOUT_S));
}

static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&tap_lock);
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	pthread_mutex_unlock(&tap_lock);
}

static inline void tap_vresult(int pass, const char *extra, const char *fmt,
			       va_list ap)
{
	pthread_mutex_lock(&tap_lock);
	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	if (!pass && extra && *extra)
		printf(" # %s", extra);
	printf("\n");
	pthread_mutex_unlock(&tap_lock);
}

/* Pass if cond. */
__attribute__((format(printf, 2, 3)))
static inline int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(!!cond, "", fmt, ap);
	va_end(ap);
	return !!cond;
}

/* Pass if got == want; a failure shows both. */
__attribute__((format(printf, 3, 4)))
static inline int tap_is(long long got, long long want, const char *fmt, ...)
{
	char extra[96];
	va_list ap;

	snprintf(extra, sizeof(extra), "got %lld, want %lld", got, want);
	va_start(ap, fmt);
	tap_vresult(got == want, extra, fmt, ap);
	va_end(ap);
	return got == want;
}

/*
 * Pass if ret (0 or -errno) equals want (0 or -errno); a failure names
 * both errnos.
 */
__attribute__((format(printf, 3, 4)))
static inline int tap_err(int ret, int want, const char *fmt, ...)
{
	char extra[160];
	va_list ap;

	snprintf(extra, sizeof(extra), "got %d (%s), want %d (%s)", ret,
		 ret <= 0 ? strerror(-ret) : "positive", want, strerror(-want));
	va_start(ap, fmt);
	tap_vresult(ret == want, extra, fmt, ap);
	va_end(ap);
	return ret == want;
}

/*
 * Pass if cond.  With todo non-NULL the check is TAP's "# TODO todo": a
 * known gap, printed either way but not counted as a failure.
 */
__attribute__((format(printf, 3, 4)))
static inline int tap_ok_todo(const char *todo, int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pthread_mutex_lock(&tap_lock);
	tap_count++;
	if (!cond && !todo)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	vprintf(fmt, ap);
	if (todo)
		printf(" # TODO %s", todo);
	printf("\n");
	pthread_mutex_unlock(&tap_lock);
	va_end(ap);
	return !!cond;
}

__attribute__((format(printf, 2, 3)))
static inline void tap_skip(int n, const char *fmt, ...)
{
	char why[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&tap_lock);
	while (n-- > 0)
		printf("ok %d # SKIP %s\n", ++tap_count, why);
	pthread_mutex_unlock(&tap_lock);
}

__attribute__((format(printf, 1, 2), noreturn))
static inline void tap_bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(2);
}

static inline int tap_done(void)
{
	if (tap_count != tap_planned) {
		printf("# planned %d tests but ran %d\n", tap_planned, tap_count);
		return 1;
	}
	if (tap_failed)
		printf("# failed %d of %d\n", tap_failed, tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* TZCOM_TAP_H */
