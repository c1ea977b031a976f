/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sessions as the scheduler sees them (session.c): a NEW naming a session
 * takes it for the length of the command, and gives it back when the
 * command completes.
 */
#ifndef TZBSP_SCHED_SESSION_H
#define TZBSP_SCHED_SESSION_H

#include <stdint.h>

#include <tzbsp/service.h>

/*
 * Session id for a command of svc: 0 and *idx, the session now running
 * the command; -TZ_EBADF if id is no open session of svc; -TZ_EBUSY if a
 * command runs in it already.
 */
int tz_session_enter(const struct tz_service *svc, uint32_t id, int *idx);
/* The command that entered session idx of svc is done. */
void tz_session_leave(const struct tz_service *svc, int idx);

/* sched.c: the registered service with that id, or NULL. */
const struct tz_service *tzsched_service(uint32_t id);

#endif /* TZBSP_SCHED_SESSION_H */
