/* SPDX-License-Identifier: BSD-3-Clause */
/* tzcomd's log: stderr or syslog (tools/tzcomd_log.c). */
#ifndef TZCOMD_LOG_H
#define TZCOMD_LOG_H

#include <stdbool.h>
#include <syslog.h>

enum tzlog_target {
	TZLOG_AUTO,	/* syslog once detached (--daemon), else stderr */
	TZLOG_STDERR,
	TZLOG_SYSLOG,
};

/* "stderr", "syslog" or "auto" -> target; -EINVAL otherwise. */
int tzlog_parse(const char *name, enum tzlog_target *t);
/* Choose the target; daemon says whether tzcomd will detach. */
void tzlog_init(enum tzlog_target t, bool daemon);
/* Whether the log still needs stderr once tzcomd has detached. */
bool tzlog_uses_stderr(void);
/*
 * Start-up is over: from now on lines go only to the chosen target.
 * Until then they also go to stderr, so a start-up error always reaches
 * the terminal that started tzcomd.
 */
void tzlog_started(void);
/* One line (no newline in fmt), LOG_ERR..LOG_DEBUG. */
void tzlog(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
