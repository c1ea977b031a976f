// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the core service's requests (INIT_SB_OUT,
 * INIT_SB_LOG, GET_INFO, RELEASE_SB, SET_TRACE and unknown ones).
 * Input: byte 0 picks the core command (0..7), byte 1 the offered
 * response length, the rest follows the command id in sb_in.  The
 * harness puts the shared buffers back afterwards.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t cmd[TZCOM_SB_LEN];
	uint32_t len, resp_len;
	int64_t x0;

	if (size < 2)
		return 0;
	fuzz_setup();
	nw_put_u32(cmd, TZ_CMD_ID(TZ_SVC_CORE, data[0] & 7));
	len = (uint32_t)(size - 2);
	if (len > 1024)
		len = 1024;
	memcpy(cmd + 4, data + 2, len);
	resp_len = 8 + data[1];
	x0 = nw_new(cmd, 4 + len, resp_len);
	if (x0)
		abort();
	/* Core commands never call back: the answer is COMPLETE at once,
	 * unless the new sb_log was put over the response struct. */
	fuzz_drain();
	return 0;
}
