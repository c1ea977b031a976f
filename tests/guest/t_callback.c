// SPDX-License-Identifier: BSD-3-Clause
/*
 * Callbacks from the secure world, in one process: the seed document's
 * sequence exactly (a listener blocked in READ_NEXT, SEND_CMD making the
 * secure world call back, CONTINUE, SEND_CMD returning the final
 * response), CHAIN checked against our own FNV-1a, routing to two
 * services with disjoint ranges, several readers on one service, payload
 * and answer sizes, and every READ_NEXT / CONTINUE rule with its errno.
 */
#include <poll.h>

#include "tzt.h"

#define BASE	0x22
#define SVC(n)	(0x7e2200u + (n))
#define CB(n)	TZT_CB(BASE, n)

/* A FORWARD run on its own thread, because SEND_CMD blocks. */
struct fwd {
	int fd;
	uint32_t cb;
	uint32_t n;
	uint8_t data[TZCOM_MAX_BUF_LEN];
	uint8_t ans[TZCOM_MAX_BUF_LEN];
	size_t ans_len;
	int ret;
	int32_t svc, hlos;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;

	f->ret = tzt_forward(f->fd, f->cb, f->data, f->n, &f->svc, &f->hlos, f->ans,
			     sizeof(f->ans), &f->ans_len);
	return NULL;
}

static void fwd_start(struct fwd *f, int fd, uint32_t cb, uint32_t n)
{
	f->fd = fd;
	f->cb = cb;
	f->n = n;
	tzt_fill(f->data, n, cb ^ n);
	f->ans_len = 0;
	pthread_create(&f->t, NULL, fwd_main, f);
}

static int xored(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((a[i] ^ b[i]) != 0xff)
			return 0;
	return 1;
}

/* Read one callback on fd, blocking; returns READ_NEXT's result. */
static int read_one(int fd, uint32_t svc, uint32_t inst, uint32_t *cmd, uint8_t *buf,
		    uint32_t *len)
{
	return tzt_read_next(fd, svc, inst, cmd, buf, len);
}

/* Routing check for two services: counts ids outside the listener's range. */
struct range_ctx {
	uint32_t lo, hi;
	atomic_int stray;
};

static int answer_in_range(struct tzt_listener *l, uint32_t cmd_id, const uint8_t *req,
			   uint32_t len, uint8_t *ans, uint32_t *ans_len)
{
	struct range_ctx *c = l->ctx;

	if (cmd_id < c->lo || cmd_id > c->hi)
		atomic_fetch_add(&c->stray, 1);
	return tzt_answer_xor(l, cmd_id, req, len, ans, ans_len);
}

/* Answer with ctx-many bytes. */
static int answer_sized(struct tzt_listener *l, uint32_t cmd_id, const uint8_t *req,
			uint32_t len, uint8_t *ans, uint32_t *ans_len)
{
	(void)cmd_id;
	(void)req;
	(void)len;
	*ans_len = (uint32_t)(uintptr_t)l->ctx;
	tzt_fill(ans, *ans_len, *ans_len);
	return 0;
}

static int answer_wrong(struct tzt_listener *l, uint32_t cmd_id, const uint8_t *req,
			uint32_t len, uint8_t *ans, uint32_t *ans_len)
{
	tzt_answer_xor(l, cmd_id, req, len, ans, ans_len);
	if (len)
		ans[len - 1] ^= 1;
	return 0;
}

static struct fwd F;
static struct tzt_listener L, L2, R[4];
static uint8_t buf[TZCOM_MAX_CB_LEN + 64];

static void seed_sequence(int cfd)
{
	uint32_t inst;
	int lfd = tzt_open();
	uint8_t want[64];

	/* REGISTER_SERVICE, then a listener blocked in READ_NEXT_CMD. */
	tap_err(tzt_register(lfd, SVC(1), CB(0), CB(0xff), &inst), 0, "seed: REGISTER_SERVICE");
	L = (struct tzt_listener){ .fd = lfd, .svc = SVC(1), .inst = inst, .max = 1 };
	tap_ok(tzt_listener_start(&L), "seed: listener blocked in READ_NEXT_CMD");

	/* SEND_CMD: the secure world calls back (INCOMPLETE), the driver
	 * wakes the listener, the listener CONTINUEs, SEND_CMD completes. */
	fwd_start(&F, cfd, CB(1), 64);
	pthread_join(F.t, NULL);
	tzt_listener_join(&L);
	tap_err(F.ret, 0, "seed: SEND_CMD returns");
	tap_ok(F.svc == 0 && F.hlos == 0, "seed: service status 0, normal-world status 0 (%d, %d)",
	       F.svc, F.hlos);
	tap_ok(L.last_cmd == CB(1) && L.last_len == 64 && !memcmp(L.last, F.data, 64),
	       "seed: READ_NEXT got cmd_id 0x%x and the 64 payload bytes (len %u)", L.last_cmd,
	       L.last_len);
	tap_err(L.cont_err, 0, "seed: CONTINUE_CMD accepted");
	for (int i = 0; i < 64; i++)
		want[i] = F.data[i] ^ 0xff;
	tap_ok(F.ans_len == 64 && !memcmp(F.ans, want, 64),
	       "seed: SEND_CMD response carries the listener's answer");
	close(lfd);
}

static void chain_tests(int cfd)
{
	static const struct tzt_chain_ent sizes[] = {
		{ CB(0x10), 0 }, { CB(0x11), 1 }, { CB(0x12), 100 }, { CB(0x13), 4096 },
		{ CB(0x14), 7 }, { CB(0x15), 20464 }, { CB(0x16), 3 }, { CB(0x17), 1000 },
	};
	struct tzt_chain_ent e[40];
	uint32_t inst, count, hash;
	int32_t st;
	int lfd = tzt_open(), ret;

	tzt_register(lfd, SVC(2), CB(0x10), CB(0x7f), &inst);
	L = (struct tzt_listener){ .fd = lfd, .svc = SVC(2), .inst = inst };
	tzt_listener_start(&L);
	ret = tzt_chain(cfd, sizes, 8, &st, &count, &hash);
	tap_ok(ret == 0 && st == 0 && count == 8,
	       "CHAIN of 8 callbacks, 0 B to 20464 B (the answer maximum) (ret %d, status %d)",
	       ret, st);
	tap_is(hash, tzt_chain_hash(sizes, 8), "CHAIN hash matches our own FNV-1a");

	e[0] = (struct tzt_chain_ent){ CB(0x20), TZCOM_CB_MAX_DATA + 1 };
	ret = tzt_chain(cfd, e, 1, &st, &count, &hash);
	tap_ok(ret == 0 && st == -EINVAL, "CHAIN callback of 20469 B refused: -EINVAL (%d, %d)",
	       ret, st);

	for (int i = 0; i < 40; i++)
		e[i] = (struct tzt_chain_ent){ CB(0x20 + i), (uint32_t)(i * 13) };
	ret = tzt_chain(cfd, e, 40, &st, &count, &hash);
	tap_ok(ret == 0 && st == 0 && count == 40 && hash == tzt_chain_hash(e, 40),
	       "CHAIN of 40 callbacks on one listener");
	tap_is(atomic_load(&L.got), 8 + 40, "listener saw exactly 48 callbacks");
	tap_is(L.cont_err, 0, "every CONTINUE accepted");
	tzt_abort(lfd);
	tzt_listener_join(&L);
	close(lfd);

	/* The largest callback (20468 B) arrives whole; no answer can match. */
	lfd = tzt_open();
	tzt_register(lfd, SVC(10), CB(0x10), CB(0x7f), &inst);
	L = (struct tzt_listener){ .fd = lfd, .svc = SVC(10), .inst = inst, .max = 1,
				   .answer = answer_sized, .ctx = (void *)0 };
	tzt_listener_start(&L);
	e[0] = (struct tzt_chain_ent){ CB(0x20), TZCOM_CB_MAX_DATA };
	ret = tzt_chain(cfd, e, 1, &st, &count, &hash);
	tzt_listener_join(&L);
	{
		int ok = L.last_len == TZCOM_CB_MAX_DATA;

		for (uint32_t j = 0; ok && j < TZCOM_CB_MAX_DATA; j++)
			ok = L.last[j] == TZ_TEST_CHAIN_BYTE(0, j);
		tap_ok(ok && ret == 0 && st == -EBADMSG,
		       "callback of 20468 B (the maximum) delivered whole (len %u, status %d)",
		       L.last_len, st);
	}
	close(lfd);

	/* A wrong answer is caught by the secure world. */
	lfd = tzt_open();
	tzt_register(lfd, SVC(3), CB(0x10), CB(0x7f), &inst);
	L = (struct tzt_listener){ .fd = lfd, .svc = SVC(3), .inst = inst, .answer = answer_wrong };
	tzt_listener_start(&L);
	ret = tzt_chain(cfd, sizes, 3, &st, &count, &hash);
	tap_ok(ret == 0 && st == -EBADMSG, "CHAIN with a wrong answer: status -EBADMSG (%d)", st);
	tzt_abort(lfd);
	tzt_listener_join(&L);
	close(lfd);
}

static void routing_tests(int cfd)
{
	struct range_ctx ca = { CB(0x100), CB(0x1ff), 0 }, cb = { CB(0x200), CB(0x2ff), 0 };
	struct tzt_chain_ent e[20];
	uint32_t ia, ib, count, hash;
	int32_t st;
	int fa = tzt_open(), fb = tzt_open(), ret;

	tzt_register(fa, SVC(4), ca.lo, ca.hi, &ia);
	tzt_register(fb, SVC(5), cb.lo, cb.hi, &ib);
	L = (struct tzt_listener){ .fd = fa, .svc = SVC(4), .inst = ia, .answer = answer_in_range,
				   .ctx = &ca };
	L2 = (struct tzt_listener){ .fd = fb, .svc = SVC(5), .inst = ib, .answer = answer_in_range,
				    .ctx = &cb };
	tzt_listener_start(&L);
	tzt_listener_start(&L2);
	for (int i = 0; i < 20; i++)
		e[i] = (struct tzt_chain_ent){ (i & 1 ? cb.lo : ca.lo) + (uint32_t)i, 16 };
	ret = tzt_chain(cfd, e, 20, &st, &count, &hash);
	tap_ok(ret == 0 && st == 0 && hash == tzt_chain_hash(e, 20),
	       "two services, disjoint ranges: CHAIN alternating between them");
	tap_ok(atomic_load(&L.got) == 10 && atomic_load(&L2.got) == 10,
	       "each service got its 10 callbacks (%d, %d)", atomic_load(&L.got),
	       atomic_load(&L2.got));
	tap_ok(!atomic_load(&ca.stray) && !atomic_load(&cb.stray),
	       "no callback reached the other service");
	tzt_abort(fa);
	tzt_abort(fb);
	tzt_listener_join(&L);
	tzt_listener_join(&L2);
	close(fa);
	close(fb);
}

static void readers_tests(int cfd)
{
	struct tzt_chain_ent e[48];
	uint32_t inst, count, hash;
	int32_t st;
	int owner = tzt_open(), ret, sum = 0, used = 0;

	tzt_register(owner, SVC(6), CB(0x300), CB(0x3ff), &inst);
	for (int i = 0; i < 4; i++) {
		R[i] = (struct tzt_listener){ .fd = tzt_open(), .svc = SVC(6), .inst = inst };
		/* The owner shares the service; only then may another fd read it. */
		tap_err(tzt_attach(R[i].fd, owner, SVC(6), inst), 0, "reader fd %d attached", i);
		tzt_listener_start(&R[i]);
	}
	for (int i = 0; i < 48; i++)
		e[i] = (struct tzt_chain_ent){ CB(0x300 + i), (uint32_t)(1 + i * 40) };
	ret = tzt_chain(cfd, e, 48, &st, &count, &hash);
	tap_ok(ret == 0 && st == 0 && count == 48 && hash == tzt_chain_hash(e, 48),
	       "4 readers on other fds than the owner's: CHAIN of 48 answered");
	for (int i = 0; i < 4; i++) {
		sum += atomic_load(&R[i].got);
		used += atomic_load(&R[i].got) > 0;
		tzt_abort(R[i].fd);
		tzt_listener_join(&R[i]);
		close(R[i].fd);
	}
	tap_is(sum, 48, "every callback delivered to exactly one reader");
	tap_diag("%d of 4 readers served callbacks", used);
	close(owner);
}

static void read_continue_rules(int cfd)
{
	uint32_t id, id2, len, cmd;
	int fd = tzt_open(), ret;

	tzt_register(fd, SVC(7), CB(0x400), CB(0x40f), &id);
	tzt_register(fd, SVC(8), CB(0x410), CB(0x41f), &id2);

	len = sizeof(buf);
	tap_err(tzt_read_next(fd, SVC(99), 12345, &cmd, buf, &len), -EINVAL,
		"READ_NEXT on an unknown service: -EINVAL");
	len = sizeof(buf);
	tap_err(tzt_read_next(fd, SVC(7), id2, &cmd, buf, &len), -EINVAL,
		"READ_NEXT with another service's instance: -EINVAL");
	tap_err(tzt_continue(fd, CB(0x400), id, buf, 4), -EBADF,
		"CONTINUE with nothing delivered: -EBADF");

	/* Too small a buffer: -EMSGSIZE, the size needed, still queued. */
	fwd_start(&F, cfd, CB(0x401), 100);
	len = 10;
	ret = read_one(fd, SVC(7), id, &cmd, buf, &len);
	tap_err(ret, -EMSGSIZE, "READ_NEXT with a 10-byte buffer for 100 bytes: -EMSGSIZE");
	tap_is(len, 100, "... req_len tells the size needed");
	len = sizeof(buf);
	ret = tzt_read_next(fd, SVC(7), id, &cmd, (void *)16, &len);
	tap_err(ret, -EFAULT, "READ_NEXT into an unmapped buffer: -EFAULT");
	len = sizeof(buf);
	ret = read_one(fd, SVC(7), id, &cmd, buf, &len);
	tap_ok(ret == 0 && cmd == CB(0x401) && len == 100 && !memcmp(buf, F.data, 100),
	       "... the callback stayed queued and reads whole afterwards");

	tap_err(tzt_continue(fd, cmd, id2, buf, 4), -EINVAL,
		"CONTINUE with another instance: -EINVAL");
	tap_err(tzt_continue(fd, cmd, id, buf, TZCOM_MAX_CB_RSP_LEN + 1), -EINVAL,
		"CONTINUE with resp_len 20465: -EINVAL");
	tap_err(tzt_continue(fd, cmd, id, (void *)16, 4), -EFAULT,
		"CONTINUE from an unmapped buffer: -EFAULT");
	for (int i = 0; i < 100; i++)
		buf[i] ^= 0xff;
	tap_err(tzt_continue(fd, cmd, id, buf, 100), 0, "CONTINUE after those failures");
	pthread_join(F.t, NULL);
	tap_ok(F.ret == 0 && F.hlos == 0 && F.ans_len == 100 && xored(F.ans, F.data, 100),
	       "... and the client gets that answer");
	tap_err(tzt_continue(fd, cmd, id, buf, 100), -EBADF,
		"CONTINUE for an answered callback: -EBADF");

	/* SEND_CMD from a fd that holds an unanswered callback would wait on itself. */
	fwd_start(&F, cfd, CB(0x410), 8);
	len = sizeof(buf);
	if (read_one(fd, SVC(8), id2, &cmd, buf, &len))
		tap_diag("READ_NEXT of callback 0x%x failed", CB(0x410));
	{
		uint8_t c[8], r[64];
		uint32_t rl = sizeof(r);

		tzt_put32(c, TZ_TEST_ECHO);
		tzt_put32(c + 4, 0);
		ret = tzt_send(fd, c, 8, r, &rl);
		tap_ok(ret == -EDEADLK || ret == 0,
		       "SEND_CMD while the fd holds a callback fails fast or works (%d)", ret);
	}
	tzt_continue(fd, cmd, id2, buf, 0);
	pthread_join(F.t, NULL);
	tap_ok(F.ret == 0 && F.hlos == 0 && F.ans_len == 0, "empty answer (resp_len 0) accepted");
	close(fd);
}

static void size_tests(int cfd)
{
	static const uint32_t sizes[] = { 1, 4096, TZCOM_MAX_BUF_LEN - 8 - 1 - 8 - 4 };
	uint32_t inst;
	int fd = tzt_open();

	tzt_register(fd, SVC(9), CB(0x500), CB(0x5ff), &inst);
	for (unsigned int i = 0; i < 3; i++) {
		L = (struct tzt_listener){ .fd = fd, .svc = SVC(9), .inst = inst, .max = 1,
					   .answer = answer_sized,
					   .ctx = (void *)(uintptr_t)sizes[i] };
		tzt_listener_start(&L);
		fwd_start(&F, cfd, CB(0x500), 1);
		pthread_join(F.t, NULL);
		tzt_listener_join(&L);
		{
			uint8_t want[TZCOM_MAX_BUF_LEN];

			tzt_fill(want, sizes[i], sizes[i]);
			tap_ok(F.ret == 0 && F.hlos == 0 && F.ans_len == sizes[i] &&
			       !memcmp(F.ans, want, sizes[i]),
			       "answer of %u B reaches the client intact", sizes[i]);
		}
	}
	/* The driver takes 20464 B; the service only had room for 20459. */
	L = (struct tzt_listener){ .fd = fd, .svc = SVC(9), .inst = inst, .max = 1,
				   .answer = answer_sized,
				   .ctx = (void *)(uintptr_t)TZCOM_MAX_CB_RSP_LEN };
	tzt_listener_start(&L);
	fwd_start(&F, cfd, CB(0x500), 1);
	pthread_join(F.t, NULL);
	tzt_listener_join(&L);
	tap_err(L.cont_err, 0, "CONTINUE of the maximum 20464 B accepted");
	tap_ok(F.ret == 0 && F.svc == 0 && F.hlos == -EMSGSIZE,
	       "... too big for this FORWARD: normal-world status -EMSGSIZE (%d)", F.hlos);

	L = (struct tzt_listener){ .fd = fd, .svc = SVC(9), .inst = inst, .max = 1 };
	tzt_listener_start(&L);
	fwd_start(&F, cfd, CB(0x500), 4096);
	pthread_join(F.t, NULL);
	tzt_listener_join(&L);
	tap_ok(F.ret == 0 && F.hlos == 0 && L.last_len == 4096 && F.ans_len == 4096 &&
	       xored(F.ans, F.data, 4096), "callback payload of 4 KiB, answered in kind");
	close(fd);
}

/* Extensions: O_NONBLOCK on READ_NEXT and poll() on the owner fd. */
static void poll_tests(int cfd)
{
	struct pollfd p;
	uint32_t inst, cmd, len;
	int fd = tzt_open(), ret;

	tzt_register(fd, SVC(11), CB(0x600), CB(0x6ff), &inst);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	len = sizeof(buf);
	tap_err(tzt_read_next(fd, SVC(11), inst, &cmd, buf, &len), -EAGAIN,
		"O_NONBLOCK READ_NEXT with nothing queued: -EAGAIN");
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	tap_is(poll(&p, 1, 0), 0, "poll: owner fd not readable while the queue is empty");

	fwd_start(&F, cfd, CB(0x600), 20);
	p.revents = 0;
	ret = poll(&p, 1, 5000);
	tap_ok(ret == 1 && (p.revents & POLLIN), "poll: readable once a callback is queued (%d, 0x%x)",
	       ret, p.revents);
	len = sizeof(buf);
	ret = tzt_read_next(fd, SVC(11), inst, &cmd, buf, &len);
	for (uint32_t i = 0; i < len; i++)
		buf[i] ^= 0xff;
	if (!ret)
		ret = tzt_continue(fd, cmd, inst, buf, len);
	pthread_join(F.t, NULL);
	tap_ok(ret == 0 && F.ret == 0 && F.hlos == 0 && F.ans_len == 20 && xored(F.ans, F.data, 20),
	       "non-blocking READ_NEXT + CONTINUE complete the round trip");
	tzt_abort(fd);
	p.revents = 0;
	ret = poll(&p, 1, 0);
	tap_ok(ret == 1 && (p.revents & (POLLERR | POLLHUP)),
	       "poll after ABORT: POLLERR|POLLHUP (0x%x)", p.revents);
	close(fd);
}

int main(void)
{
	int cfd, ret;
	int32_t svc, hlos;

	tap_plan(51);
	cfd = tzt_open();

	seed_sequence(cfd);
	chain_tests(cfd);
	routing_tests(cfd);
	readers_tests(cfd);

	ret = tzt_forward(cfd, CB(0xfff), "x", 1, &svc, &hlos, NULL, 0, NULL);
	tap_ok(ret == 0 && svc == 0 && hlos == -ENOENT,
	       "no listener for the id: normal-world status -ENOENT at once (%d, %d, %d)", ret,
	       svc, hlos);

	read_continue_rules(cfd);
	size_tests(cfd);
	poll_tests(cfd);

	close(cfd);
	return tap_done();
}
