/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stand-ins for TZBSP's session and memory-argument calls
 * (tzbsp/service.h) for standalone service tests, which call a service's
 * handle() without the scheduler.  They follow the documented contract
 * (directions, bounds, the per-call cap) and count the calls.
 */
#ifndef TESTS_HOST_FAKE_MEMREF_H
#define TESTS_HOST_FAKE_MEMREF_H

#include <stddef.h>
#include <stdint.h>

/* The next commands' session index, or -1 for none. */
void fake_session_set(int idx);
/* Memory argument 0 of the next commands; mem NULL: none. */
void fake_memref_set(void *mem, uint64_t size, uint32_t flags);
/* tz_memref_read() calls since the last fake_memref_set(), largest len. */
extern unsigned int fake_memref_reads;
extern size_t fake_memref_max_read;

#endif /* TESTS_HOST_FAKE_MEMREF_H */
