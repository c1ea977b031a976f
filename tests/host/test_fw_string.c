// SPDX-License-Identifier: BSD-3-Clause
/*
 * The firmware's memcpy, memmove and memset (secure/lib/string.c) against
 * a byte-by-byte reference, for every source and destination alignment,
 * sizes around the word and 16-byte thresholds, and overlap in both
 * directions.  The file is compiled in here with its functions renamed,
 * so the host's own memcpy (and ASan's) stay in place.  Source buffers
 * end at the end of their allocation and the bytes before them are
 * poisoned, so under ASan a word read outside [src, src + n) fails the
 * test: the firmware relies on never reading outside the source.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define POISON(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define UNPOISON(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define POISON(p, n)	((void)(p), (void)(n))
#define UNPOISON(p, n)	((void)(p), (void)(n))
#endif

#include "tap.h"

#define memcpy	fw_memcpy
#define memmove	fw_memmove
#define memset	fw_memset
#define memcmp	fw_memcmp
#define memchr	fw_memchr
#define strlen	fw_strlen
#define strnlen	fw_strnlen
#define strcmp	fw_strcmp
#define strncmp	fw_strncmp
#include "../../secure/lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef memchr
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp

#define GUARD	24
#define FILL	0xcc

static const size_t sizes[] = {
	0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 39, 40, 41,
	63, 64, 65, 100, 255, 256, 1021, 4096, 4099,
};
#define NSIZES	(sizeof(sizes) / sizeof(sizes[0]))

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 131 + 7 + (i >> 8));
}

/* memcpy into a guarded buffer from a source fenced by ASan. */
static int check_memcpy(void)
{
	int bad = 0;

	for (size_t k = 0; k < NSIZES; k++) {
		size_t n = sizes[k];

		for (size_t so = 0; so < 8; so++) {
			unsigned char *sbuf = malloc(so + n + 1);
			unsigned char *src = sbuf + so;

			for (size_t i = 0; i < n; i++)
				src[i] = pattern(i);
			POISON(sbuf, so);
			for (size_t dof = 0; dof < 8; dof++) {
				unsigned char *dbuf = malloc(n + 2 * GUARD + 8);
				unsigned char *dst = dbuf + GUARD + dof;
				void *ret;

				memset(dbuf, FILL, n + 2 * GUARD + 8);
				ret = fw_memcpy(dst, src, n);
				for (size_t i = 0; i < n + 2 * GUARD + 8; i++) {
					unsigned char want = FILL;

					if (dbuf + i >= dst && dbuf + i < dst + n)
						want = pattern((size_t)(dbuf + i - dst));
					if (dbuf[i] != want) {
						if (!bad++)
							tap_diag("  memcpy n=%zu src+%zu dst+%zu: byte %zd is 0x%02x, want 0x%02x",
								 n, so, dof, (ptrdiff_t)(dbuf + i - dst),
								 dbuf[i], want);
						break;
					}
				}
				if (ret != dst && !bad++)
					tap_diag("  memcpy n=%zu returned the wrong pointer", n);
				free(dbuf);
			}
			UNPOISON(sbuf, so);
			free(sbuf);
		}
	}
	return bad;
}

/*
 * memmove within one buffer, source and destination delta bytes apart
 * (both signs), against memmove of the host library on a copy.
 */
static int check_memmove(void)
{
	int bad = 0;

	for (size_t k = 0; k < NSIZES; k++) {
		size_t n = sizes[k];
		size_t len = n + 2 * GUARD + 40;
		unsigned char *buf = malloc(len), *ref = malloc(len);

		for (int delta = -20; delta <= 20; delta++) {
			for (size_t so = GUARD; so < GUARD + 8; so++) {
				size_t dof = (size_t)((ptrdiff_t)so + delta);
				void *ret;

				for (size_t i = 0; i < len; i++)
					buf[i] = ref[i] = pattern(i + 1000);
				memmove(ref + dof, ref + so, n);
				ret = fw_memmove(buf + dof, buf + so, n);
				if (memcmp(buf, ref, len) || ret != buf + dof) {
					if (!bad++)
						tap_diag("  memmove n=%zu src+%zu delta %d differs",
							 n, so, delta);
				}
			}
		}
		free(buf);
		free(ref);
	}
	return bad;
}

static int check_memset(void)
{
	int bad = 0;

	for (size_t k = 0; k < NSIZES; k++) {
		size_t n = sizes[k];

		for (size_t dof = 0; dof < 8; dof++) {
			unsigned char *dbuf = malloc(n + 2 * GUARD + 8);
			unsigned char *dst = dbuf + GUARD + dof;
			int c = (int)(0x100 + 0x5a + dof);	/* only the low byte counts */

			memset(dbuf, FILL, n + 2 * GUARD + 8);
			if (fw_memset(dst, c, n) != dst && !bad++)
				tap_diag("  memset n=%zu returned the wrong pointer", n);
			for (size_t i = 0; i < n + 2 * GUARD + 8; i++) {
				int in = dbuf + i >= dst && dbuf + i < dst + n;
				unsigned char want = in ? (unsigned char)c : FILL;

				if (dbuf[i] != want) {
					if (!bad++)
						tap_diag("  memset n=%zu dst+%zu: byte %zd is 0x%02x",
							 n, dof, (ptrdiff_t)(dbuf + i - dst), dbuf[i]);
					break;
				}
			}
			free(dbuf);
		}
	}
	return bad;
}

int main(void)
{
	char a[8] = "abc", b[8] = "abd";
	int bad;

	bad = check_memcpy();
	IS(bad, 0, "memcpy: %zu sizes x 8 source x 8 destination alignments, guards intact",
	   NSIZES);
	bad = check_memmove();
	IS(bad, 0, "memmove: %zu sizes, overlap by -20..20 bytes, 8 alignments", NSIZES);
	bad = check_memset();
	IS(bad, 0, "memset: %zu sizes x 8 alignments, guards intact", NSIZES);

	OK(fw_memcmp(a, b, 3) < 0 && fw_memcmp(b, a, 3) > 0 && !fw_memcmp(a, b, 2),
	   "memcmp orders by the first differing byte");
	OK(fw_strlen(a) == 3 && fw_strnlen(a, 2) == 2 && fw_strcmp(a, b) < 0 &&
	   !fw_strncmp(a, b, 2) && fw_memchr(a, 'c', 3) == a + 2 &&
	   !fw_memchr(a, 'z', 3), "strlen, strnlen, strcmp, strncmp, memchr");
	return tap_done();
}
