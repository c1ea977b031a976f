// SPDX-License-Identifier: BSD-3-Clause
/*
 * tz_log: one formatted line to the secure console and to the sink (the
 * sb_log ring once the normal world set one up); tz_log_ring: to the sink
 * only.  CPUs log concurrently, so a line is formatted on the caller's
 * stack and then written whole under log_lock: lines never interleave.
 * Lock order: log_lock before whatever lock the sink takes; the sink must
 * not log.
 *
 * Lines logged while there is no ring (boot, PSCI bring-up, the crypto
 * self-tests; also after RELEASE_SB) are kept in a small early buffer until
 * it is full, and replayed into every new sink, so the TZ log in debugfs
 * starts with the boot record.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include <tzbsp/log.h>
#include <tzbsp/plat.h>
#include <tzbsp/spinlock.h>

#define TZ_LOG_PREFIX	"[tzbsp] "
#define TZ_LOG_LINE_MAX	256

#define TZ_LOG_EARLY_MAX	4096

static tz_spinlock_t log_lock = TZ_SPINLOCK_INIT;
static tz_log_sink_fn log_sink;	/* read and written with atomics */

/* Under log_lock.  Keeps the first lines: the boot record matters most. */
static char early_log[TZ_LOG_EARLY_MAX];
static size_t early_len;
static bool early_truncated;

static void early_log_keep(const char *line, size_t n)
{
	if (early_len + n > sizeof(early_log)) {
		early_truncated = true;
		return;
	}
	for (size_t i = 0; i < n; i++)
		early_log[early_len + i] = line[i];
	early_len += n;
}

void tz_log_set_sink(tz_log_sink_fn sink)
{
	static const char cut[] = TZ_LOG_PREFIX "(early log truncated)\n";

	tz_spin_lock(&log_lock);
	if (sink) {
		sink(early_log, early_len);
		if (early_truncated)
			sink(cut, sizeof(cut) - 1);
	}
	__atomic_store_n(&log_sink, sink, __ATOMIC_RELEASE);
	tz_spin_unlock(&log_lock);
}

static void tz_vlog(bool uart, const char *fmt, va_list ap)
{
	char line[TZ_LOG_LINE_MAX];
	const size_t plen = sizeof(TZ_LOG_PREFIX) - 1;
	tz_log_sink_fn sink;
	int n;

	if (!uart && !__atomic_load_n(&log_sink, __ATOMIC_ACQUIRE))
		return;
	for (size_t i = 0; i < plen; i++)
		line[i] = TZ_LOG_PREFIX[i];
	n = tz_vsnprintf(line + plen, sizeof(line) - plen - 1, fmt, ap);
	/* Truncated lines keep their end of line. */
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof(line) - plen - 2)
		n = (int)(sizeof(line) - plen - 2);
	n += (int)plen;
	line[n++] = '\n';
	line[n] = '\0';

	tz_spin_lock(&log_lock);
	if (uart)
		plat_ops.console_write(line, (size_t)n);
	sink = __atomic_load_n(&log_sink, __ATOMIC_ACQUIRE);
	if (sink)
		sink(line, (size_t)n);
	else if (uart)
		early_log_keep(line, (size_t)n);
	tz_spin_unlock(&log_lock);
}

void tz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tz_vlog(true, fmt, ap);
	va_end(ap);
}

void tz_log_ring(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tz_vlog(false, fmt, ap);
	va_end(ap);
}
