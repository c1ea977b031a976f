// SPDX-License-Identifier: BSD-3-Clause
/*
 * board-smc: the secure world answers the probe calls of docs/protocol.md
 * and the PSCI version call, as the normal world sees them through raw
 * SMCs: TF-A's BL31 answers PSCI (1.1) and SMCCC, our SPD the SiP probe
 * calls, TZBSP at S-EL1 the null call; the calls by which TZBSP answers
 * the SPD are refused from the normal world.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include <tzcom/tzsched.h>

#include "smccall.h"
#include "tap.h"

#define PSCI_VERSION		0x84000000U
#define PSCI_1_1		0x10001U	/* TF-A 2.8 */
#define SMC_UNKNOWN		UINT64_C(0xffffffffffffffff)
#define SIP_UNKNOWN_FAST	0xC200FF42U
#define STD_UNKNOWN_FAST	0x8400FF42U	/* no such PSCI/standard call */
/* The SiP calls the normal world has: count, UID, revision, null, scheduler. */
#define SIP_NUM_CALLS		5U
#define NPLAN			10

static int call1(uint32_t fn, uint64_t a[4])
{
	uint64_t x = fn;
	int ret = smc_call(&x, 1, a);

	if (ret)
		tap_diag("SMC 0x%08x through the test module failed: %s", fn, strerror(-ret));
	else
		tap_diag("SMC 0x%08x -> %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64,
			 fn, a[0], a[1], a[2], a[3]);
	return ret;
}

int main(void)
{
	uint64_t a[4];
	int ret;

	tap_plan(NPLAN);
	ret = smc_open();
	if (ret == -ENODEV) {
		for (int i = 0; i < NPLAN; i++)
			tap_skip("no secure world (PSCI conduit is not smc)", "raw SMC");
		return tap_exit();
	}
	if (ret) {
		tap_diag("tzcom_smctest unavailable: %s", strerror(-ret));
		for (int i = 0; i < NPLAN; i++)
			tap_ok(0, "raw SMC access (tzcom_smctest)");
		return tap_exit();
	}

	tap_ok(call1(TZ_SMCCC_VERSION, a) == 0 && a[0] >= TZ_SMCCC_VERSION_1_1 &&
	       a[0] != SMC_UNKNOWN, "SMCCC_VERSION is at least 1.1");

	tap_ok(call1(PSCI_VERSION, a) == 0 && a[0] == PSCI_1_1,
	       "PSCI_VERSION is 1.1 (TF-A's BL31)");

	tap_ok(call1(TZ_SIP_UID, a) == 0 &&
	       (uint32_t)a[0] == TZ_SIP_UID_W0 && (uint32_t)a[1] == TZ_SIP_UID_W1 &&
	       (uint32_t)a[2] == TZ_SIP_UID_W2 && (uint32_t)a[3] == TZ_SIP_UID_W3,
	       "SiP UID is the tzcom TZBSP UID");

	tap_ok(call1(TZ_SIP_REVISION, a) == 0 && a[0] == TZ_SIP_REVISION_MAJOR &&
	       a[1] == TZ_SIP_REVISION_MINOR, "SiP revision is %u.%u",
	       TZ_SIP_REVISION_MAJOR, TZ_SIP_REVISION_MINOR);

	tap_ok(call1(TZ_SIP_CALL_COUNT, a) == 0 && a[0] == SIP_NUM_CALLS,
	       "SiP call count is %u", SIP_NUM_CALLS);

	tap_ok(call1(TZ_SIP_NULL, a) == 0 && a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0,
	       "null S-EL1 fast call 0x%08x answers 0, x1..x3 zero", TZ_SIP_NULL);

	tap_ok(call1(TZ_TOS_CALL_DONE, a) == 0 && a[0] == SMC_UNKNOWN,
	       "TZBSP's CALL_DONE 0x%08x from the normal world returns -1", TZ_TOS_CALL_DONE);

	tap_ok(call1(TZ_TOS_ENTRY_DONE, a) == 0 && a[0] == SMC_UNKNOWN,
	       "TZBSP's ENTRY_DONE 0x%08x from the normal world returns -1", TZ_TOS_ENTRY_DONE);

	tap_ok(call1(SIP_UNKNOWN_FAST, a) == 0 && a[0] == SMC_UNKNOWN,
	       "unknown SiP fast call 0x%08x returns -1", SIP_UNKNOWN_FAST);

	tap_ok(call1(STD_UNKNOWN_FAST, a) == 0 && a[0] == SMC_UNKNOWN,
	       "unknown standard fast call 0x%08x returns -1", STD_UNKNOWN_FAST);

	return tap_exit();
}
