// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test service (service 1): the vehicle for host, guest and benchmark
 * tests of the whole secure-call path.  Payloads are defined in
 * include/tzcom/tzsched.h and docs/protocol.md; tests recompute every
 * expected answer from those definitions on their own.
 */
#include <stdbool.h>
#include <string.h>
#ifdef TZBSP_HOST
#include <time.h>
#endif

#include <tzbsp/el0_abi.h>
#include <tzbsp/sched.h>
#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

#define HDR_LEN		sizeof(uint32_t)

/* What PEEK of the service's own data reads (TZ_EL0_TEST_PROBE_VA). */
static const char peek_probe[8] __attribute__((used, section(".data.probe"),
						aligned(8))) = TZ_EL0_TEST_PROBE;

/* SESSION_ADD's counter per session (zeroed by TZBSP on open and close). */
static TZ_SESSION_STATE(uint64_t, session_sum);

static uint32_t get_u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void put_u32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static int test_echo(const uint8_t *data, size_t n, uint8_t *rsp,
		     size_t rsp_cap, size_t *rsp_len)
{
	if (n > rsp_cap)
		return -TZ_EMSGSIZE;
	memcpy(rsp, data, n);
	*rsp_len = n;
	return 0;
}

static int test_transform(const uint8_t *data, size_t n, uint8_t *rsp,
			  size_t rsp_cap, size_t *rsp_len)
{
	if (n > rsp_cap)
		return -TZ_EMSGSIZE;
	for (size_t i = 0; i < n; i++)
		rsp[i] = data[n - 1 - i] ^ TZ_TEST_TRANSFORM_XOR;
	*rsp_len = n;
	return 0;
}

static int test_chain(const uint8_t *req, size_t req_len, uint8_t *rsp,
		      size_t rsp_cap, size_t *rsp_len)
{
	uint32_t count, hash = TZ_FNV1A32_INIT;
	uint8_t *chain_req, *chain_ans;
	size_t scratch_len;

	/* Other commands run while this one waits: per-command buffers. */
	chain_req = tz_thread_scratch(&scratch_len);
	if (!chain_req || scratch_len < 2 * TZCOM_CB_MAX_DATA)
		return -TZ_ENOMEM;
	chain_ans = chain_req + TZCOM_CB_MAX_DATA;
	if (req_len < 2 * HDR_LEN)
		return -TZ_EINVAL;
	count = get_u32(req + HDR_LEN);
	if (count > TZ_TEST_CHAIN_MAX || req_len != 2 * HDR_LEN + count * 8U)
		return -TZ_EINVAL;
	if (rsp_cap < 8)
		return -TZ_EMSGSIZE;

	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *e = req + 2 * HDR_LEN + i * 8U;
		uint32_t cb_id = get_u32(e), len = get_u32(e + 4);
		size_t got = 0;
		int ret;

		if (len > TZCOM_CB_MAX_DATA)
			return -TZ_EINVAL;
		for (uint32_t j = 0; j < len; j++)
			chain_req[j] = TZ_TEST_CHAIN_BYTE(i, j);
		ret = tz_hlos_call(cb_id, chain_req, len, chain_ans,
				   TZCOM_CB_MAX_DATA, &got);
		if (ret)
			return ret;
		if (got != len)
			return -TZ_EBADMSG;
		for (uint32_t j = 0; j < len; j++) {
			const uint8_t want = (uint8_t)(chain_req[j] ^
						       TZ_TEST_CHAIN_ANSWER_XOR);

			if (chain_ans[j] != want)
				return -TZ_EBADMSG;
			hash = (hash ^ chain_ans[j]) * TZ_FNV1A32_PRIME;
		}
	}
	put_u32(rsp, count);
	put_u32(rsp + 4, hash);
	*rsp_len = 8;
	return 0;
}

static int test_forward(const uint8_t *req, size_t req_len, uint8_t *rsp,
			size_t rsp_cap, size_t *rsp_len)
{
	size_t got = 0;
	int32_t hlos;

	if (req_len < 2 * HDR_LEN)
		return -TZ_EINVAL;
	if (rsp_cap < sizeof(hlos))
		return -TZ_EMSGSIZE;
	hlos = tz_hlos_call(get_u32(req + HDR_LEN), req + 2 * HDR_LEN,
			    req_len - 2 * HDR_LEN, rsp + sizeof(hlos),
			    rsp_cap - sizeof(hlos), &got);
	memcpy(rsp, &hlos, sizeof(hlos));
	*rsp_len = sizeof(hlos) + (hlos ? 0 : got);
	return 0;
}

/* The generic timer: S-EL1 may always read CNTPCT_EL0
 * and CNTFRQ_EL0, S-EL0 while TZBSP lets it (CNTKCTL_EL1, el0/el0_mmu.c). */
static uint64_t timer_ticks(uint64_t *freq)
{
#ifdef TZBSP_HOST
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	*freq = 1000000000ULL;
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
#else
	uint64_t v, f;

	__asm__ volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v));
	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(f));
	*freq = f;
	return v;
#endif
}

/*
 * Busy-wait in a preemptible region: normal-world interrupts end the SMC
 * (PREEMPTED) and the wait goes on after RESUME, so the time measured is
 * wall-clock time, preempted or not.
 */
static int test_spin(const uint8_t *req, size_t req_len, uint8_t *rsp,
		     size_t rsp_cap, size_t *rsp_len)
{
	uint64_t freq, start, ticks;
	uint32_t ms;

	if (req_len != 2 * HDR_LEN)
		return -TZ_EINVAL;
	ms = get_u32(req + HDR_LEN);
	if (ms > TZ_TEST_SPIN_MAX_MS)
		return -TZ_EINVAL;
	if (rsp_cap < sizeof(ms))
		return -TZ_EMSGSIZE;
	start = timer_ticks(&freq);
	ticks = freq / 1000U * ms;
	tz_preempt_enable();
	while (timer_ticks(&freq) - start < ticks)
		;
	tz_preempt_disable();
	put_u32(rsp, ms);
	*rsp_len = sizeof(ms);
	return 0;
}

#if defined(__aarch64__) && !defined(TZBSP_HOST)
/* An instruction (ret) in data, which is mapped execute-never. */
static uint32_t exec_probe[1] = { 0xd65f03c0 };

/* Each kind ends the command in TZBSP's fault handler; none returns. */
static int test_fault(const uint8_t *req, size_t req_len)
{
	uintptr_t unmapped = (uintptr_t)TZ_EL0_VA_BASE - TZ_EL0_WINDOW;

	if (req_len != 2 * HDR_LEN)
		return -TZ_EINVAL;
	switch (get_u32(req + HDR_LEN)) {
	case TZ_TEST_FAULT_UNMAPPED_STORE:
		__asm__ volatile("str %w0, [%1]" : : "r"(1), "r"(unmapped) : "memory");
		break;
	case TZ_TEST_FAULT_UNDEF:
		__asm__ volatile("udf #0" ::: "memory");
		break;
	case TZ_TEST_FAULT_EXEC_DATA:
		((void (*)(void))(uintptr_t)exec_probe)();
		break;
	default:
		return -TZ_EINVAL;
	}
	return -TZ_EIO;		/* the fault did not happen */
}

static int test_peek(const uint8_t *req, size_t req_len, uint8_t *rsp,
		     size_t rsp_cap, size_t *rsp_len)
{
	uint64_t addr, v;

	if (req_len != 3 * HDR_LEN)
		return -TZ_EINVAL;
	if (rsp_cap < sizeof(v))
		return -TZ_EMSGSIZE;
	addr = get_u32(req + HDR_LEN) | (uint64_t)get_u32(req + 2 * HDR_LEN) << 32;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	memcpy(rsp, &v, sizeof(v));
	*rsp_len = sizeof(v);
	return 0;
}
#else
static int test_fault(const uint8_t *req, size_t req_len)
{
	(void)req;
	(void)req_len;
	return -TZ_ENOSYS;
}

static int test_peek(const uint8_t *req, size_t req_len, uint8_t *rsp,
		     size_t rsp_cap, size_t *rsp_len)
{
	(void)req;
	(void)req_len;
	(void)rsp;
	(void)rsp_cap;
	(void)rsp_len;
	return -TZ_ENOSYS;
}
#endif

/* Argument idx has at least len bytes and the access need. */
static bool mem_arg_fits(unsigned int idx, uint32_t need, uint64_t len)
{
	struct tz_memref_info info;

	return tz_memref_info(idx, &info) == 0 && (info.flags & need) &&
	       info.size >= len;
}

/*
 * Through the command's own scratch, in pieces no larger than one memref
 * call may copy: the memory arguments are the only way to the data.
 */
/*
 * Word at a time: the byte loop alone cost more than the memref copies
 * under TCG, and the scratch buffer is page aligned.
 */
static void xor_bytes(uint8_t *buf, size_t n, uint8_t x)
{
	const uint64_t w = x * 0x0101010101010101ULL;
	uint64_t *p = (uint64_t *)(void *)buf;
	size_t i;

	for (i = 0; i < n / 8; i++)
		p[i] ^= w;
	for (i *= 8; i < n; i++)
		buf[i] ^= x;
}

static int test_mem_xor(const uint8_t *req, size_t req_len, uint8_t *rsp,
			size_t rsp_cap, size_t *rsp_len)
{
	uint64_t len, done = 0;
	size_t cap;
	uint8_t *buf, x;

	if (req_len != 4 * HDR_LEN)
		return -TZ_EINVAL;
	if (rsp_cap < 2 * HDR_LEN)
		return -TZ_EMSGSIZE;
	x = (uint8_t)get_u32(req + HDR_LEN);
	len = get_u32(req + 2 * HDR_LEN) | (uint64_t)get_u32(req + 3 * HDR_LEN) << 32;
	if (!mem_arg_fits(0, TZ_MEM_IN, len) || !mem_arg_fits(1, TZ_MEM_OUT, len))
		return -TZ_EINVAL;
	buf = tz_thread_scratch(&cap);
	if (!buf || !cap)
		return -TZ_ENOMEM;
	if (cap > TZ_MEMREF_IO_MAX)
		cap = TZ_MEMREF_IO_MAX;
	while (done < len) {
		size_t n = len - done < cap ? (size_t)(len - done) : cap;
		int ret = tz_memref_read(0, done, buf, n);

		if (ret)
			return ret;
		xor_bytes(buf, n, x);
		ret = tz_memref_write(1, done, buf, n);
		if (ret)
			return ret;
		done += n;
	}
	put_u32(rsp, (uint32_t)len);
	put_u32(rsp + HDR_LEN, (uint32_t)(len >> 32));
	*rsp_len = 2 * HDR_LEN;
	return 0;
}

static int test_session_add(const uint8_t *req, size_t req_len, uint8_t *rsp,
			    size_t rsp_cap, size_t *rsp_len)
{
	int idx = tz_session_index();
	uint64_t v;

	if (idx < 0)
		return -TZ_EBADF;
	if (req_len != 2 * HDR_LEN)
		return -TZ_EINVAL;
	if (rsp_cap < 2 * HDR_LEN)
		return -TZ_EMSGSIZE;
	v = session_sum[idx] += get_u32(req + HDR_LEN);
	put_u32(rsp, (uint32_t)v);
	put_u32(rsp + HDR_LEN, (uint32_t)(v >> 32));
	*rsp_len = 2 * HDR_LEN;
	return 0;
}

static int test_handle(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	*rsp_len = 0;
	switch (cmd_id) {
	case TZ_TEST_ECHO:
		return test_echo(req + HDR_LEN, req_len - HDR_LEN, rsp, rsp_cap,
				 rsp_len);
	case TZ_TEST_TRANSFORM:
		return test_transform(req + HDR_LEN, req_len - HDR_LEN, rsp,
				      rsp_cap, rsp_len);
	case TZ_TEST_CHAIN:
		return test_chain(req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_TEST_FORWARD:
		return test_forward(req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_TEST_SPIN:
		return test_spin(req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_TEST_FAULT:
		return test_fault(req, req_len);
	case TZ_TEST_PEEK:
		return test_peek(req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_TEST_MEM_XOR:
		return test_mem_xor(req, req_len, rsp, rsp_cap, rsp_len);
	case TZ_TEST_SESSION_ADD:
		return test_session_add(req, req_len, rsp, rsp_cap, rsp_len);
	default:
		return -TZ_ENOSYS;
	}
}

TZ_SERVICE(tz_test_service) = {
	.id = TZ_SVC_TEST,
	.name = "test",
	.init = NULL,
	.handle = test_handle,
	.flags = TZ_SVC_F_SESSIONS,
	TZ_SESSION_DESC(session_sum),
};
