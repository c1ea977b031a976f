// SPDX-License-Identifier: BSD-3-Clause
/*
 * SMC dispatch (secure/smc): owner and call-type routing, the SMCCC 1.1
 * register contract (only x0..x3 change; SMC32 arguments cut to 32 bits),
 * the Arm architecture and SiP probe calls, and the hand-off of the
 * yielding scheduler call.  PSCI and the scheduler are fakes that record
 * what reached them.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/psci.h>
#include <tzbsp/sched.h>
#include <tzbsp/smc.h>
#include <tzcom/tzsched.h>

#include "tap.h"

void tz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# log: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

static struct smc_args psci_seen;
static int psci_calls;

static void fake_psci(const struct smc_args *a, struct smc_ret *r)
{
	psci_seen = *a;
	psci_calls++;
	smc_ret1(r, 0x1234);
}

const struct smc_service psci_std_service = {
	.name = "fake-psci",
	.oen_start = SMC_OEN_STD,
	.oen_end = SMC_OEN_STD,
	.call_type = SMC_TYPE_FAST,
	.handle = fake_psci,
};

static uint64_t sched_args[5];
static int sched_calls;
static int64_t sched_ret;

int64_t tzsched_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
		    uint64_t rsp_pa, uint64_t rsp_len)
{
	sched_args[0] = arginfo;
	sched_args[1] = req_pa;
	sched_args[2] = req_len;
	sched_args[3] = rsp_pa;
	sched_args[4] = rsp_len;
	sched_calls++;
	return sched_ret;
}

/* A frame whose x[i] = pattern, with x0 = fid. */
static void frame_init(struct smc_frame *f, uint64_t fid)
{
	for (int i = 0; i < 31; i++)
		f->x[i] = 0xa5a5a5a500000000ULL | (uint64_t)(i * 0x01010101U);
	f->x[0] = fid;
	f->elr = 0x40001000;
	f->spsr = 0x3c5;
}

/* x4..x30, ELR and SPSR are as the caller left them. */
static int frame_rest_intact(const struct smc_frame *f)
{
	struct smc_frame ref;

	frame_init(&ref, 0);
	for (int i = 4; i < 31; i++) {
		if (f->x[i] != ref.x[i])
			return 0;
	}
	return f->elr == ref.elr && f->spsr == ref.spsr;
}

static uint64_t call(uint64_t fid, struct smc_frame *f)
{
	frame_init(f, fid);
	smc_handle(f);
	return f->x[0];
}

static void test_unknown(void)
{
	static const uint32_t unknown[] = {
		0x00000000,	/* yielding, Arm arch: no such service */
		0x81000000,	/* CPU service */
		0x83000000,	/* OEM */
		0x85000000,	/* standard hypervisor */
		0xB0000000,	/* trusted application */
		0xBF00FF01,	/* trusted OS */
		0x84010000,	/* PSCI with MBZ bits set */
		0xC2FFFF01,	/* SiP UID with MBZ bits set */
		0xC200FF02,	/* SiP: unimplemented */
		0x8200FF01,	/* SiP UID as SMC32: not implemented */
		0x0200FC01,	/* scheduler call as SMC32 */
		0x4200FC02,	/* scheduler service, other command */
		0x4200FD01,	/* other Qualcomm service */
		0x80000002,	/* Arm arch: unimplemented */
		0x04000000,	/* PSCI id as a yielding call */
		0xFFFFFFFF,
	};
	struct smc_frame f;

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		int before = psci_calls + sched_calls;

		IS((int64_t)call(unknown[i], &f), SMC_UNK, "fid %#x answers SMC_UNK", unknown[i]);
		OK(f.x[1] == (0xa5a5a5a500000000ULL | 0x01010101U) &&
		   f.x[3] == (0xa5a5a5a500000000ULL | 0x03030303U) && frame_rest_intact(&f),
		   "fid %#x: x1..x30 preserved", unknown[i]);
		IS(psci_calls + sched_calls, before, "fid %#x reached no service", unknown[i]);
	}
	/* Upper half of x0 is not part of the function id. */
	IS((int64_t)call(0xffffffff00000000ULL | TZ_SMCCC_VERSION, &f), TZ_SMCCC_VERSION_1_1,
	   "function id is w0 only");
}

static void test_arch_and_sip(void)
{
	struct smc_frame f;

	IS(call(TZ_SMCCC_VERSION, &f), 0x10001, "SMCCC_VERSION is 1.1");
	OK(frame_rest_intact(&f), "SMCCC_VERSION: x4..x30 preserved");
	frame_init(&f, 0x80000001);
	f.x[1] = TZ_SMCCC_VERSION;
	smc_handle(&f);
	IS(f.x[0], 0, "ARCH_FEATURES(SMCCC_VERSION) supported");
	frame_init(&f, 0x80000001);
	f.x[1] = 0x80008000;	/* ARCH_WORKAROUND_1 */
	smc_handle(&f);
	IS((int64_t)f.x[0], SMC_UNK, "ARCH_FEATURES(WORKAROUND_1) not supported");

	IS(call(TZ_SIP_CALL_COUNT, &f), 4, "SiP call count");
	call(TZ_SIP_UID, &f);
	OK(f.x[0] == TZ_SIP_UID_W0 && f.x[1] == TZ_SIP_UID_W1 &&
	   f.x[2] == TZ_SIP_UID_W2 && f.x[3] == TZ_SIP_UID_W3, "SiP UID words");
	OK(frame_rest_intact(&f), "SiP UID: x4..x30 preserved");
	call(TZ_SIP_REVISION, &f);
	OK(f.x[0] == TZ_SIP_REVISION_MAJOR && f.x[1] == TZ_SIP_REVISION_MINOR,
	   "SiP revision major.minor");
}

static void test_std_routing(void)
{
	struct smc_frame f;

	psci_calls = 0;
	frame_init(&f, PSCI_CPU_ON_AARCH64);
	f.x[1] = 0xffffffff00000001ULL;
	f.x[2] = 0x123456789ULL;
	f.x[3] = 0xfedcba9876543210ULL;
	smc_handle(&f);
	IS(psci_calls, 1, "PSCI SMC64 call reaches the standard service");
	IS(f.x[0], 0x1234, "its answer is x0");
	OK(psci_seen.a[1] == 0xffffffff00000001ULL && psci_seen.a[2] == 0x123456789ULL &&
	   psci_seen.a[3] == 0xfedcba9876543210ULL, "SMC64 arguments passed whole");

	frame_init(&f, PSCI_CPU_ON_AARCH32);
	f.x[1] = 0xffffffff00000001ULL;
	f.x[2] = 0x123456789ULL;
	f.x[7] = 0x1111111122222222ULL;
	smc_handle(&f);
	IS(psci_calls, 2, "PSCI SMC32 call reaches the standard service");
	OK(psci_seen.a[1] == 1 && psci_seen.a[2] == 0x23456789 &&
	   psci_seen.a[7] == 0x22222222, "SMC32 arguments cut to 32 bits");
	IS(psci_seen.fid, PSCI_CPU_ON_AARCH32, "the function id reaches the service");
	OK(f.x[7] == 0x1111111122222222ULL && f.x[2] == 0x123456789ULL,
	   "SMC32: the saved registers themselves are not cut");
}

static void test_sched_call(void)
{
	struct smc_frame f;

	sched_calls = 0;
	sched_ret = TZ_SMC_BUSY;
	frame_init(&f, TZ_SMC_SCHED_CALL);
	f.x[1] = TZ_SMC_SCHED_ARGINFO;
	f.x[2] = 0x41000000;
	f.x[3] = 12;
	f.x[4] = 0x41001000;
	f.x[5] = 12;
	f.x[6] = 0x6666;
	smc_handle(&f);
	IS(sched_calls, 1, "scheduler call reaches tzsched_smc");
	OK(sched_args[0] == TZ_SMC_SCHED_ARGINFO && sched_args[1] == 0x41000000 &&
	   sched_args[2] == 12 && sched_args[3] == 0x41001000 && sched_args[4] == 12,
	   "x1..x5 passed in order");
	IS((int64_t)f.x[0], TZ_SMC_BUSY, "negative status sign-extended in x0");
	OK(f.x[4] == 0x41001000 && f.x[5] == 12 && f.x[6] == 0x6666,
	   "x4..x6 preserved across the call");

	sched_ret = 0;
	frame_init(&f, TZ_SMC_SCHED_CALL);
	f.x[2] = 0xffffffff41000000ULL;
	smc_handle(&f);
	IS(sched_args[1], 0xffffffff41000000ULL, "SMC64 scheduler address not truncated");
	IS(f.x[0], 0, "success is 0");
}

static void test_lookup(void)
{
	OK(smc_lookup(TZ_SIP_UID) == &sip_fast_service, "lookup: SiP fast");
	OK(smc_lookup(TZ_SMC_SCHED_CALL) == &sip_yield_service, "lookup: SiP yielding");
	OK(smc_lookup(PSCI_VERSION) == &psci_std_service, "lookup: standard");
	OK(smc_lookup(TZ_SMCCC_VERSION) == &smc_arm_arch_service, "lookup: Arm arch");
	OK(smc_lookup(0xC3000000) == NULL, "lookup: OEM owned by nobody");
}

int main(void)
{
	/* Before init no service is up: everything is unknown. */
	struct smc_frame f;

	IS((int64_t)call(TZ_SMCCC_VERSION, &f), SMC_UNK, "before smc_init nothing answers");
	smc_init();
	test_lookup();
	test_unknown();
	test_arch_and_sip();
	test_std_routing();
	test_sched_call();
	return tap_done();
}
