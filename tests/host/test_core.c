// SPDX-License-Identifier: BSD-3-Clause
/*
 * Scheduler core service (service 0): INIT_SB_OUT / INIT_SB_LOG
 * validation, the TZ log ring, SET_TRACE, GET_INFO and RELEASE_SB.
 */
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "tap.h"

static struct nw_result res;

static int32_t init_sb(uint32_t id, uint64_t pa, uint32_t len)
{
	const struct tz_pr_init_sb_req_s r = {
		.pr_cmd = id,
		.sb_ptr = (uint32_t)pa,
		.sb_len = len,
	};

	nw_call(&r, sizeof(r), sizeof(struct tz_pr_init_sb_rsp_s), NULL, NULL, &res);
	if (res.x0 || res.malformed || res.cmd_id != id || res.len != 0)
		return 1000;
	return res.status;
}

static struct tzcom_core_info get_info(void)
{
	struct tzcom_core_info info;

	memset(&info, 0xee, sizeof(info));
	nw_call_id(TZ_CORE_GET_INFO, NULL, 0, NULL, NULL, &res);
	if (res.status == 0 && res.len == sizeof(info))
		memcpy(&info, res.data, sizeof(info));
	return info;
}

static struct tzcom_log_ring ring_hdr(uint64_t pa)
{
	struct tzcom_log_ring h;

	memcpy(&h, nw_ptr(pa), sizeof(h));
	return h;
}

/* The last n bytes of the ring at pa, oldest first. */
static void ring_tail(uint64_t pa, char *out, uint32_t n)
{
	struct tzcom_log_ring h = ring_hdr(pa);
	const char *data = (const char *)nw_ptr(pa) + sizeof(h);

	for (uint32_t i = 0; i < n; i++)
		out[i] = data[(h.head - n + i) % h.size];
	out[n] = '\0';
}

static void test_init_validation(void)
{
	static const uint32_t ids[] = { TZ_CORE_INIT_SB_OUT, TZ_CORE_INIT_SB_LOG };
	const uint64_t end = HOST_DRAM_BASE + HOST_DRAM_SIZE;

	for (int k = 0; k < 2; k++) {
		uint32_t id = ids[k];
		const char *n = k ? "INIT_SB_LOG" : "INIT_SB_OUT";
		uint64_t other = k ? NW_SB_OUT_PA : NW_SB_LOG_PA;
		uint64_t mine = k ? NW_SB_LOG_PA : NW_SB_OUT_PA;
		struct tz_pr_init_sb_req_s r = { id, (uint32_t)mine, TZCOM_SB_LEN };
		uint8_t big[16];

		IS(init_sb(id, mine, 4095), -TZ_EINVAL, "%s 4095 bytes", n);
		IS(init_sb(id, mine, 0), -TZ_EINVAL, "%s 0 bytes", n);
		IS(init_sb(id, NW_FREE_PA, 65537), -TZ_EINVAL, "%s 65537 bytes", n);
		IS(init_sb(id, NW_FREE_PA, 0xffffffffU), -TZ_EINVAL, "%s 2^32-1 bytes", n);
		IS(init_sb(id, 0x0e000000, TZCOM_SB_LEN), -TZ_EINVAL,
		   "%s in secure RAM", n);
		IS(init_sb(id, 0x0, TZCOM_SB_LEN), -TZ_EINVAL, "%s in secure flash", n);
		IS(init_sb(id, end - 4096, 8192), -TZ_EINVAL, "%s past DRAM end", n);
		IS(init_sb(id, 0xfffff000U, 8192), -TZ_EINVAL, "%s wrapping 2^32", n);
		IS(init_sb(id, other + 100, TZCOM_SB_LEN), -TZ_EINVAL,
		   "%s overlapping the other buffer", n);
		IS(init_sb(id, other - 4096, 4097), -TZ_EINVAL,
		   "%s overlapping the other buffer's first byte", n);

		nw_call(&r, 8, 8, NULL, NULL, &res);
		IS(res.status, -TZ_EINVAL, "%s payload of 8 bytes", n);
		memcpy(big, &r, sizeof(r));
		nw_call(big, sizeof(big), 8, NULL, NULL, &res);
		IS(res.status, -TZ_EINVAL, "%s payload of 16 bytes", n);

		IS(init_sb(id, NW_FREE_PA, 4096), 0, "%s 4096 bytes", n);
		IS(init_sb(id, NW_FREE_PA, 65536), 0, "%s 65536 bytes", n);
		IS(init_sb(id, mine, TZCOM_SB_LEN), 0, "%s back to the real buffer", n);
	}
	/* The response is exactly tz_pr_init_sb_rsp_s. */
	init_sb(TZ_CORE_INIT_SB_OUT, NW_SB_OUT_PA, TZCOM_SB_LEN);
	OK(nw_response().sb_in_rsp_len == sizeof(struct tz_pr_init_sb_rsp_s),
	   "INIT response is tz_pr_init_sb_rsp_s");
}

static int32_t set_trace(uint32_t level)
{
	uint8_t cmd[8];

	nw_put_u32(cmd, TZ_CORE_SET_TRACE);
	nw_put_u32(cmd + 4, level);
	nw_call(cmd, sizeof(cmd), 64, NULL, NULL, &res);
	if (res.x0 || res.malformed || res.cmd_id != TZ_CORE_SET_TRACE || res.len != 0)
		return 1000;
	return res.status;
}

static void test_log_ring(void)
{
	struct tzcom_log_ring h;
	static const char last[] =
		"[tzbsp] sched: COMPLETE cmd 0x00010001 status 0 len 9\n";
	char tail[256];
	uint32_t head0;

	IS(init_sb(TZ_CORE_INIT_SB_LOG, NW_SB_LOG_PA, TZCOM_SB_LEN), 0, "INIT_SB_LOG");
	h = ring_hdr(NW_SB_LOG_PA);
	OK(h.magic == TZCOM_LOG_MAGIC && h.size == TZCOM_SB_LEN - 16,
	   "ring header: magic and size");
	/* The ring starts with the INIT line, so `tzcom log` is never empty. */
	ring_tail(NW_SB_LOG_PA, tail, h.head);
	OK(h.head > 0 && !strcmp(tail, "[tzbsp] core: TZ log ring ready, 20480 bytes; "
				   "per-command lines need SET_TRACE\n"),
	   "INIT_SB_LOG's line is the ring's first");
	/* The default trace level is OFF: no per-command line anywhere. */
	head0 = h.head;
	host_log_clear();
	nw_call_id(TZ_TEST_ECHO, "x", 1, NULL, NULL, &res);
	OK(res.status == 0 && ring_hdr(NW_SB_LOG_PA).head == head0 &&
	   !host_log_has("sched: NEW") && !host_log_has("sched: COMPLETE"),
	   "default trace level OFF: an ECHO logs nothing, ring or UART");

	IS(set_trace(TZ_TRACE_RING), 0, "SET_TRACE RING");
	IS(init_sb(TZ_CORE_INIT_SB_LOG, NW_SB_LOG_PA, TZCOM_SB_LEN), 0,
	   "INIT_SB_LOG again, traced");
	h = ring_hdr(NW_SB_LOG_PA);
	/* The COMPLETE of the INIT itself is already in the ring. */
	ring_tail(NW_SB_LOG_PA, tail, 48);
	OK(h.head > 0 && strstr(tail, "sched: COMPLETE cmd 0x00000002 status 0"),
	   "INIT_SB_LOG's own COMPLETE line is in the ring");

	head0 = h.head;
	host_log_clear();
	nw_call_id(TZ_TEST_ECHO, "x", 1, NULL, NULL, &res);
	h = ring_hdr(NW_SB_LOG_PA);
	ring_tail(NW_SB_LOG_PA, tail, h.head - head0);
	OK(strstr(tail, "[tzbsp] sched: NEW cmd 0x00010001 len 5\n") &&
	   strstr(tail, "[tzbsp] sched: COMPLETE cmd 0x00010001 status 0 len 9\n"),
	   "an ECHO logs NEW and COMPLETE into the ring");
	OK(!host_log_has("sched: NEW") && !host_log_has("sched: COMPLETE"),
	   "RING: per-command lines stay off the UART");

	/* The normal world scribbling on the header does not move our head. */
	((struct tzcom_log_ring *)nw_ptr(NW_SB_LOG_PA))->head = 0xfffffff0U;
	((struct tzcom_log_ring *)nw_ptr(NW_SB_LOG_PA))->size = 7;
	head0 = h.head;
	nw_call_id(TZ_TEST_ECHO, "x", 1, NULL, NULL, &res);
	h = ring_hdr(NW_SB_LOG_PA);
	OK(h.head > head0 && h.head < head0 + 200,
	   "head is kept in secure memory, not read back");

	/* Wrap the ring several times; the tail stays a clean log line. */
	for (int i = 0; i < 1000; i++)
		nw_call_id(TZ_TEST_ECHO, "x", 1, NULL, NULL, &res);
	h = ring_hdr(NW_SB_LOG_PA);
	ring_tail(NW_SB_LOG_PA, tail, (uint32_t)strlen(last));
	OK(h.head > 2 * (TZCOM_SB_LEN - 16u), "ring wrapped");
	if (!OK(!strcmp(tail, last), "latest line at the head after wrapping"))
		tap_diag("tail: [%s]", tail);
	OK(((uint8_t *)nw_ptr(NW_SB_LOG_PA))[TZCOM_SB_LEN] == 0 ||
	   NW_SB_LOG_PA + TZCOM_SB_LEN >= NW_FREE_PA, "nothing written past sb_log");

	/* Re-INIT elsewhere: the old ring stops changing. */
	IS(init_sb(TZ_CORE_INIT_SB_LOG, NW_FREE_PA, 8192), 0, "re-INIT_SB_LOG elsewhere");
	head0 = ring_hdr(NW_SB_LOG_PA).head;
	nw_call_id(TZ_TEST_ECHO, "x", 1, NULL, NULL, &res);
	OK(ring_hdr(NW_SB_LOG_PA).head == head0, "old ring untouched after re-INIT");
	h = ring_hdr(NW_FREE_PA);
	OK(h.magic == TZCOM_LOG_MAGIC && h.size == 8192 - 16 && h.head > 0,
	   "new ring in use");
	IS(init_sb(TZ_CORE_INIT_SB_LOG, NW_SB_LOG_PA, TZCOM_SB_LEN), 0,
	   "INIT_SB_LOG back");
}

/* Ring bytes and UART lines one ECHO adds at the current trace level. */
static void echo_trace(uint32_t *ring_bytes, bool *uart)
{
	uint32_t head0 = ring_hdr(NW_SB_LOG_PA).head;

	host_log_clear();
	nw_call_id(TZ_TEST_ECHO, "x", 1, NULL, NULL, &res);
	*ring_bytes = ring_hdr(NW_SB_LOG_PA).head - head0;
	*uart = host_log_has("[tzbsp] sched: NEW cmd 0x00010001 len 5\n") &&
		host_log_has("[tzbsp] sched: COMPLETE cmd 0x00010001 status 0 len 9\n");
}

static void test_set_trace(void)
{
	uint8_t cmd[12];
	uint32_t ring;
	bool uart;
	char tail[128];

	/* Validation: exactly {id, level}, level <= TZ_TRACE_UART. */
	IS(set_trace(TZ_TRACE_UART + 1), -TZ_EINVAL, "SET_TRACE level 3: -EINVAL");
	IS(set_trace(0xffffffffU), -TZ_EINVAL, "SET_TRACE level 2^32-1: -EINVAL");
	nw_put_u32(cmd, TZ_CORE_SET_TRACE);
	nw_put_u32(cmd + 4, TZ_TRACE_OFF);
	nw_put_u32(cmd + 8, 0);
	nw_call(cmd, 4, 64, NULL, NULL, &res);
	IS(res.status, -TZ_EINVAL, "SET_TRACE without a level: -EINVAL");
	nw_call(cmd, 12, 64, NULL, NULL, &res);
	IS(res.status, -TZ_EINVAL, "SET_TRACE with 12 bytes: -EINVAL");
	echo_trace(&ring, &uart);
	OK(ring > 0 && !uart, "a refused SET_TRACE leaves the level as it was");

	host_log_clear();
	IS(set_trace(TZ_TRACE_OFF), 0, "SET_TRACE OFF");
	OK(host_log_has("[tzbsp] core: per-command trace level 0\n"),
	   "SET_TRACE logs the new level (UART and ring)");
	OK(nw_response().sb_in_rsp_len == sizeof(struct tzcom_svc_rsp_hdr),
	   "SET_TRACE response is the bare tzcom_svc_rsp_hdr");
	echo_trace(&ring, &uart);
	OK(res.status == 0 && ring == 0 && !uart, "OFF: no per-command line anywhere");
	ring = ring_hdr(NW_SB_LOG_PA).head;
	nw_call_id(TZ_CMD_ID(30, 1), NULL, 0, NULL, NULL, &res);
	OK(res.status == -TZ_ENOSYS && ring_hdr(NW_SB_LOG_PA).head == ring,
	   "OFF: an unknown service still answers -ENOSYS, untraced");

	IS(set_trace(TZ_TRACE_RING), 0, "SET_TRACE RING");
	echo_trace(&ring, &uart);
	ring_tail(NW_SB_LOG_PA, tail, ring < sizeof(tail) - 1 ? ring : sizeof(tail) - 1);
	OK(ring > 0 && !uart && strstr(tail, "sched: NEW cmd 0x00010001 len 5\n") &&
	   strstr(tail, "sched: COMPLETE cmd 0x00010001 status 0 len 9\n"),
	   "RING: NEW and COMPLETE in the ring, not on the UART");

	IS(set_trace(TZ_TRACE_UART), 0, "SET_TRACE UART");
	echo_trace(&ring, &uart);
	OK(ring > 0 && uart, "UART: NEW and COMPLETE in the ring and on the UART");

	IS(set_trace(TZ_TRACE_RING), 0, "back to RING for the release test");
}

static void test_info_release(void)
{
	struct tzcom_core_info info;
	uint8_t cmd[12];
	uint32_t head;

	info = get_info();
	OK(res.status == 0 && res.len == sizeof(info), "GET_INFO");
	OK(info.version_major == 1 && info.version_minor == 0, "version 1.0");
	OK(info.services == 0x80000003U, "services bitmap (core, test, probe)");
	OK(info.sb_out_ready == 1 && info.sb_log_ready == 1, "buffers ready");
	OK(info.ns_dram_base_lo == (uint32_t)HOST_DRAM_BASE &&
	   info.ns_dram_base_hi == 0 && info.ns_dram_size_lo == HOST_DRAM_SIZE &&
	   info.ns_dram_size_hi == 0, "NS DRAM window");
	OK(info.commands_done > 0 && info.threads >= 1, "counters, threads reported");

	nw_put_u32(cmd, TZ_CORE_GET_INFO);
	nw_call(cmd, 4, 8 + sizeof(info) - 1, NULL, NULL, &res);
	OK(res.status == -TZ_EMSGSIZE && res.len == 0,
	   "GET_INFO with a short response area: -EMSGSIZE");
	nw_call_id(TZ_CMD_ID(TZ_SVC_CORE, 77), NULL, 0, NULL, NULL, &res);
	IS(res.status, -TZ_ENOSYS, "unknown core command: -ENOSYS");

	nw_call_id(TZ_CORE_RELEASE_SB, NULL, 0, NULL, NULL, &res);
	IS(res.status, 0, "RELEASE_SB");
	head = ring_hdr(NW_SB_LOG_PA).head;
	info = get_info();
	OK(info.sb_out_ready == 0 && info.sb_log_ready == 0, "nothing ready after release");
	OK(ring_hdr(NW_SB_LOG_PA).head == head, "the ring is no longer written");

	memset(nw_ptr(NW_SB_OUT_PA), 0x77, 16);
	nw_put_u32(cmd, TZ_TEST_FORWARD);
	nw_put_u32(cmd + 4, 0x80000001U);
	nw_put_u32(cmd + 8, 0);
	nw_call(cmd, sizeof(cmd), 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && res.callbacks == 0 &&
	   (int32_t)nw_get_u32(res.data) == -TZ_EIO,
	   "tz_hlos_call without sb_out: -EIO, no callback");
	OK(nw_get_u32(nw_ptr(NW_SB_OUT_PA)) == 0x77777777U, "sb_out untouched");

	/* A released sb_out may be re-initialised. */
	IS(init_sb(TZ_CORE_INIT_SB_OUT, NW_SB_OUT_PA, TZCOM_SB_LEN), 0,
	   "INIT_SB_OUT after release");
	nw_call(cmd, sizeof(cmd), 64, nw_listener_xor, NULL, &res);
	OK(res.status == 0 && res.callbacks == 1 && nw_get_u32(res.data) == 0,
	   "callbacks work again");
	info = get_info();
	OK(info.sb_out_ready == 1 && info.sb_log_ready == 0, "only sb_out ready");
}

static void test_small_sb_out(void)
{
	uint8_t cmd[12];

	/* With a 4 KiB sb_out the callback limit follows it. */
	IS(init_sb(TZ_CORE_INIT_SB_OUT, NW_FREE_PA, 4096), 0, "4 KiB sb_out");
	nw_put_u32(cmd, TZ_CMD_ID(31, 3));	/* probe BIGCB */
	nw_put_u32(cmd + 4, 0x80000001U);
	nw_put_u32(cmd + 8, 4096 - 12 + 1);
	nw_call(cmd, sizeof(cmd), 64, NULL, NULL, &res);
	OK(res.status == 0 && res.callbacks == 0 &&
	   (int32_t)nw_get_u32(res.data) == -TZ_EMSGSIZE,
	   "callback larger than sb_out: -EMSGSIZE");
	IS(init_sb(TZ_CORE_INIT_SB_OUT, NW_SB_OUT_PA, TZCOM_SB_LEN), 0,
	   "sb_out back");
}

int main(void)
{
	nw_boot();
	test_init_validation();
	test_log_ring();
	test_set_trace();
	test_info_release();
	test_small_sb_out();
	return tap_done();
}
