/* SPDX-License-Identifier: BSD-3-Clause */
/* Host-only probe services (probe_svc.c). */
#ifndef TZ_HOST_PROBE_H
#define TZ_HOST_PROBE_H

#include "host.h"

#define PROBE_SVC		31U
#define BROKEN_SVC		30U
#define PROBE_MULTI		TZ_CMD_ID(PROBE_SVC, 1)
#define PROBE_CAPPED		TZ_CMD_ID(PROBE_SVC, 2)
#define PROBE_BIGCB		TZ_CMD_ID(PROBE_SVC, 3)
#define PROBE_POSITIVE		TZ_CMD_ID(PROBE_SVC, 4)
#define PROBE_REENTER		TZ_CMD_ID(PROBE_SVC, 5)
#define PROBE_DEEP		TZ_CMD_ID(PROBE_SVC, 6)
#define PROBE_SMASH		TZ_CMD_ID(PROBE_SVC, 7)
/* {id, n}: n times as if an IRQ arrived in a preemptible region; rsp {n} */
#define PROBE_PREEMPT		TZ_CMD_ID(PROBE_SVC, 8)

#define PROBE_SCRATCH_PA	(HOST_DRAM_BASE + 0x80000)

extern int probe_init_hlos_ret;

#endif
