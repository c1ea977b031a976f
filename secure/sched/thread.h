/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Secure thread contexts (docs/firmware.md, "Threads"): TZ_THREADS fixed
 * contexts, each running at most one command on its own stack.  The
 * protocol (sched.c) decides when a thread starts, yields and resumes;
 * this file owns the states, the ids, the stacks and the switching.
 *
 *   FREE --claim--> ACTIVE --yield, then park--> WAIT_HLOS / PREEMPTED
 *                     ^  |                              |
 *                     |  +--release--> FREE             |
 *                     +-------------take----------------+
 *
 * Every state change happens under one lock with the prior state
 * checked.  ACTIVE means exactly one CPU runs the thread (or its SMC
 * handler is about to); that CPU alone touches the thread's command
 * state until it parks or releases the thread.
 */
#ifndef TZBSP_SCHED_THREAD_H
#define TZBSP_SCHED_THREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

#include "ctx.h"

#ifndef TZ_THREADS
#define TZ_THREADS		4
#endif
#if TZ_THREADS < 1 || TZ_THREADS > 255
#error "TZ_THREADS must be 1..255 (the thread id keeps the index in 8 bits)"
#endif

#ifndef TZ_SVC_STACK_SIZE
#define TZ_SVC_STACK_SIZE	(64 * 1024)
#endif

#define TZ_THREAD_INDEX_BITS	8
#define TZ_THREAD_INDEX_MASK	0xffU
#define TZ_THREAD_GEN_MASK	0xffffffU
#define TZ_THREAD_RSP_CAP	(TZCOM_SB_LEN - sizeof(struct tzcom_svc_rsp_hdr))

enum tz_thread_state {
	TZ_THREAD_FREE,
	TZ_THREAD_ACTIVE,
	TZ_THREAD_WAIT_HLOS,
	TZ_THREAD_PREEMPTED,
};

/* Why a thread switched back to the SMC handler that ran it. */
enum tz_thread_exit {
	TZ_EXIT_CALLBACK,
	TZ_EXIT_PREEMPTED,
	TZ_EXIT_DONE,
};

/*
 * A memory argument of the command, the secure copy of its descriptor
 * (validated at NEW), and where the page-list walk last stood: list page
 * number walk_idx of the chain is at walk_pa, already checked to be a
 * page of NS DRAM (memref.c).
 */
struct sched_mem {
	uint64_t list_pa;
	uint64_t offset;
	uint64_t size;
	uint32_t npages;
	uint32_t flags;			/* 0: absent */
	uint32_t walk_idx;
	uint64_t walk_pa;
};

/* One command's state; owned by whoever holds the thread ACTIVE. */
struct sched_cmd {
	uint64_t smc_rsp_pa;		/* x4 of the SMC being served */
	uint32_t cmd_id;
	uint32_t cmd_len;
	uint32_t rsp_area_pa;		/* response area the driver offered */
	uint32_t rsp_area_len;
	uint64_t cb_area_pa;		/* NEW's x6/x7, 0 = INIT_SB_OUT's */
	uint32_t cb_area_len;
	const struct tz_service *svc;
	bool cancelled;			/* NS answered -ECANCELED */
	bool in_service;		/* tz_hlos_call() is legal */
	bool preemptible;		/* inside tz_preempt_enable(), or at S-EL0 */
	bool svc_held;			/* holds its exclusive service */
	int session;			/* index in the service's table, or -1 */
	struct sched_mem mem[TZ_MEM_MAX_ARGS];
	enum tz_thread_exit exit;
	int svc_status;
	size_t svc_rsp_len;
	/* The callback the service waits on, and where it was posted. */
	uint64_t cb_pa;
	uint32_t cb_len;
	uint32_t cb_cmd_id;
	void *cb_rsp;
	size_t cb_cap;
	size_t *cb_rsp_len;
	int cb_status;
};

struct tz_thread {
	uint32_t id;			/* index | generation << 8; under the lock */
	enum tz_thread_state state;	/* under the lock */
	struct tz_ctx ctx;
	struct tz_ctx *ret;		/* SMC handler context of the CPU running it */
	struct sched_cmd cmd;
	/* Secure copies of the command and of the service's response data. */
	uint8_t cmd_buf[TZCOM_SB_LEN] __attribute__((aligned(16)));
	uint8_t rsp_buf[TZ_THREAD_RSP_CAP] __attribute__((aligned(16)));
	/* Services' per-command scratch (tz_thread_scratch()). */
	uint8_t scratch[2 * TZCOM_SB_LEN] __attribute__((aligned(16)));
};

__attribute__((noreturn)) void tz_thread_panic(const char *why);

/* FREE -> ACTIVE with a new generation, or NULL if every thread is busy. */
struct tz_thread *tz_thread_claim(void);
/*
 * The thread named by id (all 32 bits) moved from -> ACTIVE, or NULL if
 * no thread has that id in that state (the normal world's mistake).
 */
struct tz_thread *tz_thread_take(uint32_t id, enum tz_thread_state from);
/* A transition the firmware makes; a mismatch is a firmware bug. */
void tz_thread_move(struct tz_thread *t, enum tz_thread_state from,
		    enum tz_thread_state to);

/* Fresh stack (canaries set) and context that will call entry(). */
void tz_thread_start(struct tz_thread *t, void (*entry)(void));
/* From an SMC handler: run t until it yields; returns t->cmd.exit. */
enum tz_thread_exit tz_thread_run(struct tz_thread *t);
/* From t itself: back to the SMC handler that ran it, until run again. */
void tz_thread_yield(struct tz_thread *t, enum tz_thread_exit why);
/* The thread whose stack this code runs on, or NULL (an SMC handler). */
struct tz_thread *tz_thread_current(void);

uint32_t tz_thread_count(void);

#ifdef TZBSP_HOST
struct tz_thread *tz_thread_get(uint32_t index);
void *tz_thread_stack_canary(uint32_t index, bool high);
#endif

#endif /* TZBSP_SCHED_THREAD_H */
