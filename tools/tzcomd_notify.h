/* SPDX-License-Identifier: BSD-3-Clause */
/* systemd's readiness protocol, without libsystemd (tools/tzcomd_notify.c). */
#ifndef TZCOMD_NOTIFY_H
#define TZCOMD_NOTIFY_H

/*
 * Send state (e.g. "READY=1") to $NOTIFY_SOCKET.  0 if sent or if the
 * variable is unset (not started by systemd), else -errno.
 */
int tzcomd_notify(const char *state);

#endif
