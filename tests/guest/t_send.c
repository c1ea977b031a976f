// SPDX-License-Identifier: BSD-3-Clause
/*
 * SEND_CMD: payload sizes up to the 20 KiB limit and one byte over, the
 * length rules of the uapi header (including the cmd_len + resp_len wrap),
 * resp_len written back, bad pointers, the test service's ECHO and
 * TRANSFORM checked against our own computation, GET_INFO, and several
 * threads sending at once.
 */
#include <sys/mman.h>

#include "tzt.h"

static uint8_t cmd[TZCOM_MAX_BUF_LEN + 16], rsp[TZCOM_MAX_BUF_LEN + 16];

/* ECHO of n bytes with a response area of area bytes. */
static int echo(int fd, uint32_t n, uint32_t area, uint32_t *rl)
{
	tzt_put32(cmd, TZ_TEST_ECHO);
	tzt_fill(cmd + 4, n, n);
	*rl = area;
	memset(rsp, 0xee, sizeof(rsp));
	return tzt_send(fd, cmd, 4 + n, rsp, rl);
}

static int echo_ok(uint32_t n, uint32_t rl)
{
	return rl == 8 + n && tzt_get32(rsp) == TZ_TEST_ECHO && tzt_get32(rsp + 4) == 0 &&
	       !memcmp(rsp + 8, cmd + 4, n);
}

struct sender {
	int fd;
	int id;
	int bad;
};

static void *sender_main(void *arg)
{
	struct sender *s = arg;
	uint8_t c[4 + 3000], r[8 + 3000];

	for (int i = 0; i < 40; i++) {
		uint32_t n = (uint32_t)(s->id * 997 + i * 61) % 3000, rl = 8 + n;

		tzt_put32(c, TZ_TEST_ECHO);
		tzt_fill(c + 4, n, (uint32_t)(s->id * 1000 + i));
		if (tzt_send(s->fd, c, 4 + n, r, &rl) || rl != 8 + n ||
		    tzt_get32(r + 4) != 0 || memcmp(r + 8, c + 4, n))
			s->bad++;
	}
	return NULL;
}

static int get_info(int fd, struct tzcom_core_info *ci, uint32_t *rl)
{
	tzt_put32(cmd, TZ_CORE_GET_INFO);
	*rl = 8 + sizeof(*ci);
	if (tzt_send(fd, cmd, 4, rsp, rl))
		return -1;
	memcpy(ci, rsp + 8, sizeof(*ci));
	return (int32_t)tzt_get32(rsp + 4);
}

int main(void)
{
	struct tzcom_core_info ci = { 0 }, ci2 = { 0 };
	uint32_t rl, n;
	int32_t st = 1;
	int fd, ret, ok;

	tap_plan(38);
	fd = tzt_open();

	ret = echo(fd, 1, 9, &rl);
	tap_err(ret, 0, "ECHO 1 byte");
	tap_ok(echo_ok(1, rl), "ECHO 1 byte: same byte back, resp_len 9 (got %u)", rl);
	ret = echo(fd, 0, 8, &rl);
	tap_ok(ret == 0 && echo_ok(0, rl), "ECHO 0 bytes: header only");
	ret = echo(fd, 4096, 8 + 4096, &rl);
	tap_ok(ret == 0 && echo_ok(4096, rl), "ECHO 4 KiB");

	/* 4 + n + 8 + n == 20480. */
	n = (TZCOM_MAX_BUF_LEN - 12) / 2;
	ret = echo(fd, n, 8 + n, &rl);
	tap_err(ret, 0, "ECHO at the limit: cmd_len + resp_len == 20480");
	tap_ok(echo_ok(n, rl), "ECHO at the limit: %u bytes back intact", n);
	tap_err(echo(fd, n, 8 + n + 1, &rl), -EINVAL,
		"one byte over the limit (resp_len): -EINVAL");
	tap_err(echo(fd, n + 1, 8 + n, &rl), -EINVAL,
		"one byte over the limit (cmd_len): -EINVAL");

	/* The largest command: the response area is only the header. */
	n = TZCOM_MAX_BUF_LEN - 4 - 8;
	ret = echo(fd, n, 8, &rl);
	tap_err(ret, 0, "command of 20472 bytes with an 8-byte response area");
	tap_err((int32_t)tzt_get32(rsp + 4), -EMSGSIZE,
		"... the service reports -EMSGSIZE in its header");
	tap_is(rl, 8, "... and resp_len is 8");

	ret = echo(fd, 100, 1000, &rl);
	tap_ok(ret == 0 && echo_ok(100, rl), "resp_len written back: 108 of 1000 (got %u)", rl);

	rl = 100;
	tap_err(tzt_send(fd, cmd, 3, rsp, &rl), -EINVAL, "cmd_len 3: -EINVAL");
	rl = 100;
	tap_err(tzt_send(fd, cmd, 0, rsp, &rl), -EINVAL, "cmd_len 0: -EINVAL");
	tap_err(echo(fd, 0, 7, &rl), -EINVAL, "resp_len 7: -EINVAL");
	rl = 16;
	tap_err(tzt_send(fd, cmd, 0xfffffff8u, rsp, &rl), -EINVAL,
		"cmd_len + resp_len wrapping past 2^32: -EINVAL");
	rl = 0xfffffff0u;
	tap_err(tzt_send(fd, cmd, 4, rsp, &rl), -EINVAL, "resp_len near 2^32: -EINVAL");

	/* TRANSFORM: out[i] = in[n-1-i] ^ 0xA5, computed here independently. */
	tzt_put32(cmd, TZ_TEST_TRANSFORM);
	tzt_fill(cmd + 4, 1000, 7);
	rl = 8 + 1000;
	ret = tzt_send(fd, cmd, 4 + 1000, rsp, &rl);
	ok = ret == 0 && rl == 1008 && tzt_get32(rsp) == TZ_TEST_TRANSFORM &&
	     tzt_get32(rsp + 4) == 0;
	for (int i = 0; ok && i < 1000; i++)
		ok = rsp[8 + i] == (uint8_t)(cmd[4 + 999 - i] ^ 0xA5);
	tap_ok(ok, "TRANSFORM 1000 bytes: reversed and xored with 0xA5");
	tzt_put32(cmd, TZ_TEST_TRANSFORM);
	rl = 64;
	ret = tzt_send(fd, cmd, 4, rsp, &rl);
	tap_ok(ret == 0 && rl == 8 && tzt_get32(rsp + 4) == 0, "TRANSFORM 0 bytes");

	ret = tzt_call(fd, TZ_CMD_ID(TZ_SVC_TEST, 0x99), NULL, 0, 64, &st, NULL, 0, NULL);
	tap_ok(ret == 0 && st == -ENOSYS, "unknown test command: status -ENOSYS (ret %d, status %d)",
	       ret, st);
	ret = tzt_call(fd, TZ_CMD_ID(0x7777, 1), NULL, 0, 64, &st, NULL, 0, NULL);
	tap_ok(ret == 0 && st == -ENOSYS, "unknown service: status -ENOSYS (ret %d, status %d)",
	       ret, st);

	/* Bad pointers: -EFAULT, and the device keeps working. */
	{
		struct tzcom_send_cmd_op_req r = {
			.cmd_len = 8, .cmd_buf = (void *)16, .resp_len = 64, .resp_buf = rsp,
		};

		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &r), -EFAULT,
			"unmapped cmd_buf: -EFAULT");
		r.cmd_buf = cmd;
		r.resp_buf = (void *)16;
		tzt_put32(cmd, TZ_TEST_ECHO);
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &r), -EFAULT,
			"unmapped resp_buf: -EFAULT");
		r.resp_buf = (void *)main;	/* text: mapped, read-only */
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &r), -EFAULT,
			"read-only resp_buf: -EFAULT");
		tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, NULL), -EFAULT,
			"NULL argument: -EFAULT");
		{
			/* A valid request in a read-only page: it runs, but
			 * resp_len cannot be written back. */
			struct tzcom_send_cmd_op_req *ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
								MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

			tzt_put32(cmd, TZ_TEST_ECHO);
			ret = -ENOMEM;
			if (ro != MAP_FAILED) {
				*ro = (struct tzcom_send_cmd_op_req){
					.cmd_len = 8, .cmd_buf = cmd, .resp_len = 64, .resp_buf = rsp,
				};
				mprotect(ro, 4096, PROT_READ);
				ret = tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, ro);
				munmap(ro, 4096);
			}
			tap_err(ret, -EFAULT,
				"read-only argument (resp_len cannot be written back): -EFAULT");
		}
	}
	ret = echo(fd, 300, 308, &rl);
	tap_ok(ret == 0 && echo_ok(300, rl), "device still works after the faults");

	/* GET_INFO, the scheduler core's status. */
	ret = get_info(fd, &ci, &rl);
	tap_err(ret, 0, "GET_INFO: status 0");
	tap_is(rl, 8 + sizeof(ci), "GET_INFO: resp_len 56");
	tap_ok(ci.version_major == TZ_SIP_REVISION_MAJOR, "GET_INFO: version %u.%u",
	       ci.version_major, ci.version_minor);
	tap_ok((ci.services & 3) == 3, "GET_INFO: core and test services up (0x%x)", ci.services);
	tap_ok(ci.sb_out_ready == 1 && ci.sb_log_ready == 1, "GET_INFO: sb_out and sb_log set up");
	tap_ok(ci.ns_dram_size_lo || ci.ns_dram_size_hi, "GET_INFO: NS DRAM known (base 0x%x%08x)",
	       ci.ns_dram_base_hi, ci.ns_dram_base_lo);
	echo(fd, 1, 9, &rl);
	ret = get_info(fd, &ci2, &rl);
	tap_ok(ret == 0 && ci2.commands_done >= ci.commands_done + 2,
	       "GET_INFO: commands_done counts (%u -> %u)", ci.commands_done, ci2.commands_done);

	/*
	 * Core commands that set up or release the shared buffers belong to
	 * the driver: from userspace, INIT_SB_OUT could point the secure
	 * world's callback writes at any NS memory, kernel memory included.
	 * The probe uses secure RAM, which the firmware rejects anyway, so a
	 * driver that forwards it does no harm here.
	 */
	{
		struct tz_pr_init_sb_req_s r = {
			.pr_cmd = TZ_CORE_INIT_SB_OUT, .sb_ptr = 0x0e000000, .sb_len = TZCOM_SB_LEN,
		};
		int32_t svc, hlos;

		rl = 64;
		ret = tzt_send(fd, &r, sizeof(r), rsp, &rl);
		tap_ok(ret < 0, "INIT_SB_OUT from userspace refused by the driver (ret %d, status %d)",
		       ret, ret ? 0 : (int32_t)tzt_get32(rsp + 4));
		if (ret < 0) {
			r.pr_cmd = TZ_CORE_RELEASE_SB;
			rl = 64;
			ret = tzt_send(fd, &r, sizeof(r), rsp, &rl);
			tap_ok(ret < 0, "RELEASE_SB from userspace refused by the driver (%d)", ret);
		} else {
			tap_skip(1, "RELEASE_SB not tried: the driver forwards core commands");
		}
		ret = tzt_forward(fd, 0xfffffff7u, "x", 1, &svc, &hlos, NULL, 0, NULL);
		tap_ok(ret == 0 && svc == 0 && hlos == -ENOENT,
		       "callback path still works (FORWARD, no listener: %d, %d, %d)", ret, svc, hlos);
	}

	/* Senders on one shared fd and on their own fds, all at once. */
	{
		struct sender s[6];
		pthread_t t[6];
		int bad = 0;

		for (int i = 0; i < 6; i++) {
			s[i] = (struct sender){ .fd = i < 3 ? fd : tzt_open(), .id = i };
			pthread_create(&t[i], NULL, sender_main, &s[i]);
		}
		for (int i = 0; i < 6; i++) {
			pthread_join(t[i], NULL);
			bad += s[i].bad;
			if (i >= 3)
				close(s[i].fd);
		}
		tap_is(bad, 0, "6 threads x 40 ECHOs at once, 3 sharing a fd: all intact");
	}

	close(fd);
	return tap_done();
}
