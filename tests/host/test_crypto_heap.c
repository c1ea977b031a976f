// SPDX-License-Identifier: BSD-3-Clause
/*
 * The secure heap behind mbedTLS's calloc/free (secure/crypto/heap.c),
 * compiled here under other names so it does not replace the host's
 * allocator: zeroed allocations, alignment, reuse and merging of freed
 * blocks, exhaustion, overflow of nmemb * size, and bad frees.
 */
#include "crypto_test.h"

#define calloc heap_calloc
#define free heap_free
#include "../../secure/crypto/heap.c"
#undef calloc
#undef free

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

int main(void)
{
	uint8_t *a, *b, *c, *d, *big;
	void *many[64];
	size_t i, n;

	a = heap_calloc(1, 100);
	b = heap_calloc(3, 33);
	OK(a && b, "two small allocations");
	OK(((uintptr_t)a & 15) == 0 && ((uintptr_t)b & 15) == 0, "16-byte aligned");
	OK(a >= heap && b + 99 < heap + HEAP_SIZE && a + 100 <= b, "inside the heap, disjoint");
	OK(all_zero(a, 100) && all_zero(b, 99), "zeroed");
	memset(a, 0xa5, 100);
	memset(b, 0x5a, 99);

	/* Freed memory is wiped and reused first-fit. */
	heap_free(a);
	OK(all_zero(a, 100), "free wipes the block");
	c = heap_calloc(1, 64);
	OK(c == a, "the freed block is reused");
	OK(all_zero(c, 64), "... zeroed");

	/* Neighbouring free blocks merge into one big enough for more. */
	heap_free(c);
	heap_free(b);
	d = heap_calloc(1, 200);
	OK(d == a, "merged free blocks satisfy a larger request");
	heap_free(d);

	/* The whole heap, less one header, in one piece; then nothing more. */
	big = heap_calloc(1, HEAP_SIZE - sizeof(struct blk));
	OK(big != NULL, "one allocation can take the whole heap");
	OK(heap_calloc(1, 1) == NULL, "then the heap is exhausted");
	heap_free(big);
	OK(heap_calloc(1, HEAP_SIZE) == NULL, "more than the heap: NULL");
	OK(heap_calloc((size_t)1 << 33, (size_t)1 << 33) == NULL,
	   "nmemb * size overflow: NULL");
	OK(heap_calloc(SIZE_MAX, 2) == NULL, "SIZE_MAX * 2: NULL");

	/* Many blocks, freed in a scattered order, merge back completely. */
	for (n = 0; n < 64; n++) {
		many[n] = heap_calloc(1, 100 + 37 * n);
		if (!many[n])
			break;
	}
	IS(n, 64, "64 blocks of growing size");
	for (i = 0; i < 64; i += 2)
		heap_free(many[i]);
	for (i = 1; i < 64; i += 2)
		heap_free(many[i]);
	big = heap_calloc(1, HEAP_SIZE - sizeof(struct blk));
	OK(big != NULL, "after freeing all, the heap is one block again");
	heap_free(big);

	/* Bad frees are refused, not followed. */
	a = heap_calloc(1, 32);
	heap_free(a + 16);
	heap_free(a + 1);
	heap_free((void *)main);
	heap_free(NULL);
	b = heap_calloc(1, 32);
	OK(b != a, "a pointer into a live block did not free it");
	heap_free(a);
	heap_free(a);		/* double free: ignored */
	c = heap_calloc(1, 32);
	d = heap_calloc(1, 32);
	OK(c == a && d != c, "a double free does not hand out a block twice");
	return tap_done();
}
