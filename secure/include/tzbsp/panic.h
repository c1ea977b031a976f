/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Unrecoverable states (TF-A style): panic() logs and stops this CPU for
 * good; TZ_ASSERT() checks internal invariants, never normal-world input
 * (that gets a return code).
 */
#ifndef TZBSP_PANIC_H
#define TZBSP_PANIC_H

__attribute__((noreturn, format(printf, 1, 2)))
void panic(const char *fmt, ...);

#define TZ_ASSERT(cond) do {						\
	if (!(cond))							\
		panic("assertion failed: %s (%s:%d)", #cond,		\
		      __FILE__, __LINE__);				\
} while (0)

#endif /* TZBSP_PANIC_H */
