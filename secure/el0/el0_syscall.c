// SPDX-License-Identifier: BSD-3-Clause
/*
 * The syscalls of the S-EL0 services (tzbsp/el0_abi.h; the table with
 * every check and error is in docs/firmware.md).  Each pointer a service
 * passes is a user address: el0_uptr() accepts it only if the whole range
 * lies in one region the service may access that way, and turns it into
 * TZBSP's own (identity) address of the same bytes, which is the only
 * way TZBSP touches them.  A bad pointer or length is the syscall's
 * error (-EFAULT, -EINVAL, -EMSGSIZE), not a fault of the service.
 */
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzbsp/rollback.h>
#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

#include "el0_priv.h"

struct el0_region {
	uint64_t va;
	uint64_t len;
	uint8_t *mem;
	bool writable;
};

/* Only the calling command's own slot: other slots' pages are others'. */
void *el0_uptr(const struct el0_run *run, uint64_t va, uint64_t len, bool write)
{
	const struct el0_svc *s = run->svc;
	const struct el0_slot *sl = run->slot;
	const struct tz_el0_header *h = &s->hdr;
	const struct el0_region r[] = {
		{ s->va, h->ro_end - s->va, s->mem, false },
		{ h->data_start, h->bss_end - h->data_start,
		  s->mem + (h->data_start - s->va), true },
		{ sl->va + TZ_EL0_STACK_OFF, TZ_EL0_STACK_SIZE, sl->stack, true },
		{ sl->va + TZ_EL0_REQ_OFF, TZ_EL0_REQ_SIZE, sl->req, true },
		{ sl->va + TZ_EL0_RSP_OFF, TZ_EL0_RSP_SIZE, sl->rsp, true },
		{ sl->va + TZ_EL0_SCRATCH_OFF, TZ_EL0_SCRATCH_SIZE, sl->scratch, true },
	};

	for (size_t i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		/* Lengths compared, never va + len: nothing can wrap. */
		if (va < r[i].va || va - r[i].va > r[i].len ||
		    len > r[i].len - (va - r[i].va))
			continue;
		if (write && !r[i].writable)
			return NULL;
		return r[i].mem + (va - r[i].va);
	}
	return NULL;
}

static int64_t sys_log(struct el0_run *r, uint64_t va, uint64_t len)
{
	char line[TZ_SYS_LOG_MAX];
	const char *src;

	if (len > sizeof(line))
		return -TZ_EMSGSIZE;
	src = el0_uptr(r, va, len, false);
	if (!src)
		return -TZ_EFAULT;
	memcpy(line, src, len);
	/* One line of text whatever the service wrote. */
	for (size_t i = 0; i < len; i++)
		if (line[i] < 0x20 || line[i] > 0x7e)
			line[i] = '?';
	tz_log("%s: %.*s", r->svc->name, (int)len, line);
	return 0;
}

static int64_t sys_hlos_call(struct el0_run *r, const struct tz_exc_frame *f)
{
	const uint64_t req_len = f->x[2], rsp_cap = f->x[4], len_va = f->x[5];
	const void *req = NULL;
	void *rsp = NULL;
	size_t *rsp_len = NULL;
	int ret;

	if (req_len > TZCOM_CB_MAX_DATA)
		return -TZ_EMSGSIZE;
	if (req_len && !(req = el0_uptr(r, f->x[1], req_len, false)))
		return -TZ_EFAULT;
	if (rsp_cap && !(rsp = el0_uptr(r, f->x[3], rsp_cap, true)))
		return -TZ_EFAULT;
	if (len_va && ((len_va & (sizeof(size_t) - 1)) ||
		       !(rsp_len = el0_uptr(r, len_va, sizeof(size_t), true))))
		return -TZ_EFAULT;

	/*
	 * The command may wait here for the normal world, and resume on
	 * another CPU: TZBSP's own map meanwhile, the service's again after.
	 */
	el0_space_leave(r);
	r->moved = true;
	ret = tz_hlos_call((uint32_t)f->x[0], req, req_len, rsp, rsp_cap, rsp_len);
	el0_space_enter(r);
	return ret;
}

/* The device secret stays in TZBSP: only the derived key is copied out. */
static int64_t sys_derive_key(struct el0_run *r, const struct tz_exc_frame *f)
{
	const uint64_t info_len = f->x[1], out_len = f->x[3];
	char info[TZ_SYS_KEY_INFO_MAX];
	uint8_t key[TZ_SYS_KEY_MAX];
	const char *uinfo;
	uint8_t *uout;
	int ret;

	if (info_len > sizeof(info) || out_len == 0 || out_len > sizeof(key))
		return -TZ_EINVAL;
	uinfo = info_len ? el0_uptr(r, f->x[0], info_len, false) : info;
	uout = el0_uptr(r, f->x[2], out_len, true);
	if (!uinfo || !uout)
		return -TZ_EFAULT;
	memcpy(info, uinfo, info_len);
	ret = tz_device_key_derive(info, info_len, key, out_len);
	if (!ret)
		memcpy(uout, key, out_len);
	tz_crypto_zeroize(key, sizeof(key));
	return ret;
}

/*
 * The anti-rollback store stays in TZBSP (rollback/rb_store.c): ids and
 * values are copied in before the call, results copied out only after
 * it succeeded, so a failed call leaves the service's memory as it was.
 */
static int64_t sys_rb_epoch(struct el0_run *r, const struct tz_exc_frame *f)
{
	uint64_t *uout = el0_uptr(r, f->x[0], sizeof(uint64_t), true);
	uint64_t epoch;
	int ret;

	if (!uout)
		return -TZ_EFAULT;
	ret = tz_rb_epoch(&epoch);
	if (!ret)
		memcpy(uout, &epoch, sizeof(epoch));
	return ret;
}

static int64_t sys_rb_get(struct el0_run *r, const struct tz_exc_frame *f)
{
	const void *uid = el0_uptr(r, f->x[0], sizeof(struct tz_rb_id), false);
	void *uval = el0_uptr(r, f->x[1], sizeof(struct tz_rb_val), true);
	struct tz_rb_val val;
	struct tz_rb_id id;
	int ret;

	if (!uid || !uval)
		return -TZ_EFAULT;
	memcpy(&id, uid, sizeof(id));
	memset(&val, 0, sizeof(val));
	ret = tz_rb_get(id, &val);
	if (!ret)
		memcpy(uval, &val, sizeof(val));
	return ret;
}

/*
 * Memory arguments: the copy goes straight between the normal-world
 * pages and the service's own buffer (its identity address, checked by
 * el0_uptr() for the direction the copy writes).
 */
static int64_t sys_mem_info(struct el0_run *r, const struct tz_exc_frame *f)
{
	void *uinfo = el0_uptr(r, f->x[1], sizeof(struct tz_memref_info), true);
	struct tz_memref_info info;
	int ret;

	if (!uinfo)
		return -TZ_EFAULT;
	if (f->x[0] >= TZ_MEM_MAX_ARGS)
		return -TZ_ENOENT;
	ret = tz_memref_info((unsigned int)f->x[0], &info);
	if (!ret)
		memcpy(uinfo, &info, sizeof(info));
	return ret;
}

static int64_t sys_mem_copy(struct el0_run *r, const struct tz_exc_frame *f,
			    bool to_service)
{
	const uint64_t idx = f->x[0], off = f->x[1], len = f->x[3];
	void *buf = NULL;

	if (idx >= TZ_MEM_MAX_ARGS)
		return -TZ_ENOENT;
	if (len > TZ_MEMREF_IO_MAX)
		return -TZ_EMSGSIZE;
	if (len && !(buf = el0_uptr(r, f->x[2], len, to_service)))
		return -TZ_EFAULT;
	if (to_service)
		return tz_memref_read((unsigned int)idx, off, buf, (size_t)len);
	return tz_memref_write((unsigned int)idx, off, buf, (size_t)len);
}

static int64_t sys_rb_set(struct el0_run *r, const struct tz_exc_frame *f)
{
	const void *uid = el0_uptr(r, f->x[0], sizeof(struct tz_rb_id), false);
	const void *uval = el0_uptr(r, f->x[1], sizeof(struct tz_rb_val), false);
	struct tz_rb_val val;
	struct tz_rb_id id;

	if (!uid || !uval)
		return -TZ_EFAULT;
	memcpy(&id, uid, sizeof(id));
	memcpy(&val, uval, sizeof(val));
	return tz_rb_set(id, val);
}

void el0_syscall(struct el0_run *r, struct tz_exc_frame *f)
{
	int64_t ret;

	switch (f->x[8]) {
	case TZ_SYS_LOG:
		ret = sys_log(r, f->x[0], f->x[1]);
		break;
	case TZ_SYS_HLOS_CALL:
		ret = sys_hlos_call(r, f);
		break;
	case TZ_SYS_DERIVE_KEY:
		ret = sys_derive_key(r, f);
		break;
	case TZ_SYS_RB_EPOCH:
		ret = sys_rb_epoch(r, f);
		break;
	case TZ_SYS_RB_GET:
		ret = sys_rb_get(r, f);
		break;
	case TZ_SYS_RB_SET:
		ret = sys_rb_set(r, f);
		break;
	case TZ_SYS_SESSION:
		ret = tz_session_index();
		break;
	case TZ_SYS_MEM_INFO:
		ret = sys_mem_info(r, f);
		break;
	case TZ_SYS_MEM_READ:
		ret = sys_mem_copy(r, f, true);
		break;
	case TZ_SYS_MEM_WRITE:
		ret = sys_mem_copy(r, f, false);
		break;
	default:
		ret = -TZ_ENOSYS;
		break;
	}
	f->x[0] = (uint64_t)ret;
}
