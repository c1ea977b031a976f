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

/*
 * {id, op, idx, off_lo, off_hi, len[, off2_lo, off2_hi]}: the memref API
 * from inside a command (probe_svc.c, probe_mem()).
 */
#define PROBE_MEM		TZ_CMD_ID(PROBE_SVC, 9)
#define PROBE_MEM_INFO		0U	/* rsp {ret, size_lo, size_hi, flags} */
#define PROBE_MEM_READ		1U	/* rsp {ret, fnv1a32, first 16 bytes} */
#define PROBE_MEM_WRITE		2U	/* byte j = PROBE_MEM_BYTE(j); rsp {ret} */
#define PROBE_MEM_READ_NULL	3U	/* read into NULL; rsp {ret} */
#define PROBE_MEM_READ3		4U	/* at off, at off2, at off: rsp 3 x {ret, fnv} */
#define PROBE_MEM_SESSION	5U	/* rsp {tz_session_index()} */
#define PROBE_MEM_BYTE(j)	((uint8_t)((j) * 7U + 3U))

#define PROBE_SCRATCH_PA	(HOST_DRAM_BASE + 0x80000)

extern int probe_init_hlos_ret;

#endif
