// SPDX-License-Identifier: BSD-3-Clause
/*
 * robust-memref: the extended NEW, memory arguments and sessions on the
 * board, with raw SMCs (tests/kmod's tzcom_smctest, as robust-smc), so
 * the secure side is tested whatever the driver offers: the page lists
 * name single locked pages of ours at their physical addresses, which
 * are scattered in DRAM as real registered memory is.
 *  - MEM_XOR of the S-EL0 test service over 16 + 16 scattered pages and
 *    over a 600-page argument on two list pages (the data repeating every
 *    16 pages), checked byte by byte here; a data page or a next list
 *    page in secure RAM or unaligned: -EFAULT from the memref syscall,
 *    and the next MEM_XOR works;
 *  - descriptor refusals: INVALID_PARAM with nothing written, and the
 *    extended struct with PENDING;
 *  - sessions through the core service: SESSION_ADD's counter per
 *    session, zero after a reopen, -EBADF after CLOSE and without one.
 * Every session opened here is closed again.
 */
#include "rb.h"

#define SMC_UNK		UINT64_C(0xffffffffffffffff)
#define R(v)		((uint64_t)(int64_t)(v))

#define OFF_REQ		0	/* struct tzcom_command_ext */
#define OFF_RSP		192	/* struct tzcom_response */
#define OFF_CMD		256	/* the command payload */
#define OFF_AREA	1024	/* the response area offered */
#define AREA_LEN	512
#define NDATA		16
#define SEC_RAM		UINT64_C(0x0e000000)

static uint8_t *pg;
static uint64_t pa;
static uint8_t *in[NDATA], *out[NDATA], *lin[2], *lout[2];
static uint64_t in_pa[NDATA], out_pa[NDATA], lin_pa[2], lout_pa[2];

/*
 * One NEW with the struct at our page (x3 = len), RESUMEd (12-byte
 * struct) while it answers PREEMPTED; returns x0.
 */
static uint64_t raw_new(uint64_t len)
{
	uint64_t x[8] = { TZ_SMC_SCHED_CALL, TZ_SMC_SCHED_ARGINFO, pa + OFF_REQ, len,
			  pa + OFF_RSP, 12, 0, 0 }, a[4];
	int r = rb_smc(x, a);

	while (!r && a[0] == TZ_SMC_PREEMPTED) {
		uint8_t save[12];

		memcpy(save, pg + OFF_REQ, sizeof(save));
		tzt_put32(pg + OFF_REQ, TZ_SCHED_CMD_RESUME);
		x[3] = 12;
		x[6] = a[1];
		r = rb_smc(x, a);
		memcpy(pg + OFF_REQ, save, sizeof(save));
	}
	if (r)
		tap_bail("raw SMC through %s failed: %s", RB_SMC_CALL, strerror(-r));
	return a[0];
}

static void set_mem(struct tzcom_command_ext *x, unsigned int i, uint32_t flags,
		    uint32_t npages, uint64_t list, uint64_t off, uint64_t size)
{
	struct tzcom_mem_desc *d = &x->mem[i];

	d->flags = flags;
	d->npages = npages;
	d->list_pa_lo = (uint32_t)list;
	d->list_pa_hi = (uint32_t)(list >> 32);
	d->offset_lo = (uint32_t)off;
	d->offset_hi = (uint32_t)(off >> 32);
	d->size_lo = (uint32_t)size;
	d->size_hi = (uint32_t)(size >> 32);
}

/* Command payload p (n bytes) with extension x; the struct and offer in our page. */
static void setup(struct tzcom_command_ext *x, const void *p, uint32_t n)
{
	struct tzcom_response r = {
		.cmd_status = 0xa5a5a5a5u, .sb_in_rsp_addr = (uint32_t)pa + OFF_AREA,
		.sb_in_rsp_len = AREA_LEN,
	};

	x->cmd_type = x->cmd_type ? x->cmd_type : TZ_SCHED_CMD_NEW;
	x->sb_in_cmd_addr = (uint32_t)pa + OFF_CMD;
	x->sb_in_cmd_len = n;
	memcpy(pg + OFF_REQ, x, sizeof(*x));
	memcpy(pg + OFF_RSP, &r, sizeof(r));
	memcpy(pg + OFF_CMD, p, n);
	memset(pg + OFF_AREA, 0xa5, AREA_LEN);
}

/* Run it; the service status, the response data at *data (*len bytes). */
static int32_t call(struct tzcom_command_ext *x, const void *p, uint32_t n,
		    const uint8_t **data, uint32_t *len)
{
	struct tzcom_response r;
	uint64_t x0;

	setup(x, p, n);
	x0 = raw_new(sizeof(*x));
	memcpy(&r, pg + OFF_RSP, sizeof(r));
	if (x0 != 0 || r.cmd_status != TZ_SCHED_STATUS_COMPLETE ||
	    r.sb_in_rsp_addr != (uint32_t)pa + OFF_AREA || r.sb_in_rsp_len < 8 ||
	    r.sb_in_rsp_len > AREA_LEN) {
		tap_diag("raw NEW: x0 0x%" PRIx64 ", status %u, len %u", x0, r.cmd_status,
			 r.sb_in_rsp_len);
		return 1000;
	}
	*data = pg + OFF_AREA + 8;
	*len = r.sb_in_rsp_len - 8;
	return (int32_t)tzt_get32(pg + OFF_AREA + 4);
}

/* List page(s) for npages entries, entry i = pages[i % NDATA]. */
static void make_list(uint8_t *l[2], const uint64_t l_pa[2], const uint64_t *pages,
		      uint32_t npages)
{
	memset(l[0], 0, 4096);
	memset(l[1], 0, 4096);
	for (uint32_t i = 0; i < npages; i++) {
		uint64_t v = pages[i % NDATA];

		memcpy(l[i < TZ_PAGE_LIST_ENTRIES ? 0 : 1] + (i % TZ_PAGE_LIST_ENTRIES) * 8, &v, 8);
	}
	if (npages > TZ_PAGE_LIST_ENTRIES)
		memcpy(l[0] + TZ_PAGE_LIST_ENTRIES * 8, &l_pa[1], 8);
}

static uint8_t *byte_at(uint8_t **pages, uint64_t pos)
{
	return pages[pos / 4096 % NDATA] + pos % 4096;
}

static int32_t mem_xor(struct tzcom_command_ext *x, uint32_t k, uint64_t len,
		       uint64_t *done)
{
	uint8_t cmd[16];
	const uint8_t *d;
	uint32_t n;
	int32_t st;

	tzt_put32(cmd, TZ_TEST_MEM_XOR);
	tzt_put32(cmd + 4, k);
	tzt_put32(cmd + 8, (uint32_t)len);
	tzt_put32(cmd + 12, (uint32_t)(len >> 32));
	st = call(x, cmd, sizeof(cmd), &d, &n);
	*done = st == 0 && n == 8 ? (tzt_get32(d) | (uint64_t)tzt_get32(d + 4) << 32) : ~0ull;
	return st;
}

static void xor_tests(void)
{
	struct tzcom_command_ext x;
	const uint64_t ioff = 100, ooff = 3000;
	uint64_t len, done;
	int ok = 1;

	for (int i = 0; i < NDATA; i++)
		for (int j = 0; j < 4096; j++)
			in[i][j] = (uint8_t)(i * 131 + j * 7 + (j >> 8));
	make_list(lin, lin_pa, in_pa, NDATA);
	make_list(lout, lout_pa, out_pa, NDATA);
	len = NDATA * 4096 - ooff;	/* the OUT argument's size */
	memset(&x, 0, sizeof(x));
	x.num_mem = 2;
	set_mem(&x, 0, TZ_MEM_IN, NDATA, lin_pa[0], ioff, NDATA * 4096 - ioff);
	set_mem(&x, 1, TZ_MEM_OUT, NDATA, lout_pa[0], ooff, len);
	tap_is(mem_xor(&x, 0x3c, len, &done), 0, "MEM_XOR of %" PRIu64 " bytes over 16 + 16 scattered pages",
	       len);
	tap_is(done, len, "... it answers the length");
	for (uint64_t i = 0; i < len && ok; i++)
		ok = *byte_at(out, ooff + i) == (uint8_t)(*byte_at(in, ioff + i) ^ 0x3c);
	tap_ok(ok, "... out[i] = in[i] ^ 0x3c for every byte, in the pages the lists name");

	/* 600 pages on two list pages; both lists repeat every 16 pages. */
	make_list(lin, lin_pa, in_pa, 600);
	make_list(lout, lout_pa, out_pa, 600);
	len = 600 * 4096 - ooff;
	set_mem(&x, 0, TZ_MEM_IN, 600, lin_pa[0], ooff, len);
	set_mem(&x, 1, TZ_MEM_OUT, 600, lout_pa[0], ooff, len);
	{
		struct timespec t0, t1;
		double s;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		tap_is(mem_xor(&x, 0x1a5, len, &done), 0,
		       "MEM_XOR of 2.4 MB over two list pages each");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		tap_diag("MEM_XOR of %" PRIu64 " bytes in %.1f ms: %.1f MiB/s read + written",
			 len, s * 1e3, (double)len / s / (1 << 20));
	}
	tap_is(done, len, "... it answers the length");
	ok = 1;
	for (uint64_t i = 0; i < (uint64_t)NDATA * 4096 - ooff && ok; i++)
		ok = *byte_at(out, ooff + i) == (uint8_t)(*byte_at(in, ooff + i) ^ 0xa5);
	tap_ok(ok, "... every byte right");

	/* Bad pages: the memref syscall's -EFAULT, not a fault of the service. */
	memcpy(lin[0] + 5 * 8, &(uint64_t){ SEC_RAM }, 8);
	tap_is(mem_xor(&x, 1, len, &done), -EFAULT, "MEM_XOR with an input page in secure RAM: -EFAULT");
	make_list(lin, lin_pa, in_pa, 600);
	memcpy(lout[0] + TZ_PAGE_LIST_ENTRIES * 8, &(uint64_t){ SEC_RAM + 4096 }, 8);
	tap_is(mem_xor(&x, 1, len, &done), -EFAULT,
	       "MEM_XOR with the next output list page in secure RAM: -EFAULT");
	memcpy(lout[0] + TZ_PAGE_LIST_ENTRIES * 8, &(uint64_t){ lout_pa[1] + 8 }, 8);
	tap_is(mem_xor(&x, 1, len, &done), -EFAULT,
	       "MEM_XOR with an unaligned next output list page: -EFAULT");
	make_list(lout, lout_pa, out_pa, 600);
	tap_is(mem_xor(&x, 1, len, &done), 0, "with the lists mended: 0");
	tap_is(mem_xor(&x, 1, len + 1, &done), -EINVAL, "MEM_XOR longer than its arguments: -EINVAL");
}

static void refusal_tests(void)
{
	struct tzcom_command_ext x, good;
	uint8_t cmd[16] = { 0 };
	uint8_t snap[4096];

	tzt_put32(cmd, TZ_TEST_ECHO);
	memset(&good, 0, sizeof(good));
	good.num_mem = 1;
	set_mem(&good, 0, TZ_MEM_IN, NDATA, lin_pa[0], 0, 4096);

	for (int k = 0; k < 8; k++) {
		const char *what;
		uint64_t x0;

		x = good;
		switch (k) {
		case 0: x.num_mem = 5; what = "num_mem 5"; break;
		case 1: x.reserved = 1; what = "reserved 1"; break;
		case 2: x.mem[0].flags = 4; what = "flag 0x4"; break;
		case 3: x.mem[0].npages = 0; what = "npages 0"; break;
		case 4: x.mem[0].list_pa_lo += 8; what = "an unaligned list page"; break;
		case 5: x.mem[0].size_lo = 0; what = "size 0"; break;
		case 6: x.mem[0].offset_lo = 1; x.mem[0].size_lo = NDATA * 4096;
			what = "offset + size past the pages"; break;
		default: x.mem[1].npages = 1; what = "a nonzero descriptor past num_mem"; break;
		}
		setup(&x, cmd, sizeof(cmd));
		memcpy(snap, pg, sizeof(snap));
		x0 = raw_new(sizeof(x));
		tap_ok(x0 == R(TZ_SMC_INVALID_PARAM) && !memcmp(snap, pg, sizeof(snap)),
		       "extended NEW with %s: -3, nothing written (x0 0x%" PRIx64 ")", what, x0);
	}
	x = good;
	x.cmd_type = TZ_SCHED_CMD_PENDING;
	setup(&x, cmd, sizeof(cmd));
	memcpy(snap, pg, sizeof(snap));
	tap_ok(raw_new(sizeof(x)) == R(TZ_SMC_INVALID_PARAM) && !memcmp(snap, pg, sizeof(snap)),
	       "the extended struct with PENDING: -3, nothing written");
}

static int32_t core(uint32_t id, uint32_t arg, uint32_t *out_v)
{
	struct tzcom_command_ext x;
	uint8_t cmd[8];
	const uint8_t *d;
	uint32_t n;
	int32_t st;

	memset(&x, 0, sizeof(x));
	tzt_put32(cmd, id);
	tzt_put32(cmd + 4, arg);
	st = call(&x, cmd, sizeof(cmd), &d, &n);
	if (!st && out_v)
		*out_v = n == 4 ? tzt_get32(d) : 0;
	return st;
}

static int32_t add(uint32_t session, uint32_t v, uint64_t *sum)
{
	struct tzcom_command_ext x;
	uint8_t cmd[8];
	const uint8_t *d;
	uint32_t n;
	int32_t st;

	memset(&x, 0, sizeof(x));
	x.session = session;
	tzt_put32(cmd, TZ_TEST_SESSION_ADD);
	tzt_put32(cmd + 4, v);
	st = call(&x, cmd, sizeof(cmd), &d, &n);
	*sum = !st && n == 8 ? tzt_get32(d) | (uint64_t)tzt_get32(d + 4) << 32 : ~0ull;
	return st;
}

static void session_tests(void)
{
	uint32_t s = 0, t = 0, s2 = 0;
	uint64_t sum;

	tap_is(core(TZ_CORE_SESSION_OPEN, TZ_SVC_TEST, &s), 0, "SESSION_OPEN of the test service");
	tap_ok(s != 0, "... a nonzero id (0x%x)", s);
	tap_is(core(TZ_CORE_SESSION_OPEN, TZ_SVC_TEST, &t), 0, "a second session");
	tap_is(core(TZ_CORE_SESSION_OPEN, TZ_SVC_CORE, NULL), -EOPNOTSUPP,
	       "SESSION_OPEN of the core service: -EOPNOTSUPP");
	tap_is(core(TZ_CORE_SESSION_OPEN, 9, NULL), -ENOSYS, "SESSION_OPEN of service 9: -ENOSYS");
	tap_is(add(s, 40, &sum), 0, "SESSION_ADD 40 in s (at S-EL0)");
	tap_is(add(s, 2, &sum), 0, "SESSION_ADD 2 in s");
	tap_is(sum, 42, "... s's counter is 42");
	tap_is(add(t, 7, &sum), 0, "SESSION_ADD 7 in t");
	tap_is(sum, 7, "... t's counter is its own");
	tap_is(add(0, 1, &sum), -EBADF, "SESSION_ADD without a session: -EBADF");
	tap_is(core(TZ_CORE_SESSION_CLOSE, s, NULL), 0, "SESSION_CLOSE s");
	tap_is(add(s, 1, &sum), -EBADF, "SESSION_ADD in the closed s: -EBADF");
	tap_is(core(TZ_CORE_SESSION_CLOSE, s, NULL), -EBADF, "SESSION_CLOSE s again: -EBADF");
	tap_is(core(TZ_CORE_SESSION_OPEN, TZ_SVC_TEST, &s2), 0, "a new session");
	tap_ok(s2 != s, "... with a new id");
	tap_is(add(s2, 0, &sum), 0, "SESSION_ADD 0 in it");
	tap_is(sum, 0, "... it starts at 0 (the service's state was wiped)");
	tap_is(core(TZ_CORE_SESSION_CLOSE, s2, NULL), 0, "SESSION_CLOSE it");
	tap_is(core(TZ_CORE_SESSION_CLOSE, t, NULL), 0, "SESSION_CLOSE t");
}

int main(void)
{
	uint64_t a[4], x[8] = { TZ_SIP_REVISION };
	int fd, r;

	rb_tap_start(TAP_TIMEOUT_S);
	rb_pages_init();
	fd = tzt_open();
	r = rb_smc(x, a);
	if (r == -ENOENT) {
		tap_skip(1, "no %s (tzcom_smctest not loaded)", RB_SMC_CALL);
		return rb_tap_finish();
	}
	tap_ok(r == 0, "raw SMCs work");
	pg = rb_phys_page(&pa);
	for (int i = 0; i < 2; i++) {
		lin[i] = rb_phys_page(&lin_pa[i]);
		lout[i] = rb_phys_page(&lout_pa[i]);
		if (!lin[i] || !lout[i])
			tap_bail("no physical address for a list page");
	}
	for (int i = 0; i < NDATA; i++) {
		in[i] = rb_phys_page(&in_pa[i]);
		out[i] = rb_phys_page(&out_pa[i]);
		if (!in[i] || !out[i])
			tap_bail("no physical address for a data page");
	}
	if (!pg || rb_pagesz != 4096 || pa > 0xffffffffull)
		tap_bail("no physical address below 4 GiB for our 4 KiB page");

	xor_tests();
	refusal_tests();
	session_tests();

	tap_ok(rb_echo_ok(fd), "a good SEND_CMD ECHO through the driver afterwards");
	close(fd);
	return rb_tap_finish();
}
