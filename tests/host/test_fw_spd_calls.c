// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPD's routing table (secure/spd/tzbspd/tzbspd_calls.c), the part
 * of SMC dispatch that is ours since TF-A's BL31 took the rest: which
 * normal-world SiP ids exist, where each goes, and that everything else
 * (SMC32 twins, ids with must-be-zero bits, other commands of our
 * services, the Trusted OS's own DONE ids) is unknown.  The world check
 * and the register contract are TF-A's and tzbspd_main.c's; the board
 * test board-smc checks those end to end.
 */
#include <stddef.h>
#include <stdint.h>

#include <tzcom/tzsched.h>

#include "../../secure/spd/tzbspd/tzbspd_calls.h"
#include "tap.h"

static void known(uint32_t fid, enum tzbspd_route route, const char *what)
{
	const struct tzbspd_call *c = tzbspd_find_call(fid);

	OK(c != NULL && c->fid == fid && c->route == route, "%s (%#x) is routed %s", what, fid,
	   route == TZBSPD_AT_EL3 ? "at EL3" :
	   route == TZBSPD_TO_TOS_FAST ? "to TZBSP's fast entry" : "to TZBSP's yielding entry");
}

int main(void)
{
	static const uint32_t unknown[] = {
		0xC200FF02,	/* SiP: unimplemented general query */
		0xC200FF42,
		0x8200FF00,	/* the probe calls as SMC32 */
		0x8200FF01,
		0x8200FF03,
		0xC2FFFF01,	/* SiP UID with must-be-zero bits set */
		0x0200FC01,	/* scheduler call as SMC32 */
		0x4200FC02,	/* scheduler service, other command */
		0x4200FC00,	/* the null call's number as a yielding call */
		0x8200FC00,	/* the null call as SMC32 */
		0x4200FD01,	/* another Qualcomm service */
		0xC300FF01,	/* OEM owner */
		0x80000000,	/* SMCCC_VERSION: TF-A's, not ours */
		0x84000000,	/* PSCI_VERSION: TF-A's */
		0x00000000,
		0xFFFFFFFF,
	};
	static const uint32_t tos_ids[] = {
		TZ_TOS_ENTRY_DONE, TZ_TOS_ON_DONE, TZ_TOS_OFF_DONE, TZ_TOS_SUSPEND_DONE,
		TZ_TOS_RESUME_DONE, TZ_TOS_CALL_DONE, TZ_TOS_SYSTEM_OFF_DONE,
		TZ_TOS_SYSTEM_RESET_DONE,
	};

	known(TZ_SIP_CALL_COUNT, TZBSPD_AT_EL3, "SiP call count");
	known(TZ_SIP_UID, TZBSPD_AT_EL3, "SiP UID");
	known(TZ_SIP_REVISION, TZBSPD_AT_EL3, "SiP revision");
	known(TZ_SIP_NULL, TZBSPD_TO_TOS_FAST, "the null call");
	known(TZ_SMC_SCHED_CALL, TZBSPD_TO_TOS_STD, "the scheduler call");
	IS(tzbspd_num_calls(), 5, "the call count is the table's size: 5 calls");

	for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		OK(tzbspd_find_call(unknown[i]) == NULL, "%#x is unknown to the normal world",
		   unknown[i]);
	for (size_t i = 0; i < sizeof(tos_ids) / sizeof(tos_ids[0]); i++)
		OK(tzbspd_find_call(tos_ids[i]) == NULL,
		   "TZBSP's DONE id %#x is not a normal-world call", tos_ids[i]);
	return tap_done();
}
