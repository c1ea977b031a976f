// SPDX-License-Identifier: BSD-3-Clause
/*
 * SMCs from several CPUs at once (threads here): exactly one NEW wins,
 * the others get -4 and nothing of theirs is written; a callback posted
 * on one CPU is answered and resumed from another.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <tzbsp/sched.h>

#include "host.h"
#include "tap.h"

#define HAMMERS		3
#define ROUNDS		3000
#define PINGPONGS	300
#define AREA(t)		(HOST_DRAM_BASE + 0x30000 + (uint64_t)(t) * 0x8000)
#define CB_ID		0x80000077U

struct hammer {
	int id;
	unsigned int ok, busy, bad, resume_refused;
};

static atomic_bool stop;

/* One ECHO from this thread's own area; true if the answer is right. */
static int64_t echo_once(struct hammer *h, uint32_t round, bool *good)
{
	const uint64_t a = AREA(h->id);
	const struct tzcom_command c = {
		.cmd_type = TZ_SCHED_CMD_NEW,
		.sb_in_cmd_addr = (uint32_t)(a + 0x100),
		.sb_in_cmd_len = 20,
	};
	const struct tzcom_response offer = {
		.sb_in_rsp_addr = (uint32_t)(a + 0x200),
		.sb_in_rsp_len = 64,
	};
	uint32_t pat[5] = { TZ_TEST_ECHO, (uint32_t)h->id, round, ~round, 0x5eed };
	struct tzcom_response r;
	uint64_t x1;
	int64_t x0;

	memcpy(nw_ptr(a + 0x100), pat, sizeof(pat));
	memcpy(nw_ptr(a), &c, sizeof(c));
	memcpy(nw_ptr(a + 0x40), &offer, sizeof(offer));
	memset(nw_ptr(a + 0x200), 0, 64);
	x0 = tzsched_smc(TZ_SMC_SCHED_ARGINFO, a, sizeof(c), a + 0x40, sizeof(r),
			 0, 0, &x1);
	memcpy(&r, nw_ptr(a + 0x40), sizeof(r));
	if (x0 == 0)
		*good = r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
			r.sb_in_rsp_addr == a + 0x200 && r.sb_in_rsp_len == 24 &&
			nw_get_u32(nw_ptr(a + 0x200)) == TZ_TEST_ECHO &&
			nw_get_u32(nw_ptr(a + 0x204)) == 0 &&
			!memcmp(nw_ptr(a + 0x208), pat + 1, 16);
	else
		/* A refused NEW must leave the offer as it was. */
		*good = x0 == TZ_SMC_BUSY && r.cmd_status == 0 &&
			r.sb_in_rsp_addr == a + 0x200 && r.sb_in_rsp_len == 64 &&
			nw_get_u32(nw_ptr(a + 0x200)) == 0;
	return x0;
}

static void *hammer_main(void *arg)
{
	struct hammer *h = arg;

	for (uint32_t i = 0; i < ROUNDS || !atomic_load(&stop); i++) {
		bool good = false;
		int64_t x0 = echo_once(h, i, &good);

		if (!good)
			h->bad++;
		else if (x0 == 0)
			h->ok++;
		else
			h->busy++;
		if (i >= 100 * ROUNDS)
			break;
	}
	return NULL;
}

/* Ping-pong: NEW FORWARD here, answer and PENDING on another thread. */
static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_posted;		/* 1: a callback waits for the answerer */
static uint64_t pp_tid;		/* its thread id, under pp_lock */
static unsigned int pp_done, pp_bad, pp_busy;

static void *answerer_main(void *arg)
{
	(void)arg;
	for (unsigned int n = 0; n < PINGPONGS; n++) {
		const struct tzcom_command c = { .cmd_type = TZ_SCHED_CMD_PENDING };
		const uint64_t a = AREA(HAMMERS + 1);
		struct tzcom_response r;
		struct tzcom_callback cb;
		uint8_t data[8];
		uint64_t tid, x1;

		pthread_mutex_lock(&pp_lock);
		while (!pp_posted)
			pthread_cond_wait(&pp_cond, &pp_lock);
		tid = pp_tid;
		pthread_mutex_unlock(&pp_lock);

		cb = nw_callback();
		memcpy(data, nw_ptr(NW_SB_OUT_PA + 12), 4);
		memcpy(data + 4, "-ack", 4);
		nw_answer(cb.cmd_id, 0, data, 8);
		memcpy(nw_ptr(a), &c, sizeof(c));
		/* The response struct of this CPU's call, not the NEW's. */
		if (tzsched_smc(TZ_SMC_SCHED_ARGINFO, a, sizeof(c), a + 0x40,
				sizeof(r), tid, 0, &x1) || x1 != 0)
			pp_bad++;
		memcpy(&r, nw_ptr(a + 0x40), sizeof(r));
		if (cb.cmd_id != CB_ID || r.cmd_status != TZ_SCHED_STATUS_COMPLETE ||
		    r.sb_in_rsp_len != 8 + 4 + 8 ||
		    nw_get_u32(nw_ptr(r.sb_in_rsp_addr + 8)) != 0 ||
		    memcmp(nw_ptr(r.sb_in_rsp_addr + 12), data, 8))
			pp_bad++;

		pthread_mutex_lock(&pp_lock);
		pp_posted = 0;
		pp_done++;
		pthread_cond_broadcast(&pp_cond);
		pthread_mutex_unlock(&pp_lock);
	}
	return NULL;
}

static void *caller_main(void *arg)
{
	const uint64_t a = AREA(HAMMERS);

	(void)arg;
	for (uint32_t n = 0; n < PINGPONGS; n++) {
		const struct tzcom_command c = {
			.cmd_type = TZ_SCHED_CMD_NEW,
			.sb_in_cmd_addr = (uint32_t)(a + 0x100),
			.sb_in_cmd_len = 12,
		};
		const struct tzcom_response offer = {
			.sb_in_rsp_addr = (uint32_t)(a + 0x200),
			.sb_in_rsp_len = 64,
		};
		uint32_t cmd[3] = { TZ_TEST_FORWARD, CB_ID, n };
		struct tzcom_response r;
		uint64_t x1 = 0;
		int64_t x0;

		memcpy(nw_ptr(a + 0x100), cmd, sizeof(cmd));
		do {
			memcpy(nw_ptr(a), &c, sizeof(c));
			memcpy(nw_ptr(a + 0x40), &offer, sizeof(offer));
			x0 = tzsched_smc(TZ_SMC_SCHED_ARGINFO, a, sizeof(c),
					 a + 0x40, sizeof(r), 0, 0, &x1);
			if (x0 == TZ_SMC_BUSY)
				pp_busy++;
		} while (x0 == TZ_SMC_BUSY);
		memcpy(&r, nw_ptr(a + 0x40), sizeof(r));
		if (x0 || r.cmd_status != TZ_SCHED_STATUS_INCOMPLETE) {
			pp_bad++;
			break;
		}
		pthread_mutex_lock(&pp_lock);
		pp_tid = x1;
		pp_posted = 1;
		pthread_cond_broadcast(&pp_cond);
		while (pp_posted)
			pthread_cond_wait(&pp_cond, &pp_lock);
		pthread_mutex_unlock(&pp_lock);
	}
	return NULL;
}

int main(void)
{
	struct hammer h[HAMMERS];
	pthread_t th[HAMMERS], caller, answerer;
	struct tzcom_core_info before, after;
	struct nw_result res;
	unsigned int ok = 0, busy = 0, bad = 0;

	nw_boot();
	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	memcpy(&before, res.data, sizeof(before));

	/* Phase 1: cross-CPU resume alone. */
	pthread_create(&caller, NULL, caller_main, NULL);
	pthread_create(&answerer, NULL, answerer_main, NULL);
	pthread_join(caller, NULL);
	pthread_join(answerer, NULL);
	OK(pp_done == PINGPONGS && pp_bad == 0,
	   "%u callbacks posted on one thread, resumed on another", pp_done);

	/* Phase 2: the same while other CPUs hammer NEW. */
	pp_done = 0;
	atomic_store(&stop, false);
	for (int t = 0; t < HAMMERS; t++) {
		h[t] = (struct hammer){ .id = t };
		pthread_create(&th[t], NULL, hammer_main, &h[t]);
	}
	pthread_create(&caller, NULL, caller_main, NULL);
	pthread_create(&answerer, NULL, answerer_main, NULL);
	pthread_join(caller, NULL);
	pthread_join(answerer, NULL);
	atomic_store(&stop, true);
	for (int t = 0; t < HAMMERS; t++) {
		pthread_join(th[t], NULL);
		ok += h[t].ok;
		busy += h[t].busy;
		bad += h[t].bad;
	}
	tap_diag("hammer: %u completed, %u busy; ping-pong waited busy %u times",
		 ok, busy, pp_busy);
	OK(pp_done == PINGPONGS && pp_bad == 0, "ping-pong under NEW pressure");
	IS(bad, 0, "every NEW either completed correctly or got -4 untouched");
	OK(ok > 0, "hammering threads completed commands");

	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	memcpy(&after, res.data, sizeof(after));
	IS(after.commands_done - before.commands_done, ok + 2 * PINGPONGS + 1,
	   "commands_done matches the completions seen");
	IS(after.callbacks_done - before.callbacks_done, 2 * PINGPONGS,
	   "callbacks_done matches the PENDINGs accepted");
	IS(nw_pending(), TZ_SMC_UNEXPECTED_RESUME, "idle at the end");
	return tap_done();
}
