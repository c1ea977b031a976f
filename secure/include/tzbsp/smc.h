/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMC dispatch (secure/smc), after TF-A's runtime services: each service
 * is one const descriptor (owner range, call type, init, handler) and a
 * call is a table look-up on its function id.  Unknown calls answer
 * SMC_UNK.  The normal world's general registers are saved whole on entry
 * (boot/vectors.S) and restored on return, so only x0..x3 change (SMCCC 1.1).
 */
#ifndef TZBSP_SMC_H
#define TZBSP_SMC_H

#include <tzbsp/arch.h>

/* struct smc_frame as assembly sees it. */
#define SMC_FRAME_X0		0
#define SMC_FRAME_ELR		(31 * 8)
#define SMC_FRAME_SPSR		(32 * 8)
#define SMC_FRAME_SIZE		(34 * 8)

/* Function id fields (SMCCC 1.1 §2.5). */
#define SMC_TYPE_FAST		ARCH_U(1)
#define SMC_TYPE_YIELD		ARCH_U(0)
#define SMC_FID_TYPE_SHIFT	31
#define SMC_FID_CC64		(ARCH_U(1) << 30)
#define SMC_FID_OEN_SHIFT	24
#define SMC_FID_OEN_MASK	ARCH_U(0x3f)
#define SMC_FID_MBZ_MASK	ARCH_U(0x00ff0000)	/* fast calls only */

#define SMC_OEN_ARM		ARCH_U(0)
#define SMC_OEN_SIP		ARCH_U(2)
#define SMC_OEN_STD		ARCH_U(4)

#define SMC_UNK			(-1)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct smc_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

_Static_assert(offsetof(struct smc_frame, elr) == SMC_FRAME_ELR, "frame elr");
_Static_assert(offsetof(struct smc_frame, spsr) == SMC_FRAME_SPSR, "frame spsr");
_Static_assert(sizeof(struct smc_frame) == SMC_FRAME_SIZE, "frame size");
_Static_assert(SMC_FRAME_SIZE % 16 == 0, "frame keeps sp aligned");

/* One call: the function id and x1..x7, already cut to 32 bits for SMC32. */
struct smc_args {
	uint32_t fid;
	uint64_t a[8];		/* a[1]..a[7] = x1..x7; a[0] unused */
};

/* x0..x3 on return; the dispatcher preloads x1..x3 with the caller's values. */
struct smc_ret {
	uint64_t x[4];
};

struct smc_service {
	const char *name;
	uint8_t oen_start;	/* owner range, inclusive */
	uint8_t oen_end;
	uint8_t call_type;	/* SMC_TYPE_FAST or SMC_TYPE_YIELD */
	int (*init)(void);	/* NULL or 0 on success; else left out */
	void (*handle)(const struct smc_args *args, struct smc_ret *ret);
};

/* The services (smc/arm_arch.c, psci/psci.c, smc/sip.c). */
extern const struct smc_service smc_arm_arch_service;
extern const struct smc_service psci_std_service;
extern const struct smc_service sip_fast_service;
extern const struct smc_service sip_yield_service;

/* Run each service's init once on the boot CPU. */
void smc_init(void);

/* The service answering fid, or NULL (SMC_UNK).  Exposed for host tests. */
const struct smc_service *smc_lookup(uint32_t fid);

/* Dispatch the call saved in f (boot/vectors.S); writes f->x[0..3]. */
void smc_handle(struct smc_frame *f);

static inline void smc_ret1(struct smc_ret *r, uint64_t x0)
{
	r->x[0] = x0;
}

#endif /* __ASSEMBLER__ */
#endif /* TZBSP_SMC_H */
