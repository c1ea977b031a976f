// SPDX-License-Identifier: BSD-3-Clause
/*
 * The C library symbols Debian's libmbedcrypto.a objects reference, for a
 * freestanding S-EL1 image.  Only what the objects we link actually need
 * (checked with aarch64-linux-gnu-nm -u): the stack protector, the _chk
 * fortify entry points, printf/puts/putchar (self-test output, routed to
 * tz_log line by line), and the stdio/time functions of code paths we never
 * call (file hashing, gmtime), which fail cleanly.  calloc/free are in
 * heap.c; memcpy/memset/memcmp/strcmp come from secure/lib.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/panic.h>

/* glibc's names and signatures; FILE and struct tm stay opaque here. */
int __printf_chk(int flag, const char *fmt, ...);
int puts(const char *s);
int putchar(int c);
void *__memset_chk(void *dst, int c, size_t len, size_t dstlen);
void *__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen);
void *fopen(const char *path, const char *mode);
int fclose(void *f);
size_t fread(void *ptr, size_t size, size_t n, void *f);
size_t fwrite(const void *ptr, size_t size, size_t n, void *f);
int ferror(void *f);
void *gmtime_r(const void *t, void *tm);
void __stack_chk_fail(void);

/*
 * The canary that mbedTLS's objects and the firmware's own
 * -fstack-protector-strong code compare against.  A fixed value with a zero low
 * byte (stops string overruns); it is not reseeded because frames holding
 * the old value would then fail on return.
 */
uintptr_t __stack_chk_guard = 0x7a93c5e1d42b6f00UL;

static __attribute__((noreturn)) void shim_halt(const char *why)
{
	panic("crypto shim: %s", why);
}

void __stack_chk_fail(void)
{
	shim_halt("stack smashing detected");
}

void *__memset_chk(void *dst, int c, size_t len, size_t dstlen)
{
	if (len > dstlen)
		shim_halt("memset overflow");
	return memset(dst, c, len);
}

void *__memcpy_chk(void *dst, const void *src, size_t len, size_t dstlen)
{
	if (len > dstlen)
		shim_halt("memcpy overflow");
	return memcpy(dst, src, len);
}

/* printf output is collected into lines, each one a tz_log line. */
static char line[160];
static size_t line_len;

static void line_flush(void)
{
	line[line_len] = '\0';
	tz_log("%s", line);
	line_len = 0;
}

static void line_put(char c)
{
	if (c == '\n') {
		line_flush();
		return;
	}
	line[line_len++] = c;
	if (line_len == sizeof(line) - 1)
		line_flush();
}

int __printf_chk(int flag, const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	int n, i;

	(void)flag;
	va_start(ap, fmt);
	n = tz_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (i = 0; i < n && buf[i]; i++)
		line_put(buf[i]);
	return n;
}

int puts(const char *s)
{
	int n = 0;

	while (s[n])
		line_put(s[n++]);
	line_put('\n');
	return n + 1;
}

int putchar(int c)
{
	line_put((char)c);
	return (unsigned char)c;
}

/* No file system in the secure world: mbedtls_md_file() and friends fail. */
void *fopen(const char *path, const char *mode)
{
	(void)path;
	(void)mode;
	return NULL;
}

int fclose(void *f)
{
	(void)f;
	return -1;
}

size_t fread(void *ptr, size_t size, size_t n, void *f)
{
	(void)ptr;
	(void)size;
	(void)n;
	(void)f;
	return 0;
}

size_t fwrite(const void *ptr, size_t size, size_t n, void *f)
{
	(void)ptr;
	(void)size;
	(void)n;
	(void)f;
	return 0;
}

int ferror(void *f)
{
	(void)f;
	return 1;
}

/* No wall clock either (certificate dates are not our business). */
void *gmtime_r(const void *t, void *tm)
{
	(void)t;
	(void)tm;
	return NULL;
}
