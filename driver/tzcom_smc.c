// SPDX-License-Identifier: GPL-2.0
/*
 * SMC transport: the only file that builds SMCCC registers.  Callers pass
 * a descriptor; firmware status codes become -errno in tzcom_smc_errno()
 * and nowhere else.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/arm-smccc.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#include "tzcom_priv.h"

/*
 * x0 of the scheduler call.  SMC64 calls return a 64-bit -1, SMC32-style
 * firmware a 32-bit one, so compare the low word as a signed value.
 */
static int tzcom_smc_errno(unsigned long x0)
{
	switch ((s32)lower_32_bits(x0)) {
	case TZ_SMC_OK:
		return 0;
	case TZ_SMC_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case TZ_SMC_INVALID_PARAM:
		return -EINVAL;
	case TZ_SMC_BUSY:
		return -EBUSY;
	case TZ_SMC_SERVICE_BUSY:
		return -EAGAIN;
	case TZ_SMC_UNEXPECTED_RESUME:
		return -EPROTO;
	default:
		return -EIO;
	}
}

/**
 * tzcom_smc_sched() - one yielding scheduler call (NEW, PENDING or RESUME)
 * @desc: physical addresses of the tzcom_command and tzcom_response; for
 *	  NEW the command's callback area (x6/x7), for PENDING and RESUME
 *	  the thread id (x6); x3 is @desc->cmd_size (0: the plain
 *	  tzcom_command).  On return @desc->thread holds x1, the thread
 *	  id of an INCOMPLETE or PREEMPTED return (docs/protocol.md, section 9)
 *
 * The caller owns the call slot the addresses point into.
 *
 * Return: 0, TZCOM_SMC_PREEMPTED (RESUME the thread), or -errno mapped
 * from the firmware's x0.
 */
int tzcom_smc_sched(struct tzcom_smc_sched_desc *desc)
{
	unsigned long x6 = 0, x7 = 0;
	struct arm_smccc_res res;

	might_sleep();
	if (desc->cmd_type == TZ_SCHED_CMD_NEW) {
		x6 = desc->cb_pa;
		x7 = desc->cb_len;
	} else {
		x6 = desc->thread;
	}
	arm_smccc_1_1_smc(TZ_SMC_SCHED_CALL, TZ_SMC_SCHED_ARGINFO,
			  desc->cmd_pa,
			  desc->cmd_size ?: sizeof(struct tzcom_command),
			  desc->rsp_pa, sizeof(struct tzcom_response), x6, x7,
			  &res);
	desc->thread = lower_32_bits(res.a1);
	if ((s32)lower_32_bits(res.a0) == TZ_SMC_PREEMPTED)
		return TZCOM_SMC_PREEMPTED;
	return tzcom_smc_errno(res.a0);
}

/**
 * tzcom_smc_probe() - check that our secure world answers
 *
 * An SMC with no EL3 firmware is an undefined instruction, so the SMCCC
 * conduit the kernel found through PSCI is checked first.  Every failure
 * prints one message naming the step.
 *
 * Return: 0, or -ENODEV.
 */
int tzcom_smc_probe(void)
{
	struct arm_smccc_res res;

	if (arm_smccc_1_1_get_conduit() != SMCCC_CONDUIT_SMC) {
		pr_err("probe: no SMCCC 1.1 SMC conduit (no secure firmware, or PSCI_FEATURES(SMCCC_VERSION) unsupported)\n");
		return -ENODEV;
	}

	arm_smccc_1_1_smc(TZ_SMCCC_VERSION, &res);
	if ((s32)lower_32_bits(res.a0) < (s32)TZ_SMCCC_VERSION_1_1) {
		pr_err("probe: SMCCC_VERSION returned 0x%lx, need 1.1 or later\n",
		       res.a0);
		return -ENODEV;
	}

	arm_smccc_1_1_smc(TZ_SIP_UID, &res);
	if (lower_32_bits(res.a0) != TZ_SIP_UID_W0 ||
	    lower_32_bits(res.a1) != TZ_SIP_UID_W1 ||
	    lower_32_bits(res.a2) != TZ_SIP_UID_W2 ||
	    lower_32_bits(res.a3) != TZ_SIP_UID_W3) {
		pr_err("probe: SiP UID %08x-%08x-%08x-%08x is not the tzcom firmware\n",
		       lower_32_bits(res.a0), lower_32_bits(res.a1),
		       lower_32_bits(res.a2), lower_32_bits(res.a3));
		return -ENODEV;
	}

	arm_smccc_1_1_smc(TZ_SIP_REVISION, &res);
	if (lower_32_bits(res.a0) != TZ_SIP_REVISION_MAJOR) {
		pr_err("probe: SiP revision %u.%u, need major %u\n",
		       lower_32_bits(res.a0), lower_32_bits(res.a1),
		       TZ_SIP_REVISION_MAJOR);
		return -ENODEV;
	}
	pr_debug("probe: SiP revision %u.%u\n", lower_32_bits(res.a0),
		 lower_32_bits(res.a1));

	arm_smccc_1_1_smc(TZ_SIP_CALL_COUNT, &res);
	pr_debug("probe: SiP call count %u\n", lower_32_bits(res.a0));
	return 0;
}
