/* SPDX-License-Identifier: BSD-3-Clause */
/* The TZ scheduler: owner of the one in-flight command (docs/protocol.md). */
#ifndef TZBSP_SCHED_H
#define TZBSP_SCHED_H

#include <stdint.h>

/* Run every registered service's init; called once on the boot CPU. */
void tzsched_init(void);

/*
 * Handle TZ_SMC_SCHED_CALL (x0 = 0x4200FC01).  Arguments are x1..x5 as the
 * normal world passed them; the return value goes to x0 (TZ_SMC_*).
 * Called from TZBSP's yielding-call entry on whichever CPU the SPD
 * entered; the scheduler
 * serialises internally.
 */
int64_t tzsched_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
		    uint64_t rsp_pa, uint64_t rsp_len);

#endif /* TZBSP_SCHED_H */
