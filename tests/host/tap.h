/* SPDX-License-Identifier: BSD-3-Clause */
/* Minimal TAP producer: one "ok N - name" per check, the plan at the end. */
#ifndef TZ_HOST_TAP_H
#define TZ_HOST_TAP_H

#include <stdbool.h>

/* Report one check; returns cond so callers can stop early. */
bool tap_ok(bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan; returns the process exit status (0 if all passed). */
int tap_done(void);

#define OK(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
/* Compare integers and print both on failure. */
#define IS(got, want, ...) do {						\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!OK(g_ == w_, __VA_ARGS__))					\
		tap_diag("  got %lld (0x%llx), want %lld (0x%llx)",	\
			 g_, (unsigned long long)g_, w_,		\
			 (unsigned long long)w_);			\
} while (0)

#endif
