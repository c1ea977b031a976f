// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the driver's callback answer (tzcom_callback_rsp and
 * its data) read by PENDING.  Input byte 0 picks the command that waits
 * (FORWARD or a CHAIN); the rest is written at sb_out + 0.
 */
#include "fuzz_common.h"

#define CB_ID	0x80000001U

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t cmd[24];
	uint32_t cmd_len, resp_len;
	struct tzcom_response r;
	size_t n;

	if (size < 1)
		return 0;
	fuzz_setup();
	if (data[0] & 1) {
		nw_put_u32(cmd, TZ_TEST_FORWARD);
		nw_put_u32(cmd + 4, CB_ID);
		memcpy(cmd + 8, "ping", 4);
		cmd_len = 12;
	} else {
		nw_put_u32(cmd, TZ_TEST_CHAIN);
		nw_put_u32(cmd + 4, 2);
		nw_put_u32(cmd + 8, CB_ID);
		nw_put_u32(cmd + 12, 4);
		nw_put_u32(cmd + 16, CB_ID + 1);
		nw_put_u32(cmd + 20, 4);
		cmd_len = 24;
	}
	/* Bit 1 shrinks the service's answer buffer to 6 bytes. */
	resp_len = (data[0] & 2) ? 8 + 4 + 6 : 256;
	if (nw_new(cmd, cmd_len, resp_len) ||
	    nw_response().cmd_status != TZ_SCHED_STATUS_INCOMPLETE)
		abort();

	n = size - 1;
	if (n > TZCOM_SB_LEN)
		n = TZCOM_SB_LEN;
	memcpy(nw_ptr(NW_SB_OUT_PA), data + 1, n);
	if (nw_pending())
		abort();
	r = nw_response();
	if (r.cmd_status == TZ_SCHED_STATUS_COMPLETE) {
		int32_t st, hlos;

		if (r.sb_in_rsp_addr != NW_SB_IN_PA + cmd_len ||
		    r.sb_in_rsp_len < 8 || r.sb_in_rsp_len > resp_len)
			abort();
		st = (int32_t)nw_get_u32(nw_ptr(r.sb_in_rsp_addr + 4));
		if (data[0] & 1) {
			/* FORWARD: service status 0, hlos status <= 0 */
			if (st != 0 || r.sb_in_rsp_len < 12)
				abort();
			hlos = (int32_t)nw_get_u32(nw_ptr(r.sb_in_rsp_addr + 8));
			if (hlos > 0 || (hlos < 0 && r.sb_in_rsp_len != 12))
				abort();
		} else if (st > 0) {
			abort();
		}
	} else if (r.cmd_status != TZ_SCHED_STATUS_INCOMPLETE) {
		abort();
	}
	fuzz_drain();
	return 0;
}
