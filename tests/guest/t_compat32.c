// SPDX-License-Identifier: BSD-3-Clause
/*
 * The original 32-bit ABI through compat_ioctl: built with the armhf
 * compiler from the same uapi header (void * is 4 bytes there, so the
 * structs and ioctl numbers are the original's), it checks the numbers
 * and runs the seed sequence and the length/pointer rules; then registered
 * memory, sessions and INVOKE, whose layouts are the 64-bit ones.
 */
#include <stddef.h>

#include "tzt_mem.h"

#define BASE	0x55
#define SVC(n)	(0x7e5500u + (n))
#define CB(n)	TZT_CB(BASE, n)

_Static_assert(sizeof(void *) == 4, "build this test with the 32-bit compiler");
_Static_assert(sizeof(struct tzcom_invoke_req) == 136 &&
	       offsetof(struct tzcom_invoke_req, mem) == 40, "INVOKE: the 64-bit layout");

struct fwd {
	int fd;
	uint8_t data[100], ans[100];
	size_t ans_len;
	int ret;
	int32_t svc, hlos;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;

	f->ret = tzt_forward(f->fd, CB(1), f->data, sizeof(f->data), &f->svc, &f->hlos,
			     f->ans, sizeof(f->ans), &f->ans_len);
	return NULL;
}

static struct tzt_listener L;
static struct fwd F;

/*
 * Registered memory, sessions and INVOKE: fixed-size layouts with __u64
 * pointers, so the same numbers as in 64-bit programs, forwarded by
 * compat_ioctl unchanged.
 */
static void test_mem_and_sessions(int fd)
{
	const size_t len = 3 * 4096 + 123, cap = 4 * 4096;
	uint8_t *in = tzt_map(cap), *out = tzt_map(cap);
	uint32_t ii, oi, h;
	uint64_t done = 0, sum = 0;
	int32_t status = 1;
	int ok;

	tap_is(TZCOM_IOCTL_SHM_REGISTER_REQ, 0xC0189708, "SHM_REGISTER is 0xC0189708");
	tap_is(TZCOM_IOCTL_SHM_UNREGISTER_REQ, 0x40089709, "SHM_UNREGISTER is 0x40089709");
	tap_is(TZCOM_IOCTL_SESSION_OPEN_REQ, 0xC010970A, "SESSION_OPEN is 0xC010970A");
	tap_is(TZCOM_IOCTL_SESSION_CLOSE_REQ, 0x4010970B, "SESSION_CLOSE is 0x4010970B");
	tap_is(TZCOM_IOCTL_INVOKE_REQ, 0xC088970C, "INVOKE is 0xC088970C (136-byte struct)");

	tzt_fill(in, cap, 9);
	memset(out, 0xee, cap);
	tap_err(tzt_shm_reg(fd, in, cap, TZCOM_SHM_IN, &ii), 0, "32-bit SHM_REGISTER IN");
	tap_err(tzt_shm_reg(fd, out, cap, TZCOM_SHM_OUT, &oi), 0, "32-bit SHM_REGISTER OUT");
	tap_err(tzt_shm_reg(fd, in + 8, 4096, TZCOM_SHM_IN, NULL), -EINVAL,
		"32-bit unaligned SHM_REGISTER: -EINVAL");
	ok = !tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 7, len),
			  tzt_mref(oi, TZCOM_SHM_OUT, 300, len), len, 0x3c, &status, &done) &&
	     status == 0 && done == len && out[299] == 0xee && out[300 + len] == 0xee;
	for (size_t i = 0; ok && i < len; i++)
		ok = (in[7 + i] ^ 0x3c) == out[300 + i];
	tap_ok(ok, "32-bit INVOKE MEM_XOR %zu B at offsets: every byte (%d)", len, status);
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 1, cap),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -EINVAL,
		"32-bit memref past its registration: -EINVAL");
	tap_err(tzt_shm_unreg(fd, ii), 0, "32-bit SHM_UNREGISTER");
	tap_err(tzt_mem_xor(fd, tzt_mref(ii, TZCOM_SHM_IN, 0, 2),
			    tzt_mref(oi, TZCOM_SHM_OUT, 0, 2), 2, 0, &status, &done), -ENOENT,
		"32-bit INVOKE after UNREGISTER: -ENOENT");
	tap_err(tzt_shm_unreg(fd, oi), 0, "32-bit SHM_UNREGISTER OUT");

	tap_err(tzt_sess_open(fd, TZ_SVC_TEST, &h), 0, "32-bit SESSION_OPEN");
	tap_ok(!tzt_sess_add(fd, h, 40, &status, &sum) && !tzt_sess_add(fd, h, 2, &status, &sum) &&
	       status == 0 && sum == 42, "32-bit INVOKE SESSION_ADD 40 + 2 in it: 42 (%llu)",
	       (unsigned long long)sum);
	tap_err(tzt_sess_close(fd, h), 0, "32-bit SESSION_CLOSE");
	tap_err(tzt_sess_add(fd, h, 1, &status, &sum), -ENOENT,
		"32-bit INVOKE in the closed session: -ENOENT");
	munmap(in, cap);
	munmap(out, cap);
}

int main(void)
{
	uint8_t cmd[8 + 1000], rsp[8 + 1000];
	uint32_t inst, rl;
	int cfd, lfd, ok;

	tap_plan(18 + 17);
	tap_is(TZCOM_IOCTL_REGISTER_SERVICE_REQ, 0xC0109701, "REGISTER is 0xC0109701");
	tap_is(TZCOM_IOCTL_UNREGISTER_SERVICE_REQ, 0xC0089702, "UNREGISTER is 0xC0089702");
	tap_is(TZCOM_IOCTL_SEND_CMD_REQ, 0xC0149703, "SEND_CMD is 0xC0149703");
	tap_is(TZCOM_IOCTL_READ_NEXT_CMD_REQ, 0xC0149704, "READ_NEXT is 0xC0149704");
	tap_is(TZCOM_IOCTL_CONTINUE_CMD_REQ, 0xC0109705, "CONTINUE is 0xC0109705");
	tap_is(TZCOM_IOCTL_ABORT_REQ, 0x00009706, "ABORT is 0x00009706");

	cfd = tzt_open();
	lfd = tzt_open();

	/* ECHO with resp_len written back. */
	tzt_put32(cmd, TZ_TEST_ECHO);
	tzt_fill(cmd + 4, 1000, 32);
	rl = sizeof(rsp);
	tap_err(tzt_send(cfd, cmd, 4 + 1000, rsp, &rl), 0, "32-bit SEND_CMD ECHO 1000 B");
	tap_ok(rl == 1008 && tzt_get32(rsp + 4) == 0 && !memcmp(rsp + 8, cmd + 4, 1000),
	       "... bytes back and resp_len 1008 written back (%u)", rl);

	/* The seed sequence. */
	tap_err(tzt_register(lfd, SVC(1), CB(0), CB(0xff), &inst), 0, "32-bit REGISTER");
	L = (struct tzt_listener){ .fd = lfd, .svc = SVC(1), .inst = inst, .max = 1 };
	tap_ok(tzt_listener_start(&L), "32-bit listener blocked in READ_NEXT");
	F.fd = cfd;
	tzt_fill(F.data, sizeof(F.data), 5);
	pthread_create(&F.t, NULL, fwd_main, &F);
	pthread_join(F.t, NULL);
	tzt_listener_join(&L);
	ok = F.ret == 0 && F.svc == 0 && F.hlos == 0 && F.ans_len == 100;
	for (int i = 0; ok && i < 100; i++)
		ok = (F.ans[i] ^ F.data[i]) == 0xff;
	tap_ok(ok, "32-bit seed sequence: SEND_CMD -> callback -> CONTINUE -> response");
	tap_ok(L.last_cmd == CB(1) && L.last_len == 100 && L.cont_err == 0,
	       "32-bit READ_NEXT got cmd_id and req_len 100; CONTINUE accepted");

	/* READ_NEXT's req_len write-back on -EMSGSIZE, in the 32-bit layout. */
	pthread_create(&F.t, NULL, fwd_main, &F);
	{
		static uint8_t buf[256];
		uint32_t cmd = 0, len = 10;
		int ret = tzt_read_next(lfd, SVC(1), inst, &cmd, buf, &len);

		tap_ok(ret == -EMSGSIZE && len == 100,
		       "32-bit READ_NEXT into 10 bytes: -EMSGSIZE, req_len 100 (%d, %u)", ret, len);
		len = sizeof(buf);
		ret = tzt_read_next(lfd, SVC(1), inst, &cmd, buf, &len);
		for (uint32_t i = 0; i < len; i++)
			buf[i] ^= 0xff;
		if (!ret)
			ret = tzt_continue(lfd, cmd, inst, buf, len);
		pthread_join(F.t, NULL);
		tap_ok(ret == 0 && F.ret == 0 && F.hlos == 0 && F.ans_len == 100,
		       "32-bit READ_NEXT again + CONTINUE complete it (%d, %d)", ret, F.hlos);
	}
	tap_err(tzt_unregister(lfd, SVC(1), inst), 0, "32-bit UNREGISTER");

	/* Rules hold through compat too. */
	rl = 9;
	tap_err(tzt_send(cfd, cmd, TZCOM_MAX_BUF_LEN, rsp, &rl), -EINVAL,
		"32-bit SEND_CMD over the limit: -EINVAL");
	{
		struct tzcom_send_cmd_op_req r = {
			.cmd_len = 8, .cmd_buf = (void *)16, .resp_len = 16, .resp_buf = rsp,
		};

		tap_err(tzt_ioctl(cfd, TZCOM_IOCTL_SEND_CMD_REQ, &r), -EFAULT,
			"32-bit unmapped cmd_buf: -EFAULT");
	}
	tap_err(tzt_ioctl(cfd, _IOWR(TZCOM_IOC_MAGIC, 42, int), NULL), -ENOTTY,
		"32-bit unknown ioctl: -ENOTTY");
	test_mem_and_sessions(cfd);
	close(cfd);
	close(lfd);
	return tap_done();
}
