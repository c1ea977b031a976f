/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers for the robustness tests (issue 5), on top of ../tzt.h: hostile
 * addresses, the kernel log since the test started, the driver's idle
 * counters, Slab from /proc/meminfo, child processes that can be
 * SIGKILLed at a chosen point, physical addresses of locked user pages
 * and the raw SMC file of tests/kmod (tzcom_smctest).
 */
#ifndef TZCOM_RB_H
#define TZCOM_RB_H

#include <inttypes.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "tzt.h"

/* A kernel-space address (the linear map of the arm64 kernel). */
#define RB_KADDR	((void *)0xffff800008000000ul)
#define RB_SMC_CALL	"/sys/kernel/debug/tzcom_smctest/call"

/* Process-wide hostile pages, set up once by rb_pages_init(). */
static uint8_t *rb_unmapped;	/* a page that was unmapped again */
static uint8_t *rb_ro;		/* a read-only page */
static uint8_t *rb_edge;	/* last page mapped, the next one PROT_NONE */
static long rb_pagesz;

static inline void rb_pages_init(void)
{
	uint8_t *p;

	rb_pagesz = sysconf(_SC_PAGESIZE);
	p = mmap(NULL, 3 * rb_pagesz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		tap_bail("mmap: %s", strerror(errno));
	memset(p, 0x5a, 3 * rb_pagesz);
	rb_ro = p;
	rb_edge = p + rb_pagesz;
	rb_unmapped = p + 2 * rb_pagesz;
	if (mprotect(rb_ro, rb_pagesz, PROT_READ) ||
	    munmap(rb_unmapped, rb_pagesz))
		tap_bail("mprotect/munmap: %s", strerror(errno));
	/* A PROT_NONE guard so rb_unmapped stays unmapped whatever mmaps later. */
	if (mmap(rb_unmapped, rb_pagesz, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
		tap_bail("mmap guard: %s", strerror(errno));
}

/* n bytes that end exactly at the end of the last mapped page. */
static inline void *rb_at_edge(size_t n)
{
	return rb_edge + rb_pagesz - n;
}

/*
 * TAP with the plan at the end ("1..N" last is valid TAP): the number of
 * cases here depends on tables and options.  A program that dies early
 * prints no plan, which tests/check reports as a failure.
 */
static inline void rb_tap_start(unsigned int timeout_s)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGALRM, tap_watchdog);
	alarm(tap_timeout(timeout_s));
}

static inline int rb_tap_finish(void)
{
	printf("1..%d\n", tap_count);
	tap_planned = tap_count;
	return tap_done();
}

/* ---- kernel log ------------------------------------------------------------ */

static int rb_kmsg_fd = -1;

/* Remember where the kernel log ends now. */
static inline void rb_klog_begin(void)
{
	rb_kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (rb_kmsg_fd >= 0)
		lseek(rb_kmsg_fd, 0, SEEK_END);
}

static inline int rb_klog_bad(const char *msg)
{
	static const char *const bad[] = {
		"Oops", "BUG:", "WARNING:", "Call trace:", "Kernel panic",
		"Unable to handle", "Internal error", "UBSAN", "KASAN",
		"kernel BUG", "list_add corruption", "list_del corruption",
		"refcount_t:", "blocked for more than", "general protection",
		"Bad page", "use-after-free", "stack-protector",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(msg, bad[i]))
			return 1;
	return 0;
}

/*
 * One TAP line: no oops, WARN or BUG since rb_klog_begin().  Every tzcom
 * line is shown as a diagnostic, the bad ones always.
 */
static inline int rb_klog_clean(const char *what)
{
	char rec[2048];
	int bad = 0, lines = 0;

	if (rb_kmsg_fd < 0) {
		tap_skip(1, "kernel log clean %s: no /dev/kmsg", what);
		return 1;
	}
	for (;;) {
		ssize_t n = read(rb_kmsg_fd, rec, sizeof(rec) - 1);
		char *msg;

		if (n < 0) {
			if (errno == EPIPE)	/* overwritten records: go on */
				continue;
			break;
		}
		rec[n] = '\0';
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		if (rb_klog_bad(msg)) {
			bad++;
			tap_diag("kmsg: %.*s", (int)strcspn(msg, "\n"), msg);
		} else if (strstr(msg, "tzcom") && lines++ < 20) {
			tap_diag("kmsg: %.*s", (int)strcspn(msg, "\n"), msg);
		}
	}
	return tap_ok(!bad, "kernel log clean %s (%d bad lines)", what, bad);
}

/* ---- driver counters --------------------------------------------------------- */

/* Wait up to ms for no command in flight and no callback queued or held. */
static inline int rb_idle(long ms)
{
	double end = tzt_now_ms() + ms;

	do {
		if (tzt_stat("inflight_cmds") == 0 &&
		    tzt_stat("queued_callbacks") == 0 &&
		    tzt_stat("delivered_callbacks") == 0)
			return 1;
		tzt_sleep_ms(10);
	} while (tzt_now_ms() < end);
	tap_diag("not idle: inflight_cmds %lld queued_callbacks %lld delivered_callbacks %lld",
		 tzt_stat("inflight_cmds"), tzt_stat("queued_callbacks"),
		 tzt_stat("delivered_callbacks"));
	return 0;
}

/* Wait up to ms for the registered service count to come back to want. */
static inline int rb_services_at(long long want, long ms)
{
	double end = tzt_now_ms() + ms;
	long long got;

	do {
		got = tzt_stat("services");
		if (got == want)
			return 1;
		tzt_sleep_ms(10);
	} while (tzt_now_ms() < end);
	tap_diag("services %lld, want %lld", got, want);
	return 0;
}

static inline int rb_echo_ok(int fd)
{
	uint8_t c[4 + 64], rsp[8 + 64];
	uint32_t rl = sizeof(rsp);

	tzt_put32(c, TZ_TEST_ECHO);
	tzt_fill(c + 4, 64, 0x1234);
	return tzt_send(fd, c, sizeof(c), rsp, &rl) == 0 && rl == sizeof(rsp) &&
	       tzt_get32(rsp) == TZ_TEST_ECHO && tzt_get32(rsp + 4) == 0 &&
	       !memcmp(rsp + 8, c + 4, 64);
}

/*
 * The recovery check every fault case ends with: a fresh fd's ECHO works
 * at once, the counters drop to idle and the services to base.
 */
static inline void rb_recovered(const char *what, long long services)
{
	int fd = tzt_open();
	double t0 = tzt_now_ms();
	int ok = rb_echo_ok(fd);
	double ms = tzt_now_ms() - t0;

	tap_ok(ok && ms < 1500, "%s: the next ECHO works at once (%.0f ms)", what, ms);
	close(fd);
	tap_ok(rb_idle(3000) && rb_services_at(services, 3000),
	       "%s: counters back to idle, services back to %lld", what, services);
}

/* Slab in KiB from /proc/meminfo, or -1. */
static inline long rb_slab_kb(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Slab: %ld kB", &v) == 1)
			break;
	fclose(f);
	return v;
}

static inline void rb_drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);

	sync();
	if (fd >= 0) {
		if (write(fd, "3", 1) < 0)
			tap_diag("drop_caches: %s", strerror(errno));
		close(fd);
	}
}

/* ---- processes --------------------------------------------------------------- */

/* State letter of any process or thread ('S', 'R', 'Z', '?' if gone). */
static inline char rb_task_state(int pid)
{
	return tzt_thread_state(pid);
}

static inline int rb_asleep(int pid)
{
	char c = rb_task_state(pid);

	return c == 'S' || c == 'D';	/* killable waits show as 'D' */
}

/* Wait up to 5 s until pid sleeps (blocked in the driver). */
static inline int rb_wait_sleeping(int pid)
{
	for (int i = 0; i < 500; i++) {
		if (rb_asleep(pid)) {
			tzt_sleep_ms(20);
			if (rb_asleep(pid))
				return 1;
		}
		tzt_sleep_ms(10);
	}
	return 0;
}

/* In a forked child: die with the test, never outlive it (a killed test). */
static inline void rb_die_with_parent(pid_t parent)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(1);
}

/* waitpid with a deadline; the status, or -1 if pid did not exit in time. */
static inline int rb_reap(pid_t pid, long ms, double *took)
{
	double t0 = tzt_now_ms();
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid) {
			if (took)
				*took = tzt_now_ms() - t0;
			return st;
		}
		if (r < 0 || tzt_now_ms() - t0 > ms)
			return -1;
		tzt_sleep_ms(2);
	}
}

/* ---- physical pages and raw SMCs -------------------------------------------------- */

/* A locked, zeroed page and its physical address (root reads pagemap). */
static inline uint8_t *rb_phys_page(uint64_t *pa)
{
	uint64_t ent = 0;
	uint8_t *p;
	int fd;

	p = mmap(NULL, rb_pagesz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED | MAP_POPULATE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0, rb_pagesz);
	fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (pread(fd, &ent, 8, (off_t)((uintptr_t)p / rb_pagesz) * 8) != 8)
		ent = 0;
	close(fd);
	if (!(ent >> 63) || !(ent & ((1ull << 55) - 1)))
		return NULL;	/* not present, or PFN hidden */
	*pa = (ent & ((1ull << 55) - 1)) * (uint64_t)rb_pagesz;
	return p;
}

/* Make one SMC through tests/kmod; 0, or -errno if the file failed. */
static inline int rb_smc(const uint64_t x[8], uint64_t a[4])
{
	char buf[256];
	int fd, n, ret = 0;

	fd = open(RB_SMC_CALL, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = snprintf(buf, sizeof(buf),
		     "%" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64
		     " %" PRIx64 " %" PRIx64 " %" PRIx64 " %" PRIx64 "\n",
		     x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]);
	if (write(fd, buf, n) != n) {
		ret = -errno;
	} else {
		n = (int)pread(fd, buf, sizeof(buf) - 1, 0);
		if (n <= 0) {
			ret = -EIO;
		} else {
			buf[n] = '\0';
			if (sscanf(buf, "%" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64,
				   &a[0], &a[1], &a[2], &a[3]) != 4)
				ret = -EIO;
		}
	}
	close(fd);
	return ret;
}

/* xorshift64*: the fuzzer's and the load test's seeded PRNG. */
static inline uint64_t rb_rand(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static inline uint64_t rb_seed(uint64_t a, uint64_t b)
{
	uint64_t s = (a + 1) * 0x9E3779B97F4A7C15ull ^ (b + 7) * 0xBF58476D1CE4E5B9ull;

	return s ? s : 1;
}

#endif /* TZCOM_RB_H */
