// SPDX-License-Identifier: BSD-3-Clause
/*
 * Secure thread contexts: states, ids, stacks and switching (thread.h).
 *
 * A thread runs only between tz_thread_run() on some CPU's SMC handler
 * and its next tz_thread_yield().  The handler's own context lives on
 * that CPU's stack for the length of the SMC, so a thread parked by CPU0
 * can be run by CPU1 while CPU0 runs another: the context a thread
 * returns to is always the one that ran it this time.
 *
 * A thread is parked (WAIT_HLOS, PREEMPTED) by the handler only after
 * the switch back has saved the thread's registers: before that another
 * CPU must not be able to take it.
 */
#include <stdbool.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/sched.h>
#include <tzbsp/spinlock.h>

#include "thread.h"

#define TZ_STACK_CANARY		0x5a17c0de7e57ab1eULL
#define TZ_STACK_CANARY_WORDS	4

struct tz_thread_stack {
	uint64_t lo[TZ_STACK_CANARY_WORDS];
	uint8_t body[TZ_SVC_STACK_SIZE] __attribute__((aligned(16)));
	uint64_t hi[TZ_STACK_CANARY_WORDS];
} __attribute__((aligned(64)));

static tz_spinlock_t thread_lock = TZ_SPINLOCK_INIT;
static struct tz_thread threads[TZ_THREADS];
static struct tz_thread_stack stacks[TZ_THREADS];

void tz_thread_panic(const char *why)
{
	tz_log("sched: PANIC: %s", why);
	tz_ctx_halt();
}

uint32_t tz_thread_count(void)
{
	return TZ_THREADS;
}

static uint32_t thread_index(const struct tz_thread *t)
{
	return (uint32_t)(t - threads);
}

/*
 * A new generation, so ids of earlier commands go stale; never 0, so no
 * valid id is 0 (the x1 of a COMPLETE).
 */
static uint32_t next_generation(uint32_t id)
{
	uint32_t gen = ((id >> TZ_THREAD_INDEX_BITS) + 1U) & TZ_THREAD_GEN_MASK;

	return gen ? gen : 1U;
}

struct tz_thread *tz_thread_claim(void)
{
	struct tz_thread *t = NULL;

	tz_spin_lock(&thread_lock);
	for (uint32_t i = 0; i < TZ_THREADS; i++) {
		if (threads[i].state != TZ_THREAD_FREE)
			continue;
		t = &threads[i];
		t->id = i | (next_generation(t->id) << TZ_THREAD_INDEX_BITS);
		t->state = TZ_THREAD_ACTIVE;
		break;
	}
	tz_spin_unlock(&thread_lock);
	return t;
}

struct tz_thread *tz_thread_take(uint32_t id, enum tz_thread_state from)
{
	const uint32_t i = id & TZ_THREAD_INDEX_MASK;
	struct tz_thread *t = NULL;

	if (i >= TZ_THREADS)
		return NULL;
	tz_spin_lock(&thread_lock);
	if (threads[i].id == id && threads[i].state == from) {
		t = &threads[i];
		t->state = TZ_THREAD_ACTIVE;
	}
	tz_spin_unlock(&thread_lock);
	return t;
}

void tz_thread_move(struct tz_thread *t, enum tz_thread_state from,
		    enum tz_thread_state to)
{
	bool ok;

	tz_spin_lock(&thread_lock);
	ok = t->state == from;
	if (ok)
		t->state = to;
	tz_spin_unlock(&thread_lock);
	if (!ok)
		tz_thread_panic("thread state machine out of step");
}

static void canary_check(const struct tz_thread *t)
{
	const struct tz_thread_stack *s = &stacks[thread_index(t)];

	for (int i = 0; i < TZ_STACK_CANARY_WORDS; i++)
		if (s->lo[i] != TZ_STACK_CANARY || s->hi[i] != TZ_STACK_CANARY)
			tz_thread_panic("thread stack canary corrupted");
}

void tz_thread_start(struct tz_thread *t, void (*entry)(void))
{
	struct tz_thread_stack *s = &stacks[thread_index(t)];

	for (int i = 0; i < TZ_STACK_CANARY_WORDS; i++) {
		s->lo[i] = TZ_STACK_CANARY;
		s->hi[i] = TZ_STACK_CANARY;
	}
	tz_ctx_prepare(&t->ctx, s->body, sizeof(s->body), entry);
}

enum tz_thread_exit tz_thread_run(struct tz_thread *t)
{
	struct tz_ctx handler;

	t->ret = &handler;
	canary_check(t);
	tz_ctx_switch(&handler, &t->ctx);
	canary_check(t);
	return t->cmd.exit;
}

void tz_thread_yield(struct tz_thread *t, enum tz_thread_exit why)
{
	t->cmd.exit = why;
	canary_check(t);
	tz_ctx_switch(&t->ctx, t->ret);
	canary_check(t);
}

struct tz_thread *tz_thread_current(void)
{
	const uintptr_t here = (uintptr_t)__builtin_frame_address(0);

	for (uint32_t i = 0; i < TZ_THREADS; i++) {
		const uintptr_t lo = (uintptr_t)stacks[i].body;

		if (here >= lo && here < lo + sizeof(stacks[i].body))
			return &threads[i];
	}
	return NULL;
}

#ifdef TZBSP_HOST
struct tz_thread *tz_thread_get(uint32_t index)
{
	return index < TZ_THREADS ? &threads[index] : NULL;
}

void *tz_thread_stack_canary(uint32_t index, bool high)
{
	if (index >= TZ_THREADS)
		return NULL;
	return high ? (void *)stacks[index].hi : (void *)stacks[index].lo;
}
#endif
