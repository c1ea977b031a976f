// SPDX-License-Identifier: BSD-3-Clause
/* See fake_memref.h. */
#include <string.h>

#include <tzbsp/service.h>

#include "fake_memref.h"

static int session = -1;
static uint8_t *arg_mem;
static uint64_t arg_size;
static uint32_t arg_flags;
unsigned int fake_memref_reads;
size_t fake_memref_max_read;

void fake_session_set(int idx)
{
	session = idx;
}

void fake_memref_set(void *mem, uint64_t size, uint32_t flags)
{
	arg_mem = mem;
	arg_size = size;
	arg_flags = flags;
	fake_memref_reads = 0;
	fake_memref_max_read = 0;
}

int tz_session_index(void)
{
	return session >= 0 ? session : -TZ_EBADF;
}

int tz_memref_info(unsigned int idx, struct tz_memref_info *info)
{
	if (idx != 0 || !arg_mem)
		return -TZ_ENOENT;
	memset(info, 0, sizeof(*info));
	info->size = arg_size;
	info->flags = arg_flags;
	return 0;
}

static int check(unsigned int idx, uint32_t need, uint64_t off, size_t len)
{
	if (idx != 0 || !arg_mem)
		return -TZ_ENOENT;
	if (!(arg_flags & need))
		return -TZ_EPERM;
	if (len > TZ_MEMREF_IO_MAX)
		return -TZ_EMSGSIZE;
	if (off > arg_size || len > arg_size - off)
		return -TZ_ERANGE;
	return 0;
}

int tz_memref_read(unsigned int idx, uint64_t off, void *buf, size_t len)
{
	int ret = check(idx, TZ_MEM_IN, off, len);

	if (ret)
		return ret;
	fake_memref_reads++;
	if (len > fake_memref_max_read)
		fake_memref_max_read = len;
	memcpy(buf, arg_mem + off, len);
	return 0;
}

int tz_memref_write(unsigned int idx, uint64_t off, const void *buf, size_t len)
{
	int ret = check(idx, TZ_MEM_OUT, off, len);

	if (ret)
		return ret;
	memcpy(arg_mem + off, buf, len);
	return 0;
}
