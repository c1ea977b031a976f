// SPDX-License-Identifier: BSD-3-Clause
/*
 * board-smc: the secure world answers the probe calls (docs/protocol.md,
 * section 0 "Probe and start-up") and
 * the PSCI version call, as the normal world sees them through raw SMCs.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <string.h>

#include <tzcom/tzsched.h>

#include "smccall.h"
#include "tap.h"

#define PSCI_VERSION		0x84000000U
#define PSCI_1_0		0x10000U
#define SMC_UNKNOWN		UINT64_C(0xffffffffffffffff)
#define SIP_UNKNOWN_FAST	0xC200FF42U
#define STD_UNKNOWN_FAST	0x8400FF42U	/* no such PSCI/standard call */

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

	tap_plan(7);
	ret = smc_open();
	if (ret == -ENODEV) {
		for (int i = 0; i < 7; i++)
			tap_skip("no secure world (PSCI conduit is not smc)", "raw SMC");
		return tap_exit();
	}
	if (ret) {
		tap_diag("tzcom_smctest unavailable: %s", strerror(-ret));
		for (int i = 0; i < 7; i++)
			tap_ok(0, "raw SMC access (tzcom_smctest)");
		return tap_exit();
	}

	tap_ok(call1(TZ_SMCCC_VERSION, a) == 0 && a[0] >= TZ_SMCCC_VERSION_1_1 &&
	       a[0] != SMC_UNKNOWN, "SMCCC_VERSION is at least 1.1");

	tap_ok(call1(PSCI_VERSION, a) == 0 && a[0] == PSCI_1_0, "PSCI_VERSION is 1.0");

	tap_ok(call1(TZ_SIP_UID, a) == 0 &&
	       (uint32_t)a[0] == TZ_SIP_UID_W0 && (uint32_t)a[1] == TZ_SIP_UID_W1 &&
	       (uint32_t)a[2] == TZ_SIP_UID_W2 && (uint32_t)a[3] == TZ_SIP_UID_W3,
	       "SiP UID is the tzcom TZBSP UID");

	tap_ok(call1(TZ_SIP_REVISION, a) == 0 && a[0] == TZ_SIP_REVISION_MAJOR &&
	       a[1] == TZ_SIP_REVISION_MINOR, "SiP revision is %u.%u",
	       TZ_SIP_REVISION_MAJOR, TZ_SIP_REVISION_MINOR);

	tap_ok(call1(TZ_SIP_CALL_COUNT, a) == 0 && a[0] != SMC_UNKNOWN && a[0] > 0,
	       "SiP call count is answered");

	tap_ok(call1(SIP_UNKNOWN_FAST, a) == 0 && a[0] == SMC_UNKNOWN,
	       "unknown SiP fast call 0x%08x returns -1", SIP_UNKNOWN_FAST);

	tap_ok(call1(STD_UNKNOWN_FAST, a) == 0 && a[0] == SMC_UNKNOWN,
	       "unknown standard fast call 0x%08x returns -1", STD_UNKNOWN_FAST);

	return tap_exit();
}
