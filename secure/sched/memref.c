// SPDX-License-Identifier: BSD-3-Clause
/*
 * Memory arguments of the running command (tzbsp/service.h,
 * docs/firmware.md "Memory arguments"): bytes of normal-world pages named
 * by a page list, copied straight between those pages and the service's
 * buffer.
 *
 * The descriptors were validated and copied into the command's state at
 * NEW (sched.c); the pages themselves are the normal world's and may
 * change under us at any time, so each physical address is read from
 * them once, into a local, and checked to be a 4 KiB-aligned page of NS
 * DRAM before it is used.  The walk along the chain of list pages
 * restarts from the last list page it reached (cached per argument), so
 * a service that streams through an argument pays one list read per data
 * page, not a walk from the head.
 */
#include <string.h>

#include <tzbsp/ns_mem.h>
#include <tzbsp/phys.h>
#include <tzbsp/service.h>
#include <tzcom/tzsched.h>

#include "thread.h"

#define PAGE_MASK	((uint64_t)TZ_PAGE_SIZE - 1)

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
	       "page-list entries are little-endian u64, read as they are");

static bool ns_page_ok(uint64_t pa)
{
	return (pa & PAGE_MASK) == 0 && ns_range_valid(pa, TZ_PAGE_SIZE);
}

static uint64_t list_entry(uint64_t list_pa, uint32_t i)
{
	uint64_t v;

	/* One read: the normal world may rewrite the entry right after. */
	memcpy(&v, (const uint8_t *)phys_to_ptr(list_pa) + (size_t)i * sizeof(v),
	       sizeof(v));
	return v;	/* little-endian, as TZBSP and every host test run */
}

/* The argument idx of the calling command, or NULL if it has none. */
static struct sched_mem *memref_get(unsigned int idx)
{
	struct tz_thread *t = tz_thread_current();

	if (!t || !t->cmd.in_service || idx >= TZ_MEM_MAX_ARGS ||
	    !t->cmd.mem[idx].flags)
		return NULL;
	return &t->cmd.mem[idx];
}

/* The PA of data page n (< npages) of m, or 0 if the list is bad there. */
static uint64_t data_page(struct sched_mem *m, uint32_t n)
{
	const uint32_t want = n / TZ_PAGE_LIST_ENTRIES;
	uint64_t pa;

	if (m->walk_idx > want || !m->walk_pa) {
		if (!ns_page_ok(m->list_pa))
			return 0;
		m->walk_idx = 0;
		m->walk_pa = m->list_pa;
	}
	while (m->walk_idx < want) {
		const uint64_t next = list_entry(m->walk_pa, TZ_PAGE_LIST_ENTRIES);

		if (!ns_page_ok(next))
			return 0;
		m->walk_pa = next;
		m->walk_idx++;
	}
	pa = list_entry(m->walk_pa, n % TZ_PAGE_LIST_ENTRIES);
	return ns_page_ok(pa) ? pa : 0;
}

/* Checks common to read and write; 0 if [off, off + len) may be copied. */
static int memref_check(const struct sched_mem *m, uint32_t need, uint64_t off,
			size_t len, const void *buf)
{
	if (!m)
		return -TZ_ENOENT;
	if (!(m->flags & need))
		return -TZ_EPERM;
	if (len > TZ_MEMREF_IO_MAX)
		return -TZ_EMSGSIZE;
	if (off > m->size || len > m->size - off)
		return -TZ_ERANGE;
	if (len && !buf)
		return -TZ_EFAULT;
	return 0;
}

/*
 * Copy len bytes at off of m to (write) or from (read) buf, page by
 * page.  A write may have changed earlier pages when a later one turns
 * out bad: the service sees -EFAULT and the normal world got what it
 * asked for with its bad list.
 */
static int memref_copy(struct sched_mem *m, uint64_t off, uint8_t *buf,
		       size_t len, bool write)
{
	uint64_t pos = m->offset + off;	/* <= npages * 4096: no wrap */

	while (len) {
		const uint32_t n = (uint32_t)(pos / TZ_PAGE_SIZE);
		const size_t in_page = (size_t)(pos & PAGE_MASK);
		size_t chunk = TZ_PAGE_SIZE - in_page;
		uint64_t pa = data_page(m, n);

		if (!pa)
			return -TZ_EFAULT;
		if (chunk > len)
			chunk = len;
		if (write)
			memcpy((uint8_t *)phys_to_ptr(pa) + in_page, buf, chunk);
		else
			memcpy(buf, (const uint8_t *)phys_to_ptr(pa) + in_page, chunk);
		buf += chunk;
		pos += chunk;
		len -= chunk;
	}
	return 0;
}

int tz_memref_info(unsigned int idx, struct tz_memref_info *info)
{
	const struct sched_mem *m = memref_get(idx);

	if (!m)
		return -TZ_ENOENT;
	memset(info, 0, sizeof(*info));
	info->size = m->size;
	info->flags = m->flags;
	return 0;
}

int tz_memref_read(unsigned int idx, uint64_t off, void *buf, size_t len)
{
	struct sched_mem *m = memref_get(idx);
	int ret = memref_check(m, TZ_MEM_IN, off, len, buf);

	return ret ? ret : memref_copy(m, off, buf, len, false);
}

int tz_memref_write(unsigned int idx, uint64_t off, const void *buf, size_t len)
{
	struct sched_mem *m = memref_get(idx);
	int ret = memref_check(m, TZ_MEM_OUT, off, len, buf);

	/* memref_copy() only reads buf when write is true. */
	return ret ? ret : memref_copy(m, off, (uint8_t *)(uintptr_t)buf, len, true);
}
