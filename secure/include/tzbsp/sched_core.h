/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the scheduler core service (secure/apps/core) needs from the
 * scheduler.  Commands on several threads may call these at once; the
 * scheduler locks what they share.
 */
#ifndef TZBSP_SCHED_CORE_H
#define TZBSP_SCHED_CORE_H

#include <stdbool.h>
#include <stdint.h>

/* Smallest and largest shared buffer INIT_SB_OUT / INIT_SB_LOG accept. */
#define TZ_SB_MIN_LEN	4096U
#define TZ_SB_MAX_LEN	65536U

struct tzsched_stats {
	uint32_t services;	/* bit n: service n is up */
	uint32_t commands_done;
	uint32_t callbacks_done;
	bool sb_out_ready;
	uint32_t threads;	/* TZ_THREADS */
};

void tzsched_get_stats(struct tzsched_stats *st);

/* Use [pa, pa + len) as sb_out from now on; the caller validated it. */
void tzsched_set_sb_out(uint64_t pa, uint32_t len);
/* Forget sb_out: later tz_hlos_call()s fail with -EIO. */
void tzsched_release_sb_out(void);
/* True and the range if sb_out is set. */
bool tzsched_get_sb_out(uint64_t *pa, uint32_t *len);

/* Per-command trace level, TZ_TRACE_*; the caller validated it. */
void tzsched_set_trace(uint32_t level);

/*
 * TZ_CORE_SESSION_OPEN/CLOSE (include/tzcom/tzsched.h), both wiping the
 * session's state in the service before they return.  Open: 0 and
 * *session, -TZ_ENOSYS no such service, -TZ_EOPNOTSUPP it keeps no
 * sessions, -TZ_ENOSPC its table is full.  Close: 0, -TZ_EBADF no such
 * open session, -TZ_EBUSY a command runs in it.
 */
int tzsched_session_open(uint32_t svc_id, uint32_t *session);
int tzsched_session_close(uint32_t session);

#endif /* TZBSP_SCHED_CORE_H */
