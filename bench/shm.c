// SPDX-License-Identifier: BSD-3-Clause
/*
 * Registered memory (issue 11): INVOKE of TZ_TEST_MEM_XOR over a
 * registration, 64 B and 20 KiB, where the secure world reads and writes
 * the pages in place instead of the driver copying through sb_in (compare
 * the SEND_CMD echo rows); and the secure SHA-256 of a 16 MiB file
 * through libtzcom's tzcom_digest_fd(), next to the guest's own
 * sha256sum of the same file in the same run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libtzcom.h>
#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "bench.h"

#define XOR_SPAN	(32u << 10)	/* in at 0, out at XOR_SPAN */
#define SHA_FILE	"/tmp/tzbench.16m"
#define SHA_LEN		(16u << 20)
#define SHA_SAMPLES	5

struct xor_arg {
	int fd;
	uint32_t shm_id;
	uint32_t len;
	uint8_t cmd[16], rsp[16];
};

static int xor_op(void *arg)
{
	struct xor_arg *a = arg;
	struct tzcom_invoke_req req;
	int32_t status;

	memset(&req, 0, sizeof(req));
	req.cmd_buf = (uintptr_t)a->cmd;
	req.cmd_len = sizeof(a->cmd);
	req.resp_buf = (uintptr_t)a->rsp;
	req.resp_len = sizeof(a->rsp);
	req.num_mem = 2;
	req.mem[0] = (struct tzcom_memref){ a->shm_id, TZCOM_SHM_IN, 0, a->len };
	req.mem[1] = (struct tzcom_memref){ a->shm_id, TZCOM_SHM_OUT, XOR_SPAN, a->len };
	if (ioctl(a->fd, TZCOM_IOCTL_INVOKE_REQ, &req) < 0)
		return -errno;
	if (req.resp_len < 8)
		return -EBADMSG;
	memcpy(&status, a->rsp + 4, sizeof(status));
	return status;
}

static void bench_mem_xor(void)
{
	struct tzcom_shm_register_req reg;
	struct xor_arg a;
	uint32_t v[4];
	uint8_t *buf;

	memset(&a, 0, sizeof(a));
	a.fd = tz_open();
	if (a.fd < 0) {
		report_na("shm_xor_64", "open %s: %s", TZBENCH_DEV, strerror(-a.fd));
		report_na("shm_xor_20k", "open %s: %s", TZBENCH_DEV, strerror(-a.fd));
		return;
	}
	buf = mmap(NULL, 2 * XOR_SPAN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	if (buf == MAP_FAILED) {
		report_na("shm_xor_64", "mmap: %s", strerror(errno));
		report_na("shm_xor_20k", "mmap: %s", strerror(errno));
		close(a.fd);
		return;
	}
	memset(buf, 0x5a, 2 * XOR_SPAN);
	memset(&reg, 0, sizeof(reg));
	reg.addr = (uintptr_t)buf;
	reg.size = 2 * XOR_SPAN;
	reg.flags = TZCOM_SHM_IN | TZCOM_SHM_OUT;
	if (ioctl(a.fd, TZCOM_IOCTL_SHM_REGISTER_REQ, &reg) < 0) {
		report_na("shm_xor_64", "SHM_REGISTER: %s", strerror(errno));
		report_na("shm_xor_20k", "SHM_REGISTER: %s", strerror(errno));
	} else {
		a.shm_id = reg.id;
		for (int i = 0; i < 2; i++) {
			a.len = i ? 20480 : 64;
			v[0] = TZ_TEST_MEM_XOR;
			v[1] = 0xa5;
			v[2] = a.len;
			v[3] = 0;
			memcpy(a.cmd, v, sizeof(v));
			run_latency_row(i ? "shm_xor_20k" : "shm_xor_64", xor_op, &a);
		}
	}
	munmap(buf, 2 * XOR_SPAN);
	close(a.fd);
}

static int make_sha_file(void)
{
	static uint8_t chunk[1 << 16];
	uint32_t x = 0x9e3779b9;
	int fd = open(SHA_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	for (size_t done = 0; done < SHA_LEN; done += sizeof(chunk)) {
		for (size_t i = 0; i < sizeof(chunk); i++) {
			x = x * 1664525u + 1013904223u;
			chunk[i] = (uint8_t)(x >> 24);
		}
		if (write(fd, chunk, sizeof(chunk)) != (ssize_t)sizeof(chunk)) {
			close(fd);
			return -EIO;
		}
	}
	return close(fd) ? -errno : 0;
}

static int secure_sha(struct tzcom *h)
{
	uint8_t d[TZCOM_DIGEST_LEN];
	int fd = open(SHA_FILE, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = tzcom_digest_fd(h, TZCOM_DIGEST_SHA256, NULL, 0, fd, d);
	close(fd);
	return ret;
}

static int guest_sha(void)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execlp("sha256sum", "sha256sum", SHA_FILE, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -errno;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -EIO;
}

/* A few whole-file runs per row: each takes a good part of a second. */
static void sha_row(const char *key, struct tzcom *h)
{
	struct samples s;
	int ret = h ? secure_sha(h) : guest_sha();	/* warm-up: page cache */

	if (ret) {
		report_na(key, "%s", strerror(-ret));
		return;
	}
	if (samples_init(&s, SHA_SAMPLES)) {
		report_na(key, "out of memory");
		return;
	}
	uint64_t start = now_ns();

	for (int i = 0; i < SHA_SAMPLES && !ret; i++) {
		uint64_t t0 = now_ns();

		ret = h ? secure_sha(h) : guest_sha();
		samples_add(&s, now_ns() - t0);
	}
	s.wall_ns = now_ns() - start;
	s.ops = s.n;
	if (ret)
		report_na(key, "%s", strerror(-ret));
	else
		report_row(key, &s);
	samples_free(&s);
}

static void bench_sha(void)
{
	struct tzcom *h;
	int ret = make_sha_file();

	if (ret) {
		report_na("sha_16m", "writing %s: %s", SHA_FILE, strerror(-ret));
		report_na("sha_16m_nw", "writing %s: %s", SHA_FILE, strerror(-ret));
		return;
	}
	ret = tzcom_open(&h);
	if (ret)
		report_na("sha_16m", "tzcom_open: %s", strerror(-ret));
	else
		sha_row("sha_16m", h);
	if (!ret)
		tzcom_close(h);
	sha_row("sha_16m_nw", NULL);
	report_info("sha_bytes", "%u", SHA_LEN);
	unlink(SHA_FILE);
}

void bench_shm(void)
{
	bench_mem_xor();
	bench_sha();
}
