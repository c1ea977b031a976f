// SPDX-License-Identifier: BSD-3-Clause
/*
 * The original 32-bit ABI through compat_ioctl: built with the armhf
 * compiler from the same uapi header (void * is 4 bytes there, so the
 * structs and ioctl numbers are the original's), it checks the numbers
 * and runs the seed sequence and the length/pointer rules.
 */
#include "tzt.h"

#define BASE	0x55
#define SVC(n)	(0x7e5500u + (n))
#define CB(n)	TZT_CB(BASE, n)

_Static_assert(sizeof(void *) == 4, "build this test with the 32-bit compiler");

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

int main(void)
{
	uint8_t cmd[8 + 1000], rsp[8 + 1000];
	uint32_t inst, rl;
	int cfd, lfd, ok;

	tap_plan(18);
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
	close(cfd);
	close(lfd);
	return tap_done();
}
