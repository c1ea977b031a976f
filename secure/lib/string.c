// SPDX-License-Identifier: BSD-3-Clause
/*
 * The C library string functions the firmware and libmbedcrypto.a need
 * (the compiler also emits memcpy/memset calls for struct copies).
 *
 * memcpy, memmove and memset move 8-byte words and use only aligned
 * accesses: boot code calls them with the MMU off, where every access is
 * Device-nGnRnE and an unaligned one faults (hence -mstrict-align too).
 * When source and destination are aligned differently, which is the
 * normal case for payloads (the echo copies req + 4 to sb_in + cmd_len +
 * 8), the destination is aligned and each stored word is merged from two
 * aligned source words with shifts.  Words are only ever read where all
 * eight bytes belong to the source, so nothing outside [src, src + n) is
 * touched; the few bytes at either end go byte by byte.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the word merge in string.c assumes a little-endian target"
#endif

#define WORD	sizeof(uint64_t)
/* Below this a byte loop is as quick as setting up the word loop. */
#define SMALL	16

/* May alias anything: these words are views of arbitrary bytes. */
typedef uint64_t __attribute__((may_alias)) word_t;

static inline uintptr_t misalign(const void *p)
{
	return (uintptr_t)p & (WORD - 1);
}

/*
 * Forward copy.  Correct for overlapping buffers with dst < src too
 * (memmove relies on it): every store lands below the source bytes not
 * read yet, so no restrict here.
 */
static void copy_fwd(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= SMALL) {
		size_t off, c;

		while (misalign(d)) {
			*d++ = *s++;
			n--;
		}
		off = misalign(s);
		if (!off) {
			for (; n >= 4 * WORD; n -= 4 * WORD, d += 4 * WORD, s += 4 * WORD) {
				const word_t *sw = (const word_t *)(const void *)s;
				word_t *dw = (word_t *)(void *)d;
				word_t a = sw[0], b = sw[1], e = sw[2], f = sw[3];

				dw[0] = a;
				dw[1] = b;
				dw[2] = e;
				dw[3] = f;
			}
			for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
				*(word_t *)(void *)d = *(const word_t *)(const void *)s;
		} else if (n >= 2 * WORD) {
			/*
			 * c = 8 - off source bytes up to the next aligned
			 * word ride in "carry"; each output word is those
			 * plus the low off bytes of the next aligned word.
			 */
			const unsigned char *p = s + (c = WORD - off);
			uint64_t carry = 0;

			for (size_t i = 0; i < c; i++)
				carry |= (uint64_t)s[i] << (8 * i);
			/*
			 * n - c bytes lie at and after p; read whole words
			 * only, two at a time (under TCG the loop overhead
			 * is as dear as the work), then maybe one more.
			 */
			for (; n - c >= 2 * WORD; n -= 2 * WORD, d += 2 * WORD, p += 2 * WORD) {
				uint64_t w0 = ((const word_t *)(const void *)p)[0];
				uint64_t w1 = ((const word_t *)(const void *)p)[1];

				((word_t *)(void *)d)[0] = carry | w0 << (8 * c);
				((word_t *)(void *)d)[1] = w0 >> (8 * off) | w1 << (8 * c);
				carry = w1 >> (8 * off);
			}
			if (n - c >= WORD) {
				uint64_t w = *(const word_t *)(const void *)p;

				*(word_t *)(void *)d = carry | w << (8 * c);
				carry = w >> (8 * off);
				n -= WORD;
				d += WORD;
				p += WORD;
			}
			/* The carried bytes are still in memory at p - c. */
			s = p - c;
		}
	}
	while (n--)
		*d++ = *s++;
}

/* Backward copy for overlapping buffers with dst > src; d, s are ends. */
static void copy_bwd(unsigned char *d, const unsigned char *s, size_t n)
{
	if (n >= SMALL) {
		size_t off;

		while (misalign(d)) {
			*--d = *--s;
			n--;
		}
		off = misalign(s);
		if (!off) {
			for (; n >= WORD; n -= WORD) {
				d -= WORD;
				s -= WORD;
				*(word_t *)(void *)d = *(const word_t *)(const void *)s;
			}
		} else if (n >= 2 * WORD) {
			/* The off bytes below s ride in carry, as in copy_fwd. */
			const unsigned char *p = s - off;
			uint64_t carry = 0;

			for (size_t i = 0; i < off; i++)
				carry |= (uint64_t)p[i] << (8 * i);
			for (; n - off >= WORD; n -= WORD) {
				uint64_t w;

				p -= WORD;
				d -= WORD;
				w = *(const word_t *)(const void *)p;
				*(word_t *)(void *)d = w >> (8 * off) |
						       carry << (8 * (WORD - off));
				carry = w;
			}
			s = p + off;
		}
	}
	while (n--)
		*--d = *--s;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_fwd(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d == s || n == 0)
		return dst;
	if ((uintptr_t)d - (uintptr_t)s >= n)	/* d < s, or no overlap */
		copy_fwd(d, s, n);
	else
		copy_bwd(d + n, s + n, n);
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t w = (unsigned char)c * 0x0101010101010101ULL;

	while (n && misalign(d)) {
		*d++ = (unsigned char)c;
		n--;
	}
	for (; n >= 4 * WORD; n -= 4 * WORD, d += 4 * WORD) {
		((word_t *)(void *)d)[0] = w;
		((word_t *)(void *)d)[1] = w;
		((word_t *)(void *)d)[2] = w;
		((word_t *)(void *)d)[3] = w;
	}
	for (; n >= WORD; n -= WORD, d += WORD)
		*(word_t *)(void *)d = w;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}
