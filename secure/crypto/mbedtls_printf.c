// SPDX-License-Identifier: BSD-3-Clause
/*
 * The one C library function our mbedTLS build still calls by name:
 * mbedtls_printf (MBEDTLS_PLATFORM_PRINTF_MACRO in mbedtls_config.h), used
 * only by the library's self-tests when asked to be verbose.  The
 * self-tests print a line in pieces, so output is collected into lines,
 * each one a tz_log line.  calloc/free are in heap.c; memcpy and friends
 * come from secure/lib.
 */
#include <stdarg.h>
#include <stddef.h>

#include <tzbsp/log.h>

#include "mbedtls_config.h"

static char line[160];
static size_t line_len;

static void line_flush(void)
{
	line[line_len] = '\0';
	tz_log("%s", line);
	line_len = 0;
}

static void line_put(char c)
{
	if (c == '\n') {
		line_flush();
		return;
	}
	line[line_len++] = c;
	if (line_len == sizeof(line) - 1)
		line_flush();
}

int tz_mbedtls_printf(const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	int n, i;

	va_start(ap, fmt);
	n = tz_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < n && buf[i]; i++)
		line_put(buf[i]);
	return n;
}
