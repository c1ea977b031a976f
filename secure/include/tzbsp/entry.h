/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C side of TZBSP's entries from the SPD (boot/entry.S branches
 * here on a fresh per-CPU stack; docs/firmware.md has the table).
 */
#ifndef TZBSP_ENTRY_H
#define TZBSP_ENTRY_H

#include <stdint.h>

/*
 * A normal-world call: x[0..7] as the caller passed them (x0 = function
 * id); the handler leaves the caller's x0..x3 in x[0..3].  Everything in
 * here is normal-world input.
 */
struct tz_call_regs {
	uint64_t x[8];
};

/* The SiP function ids below answer this; the SMCCC "unknown" value. */
#define TZ_SMC_UNKNOWN		UINT64_C(0xffffffffffffffff)

/* Yielding call entry: the TZ scheduler call (entry/calls.c). */
void tzbsp_std_call(struct tz_call_regs *regs);
/* Fast call entry: the null call (entry/calls.c). */
void tzbsp_fast_call(struct tz_call_regs *regs);

/*
 * PSCI events (entry/pm.c), forwarded by the SPD on the CPU concerned.
 * Each returns 0 (x1 of its TZ_TOS_*_DONE); the SPD treats anything else
 * as a failure to come up or go down.
 */
int64_t tzbsp_cpu_on(uint64_t arg);
int64_t tzbsp_cpu_off(uint64_t arg);
int64_t tzbsp_cpu_suspend(uint64_t max_off_pwrlvl);
int64_t tzbsp_cpu_resume(uint64_t max_off_pwrlvl);
int64_t tzbsp_system_off(uint64_t arg);
int64_t tzbsp_system_reset(uint64_t arg);

#endif /* TZBSP_ENTRY_H */
