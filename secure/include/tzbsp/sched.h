/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The TZ scheduler: TZ_THREADS secure threads, each running at most one
 * command (docs/protocol.md, docs/firmware.md "Threads").
 */
#ifndef TZBSP_SCHED_H
#define TZBSP_SCHED_H

#include <stdint.h>

/* Run every registered service's init; called once on the boot CPU. */
void tzsched_init(void);

/*
 * Handle TZ_SMC_SCHED_CALL (x0 = 0x4200FC01).  Arguments are x1..x7 as
 * the normal world passed them; the return value goes to x0 (TZ_SMC_*)
 * and *x1 to x1 (the thread id of an INCOMPLETE or PREEMPTED return, else
 * 0).  Called from TZBSP's yielding-call entry on whichever CPU the SPD
 * entered; the scheduler serialises internally.
 */
int64_t tzsched_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
		    uint64_t rsp_pa, uint64_t rsp_len, uint64_t x6, uint64_t x7,
		    uint64_t *x1);

/*
 * Called with IRQs masked from an IRQ exception taken while a command's
 * thread ran with IRQs unmasked; returns when the thread has been
 * RESUMEd, possibly on another CPU.  The caller saved and restores the
 * interrupted registers (tzbsp/irq_frame.S).
 */
void tz_sched_preempt(void);

/*
 * Open and close a preemptible region: unmask and mask IRQs.  Only legal
 * inside a command's thread, never with a lock held and never nested; a
 * normal-world interrupt inside the region ends the SMC with
 * TZ_SMC_PREEMPTED and the code goes on when the normal world RESUMEs.
 */
void tz_preempt_enable(void);
void tz_preempt_disable(void);

#endif /* TZBSP_SCHED_H */
