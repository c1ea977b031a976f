// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcomd's log lines go to stderr (foreground, and under systemd, whose
 * journal reads it) or to syslog (detached: its stderr is /dev/null).
 * Reader threads log concurrently: each line is one stdio call or one
 * syslog() call, both of which lock.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tzcomd_log.h"

static enum tzlog_target target = TZLOG_STDERR;
static bool started;

int tzlog_parse(const char *name, enum tzlog_target *t)
{
	if (!strcmp(name, "stderr"))
		*t = TZLOG_STDERR;
	else if (!strcmp(name, "syslog"))
		*t = TZLOG_SYSLOG;
	else if (!strcmp(name, "auto"))
		*t = TZLOG_AUTO;
	else
		return -EINVAL;
	return 0;
}

void tzlog_init(enum tzlog_target t, bool daemon)
{
	if (t == TZLOG_AUTO)
		t = daemon ? TZLOG_SYSLOG : TZLOG_STDERR;
	target = t;
	if (target == TZLOG_SYSLOG)
		openlog("tzcomd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

bool tzlog_uses_stderr(void)
{
	return target == TZLOG_STDERR;
}

void tzlog_started(void)
{
	started = true;
}

void tzlog(int prio, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (target == TZLOG_SYSLOG)
		syslog(prio, "%s", line);
	if (target == TZLOG_STDERR || !started)
		fprintf(stderr, "tzcomd: %s\n", line);
}
