// SPDX-License-Identifier: BSD-3-Clause
/*
 * Protocol v2 on the secure side (docs/protocol.md, section 9), built
 * with TZ_THREADS = 4: commands in flight on every thread at once, each
 * answered in its own order; BUSY when none is free; thread ids checked
 * in all 32 bits (generation, state, range); per-command callback areas;
 * PREEMPTED/RESUME; the stack canaries of each thread; an exclusive
 * service (TZ_SVC_F_EXCLUSIVE) runs one command at a time, a NEW for it
 * meanwhile answers SERVICE_BUSY and keeps no thread.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <tzbsp/sched.h>
#include <tzbsp/service.h>

#include "host.h"
#include "probe.h"
#include "tap.h"

#define NTHREADS	4
#define SLOT(i)		(NW_FREE_PA + (uint64_t)(i) * 0x10000)
#define S_CMD(i)	(SLOT(i) + 0x000)	/* struct tzcom_command */
#define S_RSP(i)	(SLOT(i) + 0x040)	/* struct tzcom_response */
#define S_IN(i)		(SLOT(i) + 0x100)	/* the command */
#define S_OUT(i)	(SLOT(i) + 0x800)	/* the response area */
#define S_OUT_LEN	0x400U
#define S_CB(i)		(SLOT(i) + 0x1000)	/* the callback area */
#define S_CB_LEN	0x2000U
#define CB_ID(i)	(0x80000100U + (uint32_t)(i))

void *tz_thread_stack_canary(uint32_t index, bool high);

/* An exclusive service whose command waits in a callback (CB_ID(i)). */
#define EXCL_SVC	7
#define EXCL_CMD	((uint32_t)EXCL_SVC << 16 | 1U)

static int excl_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	(void)cmd_id;
	if (req_len < 14)
		return -TZ_EINVAL;
	return tz_hlos_call(nw_get_u32(req + 4), req + 8, req_len - 8, rsp, rsp_cap, rsp_len);
}

TZ_SERVICE(excl_service) = {
	.id = EXCL_SVC, .name = "excl", .handle = excl_handle, .flags = TZ_SVC_F_EXCLUSIVE,
};

static int64_t smc(int i, uint32_t type, uint32_t cmd_len, uint64_t x6,
		   uint64_t x7, uint64_t *x1)
{
	const struct tzcom_command c = {
		.cmd_type = type,
		.sb_in_cmd_addr = (uint32_t)S_IN(i),
		.sb_in_cmd_len = cmd_len,
	};
	const struct tzcom_response offer = {
		.cmd_status = 0xCCCCCCCCU,
		.sb_in_rsp_addr = (uint32_t)S_OUT(i),
		.sb_in_rsp_len = S_OUT_LEN,
	};

	memcpy(nw_ptr(S_CMD(i)), &c, sizeof(c));
	memcpy(nw_ptr(S_RSP(i)), &offer, sizeof(offer));
	*x1 = 0xdeadbeefU;
	return tzsched_smc(TZ_SMC_SCHED_ARGINFO, S_CMD(i), sizeof(c), S_RSP(i),
			   sizeof(offer), x6, x7, x1);
}

static struct tzcom_response rsp_of(int i)
{
	struct tzcom_response r;

	memcpy(&r, nw_ptr(S_RSP(i)), sizeof(r));
	return r;
}

static bool offer_untouched(int i)
{
	struct tzcom_response r = rsp_of(i);

	return r.cmd_status == 0xCCCCCCCCU && r.sb_in_rsp_addr == S_OUT(i) &&
	       r.sb_in_rsp_len == S_OUT_LEN;
}

/* NEW FORWARD(CB_ID(i), "slot i") from slot i, callbacks in its own area. */
static int64_t new_forward(int i, uint64_t *tid)
{
	uint8_t cmd[16];

	nw_put_u32(cmd, TZ_TEST_FORWARD);
	nw_put_u32(cmd + 4, CB_ID(i));
	memcpy(cmd + 8, "slot ", 5);
	cmd[13] = (uint8_t)('0' + i);
	memcpy(nw_ptr(S_IN(i)), cmd, 14);
	return smc(i, TZ_SCHED_CMD_NEW, 14, S_CB(i), S_CB_LEN, tid);
}

/* NEW of the exclusive service from slot i, callbacks in its own area. */
static int64_t new_excl(int i, uint64_t *tid)
{
	uint8_t cmd[16];

	nw_put_u32(cmd, EXCL_CMD);
	nw_put_u32(cmd + 4, CB_ID(i));
	memcpy(cmd + 8, "slot ", 5);
	cmd[13] = (uint8_t)('0' + i);
	memcpy(nw_ptr(S_IN(i)), cmd, 14);
	return smc(i, TZ_SCHED_CMD_NEW, 14, S_CB(i), S_CB_LEN, tid);
}

static bool callback_posted(int i)
{
	struct tzcom_callback cb;
	char want[6] = { 's', 'l', 'o', 't', ' ', (char)('0' + i) };

	memcpy(&cb, nw_ptr(S_CB(i)), sizeof(cb));
	return cb.cmd_id == CB_ID(i) && cb.sb_out_cb_data_len == 6 &&
	       cb.sb_out_cb_data_off == TZCOM_CB_DATA_OFF &&
	       !memcmp(nw_ptr(S_CB(i) + TZCOM_CB_DATA_OFF), want, 6);
}

/* The driver's answer in slot i's callback area: "ans i". */
static void answer(int i)
{
	const struct tzcom_callback_rsp a = {
		.cmd_id = CB_ID(i),
		.status = 0,
		.data_len = 5,
		.data_off = TZCOM_CB_RSP_DATA_OFF,
	};
	char data[5] = { 'a', 'n', 's', ' ', (char)('0' + i) };

	memcpy(nw_ptr(S_CB(i)), &a, sizeof(a));
	memcpy(nw_ptr(S_CB(i) + TZCOM_CB_RSP_DATA_OFF), data, sizeof(data));
}

/* FORWARD's COMPLETE in slot i: {hlos 0, "ans i"}. */
static bool forward_done(int i)
{
	struct tzcom_response r = rsp_of(i);
	char want[5] = { 'a', 'n', 's', ' ', (char)('0' + i) };
	const uint8_t *p = nw_ptr(S_OUT(i));

	return r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	       r.sb_in_rsp_addr == S_OUT(i) && r.sb_in_rsp_len == 8 + 4 + 5 &&
	       nw_get_u32(p) == TZ_TEST_FORWARD && nw_get_u32(p + 4) == 0 &&
	       nw_get_u32(p + 8) == 0 && !memcmp(p + 12, want, 5);
}

static bool echo_on(int i)
{
	uint32_t cmd[2] = { TZ_TEST_ECHO, 0x1234abcdU + (uint32_t)i };
	uint64_t x1;
	const uint8_t *p = nw_ptr(S_OUT(i));

	memcpy(nw_ptr(S_IN(i)), cmd, sizeof(cmd));
	return smc(i, TZ_SCHED_CMD_NEW, 8, 0, 0, &x1) == 0 && x1 == 0 &&
	       rsp_of(i).cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	       nw_get_u32(p + 8) == cmd[1];
}

static bool all_threads_free(void)
{
	bool ok = true;

	for (int i = 0; i < NTHREADS; i++)
		ok = echo_on(i) && ok;
	return ok;
}

static void test_in_flight(void)
{
	static const int order[NTHREADS] = { 2, 0, 3, 1 };
	uint64_t tid[NTHREADS], x1;
	bool ok = true, distinct = true;

	for (int i = 0; i < NTHREADS; i++) {
		ok = new_forward(i, &tid[i]) == 0 && ok;
		ok = rsp_of(i).cmd_status == TZ_SCHED_STATUS_INCOMPLETE && ok;
		ok = callback_posted(i) && ok;
		for (int j = 0; j < i; j++)
			distinct = distinct &&
				   (tid[i] & 0xff) != (tid[j] & 0xff);
	}
	OK(ok, "%d FORWARDs in flight at once, each INCOMPLETE with its callback in its own area",
	   NTHREADS);
	OK(distinct, "each on its own thread (ids 0x%llx 0x%llx 0x%llx 0x%llx)",
	   (unsigned long long)tid[0], (unsigned long long)tid[1],
	   (unsigned long long)tid[2], (unsigned long long)tid[3]);

	memcpy(nw_ptr(S_IN(4)), (uint32_t[]){ TZ_TEST_ECHO }, 4);
	IS(smc(4, TZ_SCHED_CMD_NEW, 4, 0, 0, &x1), TZ_SMC_BUSY,
	   "NEW with every thread in use: -4");
	OK(offer_untouched(4) && x1 == 0, "BUSY wrote nothing, x1 = 0");

	/* Wrong ids and wrong states change nothing. */
	IS(smc(order[0], TZ_SCHED_CMD_PENDING, 0, tid[order[0]] + 0x100, 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "PENDING with the next generation: -5");
	IS(smc(order[0], TZ_SCHED_CMD_PENDING, 0, tid[order[0]] - 0x100, 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "PENDING with the previous generation: -5");
	IS(smc(order[0], TZ_SCHED_CMD_PENDING, 0,
	       tid[order[0]] | (1ULL << 32), 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "PENDING with bits above 31 set: -5");
	IS(smc(order[0], TZ_SCHED_CMD_PENDING, 0,
	       (tid[order[0]] & ~0xffULL) | NTHREADS, 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "PENDING with an index past the threads: -5");
	IS(smc(order[0], TZ_SCHED_CMD_RESUME, 0, tid[order[0]], 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "RESUME of a thread waiting for its callback: -5");
	OK(offer_untouched(order[0]), "refused calls wrote nothing");

	ok = true;
	for (int k = 0; k < NTHREADS; k++) {
		const int i = order[k];

		answer(i);
		ok = smc(i, TZ_SCHED_CMD_PENDING, 0, tid[i], 0, &x1) == 0 &&
		     x1 == 0 && forward_done(i) && ok;
	}
	OK(ok, "answered out of order (2, 0, 3, 1): each COMPLETE with its own answer");
	IS(smc(0, TZ_SCHED_CMD_PENDING, 0, tid[0], 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "PENDING of a finished command: -5");
	OK(all_threads_free(), "every thread FREE again");

	/* A new command on the same thread has a new generation. */
	ok = new_forward(0, &x1) == 0;
	OK(ok && (x1 & 0xff) < NTHREADS && x1 != tid[0] && x1 != tid[1] &&
	   x1 != tid[2] && x1 != tid[3], "a new command gets a new id (0x%llx)",
	   (unsigned long long)x1);
	{
		const uint64_t fresh = x1;

		answer(0);
		IS(smc(0, TZ_SCHED_CMD_PENDING, 0, fresh, 0, &x1), 0,
		   "its PENDING works");
		OK(forward_done(0), "and completes");
	}
}

static void test_cb_area(void)
{
	static const struct {
		uint64_t pa, len;
		const char *what;
	} bad[] = {
		{ 0, 4096, "x6 = 0 with a length" },
		{ S_CB(0), 4095, "shorter than 4096" },
		{ S_CB(0), 65537, "longer than 65536" },
		{ S_CB(0), 0, "no length" },
		{ 0x0e000000, 4096, "in secure RAM" },
		{ HOST_DRAM_BASE + HOST_DRAM_SIZE - 4096 + 16, 4096, "past NS DRAM" },
		{ SLOT(0), 4096, "over the command and the structs" },
		{ S_OUT(0) + S_OUT_LEN - 16, 4096, "over the response area" },
		{ ~0ULL - 100, 4096, "wrapping" },
	};
	uint32_t cmd[2] = { TZ_TEST_ECHO, 7 };
	uint64_t x1;
	bool untouched = true;

	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		memcpy(nw_ptr(S_IN(0)), cmd, sizeof(cmd));
		IS(smc(0, TZ_SCHED_CMD_NEW, 8, bad[k].pa, bad[k].len, &x1),
		   TZ_SMC_INVALID_PARAM, "callback area %s: -3", bad[k].what);
		untouched = untouched && offer_untouched(0);
	}
	OK(untouched, "refused NEWs wrote nothing");
	OK(all_threads_free(), "and left every thread FREE");

	/* x6 = 0: the callback goes to INIT_SB_OUT's buffer as in v1. */
	{
		uint8_t fwd[12];
		struct tzcom_callback cb;

		nw_put_u32(fwd, TZ_TEST_FORWARD);
		nw_put_u32(fwd + 4, CB_ID(9));
		memcpy(fwd + 8, "sbo!", 4);
		memcpy(nw_ptr(S_IN(1)), fwd, sizeof(fwd));
		memset(nw_ptr(S_CB(1)), 0, 64);
		IS(smc(1, TZ_SCHED_CMD_NEW, 12, 0, 0, &x1), 0, "NEW with x6 = 0");
		memcpy(&cb, nw_ptr(NW_SB_OUT_PA), sizeof(cb));
		OK(cb.cmd_id == CB_ID(9) && nw_get_u32(nw_ptr(S_CB(1))) == 0,
		   "its callback is in sb_out");
		nw_tid = x1;
		nw_answer(CB_ID(9), 0, "ok", 2);
		IS(smc(1, TZ_SCHED_CMD_PENDING, 0, x1, 0, &x1), 0, "answered from sb_out");
		OK(rsp_of(1).cmd_status == TZ_SCHED_STATUS_COMPLETE &&
		   !memcmp(nw_ptr(S_OUT(1) + 12), "ok", 2), "and COMPLETE");
	}
}

static void test_preempt(void)
{
	uint32_t cmd[2] = { PROBE_PREEMPT, 3 };
	uint64_t tid, x1;
	unsigned int resumes = 0;
	int64_t x0;

	memcpy(nw_ptr(S_IN(0)), cmd, sizeof(cmd));
	IS(smc(0, TZ_SCHED_CMD_NEW, 8, 0, 0, &tid), TZ_SMC_PREEMPTED,
	   "an interrupt in a preemptible region: PREEMPTED");
	OK((tid & 0xff) < NTHREADS, "x1 is the thread id (0x%llx)",
	   (unsigned long long)tid);
	OK(offer_untouched(0), "PREEMPTED wrote nothing");
	IS(smc(0, TZ_SCHED_CMD_PENDING, 0, tid, 0, &x1), TZ_SMC_UNEXPECTED_RESUME,
	   "PENDING of a PREEMPTED thread: -5");
	IS(smc(0, TZ_SCHED_CMD_RESUME, 0, tid + 0x100, 0, &x1),
	   TZ_SMC_UNEXPECTED_RESUME, "RESUME with a wrong generation: -5");
	OK(echo_on(1) && echo_on(2), "other threads run while it is PREEMPTED");
	do {
		x0 = smc(0, TZ_SCHED_CMD_RESUME, 0, tid, 0, &x1);
		resumes++;
	} while (x0 == TZ_SMC_PREEMPTED && x1 == tid && resumes < 10);
	IS(x0, 0, "RESUMEs end in COMPLETE");
	IS(resumes, 3, "one RESUME per preemption");
	OK(rsp_of(0).cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	   nw_get_u32(nw_ptr(S_OUT(0) + 8)) == 3, "with the command's answer");
	IS(smc(0, TZ_SCHED_CMD_RESUME, 0, tid, 0, &x1), TZ_SMC_UNEXPECTED_RESUME,
	   "RESUME after COMPLETE: -5");
	IS(smc(0, TZ_SCHED_CMD_RESUME, 0, 0, 0, &x1), TZ_SMC_UNEXPECTED_RESUME,
	   "RESUME without any preemption: -5");
	OK(all_threads_free(), "every thread FREE again");
}

/* Child: A and B wait; B's canary is smashed; A still completes, B halts. */
static void test_canaries(void)
{
	for (int high = 0; high < 2; high++) {
		pid_t pid;
		int wst = 0;

		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			uint64_t a, b, x1;

			if (new_forward(0, &a) || new_forward(1, &b))
				_exit(2);
			*(volatile uint64_t *)tz_thread_stack_canary(
				(uint32_t)(b & 0xff), high) = 0;
			answer(0);
			if (smc(0, TZ_SCHED_CMD_PENDING, 0, a, 0, &x1) ||
			    !forward_done(0))
				_exit(3);
			answer(1);
			smc(1, TZ_SCHED_CMD_PENDING, 0, b, 0, &x1);
			_exit(0);	/* not reached if B's canary is checked */
		}
		waitpid(pid, &wst, 0);
		OK(WIFSIGNALED(wst) && WTERMSIG(wst) == SIGABRT,
		   "%s canary of one thread smashed: the others run, it halts at its switch",
		   high ? "high" : "low");
	}
	OK(all_threads_free(), "parent unaffected");
}

#define SMP_ROUNDS	400

struct cpu {
	int slot;
	unsigned int done, bad, busy;
};

/* One host thread per slot: NEW, answer, PENDING, check; all at once. */
static void *cpu_main(void *arg)
{
	struct cpu *c = arg;

	for (unsigned int n = 0; n < SMP_ROUNDS; n++) {
		uint64_t tid, x1;
		int64_t x0 = new_forward(c->slot, &tid);

		if (x0 == TZ_SMC_BUSY) {
			c->busy++;
			continue;
		}
		if (x0 || !callback_posted(c->slot)) {
			c->bad++;
			continue;
		}
		answer(c->slot);
		if (smc(c->slot, TZ_SCHED_CMD_PENDING, 0, tid, 0, &x1) || x1 ||
		    !forward_done(c->slot))
			c->bad++;
		else
			c->done++;
	}
	return NULL;
}

static void test_smp(void)
{
	struct cpu c[NTHREADS];
	pthread_t th[NTHREADS];
	unsigned int done = 0, bad = 0, busy = 0;

	for (int i = 0; i < NTHREADS; i++) {
		c[i] = (struct cpu){ .slot = i };
		pthread_create(&th[i], NULL, cpu_main, &c[i]);
	}
	for (int i = 0; i < NTHREADS; i++) {
		pthread_join(th[i], NULL);
		done += c[i].done;
		bad += c[i].bad;
		busy += c[i].busy;
	}
	IS(bad, 0, "%d host threads, %d commands each at once: every answer its own",
	   NTHREADS, SMP_ROUNDS);
	IS(busy, 0, "no BUSY with as many callers as threads");
	IS(done, NTHREADS * SMP_ROUNDS, "all %u completed", done);
	OK(all_threads_free(), "every thread FREE afterwards");
}

static bool excl_done(int i)
{
	struct tzcom_response r = rsp_of(i);
	const uint8_t *p = nw_ptr(S_OUT(i));

	return r.cmd_status == TZ_SCHED_STATUS_COMPLETE && r.sb_in_rsp_len == 8 + 5 &&
	       nw_get_u32(p) == EXCL_CMD && nw_get_u32(p + 4) == 0 &&
	       !memcmp(p + 8, "ans ", 4) && p[12] == '0' + i;
}

static void test_exclusive(void)
{
	uint64_t tid0, tid1, x1;

	IS(new_excl(0, &tid0), 0, "NEW of an exclusive service");
	OK(rsp_of(0).cmd_status == TZ_SCHED_STATUS_INCOMPLETE && callback_posted(0),
	   "it waits in its callback");
	IS(new_excl(1, &x1), TZ_SMC_SERVICE_BUSY,
	   "a second NEW of it meanwhile: TZ_SMC_SERVICE_BUSY (-6)");
	OK(offer_untouched(1) && x1 == 0, "SERVICE_BUSY wrote nothing, x1 = 0");
	OK(echo_on(1) && echo_on(2) && echo_on(3), "other services' commands run meanwhile");
	IS(new_forward(1, &tid1), 0, "and a concurrent service's callback waits beside it");
	IS(new_forward(2, &x1), 0, "and another beside them");
	answer(2);
	IS(smc(2, TZ_SCHED_CMD_PENDING, 0, x1, 0, &x1), 0, "that one completes");
	answer(0);
	IS(smc(0, TZ_SCHED_CMD_PENDING, 0, tid0, 0, &x1), 0, "the exclusive command's PENDING");
	OK(excl_done(0), "completes with its answer");
	IS(new_excl(3, &x1), 0, "after its COMPLETE, a NEW of it is taken again");
	answer(3);
	IS(smc(3, TZ_SCHED_CMD_PENDING, 0, x1, 0, &x1), 0, "and completes");
	OK(excl_done(3), "with its own answer");
	answer(1);
	IS(smc(1, TZ_SCHED_CMD_PENDING, 0, tid1, 0, &x1), 0, "the FORWARD beside it completes too");
	OK(forward_done(1) && all_threads_free(), "every thread FREE again");
}

int main(void)
{
	struct nw_result res;
	struct tzcom_core_info info;

	nw_boot();
	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	memcpy(&info, res.data, sizeof(info));
	IS(info.threads, NTHREADS, "GET_INFO reports the thread count");

	test_in_flight();
	test_exclusive();
	test_cb_area();
	test_preempt();
	test_smp();
	test_canaries();
	return tap_done();
}
