// SPDX-License-Identifier: BSD-3-Clause
/*
 * calloc/free for mbedTLS on a fixed heap in secure RAM.  mbedTLS only
 * allocates small contexts (a message-digest state, HMAC pads), so a
 * first-fit walk over an implicit block list is plenty; free blocks are
 * merged while walking.  Freed memory is wiped because it held key-derived
 * state.  Commands on several secure threads (and CPUs) allocate at
 * once, so one lock covers the block list; nothing logs under it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/spinlock.h>

#define HEAP_SIZE	(256 * 1024)
#define HEAP_ALIGN	16
#define BLK_MAGIC	0x4b4c4248U	/* "HBLK" */

struct blk {
	uint32_t magic;
	uint32_t used;
	uint64_t size;		/* whole block, header included, HEAP_ALIGN multiple */
};

_Static_assert(sizeof(struct blk) == HEAP_ALIGN, "block header keeps alignment");

#ifdef TZBSP_EL0
/*
 * Built into an S-EL0 service (secure/user/user.mk): the heap is that
 * exclusive service's, which runs one command at a time, and EL0 may not
 * wait for events (WFE traps, boot/mmu.c): no lock.
 */
static void heap_lock(void)
{
}

static void heap_unlock(void)
{
}
#else
static tz_spinlock_t heap_spin = TZ_SPINLOCK_INIT;

static void heap_lock(void)
{
	tz_spin_lock(&heap_spin);
}

static void heap_unlock(void)
{
	tz_spin_unlock(&heap_spin);
}
#endif
static uint8_t heap[HEAP_SIZE] __attribute__((aligned(HEAP_ALIGN)));
static int heap_ready;

static struct blk *blk_next(struct blk *b)
{
	return (struct blk *)((uint8_t *)b + b->size);
}

static int blk_in_heap(const struct blk *b)
{
	return (const uint8_t *)b >= heap &&
	       (const uint8_t *)b + sizeof(*b) <= heap + HEAP_SIZE;
}

static void heap_init(void)
{
	struct blk *b = (struct blk *)heap;

	b->magic = BLK_MAGIC;
	b->used = 0;
	b->size = HEAP_SIZE;
	heap_ready = 1;
}

void *calloc(size_t nmemb, size_t size);
void free(void *ptr);

static void *heap_alloc(uint64_t need)
{
	struct blk *b, *n;

	if (!heap_ready)
		heap_init();
	for (b = (struct blk *)heap; blk_in_heap(b); b = blk_next(b)) {
		if (b->used)
			continue;
		/* Merge the free blocks that follow. */
		for (n = blk_next(b); blk_in_heap(n) && !n->used; n = blk_next(b))
			b->size += n->size;
		if (b->size < need)
			continue;
		if (b->size - need >= 2 * sizeof(struct blk)) {
			n = (struct blk *)((uint8_t *)b + need);
			n->magic = BLK_MAGIC;
			n->used = 0;
			n->size = b->size - need;
			b->size = need;
		}
		b->used = 1;
		memset(b + 1, 0, b->size - sizeof(*b));
		return b + 1;
	}
	return NULL;
}

void *calloc(size_t nmemb, size_t size)
{
	uint64_t need;
	void *p;

	if (nmemb && size > (HEAP_SIZE / nmemb))
		return NULL;
	need = ((uint64_t)nmemb * size + HEAP_ALIGN - 1) & ~(uint64_t)(HEAP_ALIGN - 1);
	need += sizeof(struct blk);

	heap_lock();
	p = heap_alloc(need);
	heap_unlock();
	if (!p)
		tz_log("crypto heap: out of memory (%llu bytes)", (unsigned long long)need);
	return p;
}

void free(void *ptr)
{
	struct blk *b;
	bool bad;

	if (!ptr)
		return;
	b = (struct blk *)ptr - 1;
	heap_lock();
	bad = !blk_in_heap(b) || ((uintptr_t)ptr & (HEAP_ALIGN - 1)) ||
	      b->magic != BLK_MAGIC || !b->used;
	if (!bad) {
		memset(ptr, 0, b->size - sizeof(*b));
		b->used = 0;
	}
	heap_unlock();
	if (bad)
		tz_log("crypto heap: bad free of %p ignored", ptr);
}
