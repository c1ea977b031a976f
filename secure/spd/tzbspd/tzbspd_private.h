/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * tzbspd: the Secure Payload Dispatcher for TZBSP, our Trusted OS at
 * S-EL1.  Modelled on TF-A's services/spd/opteed (its own code, not a
 * copy).  docs/firmware.md has the picture; in short:
 *
 *   - one struct tzbspd_cpu per CPU holds TZBSP's S-EL1 context there;
 *   - tzbspd_enter()/tzbspd_exit() (tzbspd_context.c) are the only way
 *     into and out of S-EL1: the entry saves this CPU's EL3 C runtime and
 *     the S-EL1 system registers are switched with cm_el1_sysregs_*;
 *   - TZBSP hands over its vector table (fixed offsets, tzcom/tzsched.h)
 *     at its first entry; every later entry starts at one of those;
 *   - the SMC handler (tzbspd_main.c) looks at the caller's world before
 *     anything else, then routes by a const table (tzbspd_calls.c).
 */
#ifndef TZBSPD_PRIVATE_H
#define TZBSPD_PRIVATE_H

#include <platform_def.h>

/* The callee-saved EL3 registers tzbspd_switch.S keeps across an entry. */
#define TZBSPD_RT_X19		0x00
#define TZBSPD_RT_X21		0x10
#define TZBSPD_RT_X23		0x20
#define TZBSPD_RT_X25		0x30
#define TZBSPD_RT_X27		0x40
#define TZBSPD_RT_X29		0x50
#define TZBSPD_RT_SIZE		0x60

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

#include <context.h>
#include <lib/psci/psci_lib.h>

#include "tzbspd_calls.h"

/* What TZBSP is doing on one CPU, as far as the SPD knows. */
enum tzbspd_cpu_state {
	TZBSPD_CPU_OFF = 0,	/* never entered here, or turned off */
	TZBSPD_CPU_ON,		/* initialised; takes calls */
	TZBSPD_CPU_SUSPENDED,
};

struct tzbspd_cpu {
	/* TZBSP's S-EL1 register state on this CPU (TF-A's cpu_context_t). */
	cpu_context_t ctx;
	/*
	 * While an entry is in progress: the EL3 stack pointer where
	 * tzbspd_enter() saved its callee-saved registers; 0 otherwise.
	 */
	uint64_t rt_sp;
	/* The TZ_TOS_*_DONE id that ends the entry in progress. */
	uint32_t expect_done;
	/* x1..x4 of that TZ_TOS_*_DONE, for tzbspd_enter() to return. */
	uint64_t done_regs[4];
	enum tzbspd_cpu_state state;
};

/*
 * TZBSP's vector table, set once by its first entry on the boot CPU; 0
 * while TZBSP is not (or failed to come) up: then every SiP call is
 * unknown, so the driver's UID probe refuses the board.
 */
extern uintptr_t tzbspd_vectors;
extern struct tzbspd_cpu tzbspd_cpus[PLATFORM_CORE_COUNT];
extern const spd_pm_ops_t tzbspd_pm;

struct tzbspd_cpu *tzbspd_this_cpu(void);

/*
 * Initialise this CPU's secure context to enter TZBSP at pc at S-EL1
 * (AArch64, SP_EL1, all exceptions masked) with x0 = arg0.
 */
void tzbspd_init_context(struct tzbspd_cpu *cpu, uintptr_t pc, uint64_t arg0);

/*
 * The one way into S-EL1 and back: enter TZBSP at its current ELR (set
 * with cm_set_elr_el3(SECURE, ...)) with x0..x7 as set in cpu->ctx, and
 * return the x1 TZBSP passes with `done` (the TZ_TOS_*_DONE id that must
 * end this entry).  *ret, if not NULL, gets x1..x4.  The normal world's
 * EL1 system registers are the caller's business.
 */
uint64_t tzbspd_enter(struct tzbspd_cpu *cpu, uint32_t done, uint64_t ret[4]);
/* Called by the SMC handler for TZ_TOS_*_DONE from S-EL1: back into tzbspd_enter(). */
void __dead2 tzbspd_exit(struct tzbspd_cpu *cpu, const uint64_t ret[4]);

/* tzbspd_switch.S */
uint64_t tzbspd_switch_in(uint64_t *rt_sp);
void __dead2 tzbspd_switch_out(uint64_t rt_sp, uint64_t x1);

#endif /* __ASSEMBLER__ */
#endif /* TZBSPD_PRIVATE_H */
