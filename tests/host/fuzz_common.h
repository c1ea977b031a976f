/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by the libFuzzer targets: boot the scheduler once per process,
 * put the shared buffers back where the fake driver keeps them, and drain
 * whatever command an input left in flight, so every input starts from
 * IDLE.
 */
#ifndef TZ_HOST_FUZZ_COMMON_H
#define TZ_HOST_FUZZ_COMMON_H

#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "../../secure/apps/core/log_ring.h"

static void fuzz_init_sb(uint32_t id, uint64_t pa)
{
	const struct tz_pr_init_sb_req_s r = { id, (uint32_t)pa, TZCOM_SB_LEN };
	struct tzcom_response rsp;

	if (nw_new(&r, sizeof(r), 8))
		abort();
	rsp = nw_response();
	if (rsp.cmd_status != TZ_SCHED_STATUS_COMPLETE ||
	    nw_get_u32(nw_ptr(NW_SB_IN_PA + sizeof(r) + 4)) != 0)
		abort();
}

static void fuzz_setup(void)
{
	static int booted;

	if (!booted) {
		nw_boot();
		booted = 1;
	} else {
		/*
		 * An input may have put sb_log over the fake driver's
		 * structs; unhook it before the restoring commands log.
		 */
		log_ring_release();
		fuzz_init_sb(TZ_CORE_INIT_SB_OUT, NW_SB_OUT_PA);
		fuzz_init_sb(TZ_CORE_INIT_SB_LOG, NW_SB_LOG_PA);
	}
}

/* Answer callbacks like the driver until the scheduler is idle again. */
static void fuzz_drain(void)
{
	for (unsigned int i = 0; i < 4 * TZ_TEST_CHAIN_MAX; i++) {
		struct tzcom_callback cb = nw_callback();
		static uint8_t ans[TZCOM_CB_RSP_MAX_DATA];
		uint32_t len = 0;
		int64_t x0;

		if (cb.sb_out_cb_data_off >= TZCOM_CB_DATA_OFF &&
		    (uint64_t)cb.sb_out_cb_data_off + cb.sb_out_cb_data_len <=
		    TZCOM_SB_LEN && cb.sb_out_cb_data_len <= TZCOM_CB_RSP_MAX_DATA) {
			nw_listener_xor(NULL, cb.cmd_id,
					nw_ptr(NW_SB_OUT_PA + cb.sb_out_cb_data_off),
					cb.sb_out_cb_data_len, ans, &len);
			nw_answer(cb.cmd_id, 0, ans, len);
		} else {
			nw_answer(cb.cmd_id, -TZ_ECANCELED, NULL, 0);
		}
		x0 = nw_pending();
		if (x0 == TZ_SMC_UNEXPECTED_RESUME)
			return;
		if (x0)
			abort();	/* valid PENDING refused while waiting */
	}
	abort();		/* a command that never completes */
}

#endif
