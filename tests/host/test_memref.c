// SPDX-License-Identifier: BSD-3-Clause
/*
 * The extended NEW (struct tzcom_command_ext) and memory arguments
 * (docs/firmware.md "Memory arguments"): every rule of the descriptor
 * check at NEW, including the overflow cases; the memref calls from
 * inside a command (a chain of list pages walked forwards and back, every
 * kind of bad list or data page, bounds, direction, the per-call cap);
 * MEM_XOR of the test service end to end.  Expected bytes are computed
 * here from the page lists the test writes, never taken from the
 * secure side.
 */
#include <stdio.h>
#include <string.h>

#include <tzbsp/service.h>

#include "host.h"
#include "probe.h"
#include "tap.h"

#define PG		4096ULL
#define LIST(i)		(HOST_DRAM_BASE + 0x30000 + (uint64_t)(i) * PG)	/* 8 list pages */
#define IN_BASE		(HOST_DRAM_BASE + 0x40000)	/* 40 pages */
#define OUT_BASE	(HOST_DRAM_BASE + 0x90000)	/* 40 pages */
#define PERIOD		40U
#define SEC_RAM		0x0e000000ULL
#define DRAM_END	(HOST_DRAM_BASE + HOST_DRAM_SIZE)
#define CMD_LEN		((uint64_t)sizeof(struct tzcom_command))
#define EXT_LEN		((uint64_t)sizeof(struct tzcom_command_ext))

static struct nw_result res;

static uint64_t *list_page(uint64_t pa)
{
	return nw_ptr(pa);
}

/*
 * A page list for npages (<= 2 * 511) data pages at lists l0 and l1: data
 * page i is page i % PERIOD at base, so the data repeats every PERIOD
 * pages while the list is as long as the test needs.
 */
static void make_list(uint64_t l0, uint64_t l1, uint32_t npages, uint64_t base)
{
	memset(list_page(l0), 0, PG);
	memset(list_page(l1), 0, PG);
	for (uint32_t i = 0; i < npages; i++) {
		uint64_t *l = list_page(i < TZ_PAGE_LIST_ENTRIES ? l0 : l1);

		l[i % TZ_PAGE_LIST_ENTRIES] = base + (i % PERIOD) * PG;
	}
	if (npages > TZ_PAGE_LIST_ENTRIES)
		list_page(l0)[TZ_PAGE_LIST_ENTRIES] = l1;
}

/* The byte at pos of the data pages of such a list. */
static uint8_t *byte_at(uint64_t base, uint64_t pos)
{
	return (uint8_t *)nw_ptr(base + (pos / PG % PERIOD) * PG) + pos % PG;
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

static uint32_t fnv(uint64_t base, uint64_t pos, uint64_t len)
{
	uint32_t h = TZ_FNV1A32_INIT;

	for (uint64_t i = 0; i < len; i++)
		h = (h ^ *byte_at(base, pos + i)) * TZ_FNV1A32_PRIME;
	return h;
}

/* ---- The descriptor checks at NEW ------------------------------------- */

static const struct tzcom_response offer = {
	.sb_in_rsp_addr = (uint32_t)NW_SB_IN_PA + 8,
	.sb_in_rsp_len = 64,
};

/* ECHO of 4 bytes with extension x, sent with x3 = len. */
static int64_t ext_smc(const struct tzcom_command_ext *x, uint64_t len)
{
	struct tzcom_command_ext c = *x;

	c.sb_in_cmd_addr = (uint32_t)NW_SB_IN_PA;
	c.sb_in_cmd_len = 8;
	nw_put_u32(nw_ptr(NW_SB_IN_PA), TZ_TEST_ECHO);
	nw_put_u32(nw_ptr(NW_SB_IN_PA + 4), 0x11223344);
	memcpy(nw_ptr(NW_REQ_PA), &c, sizeof(c));
	memcpy(nw_ptr(NW_RSP_PA), &offer, sizeof(offer));
	return nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, len, NW_RSP_PA,
		      sizeof(struct tzcom_response));
}

static bool offer_untouched(void)
{
	return memcmp(nw_ptr(NW_RSP_PA), &offer, sizeof(offer)) == 0;
}

static bool echo_completed(void)
{
	struct tzcom_response r = nw_response();

	return r.cmd_status == TZ_SCHED_STATUS_COMPLETE && r.sb_in_rsp_len == 12 &&
	       nw_get_u32(nw_ptr(NW_SB_IN_PA + 12)) == 0 &&
	       nw_get_u32(nw_ptr(NW_SB_IN_PA + 16)) == 0x11223344;
}

/* x is refused with INVALID_PARAM, writes nothing, keeps no thread. */
static void refused(const struct tzcom_command_ext *x, const char *what)
{
	IS(ext_smc(x, EXT_LEN), TZ_SMC_INVALID_PARAM, "ext NEW %s: INVALID_PARAM", what);
	OK(offer_untouched(), "  and nothing written");
}

static void accepted(const struct tzcom_command_ext *x, const char *what)
{
	IS(ext_smc(x, EXT_LEN), 0, "ext NEW %s: accepted", what);
	OK(echo_completed(), "  and the command ran");
}

static void test_ext_new(void)
{
	const struct tzcom_command_ext zero = { .cmd_type = TZ_SCHED_CMD_NEW };
	struct tzcom_command_ext x = zero;
	static const uint64_t bad_len[] = { 13, 24, EXT_LEN - 1, EXT_LEN + 1, 2 * EXT_LEN };

	accepted(&x, "with no session and no memory");
	IS(ext_smc(&x, CMD_LEN), 0, "the 12-byte form still works");
	OK(echo_completed(), "  and ran");
	for (size_t i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		IS(ext_smc(&x, bad_len[i]), TZ_SMC_INVALID_PARAM, "x3 = %llu: INVALID_PARAM",
		   (unsigned long long)bad_len[i]);
		OK(offer_untouched(), "  and nothing written");
	}
	x.cmd_type = TZ_SCHED_CMD_PENDING;
	refused(&x, "as PENDING");
	x.cmd_type = TZ_SCHED_CMD_RESUME;
	refused(&x, "as RESUME");
	x.cmd_type = 7;
	refused(&x, "with cmd_type 7");
	/* The ext struct in secure RAM or straddling DRAM's end. */
	IS(nw_smc(TZ_SMC_SCHED_ARGINFO, SEC_RAM, EXT_LEN, NW_RSP_PA, 12), TZ_SMC_INVALID_PARAM,
	   "ext struct in secure RAM: INVALID_PARAM");
	IS(nw_smc(TZ_SMC_SCHED_ARGINFO, DRAM_END - 100, EXT_LEN, NW_RSP_PA, 12),
	   TZ_SMC_INVALID_PARAM, "ext struct past DRAM's end: INVALID_PARAM");

	x = zero;
	x.num_mem = TZ_MEM_MAX_ARGS + 1;
	refused(&x, "num_mem 5");
	x.num_mem = 0xffffffffU;
	refused(&x, "num_mem 2^32-1");
	x = zero;
	x.reserved = 1;
	refused(&x, "reserved 1");
	x.reserved = 0x80000000U;
	refused(&x, "reserved bit 31");

	make_list(LIST(0), LIST(1), 4, IN_BASE);
	x = zero;
	x.num_mem = 1;
	refused(&x, "num_mem 1, mem[0] absent");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 0, 4 * PG);
	accepted(&x, "one whole IN argument");
	set_mem(&x, 0, TZ_MEM_IN | TZ_MEM_OUT, 4, LIST(0), 0, 1);
	accepted(&x, "IN|OUT, one byte");
	set_mem(&x, 0, TZ_MEM_OUT, 4, LIST(0), 4 * PG - 1, 1);
	accepted(&x, "the last byte");
	for (uint32_t f = 4; f; f <<= 1) {
		char what[64];

		set_mem(&x, 0, TZ_MEM_IN | f, 4, LIST(0), 0, 1);
		snprintf(what, sizeof(what), "with flag 0x%x", f);
		refused(&x, what);
	}
	set_mem(&x, 0, TZ_MEM_IN, 0, LIST(0), 0, 1);
	refused(&x, "npages 0");
	set_mem(&x, 0, TZ_MEM_IN, TZ_MEM_MAX_PAGES + 1, LIST(0), 0, 1);
	refused(&x, "npages TZ_MEM_MAX_PAGES + 1");
	set_mem(&x, 0, TZ_MEM_IN, 0xffffffffU, LIST(0), 0, 1);
	refused(&x, "npages 2^32-1");
	set_mem(&x, 0, TZ_MEM_IN, TZ_MEM_MAX_PAGES, LIST(0),
		(uint64_t)TZ_MEM_MAX_PAGES * PG - 1, 1);
	accepted(&x, "npages TZ_MEM_MAX_PAGES, the last byte (pages are checked on use)");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0) + 8, 0, 1);
	refused(&x, "list page 8 bytes off alignment");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0) + 0x800, 0, 1);
	refused(&x, "list page 2 KiB off alignment");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0) | 1ULL << 63, 0, 1);
	accepted(&x, "an aligned list page outside DRAM (checked on use)");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 0, 0);
	refused(&x, "size 0");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 0, 4 * PG + 1);
	refused(&x, "size one past the pages");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 1, 4 * PG);
	refused(&x, "offset 1 + all the pages");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 4 * PG, 1);
	refused(&x, "offset at the end");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), UINT64_MAX, 2);
	refused(&x, "offset 2^64-1, size 2 (offset + size wraps)");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 1, UINT64_MAX);
	refused(&x, "offset 1, size 2^64-1 (wraps)");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 1ULL << 32, 1);
	refused(&x, "offset 2^32 (only its high word set)");
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 0, 1ULL << 32);
	refused(&x, "size 2^32 (only its high word set)");

	/* Everything past num_mem must be all zero, field by field. */
	x = zero;
	x.num_mem = 2;
	set_mem(&x, 0, TZ_MEM_IN, 4, LIST(0), 0, 1);
	set_mem(&x, 1, TZ_MEM_OUT, 4, LIST(0), 0, 1);
	accepted(&x, "two arguments");
	for (unsigned int i = 2; i < TZ_MEM_MAX_ARGS; i++) {
		for (unsigned int w = 0; w < sizeof(struct tzcom_mem_desc) / 4; w++) {
			struct tzcom_command_ext y = x;
			char what[64];

			((uint32_t *)&y.mem[i])[w] = 1;
			snprintf(what, sizeof(what), "num_mem 2, mem[%u] word %u nonzero", i, w);
			refused(&y, what);
		}
	}
	x.num_mem = 3;
	refused(&x, "num_mem 3, mem[2] absent");
	x.num_mem = 4;
	set_mem(&x, 2, TZ_MEM_IN, 4, LIST(0), 0, 1);
	set_mem(&x, 3, TZ_MEM_IN, 4, LIST(0), 0, 1);
	accepted(&x, "four arguments");
	set_mem(&x, 3, TZ_MEM_IN, 4, LIST(0), 0, 0);
	refused(&x, "four arguments, the last one bad");

	x = zero;
	x.session = 0x12345;
	IS(ext_smc(&x, EXT_LEN), 0, "a session that was never opened: the command completes");
	OK(nw_response().cmd_status == TZ_SCHED_STATUS_COMPLETE &&
	   (int32_t)nw_get_u32(nw_ptr(NW_SB_IN_PA + 12)) == -TZ_EBADF &&
	   nw_response().sb_in_rsp_len == 8, "  with -EBADF and no data (the service did not run)");

	/* One thread in this binary: a thread kept by a refusal shows here. */
	x = zero;
	accepted(&x, "after all the refusals (no thread was kept)");
}

/* ---- The memref calls ---------------------------------------------------- */

static struct tzcom_command_ext mx;

static void probe(uint32_t op, uint32_t idx, uint64_t off, uint32_t len, uint64_t off2)
{
	uint8_t req[28];

	nw_put_u32(req, op);
	nw_put_u32(req + 4, idx);
	nw_put_u32(req + 8, (uint32_t)off);
	nw_put_u32(req + 12, (uint32_t)(off >> 32));
	nw_put_u32(req + 16, len);
	nw_put_u32(req + 20, (uint32_t)off2);
	nw_put_u32(req + 24, (uint32_t)(off2 >> 32));
	nw_ext = &mx;
	nw_call_id(PROBE_MEM, req, off2 ? 28 : 20, NULL, NULL, &res);
	nw_ext = NULL;
	if (res.x0 || res.malformed || res.status)
		tap_diag("PROBE_MEM op %u: x0 %lld status %d", op, (long long)res.x0, res.status);
}

static int32_t rsp_s32(unsigned int i)
{
	return (int32_t)nw_get_u32(res.data + 4 * i);
}

/* Read through the probe; its status, and whether the bytes were right. */
static int32_t read_at(uint32_t idx, uint64_t off, uint32_t len, uint64_t base,
		       uint64_t arg_off, bool *right)
{
	probe(PROBE_MEM_READ, idx, off, len, 0);
	*right = rsp_s32(0) == 0 && nw_get_u32(res.data + 4) == fnv(base, arg_off + off, len);
	return rsp_s32(0);
}

static void fill(uint64_t base, uint32_t pages, uint32_t seed)
{
	uint8_t *p = nw_ptr(base);

	for (uint64_t i = 0; i < pages * PG; i++)
		p[i] = (uint8_t)((i * 2654435761U + seed) >> 13);
}

static void test_memref_chain(void)
{
	/* 1000 data pages over two list pages, 100 bytes into the first. */
	const uint32_t npages = 1000;
	const uint64_t aoff = 100, size = npages * PG - 100 - 5;
	bool right;

	fill(IN_BASE, PERIOD, 1);
	make_list(LIST(0), LIST(1), npages, IN_BASE);
	memset(&mx, 0, sizeof(mx));
	mx.cmd_type = TZ_SCHED_CMD_NEW;
	mx.num_mem = 2;
	set_mem(&mx, 0, TZ_MEM_IN, npages, LIST(0), aoff, size);
	set_mem(&mx, 1, TZ_MEM_IN | TZ_MEM_OUT, 3, LIST(0), 5, 7);

	probe(PROBE_MEM_INFO, 0, 0, 0, 0);
	OK(rsp_s32(0) == 0 && nw_get_u32(res.data + 4) == (uint32_t)size &&
	   nw_get_u32(res.data + 8) == 0 && nw_get_u32(res.data + 12) == TZ_MEM_IN,
	   "info of argument 0: size and flags as given");
	probe(PROBE_MEM_INFO, 1, 0, 0, 0);
	OK(rsp_s32(0) == 0 && nw_get_u32(res.data + 4) == 7 &&
	   nw_get_u32(res.data + 12) == (TZ_MEM_IN | TZ_MEM_OUT), "info of argument 1");
	probe(PROBE_MEM_INFO, 2, 0, 0, 0);
	IS(rsp_s32(0), -TZ_ENOENT, "info of an absent argument: -ENOENT");
	probe(PROBE_MEM_INFO, 4, 0, 0, 0);
	IS(rsp_s32(0), -TZ_ENOENT, "info of argument 4: -ENOENT");
	probe(PROBE_MEM_INFO, 0xffffffffU, 0, 0, 0);
	IS(rsp_s32(0), -TZ_ENOENT, "info of argument 2^32-1: -ENOENT");

	IS(read_at(0, 0, 1, IN_BASE, aoff, &right), 0, "read the first byte");
	OK(right && res.data[8] == *byte_at(IN_BASE, aoff), "  right byte");
	IS(read_at(0, 0, 4096, IN_BASE, aoff, &right), 0, "read 4 KiB across a page boundary");
	OK(right, "  right bytes");
	IS(read_at(0, 511 * PG - aoff - 3000, TZ_MEMREF_IO_MAX, IN_BASE, aoff, &right), 0,
	   "read 64 KiB across the first list page into the second");
	OK(right, "  right bytes");
	IS(read_at(0, size - TZ_MEMREF_IO_MAX, TZ_MEMREF_IO_MAX, IN_BASE, aoff, &right), 0,
	   "read the last 64 KiB");
	OK(right, "  right bytes");
	IS(read_at(0, size - 1, 1, IN_BASE, aoff, &right), 0, "read the last byte");
	OK(right, "  right byte");
	IS(read_at(0, size, 0, IN_BASE, aoff, &right), 0, "read 0 bytes at the end");
	IS(read_at(0, size, 1, IN_BASE, aoff, &right), -TZ_ERANGE, "read 1 byte past the end: -ERANGE");
	IS(read_at(0, size + 1, 0, IN_BASE, aoff, &right), -TZ_ERANGE,
	   "read 0 bytes after the end: -ERANGE");
	IS(read_at(0, size - 10, 11, IN_BASE, aoff, &right), -TZ_ERANGE,
	   "read running 1 byte past the end: -ERANGE");
	IS(read_at(0, UINT64_MAX, 2, IN_BASE, aoff, &right), -TZ_ERANGE,
	   "read at 2^64-1 (off + len wraps): -ERANGE");
	IS(read_at(0, 0, TZ_MEMREF_IO_MAX + 1, IN_BASE, aoff, &right), -TZ_EMSGSIZE,
	   "read of TZ_MEMREF_IO_MAX + 1: -EMSGSIZE");
	IS(read_at(2, 0, 1, IN_BASE, aoff, &right), -TZ_ENOENT, "read of an absent argument: -ENOENT");
	IS(read_at(7, 0, 1, IN_BASE, aoff, &right), -TZ_ENOENT, "read of argument 7: -ENOENT");
	probe(PROBE_MEM_READ_NULL, 0, 0, 8, 0);
	IS(rsp_s32(0), -TZ_EFAULT, "read of 8 bytes into NULL: -EFAULT");

	/* The walk: far, then back to the head, then far again, in one command. */
	probe(PROBE_MEM_READ3, 0, 900 * PG, 8192, 3 * PG);
	OK(rsp_s32(0) == 0 && nw_get_u32(res.data + 4) == fnv(IN_BASE, aoff + 900 * PG, 8192) &&
	   rsp_s32(2) == 0 && nw_get_u32(res.data + 12) == fnv(IN_BASE, aoff + 3 * PG, 8192) &&
	   rsp_s32(4) == 0 && nw_get_u32(res.data + 20) == fnv(IN_BASE, aoff + 900 * PG, 8192),
	   "reads at page 900, page 3, page 900 again in one command: all right");

	/* Direction. */
	probe(PROBE_MEM_WRITE, 0, 0, 16, 0);
	IS(rsp_s32(0), -TZ_EPERM, "write to an IN-only argument: -EPERM");
	set_mem(&mx, 0, TZ_MEM_OUT, npages, LIST(0), aoff, size);
	IS(read_at(0, 0, 16, IN_BASE, aoff, &right), -TZ_EPERM, "read of an OUT-only argument: -EPERM");

	/* Writes land where the list says, across the list-page boundary. */
	{
		const uint64_t woff = 511 * PG - aoff - 100;
		bool ok = true;

		probe(PROBE_MEM_WRITE, 0, woff, 300, 0);
		IS(rsp_s32(0), 0, "write 300 bytes across the list-page boundary");
		for (uint32_t j = 0; j < 300; j++)
			ok &= *byte_at(IN_BASE, aoff + woff + j) == PROBE_MEM_BYTE(j);
		OK(ok, "  the bytes are in the pages the list names");
		probe(PROBE_MEM_WRITE, 0, size - 10, 11, 0);
		IS(rsp_s32(0), -TZ_ERANGE, "write past the end: -ERANGE");
		probe(PROBE_MEM_WRITE, 0, 0, TZ_MEMREF_IO_MAX + 1, 0);
		IS(rsp_s32(0), -TZ_EMSGSIZE, "write of TZ_MEMREF_IO_MAX + 1: -EMSGSIZE");
		probe(PROBE_MEM_WRITE, 1, 0, 7, 0);
		IS(rsp_s32(0), 0, "write all of an IN|OUT argument");
		ok = true;
		for (uint32_t j = 0; j < 7; j++)
			ok &= *byte_at(IN_BASE, 5 + j) == PROBE_MEM_BYTE(j);
		OK(ok, "  at its offset");
	}
}

/* Argument 0 = 600 pages at LIST(0..1) of IN_BASE, with one entry bad. */
static int32_t read_with_entry(uint64_t list, uint32_t entry, uint64_t pa, uint64_t off)
{
	bool right;

	make_list(LIST(0), LIST(1), 600, IN_BASE);
	list_page(list)[entry] = pa;
	memset(&mx, 0, sizeof(mx));
	mx.num_mem = 1;
	set_mem(&mx, 0, TZ_MEM_IN, 600, LIST(0), 0, 600 * PG);
	return read_at(0, off, 16, IN_BASE, 0, &right);
}

static void test_memref_bad_pages(void)
{
	static const struct {
		uint64_t pa;
		const char *what;
	} bad[] = {
		{ 0, "PA 0" },
		{ IN_BASE + 8, "unaligned by 8" },
		{ IN_BASE + 0x800, "unaligned by 2 KiB" },
		{ SEC_RAM, "in secure RAM" },
		{ SEC_RAM + 0xfff000, "at the end of secure RAM" },
		{ 0x1000, "in secure flash" },
		{ HOST_DRAM_BASE - PG, "just below DRAM" },
		{ DRAM_END, "just past DRAM" },
		{ 0xfffffffffffff000ULL, "the last page of the address space" },
		{ 1ULL << 40, "far outside DRAM" },
	};
	bool right;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		IS(read_with_entry(LIST(0), 3, bad[i].pa, 3 * PG), -TZ_EFAULT,
		   "data page %s: -EFAULT", bad[i].what);
		IS(read_with_entry(LIST(0), TZ_PAGE_LIST_ENTRIES, bad[i].pa, 520 * PG), -TZ_EFAULT,
		   "next list page %s: -EFAULT past the first list page", bad[i].what);
		IS(read_with_entry(LIST(0), TZ_PAGE_LIST_ENTRIES, bad[i].pa, 510 * PG), 0,
		   "  the pages before it still read");
	}
	IS(read_with_entry(LIST(0), 3, DRAM_END - PG, 3 * PG), 0, "data page the last of DRAM: read");
	IS(read_with_entry(LIST(1), 5, SEC_RAM, 516 * PG), -TZ_EFAULT,
	   "a data page in the second list page in secure RAM: -EFAULT");
	IS(read_with_entry(LIST(0), 3, SEC_RAM, 2 * PG + 4090), -TZ_EFAULT,
	   "a read that runs from a good page into a bad one: -EFAULT");
	IS(read_with_entry(LIST(0), 3, SEC_RAM, 4 * PG), 0, "the page after the bad one: read");

	/* The first list page itself. */
	make_list(LIST(0), LIST(1), 4, IN_BASE);
	memset(&mx, 0, sizeof(mx));
	mx.num_mem = 1;
	set_mem(&mx, 0, TZ_MEM_IN, 4, SEC_RAM, 0, 4 * PG);
	IS(read_at(0, 0, 16, IN_BASE, 0, &right), -TZ_EFAULT, "first list page in secure RAM: -EFAULT");
	probe(PROBE_MEM_INFO, 0, 0, 0, 0);
	IS(rsp_s32(0), 0, "  its info still answers (nothing read from the pages)");
	set_mem(&mx, 0, TZ_MEM_IN, 4, 0, 0, 4 * PG);
	IS(read_at(0, 0, 16, IN_BASE, 0, &right), -TZ_EFAULT, "first list page at PA 0: -EFAULT");
	set_mem(&mx, 0, TZ_MEM_IN, 4, DRAM_END, 0, 4 * PG);
	IS(read_at(0, 0, 16, IN_BASE, 0, &right), -TZ_EFAULT, "first list page past DRAM: -EFAULT");
	set_mem(&mx, 0, TZ_MEM_OUT, 4, SEC_RAM, 0, 4 * PG);
	probe(PROBE_MEM_WRITE, 0, 0, 16, 0);
	IS(rsp_s32(0), -TZ_EFAULT, "write through a list page in secure RAM: -EFAULT");
	list_page(LIST(0))[2] = SEC_RAM;
	set_mem(&mx, 0, TZ_MEM_OUT, 4, LIST(0), 0, 4 * PG);
	probe(PROBE_MEM_WRITE, 0, 2 * PG, 16, 0);
	IS(rsp_s32(0), -TZ_EFAULT, "write to a data page in secure RAM: -EFAULT");
}

/* Outside any command there are no memory arguments and no session. */
static void test_outside(void)
{
	struct tz_memref_info info;
	uint8_t b[4];

	IS(tz_memref_info(0, &info), -TZ_ENOENT, "info outside a command: -ENOENT");
	IS(tz_memref_read(0, 0, b, sizeof(b)), -TZ_ENOENT, "read outside a command: -ENOENT");
	IS(tz_memref_write(0, 0, b, sizeof(b)), -TZ_ENOENT, "write outside a command: -ENOENT");
	IS(tz_session_index(), -TZ_EBADF, "session index outside a command: -EBADF");
	memset(&mx, 0, sizeof(mx));
	probe(PROBE_MEM_SESSION, 0, 0, 0, 0);
	IS(rsp_s32(0), -TZ_EBADF, "session index of a command without a session: -EBADF");
}

/* ---- MEM_XOR --------------------------------------------------------- */

static void mem_xor(uint32_t x, uint64_t len)
{
	uint8_t req[12];

	nw_put_u32(req, x);
	nw_put_u32(req + 4, (uint32_t)len);
	nw_put_u32(req + 8, (uint32_t)(len >> 32));
	nw_ext = &mx;
	nw_call_id(TZ_TEST_MEM_XOR, req, sizeof(req), NULL, NULL, &res);
	nw_ext = NULL;
}

static void test_mem_xor(void)
{
	const uint32_t npages = 900;
	const uint64_t ioff = 123, ooff = 4000, len = 850 * PG + 77;
	bool ok = true;

	fill(IN_BASE, PERIOD, 7);
	memset(nw_ptr(OUT_BASE), 0, PERIOD * PG);
	make_list(LIST(0), LIST(1), npages, IN_BASE);
	make_list(LIST(2), LIST(3), npages, OUT_BASE);
	memset(&mx, 0, sizeof(mx));
	mx.num_mem = 2;
	set_mem(&mx, 0, TZ_MEM_IN, npages, LIST(0), ioff, len);
	set_mem(&mx, 1, TZ_MEM_OUT, npages, LIST(2), ooff, len + 1000);

	mem_xor(0x1a5, len);
	OK(!res.x0 && !res.malformed && res.status == 0 && res.len == 8 &&
	   nw_get_u32(res.data) == (uint32_t)len && nw_get_u32(res.data + 4) == 0,
	   "MEM_XOR of 3.3 MiB over two list pages each: status 0, len echoed");
	/*
	 * Both lists repeat with the same period, so every aliased write of
	 * a byte carries the same value: the last one is checkable.
	 */
	for (uint64_t i = 0; i < PERIOD * PG && ok; i++) {
		const uint64_t opos = ooff + i;
		const uint64_t ipos = opos - ooff + ioff;

		ok = *byte_at(OUT_BASE, opos) == (uint8_t)(*byte_at(IN_BASE, ipos) ^ 0xa5);
	}
	OK(ok, "  out[i] = in[i] ^ (xor & 0xff) for the first 160 KiB of output");
	{
		const uint64_t i = len - 1;

		OK(*byte_at(OUT_BASE, ooff + i) == (uint8_t)(*byte_at(IN_BASE, ioff + i) ^ 0xa5),
		   "  and the last byte");
	}

	mem_xor(0, 0);
	OK(res.status == 0 && nw_get_u32(res.data) == 0, "MEM_XOR of 0 bytes");
	mem_xor(1, len + 1);
	IS(res.status, -TZ_EINVAL, "MEM_XOR longer than the IN argument: -EINVAL");
	mx.mem[1].size_lo = (uint32_t)len - 1;
	mem_xor(1, len);
	IS(res.status, -TZ_EINVAL, "MEM_XOR longer than the OUT argument: -EINVAL");
	set_mem(&mx, 1, TZ_MEM_IN, npages, LIST(2), ooff, len);
	mem_xor(1, len);
	IS(res.status, -TZ_EINVAL, "MEM_XOR with an IN-only output: -EINVAL");
	set_mem(&mx, 1, TZ_MEM_OUT, npages, LIST(2), ooff, len);
	set_mem(&mx, 0, TZ_MEM_OUT, npages, LIST(0), ioff, len);
	mem_xor(1, len);
	IS(res.status, -TZ_EINVAL, "MEM_XOR with an OUT-only input: -EINVAL");
	mx.num_mem = 1;
	memset(&mx.mem[1], 0, sizeof(mx.mem[1]));
	set_mem(&mx, 0, TZ_MEM_IN, npages, LIST(0), ioff, len);
	mem_xor(1, 16);
	IS(res.status, -TZ_EINVAL, "MEM_XOR without an output: -EINVAL");
	mx.num_mem = 0;
	memset(&mx.mem[0], 0, sizeof(mx.mem[0]));
	mem_xor(1, 16);
	IS(res.status, -TZ_EINVAL, "MEM_XOR without memory: -EINVAL");

	/* A bad page in the middle: the error reaches the normal world. */
	mx.num_mem = 2;
	set_mem(&mx, 0, TZ_MEM_IN, npages, LIST(0), ioff, len);
	set_mem(&mx, 1, TZ_MEM_OUT, npages, LIST(2), ooff, len);
	list_page(LIST(1))[100] = SEC_RAM;
	mem_xor(1, len);
	IS(res.status, -TZ_EFAULT, "MEM_XOR over an input page in secure RAM: -EFAULT");
	make_list(LIST(0), LIST(1), npages, IN_BASE);
	list_page(LIST(2))[TZ_PAGE_LIST_ENTRIES] = LIST(3) + 8;
	mem_xor(1, len);
	IS(res.status, -TZ_EFAULT, "MEM_XOR with an unaligned next output list page: -EFAULT");
	make_list(LIST(2), LIST(3), npages, OUT_BASE);
	mem_xor(1, len);
	IS(res.status, 0, "and with the lists mended again: 0");
}

int main(void)
{
	nw_boot();
	test_ext_new();
	test_memref_chain();
	test_memref_bad_pages();
	test_outside();
	test_mem_xor();
	return tap_done();
}
