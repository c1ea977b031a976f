/* SPDX-License-Identifier: BSD-3-Clause */
/* The TZ log ring in sb_log (struct tzcom_log_ring), fed by tz_log. */
#ifndef TZBSP_APPS_CORE_LOG_RING_H
#define TZBSP_APPS_CORE_LOG_RING_H

#include <stdbool.h>
#include <stdint.h>

/* Start logging into [pa, pa + len), replacing any earlier ring. */
void log_ring_init(uint64_t pa, uint32_t len);
/* Stop writing into sb_log; no CPU touches it once this returns. */
void log_ring_release(void);
bool log_ring_get(uint64_t *pa, uint32_t *len);

#endif
