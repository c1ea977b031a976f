/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by the crypto and storage host tests (test_crypto_*.c): check
 * macros over tap.h, and the host stand-ins for the secure-world pieces those
 * services use besides mbedTLS (the log and the FP/SIMD bracket, which is
 * aarch64 assembly).  Include it from exactly one file per test binary.
 */
#ifndef TESTS_HOST_CRYPTO_TEST_H
#define TESTS_HOST_CRYPTO_TEST_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzbsp/service.h>

#include "tap.h"

#define CHECK(cond)	OK((cond), "%s", #cond)
#define CHECK_EQ(a, b)	IS((a), (b), "%s == %s", #a, #b)

static inline size_t unhex(const char *hex, uint8_t *out, size_t cap)
{
	size_t n = 0;
	unsigned int v;

	while (hex[0] && hex[1] && n < cap) {
		if (sscanf(hex, "%2x", &v) != 1)
			abort();
		out[n++] = (uint8_t)v;
		hex += 2;
	}
	return n;
}

/* The service a TZ_SERVICE() descriptor registered, as the scheduler finds it. */
extern const struct tz_service __start_tz_services[];
extern const struct tz_service __stop_tz_services[];

static inline const struct tz_service *find_service(uint32_t id)
{
	const struct tz_service *s;

	for (s = __start_tz_services; s < __stop_tz_services; s++)
		if (s->id == id)
			return s;
	return NULL;
}

/* A device secret record as device_secret.S lays it out. */
static inline void make_secret_record(struct tz_device_secret_record *rec,
				      uint8_t fill)
{
	size_t i;

	memcpy(rec->magic, TZ_DEVICE_SECRET_MAGIC, sizeof(rec->magic));
	rec->version = TZ_DEVICE_SECRET_VER;
	rec->len = TZ_DEVICE_SECRET_LEN;
	for (i = 0; i < TZ_DEVICE_SECRET_LEN; i++)
		rec->secret[i] = (uint8_t)(fill + 7 * i);
}

/* Host stand-ins. */
static int log_quiet = 1;

void tz_log(const char *fmt, ...)
{
	va_list ap;

	if (log_quiet)
		return;
	va_start(ap, fmt);
	fputs("[tzbsp] ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}


#endif /* TESTS_HOST_CRYPTO_TEST_H */
