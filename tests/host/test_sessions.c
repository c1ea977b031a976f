// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sessions (docs/firmware.md "Sessions"), built with TZ_THREADS = 4 so a
 * second command can arrive while one runs in a session: OPEN and CLOSE
 * and their errors, opaque ids with a generation (stale and forged ids
 * refused), a full table, the wipe of the service's state on open and
 * on close, a session of another service (-EBADF, the service never
 * entered), a session already running a command (SERVICE_BUSY, nothing
 * kept; CLOSE -EBUSY), and SESSION_ADD of the test service end to end.
 */
#include <stdio.h>
#include <string.h>

#include <tzbsp/service.h>

#include "host.h"
#include "probe.h"
#include "tap.h"

#define CB_ID		0x80000042U

extern const struct tz_service __start_tz_services[];
extern const struct tz_service __stop_tz_services[];

static struct nw_result res;
static struct tzcom_command_ext ext;

static uint64_t *test_state(void)
{
	for (const struct tz_service *s = __start_tz_services; s < __stop_tz_services; s++)
		if (s->id == TZ_SVC_TEST && !strcmp(s->name, "test"))
			return s->sessions;
	return NULL;
}

static int32_t open_session(uint32_t svc, uint32_t *id)
{
	nw_call_id(TZ_CORE_SESSION_OPEN, &svc, sizeof(svc), NULL, NULL, &res);
	if (res.x0 || res.malformed)
		return 1000;
	if (res.status == 0 && res.len == 4)
		*id = nw_get_u32(res.data);
	else if (res.status == 0)
		return 1001;
	return res.status;
}

static int32_t close_session(uint32_t id)
{
	nw_call_id(TZ_CORE_SESSION_CLOSE, &id, sizeof(id), NULL, NULL, &res);
	if (res.x0 || res.malformed || res.len)
		return 1000;
	return res.status;
}

/* SESSION_ADD in session id: its status, the sum in *sum. */
static int32_t add(uint32_t id, uint32_t n, uint64_t *sum)
{
	memset(&ext, 0, sizeof(ext));
	ext.session = id;
	nw_ext = &ext;
	nw_call_id(TZ_TEST_SESSION_ADD, &n, sizeof(n), NULL, NULL, &res);
	nw_ext = NULL;
	if (res.x0 || res.malformed)
		return 1000;
	if (res.status == 0 && res.len == 8)
		*sum = nw_get_u32(res.data) | (uint64_t)nw_get_u32(res.data + 4) << 32;
	return res.status;
}

/* Which element of the test service's state holds v (there is one). */
static int state_index_of(uint64_t v)
{
	uint64_t *st = test_state();
	int found = -1;

	for (unsigned int i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		if (st[i] == v)
			found = found < 0 ? (int)i : -2;
	return found;
}

static void test_open_close(void)
{
	uint32_t a = 0, b = 0, c = 0, stale;
	uint64_t sum = 0;
	int idx;

	OK(test_state() != NULL, "the test service publishes its session state");
	IS(open_session(TZ_SVC_TEST, &a), 0, "OPEN of the test service");
	OK(a != 0, "  a nonzero id (0x%x)", a);
	IS(open_session(TZ_SVC_TEST, &b), 0, "a second OPEN");
	OK(b != 0 && b != a, "  another id");
	IS(open_session(TZ_SVC_CORE, &c), -TZ_EOPNOTSUPP, "OPEN of the core service: -EOPNOTSUPP");
	IS(open_session(PROBE_SVC, &c), -TZ_EOPNOTSUPP,
	   "OPEN of a service without TZ_SVC_F_SESSIONS: -EOPNOTSUPP");
	IS(open_session(BROKEN_SVC, &c), -TZ_ENOSYS, "OPEN of a service whose init failed: -ENOSYS");
	IS(open_session(29, &c), -TZ_ENOSYS, "OPEN of a refused descriptor: -ENOSYS");
	IS(open_session(32, &c), -TZ_ENOSYS, "OPEN of service 32: -ENOSYS");
	IS(open_session(0xffffffffU, &c), -TZ_ENOSYS, "OPEN of service 2^32-1: -ENOSYS");
	{
		uint32_t two[2] = { TZ_SVC_TEST, 0 };

		nw_call_id(TZ_CORE_SESSION_OPEN, two, sizeof(two), NULL, NULL, &res);
		IS(res.status, -TZ_EINVAL, "OPEN with 12 bytes: -EINVAL");
		nw_call_id(TZ_CORE_SESSION_OPEN, NULL, 0, NULL, NULL, &res);
		IS(res.status, -TZ_EINVAL, "OPEN with 4 bytes: -EINVAL");
		nw_call_id(TZ_CORE_SESSION_CLOSE, two, sizeof(two), NULL, NULL, &res);
		IS(res.status, -TZ_EINVAL, "CLOSE with 12 bytes: -EINVAL");
	}

	IS(add(a, 5, &sum), 0, "SESSION_ADD 5 in a");
	IS(sum, 5, "  a's counter is 5");
	IS(add(a, 7, &sum), 0, "SESSION_ADD 7 in a");
	IS(sum, 12, "  a's counter is 12");
	IS(add(b, 0xffffffffU, &sum), 0, "SESSION_ADD 2^32-1 in b");
	IS(add(b, 2, &sum), 0, "SESSION_ADD 2 in b");
	IS(sum, 0x100000001ULL, "  b's counter is 2^32+1 (64 bits, apart from a's)");
	IS(add(0, 1, &sum), -TZ_EBADF, "SESSION_ADD without a session: -EBADF");

	/* Wipe on close: a's element is zero once CLOSE has answered. */
	idx = state_index_of(12);
	OK(idx >= 0, "a's counter is one element of the state (%d)", idx);
	IS(close_session(a), 0, "CLOSE a");
	OK(idx >= 0 && test_state()[idx] == 0, "  its element is zero again");
	IS(close_session(a), -TZ_EBADF, "CLOSE a again: -EBADF");
	IS(add(a, 1, &sum), -TZ_EBADF, "SESSION_ADD in the closed a: -EBADF");
	OK(res.cmd_id == TZ_TEST_SESSION_ADD && res.len == 0, "  answered for the command, no data");
	IS(close_session(0), -TZ_EBADF, "CLOSE of id 0: -EBADF");
	IS(close_session(0xffffffffU), -TZ_EBADF, "CLOSE of id 2^32-1: -EBADF");
	IS(close_session(b ^ 0x400), -TZ_EBADF, "CLOSE of b with another generation: -EBADF");
	IS(close_session(b ^ 0x20), -TZ_EBADF, "CLOSE of b's index in another service: -EBADF");
	IS(add(b, 0, &sum), 0, "b is still open");
	IS(sum, 0x100000001ULL, "  with its counter");

	/* Wipe on open: garbage in every free element never reaches a session. */
	stale = a;
	for (unsigned int i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		if (test_state()[i] != 0x100000001ULL)
			test_state()[i] = 0xdead0000U + i;
	IS(open_session(TZ_SVC_TEST, &c), 0, "OPEN c");
	OK(c != stale, "  c's id is not a's (0x%x, 0x%x)", c, stale);
	IS(add(c, 0, &sum), 0, "SESSION_ADD 0 in c");
	IS(sum, 0, "  c starts at 0 although its element held garbage");
	IS(add(stale, 0, &sum), -TZ_EBADF, "a's id after c reused the table: -EBADF");
	IS(close_session(c), 0, "CLOSE c");
	IS(close_session(b), 0, "CLOSE b");
	for (unsigned int i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		test_state()[i] = 0;
}

static void test_full(void)
{
	uint32_t ids[TZ_SESSIONS_PER_SVC], extra = 0, again = 0;
	uint64_t sum = 0;
	bool ok = true, distinct = true;

	for (unsigned int i = 0; i < TZ_SESSIONS_PER_SVC; i++) {
		ok &= open_session(TZ_SVC_TEST, &ids[i]) == 0;
		for (unsigned int j = 0; j < i; j++)
			distinct &= ids[i] != ids[j];
	}
	OK(ok, "%u sessions open", TZ_SESSIONS_PER_SVC);
	OK(distinct, "  with distinct ids");
	IS(open_session(TZ_SVC_TEST, &extra), -TZ_ENOSPC, "one more: -ENOSPC");
	for (unsigned int i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		ok &= add(ids[i], i + 1, &sum) == 0 && sum == i + 1;
	OK(ok, "each has a counter of its own");
	IS(close_session(ids[9]), 0, "close one");
	IS(open_session(TZ_SVC_TEST, &again), 0, "then OPEN succeeds");
	OK(again != ids[9], "  with a new id for the same entry");
	IS(add(again, 0, &sum), 0, "SESSION_ADD 0 in it");
	IS(sum, 0, "  it starts at 0");
	ids[9] = again;
	ok = true;
	for (unsigned int i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		ok &= close_session(ids[i]) == 0;
	OK(ok, "close them all");
}

/* A test-service session named by commands of other services. */
static void test_wrong_service(void)
{
	uint32_t s = 0, one = 1;
	uint64_t sum = 0;

	IS(open_session(TZ_SVC_TEST, &s), 0, "OPEN s");
	memset(&ext, 0, sizeof(ext));
	ext.session = s;
	nw_ext = &ext;
	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	OK(res.x0 == 0 && res.status == -TZ_EBADF && res.len == 0,
	   "GET_INFO (core) in a test session: -EBADF, no data");
	nw_call_id(PROBE_MEM, (uint32_t[]){ PROBE_MEM_SESSION, 0, 0, 0, 0 }, 20, NULL, NULL, &res);
	OK(res.x0 == 0 && res.status == -TZ_EBADF && res.len == 0,
	   "a probe-service command in a test session: -EBADF, the service not entered");
	nw_call_id(0x00170001U, &one, sizeof(one), NULL, NULL, &res);
	IS(res.status, -TZ_ENOSYS, "a command of no service in a session: -ENOSYS");
	nw_ext = NULL;
	IS(add(s, 3, &sum), 0, "s itself still works");
	IS(sum, 3, "  its counter is 3");
	IS(close_session(s), 0, "CLOSE s");
}

/* A FORWARD in session s waits on its callback. */
static void test_busy(void)
{
	uint32_t s = 0, t = 0;
	uint64_t sum = 0, tid;
	uint8_t fwd[8];
	struct tzcom_callback cb;

	IS(open_session(TZ_SVC_TEST, &s), 0, "OPEN s");
	IS(open_session(TZ_SVC_TEST, &t), 0, "OPEN t");
	memset(&ext, 0, sizeof(ext));
	ext.session = s;
	nw_ext = &ext;
	nw_put_u32(fwd, TZ_TEST_FORWARD);
	nw_put_u32(fwd + 4, CB_ID);
	IS(nw_new(fwd, sizeof(fwd), 64), 0, "FORWARD in s starts");
	nw_ext = NULL;
	tid = nw_tid;
	cb = nw_callback();
	OK(nw_response().cmd_status == TZ_SCHED_STATUS_INCOMPLETE && cb.cmd_id == CB_ID,
	   "  and waits on its callback");

	ext.session = s;
	nw_ext = &ext;
	{
		uint8_t cmd[8];

		nw_put_u32(cmd, TZ_TEST_SESSION_ADD);
		nw_put_u32(cmd + 4, 1);
		memset(nw_ptr(NW_RSP_PA), 0xcc, sizeof(struct tzcom_response));
		IS(nw_new(cmd, sizeof(cmd), 64), TZ_SMC_SERVICE_BUSY,
		   "SESSION_ADD in the busy s: SERVICE_BUSY");
	}
	nw_ext = NULL;
	OK(((struct tzcom_response *)nw_ptr(NW_RSP_PA))->cmd_status ==
	   TZ_SCHED_STATUS_INCOMPLETE, "  the offer was not answered");
	IS(close_session(s), -TZ_EBUSY, "CLOSE of the busy s: -EBUSY");
	IS(add(t, 4, &sum), 0, "SESSION_ADD in t meanwhile");
	IS(sum, 4, "  t's counter is 4");
	/* 4 threads, 1 held by the FORWARD: a kept thread would show as BUSY here. */
	for (int i = 0; i < 8; i++) {
		ext.session = s;
		nw_ext = &ext;
		nw_call_id(TZ_TEST_SESSION_ADD, &(uint32_t){ 1 }, 4, NULL, NULL, &res);
		nw_ext = NULL;
		if (res.x0 != TZ_SMC_SERVICE_BUSY)
			break;
	}
	IS(res.x0, TZ_SMC_SERVICE_BUSY, "eight refused NEWs in s kept no thread (still SERVICE_BUSY)");
	IS(add(t, 1, &sum), 0, "and t still gets a thread");

	nw_tid = tid;
	nw_answer(CB_ID, 0, "pong", 4);
	IS(nw_pending(), 0, "the FORWARD's answer");
	OK(nw_response().cmd_status == TZ_SCHED_STATUS_COMPLETE, "  completes it");
	IS(add(s, 2, &sum), 0, "SESSION_ADD in s once the FORWARD is done");
	IS(sum, 2, "  s's counter is 2 (no refused ADD ran)");
	IS(close_session(s), 0, "CLOSE s");
	IS(close_session(t), 0, "CLOSE t");
}

int main(void)
{
	nw_boot();
	test_open_close();
	test_full();
	test_wrong_service();
	test_busy();
	return tap_done();
}
