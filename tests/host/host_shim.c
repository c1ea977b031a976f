// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host stand-ins for the firmware pieces the scheduler uses but the host
 * build does not compile: the log (secure/lib's UART printf) and the
 * identity map (fake NS DRAM here).  tz_log goes to a buffer tests can
 * search (the UART's stand-in), to stderr when TZ_HOST_VERBOSE is set,
 * and to the sink; tz_log_ring to the sink only.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>

#include "host.h"

static uint8_t *host_dram;
static tz_log_sink_fn host_sink;
static char host_log[1 << 16];
static size_t host_log_len;
static int host_verbose = -1;
/* Like the firmware's log lock: tests call SMCs from several threads. */
static pthread_mutex_t host_log_lock = PTHREAD_MUTEX_INITIALIZER;

int tz_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return vsnprintf(buf, size, fmt, ap);
}

int tz_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void tz_log_set_sink(tz_log_sink_fn sink)
{
	host_sink = sink;
}

/* One log line as the firmware writes it: prefix, text, newline. */
static int host_format_line(char *line, size_t cap, const char *fmt, va_list ap)
{
	int n = snprintf(line, cap, "[tzbsp] ");

	n += vsnprintf(line + n, cap - (size_t)n - 1, fmt, ap);
	if (n > (int)cap - 2)
		n = (int)cap - 2;
	line[n++] = '\n';
	line[n] = '\0';
	return n;
}

void tz_log(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = host_format_line(line, sizeof(line), fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&host_log_lock);
	if (host_verbose < 0)
		host_verbose = getenv("TZ_HOST_VERBOSE") != NULL;
	if (host_verbose)
		fputs(line, stderr);
	if (host_log_len + (size_t)n >= sizeof(host_log))
		host_log_len = 0;
	memcpy(host_log + host_log_len, line, (size_t)n + 1);
	host_log_len += (size_t)n;
	if (host_sink)
		host_sink(line, (size_t)n);
	pthread_mutex_unlock(&host_log_lock);
}

/* Ring only: the sink gets the line, the UART stand-in (host_log) not. */
void tz_log_ring(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	if (!host_sink)
		return;
	va_start(ap, fmt);
	n = host_format_line(line, sizeof(line), fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&host_log_lock);
	if (host_sink)
		host_sink(line, (size_t)n);
	pthread_mutex_unlock(&host_log_lock);
}

void host_log_clear(void)
{
	host_log_len = 0;
	host_log[0] = '\0';
}

bool host_log_has(const char *needle)
{
	return strstr(host_log, needle) != NULL;
}

const char *host_log_get(void)
{
	return host_log;
}

void *tz_host_phys_to_ptr(uint64_t pa)
{
	/* The firmware must never touch an address it did not validate. */
	if (!host_dram || pa < HOST_DRAM_BASE || pa >= HOST_DRAM_BASE + HOST_DRAM_SIZE) {
		fprintf(stderr, "phys_to_ptr: 0x%llx outside fake NS DRAM\n",
			(unsigned long long)pa);
		abort();
	}
	return host_dram + (pa - HOST_DRAM_BASE);
}

void host_dram_init(void)
{
	if (!host_dram) {
		/* Exact size, so ASan flags any access past the end. */
		host_dram = malloc(HOST_DRAM_SIZE);
		if (!host_dram)
			abort();
	}
	memset(host_dram, 0, HOST_DRAM_SIZE);
	ns_mem_set_dram(HOST_DRAM_BASE, HOST_DRAM_SIZE);
}
