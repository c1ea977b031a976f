/* SPDX-License-Identifier: BSD-3-Clause */
/* Secure log: the secure PL011 and, once INIT_SB_LOG ran, the sb_log ring. */
#ifndef TZBSP_LOG_H
#define TZBSP_LOG_H

#include <stdarg.h>
#include <stddef.h>

/* printf subset: %d %i %u %x %X %p %s %c %%, with l/ll/z and width/0-pad. */
int tz_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int tz_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One log line: "[tzbsp] " prefix added, newline appended. */
void tz_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * The same line into the sink (the sb_log ring) only, not the UART: for
 * per-command tracing, where a UART line under TCG costs as much as the
 * command.  Nothing is formatted while no sink is set.
 */
void tz_log_ring(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Where log lines go besides the UART.  The scheduler installs the sb_log
 * ring writer here after INIT_SB_LOG and removes it on RELEASE_SB.
 */
typedef void (*tz_log_sink_fn)(const char *text, size_t len);
void tz_log_set_sink(tz_log_sink_fn sink);

#endif /* TZBSP_LOG_H */
