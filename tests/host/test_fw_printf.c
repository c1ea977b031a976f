// SPDX-License-Identifier: BSD-3-Clause
/*
 * The firmware's printf subset (secure/lib/printf.c) against the host C
 * library, for every conversion and flag it claims, plus snprintf's
 * truncation contract.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tzbsp/log.h>

#include "tap.h"

#define SAME(fmt, ...) do {						\
	char want_[128], got_[128];					\
	int wn_ = snprintf(want_, sizeof(want_), fmt, __VA_ARGS__);	\
	int gn_ = tz_snprintf(got_, sizeof(got_), fmt, __VA_ARGS__);	\
	if (!OK(wn_ == gn_ && !strcmp(want_, got_), "\"%s\" as libc", fmt)) \
		tap_diag("  got \"%s\" (%d), want \"%s\" (%d)", got_, gn_, want_, wn_); \
} while (0)

static int via_v(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tz_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int main(void)
{
	char buf[32];
	const char *volatile fmt;
	const char *volatile null_str = NULL;
	int n;

	SAME("%d", 0);
	SAME("%d", -1);
	SAME("%d|%i", INT32_MIN, INT32_MAX);
	SAME("%u", 4294967295U);
	SAME("%x %X", 0xdeadbeefU, 0xdeadbeefU);
	SAME("%08x", 0x1234U);
	SAME("%8x|%-8x|", 0xabU, 0xabU);
	SAME("%#x %#llx", 0x10U, 0x1234567890ULL);
	SAME("%ld %lu %lx", -5L, 5UL, 0xffffffffffUL);
	SAME("%lld %llu", (long long)INT64_MIN, (unsigned long long)UINT64_MAX);
	SAME("%zu %zx", (size_t)12345, (size_t)0xabcdef);
	SAME("%hhu %hd", 300, 70000);
	SAME("%5d|%-5d|%05d", 42, 42, -42);
	SAME("%s|%10s|%-10s|%.3s", "abc", "abc", "abc", "abcdef");
	SAME("%*d|%-*d|%.*s", 6, 7, 6, 7, 2, "xyz");
	SAME("%c%c%c", 'a', 'b', 'c');
	SAME("%3c|%-3c|", 'z', 'z');
	SAME("100%%%s", "!");
	SAME("%p", (void *)0x1234);
	SAME("%s", "");

	/* Truncation: return the full length, always terminate. */
	n = tz_snprintf(buf, 8, "%s", "0123456789");
	IS(n, 10, "truncated: returns the untruncated length");
	OK(!strcmp(buf, "0123456"), "truncated: 7 chars and a NUL");
	n = tz_snprintf(buf, 1, "%d", 12345);
	IS(n, 5, "size 1: length still reported");
	IS(buf[0], 0, "size 1: empty string");
	memset(buf, 'x', sizeof(buf));
	n = tz_snprintf(buf, 0, "%d", 12345);
	IS(n, 5, "size 0: length reported");
	IS(buf[0], 'x', "size 0: buffer untouched");
	n = tz_snprintf(NULL, 0, "abc%s", "def");
	IS(n, 6, "NULL buffer, size 0: length only");

	/* Unknown and truncated directives are copied, never crash. */
	fmt = "a%qb";
	n = via_v(buf, sizeof(buf), fmt);
	OK(n == 4 && !strcmp(buf, "a%qb"), "unknown conversion copied literally");
	fmt = "abc%";
	n = via_v(buf, sizeof(buf), fmt);
	OK(n == 4 && !strcmp(buf, "abc%"), "trailing %% copied literally");
	fmt = "%-08l";
	n = via_v(buf, sizeof(buf), fmt);
	OK(n == 5 && !strcmp(buf, "%-08l"), "truncated directive copied literally");
	n = via_v(buf, sizeof(buf), "%s", null_str);
	OK(n == 6 && !strcmp(buf, "(null)"), "%%s of NULL prints (null)");
	n = tz_snprintf(buf, sizeof(buf), "%99999d", 1);
	IS(n, 10000, "huge width is capped, not overflowed");
	return tap_done();
}
