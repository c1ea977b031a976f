// SPDX-License-Identifier: BSD-3-Clause
/*
 * The S-EL0 services' syscalls (secure/el0/el0_syscall.c) as a service
 * could call them: el0_uptr() accepts a range only inside one region the
 * service may access that way (no wrap, no crossing into a gap, no write
 * to text or rodata) and gives TZBSP's own pointer to the same bytes;
 * log, hlos_call and derive_key check every length and pointer before
 * they touch anything, pass only TZBSP pointers on, and switch the
 * translation table around a callback; an unknown number is -ENOSYS.
 * What the syscalls call (the callback, the key derivation, the log,
 * the table switch) are fakes that record what reached them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

#include "../../secure/el0/el0_priv.h"
#include "tap.h"

#define VA		TZ_EL0_VA(1)
#define TEXT_END	(VA + 0x2000)
#define RO_END		(VA + 0x3000)
#define DATA_START	(VA + 0x10000)
#define DATA_END	(VA + 0x11000)
#define BSS_END		(VA + 0x14000)

static struct el0_svc svc;
static char last_log[512];
static int space_events[8], n_space;	/* +1 enter, -1 leave */

static struct {
	int calls;
	uint32_t cmd_id;
	const void *req;
	size_t req_len;
	void *rsp;
	size_t rsp_cap;
	size_t *rsp_len;
	int space_at_call;
} hlos;

static struct {
	char info[128];
	size_t info_len;
	size_t out_len;
} derive;

void el0_space_enter(const struct el0_svc *s)
{
	(void)s;
	if (n_space < 8)
		space_events[n_space++] = 1;
}

void el0_space_leave(void)
{
	if (n_space < 8)
		space_events[n_space++] = -1;
}

int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	hlos.calls++;
	hlos.cmd_id = cmd_id;
	hlos.req = req;
	hlos.req_len = req_len;
	hlos.rsp = rsp;
	hlos.rsp_cap = rsp_cap;
	hlos.rsp_len = rsp_len;
	hlos.space_at_call = n_space;
	return -TZ_EPIPE;
}

int tz_device_key_derive(const char *info, size_t info_len,
			 uint8_t *out, size_t out_len)
{
	memcpy(derive.info, info, info_len);
	derive.info_len = info_len;
	derive.out_len = out_len;
	for (size_t i = 0; i < out_len; i++)
		out[i] = (uint8_t)(0xa0 + i);
	return 0;
}

void tz_crypto_zeroize(void *buf, size_t len)
{
	memset(buf, 0, len);
}

void tz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_log, sizeof(last_log), fmt, ap);
	va_end(ap);
}

static uint8_t *os(uint64_t va)
{
	return svc.mem + (va - VA);
}

static int64_t sys(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
		   uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct tz_exc_frame f;

	memset(&f, 0, sizeof(f));
	f.x[0] = a0;
	f.x[1] = a1;
	f.x[2] = a2;
	f.x[3] = a3;
	f.x[4] = a4;
	f.x[5] = a5;
	f.x[8] = nr;
	el0_syscall(&svc, &f);
	return (int64_t)f.x[0];
}

static void test_uptr(void)
{
	const uint64_t stack = VA + TZ_EL0_STACK_OFF, req = VA + TZ_EL0_REQ_OFF;

	OK(el0_uptr(&svc, VA, 16, false) == svc.mem, "text is readable, at TZBSP's copy");
	OK(!el0_uptr(&svc, VA, 16, true), "text is not writable");
	OK(!el0_uptr(&svc, TEXT_END, 8, true), "rodata is not writable");
	OK(el0_uptr(&svc, RO_END - 8, 8, false) == os(RO_END - 8), "rodata's last bytes readable");
	OK(!el0_uptr(&svc, RO_END - 8, 16, false), "a range from rodata into the gap: refused");
	OK(!el0_uptr(&svc, RO_END, 8, false), "the gap before data: refused");
	OK(el0_uptr(&svc, DATA_START, BSS_END - DATA_START, true) == os(DATA_START),
	   "data and bss, whole: writable");
	OK(!el0_uptr(&svc, DATA_START, BSS_END - DATA_START + 1, true), "one byte past bss: refused");
	OK(el0_uptr(&svc, BSS_END, 0, true) != NULL, "an empty range at bss's end: accepted");
	OK(el0_uptr(&svc, stack + TZ_EL0_STACK_SIZE - 8, 8, true) == svc.stack + TZ_EL0_STACK_SIZE - 8,
	   "the stack's top: writable, at the stack's pages");
	OK(el0_uptr(&svc, req, TZ_EL0_REQ_SIZE, true) == svc.req, "the request buffer, whole");
	OK(!el0_uptr(&svc, stack - 8, 16, false), "the guard page below the stack: refused");
	OK(!el0_uptr(&svc, VA - 8, 8, false), "below the window: refused");
	OK(!el0_uptr(&svc, TZ_EL0_VA(2), 8, false), "another service's window: refused");
	OK(!el0_uptr(&svc, 0x0e100000, 8, false), "TZBSP's memory: refused");
	OK(!el0_uptr(&svc, UINT64_MAX - 3, 8, false), "a range that wraps: refused");
	OK(!el0_uptr(&svc, DATA_START + 8, UINT64_MAX, false), "a huge length: refused");
}

static void test_log(void)
{
	char *line = (char *)os(DATA_START);

	memcpy(line, "hello\nworld\x01", 12);
	last_log[0] = '\0';
	IS(sys(TZ_SYS_LOG, DATA_START, 12, 0, 0, 0, 0), 0, "log of 12 bytes in data");
	OK(!strcmp(last_log, "test: hello?world?"), "logged under the service's name, control bytes as '?' (%s)",
	   last_log);
	IS(sys(TZ_SYS_LOG, DATA_START, TZ_SYS_LOG_MAX + 1, 0, 0, 0, 0), -TZ_EMSGSIZE,
	   "log longer than TZ_SYS_LOG_MAX: -EMSGSIZE");
	IS(sys(TZ_SYS_LOG, 0x0e100000, 8, 0, 0, 0, 0), -TZ_EFAULT, "log of TZBSP's memory: -EFAULT");
	IS(sys(TZ_SYS_LOG, RO_END - 4, 8, 0, 0, 0, 0), -TZ_EFAULT, "log across a gap: -EFAULT");
}

static void test_hlos(void)
{
	const uint64_t req = DATA_START, rsp = VA + TZ_EL0_RSP_OFF, lenp = DATA_START + 0x800;

	memset(&hlos, 0, sizeof(hlos));
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, req, TZCOM_CB_MAX_DATA + 1, rsp, 64, lenp),
	   -TZ_EMSGSIZE, "hlos_call with a request over TZCOM_CB_MAX_DATA: -EMSGSIZE");
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, 0x0e100000, 16, rsp, 64, lenp), -TZ_EFAULT,
	   "hlos_call with a request in TZBSP: -EFAULT");
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, req, 16, VA, 64, lenp), -TZ_EFAULT,
	   "hlos_call answering into text: -EFAULT");
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, req, 16, rsp, TZ_EL0_RSP_SIZE + 1, lenp), -TZ_EFAULT,
	   "hlos_call with an answer buffer past its region: -EFAULT");
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, req, 16, rsp, 64, lenp + 4), -TZ_EFAULT,
	   "hlos_call with a misaligned &rsp_len: -EFAULT");
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, req, 16, rsp, 64, TEXT_END), -TZ_EFAULT,
	   "hlos_call with &rsp_len in rodata: -EFAULT");
	IS(hlos.calls, 0, "none of those reached tz_hlos_call");

	n_space = 0;
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, req, 16, rsp, 64, lenp), -TZ_EPIPE,
	   "a good hlos_call returns tz_hlos_call's status");
	OK(hlos.calls == 1 && hlos.cmd_id == 0x1001 && hlos.req == os(req) && hlos.req_len == 16 &&
	   hlos.rsp == svc.rsp && hlos.rsp_cap == 64 && hlos.rsp_len == (size_t *)os(lenp),
	   "tz_hlos_call got TZBSP's pointers to the same bytes");
	OK(n_space == 2 && space_events[0] == -1 && space_events[1] == 1 && hlos.space_at_call == 1,
	   "TZBSP's own table during the callback, the service's again after");
	IS(sys(TZ_SYS_HLOS_CALL, 0x1001, 0, 0, 0, 0, 0), -TZ_EPIPE,
	   "an empty hlos_call with no buffers is passed on");
	OK(hlos.calls == 2 && !hlos.req && !hlos.rsp && !hlos.rsp_len, "as NULL pointers");
}

static void test_derive(void)
{
	const uint64_t info = DATA_START + 0x100, out = DATA_START + 0x200;

	memcpy(os(info), "tzcom storage v1", 16);
	IS(sys(TZ_SYS_DERIVE_KEY, info, 16, out, 0, 0, 0), -TZ_EINVAL, "derive_key of 0 bytes: -EINVAL");
	IS(sys(TZ_SYS_DERIVE_KEY, info, 16, out, TZ_SYS_KEY_MAX + 1, 0, 0), -TZ_EINVAL,
	   "derive_key over TZ_SYS_KEY_MAX: -EINVAL");
	IS(sys(TZ_SYS_DERIVE_KEY, info, TZ_SYS_KEY_INFO_MAX + 1, out, 32, 0, 0), -TZ_EINVAL,
	   "derive_key with info over TZ_SYS_KEY_INFO_MAX: -EINVAL");
	IS(sys(TZ_SYS_DERIVE_KEY, info, 16, TEXT_END, 32, 0, 0), -TZ_EFAULT,
	   "derive_key into rodata: -EFAULT");
	IS(sys(TZ_SYS_DERIVE_KEY, 0x0e100000, 16, out, 32, 0, 0), -TZ_EFAULT,
	   "derive_key with info in TZBSP: -EFAULT");
	memset(os(out), 0, 32);
	IS(sys(TZ_SYS_DERIVE_KEY, info, 16, out, 32, 0, 0), 0, "derive_key of 32 bytes");
	OK(derive.info_len == 16 && !memcmp(derive.info, "tzcom storage v1", 16) && derive.out_len == 32,
	   "the derivation got a copy of the info");
	OK(os(out)[0] == 0xa0 && os(out)[31] == 0xa0 + 31, "the key reached the service's buffer");
}

int main(void)
{
	svc.id = 1;
	svc.name = "test";
	svc.va = VA;
	svc.hdr.base = VA;
	svc.hdr.text_end = TEXT_END;
	svc.hdr.ro_end = RO_END;
	svc.hdr.data_start = DATA_START;
	svc.hdr.data_end = DATA_END;
	svc.hdr.bss_end = BSS_END;
	svc.mem = calloc(1, BSS_END - VA);
	svc.stack = calloc(1, TZ_EL0_STACK_SIZE);
	svc.req = calloc(1, TZ_EL0_REQ_SIZE);
	svc.rsp = calloc(1, TZ_EL0_RSP_SIZE);
	if (!svc.mem || !svc.stack || !svc.req || !svc.rsp)
		return 1;

	test_uptr();
	test_log();
	test_hlos();
	test_derive();
	IS(sys(99, 0, 0, 0, 0, 0, 0), -TZ_ENOSYS, "an unknown syscall: -ENOSYS");
	IS(sys(TZ_SYS_EXIT, 0, 0, 0, 0, 0, 0), -TZ_ENOSYS,
	   "exit is not el0_syscall's (el0_run.c ends the entry)");

	free(svc.mem);
	free(svc.stack);
	free(svc.req);
	free(svc.rsp);
	return tap_done();
}
