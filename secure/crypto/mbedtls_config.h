/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TZBSP's mbedTLS configuration (MBEDTLS_CONFIG_FILE for every firmware
 * object that includes an mbedTLS header, and for the library modules
 * secure/crypto/crypto.mk builds from Debian's mbedtls source).
 *
 * Only the primitives the crypto and storage services use are on, and
 * nothing that needs an operating system: no file I/O, no clock, no
 * entropy collector, no threading.  Allocation and the self-tests'
 * printf are our own functions (heap.c, mbedtls_printf.c) rather than libc's,
 * which the image does not link.  docs/crypto-storage.md lists the
 * modules; adding a primitive means adding its module there as well.
 */
#ifndef TZBSP_MBEDTLS_CONFIG_H
#define TZBSP_MBEDTLS_CONFIG_H

#include <stddef.h>

/* Primitives */
#define MBEDTLS_SHA256_C
#define MBEDTLS_MD_C
#define MBEDTLS_HKDF_C
#define MBEDTLS_CHACHA20_C
#define MBEDTLS_POLY1305_C
#define MBEDTLS_CHACHAPOLY_C

/* The boot-time known-answer tests (selftest.c) call the library's own. */
#define MBEDTLS_SELF_TEST

/*
 * Platform: no libc behind the library.  The macros bind mbedTLS's names
 * at compile time, so platform.c has nothing left to build.
 */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_CALLOC_MACRO	calloc
#define MBEDTLS_PLATFORM_FREE_MACRO	free
#define MBEDTLS_PLATFORM_PRINTF_MACRO	tz_mbedtls_printf

void *calloc(size_t nmemb, size_t size);
void free(void *ptr);
int tz_mbedtls_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#include <mbedtls/check_config.h>

#endif /* TZBSP_MBEDTLS_CONFIG_H */
