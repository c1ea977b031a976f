// SPDX-License-Identifier: BSD-3-Clause
/*
 * robust-smc: the secure world against a hostile normal-world kernel.
 * Through tests/kmod (tzcom_smctest's debugfs "call") this program makes
 * the scheduler SMC 0x4200FC01 itself, with the request structs in a
 * locked page of its own whose physical address it reads from
 * /proc/self/pagemap:
 *  - wrong function ids and arginfo; request/response addresses in
 *    secure flash (0x0), secure RAM (0x0e000000), devices, across the ends
 *    of NS DRAM, wrapping, above 4 GiB; wrong struct lengths; bad
 *    cmd_type; NEW with bad command or response areas; PENDING with
 *    nothing pending (-5).  Each refusal must leave our memory untouched
 *    (docs/protocol.md §1: a refused call writes nothing).
 *  - a good raw NEW (ECHO) with every struct unaligned;
 *  - NEW while every secure thread is in use (-4): a listener holds a
 *    callback of a FORWARD sent through the driver, raw FORWARDs with a
 *    callback area in a second page of ours take the other threads
 *    (GET_INFO's count), then the raw NEW is refused; hostile PENDINGs
 *    (bad structs: -3; stale or wrong thread ids, RESUME: -5) resume
 *    nothing; we answer our raw FORWARDs, the listener answers, and the
 *    driver's FORWARD completes intact (docs/protocol.md §9).
 * Finally the secure world is shown healthy through the driver.
 */
#include "rb.h"

#define BASE	0xA2
#define SVC(n)	(0x7ea200u + (n))
#define CB(n)	TZT_CB(BASE, n)

#define SMC_UNK		UINT64_C(0xffffffffffffffff)
#define R(v)		((uint64_t)(int64_t)(v))	/* x0 as read back */

#define OFF_REQ		0	/* struct tzcom_command */
#define OFF_RSP		64	/* struct tzcom_response */
#define OFF_CMD		256	/* the command payload */
#define OFF_AREA	1024	/* the response area offered */
#define AREA_LEN	512

static uint8_t *pg, *cbpg;		/* cbpg: raw commands' callback area */
static uint64_t pa, cbpa, dram_lo, dram_hi;	/* [dram_lo, dram_hi) */

/* The scheduler SMC with x1..x7 explicit; returns x0, *x1 gets x1. */
static uint64_t sched7(uint64_t fn, uint64_t arginfo, uint64_t req, uint64_t req_len,
		       uint64_t rsp, uint64_t rsp_len, uint64_t x6, uint64_t x7,
		       uint64_t *x1)
{
	uint64_t x[8] = { fn, arginfo, req, req_len, rsp, rsp_len, x6, x7 }, a[4];
	int r = rb_smc(x, a);

	/*
	 * A service runs with the normal world's interrupts unmasked, so a
	 * call that runs one may come back PREEMPTED at any time: RESUME it,
	 * as the driver does, with the request's cmd_type put back after.
	 * A refused call never answers PREEMPTED, so its x0 stays exact.
	 */
	while (!r && a[0] == TZ_SMC_PREEMPTED) {
		uint32_t type;

		if (req < pa || req - pa > 4096 - 12)
			tap_bail("PREEMPTED for a request outside our page");
		type = tzt_get32(pg + (req - pa));
		tzt_put32(pg + (req - pa), TZ_SCHED_CMD_RESUME);
		x[6] = a[1];
		x[7] = 0;
		r = rb_smc(x, a);
		tzt_put32(pg + (req - pa), type);
	}
	if (r)
		tap_bail("raw SMC through %s failed: %s", RB_SMC_CALL, strerror(-r));
	*x1 = a[1];
	return a[0];
}

/* The scheduler SMC with x6 = x7 = 0; returns x0. */
static uint64_t sched(uint64_t fn, uint64_t arginfo, uint64_t req, uint64_t req_len,
		      uint64_t rsp, uint64_t rsp_len)
{
	uint64_t x1;

	return sched7(fn, arginfo, req, req_len, rsp, rsp_len, 0, 0, &x1);
}

/* A well-formed request in our page, with the given command payload. */
static void setup(uint32_t type, uint32_t cmd_off, uint32_t cmd_len,
		  uint32_t area_addr, uint32_t area_len)
{
	struct tzcom_command c = {
		.cmd_type = type, .sb_in_cmd_addr = (uint32_t)pa + cmd_off,
		.sb_in_cmd_len = cmd_len,
	};
	struct tzcom_response r = {
		.cmd_status = 0xa5a5a5a5u, .sb_in_rsp_addr = area_addr,
		.sb_in_rsp_len = area_len,
	};

	memcpy(pg + OFF_REQ, &c, sizeof(c));
	memcpy(pg + OFF_RSP, &r, sizeof(r));
	memset(pg + OFF_AREA, 0xa5, AREA_LEN);
}

static void setup_echo(void)
{
	tzt_put32(pg + OFF_CMD, TZ_TEST_ECHO);
	tzt_fill(pg + OFF_CMD + 4, 60, 0xec40);
	setup(TZ_SCHED_CMD_NEW, OFF_CMD, 64, (uint32_t)pa + OFF_AREA, AREA_LEN);
}

/* The page after a refused call must be what setup() left. */
static uint8_t snap[4096];

static void snapshot(void)
{
	memcpy(snap, pg, sizeof(snap));
}

static int untouched(void)
{
	return !memcmp(snap, pg, sizeof(snap));
}

/* One refused call: x0 is want and our page is unchanged. */
static void refused(uint64_t x0, int64_t want, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void refused(uint64_t x0, int64_t want, const char *fmt, ...)
{
	char what[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (!tap_ok(x0 == R(want) && untouched(), "%s: x0 %lld, nothing written", what,
		    (long long)want))
		tap_diag("got x0 0x%016" PRIx64 ", page %s", x0,
			 untouched() ? "untouched" : "MODIFIED");
}

static int get_info(int fd, struct tzcom_core_info *ci)
{
	int32_t st = 1;
	size_t got = 0;
	int r = tzt_call(fd, TZ_CORE_GET_INFO, NULL, 0, 8 + sizeof(*ci), &st, ci,
			 sizeof(*ci), &got);

	return r ? r : st ? st : got == sizeof(*ci) ? 0 : -EBADMSG;
}

static void transport_tests(void)
{
	const uint64_t A = TZ_SMC_SCHED_ARGINFO, F = TZ_SMC_SCHED_CALL;
	const uint64_t req = pa + OFF_REQ, rsp = pa + OFF_RSP;
	const uint64_t bad_pa[] = {
		0x0,				/* secure flash */
		0x100,				/* secure flash */
		0x0e000000,			/* secure RAM */
		0x0e000000 + 0x800000,		/* secure RAM, middle */
		0x0effffff,			/* secure RAM, last byte */
		0x09000000,			/* the NS UART's registers */
		0x08000000,			/* the GIC distributor */
		dram_lo - 4,			/* straddling the start of DRAM */
		dram_hi - 4,			/* straddling the end of DRAM */
		dram_hi,			/* just past DRAM */
		0xfffffffffffffff8ull,		/* wraps */
		0xffffffffull,			/* wraps 32-bit */
		(1ull << 63) | (pa + OFF_REQ),	/* high bit set */
		(1ull << 32) + (pa + OFF_REQ),	/* alias above 4 GiB */
		0xffff800008000000ull,		/* a kernel virtual address */
	};
	const uint64_t bad_len[] = { 0, 1, 11, 13, 24, 4096, 0xffffffffull,
				     (1ull << 32) | 12, SMC_UNK };

	setup_echo();
	snapshot();
	refused(sched(0x4200FC02, A, req, 12, rsp, 12), -1, "unknown scheduler command 0x4200FC02");
	refused(sched(0x4200FD01, A, req, 12, rsp, 12), -1, "unknown service 0x4200FD01");
	refused(sched(0x4200FC00, A, req, 12, rsp, 12), -1, "command 0 of service 0xFC");
	refused(sched(F, 0, req, 12, rsp, 12), -3, "arginfo 0");
	refused(sched(F, 0x213, req, 12, rsp, 12), -3, "arginfo 0x213");
	refused(sched(F, 0x215, req, 12, rsp, 12), -3, "arginfo 0x215");
	refused(sched(F, 0x224, req, 12, rsp, 12), -3, "arginfo 0x224 (RW request)");
	refused(sched(F, A | (1ull << 32), req, 12, rsp, 12), -3, "arginfo 0x214 | 1 << 32");
	refused(sched(F, SMC_UNK, req, 12, rsp, 12), -3, "arginfo ~0");

	for (size_t i = 0; i < sizeof(bad_pa) / sizeof(bad_pa[0]); i++) {
		refused(sched(F, A, bad_pa[i], 12, rsp, 12), -3,
			"request at 0x%" PRIx64, bad_pa[i]);
		refused(sched(F, A, req, 12, bad_pa[i], 12), -3,
			"response at 0x%" PRIx64, bad_pa[i]);
	}
	for (size_t i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		refused(sched(F, A, req, bad_len[i], rsp, 12), -3,
			"request length 0x%" PRIx64, bad_len[i]);
		refused(sched(F, A, req, 12, rsp, bad_len[i]), -3,
			"response length 0x%" PRIx64, bad_len[i]);
	}
	/* A 12-byte struct that runs off the end of DRAM by a few bytes. */
	refused(sched(F, A, dram_hi - 8, 12, rsp, 12), -3, "request ending 4 bytes past DRAM");
	refused(sched(F, A, req, 12, dram_hi - 11, 12), -3, "response ending 1 byte past DRAM");

	for (uint32_t t = 0; t < 6; t++) {
		static const uint32_t types[] = { 0, 4, 5, 0x101, 0x80000001u, 0xffffffffu };

		setup_echo();
		tzt_put32(pg + OFF_REQ, types[t]);
		snapshot();
		refused(sched(F, A, req, 12, rsp, 12), -3, "cmd_type 0x%x", types[t]);
	}
}

static void new_tests(void)
{
	const uint64_t A = TZ_SMC_SCHED_ARGINFO, F = TZ_SMC_SCHED_CALL;
	const uint64_t req = pa + OFF_REQ, rsp = pa + OFF_RSP;
	const uint32_t area = (uint32_t)pa + OFF_AREA;
	const struct {
		uint32_t addr, len;
		const char *what;
	} cmd[] = {
		{ 0x0, 64, "in secure flash" },
		{ 0x0e000000, 64, "in secure RAM" },
		{ 0x0e001000, 20480, "in secure RAM, the full 20 KiB" },
		{ 0x09000000, 64, "in device memory" },
		{ 0xfffffff0u, 64, "wrapping 2^32" },
		{ (uint32_t)dram_hi - 32, 64, "running past the end of DRAM" },
		{ (uint32_t)dram_lo - 32, 64, "starting before DRAM" },
		{ (uint32_t)pa + OFF_CMD, 0, "length 0" },
		{ (uint32_t)pa + OFF_CMD, 3, "length 3" },
		{ (uint32_t)pa + OFF_CMD, 20481, "length 20481" },
		{ (uint32_t)pa + OFF_CMD, 0x80000000u, "length 2^31" },
		{ (uint32_t)pa + OFF_CMD, 0xffffffffu, "length 0xFFFFFFFF" },
	};
	const struct {
		uint32_t addr, len;
		const char *what;
	} offer[] = {
		{ 0x0e000000, 512, "in secure RAM" },
		{ 0x100, 512, "in secure flash" },
		{ 0xfffffff8u, 512, "wrapping 2^32" },
		{ (uint32_t)dram_hi - 8, 512, "running past DRAM" },
		{ area, 0, "length 0" },
		{ area, 7, "length 7" },
		{ area, 20481, "length 20481" },
		{ area, 0xffffffffu, "length 0xFFFFFFFF" },
		{ (uint32_t)pa + OFF_CMD + 32, 512, "overlapping the command" },
		{ (uint32_t)pa + OFF_CMD - 8, 16, "overlapping the command's start" },
	};

	for (size_t i = 0; i < sizeof(cmd) / sizeof(cmd[0]); i++) {
		setup_echo();
		tzt_put32(pg + OFF_REQ + 4, cmd[i].addr);
		tzt_put32(pg + OFF_REQ + 8, cmd[i].len);
		snapshot();
		refused(sched(F, A, req, 12, rsp, 12), -3, "NEW with the command %s", cmd[i].what);
	}
	for (size_t i = 0; i < sizeof(offer) / sizeof(offer[0]); i++) {
		setup_echo();
		tzt_put32(pg + OFF_RSP + 4, offer[i].addr);
		tzt_put32(pg + OFF_RSP + 8, offer[i].len);
		snapshot();
		refused(sched(F, A, req, 12, rsp, 12), -3, "NEW with the response area %s",
			offer[i].what);
	}

	setup(TZ_SCHED_CMD_PENDING, 0, 0, 0, 0);
	snapshot();
	refused(sched(F, A, req, 12, rsp, 12), -5, "PENDING with nothing pending");
	refused(sched(F, A, req, 12, rsp, 12), -5, "PENDING with nothing pending, again");
}

/* A good NEW made by hand, with every struct at an odd address. */
static void raw_echo_tests(void)
{
	const uint64_t A = TZ_SMC_SCHED_ARGINFO, F = TZ_SMC_SCHED_CALL;
	struct tzcom_command c = {
		.cmd_type = TZ_SCHED_CMD_NEW, .sb_in_cmd_addr = (uint32_t)pa + OFF_CMD + 3,
		.sb_in_cmd_len = 4 + 61,
	};
	struct tzcom_response r = {
		.cmd_status = 0x5a5a5a5a, .sb_in_rsp_addr = (uint32_t)pa + OFF_AREA + 5,
		.sb_in_rsp_len = 301,
	};
	uint8_t data[61];
	uint64_t x0;

	memset(pg, 0, 4096);
	memcpy(pg + OFF_REQ + 1, &c, sizeof(c));
	memcpy(pg + OFF_RSP + 3, &r, sizeof(r));
	tzt_put32(pg + OFF_CMD + 3, TZ_TEST_ECHO);
	tzt_fill(data, sizeof(data), 0x0dd);
	memcpy(pg + OFF_CMD + 7, data, sizeof(data));
	x0 = sched(F, A, pa + OFF_REQ + 1, 12, pa + OFF_RSP + 3, 12);
	tap_is((int64_t)x0, 0, "raw NEW ECHO with unaligned structs and payload: x0 0");
	memcpy(&r, pg + OFF_RSP + 3, sizeof(r));
	tap_ok(r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	       r.sb_in_rsp_addr == (uint32_t)pa + OFF_AREA + 5 && r.sb_in_rsp_len == 8 + 61,
	       "... COMPLETE, response at the offered address, 69 bytes (status %u, len %u)",
	       r.cmd_status, r.sb_in_rsp_len);
	tap_ok(tzt_get32(pg + OFF_AREA + 5) == TZ_TEST_ECHO &&
	       tzt_get32(pg + OFF_AREA + 9) == 0 &&
	       !memcmp(pg + OFF_AREA + 13, data, sizeof(data)) &&
	       pg[OFF_AREA + 4] == 0 && pg[OFF_AREA + 5 + 69] == 0,
	       "... the echo is byte-exact and nothing is written around it");
}

/* ---- NEW while busy ------------------------------------------------------------ */

struct fwd {
	int fd;
	int ret;
	int32_t svc, hlos;
	uint8_t ans[64];
	size_t ans_len;
	pthread_t t;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;
	uint8_t data[24];

	tzt_fill(data, sizeof(data), 0xf0d);
	f->ret = tzt_forward(f->fd, CB(1), data, sizeof(data), &f->svc, &f->hlos, f->ans,
			     sizeof(f->ans), &f->ans_len);
	return NULL;
}

#define RAW_MAX		16	/* raw FORWARDs at most: threads - 1 */

/* A raw FORWARD(CB(2), 8 bytes) with its callbacks in cbpg; returns x0. */
static uint64_t raw_forward(uint64_t *tid)
{
	tzt_put32(pg + OFF_CMD, TZ_TEST_FORWARD);
	tzt_put32(pg + OFF_CMD + 4, CB(2));
	tzt_fill(pg + OFF_CMD + 8, 8, 0xb0b);
	setup(TZ_SCHED_CMD_NEW, OFF_CMD, 16, (uint32_t)pa + OFF_AREA, AREA_LEN);
	return sched7(TZ_SMC_SCHED_CALL, TZ_SMC_SCHED_ARGINFO, pa + OFF_REQ, 12,
		      pa + OFF_RSP, 12, cbpa, 4096, tid);
}

/* Answer a raw FORWARD's callback with no data and PENDING its thread. */
static int raw_answer(uint64_t tid)
{
	const struct tzcom_callback_rsp a = {
		.cmd_id = CB(2), .status = 0, .data_len = 0,
		.data_off = TZCOM_CB_RSP_DATA_OFF,
	};
	struct tzcom_response r;
	uint64_t x0, x1;

	memcpy(cbpg, &a, sizeof(a));
	setup(TZ_SCHED_CMD_PENDING, 0, 0, 0, 0);
	x0 = sched7(TZ_SMC_SCHED_CALL, TZ_SMC_SCHED_ARGINFO, pa + OFF_REQ, 12,
		    pa + OFF_RSP, 12, tid, 0, &x1);
	memcpy(&r, pg + OFF_RSP, sizeof(r));
	return x0 == 0 && x1 == 0 && r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	       r.sb_in_rsp_addr == (uint32_t)pa + OFF_AREA && r.sb_in_rsp_len == 12 &&
	       tzt_get32(pg + OFF_AREA) == TZ_TEST_FORWARD &&
	       tzt_get32(pg + OFF_AREA + 4) == 0 && tzt_get32(pg + OFF_AREA + 8) == 0;
}

static void busy_tests(int fd, uint32_t threads)
{
	const uint64_t A = TZ_SMC_SCHED_ARGINFO, F = TZ_SMC_SCHED_CALL;
	const uint64_t req = pa + OFF_REQ, rsp = pa + OFF_RSP;
	int lfd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	uint8_t buf[64], want[24];
	uint32_t inst, cmd, len = sizeof(buf), raw = 0;
	uint64_t tid[RAW_MAX], x1;
	struct fwd f = { .fd = fd, .ret = 1 };
	int ok;

	tap_err(tzt_register(lfd, SVC(1), CB(1), CB(1), &inst), 0, "register a listener");
	pthread_create(&f.t, NULL, fwd_main, &f);
	tap_err(tzt_read_next(lfd, SVC(1), inst, &cmd, buf, &len), 0,
		"a FORWARD's callback is delivered and held: a command is in flight");
	tap_is(tzt_stat("inflight_cmds"), 1, "... the driver counts it in flight");

	if (threads < 1 || threads > RAW_MAX + 1)
		tap_bail("GET_INFO reports %u secure threads", threads);
	ok = 1;
	for (raw = 0; raw + 1 < threads; raw++) {
		struct tzcom_callback cb;

		memset(cbpg, 0, 4096);
		ok = ok && raw_forward(&tid[raw]) == 0 && tid[raw] != 0 &&
		     tzt_get32(pg + OFF_RSP) == TZ_SCHED_STATUS_INCOMPLETE;
		memcpy(&cb, cbpg, sizeof(cb));
		ok = ok && cb.cmd_id == CB(2) && cb.sb_out_cb_data_len == 8 &&
		     cb.sb_out_cb_data_off == TZCOM_CB_DATA_OFF;
	}
	tap_ok(ok, "%u raw FORWARDs take the other secure threads, each INCOMPLETE with its callback in our area",
	       raw);
	setup_echo();
	snapshot();
	refused(sched(F, A, req, 12, rsp, 12), -4, "raw NEW while every thread is in use");
	refused(sched(F, A, req, 12, rsp, 12), -4, "raw NEW while every thread is in use, again");
	if (raw) {
		setup(TZ_SCHED_CMD_PENDING, 0, 0, 0, 0);
		snapshot();
		refused(sched7(F, A, req, 12, rsp, 12, tid[0] + 0x100, 0, &x1), -5,
			"raw PENDING with the next generation of a waiting thread's id");
		refused(sched7(F, A, req, 12, rsp, 12, tid[0] | 1ull << 32, 0, &x1), -5,
			"raw PENDING with bit 32 of the id set");
		tzt_put32(pg + OFF_REQ, TZ_SCHED_CMD_RESUME);
		snapshot();
		refused(sched7(F, A, req, 12, rsp, 12, tid[0], 0, &x1), -5,
			"raw RESUME of a thread that waits for its callback");
	}
	setup(TZ_SCHED_CMD_PENDING, 0, 0, 0, 0);
	snapshot();
	refused(sched(F, A, req, 12, 0x0e000000, 12), -3,
		"raw PENDING with the response in secure RAM: refused, callback left waiting");
	refused(sched(F, 0x215, req, 12, rsp, 12), -3, "raw PENDING with a wrong arginfo");
	refused(sched(F, A, req, 11, rsp, 12), -3, "raw PENDING with a short request");
	tzt_put32(pg + OFF_REQ, 0x7);
	snapshot();
	refused(sched(F, A, req, 12, rsp, 12), -3, "raw request with cmd_type 7 while busy");

	ok = 1;
	for (uint32_t i = 0; i < raw; i++)
		ok = raw_answer(tid[raw - 1 - i]) && ok;
	tap_ok(ok, "our %u raw FORWARDs, answered newest first, complete", raw);
	setup(TZ_SCHED_CMD_PENDING, 0, 0, 0, 0);
	snapshot();
	refused(sched7(F, A, req, 12, rsp, 12, raw ? tid[0] : 0, 0, &x1), -5,
		"raw PENDING of a completed thread");

	for (uint32_t j = 0; j < len; j++)
		buf[j] ^= 0x96;
	tap_err(tzt_continue(lfd, cmd, inst, buf, len), 0, "the listener answers");
	pthread_join(f.t, NULL);
	tzt_fill(want, sizeof(want), 0xf0d);
	ok = f.ret == 0 && f.svc == 0 && f.hlos == 0 && f.ans_len == sizeof(want);
	for (size_t j = 0; ok && j < sizeof(want); j++)
		ok = f.ans[j] == (want[j] ^ 0x96);
	tap_ok(ok, "the in-flight FORWARD completes intact (ret %d, svc %d, hlos %d, %zu bytes)",
	       f.ret, f.svc, f.hlos, f.ans_len);
	close(lfd);
}

int main(void)
{
	struct tzcom_core_info ci, ci2;
	uint64_t a[4], x[8] = { TZ_SIP_REVISION };
	int fd, r;

	rb_tap_start(TAP_TIMEOUT_S);
	rb_pages_init();
	rb_klog_begin();
	fd = tzt_open();
	r = rb_smc(x, a);
	if (r == -ENOENT) {
		tap_skip(1, "no %s (tzcom_smctest not loaded)", RB_SMC_CALL);
		return rb_tap_finish();
	}
	tap_ok(r == 0 && a[0] == TZ_SIP_REVISION_MAJOR, "raw SMCs work (SiP revision %" PRIu64 ")",
	       a[0]);
	pg = rb_phys_page(&pa);
	cbpg = rb_phys_page(&cbpa);
	if (!pg || !cbpg || rb_pagesz != 4096)
		tap_bail("no physical address for two locked 4 KiB pages (pagemap)");
	tap_diag("our page at phys 0x%" PRIx64, pa);
	tap_err(get_info(fd, &ci), 0, "GET_INFO through the driver");
	dram_lo = ci.ns_dram_base_lo | (uint64_t)ci.ns_dram_base_hi << 32;
	dram_hi = dram_lo + (ci.ns_dram_size_lo | (uint64_t)ci.ns_dram_size_hi << 32);
	tap_ok(pa >= dram_lo && pa + 4096 <= dram_hi && dram_hi <= 0xffffffffull,
	       "our page lies in NS DRAM [0x%" PRIx64 ", 0x%" PRIx64 ")", dram_lo, dram_hi);

	transport_tests();
	new_tests();
	raw_echo_tests();
	busy_tests(fd, ci.threads);

	/* The secure world is healthy: through the driver and raw. */
	tap_ok(rb_echo_ok(fd), "a good SEND_CMD ECHO through the driver");
	tap_err(get_info(fd, &ci2), 0, "GET_INFO again");
	tap_ok(ci2.commands_done >= ci.commands_done + 3,
	       "commands_done grew by our raw ECHO, the FORWARD and the ECHO (%u -> %u)",
	       ci.commands_done, ci2.commands_done);
	setup(TZ_SCHED_CMD_PENDING, 0, 0, 0, 0);
	snapshot();
	refused(sched(TZ_SMC_SCHED_CALL, TZ_SMC_SCHED_ARGINFO, pa + OFF_REQ, 12, pa + OFF_RSP, 12),
		-5, "PENDING afterwards: nothing pending, the scheduler is idle");
	tap_ok(rb_idle(2000), "driver counters idle");
	rb_klog_clean("after the hostile SMCs");
	close(fd);
	return rb_tap_finish();
}
