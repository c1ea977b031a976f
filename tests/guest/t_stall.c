// SPDX-License-Identifier: BSD-3-Clause
/*
 * A stalled callback costs other clients nothing (docs/driver.md, "Call
 * slots and the call queue"): client A sends a FORWARD whose listener
 * sits on the callback for STALL_MS before answering; meanwhile client B
 * sends ECHO in a loop.  B must complete at least MIN_ECHOS commands
 * during A's stall, each within MAX_ECHO_MS, which a driver that
 * serialises commands (or a secure world with one thread) cannot do: B's
 * first ECHO would wait for the whole stall.
 *
 * The product promises this: the secure world has several threads
 * (docs/protocol.md, section 9), so the test fails, as it must, on a
 * firmware with one.  STALL_TODO turns the two concurrency checks into
 * TAP TODO for such a firmware; NULL makes them count.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "tzt.h"

#define STALL_TODO	NULL

#define BASE		0x57a
#define SVC		(0x757a00u)
#define CB_ID		TZT_CB(BASE, 1)
#define STALL_MS	3000
#define MIN_ECHOS	20
#define MAX_ECHO_MS	500.0

struct stalled {
	pthread_t thread;
	int ret;
	int32_t svc, hlos;
	uint8_t data[24], ans[64];
	size_t ans_len;
	double t0, t1;
	atomic_int done;
};

static atomic_int stalling;

static int stall_answer(struct tzt_listener *l, uint32_t cmd_id,
			const uint8_t *req, uint32_t len, uint8_t *ans,
			uint32_t *ans_len)
{
	atomic_store(&stalling, 1);
	tzt_sleep_ms(STALL_MS);
	return tzt_answer_xor(l, cmd_id, req, len, ans, ans_len);
}

static void *stalled_main(void *arg)
{
	struct stalled *a = arg;
	int fd = tzt_open();

	a->t0 = tzt_now_ms();
	a->ret = tzt_forward(fd, CB_ID, a->data, sizeof(a->data), &a->svc,
			     &a->hlos, a->ans, sizeof(a->ans), &a->ans_len);
	a->t1 = tzt_now_ms();
	atomic_store(&a->done, 1);
	close(fd);
	return NULL;
}

int main(void)
{
	struct tzt_listener l = { 0 };
	struct stalled a = { 0 };
	int lfd, bfd, during = 0, wrong = 0, good;
	double worst = 0, stall_end;
	uint32_t inst;

	tap_plan(5);
	tap_diag("secure threads %lld, call slots %lld", tzt_stat("threads"),
		 tzt_stat("slots"));
	lfd = tzt_open_listener();
	if (tzt_register(lfd, SVC, CB_ID, CB_ID, &inst))
		tap_bail("register failed");
	l.fd = lfd;
	l.svc = SVC;
	l.inst = inst;
	l.answer = stall_answer;
	if (!tzt_listener_start(&l))
		tap_bail("listener did not block in READ_NEXT");

	tzt_fill(a.data, sizeof(a.data), 0x57a1);
	pthread_create(&a.thread, NULL, stalled_main, &a);
	for (int i = 0; i < 2500 && !atomic_load(&stalling); i++)
		tzt_sleep_ms(2);
	tap_ok(atomic_load(&stalling), "A's callback reached the listener, which stalls on it for %d ms",
	       STALL_MS);

	/* B: ECHO in a loop for as long as A is stalled. */
	bfd = tzt_open();
	stall_end = a.t0 + STALL_MS - 200;
	while (!atomic_load(&a.done) && tzt_now_ms() < stall_end) {
		uint8_t in[64], out[64];
		size_t got = 0;
		int32_t st = 1;
		double t = tzt_now_ms(), dt;
		int r;

		tzt_fill(in, sizeof(in), (uint32_t)during);
		r = tzt_call(bfd, TZ_TEST_ECHO, in, sizeof(in), 8 + sizeof(in), &st, out,
			     sizeof(out), &got);
		dt = tzt_now_ms() - t;
		if (r || st || got != sizeof(in) || memcmp(in, out, sizeof(in)))
			wrong++;
		if (dt > worst)
			worst = dt;
		if (!atomic_load(&a.done))
			during++;
	}
	close(bfd);
	pthread_join(a.thread, NULL);

	tap_ok_todo(STALL_TODO, during >= MIN_ECHOS,
		    "B completed %d ECHOs while A's callback was stalled (want >= %d)",
		    during, MIN_ECHOS);
	tap_ok_todo(STALL_TODO, during > 0 && worst < MAX_ECHO_MS,
		    "each of B's ECHOs took under %.0f ms (worst %.1f ms)", MAX_ECHO_MS,
		    worst);
	tap_is(wrong, 0, "B's ECHOs all returned their own bytes");
	good = a.ret == 0 && a.svc == 0 && a.hlos == 0 && a.ans_len == sizeof(a.data) &&
	       a.t1 - a.t0 >= STALL_MS;
	for (size_t j = 0; good && j < sizeof(a.data); j++)
		good = (uint8_t)(a.ans[j] ^ a.data[j]) == 0xff;
	tap_ok(good, "A's FORWARD completed after the stall with the listener's answer (%.0f ms, ret %d, hlos %d)",
	       a.t1 - a.t0, a.ret, a.hlos);

	tzt_abort(lfd);
	tzt_listener_join(&l);
	close(lfd);
	return tap_done();
}
