// SPDX-License-Identifier: BSD-3-Clause
/*
 * The S-EL0 services' syscalls (secure/el0/el0_syscall.c) as a service
 * could call them: el0_uptr() accepts a range only inside one region the
 * service may access that way (no wrap, no crossing into a gap, no write
 * to text or rodata) and gives TZBSP's own pointer to the same bytes;
 * log, hlos_call and derive_key check every length and pointer before
 * they touch anything, pass only TZBSP pointers on, and switch the
 * translation table around a callback; the anti-rollback calls copy ids
 * and values in before the call and results out only after success; the
 * memref calls get TZBSP's pointer to a buffer the service may use in the
 * direction of the copy, their cap and index checked first, and the info
 * copied out only after success; an unknown number is -ENOSYS.  Only the
 * calling command's own slot is accessible, not another thread's.  What
 * the syscalls call (the callback, the key derivation, the counter store,
 * the memref and session calls, the log, the table switch) are fakes
 * that record what reached them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzbsp/rollback.h>
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
#define SLOT		(VA + TZ_EL0_SLOT_OFF(1))

static struct el0_svc svc;
static struct el0_run run;
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

void el0_space_enter(struct el0_run *r)
{
	(void)r;
	if (n_space < 8)
		space_events[n_space++] = 1;
}

void el0_space_leave(struct el0_run *r)
{
	(void)r;
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

static struct {
	int calls;
	int ret;
	struct tz_rb_id id;
	struct tz_rb_val val;
} rb;

int tz_rb_epoch(uint64_t *epoch)
{
	rb.calls++;
	if (!rb.ret)
		*epoch = 0x1122334455667788ULL;
	return rb.ret;
}

int tz_rb_get(struct tz_rb_id id, struct tz_rb_val *val)
{
	rb.calls++;
	rb.id = id;
	if (!rb.ret) {
		val->version = 7;
		val->pin = 0xabcdef;
		val->deleted = 1;
	}
	return rb.ret;
}

int tz_rb_set(struct tz_rb_id id, struct tz_rb_val val)
{
	rb.calls++;
	rb.id = id;
	rb.val = val;
	return rb.ret;
}

static struct {
	int calls;
	int ret;
	unsigned int idx;
	uint64_t off;
	const void *buf;
	size_t len;
	bool write;
} mem;

int tz_session_index(void)
{
	return 17;
}

int tz_memref_info(unsigned int idx, struct tz_memref_info *info)
{
	mem.calls++;
	mem.idx = idx;
	if (mem.ret)
		return mem.ret;
	info->size = 0x123456789ULL;
	info->flags = TZ_MEM_IN;
	info->reserved = 0;
	return 0;
}

int tz_memref_read(unsigned int idx, uint64_t off, void *buf, size_t len)
{
	mem.calls++;
	mem.idx = idx;
	mem.off = off;
	mem.buf = buf;
	mem.len = len;
	mem.write = false;
	if (!mem.ret && len)
		memset(buf, 0x3c, len);
	return mem.ret;
}

int tz_memref_write(unsigned int idx, uint64_t off, const void *buf, size_t len)
{
	mem.calls++;
	mem.idx = idx;
	mem.off = off;
	mem.buf = buf;
	mem.len = len;
	mem.write = true;
	return mem.ret;
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
	el0_syscall(&run, &f);
	return (int64_t)f.x[0];
}

static void test_uptr(void)
{
	const uint64_t stack = SLOT + TZ_EL0_STACK_OFF, req = SLOT + TZ_EL0_REQ_OFF;
	const uint64_t scratch = SLOT + TZ_EL0_SCRATCH_OFF;
	const uint64_t other = VA + TZ_EL0_SLOT_OFF(0);

	OK(el0_uptr(&run, VA, 16, false) == svc.mem, "text is readable, at TZBSP's copy");
	OK(!el0_uptr(&run, VA, 16, true), "text is not writable");
	OK(!el0_uptr(&run, TEXT_END, 8, true), "rodata is not writable");
	OK(el0_uptr(&run, RO_END - 8, 8, false) == os(RO_END - 8), "rodata's last bytes readable");
	OK(!el0_uptr(&run, RO_END - 8, 16, false), "a range from rodata into the gap: refused");
	OK(!el0_uptr(&run, RO_END, 8, false), "the gap before data: refused");
	OK(el0_uptr(&run, DATA_START, BSS_END - DATA_START, true) == os(DATA_START),
	   "data and bss, whole: writable");
	OK(!el0_uptr(&run, DATA_START, BSS_END - DATA_START + 1, true), "one byte past bss: refused");
	OK(el0_uptr(&run, BSS_END, 0, true) != NULL, "an empty range at bss's end: accepted");
	OK(el0_uptr(&run, stack + TZ_EL0_STACK_SIZE - 8, 8, true) == run.slot->stack + TZ_EL0_STACK_SIZE - 8,
	   "the stack's top: writable, at the stack's pages");
	OK(el0_uptr(&run, req, TZ_EL0_REQ_SIZE, true) == run.slot->req, "the request buffer, whole");
	OK(el0_uptr(&run, scratch, TZ_EL0_SCRATCH_SIZE, true) == run.slot->scratch,
	   "the scratch, whole: writable, at the slot's pages");
	OK(!el0_uptr(&run, scratch + TZ_EL0_SCRATCH_SIZE - 8, 16, true), "past the scratch: refused");
	OK(!el0_uptr(&run, other + TZ_EL0_STACK_OFF, 8, false), "another thread's slot's stack: refused");
	OK(!el0_uptr(&run, other + TZ_EL0_REQ_OFF, 8, false), "another thread's slot's request: refused");
	OK(!el0_uptr(&run, other + TZ_EL0_SCRATCH_OFF, 8, false),
	   "another thread's slot's scratch: refused");
	OK(!el0_uptr(&run, stack - 8, 16, false), "the guard page below the stack: refused");
	OK(!el0_uptr(&run, VA - 8, 8, false), "below the window: refused");
	OK(!el0_uptr(&run, TZ_EL0_VA(2), 8, false), "another service's window: refused");
	OK(!el0_uptr(&run, 0x0e100000, 8, false), "TZBSP's memory: refused");
	OK(!el0_uptr(&run, UINT64_MAX - 3, 8, false), "a range that wraps: refused");
	OK(!el0_uptr(&run, DATA_START + 8, UINT64_MAX, false), "a huge length: refused");
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
	const uint64_t req = DATA_START, rsp = SLOT + TZ_EL0_RSP_OFF, lenp = DATA_START + 0x800;

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
	   hlos.rsp == run.slot->rsp && hlos.rsp_cap == 64 && hlos.rsp_len == (size_t *)os(lenp),
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

static void test_rb(void)
{
	const uint64_t idp = DATA_START + 0x300, valp = DATA_START + 0x340, ep = DATA_START + 0x380;
	struct tz_rb_val v = { 3, 0x55, 0 };
	uint64_t epoch;

	memset(&rb, 0, sizeof(rb));
	memset(os(idp), 0x5a, sizeof(struct tz_rb_id));
	IS(sys(TZ_SYS_RB_EPOCH, TEXT_END, 0, 0, 0, 0, 0), -TZ_EFAULT, "rb_epoch into rodata: -EFAULT");
	IS(sys(TZ_SYS_RB_EPOCH, 0x0e100000, 0, 0, 0, 0, 0), -TZ_EFAULT, "rb_epoch into TZBSP: -EFAULT");
	IS(sys(TZ_SYS_RB_EPOCH, BSS_END - 4, 0, 0, 0, 0, 0), -TZ_EFAULT,
	   "rb_epoch across bss's end: -EFAULT");
	IS(sys(TZ_SYS_RB_GET, 0x0e100000, valp, 0, 0, 0, 0), -TZ_EFAULT, "rb_get of an id in TZBSP: -EFAULT");
	IS(sys(TZ_SYS_RB_GET, idp, VA, 0, 0, 0, 0), -TZ_EFAULT, "rb_get into text: -EFAULT");
	IS(sys(TZ_SYS_RB_SET, idp, RO_END - 8, 0, 0, 0, 0), -TZ_EFAULT,
	   "rb_set of a value across a gap: -EFAULT");
	IS(sys(TZ_SYS_RB_SET, UINT64_MAX - 7, valp, 0, 0, 0, 0), -TZ_EFAULT,
	   "rb_set of an id that wraps: -EFAULT");
	IS(rb.calls, 0, "none of those reached the counter store");

	memset(os(ep), 0xee, 8);
	IS(sys(TZ_SYS_RB_EPOCH, ep, 0, 0, 0, 0, 0), 0, "rb_epoch into data");
	memcpy(&epoch, os(ep), 8);
	OK(epoch == 0x1122334455667788ULL, "the epoch reached the service");
	rb.ret = -TZ_EIO;
	memset(os(ep), 0xee, 8);
	IS(sys(TZ_SYS_RB_EPOCH, ep, 0, 0, 0, 0, 0), -TZ_EIO, "a failing rb_epoch returns its error");
	OK(os(ep)[0] == 0xee && os(ep)[7] == 0xee, "and leaves the service's buffer untouched");

	rb.ret = 0;
	memset(os(valp), 0xee, sizeof(struct tz_rb_val));
	IS(sys(TZ_SYS_RB_GET, idp, valp, 0, 0, 0, 0), 0, "rb_get into data");
	memcpy(&v, os(valp), sizeof(v));
	OK(rb.id.b[0] == 0x5a && rb.id.b[TZ_RB_ID_LEN - 1] == 0x5a, "the store got a copy of the id");
	OK(v.version == 7 && v.pin == 0xabcdef && v.deleted == 1, "the value reached the service");
	rb.ret = -TZ_ENOENT;
	memset(os(valp), 0xee, sizeof(struct tz_rb_val));
	IS(sys(TZ_SYS_RB_GET, idp, valp, 0, 0, 0, 0), -TZ_ENOENT, "rb_get of an unknown id: -ENOENT");
	OK(os(valp)[0] == 0xee && os(valp)[sizeof(struct tz_rb_val) - 1] == 0xee,
	   "and leaves the service's value untouched");

	rb.ret = 0;
	v.version = 9;
	v.pin = 0x77;
	v.deleted = 0;
	memcpy(os(valp), &v, sizeof(v));
	IS(sys(TZ_SYS_RB_SET, idp, valp, 0, 0, 0, 0), 0, "rb_set from data");
	OK(rb.val.version == 9 && rb.val.pin == 0x77 && !rb.val.deleted && rb.id.b[3] == 0x5a,
	   "the store got copies of the id and the value");
	IS(sys(TZ_SYS_RB_SET, SLOT + TZ_EL0_STACK_OFF, SLOT + TZ_EL0_SCRATCH_OFF, 0, 0, 0, 0), 0,
	   "rb_set from the stack and the scratch (the runtime passes them on its stack)");
}

static void test_mem(void)
{
	const uint64_t infop = DATA_START + 0x400, buf = SLOT + TZ_EL0_SCRATCH_OFF;
	struct tz_memref_info info;

	IS(sys(TZ_SYS_SESSION, 0, 0, 0, 0, 0, 0), 17, "session: tz_session_index()'s answer");

	memset(&mem, 0, sizeof(mem));
	IS(sys(TZ_SYS_MEM_INFO, 0, TEXT_END, 0, 0, 0, 0), -TZ_EFAULT, "mem_info into rodata: -EFAULT");
	IS(sys(TZ_SYS_MEM_INFO, 0, BSS_END - 8, 0, 0, 0, 0), -TZ_EFAULT,
	   "mem_info across bss's end: -EFAULT");
	IS(sys(TZ_SYS_MEM_INFO, TZ_MEM_MAX_ARGS, infop, 0, 0, 0, 0), -TZ_ENOENT,
	   "mem_info of argument 4: -ENOENT");
	IS(sys(TZ_SYS_MEM_INFO, 1ULL << 32, infop, 0, 0, 0, 0), -TZ_ENOENT,
	   "mem_info of an index that truncates to 0: -ENOENT");
	IS(sys(TZ_SYS_MEM_READ, 0, 0, VA, 16, 0, 0), -TZ_EFAULT, "mem_read into text: -EFAULT");
	IS(sys(TZ_SYS_MEM_READ, 0, 0, TEXT_END, 16, 0, 0), -TZ_EFAULT, "mem_read into rodata: -EFAULT");
	IS(sys(TZ_SYS_MEM_READ, 0, 0, 0x0e100000, 16, 0, 0), -TZ_EFAULT, "mem_read into TZBSP: -EFAULT");
	IS(sys(TZ_SYS_MEM_READ, 0, 0, buf, TZ_EL0_SCRATCH_SIZE + 1, 0, 0), -TZ_EFAULT,
	   "mem_read past the scratch: -EFAULT");
	IS(sys(TZ_SYS_MEM_READ, 0, 0, buf, TZ_MEMREF_IO_MAX + 1, 0, 0), -TZ_EMSGSIZE,
	   "mem_read over TZ_MEMREF_IO_MAX: -EMSGSIZE");
	IS(sys(TZ_SYS_MEM_WRITE, 0, 0, 0x0e100000, 16, 0, 0), -TZ_EFAULT,
	   "mem_write from TZBSP: -EFAULT");
	IS(sys(TZ_SYS_MEM_WRITE, 0, 0, RO_END - 8, 16, 0, 0), -TZ_EFAULT,
	   "mem_write from across a gap: -EFAULT");
	IS(sys(TZ_SYS_MEM_WRITE, 5, 0, buf, 16, 0, 0), -TZ_ENOENT, "mem_write of argument 5: -ENOENT");
	IS(mem.calls, 0, "none of those reached the memref calls");

	memset(os(infop), 0xee, sizeof(info));
	IS(sys(TZ_SYS_MEM_INFO, 2, infop, 0, 0, 0, 0), 0, "mem_info into data");
	memcpy(&info, os(infop), sizeof(info));
	OK(mem.idx == 2 && info.size == 0x123456789ULL && info.flags == TZ_MEM_IN && !info.reserved,
	   "the info reached the service");
	mem.ret = -TZ_ENOENT;
	memset(os(infop), 0xee, sizeof(info));
	IS(sys(TZ_SYS_MEM_INFO, 3, infop, 0, 0, 0, 0), -TZ_ENOENT, "mem_info of an absent argument");
	OK(os(infop)[0] == 0xee && os(infop)[sizeof(info) - 1] == 0xee, "leaves the buffer untouched");

	mem.ret = 0;
	memset(run.slot->scratch, 0, 64);
	IS(sys(TZ_SYS_MEM_READ, 1, 0x10001, buf, 64, 0, 0), 0, "mem_read into the scratch");
	OK(mem.idx == 1 && mem.off == 0x10001 && mem.buf == run.slot->scratch && mem.len == 64 &&
	   !mem.write && run.slot->scratch[63] == 0x3c, "with TZBSP's pointer to the scratch");
	IS(sys(TZ_SYS_MEM_WRITE, 0, 7, RO_END - 16, 16, 0, 0), 0, "mem_write from rodata");
	OK(mem.idx == 0 && mem.off == 7 && mem.buf == os(RO_END - 16) && mem.len == 16 && mem.write,
	   "with TZBSP's pointer to the rodata");
	IS(sys(TZ_SYS_MEM_WRITE, 0, 0, buf, TZ_MEMREF_IO_MAX, 0, 0), -TZ_EFAULT,
	   "mem_write of TZ_MEMREF_IO_MAX from a smaller buffer: -EFAULT");
	IS(sys(TZ_SYS_MEM_READ, 3, 9, 0, 0, 0, 0), 0, "an empty mem_read with no buffer");
	OK(mem.idx == 3 && !mem.buf && !mem.len, "is passed on as NULL, 0");
	mem.ret = -TZ_ERANGE;
	IS(sys(TZ_SYS_MEM_READ, 0, 0, buf, 8, 0, 0), -TZ_ERANGE, "the memref call's error is the result");
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
	svc.nslots = 2;
	for (uint32_t i = 0; i < svc.nslots; i++) {
		struct el0_slot *sl = &svc.slots[i];

		sl->va = VA + TZ_EL0_SLOT_OFF(i);
		sl->stack = calloc(1, TZ_EL0_STACK_SIZE);
		sl->req = calloc(1, TZ_EL0_REQ_SIZE);
		sl->rsp = calloc(1, TZ_EL0_RSP_SIZE);
		sl->scratch = calloc(1, TZ_EL0_SCRATCH_SIZE);
		if (!sl->stack || !sl->req || !sl->rsp || !sl->scratch)
			return 1;
	}
	/* The command runs on thread 1: slot 1 is its own, slot 0 another's. */
	run.svc = &svc;
	run.slot = &svc.slots[1];
	if (!svc.mem)
		return 1;

	test_uptr();
	test_log();
	test_hlos();
	test_derive();
	test_rb();
	test_mem();
	IS(sys(99, 0, 0, 0, 0, 0, 0), -TZ_ENOSYS, "an unknown syscall: -ENOSYS");
	IS(sys(TZ_SYS_EXIT, 0, 0, 0, 0, 0, 0), -TZ_ENOSYS,
	   "exit is not el0_syscall's (el0_run.c ends the entry)");

	free(svc.mem);
	for (uint32_t i = 0; i < svc.nslots; i++) {
		free(svc.slots[i].stack);
		free(svc.slots[i].req);
		free(svc.slots[i].rsp);
		free(svc.slots[i].scratch);
	}
	return tap_done();
}
