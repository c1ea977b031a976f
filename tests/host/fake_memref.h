/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * For standalone host tests that call a service's handler directly,
 * without the scheduler (test_crypto_*.c, test_storage_*.c): the memref
 * and session calls of tzbsp/service.h over plain buffers, with the same
 * errors in the same order as secure/sched/memref.c and session.c.  Set
 * fake_mem[i] (buf, size, flags; flags 0 = absent) and fake_session (an
 * index, or -TZ_EBADF) before each call of the handler.  Tests that go
 * through the scheduler (fake_nw.c) get the real calls instead.  Include
 * it from exactly one file per test binary.
 */
#ifndef TESTS_HOST_FAKE_MEMREF_H
#define TESTS_HOST_FAKE_MEMREF_H

#include <string.h>

#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

struct fake_memref {
	uint8_t *buf;
	uint64_t size;
	uint32_t flags;		/* TZ_MEM_IN | TZ_MEM_OUT; 0 = absent */
	/* A copy that reaches this offset fails as a bad page would. */
	uint64_t efault_at;	/* 0 = never */
};

static struct fake_memref fake_mem[TZ_MEM_MAX_ARGS];
static int fake_session = -TZ_EBADF;
static unsigned long fake_memref_calls;

int tz_session_index(void)
{
	return fake_session;
}

int tz_memref_info(unsigned int idx, struct tz_memref_info *info)
{
	fake_memref_calls++;
	if (idx >= TZ_MEM_MAX_ARGS || !fake_mem[idx].flags)
		return -TZ_ENOENT;
	memset(info, 0, sizeof(*info));
	info->size = fake_mem[idx].size;
	info->flags = fake_mem[idx].flags;
	return 0;
}

static int fake_memref_check(unsigned int idx, uint32_t need, uint64_t off,
			     size_t len, const void *buf)
{
	const struct fake_memref *m;

	fake_memref_calls++;
	if (idx >= TZ_MEM_MAX_ARGS || !fake_mem[idx].flags)
		return -TZ_ENOENT;
	m = &fake_mem[idx];
	if (!(m->flags & need))
		return -TZ_EPERM;
	if (len > TZ_MEMREF_IO_MAX)
		return -TZ_EMSGSIZE;
	if (off > m->size || len > m->size - off)
		return -TZ_ERANGE;
	if (len && !buf)
		return -TZ_EFAULT;
	if (m->efault_at && len && m->efault_at >= off && m->efault_at - off < len)
		return -TZ_EFAULT;
	return 0;
}

int tz_memref_read(unsigned int idx, uint64_t off, void *buf, size_t len)
{
	int ret = fake_memref_check(idx, TZ_MEM_IN, off, len, buf);

	if (!ret && len)
		memcpy(buf, fake_mem[idx].buf + off, len);
	return ret;
}

int tz_memref_write(unsigned int idx, uint64_t off, const void *buf, size_t len)
{
	int ret = fake_memref_check(idx, TZ_MEM_OUT, off, len, buf);

	if (!ret && len)
		memcpy(fake_mem[idx].buf + off, buf, len);
	return ret;
}

#endif /* TESTS_HOST_FAKE_MEMREF_H */
