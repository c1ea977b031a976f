// SPDX-License-Identifier: BSD-3-Clause
/* aarch64 half of ctx.h that needs no assembly. */
#if !defined(TZBSP_HOST) || defined(TZ_CTX_NATIVE)
#include <string.h>
#ifdef TZBSP_HOST
#include <stdlib.h>
#endif

#include "ctx.h"

void tz_ctx_trampoline(void);

void tz_ctx_prepare(struct tz_ctx *ctx, void *stack, size_t size,
		    void (*entry)(void))
{
	uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;

	memset(ctx, 0, sizeof(*ctx));
	ctx->x19_x28[0] = (uintptr_t)entry;
	ctx->x30 = (uintptr_t)tz_ctx_trampoline;
	ctx->sp = top;
}

void tz_ctx_halt(void)
{
#ifdef TZBSP_HOST
	abort();
#endif
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("wfe");
}
#endif
