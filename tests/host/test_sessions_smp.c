// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sessions from several CPUs at once (threads here, TZ_THREADS = 4): each
 * CPU adds to a session of its own and to one session they all share,
 * while another CPU opens and closes sessions of the same service.  A NEW
 * for the shared session while it runs a command is SERVICE_BUSY and
 * changes nothing; every accepted SESSION_ADD counts exactly once; no
 * OPEN hands out an id that is still open.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <tzbsp/sched.h>

#include "host.h"
#include "tap.h"

#define ADDERS		3
#define ROUNDS		4000
#define AREA(t)		(HOST_DRAM_BASE + 0x30000 + (uint64_t)(t) * 0x8000)

struct adder {
	int id;
	uint32_t own;
	uint64_t own_sum, shared_added, shared_busy, bad;
};

static uint32_t shared;
static atomic_bool stop;

/* One command from area t; the SMC's x0, *st the service status, rsp[2]. */
static int64_t cmd_at(int t, uint32_t session, uint32_t id, uint32_t arg,
		      int32_t *st, uint32_t rsp[2])
{
	const uint64_t a = AREA(t);
	struct tzcom_command_ext c = {
		.cmd_type = TZ_SCHED_CMD_NEW,
		.sb_in_cmd_addr = (uint32_t)(a + 0x200),
		.sb_in_cmd_len = 8,
		.session = session,
	};
	const struct tzcom_response offer = {
		.sb_in_rsp_addr = (uint32_t)(a + 0x300),
		.sb_in_rsp_len = 64,
	};
	struct tzcom_response r;
	uint64_t x1;
	int64_t x0;

	nw_put_u32(nw_ptr(a + 0x200), id);
	nw_put_u32(nw_ptr(a + 0x204), arg);
	memcpy(nw_ptr(a), &c, sizeof(c));
	memcpy(nw_ptr(a + 0x100), &offer, sizeof(offer));
	x0 = tzsched_smc(TZ_SMC_SCHED_ARGINFO, a, sizeof(c), a + 0x100, sizeof(r), 0, 0, &x1);
	memcpy(&r, nw_ptr(a + 0x100), sizeof(r));
	*st = 1000;
	if (x0 == 0 && r.cmd_status == TZ_SCHED_STATUS_COMPLETE && r.sb_in_rsp_len >= 8) {
		*st = (int32_t)nw_get_u32(nw_ptr(a + 0x304));
		rsp[0] = nw_get_u32(nw_ptr(a + 0x308));
		rsp[1] = nw_get_u32(nw_ptr(a + 0x30c));
	}
	return x0;
}

static void *adder_main(void *arg)
{
	struct adder *ad = arg;
	uint32_t rsp[2];
	int32_t st;

	for (uint32_t i = 0; i < ROUNDS; i++) {
		const uint32_t n = (i % 7) + 1;
		int64_t x0 = cmd_at(ad->id, ad->own, TZ_TEST_SESSION_ADD, n, &st, rsp);

		if (x0 != 0 || st != 0)
			ad->bad++;
		else if ((ad->own_sum += n) != (rsp[0] | (uint64_t)rsp[1] << 32))
			ad->bad++;
		x0 = cmd_at(ad->id, shared, TZ_TEST_SESSION_ADD, 1, &st, rsp);
		if (x0 == TZ_SMC_SERVICE_BUSY)
			ad->shared_busy++;
		else if (x0 == 0 && st == 0)
			ad->shared_added++;
		else
			ad->bad++;
	}
	return NULL;
}

struct churn {
	uint64_t cycles, bad;
};

/* Opens and closes sessions next to the adders' (ids must stay unique). */
static void *churn_main(void *arg)
{
	struct churn *c = arg;
	uint32_t rsp[2];
	int32_t st;

	while (!atomic_load(&stop)) {
		uint32_t id;

		if (cmd_at(ADDERS, 0, TZ_CORE_SESSION_OPEN, TZ_SVC_TEST, &st, rsp) || st) {
			c->bad++;
			continue;
		}
		id = rsp[0];
		if (id == shared)
			c->bad++;
		/* A new session starts at 0 whatever ran in its entry before. */
		if (cmd_at(ADDERS, id, TZ_TEST_SESSION_ADD, 0, &st, rsp) || st || rsp[0] || rsp[1])
			c->bad++;
		if (cmd_at(ADDERS, 0, TZ_CORE_SESSION_CLOSE, id, &st, rsp) || st)
			c->bad++;
		c->cycles++;
	}
	return NULL;
}

static uint32_t open_one(void)
{
	uint32_t rsp[2] = { 0, 0 };
	int32_t st;

	if (cmd_at(ADDERS + 1, 0, TZ_CORE_SESSION_OPEN, TZ_SVC_TEST, &st, rsp) || st)
		return 0;
	return rsp[0];
}

int main(void)
{
	struct adder ad[ADDERS];
	struct churn ch = { 0, 0 };
	pthread_t th[ADDERS], cth;
	uint64_t added = 0, busy = 0, bad = 0;
	uint32_t rsp[2];
	int32_t st;

	nw_boot();
	shared = open_one();
	OK(shared != 0, "the shared session opens");
	for (int i = 0; i < ADDERS; i++) {
		memset(&ad[i], 0, sizeof(ad[i]));
		ad[i].id = i;
		ad[i].own = open_one();
		OK(ad[i].own != 0, "adder %d's session opens", i);
	}
	pthread_create(&cth, NULL, churn_main, &ch);
	for (int i = 0; i < ADDERS; i++)
		pthread_create(&th[i], NULL, adder_main, &ad[i]);
	for (int i = 0; i < ADDERS; i++) {
		pthread_join(th[i], NULL);
		added += ad[i].shared_added;
		busy += ad[i].shared_busy;
		bad += ad[i].bad;
	}
	atomic_store(&stop, true);
	pthread_join(cth, NULL);

	IS(bad, 0, "every own-session ADD was accepted and summed right, every shared one "
	   "accepted or SERVICE_BUSY");
	IS(ch.bad, 0, "%llu OPEN/ADD/CLOSE cycles meanwhile: fresh ids, fresh state",
	   (unsigned long long)ch.cycles);
	OK(ch.cycles > 0, "the churn ran");
	IS(cmd_at(ADDERS + 1, shared, TZ_TEST_SESSION_ADD, 0, &st, rsp), 0, "read the shared counter");
	IS(rsp[0] | (uint64_t)rsp[1] << 32, added,
	   "the shared counter is the %llu accepted ADDs (%llu SERVICE_BUSY changed nothing)",
	   (unsigned long long)added, (unsigned long long)busy);
	for (int i = 0; i < ADDERS; i++)
		tap_diag("adder %d: shared session %llu added, %llu SERVICE_BUSY", i,
			 (unsigned long long)ad[i].shared_added,
			 (unsigned long long)ad[i].shared_busy);
	for (int i = 0; i < ADDERS; i++) {
		IS(cmd_at(ADDERS + 1, 0, TZ_CORE_SESSION_CLOSE, ad[i].own, &st, rsp), 0,
		   "close adder %d's session", i);
		IS(st, 0, "  status 0");
	}
	IS(cmd_at(ADDERS + 1, 0, TZ_CORE_SESSION_CLOSE, shared, &st, rsp), 0, "close the shared one");
	IS(st, 0, "  status 0");
	return tap_done();
}
