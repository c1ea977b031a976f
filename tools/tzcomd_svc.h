/* SPDX-License-Identifier: BSD-3-Clause */
/* tzcomd's normal-world services (docs/protocol-hlos.md). */
#ifndef TZCOMD_SVC_H
#define TZCOMD_SVC_H

#include <stddef.h>
#include <stdint.h>

/* State of the storage service: the directory that holds the objects. */
struct tzcomd_store {
	int dirfd;
};

/*
 * Remove the temp files (".NAME.TAG.tmp") a crashed writer left behind.
 * Only safe while no handler runs, i.e. before serving.  Returns how many
 * were removed, or -errno.
 */
int tzcomd_clean_temps(struct tzcomd_store *st);

/* 0 if name (len bytes, not NUL-terminated) is a valid object name. */
int tzcomd_name_ok(const char *name, size_t len);

/* libtzcom handlers (tzcom_handler_fn); ctx is a struct tzcomd_store. */
int tzcomd_storage_handler(void *ctx, uint32_t cmd_id, const void *req,
			   size_t req_len, void *rsp, size_t rsp_cap,
			   size_t *rsp_len);
/* ctx unused. */
int tzcomd_time_handler(void *ctx, uint32_t cmd_id, const void *req,
			size_t req_len, void *rsp, size_t rsp_cap,
			size_t *rsp_len);

#endif /* TZCOMD_SVC_H */
