// SPDX-License-Identifier: BSD-3-Clause
/*
 * Scheduler core, trusted service 0 (docs/protocol.md): shared-buffer setup,
 * GET_INFO, RELEASE_SB, SET_TRACE and SESSION_OPEN/CLOSE.  It runs through the same NEW path
 * as every other service and never calls back into the normal world.
 */
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>
#include <tzbsp/sched_core.h>
#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

#include "log_ring.h"

#define TZ_CORE_VERSION_MAJOR	1
#define TZ_CORE_VERSION_MINOR	0

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/* INIT_SB_OUT / INIT_SB_LOG: the status goes in tz_pr_init_sb_rsp_s.ret. */
static int core_init_sb(uint32_t cmd_id, const uint8_t *req, size_t req_len)
{
	struct tz_pr_init_sb_req_s r;
	uint64_t other_pa;
	uint32_t other_len;
	bool other;

	if (req_len != sizeof(r))
		return -TZ_EINVAL;
	memcpy(&r, req, sizeof(r));
	if (r.sb_len < TZ_SB_MIN_LEN || r.sb_len > TZ_SB_MAX_LEN ||
	    !ns_range_valid(r.sb_ptr, r.sb_len))
		return -TZ_EINVAL;

	/* sb_out and sb_log must not overlap, or the log eats callbacks. */
	if (cmd_id == TZ_CORE_INIT_SB_OUT)
		other = log_ring_get(&other_pa, &other_len);
	else
		other = tzsched_get_sb_out(&other_pa, &other_len);
	if (other && overlaps(r.sb_ptr, r.sb_len, other_pa, other_len))
		return -TZ_EINVAL;

	if (cmd_id == TZ_CORE_INIT_SB_OUT)
		tzsched_set_sb_out(r.sb_ptr, r.sb_len);
	else {
		log_ring_init(r.sb_ptr, r.sb_len);
		/* Per-command lines are off by default: say so where `tzcom log` looks. */
		tz_log("core: TZ log ring ready, %u bytes; per-command lines need SET_TRACE",
		       r.sb_len);
	}
	return 0;
}

static int core_get_info(uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tzcom_core_info info;
	struct tzsched_stats st;
	uint64_t base, size, pa;
	uint32_t len;

	if (rsp_cap < sizeof(info))
		return -TZ_EMSGSIZE;
	tzsched_get_stats(&st);
	ns_mem_get_dram(&base, &size);
	memset(&info, 0, sizeof(info));
	info.version_major = TZ_CORE_VERSION_MAJOR;
	info.version_minor = TZ_CORE_VERSION_MINOR;
	info.services = st.services;
	info.commands_done = st.commands_done;
	info.callbacks_done = st.callbacks_done;
	info.sb_out_ready = st.sb_out_ready;
	info.threads = st.threads;
	info.sb_log_ready = log_ring_get(&pa, &len);
	info.ns_dram_base_lo = (uint32_t)base;
	info.ns_dram_base_hi = (uint32_t)(base >> 32);
	info.ns_dram_size_lo = (uint32_t)size;
	info.ns_dram_size_hi = (uint32_t)(size >> 32);
	memcpy(rsp, &info, sizeof(info));
	*rsp_len = sizeof(info);
	return 0;
}

/* SET_TRACE {u32 id, u32 level}: how much the scheduler logs per command. */
static int core_set_trace(const uint8_t *req, size_t req_len)
{
	uint32_t level;

	if (req_len != 2 * sizeof(uint32_t))
		return -TZ_EINVAL;
	memcpy(&level, req + sizeof(uint32_t), sizeof(level));
	if (level > TZ_TRACE_UART)
		return -TZ_EINVAL;
	tzsched_set_trace(level);
	tz_log("core: per-command trace level %u", level);
	return 0;
}

/* SESSION_OPEN {u32 id, u32 svc} -> {u32 session}; CLOSE {u32 id, u32 session}. */
static int core_session(uint32_t cmd_id, const uint8_t *req, size_t req_len,
			uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	uint32_t arg, session;
	int ret;

	if (req_len != 2 * sizeof(uint32_t))
		return -TZ_EINVAL;
	memcpy(&arg, req + sizeof(uint32_t), sizeof(arg));
	if (cmd_id == TZ_CORE_SESSION_CLOSE)
		return tzsched_session_close(arg);
	if (rsp_cap < sizeof(session))
		return -TZ_EMSGSIZE;
	ret = tzsched_session_open(arg, &session);
	if (ret)
		return ret;
	memcpy(rsp, &session, sizeof(session));
	*rsp_len = sizeof(session);
	return 0;
}

static int core_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	*rsp_len = 0;
	switch (cmd_id) {
	case TZ_CORE_INIT_SB_OUT:
	case TZ_CORE_INIT_SB_LOG:
		return core_init_sb(cmd_id, req, req_len);
	case TZ_CORE_GET_INFO:
		return core_get_info(rsp, rsp_cap, rsp_len);
	case TZ_CORE_SET_TRACE:
		return core_set_trace(req, req_len);
	case TZ_CORE_SESSION_OPEN:
	case TZ_CORE_SESSION_CLOSE:
		return core_session(cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_CORE_RELEASE_SB:
		log_ring_release();
		tzsched_release_sb_out();
		return 0;
	default:
		return -TZ_ENOSYS;
	}
}

TZ_SERVICE(tz_core_service) = {
	.id = TZ_SVC_CORE,
	.name = "core",
	.init = NULL,
	.handle = core_handle,
};
