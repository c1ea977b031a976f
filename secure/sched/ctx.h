/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Context switch between the SMC handler and a trusted service running on
 * its own stack.  One interface, two implementations: aarch64 assembly for
 * the firmware (ctx_aarch64.S/.c) and ucontext for host tests
 * (ctx_host.c, TZBSP_HOST), so the scheduler logic is the same code in
 * both.  A host test built for aarch64 with TZ_CTX_NATIVE uses the
 * assembly instead (tests/host "check-aarch64", under qemu-aarch64).  Only callee-saved state is switched: tz_ctx_switch() is an
 * ordinary function call for the compiler.
 */
#ifndef TZBSP_SCHED_CTX_H
#define TZBSP_SCHED_CTX_H

/* Offsets used by ctx_aarch64.S; pinned against the struct below. */
#define TZ_CTX_X19	0
#define TZ_CTX_X29	80
#define TZ_CTX_SP	96
#define TZ_CTX_D8	104
#define TZ_CTX_SIZE	168

#ifdef __ASSEMBLER__
/*
 * Save the callee-saved registers and sp in the struct tz_ctx at \ctx
 * (clobbers x9): the half of a switch that tz_ctx_switch() and the
 * S-EL0 entry share.
 */
.macro	tz_ctx_save_callee ctx
	stp	x19, x20, [\ctx, #TZ_CTX_X19 + 0]
	stp	x21, x22, [\ctx, #TZ_CTX_X19 + 16]
	stp	x23, x24, [\ctx, #TZ_CTX_X19 + 32]
	stp	x25, x26, [\ctx, #TZ_CTX_X19 + 48]
	stp	x27, x28, [\ctx, #TZ_CTX_X19 + 64]
	stp	x29, x30, [\ctx, #TZ_CTX_X29]
	mov	x9, sp
	str	x9, [\ctx, #TZ_CTX_SP]
.endm
#endif

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#if defined(TZBSP_HOST) && !defined(TZ_CTX_NATIVE)
#include <ucontext.h>

struct tz_ctx {
	ucontext_t uc;
	/* Stack bounds, for the sanitizer's fiber-switch annotations. */
	const void *stack_bottom;
	size_t stack_size;
};
#else
struct tz_ctx {
	uint64_t x19_x28[10];
	uint64_t x29;
	uint64_t x30;
	uint64_t sp;
	uint64_t d8_d15[8];	/* host-native tests only, see ctx_aarch64.S */
};

_Static_assert(offsetof(struct tz_ctx, x19_x28) == TZ_CTX_X19, "ctx x19");
_Static_assert(offsetof(struct tz_ctx, x29) == TZ_CTX_X29, "ctx x29");
_Static_assert(offsetof(struct tz_ctx, sp) == TZ_CTX_SP, "ctx sp");
_Static_assert(offsetof(struct tz_ctx, d8_d15) == TZ_CTX_D8, "ctx d8");
_Static_assert(sizeof(struct tz_ctx) == TZ_CTX_SIZE, "ctx size");
#endif

/*
 * Arrange for the next switch to ctx to call entry() on the stack
 * [stack, stack + size) with every callee-saved register zeroed.  entry()
 * must never return: it ends by switching away for good.
 */
void tz_ctx_prepare(struct tz_ctx *ctx, void *stack, size_t size,
		    void (*entry)(void));

/* Save the running context in *from and resume *to; returns when some
 * context switches back to *from. */
void tz_ctx_switch(struct tz_ctx *from, struct tz_ctx *to);

/* Stop this CPU for good (panic path). */
__attribute__((noreturn)) void tz_ctx_halt(void);

#endif /* __ASSEMBLER__ */
#endif /* TZBSP_SCHED_CTX_H */
