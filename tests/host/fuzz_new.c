// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the NEW request.  Input: tzcom_command (12 bytes, at
 * x2), tzcom_response offer (12 bytes, at x4), then the bytes of sb_in.
 * Checks that whatever the secure world answers stays inside what the
 * normal world offered.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tzcom_command cmd;
	struct tzcom_response offer, r;
	size_t n;
	int64_t x0;

	if (size < 24)
		return 0;
	fuzz_setup();
	memcpy(&cmd, data, sizeof(cmd));
	memcpy(&offer, data + 12, sizeof(offer));
	n = size - 24;
	if (n > TZCOM_SB_LEN)
		n = TZCOM_SB_LEN;
	memset(nw_ptr(NW_SB_IN_PA), 0, TZCOM_SB_LEN);
	memcpy(nw_ptr(NW_SB_IN_PA), data + 24, n);
	memcpy(nw_ptr(NW_REQ_PA), &cmd, sizeof(cmd));
	memcpy(nw_ptr(NW_RSP_PA), &offer, sizeof(offer));

	x0 = nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, sizeof(cmd), NW_RSP_PA,
		    sizeof(offer));
	if (x0 == 0 && cmd.cmd_type == TZ_SCHED_CMD_NEW &&
	    TZ_CMD_SVC(nw_get_u32(nw_ptr(cmd.sb_in_cmd_addr))) != TZ_SVC_CORE) {
		r = nw_response();
		if (r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
		    (r.sb_in_rsp_addr != offer.sb_in_rsp_addr ||
		     r.sb_in_rsp_len < 8 || r.sb_in_rsp_len > offer.sb_in_rsp_len))
			abort();
		if (r.cmd_status > TZ_SCHED_STATUS_COMPLETE)
			abort();
	}
	/* The scheduler was idle: never busy, and PENDING or RESUME never resumes. */
	if (cmd.cmd_type == TZ_SCHED_CMD_PENDING || cmd.cmd_type == TZ_SCHED_CMD_RESUME ?
	    x0 != TZ_SMC_UNEXPECTED_RESUME : x0 != 0 && x0 != TZ_SMC_INVALID_PARAM)
		abort();
	fuzz_drain();
	return 0;
}
