// SPDX-License-Identifier: BSD-3-Clause
/*
 * robust-badinput: every ioctl with hostile arguments (issue 5), each case
 * with the exact errno the ABI promises:
 *  - the argument pointer NULL, unmapped, in kernel space, straddling the
 *    end of the mapping, or read-only where the ioctl writes back;
 *  - each buffer pointer likewise (cmd_buf, resp_buf, req_buf);
 *  - lengths 0, 1, the limit, limit+1, 0xFFFFFFFF and wrapping sums;
 *  - unknown numbers, wrong sizes and directions, the 32-bit numbers on
 *    the native ABI (-ENOTTY);
 *  - unknown, stale, mismatched and foreign instance ids; bad ranges;
 *  - CONTINUE with nothing delivered, twice, from another fd or process,
 *    with resp_len past the buffer;
 *  - every ioctl after ABORT (-ENODEV).
 * After each failed call the state it must not have changed is checked
 * (the callback still queued or delivered, no service left behind), and
 * the test ends with a clean kernel log.
 */
#include <poll.h>

#include "rb.h"

#define BASE	0xA1
#define SVC(n)	(0x7ea100u + (n))
#define CB(n)	TZT_CB(BASE, n)

static uint8_t big_cmd[TZCOM_MAX_BUF_LEN + 64], big_rsp[TZCOM_MAX_BUF_LEN + 64];
static uint8_t rbuf[TZCOM_MAX_CB_LEN + 64], abuf[TZCOM_MAX_CB_RSP_LEN + 64];
static long long base_services;

/* ---- a client thread that sends one FORWARD or CHAIN ---------------------- */

struct client {
	int fd;
	uint32_t cb;		/* FORWARD: callback id */
	uint32_t n;		/* FORWARD: data bytes */
	struct tzt_chain_ent ch[4];
	uint32_t nch;		/* CHAIN if > 0 */
	int ret;
	int32_t svc, hlos;
	uint32_t count, hash;
	size_t ans_len;
	uint8_t ans[256];
	pthread_t t;
};

static void *client_main(void *arg)
{
	struct client *c = arg;
	uint8_t data[4096];

	if (c->nch) {
		c->ret = tzt_chain(c->fd, c->ch, c->nch, &c->svc, &c->count, &c->hash);
	} else {
		tzt_fill(data, c->n, c->cb);
		c->ret = tzt_forward(c->fd, c->cb, data, c->n, &c->svc, &c->hlos,
				     c->ans, sizeof(c->ans), &c->ans_len);
	}
	return NULL;
}

static void forward_start(struct client *c, int fd, uint32_t cb, uint32_t n)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->cb = cb;
	c->n = n;
	c->ret = 1;
	if (pthread_create(&c->t, NULL, client_main, c))
		tap_bail("pthread_create");
}

static void chain_start(struct client *c, int fd, uint32_t cb, uint32_t len)
{
	memset(c, 0, sizeof(*c));
	c->fd = fd;
	c->nch = 1;
	c->ch[0].cb_id = cb;
	c->ch[0].len = len;
	c->ret = 1;
	if (pthread_create(&c->t, NULL, client_main, c))
		tap_bail("pthread_create");
}

/* Wait until the service has a callback queued (the client is waiting). */
static int queued(long ms)
{
	double end = tzt_now_ms() + ms;

	while (tzt_now_ms() < end) {
		if (tzt_stat("queued_callbacks") > 0)
			return 1;
		tzt_sleep_ms(2);
	}
	return 0;
}

/* ---- A. the argument pointer ------------------------------------------------ */

static const struct {
	const char *name;
	unsigned long nr;
	size_t size;
} ioctls[] = {
	{ "REGISTER", TZCOM_IOCTL_REGISTER_SERVICE_REQ, sizeof(struct tzcom_register_svc_op_req) },
	{ "UNREGISTER", TZCOM_IOCTL_UNREGISTER_SERVICE_REQ, sizeof(struct tzcom_unregister_svc_op_req) },
	{ "SEND_CMD", TZCOM_IOCTL_SEND_CMD_REQ, sizeof(struct tzcom_send_cmd_op_req) },
	{ "READ_NEXT", TZCOM_IOCTL_READ_NEXT_CMD_REQ, sizeof(struct tzcom_next_cmd_op_req) },
	{ "CONTINUE", TZCOM_IOCTL_CONTINUE_CMD_REQ, sizeof(struct tzcom_cont_cmd_op_req) },
};

#define N_IOCTLS	(sizeof(ioctls) / sizeof(ioctls[0]))

static void arg_pointer_tests(int fd)
{
	for (size_t i = 0; i < N_IOCTLS; i++) {
		const char *nm = ioctls[i].name;
		unsigned long nr = ioctls[i].nr;

		tap_err(tzt_ioctl(fd, nr, NULL), -EFAULT, "%s: NULL argument: -EFAULT", nm);
		tap_err(tzt_ioctl(fd, nr, rb_unmapped), -EFAULT,
			"%s: unmapped argument: -EFAULT", nm);
		tap_err(tzt_ioctl(fd, nr, RB_KADDR), -EFAULT,
			"%s: argument in kernel space (0xffff800008000000): -EFAULT", nm);
		/* All but the last 4 bytes mapped: a partial copy must not run. */
		memset(rb_at_edge(ioctls[i].size - 4), 0, ioctls[i].size - 4);
		tap_err(tzt_ioctl(fd, nr, rb_at_edge(ioctls[i].size - 4)), -EFAULT,
			"%s: argument straddling the end of the mapping: -EFAULT", nm);
	}
	tap_ok(rb_services_at(base_services, 1000), "no service left behind by the faulting calls");
}

/* The argument is readable but not writable: the write-back fails. */
static void readonly_arg_tests(int fd)
{
	struct tzcom_register_svc_op_req reg = {
		.svc_id = SVC(1), .cmd_id_low = CB(0x10), .cmd_id_high = CB(0x1f),
	};
	struct tzcom_send_cmd_op_req snd;
	struct tzcom_next_cmd_op_req nxt;
	struct client c;
	uint32_t inst, cmd, len;
	int lfd;

	/* rb_ro is PROT_READ: fill it through a writable alias. */
	mprotect(rb_ro, rb_pagesz, PROT_READ | PROT_WRITE);
	memcpy(rb_ro, &reg, sizeof(reg));
	mprotect(rb_ro, rb_pagesz, PROT_READ);
	tap_err(tzt_ioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, rb_ro), -EFAULT,
		"REGISTER with a read-only argument: -EFAULT");
	tap_err(tzt_register(fd, SVC(1), CB(0x10), CB(0x1f), &inst), 0,
		"... and the service was not left registered (same id and range free)");

	tzt_put32(big_cmd, TZ_TEST_ECHO);
	snd = (struct tzcom_send_cmd_op_req){
		.cmd_len = 16, .cmd_buf = big_cmd, .resp_len = 64, .resp_buf = big_rsp,
	};
	mprotect(rb_ro, rb_pagesz, PROT_READ | PROT_WRITE);
	memcpy(rb_ro, &snd, sizeof(snd));
	mprotect(rb_ro, rb_pagesz, PROT_READ);
	tap_err(tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, rb_ro), -EFAULT,
		"SEND_CMD with a read-only argument (resp_len write-back): -EFAULT");

	/* READ_NEXT: the callback must go back to its queue. */
	lfd = open(TZT_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	tzt_attach(lfd, fd, SVC(1), inst);
	forward_start(&c, fd, CB(0x11), 16);
	tap_ok(queued(3000), "a FORWARD's callback is queued for the service");
	nxt = (struct tzcom_next_cmd_op_req){
		.svc_id = SVC(1), .instance_id = inst, .req_len = sizeof(rbuf), .req_buf = rbuf,
	};
	mprotect(rb_ro, rb_pagesz, PROT_READ | PROT_WRITE);
	memcpy(rb_ro, &nxt, sizeof(nxt));
	mprotect(rb_ro, rb_pagesz, PROT_READ);
	tap_err(tzt_ioctl(lfd, TZCOM_IOCTL_READ_NEXT_CMD_REQ, rb_ro), -EFAULT,
		"READ_NEXT with a read-only argument (cmd_id write-back): -EFAULT");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(lfd, SVC(1), inst, &cmd, rbuf, &len), 0,
		"... the callback stayed queued: a good READ_NEXT gets it");
	tap_ok(cmd == CB(0x11) && len == 16, "... intact (cmd 0x%x, %u bytes)", cmd, len);
	for (uint32_t j = 0; j < len; j++)
		abuf[j] = rbuf[j] ^ 0xff;
	tap_err(tzt_continue(lfd, cmd, inst, abuf, len), 0, "... and is answered");
	pthread_join(c.t, NULL);
	tap_ok(c.ret == 0 && c.svc == 0 && c.hlos == 0 && c.ans_len == 16,
	       "... the client gets the answer (ret %d, svc %d, hlos %d, %zu bytes)",
	       c.ret, c.svc, c.hlos, c.ans_len);
	close(lfd);
	tap_err(tzt_unregister(fd, SVC(1), inst), 0, "unregister");
}

/* ---- B. buffer pointers ----------------------------------------------------- */

static int send_ptrs(int fd, void *cmd, uint32_t cl, void *rsp, uint32_t rl)
{
	struct tzcom_send_cmd_op_req r = {
		.cmd_len = cl, .cmd_buf = cmd, .resp_len = rl, .resp_buf = rsp,
	};

	return tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &r);
}

static void send_buffer_tests(int fd)
{
	uint8_t *edge = rb_at_edge(16);

	tzt_put32(big_cmd, TZ_TEST_ECHO);
	memset(big_cmd + 4, 0x77, 60);
	tap_err(send_ptrs(fd, NULL, 64, big_rsp, 128), -EFAULT, "SEND_CMD cmd_buf NULL: -EFAULT");
	tap_err(send_ptrs(fd, rb_unmapped, 64, big_rsp, 128), -EFAULT,
		"SEND_CMD cmd_buf unmapped: -EFAULT");
	tap_err(send_ptrs(fd, RB_KADDR, 64, big_rsp, 128), -EFAULT,
		"SEND_CMD cmd_buf in kernel space: -EFAULT");
	tzt_put32(edge, TZ_TEST_ECHO);
	tap_err(send_ptrs(fd, edge, 64, big_rsp, 128), -EFAULT,
		"SEND_CMD cmd_len past the end of cmd_buf's mapping: -EFAULT");
	tap_err(send_ptrs(fd, big_cmd, 64, NULL, 128), -EFAULT, "SEND_CMD resp_buf NULL: -EFAULT");
	tap_err(send_ptrs(fd, big_cmd, 64, rb_unmapped, 128), -EFAULT,
		"SEND_CMD resp_buf unmapped: -EFAULT");
	tap_err(send_ptrs(fd, big_cmd, 64, RB_KADDR, 128), -EFAULT,
		"SEND_CMD resp_buf in kernel space: -EFAULT");
	tap_err(send_ptrs(fd, big_cmd, 64, rb_ro, 128), -EFAULT,
		"SEND_CMD resp_buf read-only: -EFAULT");
	tap_err(send_ptrs(fd, big_cmd, 64, edge, 128), -EFAULT,
		"SEND_CMD resp_len past the end of resp_buf's mapping: -EFAULT");
	/* The cmd_buf pointing at itself in the same buffer as resp_buf is fine. */
	tap_err(send_ptrs(fd, big_cmd, 64, big_cmd, 128), 0,
		"SEND_CMD with resp_buf == cmd_buf: allowed (the command is copied first)");
	tap_ok(tzt_get32(big_cmd) == TZ_TEST_ECHO && tzt_get32(big_cmd + 4) == 0 &&
	       big_cmd[8] == 0x77 && big_cmd[67] == 0x77,
	       "... and the response overwrote the command correctly");
	tap_ok(rb_echo_ok(fd), "a good ECHO after the faulting SEND_CMDs");
}

static void read_continue_buffer_tests(int fd)
{
	struct client c;
	uint32_t inst, cmd, len;
	uint8_t *edge;
	int lfd, ok;

	lfd = open(TZT_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	tap_err(tzt_register(lfd, SVC(2), CB(0x20), CB(0x2f), &inst), 0, "register a listener");
	forward_start(&c, fd, CB(0x21), 100);
	tap_ok(queued(3000), "a 100-byte callback is queued");

	len = 100;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, NULL, &len), -EFAULT,
		"READ_NEXT req_buf NULL: -EFAULT");
	len = 100;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rb_unmapped, &len), -EFAULT,
		"READ_NEXT req_buf unmapped: -EFAULT");
	len = 100;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, RB_KADDR, &len), -EFAULT,
		"READ_NEXT req_buf in kernel space: -EFAULT");
	len = 100;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rb_ro, &len), -EFAULT,
		"READ_NEXT req_buf read-only: -EFAULT");
	len = 100;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rb_at_edge(50), &len), -EFAULT,
		"READ_NEXT req_len past the end of req_buf's mapping: -EFAULT");
	tap_is(tzt_stat("queued_callbacks"), 1, "the callback is still queued after 5 faults");

	/* Lengths: 0, 1, one short, exact; each refusal says what is needed. */
	len = 0;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), -EMSGSIZE,
		"READ_NEXT req_len 0 for 100 bytes: -EMSGSIZE");
	tap_is(len, 100, "... req_len set to the size needed");
	len = 1;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), -EMSGSIZE,
		"READ_NEXT req_len 1: -EMSGSIZE");
	len = 99;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), -EMSGSIZE,
		"READ_NEXT req_len 99: -EMSGSIZE");
	/*
	 * req_len 0xFFFFFFFF with only 100 bytes mapped: the driver writes
	 * the payload's length and no more.
	 */
	len = 0xffffffffu;
	edge = rb_at_edge(100);
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, edge, &len), 0,
		"READ_NEXT req_len 0xFFFFFFFF, 100 bytes mapped: only the payload is written");
	tzt_fill(rbuf, 100, CB(0x21));
	tap_ok(cmd == CB(0x21) && len == 100 && !memcmp(edge, rbuf, 100),
	       "... cmd_id, req_len 100 and the payload are right (len %u)", len);

	/* CONTINUE: bad answer buffers leave the callback delivered. */
	for (uint32_t j = 0; j < 100; j++)
		abuf[j] = rbuf[j] ^ 0x3c;
	tap_err(tzt_continue(lfd, cmd, inst, NULL, 100), -EFAULT,
		"CONTINUE resp_buf NULL: -EFAULT");
	tap_err(tzt_continue(lfd, cmd, inst, rb_unmapped, 100), -EFAULT,
		"CONTINUE resp_buf unmapped: -EFAULT");
	tap_err(tzt_continue(lfd, cmd, inst, RB_KADDR, 100), -EFAULT,
		"CONTINUE resp_buf in kernel space: -EFAULT");
	memcpy(rb_at_edge(40), abuf, 40);
	tap_err(tzt_continue(lfd, cmd, inst, rb_at_edge(40), 100), -EFAULT,
		"CONTINUE resp_len past the end of the buffer: -EFAULT");
	tap_err(tzt_continue(lfd, cmd, inst, abuf, 0xffffffffu), -EINVAL,
		"CONTINUE resp_len 0xFFFFFFFF: -EINVAL");
	tap_err(tzt_continue(lfd, cmd, inst, abuf, TZCOM_MAX_CB_RSP_LEN + 1), -EINVAL,
		"CONTINUE resp_len limit+1 (20465): -EINVAL");
	tap_is(tzt_stat("delivered_callbacks"), 1, "the callback is still delivered");
	tap_err(tzt_continue(lfd, cmd, inst, abuf, 100), 0, "a good CONTINUE then succeeds");
	pthread_join(c.t, NULL);
	ok = c.ret == 0 && c.svc == 0 && c.hlos == 0 && c.ans_len == 100;
	for (uint32_t j = 0; ok && j < 100; j++)
		ok = c.ans[j] == (rbuf[j] ^ 0x3c);
	tap_ok(ok, "... and the client gets exactly that answer");
	tap_err(tzt_continue(lfd, cmd, inst, abuf, 100), -EBADF, "CONTINUE twice: -EBADF");

	/* A zero-length callback with a NULL buffer; answers of 0 and 1 bytes. */
	forward_start(&c, fd, CB(0x22), 0);
	tap_ok(queued(3000), "a 0-byte callback is queued");
	len = 0;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, NULL, &len), 0,
		"READ_NEXT req_len 0, req_buf NULL, 0-byte payload: ok");
	tap_err(tzt_continue(lfd, cmd, inst, NULL, 0), 0, "CONTINUE resp_len 0, resp_buf NULL: ok");
	pthread_join(c.t, NULL);
	tap_ok(c.ret == 0 && c.hlos == 0 && c.ans_len == 0, "... the client gets an empty answer");
	forward_start(&c, fd, CB(0x23), 1);
	tap_ok(queued(3000), "a 1-byte callback is queued");
	len = 1;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), 0, "READ_NEXT req_len 1: ok");
	abuf[0] = 0xee;
	tap_err(tzt_continue(lfd, cmd, inst, abuf, 1), 0, "CONTINUE resp_len 1: ok");
	pthread_join(c.t, NULL);
	tap_ok(c.ret == 0 && c.hlos == 0 && c.ans_len == 1 && c.ans[0] == 0xee,
	       "... the client gets the 1-byte answer");

	/* The limits: a callback of TZCOM_MAX_CB_LEN, an answer of TZCOM_MAX_CB_RSP_LEN. */
	chain_start(&c, fd, CB(0x24), TZCOM_MAX_CB_LEN);
	tap_ok(queued(3000), "a CHAIN callback of 20468 bytes (the limit) is queued");
	len = TZCOM_MAX_CB_LEN - 1;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), -EMSGSIZE,
		"READ_NEXT req_len 20467: -EMSGSIZE");
	tap_is(len, TZCOM_MAX_CB_LEN, "... req_len set to 20468");
	len = TZCOM_MAX_CB_LEN;
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), 0, "READ_NEXT req_len 20468: ok");
	ok = len == TZCOM_MAX_CB_LEN;
	for (uint32_t j = 0; ok && j < len; j++)
		ok = rbuf[j] == TZ_TEST_CHAIN_BYTE(0, j);
	tap_ok(ok, "... all 20468 bytes are the CHAIN pattern");
	/* 20468 bytes cannot be answered in full: the service sees a short answer. */
	for (uint32_t j = 0; j < TZCOM_MAX_CB_RSP_LEN; j++)
		abuf[j] = rbuf[j] ^ 0xff;
	tap_err(tzt_continue(lfd, cmd, inst, abuf, TZCOM_MAX_CB_RSP_LEN), 0,
		"CONTINUE resp_len 20464 (the limit): ok");
	pthread_join(c.t, NULL);
	tap_ok(c.ret == 0 && c.svc == -EBADMSG,
	       "... CHAIN reports the short answer as -EBADMSG (ret %d, svc %d)", c.ret, c.svc);

	chain_start(&c, fd, CB(0x25), TZCOM_MAX_CB_RSP_LEN);
	tap_ok(queued(3000), "a CHAIN callback of 20464 bytes is queued");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(lfd, SVC(2), inst, &cmd, rbuf, &len), 0, "READ_NEXT: ok");
	for (uint32_t j = 0; j < len; j++)
		abuf[j] = rbuf[j] ^ 0xff;
	tap_err(tzt_continue(lfd, cmd, inst, abuf, len), 0, "CONTINUE with all 20464 bytes: ok");
	pthread_join(c.t, NULL);
	{
		struct tzt_chain_ent e = { CB(0x25), TZCOM_MAX_CB_RSP_LEN };

		tap_ok(c.ret == 0 && c.svc == 0 && c.count == 1 && c.hash == tzt_chain_hash(&e, 1),
		       "... CHAIN's digest of the 20464-byte answer is right");
	}
	tap_err(tzt_unregister(lfd, SVC(2), inst), 0, "unregister");
	close(lfd);
}

/* ---- C. SEND_CMD lengths ------------------------------------------------------- */

static void send_length_tests(int fd)
{
	static const struct {
		uint32_t cl, rl;
		int want;
		const char *what;
	} t[] = {
		{ 0, 64, -EINVAL, "cmd_len 0" },
		{ 1, 64, -EINVAL, "cmd_len 1" },
		{ 3, 64, -EINVAL, "cmd_len 3" },
		{ 4, 8, 0, "cmd_len 4, resp_len 8 (both minimal)" },
		{ 4, 0, -EINVAL, "resp_len 0" },
		{ 4, 1, -EINVAL, "resp_len 1" },
		{ 4, 7, -EINVAL, "resp_len 7" },
		{ TZCOM_MAX_BUF_LEN - 8, 8, 0, "cmd_len 20472 + resp_len 8 (the limit)" },
		{ TZCOM_MAX_BUF_LEN - 7, 8, -EINVAL, "cmd_len 20473 + resp_len 8 (limit+1)" },
		{ 4, TZCOM_MAX_BUF_LEN - 4, 0, "cmd_len 4 + resp_len 20476 (the limit)" },
		{ 4, TZCOM_MAX_BUF_LEN - 3, -EINVAL, "cmd_len 4 + resp_len 20477 (limit+1)" },
		{ TZCOM_MAX_BUF_LEN, 8, -EINVAL, "cmd_len 20480" },
		{ TZCOM_MAX_BUF_LEN + 1, 8, -EINVAL, "cmd_len 20481" },
		{ 4, TZCOM_MAX_BUF_LEN, -EINVAL, "resp_len 20480" },
		{ 0xffffffffu, 8, -EINVAL, "cmd_len 0xFFFFFFFF" },
		{ 4, 0xffffffffu, -EINVAL, "resp_len 0xFFFFFFFF" },
		{ 0xffffffffu, 0xffffffffu, -EINVAL, "both 0xFFFFFFFF" },
		{ 0xfffffffcu, 0x10, -EINVAL, "cmd_len + resp_len wraps to 12" },
		{ 0x10, 0xfffffff8u, -EINVAL, "resp_len + cmd_len wraps to 8" },
		{ 0x80000000u, 0x80000000u, -EINVAL, "cmd_len + resp_len wraps to 0" },
		{ 0x80000004u, 0x80000004u, -EINVAL, "cmd_len + resp_len wraps to 8" },
	};

	tzt_put32(big_cmd, TZ_TEST_ECHO);
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		uint32_t rl = t[i].rl;
		int ret = tzt_send(fd, big_cmd, t[i].cl, big_rsp, &rl);

		tap_err(ret, t[i].want, "SEND_CMD %s: %s", t[i].what,
			t[i].want ? "-EINVAL" : "ok");
	}
}

/* ---- D. ioctl numbers --------------------------------------------------------- */

static void number_tests(int fd)
{
	static const struct {
		unsigned long nr;
		const char *what;
	} t[] = {
		{ _IOWR(TZCOM_IOC_MAGIC, 0, struct tzcom_register_svc_op_req), "nr 0" },
		{ _IOWR(TZCOM_IOC_MAGIC, 7, struct tzcom_register_svc_op_req), "nr 7" },
		{ _IOWR(TZCOM_IOC_MAGIC, 0x41, struct tzcom_send_cmd_op_req), "nr 0x41" },
		{ _IOWR(TZCOM_IOC_MAGIC, 0xff, struct tzcom_send_cmd_op_req), "nr 0xff" },
		{ _IO(TZCOM_IOC_MAGIC, 0), "_IO nr 0" },
		{ _IOWR(TZCOM_IOC_MAGIC + 1, 1, struct tzcom_register_svc_op_req), "magic 0x98, nr 1" },
		{ _IOWR(TZCOM_IOC_MAGIC - 1, 3, struct tzcom_send_cmd_op_req), "magic 0x96, nr 3" },
		{ _IO(TZCOM_IOC_MAGIC - 1, 6), "magic 0x96, nr 6 (ABORT elsewhere)" },
		{ 0, "0" },
		{ 0xffffffffu, "0xFFFFFFFF" },
		/* The original 32-bit numbers belong to compat_ioctl only. */
		{ 0xC0149703u, "32-bit SEND_CMD 0xC0149703 on the 64-bit ABI" },
		{ 0xC0149704u, "32-bit READ_NEXT 0xC0149704 on the 64-bit ABI" },
		{ 0xC0109705u, "32-bit CONTINUE 0xC0109705 on the 64-bit ABI" },
		/* ABORT with a size or direction. */
		{ _IOWR(TZCOM_IOC_MAGIC, 6, uint32_t), "ABORT as _IOWR(6, u32)" },
		{ _IOW(TZCOM_IOC_MAGIC, 6, uint64_t), "ABORT as _IOW(6, u64)" },
		{ _IOR(TZCOM_IOC_MAGIC, 6, uint32_t), "ABORT as _IOR(6, u32)" },
	};
	uint8_t scratch[256];

	memset(scratch, 0, sizeof(scratch));
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		tap_err(tzt_ioctl(fd, t[i].nr, scratch), -ENOTTY, "ioctl %s: -ENOTTY", t[i].what);

	/* Same nr, other size or direction: none of them may reach a handler. */
	for (size_t i = 0; i < N_IOCTLS; i++) {
		unsigned long nr = _IOC_NR(ioctls[i].nr);
		size_t sz = ioctls[i].size;
		unsigned long v[] = {
			_IOC(_IOC_READ | _IOC_WRITE, TZCOM_IOC_MAGIC, nr, sz - 4),
			_IOC(_IOC_READ | _IOC_WRITE, TZCOM_IOC_MAGIC, nr, sz + 4),
			_IOC(_IOC_READ | _IOC_WRITE, TZCOM_IOC_MAGIC, nr, sz + 8),
			_IOC(_IOC_NONE, TZCOM_IOC_MAGIC, nr, 0),
			_IOC(_IOC_READ, TZCOM_IOC_MAGIC, nr, sz),
			_IOC(_IOC_WRITE, TZCOM_IOC_MAGIC, nr, sz),
		};
		int bad = 0;

		for (size_t k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
			int r = tzt_ioctl(fd, v[k], scratch);

			if (r != -ENOTTY) {
				bad++;
				tap_diag("%s: 0x%08lx gave %d", ioctls[i].name, v[k], r);
			}
		}
		tap_is(bad, 0, "%s: size %zu-4, +4, +8, 0 and _IOR/_IOW variants: all -ENOTTY",
		       ioctls[i].name, sz);
	}
	tap_ok(rb_echo_ok(fd), "the fd works after the unknown ioctls (none was an ABORT)");
	tap_ok(rb_services_at(base_services, 1000), "no service registered by them");
}

/* ---- E. instance ids and ranges ------------------------------------------------- */

static void id_tests(int fd)
{
	uint32_t ia, ib, stale, cmd, len, foreign_inst = 0;
	int p2c[2], c2p[2], nfd;
	char ch = 0;
	pid_t pid;

	nfd = open(TZT_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	tap_err(tzt_register(fd, SVC(3), CB(0x30), CB(0x30), &stale), 0, "register A");
	tap_err(tzt_unregister(fd, SVC(3), stale), 0, "unregister A: its instance id is stale");
	tap_err(tzt_register(fd, SVC(3), CB(0x30), CB(0x30), &ia), 0, "register A again");
	tap_ok(ia != stale, "... under a new instance id (%u, stale %u)", ia, stale);
	tap_err(tzt_register(fd, SVC(4), CB(0x31), CB(0x31), &ib), 0, "register B");

	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(0x99), ia, &cmd, rbuf, &len), -EINVAL,
		"READ_NEXT unknown svc_id: -EINVAL");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(3), stale, &cmd, rbuf, &len), -EINVAL,
		"READ_NEXT stale instance id: -EINVAL");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(3), ib, &cmd, rbuf, &len), -EINVAL,
		"READ_NEXT svc A with B's instance id: -EINVAL");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(3), 0, &cmd, rbuf, &len), -EINVAL,
		"READ_NEXT instance id 0: -EINVAL");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(3), 0xffffffffu, &cmd, rbuf, &len), -EINVAL,
		"READ_NEXT instance id 0xFFFFFFFF: -EINVAL");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(3), ia, &cmd, rbuf, &len), -EPERM,
		"READ_NEXT of a live service from another fd, not attached: -EPERM");
	tap_err(tzt_attach(nfd, fd, SVC(3), ia), 0, "ATTACH that fd with the owner's fd");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(3), ia, &cmd, rbuf, &len), -EAGAIN,
		"... then READ_NEXT is accepted (-EAGAIN, O_NONBLOCK)");
	tap_err(tzt_unregister(fd, SVC(3), stale), -EINVAL, "UNREGISTER stale instance id: -EINVAL");
	tap_err(tzt_unregister(fd, SVC(0x99), ia), -EINVAL, "UNREGISTER unknown svc_id: -EINVAL");
	tap_err(tzt_unregister(fd, SVC(3), ib), -EINVAL,
		"UNREGISTER svc A with B's instance id: -EINVAL");
	tap_err(tzt_continue(fd, CB(0x30), ia, abuf, 4), -EBADF,
		"CONTINUE with nothing delivered: -EBADF");
	tap_err(tzt_continue(fd, CB(0x30), stale, abuf, 4), -EBADF,
		"CONTINUE with a stale instance id: -EBADF");

	/* Another process's service. */
	if (pipe(p2c) || pipe(c2p))
		tap_bail("pipe");
	pid = fork();
	if (pid == 0) {
		int cfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
		uint32_t ci = 0;

		if (cfd < 0 || tzt_register(cfd, SVC(5), CB(0x40), CB(0x4f), &ci))
			ci = 0;
		if (write(c2p[1], &ci, 4) != 4 || read(p2c[0], &ch, 1) != 1)
			_exit(1);
		_exit(0);
	}
	if (read(c2p[0], &foreign_inst, 4) != 4)
		foreign_inst = 0;
	tap_ok(foreign_inst != 0, "a child process registered its service (instance %u)",
	       foreign_inst);
	tap_err(tzt_unregister(fd, SVC(5), foreign_inst), -EPERM,
		"UNREGISTER another process's service: -EPERM");
	tap_err(tzt_register(fd, SVC(5), CB(0x50), CB(0x50), NULL), -EBUSY,
		"REGISTER another process's svc_id: -EBUSY");
	tap_err(tzt_register(fd, SVC(6), CB(0x45), CB(0x45), NULL), -EBUSY,
		"REGISTER inside another process's range: -EBUSY");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(5), foreign_inst, &cmd, rbuf, &len), -EPERM,
		"READ_NEXT of another process's service: -EPERM (only its owner may share it)");
	if (write(p2c[1], &ch, 1) != 1)
		tap_diag("pipe write failed");
	waitpid(pid, NULL, 0);
	len = sizeof(rbuf);
	tap_err(tzt_read_next(nfd, SVC(5), foreign_inst, &cmd, rbuf, &len), -EINVAL,
		"after that process exited its instance id is gone: -EINVAL");
	close(p2c[0]);
	close(p2c[1]);
	close(c2p[0]);
	close(c2p[1]);

	/* Ranges, around A = [lo, hi]. */
	{
		uint32_t lo = CB(0x100), hi = CB(0x1ff), i1, i2;

		tap_err(tzt_register(fd, SVC(7), lo, hi, &i1), 0, "register [lo, hi]");
		tap_err(tzt_register(fd, SVC(8), hi, lo, NULL), -EINVAL, "low > high: -EINVAL");
		tap_err(tzt_register(fd, SVC(8), 0xffffffffu, 0, NULL), -EINVAL,
			"low 0xFFFFFFFF > high 0: -EINVAL");
		tap_err(tzt_register(fd, SVC(8), lo - 0x10, lo, NULL), -EBUSY,
			"overlapping the low end: -EBUSY");
		tap_err(tzt_register(fd, SVC(8), hi, hi + 0x10, NULL), -EBUSY,
			"overlapping the high end: -EBUSY");
		tap_err(tzt_register(fd, SVC(8), lo - 1, hi + 1, NULL), -EBUSY, "enclosing: -EBUSY");
		tap_err(tzt_register(fd, SVC(8), lo + 1, hi - 1, NULL), -EBUSY, "inside: -EBUSY");
		tap_err(tzt_register(fd, SVC(8), lo, hi, NULL), -EBUSY, "identical: -EBUSY");
		tap_err(tzt_register(fd, SVC(8), lo - 0x10, lo - 1, &i2), 0, "adjacent below: ok");
		tap_err(tzt_register(fd, SVC(9), hi + 1, hi + 1, NULL), 0, "adjacent above: ok");
		tap_err(tzt_register(fd, SVC(7), hi + 0x100, hi + 0x100, NULL), -EBUSY,
			"svc_id already taken, free range: -EBUSY");
	}
	close(nfd);
	close(fd);	/* drops every service registered above */
	tap_ok(rb_services_at(base_services, 2000), "closing the fd dropped all its services");
}

/* ---- F. CONTINUE from the wrong place -------------------------------------------- */

static void continue_tests(int cfd)
{
	uint32_t inst, other, cmd, len;
	struct client c;
	int lfd = open(TZT_DEV, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	int ofd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	pid_t pid;
	int st;

	tap_err(tzt_register(lfd, SVC(10), CB(0x60), CB(0x6f), &inst), 0, "register a listener");
	tap_err(tzt_register(ofd, SVC(11), CB(0x70), CB(0x70), &other), 0, "register another");
	forward_start(&c, cfd, CB(0x61), 32);
	tap_ok(queued(3000), "a callback is queued");
	tap_err(tzt_continue(lfd, CB(0x61), inst, abuf, 32), -EBADF,
		"CONTINUE before READ_NEXT (queued, not delivered): -EBADF");
	len = sizeof(rbuf);
	tap_err(tzt_read_next(lfd, SVC(10), inst, &cmd, rbuf, &len), 0, "READ_NEXT delivers it");
	tap_err(tzt_continue(ofd, cmd, inst, abuf, 32), -EBADF,
		"CONTINUE from another fd: -EBADF");
	tap_err(tzt_continue(ofd, cmd, other, abuf, 32), -EBADF,
		"CONTINUE from another fd with its own instance: -EBADF");
	tap_err(tzt_continue(lfd, cmd, other, abuf, 32), -EINVAL,
		"CONTINUE naming another instance: -EINVAL");
	tap_err(tzt_continue(lfd, cmd + 1, inst, abuf, 32), -EBADF,
		"CONTINUE with another cmd_id: -EBADF");
	pid = fork();
	if (pid == 0) {
		int xfd = open(TZT_DEV, O_RDWR);

		_exit(tzt_continue(xfd, cmd, inst, abuf, 32) == -EBADF ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "CONTINUE from another process: -EBADF");
	tap_is(tzt_stat("delivered_callbacks"), 1, "the callback is still delivered to the reader");
	for (uint32_t j = 0; j < 32; j++)
		abuf[j] = (uint8_t)(j * 3);
	tap_err(tzt_continue(lfd, cmd, inst, abuf, 32), 0, "the reader's CONTINUE: ok");
	tap_err(tzt_continue(lfd, cmd, inst, abuf, 32), -EBADF, "the same CONTINUE again: -EBADF");
	pthread_join(c.t, NULL);
	tap_ok(c.ret == 0 && c.hlos == 0 && c.ans_len == 32 && !memcmp(c.ans, abuf, 32),
	       "the client got the reader's answer, once");
	close(ofd);
	close(lfd);
}

/* ---- G. after ABORT -------------------------------------------------------------------- */

static void abort_tests(void)
{
	int afd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	uint32_t inst, cmd, len = sizeof(rbuf), rl = 64;
	struct pollfd pfd = { .fd = afd, .events = POLLIN };
	uint8_t scratch[64] = { 0 };
	int nfd;

	tap_err(tzt_register(afd, SVC(12), CB(0x80), CB(0x8f), &inst), 0, "register, then ABORT");
	tap_err(tzt_abort(afd), 0, "ABORT");
	tap_err(tzt_register(afd, SVC(13), CB(0x90), CB(0x90), NULL), -ENODEV,
		"after ABORT: REGISTER -ENODEV");
	tap_err(tzt_unregister(afd, SVC(12), inst), -ENODEV, "after ABORT: UNREGISTER -ENODEV");
	tzt_put32(big_cmd, TZ_TEST_ECHO);
	tap_err(tzt_send(afd, big_cmd, 8, big_rsp, &rl), -ENODEV, "after ABORT: SEND_CMD -ENODEV");
	tap_err(tzt_read_next(afd, SVC(12), inst, &cmd, rbuf, &len), -ENODEV,
		"after ABORT: READ_NEXT -ENODEV");
	tap_err(tzt_continue(afd, CB(0x80), inst, abuf, 4), -ENODEV,
		"after ABORT: CONTINUE -ENODEV");
	tap_err(tzt_abort(afd), -ENODEV, "after ABORT: ABORT -ENODEV");
	for (size_t i = 0; i < N_IOCTLS; i++)
		tap_err(tzt_ioctl(afd, ioctls[i].nr, NULL), -ENODEV,
			"after ABORT: %s with a NULL argument -ENODEV", ioctls[i].name);
	tap_err(tzt_ioctl(afd, _IOWR(TZCOM_IOC_MAGIC, 9, uint32_t), scratch), -ENODEV,
		"after ABORT: an unknown ioctl -ENODEV");
	tap_ok(poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLERR | POLLHUP)),
	       "after ABORT: poll reports POLLERR|POLLHUP (revents 0x%x)", pfd.revents);
	tap_ok(rb_services_at(base_services, 1000), "ABORT dropped the fd's service");
	nfd = tzt_open();
	tap_err(tzt_register(nfd, SVC(12), CB(0x80), CB(0x8f), NULL), 0,
		"its svc_id and range are free for another fd");
	close(nfd);
	close(afd);
}

int main(void)
{
	int fd;

	rb_tap_start(TAP_TIMEOUT_S);
	rb_pages_init();
	rb_klog_begin();
	fd = tzt_open();
	base_services = tzt_stat("services");
	if (base_services < 0)
		tap_bail("no %s (debugfs mounted? driver loaded?)", TZT_STATS);
	tap_diag("services registered at start: %lld", base_services);

	arg_pointer_tests(fd);
	readonly_arg_tests(fd);
	send_buffer_tests(fd);
	read_continue_buffer_tests(fd);
	send_length_tests(fd);
	number_tests(fd);
	id_tests(fd);		/* closes fd */
	fd = tzt_open();
	continue_tests(fd);
	abort_tests();
	tap_ok(rb_idle(2000), "counters idle at the end");
	tap_ok(rb_echo_ok(fd), "the device works at the end");
	rb_klog_clean("after the bad-input cases");
	close(fd);
	return rb_tap_finish();
}
