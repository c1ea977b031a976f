// SPDX-License-Identifier: BSD-3-Clause
/*
 * Registered memory (docs/driver.md, "Registered memory and sessions"):
 * every bad SHM_REGISTER with its errno, the per-fd and RLIMIT_MEMLOCK
 * limits, UNREGISTER's rules, INVOKE's memref checks, TZ_TEST_MEM_XOR
 * in place over 1 B .. 2 MiB+ verified byte by byte, and that nothing
 * stays pinned or charged after unregister, close or a SIGKILL.
 */
#include <grp.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "tzt_mem.h"

#define PG	4096u
#define MiB	(1024u * 1024u)
#define NOBODY	65534

static long long stat0_regs, stat0_pages, stat0_sessions;
static long vmlck0;

/* The counters and VmLck are back where this program started. */
static void check_clean(const char *when)
{
	tap_ok(tzt_stat("shm_regs") == stat0_regs && tzt_stat("shm_pages_pinned") == stat0_pages &&
	       tzt_stat("sessions_open") == stat0_sessions && tzt_vmlck_kb() == vmlck0,
	       "%s: shm_regs %lld, shm_pages_pinned %lld, sessions_open %lld, VmLck %ld kB as at start",
	       when, tzt_stat("shm_regs"), tzt_stat("shm_pages_pinned"),
	       tzt_stat("sessions_open"), tzt_vmlck_kb());
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void test_bad_registrations(int fd)
{
	uint8_t *p = tzt_map(4 * PG), *ro;
	uint32_t id;

	tap_err(tzt_shm_reg(fd, p, PG, 0, &id), -EINVAL, "flags 0: -EINVAL");
	tap_err(tzt_shm_reg(fd, p, PG, 4, &id), -EINVAL, "unknown flag 0x4: -EINVAL");
	tap_err(tzt_shm_reg(fd, p + 8, PG, TZCOM_SHM_IN, &id), -EINVAL, "unaligned addr: -EINVAL");
	tap_err(tzt_shm_reg(fd, p, 0, TZCOM_SHM_IN, &id), -EINVAL, "size 0: -EINVAL");
	tap_err(tzt_shm_reg(fd, p, TZCOM_SHM_MAX_SIZE + 1, TZCOM_SHM_IN, &id), -E2BIG,
		"size TZCOM_SHM_MAX_SIZE + 1: -E2BIG");
	tap_err(tzt_shm_reg(fd, (void *)(uintptr_t)-PG, 2 * PG, TZCOM_SHM_IN, &id), -EFAULT,
		"a range that wraps the address space: -EFAULT");

	/* A hole in the middle: nothing of the range may stay pinned. */
	munmap(p + PG, PG);
	tap_err(tzt_shm_reg(fd, p, 3 * PG, TZCOM_SHM_IN, &id), -EFAULT,
		"range with an unmapped page: -EFAULT");
	tap_ok(tzt_stat("shm_pages_pinned") == stat0_pages && tzt_vmlck_kb() == vmlck0,
	       "... and nothing stays pinned or charged (all or nothing)");
	munmap(p, 4 * PG);

	ro = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tap_err(tzt_shm_reg(fd, ro, 2 * PG, TZCOM_SHM_OUT, &id), -EFAULT,
		"PROT_READ mapping with TZCOM_SHM_OUT: -EFAULT");
	tap_err(tzt_shm_reg(fd, ro, 2 * PG, TZCOM_SHM_IN, &id), 0,
		"PROT_READ mapping with TZCOM_SHM_IN only: registered");
	tap_ok(id != 0, "ids are never 0 (%u)", id);
	tap_err(tzt_shm_unreg(fd, id), 0, "UNREGISTER it");
	munmap(ro, 2 * PG);
}

static void test_overlap_and_ids(int fd)
{
	uint8_t *p = tzt_map(4 * PG);
	uint32_t a, b, c;

	tap_err(tzt_shm_reg(fd, p, 2 * PG - 100, TZCOM_SHM_IN, &a), 0,
		"register [0, 2 pages - 100)");
	tap_err(tzt_shm_reg(fd, p + PG, PG, TZCOM_SHM_OUT, &b), -EBUSY,
		"register a page inside it: -EBUSY");
	tap_err(tzt_shm_reg(fd, p, 4 * PG, TZCOM_SHM_OUT, &b), -EBUSY,
		"register a range containing it: -EBUSY");
	tap_err(tzt_shm_reg(fd, p + 2 * PG, 2 * PG, TZCOM_SHM_IN | TZCOM_SHM_OUT, &b), 0,
		"the pages right after it: registered");
	tap_ok(a && b && a != b, "distinct nonzero ids (%u, %u)", a, b);
	tap_err(tzt_shm_unreg(fd, a), 0, "UNREGISTER the first");
	tap_err(tzt_shm_unreg(fd, a), -ENOENT, "UNREGISTER it again: -ENOENT");
	tap_err(tzt_shm_unreg(fd, 0), -ENOENT, "UNREGISTER id 0: -ENOENT");
	tap_err(tzt_shm_unreg(fd, 0x7fffffff), -ENOENT, "UNREGISTER an unknown id: -ENOENT");
	{
		struct tzcom_shm_unregister_req r = { .id = b, .flags = 1 };

		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SHM_UNREGISTER_REQ, &r), -EINVAL,
			"UNREGISTER with flags != 0: -EINVAL");
	}
	tap_err(tzt_shm_reg(fd, p, PG, TZCOM_SHM_IN, &c), 0, "the freed range registers again");
	tap_ok(c != a, "... under a new id, not the stale one (%u, was %u)", c, a);
	tap_err(tzt_shm_unreg(fd, b), 0, "UNREGISTER the second");
	tap_err(tzt_shm_unreg(fd, c), 0, "UNREGISTER the third");
	munmap(p, 4 * PG);

	/* A second fd has its own ids: mine are not its. */
	{
		int fd2 = tzt_open();
		uint8_t *q = tzt_map(PG);

		tap_err(tzt_shm_reg(fd, q, PG, TZCOM_SHM_IN, &a), 0, "register on fd 1");
		tap_err(tzt_shm_unreg(fd2, a), -ENOENT, "fd 2 cannot UNREGISTER fd 1's id: -ENOENT");
		tap_err(tzt_shm_reg(fd2, q, PG, TZCOM_SHM_IN, &b), 0,
			"the same pages on fd 2 are no overlap (overlaps are per fd)");
		close(fd2);
		tap_err(tzt_shm_unreg(fd, a), 0, "fd 1's registration outlives fd 2's close");
		munmap(q, PG);
	}
}

static void test_limits(int fd)
{
	uint32_t ids[TZCOM_SHM_MAX_PER_FD + 1];
	uint8_t *p = tzt_map((TZCOM_SHM_MAX_PER_FD + 1) * PG), *views[5];
	int ok = 1, memfd;

	for (unsigned int i = 0; i < TZCOM_SHM_MAX_PER_FD; i++)
		ok &= !tzt_shm_reg(fd, p + i * PG, PG, TZCOM_SHM_IN, &ids[i]);
	tap_ok(ok, "%u registrations on one fd", TZCOM_SHM_MAX_PER_FD);
	tap_err(tzt_shm_reg(fd, p + TZCOM_SHM_MAX_PER_FD * PG, PG, TZCOM_SHM_IN, &ids[16]),
		-ENOSPC, "one more: -ENOSPC (TZCOM_SHM_MAX_PER_FD)");
	for (unsigned int i = 0; i < TZCOM_SHM_MAX_PER_FD; i++)
		ok &= !tzt_shm_unreg(fd, ids[i]);
	tap_ok(ok, "all %u unregistered", TZCOM_SHM_MAX_PER_FD);
	munmap(p, (TZCOM_SHM_MAX_PER_FD + 1) * PG);

	/*
	 * TZCOM_SHM_MAX_FD_BYTES with only 64 MiB of RAM: five views of one
	 * memfd are five ranges (no overlap) on the same pages.
	 */
	memfd = memfd_create("t_shm", 0);
	if (memfd < 0 || ftruncate(memfd, TZCOM_SHM_MAX_SIZE))
		tap_bail("memfd: %s", strerror(errno));
	for (int i = 0; i < 5; i++) {
		views[i] = mmap(NULL, TZCOM_SHM_MAX_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED,
				memfd, 0);
		if (views[i] == MAP_FAILED)
			tap_bail("mmap memfd: %s", strerror(errno));
	}
	ok = 1;
	for (int i = 0; i < 4; i++) {
		double t0 = now_s();

		ok &= !tzt_shm_reg(fd, views[i], TZCOM_SHM_MAX_SIZE, TZCOM_SHM_IN, &ids[i]);
		if (!i)
			tap_diag("SHM_REGISTER of 64 MiB (pages faulted in, pinned, 33 list pages) "
				 "in %.1f ms", (now_s() - t0) * 1e3);
	}
	tap_ok(ok, "4 x 64 MiB registered (TZCOM_SHM_MAX_FD_BYTES)");
	tap_is(tzt_stat("shm_pages_pinned") - stat0_pages, 4 * (TZCOM_SHM_MAX_SIZE / PG),
	       "shm_pages_pinned counts them");
	tap_err(tzt_shm_reg(fd, views[4], PG, TZCOM_SHM_IN, &ids[4]), -ENOSPC,
		"one page more: -ENOSPC (TZCOM_SHM_MAX_FD_BYTES)");
	ok = 1;
	for (int i = 0; i < 4; i++)
		ok &= !tzt_shm_unreg(fd, ids[i]);
	tap_ok(ok, "unregistered");
	for (int i = 0; i < 5; i++)
		munmap(views[i], TZCOM_SHM_MAX_SIZE);
	close(memfd);
	check_clean("after the limits");
}

/*
 * A user without CAP_IPC_LOCK pins no more than RLIMIT_MEMLOCK, as mlock:
 * in a child that became nobody with a 64 KiB limit.  Exit status: the
 * number of failed checks.
 */
static void test_memlock(int fd)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		struct rlimit rl = { 64 * 1024, 64 * 1024 };
		gid_t g = NOBODY;
		uint8_t *p = tzt_map(MiB);
		long before;
		uint32_t a, b;
		int bad = 0;

		if (setrlimit(RLIMIT_MEMLOCK, &rl) || setgroups(1, &g) || setgid(NOBODY) ||
		    setuid(NOBODY))
			_exit(100);
		before = tzt_vmlck_kb();
		bad += tzt_shm_reg(fd, p, MiB, TZCOM_SHM_IN, &a) != -ENOMEM;
		bad += tzt_vmlck_kb() != before;
		bad += tzt_shm_reg(fd, p, 32 * 1024, TZCOM_SHM_IN, &a) != 0;
		bad += tzt_vmlck_kb() != before + 32;
		bad += tzt_shm_reg(fd, p + 32 * 1024, 64 * 1024, TZCOM_SHM_IN, &b) != -ENOMEM;
		bad += tzt_shm_reg(fd, p + 32 * 1024, 32 * 1024, TZCOM_SHM_IN, &b) != 0;
		bad += tzt_shm_unreg(fd, a) != 0 || tzt_shm_unreg(fd, b) != 0;
		bad += tzt_vmlck_kb() != before;
		_exit(bad);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "as nobody with RLIMIT_MEMLOCK 64 KiB: 1 MiB -ENOMEM, 32 KiB + 32 KiB fit, "
	       "the third 32 KiB -ENOMEM, VmLck follows (failed checks: %d)",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/* in[i] ^ x == out[i] for len bytes, and the guard bytes around out untouched. */
static int xor_ok(const uint8_t *in, const uint8_t *out, size_t len, uint8_t x,
		  const uint8_t *guard_lo, const uint8_t *guard_hi, size_t glen)
{
	for (size_t i = 0; i < len; i++)
		if ((uint8_t)(in[i] ^ x) != out[i])
			return 0;
	for (size_t i = 0; i < glen; i++)
		if (guard_lo[i] != 0xee || guard_hi[i] != 0xee)
			return 0;
	return 1;
}

static void test_mem_xor(int fd)
{
	static const size_t lens[] = { 1, 4095, 4096, 4097, 2 * MiB + 12345 };
	const size_t cap = 2 * MiB + 16 * PG;	/* > 511 pages: two list pages */
	uint8_t *in = tzt_map(cap), *out = tzt_map(cap);
	uint32_t ii, oi;
	int32_t status;
	uint64_t done;

	tzt_fill(in, cap, 77);
	tap_err(tzt_shm_reg(fd, in, cap, TZCOM_SHM_IN, &ii), 0, "register 2 MiB + 64 KiB IN");
	tap_err(tzt_shm_reg(fd, out, cap, TZCOM_SHM_OUT, &oi), 0, "register 2 MiB + 64 KiB OUT");

	for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++) {
		size_t len = lens[k], ioff = 100 + k, ooff = 5000 + 3 * k, g = 64;
		uint8_t x = (uint8_t)(0x5a + k);
		double t0;
		int ret;

		memset(out, 0xee, cap);
		t0 = now_s();
		ret = tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, ioff, len),
				  tzt_mref(oi, TZCOM_SHM_OUT, ooff, len), len, x, &status, &done);
		t0 = now_s() - t0;
		tap_ok(ret == 0 && status == 0 && done == len &&
		       xor_ok(in + ioff, out + ooff, len, x, out + ooff - g, out + ooff + len, g),
		       "MEM_XOR %zu B (in at +%zu, out at +%zu): every byte, nothing around it "
		       "(%d, %d)", len, ioff, ooff, ret, status);
		if (len > MiB)
			tap_diag("MEM_XOR of %zu B in %.1f ms (%.1f MB/s)", len, t0 * 1e3,
				 len / t0 / 1e6);
	}

	/* The last byte of the registration is reachable, one past it is not. */
	memset(out, 0xee, cap);
	tap_ok(!tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, cap - 1, 1),
			    tzt_mref(oi, TZCOM_SHM_OUT, cap - 1, 1), 1, 0xff, &status, &done) &&
	       status == 0 && (out[cap - 1] ^ in[cap - 1]) == 0xff,
	       "MEM_XOR of the registrations' last byte");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, cap - 1, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -EINVAL,
		"memref one byte past its registration: -EINVAL");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, UINT64_MAX, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -EINVAL,
		"memref offset that would wrap: -EINVAL");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, 0),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -EINVAL,
		"memref size 0: -EINVAL");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, 0, 0, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -EINVAL,
		"memref flags 0: -EINVAL");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, 2),
			    tzt_mref(ii, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -EACCES,
		"OUT memref on an IN-only registration: -EACCES");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, 2),
			    tzt_mref(0x7ffffff0, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done),
		-ENOENT, "memref of an unknown id: -ENOENT");
	/* The service checks directions too: argument 0 must be readable. */
	tap_ok(!tzt_mem_xor(fd, tzt_mref(oi, TZCOM_SHM_OUT, 0, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 8, 2), 2, 0, &status, &done) &&
	       status == -EINVAL, "MEM_XOR with argument 0 OUT: the service says -EINVAL (%d)",
	       status);
	tap_ok(!tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 1), 2, 0, &status, &done) &&
	       status == -EINVAL, "MEM_XOR longer than argument 1: the service says -EINVAL (%d)",
	       status);
	{
		struct tzcom_invoke_req r = { .num_mem = TZCOM_INVOKE_MAX_MEM + 1 };
		uint8_t cmd[4], rsp[16];

		tzt_put32(cmd, TZ_TEST_ECHO);
		r.cmd_buf = (uintptr_t)cmd;
		r.cmd_len = 4;
		r.resp_buf = (uintptr_t)rsp;
		r.resp_len = sizeof(rsp);
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r), -EINVAL,
			"INVOKE with num_mem %u: -EINVAL", TZCOM_INVOKE_MAX_MEM + 1);
		r.num_mem = 0;
		r.flags = 1;
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r), -EINVAL,
			"INVOKE with flags != 0: -EINVAL");
		r.flags = 0;
		r.reserved = 1;
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r), -EINVAL,
			"INVOKE with reserved != 0: -EINVAL");
		r.reserved = 0;
		r.resp_len = 4;
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r), -EINVAL,
			"INVOKE with resp_len 4: -EINVAL (as SEND_CMD)");
		r.resp_len = sizeof(rsp);
		r.cmd_buf = 16;
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r), -EFAULT,
			"INVOKE with an unmapped cmd_buf: -EFAULT");
		r.cmd_buf = (uintptr_t)cmd;
		tap_ok(tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r) == 0 && r.resp_len == 8 &&
		       tzt_get32(rsp) == TZ_TEST_ECHO,
		       "plain INVOKE of ECHO: resp_len 8 written back (%u)", r.resp_len);
	}

	tap_err(tzt_shm_unreg(fd, ii), 0, "UNREGISTER IN");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -ENOENT,
		"INVOKE naming it after UNREGISTER: -ENOENT");
	tap_err(tzt_shm_unreg(fd, oi), 0, "UNREGISTER OUT");
	munmap(in, cap);
	munmap(out, cap);
	check_clean("after MEM_XOR");
}

struct spin {
	int fd;
	uint32_t id;
	int ret;
	int32_t status;
};

/*
 * Registered before it was ever written, then written: the secure world
 * must see the data, not the zero page a read-only pin would have taken.
 * A read-only mapping registers IN (and only IN) and is read too.
 */
static void test_untouched_and_readonly(int fd)
{
	const size_t len = 8 * PG;
	uint8_t *in = tzt_map(len), *out = tzt_map(len), *ro;
	uint32_t ii, oi, ri;
	int32_t status = -1;
	uint64_t done = 0;
	int ret;

	tap_err(tzt_shm_reg(fd, in, len, TZCOM_SHM_IN, &ii), 0,
		"register 32 KiB of never-written memory IN");
	tzt_fill(in, len, 91);
	tap_err(tzt_shm_reg(fd, out, len, TZCOM_SHM_OUT, &oi), 0, "register 32 KiB OUT");
	ret = tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, len),
			  tzt_mref(oi, TZCOM_SHM_OUT, 0, len), len, 0x3c, &status, &done);
	tap_ok(!ret && !status && xor_ok(in, out, len, 0x3c, in, in, 0),
	       "MEM_XOR sees what was written after the registration (ret %d, status %d)",
	       ret, status);

	ro = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED)
		tap_bail("mmap: %s", strerror(errno));
	tzt_fill(ro, len, 17);
	mprotect(ro, len, PROT_READ);
	tap_err(tzt_shm_reg(fd, ro, len, TZCOM_SHM_OUT, &ri), -EFAULT,
		"a read-only mapping registers OUT: -EFAULT");
	tap_err(tzt_shm_reg(fd, ro, len, TZCOM_SHM_IN, &ri), 0,
		"a read-only mapping registers IN");
	ret = tzt_mem_xor(fd, tzt_mref(ri, TZCOM_SHM_IN, 0, len),
			  tzt_mref(oi, TZCOM_SHM_OUT, 0, len), len, 0xa1, &status, &done);
	tap_ok(!ret && !status && xor_ok(ro, out, len, 0xa1, ro, ro, 0),
	       "MEM_XOR reads the read-only mapping (ret %d, status %d)", ret, status);
	tzt_shm_unreg(fd, ii);
	tzt_shm_unreg(fd, oi);
	tzt_shm_unreg(fd, ri);
	munmap(in, len);
	munmap(out, len);
	munmap(ro, len);
}

static void *spin_main(void *arg)
{
	struct spin *s = arg;
	const uint32_t ms = 300;
	const struct tzcom_memref m = tzt_mref(s->id, TZCOM_SHM_IN, 0, PG);

	s->ret = tzt_invoke(s->fd, 0, TZ_TEST_SPIN, &ms, 1, &m, 1, &s->status, NULL);
	return NULL;
}

static void test_busy(int fd)
{
	uint8_t *p = tzt_map(PG);
	struct spin s = { .fd = fd };
	pthread_t t;
	int ret;

	tap_err(tzt_shm_reg(fd, p, PG, TZCOM_SHM_IN, &s.id), 0, "register a page");
	pthread_create(&t, NULL, spin_main, &s);
	tzt_sleep_ms(100);
	ret = tzt_shm_unreg(fd, s.id);
	pthread_join(t, NULL);
	tap_err(ret, -EBUSY, "UNREGISTER while an INVOKE (SPIN 300 ms) names it: -EBUSY");
	tap_ok(s.ret == 0 && s.status == 0, "... the INVOKE completes (%d, %d)", s.ret, s.status);
	tap_err(tzt_shm_unreg(fd, s.id), 0, "UNREGISTER once it has completed");
	munmap(p, PG);
}

/* A child holding registrations and sessions is SIGKILLed. */
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
		uint8_t *p = tzt_map(4 * MiB);
		uint32_t id, h;

		for (int i = 0; i < 4; i++)
			if (tzt_shm_reg(fd, p + i * MiB, MiB, TZCOM_SHM_IN | TZCOM_SHM_OUT, &id))
				_exit(1);
		for (int i = 0; i < 3; i++)
			if (tzt_sess_open(fd, TZ_SVC_TEST, &h))
				_exit(1);
		if (write(pfd[1], "r", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(pfd[1]);
	tap_ok(read(pfd[0], &c, 1) == 1 && tzt_stat("shm_regs") == stat0_regs + 4 &&
	       tzt_stat("shm_pages_pinned") == stat0_pages + 4 * MiB / PG &&
	       tzt_stat("sessions_open") == stat0_sessions + 3,
	       "a child holds 4 registrations (4 MiB) and 3 sessions");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(pfd[0]);
	check_clean("after the child is SIGKILLed");
}

int main(void)
{
	int fd;

	tap_plan(81);
	stat0_regs = tzt_stat("shm_regs");
	stat0_pages = tzt_stat("shm_pages_pinned");
	stat0_sessions = tzt_stat("sessions_open");
	vmlck0 = tzt_vmlck_kb();
	tap_ok(stat0_regs >= 0 && stat0_pages >= 0 && stat0_sessions >= 0 && vmlck0 >= 0,
	       "debugfs shm_regs %lld, shm_pages_pinned %lld, sessions_open %lld; VmLck %ld kB",
	       stat0_regs, stat0_pages, stat0_sessions, vmlck0);

	fd = tzt_open();
	test_bad_registrations(fd);
	test_overlap_and_ids(fd);
	test_limits(fd);
	test_memlock(fd);
	test_mem_xor(fd);
	test_untouched_and_readonly(fd);
	test_busy(fd);
	check_clean("after unregister");

	/* Close with registrations held: the release unpins them. */
	{
		uint8_t *p = tzt_map(3 * MiB);
		uint32_t id;
		int ok = 1;

		for (int i = 0; i < 3; i++)
			ok &= !tzt_shm_reg(fd, p + i * MiB, MiB, TZCOM_SHM_IN, &id);
		tap_ok(ok && tzt_vmlck_kb() == vmlck0 + 3 * 1024,
		       "3 MiB registered: VmLck +3072 kB (%ld)", tzt_vmlck_kb() - vmlck0);
		close(fd);
		check_clean("after close with 3 registrations held");
		munmap(p, 3 * MiB);
	}
	test_kill();
	return tap_done();
}
