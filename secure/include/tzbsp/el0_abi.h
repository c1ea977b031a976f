/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The contract between TZBSP and a trusted service at S-EL0
 * (docs/firmware.md, "Services at S-EL0"): where each service lives in
 * its address space, the header at the start of its image, how a command
 * enters it and the syscalls it may make.  Shared by the loader in
 * secure/el0 and the user runtime in secure/user.
 */
#ifndef TZBSP_EL0_ABI_H
#define TZBSP_EL0_ABI_H

#include <tzcom/tz_const.h>

/*
 * Service n owns the 2 MiB window at TZ_EL0_VA(n); nothing else is mapped
 * at EL0 in its translation table.  Inside the window:
 *   +0                    the image (header, text, rodata, data, bss with
 *                         the heap), at most TZ_EL0_IMAGE_MAX
 *   +TZ_EL0_SLOT_OFF(i)   slot i: the pages of the command that runs on
 *                         secure thread i (slot 0 only for a service that
 *                         runs one command at a time), each of them
 *                         mapped only while that command runs:
 *     +TZ_EL0_STACK_OFF     its stack (an unmapped page below it)
 *     +TZ_EL0_REQ_OFF       its request, a copy the OS made
 *     +TZ_EL0_RSP_OFF       its response buffer
 *     +TZ_EL0_SCRATCH_OFF   its scratch (tz_thread_scratch())
 * A slot's address says which slot it is, so the user runtime finds the
 * calling command's scratch from its stack pointer, without shared state.
 */
#define TZ_EL0_VA_BASE		TZ_ULL(0x02000000)
#define TZ_EL0_WINDOW		TZ_ULL(0x00200000)
#define TZ_EL0_VA(id)		(TZ_EL0_VA_BASE + (id) * TZ_EL0_WINDOW)
#define TZ_EL0_IMAGE_MAX	TZ_ULL(0x00100000)
#define TZ_EL0_SLOTS_MAX	4
#define TZ_EL0_SLOT_SIZE	TZ_ULL(0x00040000)
#define TZ_EL0_SLOT_OFF(i)	(TZ_EL0_IMAGE_MAX + (i) * TZ_EL0_SLOT_SIZE)
#define TZ_EL0_STACK_OFF	TZ_ULL(0x00001000)
#define TZ_EL0_STACK_SIZE	TZ_ULL(0x00008000)
#define TZ_EL0_REQ_OFF		TZ_ULL(0x0000a000)
#define TZ_EL0_REQ_SIZE		TZ_ULL(0x00005000)
#define TZ_EL0_RSP_OFF		TZ_ULL(0x00010000)
#define TZ_EL0_RSP_SIZE		TZ_ULL(0x00005000)
#define TZ_EL0_SCRATCH_OFF	TZ_ULL(0x00016000)
#define TZ_EL0_SCRATCH_SIZE	TZ_ULL(0x0000a000)	/* 2 * TZCOM_SB_LEN */

/*
 * The test service's PEEK probe: 8 known bytes at a fixed address of its
 * own data (secure/user/test.ld), so the normal world can name them.
 */
#define TZ_EL0_TEST_PROBE_VA	(TZ_EL0_VA(1) + TZ_ULL(0x10000))
#define TZ_EL0_TEST_PROBE	"tzpeek01"

/* The image header (secure/user/start.S), at the window's start. */
#define TZ_EL0_MAGIC		TZ_ULL(0x31304c4530425a54)	/* "TZB0EL01" */
#define TZ_EL0_HDR_VERSION	2

/* An entry: x0 = TZ_EL0_OP_*, then the arguments of the handler. */
#define TZ_EL0_OP_INIT		0
#define TZ_EL0_OP_CMD		1

/* Syscalls: svc #0, number in x8, arguments x0..x5, result in x0. */
#define TZ_SYS_EXIT		0	/* (status, rsp_len), never returns */
#define TZ_SYS_LOG		1	/* (buf, len) */
#define TZ_SYS_HLOS_CALL	2	/* (cmd_id, req, req_len, rsp, rsp_cap, &rsp_len) */
#define TZ_SYS_DERIVE_KEY	3	/* (info, info_len, out, out_len) */
#define TZ_SYS_RB_EPOCH		4	/* (&epoch) */
#define TZ_SYS_RB_GET		5	/* (&id, &val) */
#define TZ_SYS_RB_SET		6	/* (&id, &val) */
#define TZ_SYS_SESSION		7	/* () -> index or -EBADF */
#define TZ_SYS_MEM_INFO		8	/* (idx, &struct tz_memref_info) */
#define TZ_SYS_MEM_READ		9	/* (idx, off, buf, len) */
#define TZ_SYS_MEM_WRITE	10	/* (idx, off, buf, len) */
#define TZ_SYS_LOG_MAX		200
#define TZ_SYS_KEY_INFO_MAX	64
#define TZ_SYS_KEY_MAX		64

#ifndef __ASSEMBLER__
#include <stdint.h>

_Static_assert(TZ_EL0_SLOT_OFF(TZ_EL0_SLOTS_MAX) <= TZ_EL0_WINDOW, "slots fit the window");
_Static_assert(TZ_EL0_STACK_OFF + TZ_EL0_STACK_SIZE < TZ_EL0_REQ_OFF &&
	       TZ_EL0_REQ_OFF + TZ_EL0_REQ_SIZE <= TZ_EL0_RSP_OFF &&
	       TZ_EL0_RSP_OFF + TZ_EL0_RSP_SIZE <= TZ_EL0_SCRATCH_OFF &&
	       TZ_EL0_SCRATCH_OFF + TZ_EL0_SCRATCH_SIZE <= TZ_EL0_SLOT_SIZE,
	       "a slot's pages apart, in order, inside the slot");

struct tz_el0_header {
	uint64_t magic;
	uint32_t version;
	uint32_t hdr_size;
	uint64_t base;		/* == TZ_EL0_VA(id) */
	uint64_t entry;
	uint64_t text_end;	/* [base, text_end) RX */
	uint64_t ro_end;	/* [text_end, ro_end) RO */
	uint64_t data_start;	/* [data_start, data_end) RW, from the image */
	uint64_t data_end;
	uint64_t bss_end;	/* [data_end, bss_end) RW, zeroed */
	/*
	 * The service's TZ_SESSION_STATE() array (tzbsp/service.h), inside
	 * [data_start, bss_end), TZ_SESSIONS_PER_SVC equal elements; empty
	 * (sess_start == sess_end) if it has none.
	 */
	uint64_t sess_start;
	uint64_t sess_end;
};
#endif

#endif /* TZBSP_EL0_ABI_H */
