// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host implementation of ctx.h for tests: ucontext, annotated for
 * AddressSanitizer's fiber support so that switching stacks gives no
 * false reports.
 */
#if defined(TZBSP_HOST) && !defined(TZ_CTX_NATIVE)
#include <stdlib.h>
#include <string.h>

#include "ctx.h"

#if defined(__SANITIZE_ADDRESS__)
#define CTX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CTX_ASAN 1
#endif
#endif

#ifdef CTX_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

/* The context that performed the latest switch, so the resumed side can
 * record the bounds of the stack it came from.  Per host thread: host
 * threads play CPUs, and each switches its own contexts. */
static _Thread_local struct tz_ctx *ctx_prev;
static _Thread_local void (*ctx_entry)(void);

static void ctx_fiber_entered(void)
{
#ifdef CTX_ASAN
	__sanitizer_finish_switch_fiber(NULL, &ctx_prev->stack_bottom,
					&ctx_prev->stack_size);
#endif
}

static void ctx_host_trampoline(void)
{
	void (*entry)(void) = ctx_entry;

	ctx_fiber_entered();
	entry();
	tz_ctx_halt();
}

void tz_ctx_prepare(struct tz_ctx *ctx, void *stack, size_t size,
		    void (*entry)(void))
{
#ifdef CTX_ASAN
	/* Frames abandoned by the previous run may have left poison. */
	ASAN_UNPOISON_MEMORY_REGION(stack, size);
#endif
	memset(ctx, 0, sizeof(*ctx));
	if (getcontext(&ctx->uc))
		abort();
	ctx->uc.uc_stack.ss_sp = stack;
	ctx->uc.uc_stack.ss_size = size;
	ctx->uc.uc_link = NULL;
	ctx->stack_bottom = stack;
	ctx->stack_size = size;
	ctx_entry = entry;
	makecontext(&ctx->uc, ctx_host_trampoline, 0);
}

void tz_ctx_switch(struct tz_ctx *from, struct tz_ctx *to)
{
#ifdef CTX_ASAN
	void *fake = NULL;

	__sanitizer_start_switch_fiber(&fake, to->stack_bottom, to->stack_size);
#endif
	ctx_prev = from;
	if (swapcontext(&from->uc, &to->uc))
		abort();
#ifdef CTX_ASAN
	__sanitizer_finish_switch_fiber(fake, &ctx_prev->stack_bottom,
					&ctx_prev->stack_size);
#endif
}

void tz_ctx_halt(void)
{
	abort();
}
#endif
