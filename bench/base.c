// SPDX-License-Identifier: BSD-3-Clause
/*
 * Baselines measured in the same run as the tzcom rows:
 *  - null_ioctl: an ioctl number the driver does not know, on an open
 *    /dev/tzcom; the driver answers -ENOTTY without touching the secure
 *    world.  This is the cost of entering the driver from userspace.
 *  - bare_smc: one SMC fast call (TZ_SIP_REVISION) to EL3 and back (our
 *    SPD answers it inside TF-A's BL31), timed inside the kernel by the
 *    test module tests/kmod (debugfs "bench" file: write "<x0>
 *    <iterations>", read the total ns).  One call per sample, so the p99
 *    is a per-call p99.
 *  - null_sel1: the same for TZ_SIP_NULL, which the SPD forwards to TZBSP
 *    at S-EL1 and TZBSP answers at once: the world-switch floor (EL1
 *    system registers out and in, twice), under every secure call.
 *  - handoff_futex: a round trip between two threads that sleep on a
 *    futex, the floor for the driver's listener hand-off (client thread
 *    wakes a reader, reader wakes the client).  Both threads are pinned to
 *    CPU 0: unpinned, the median flips between the same-CPU and the
 *    cross-CPU cost from run to run.  handoff_futex_x pins them to CPUs 0
 *    and 1, the floor for a listener on another CPU.
 *  - handoff_pipe: the same-CPU round trip through two pipes (reference).
 */
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "bench.h"

/* No tzcom ioctl uses number 0x7f: the driver's switch falls to -ENOTTY. */
#define BENCH_NULL_IOCTL	_IO(TZCOM_IOC_MAGIC, 0x7f)

static int null_ioctl_op(void *arg)
{
	int fd = *(int *)arg;

	if (ioctl(fd, BENCH_NULL_IOCTL) == 0)
		return -EPROTO;		/* the driver accepted an unknown ioctl */
	return errno == ENOTTY ? 0 : -errno;
}

static void bench_null_ioctl(void)
{
	int fd = tz_open();

	if (fd < 0) {
		report_na("null_ioctl", "open %s: %s", TZBENCH_DEV, strerror(-fd));
		return;
	}
	run_latency_row("null_ioctl", null_ioctl_op, &fd);
	close(fd);
}

/* ---- bare SMC through the test module ----------------------------------- */

static int smc_bench_file(char *path, size_t len)
{
	const char *env = getenv("TZBENCH_SMC_FILE");
	glob_t g;
	int found = 0;

	if (env) {
		snprintf(path, len, "%s", env);
		return access(path, R_OK | W_OK) ? -errno : 0;
	}
	if (glob("/sys/kernel/debug/*/bench", 0, NULL, &g) == 0) {
		size_t i;

		for (i = 0; i < g.gl_pathc && !found; i++) {
			/* The driver's own debugfs dir is tzcom/; skip it. */
			if (strstr(g.gl_pathv[i], "/debug/tzcom/"))
				continue;
			snprintf(path, len, "%s", g.gl_pathv[i]);
			found = 1;
		}
		globfree(&g);
	}
	return found ? 0 : -ENOENT;
}

/* Run n SMCs fid in the kernel; returns their total time in *ns. */
static int smc_batch(int fd, uint32_t fid, unsigned int n, uint64_t *ns)
{
	char buf[64];
	int len;
	ssize_t r;

	len = snprintf(buf, sizeof(buf), "0x%x %u\n", fid, n);
	if (pwrite(fd, buf, (size_t)len, 0) != len)
		return -errno;
	r = pread(fd, buf, sizeof(buf) - 1, 0);
	if (r <= 0)
		return r < 0 ? -errno : -EIO;
	buf[r] = '\0';
	*ns = strtoull(buf, NULL, 0);
	return 0;
}

static void bench_smc_row(const char *key, uint32_t fid)
{
	char path[256];
	struct samples s;
	uint64_t start, ns, total = 0;
	int fd, ret;
	size_t i;

	ret = smc_bench_file(path, sizeof(path));
	if (ret) {
		report_na(key, "no tests/kmod debugfs bench file (%s)",
			  strerror(-ret));
		return;
	}
	fd = open(path, O_RDWR);
	if (fd < 0) {
		report_na(key, "open %s: %s", path, strerror(errno));
		return;
	}
	if (fid == TZ_SIP_REVISION)
		report_info("bare_smc_file", "%s", path);
	for (i = 0; i < bench_cfg.warmup; i++) {
		ret = smc_batch(fd, fid, 1, &ns);
		if (ret) {
			report_na(key, "%s: %s", path, strerror(-ret));
			goto out;
		}
	}
	if (samples_init(&s, bench_cfg.max_samples)) {
		report_na(key, "out of memory");
		goto out;
	}
	start = now_ns();
	while (bench_more(&s, start)) {
		ret = smc_batch(fd, fid, 1, &ns);
		if (ret) {
			report_na(key, "%s: %s", path, strerror(-ret));
			samples_free(&s);
			goto out;
		}
		samples_add(&s, ns);
		total += ns;
	}
	/* Throughput of the SMC itself, not of the debugfs round trips. */
	s.wall_ns = total;
	report_row(key, &s);
	samples_free(&s);
out:
	close(fd);
}

/* ---- thread hand-off floors --------------------------------------------- */

struct pingpong {
	_Atomic int turn;	/* 0: main thread's turn, 1: partner's */
	int fds[4];		/* pipes: main->partner [0,1], partner->main [2,3] */
	int use_pipe;
	int partner_cpu;
	_Atomic int stop;
};

static void futex_wait_ne(_Atomic int *word, int val)
{
	while (atomic_load(word) == val)
		syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static void futex_set_wake(_Atomic int *word, int val)
{
	atomic_store(word, val);
	syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

static void *partner(void *arg)
{
	struct pingpong *pp = arg;
	char c;

	pin_cpu(pp->partner_cpu);
	for (;;) {
		if (pp->use_pipe) {
			if (read(pp->fds[0], &c, 1) != 1)
				return NULL;
			if (atomic_load(&pp->stop))
				return NULL;
			if (write(pp->fds[3], &c, 1) != 1)
				return NULL;
		} else {
			futex_wait_ne(&pp->turn, 0);
			if (atomic_load(&pp->stop))
				return NULL;
			futex_set_wake(&pp->turn, 0);
		}
	}
}

static int pingpong_op(void *arg)
{
	struct pingpong *pp = arg;
	char c = 'x';

	if (pp->use_pipe) {
		if (write(pp->fds[1], &c, 1) != 1 || read(pp->fds[2], &c, 1) != 1)
			return -EIO;
		return 0;
	}
	futex_set_wake(&pp->turn, 1);
	futex_wait_ne(&pp->turn, 1);
	return 0;
}

static void bench_handoff(const char *key, int use_pipe, int partner_cpu)
{
	struct pingpong pp = { .use_pipe = use_pipe, .partner_cpu = partner_cpu };
	pthread_t t;
	char c = 'q';
	int ret;

	if (partner_cpu >= online_cpus()) {
		report_na(key, "needs %d CPUs", partner_cpu + 1);
		return;
	}
	ret = pin_cpu(0);
	if (ret) {
		report_na(key, "sched_setaffinity: %s", strerror(-ret));
		return;
	}

	if (use_pipe && (pipe(pp.fds) || pipe(pp.fds + 2))) {
		report_na(key, "pipe: %s", strerror(errno));
		return;
	}
	ret = pthread_create(&t, NULL, partner, &pp);
	if (ret) {
		report_na(key, "pthread_create: %s", strerror(ret));
		return;
	}
	run_latency_row(key, pingpong_op, &pp);
	atomic_store(&pp.stop, 1);
	if (use_pipe) {
		if (write(pp.fds[1], &c, 1) != 1)
			pthread_cancel(t);
	} else {
		futex_set_wake(&pp.turn, 1);
	}
	pthread_join(t, NULL);
	if (use_pipe) {
		int i;

		for (i = 0; i < 4; i++)
			close(pp.fds[i]);
	}
	pin_cpu(-1);
}

void bench_baselines(void)
{
	bench_null_ioctl();
	bench_smc_row("bare_smc", TZ_SIP_REVISION);
	bench_smc_row("null_sel1", TZ_SIP_NULL);
	bench_handoff("handoff_futex", 0, 0);
	bench_handoff("handoff_futex_x", 0, 1);
	bench_handoff("handoff_pipe", 1, 0);
}
