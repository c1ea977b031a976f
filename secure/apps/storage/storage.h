/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared by the storage service's files: the blob commands
 * (storage_svc.c) and the large-object streams (stream.c).
 */
#ifndef TZBSP_STORAGE_STORAGE_H
#define TZBSP_STORAGE_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/rollback.h>
#include <tzcom/tzsched.h>
#include <tzcom/tz_storage.h>

#include "seal.h"

#define STORAGE_ENC_KEY_INFO	"tzcom storage v1"

/*
 * Callback request and answer, in the command's own scratch space
 * (tz_thread_scratch()).
 */
struct storage_bufs {
	uint8_t req[TZCOM_CB_MAX_DATA];
	uint8_t rsp[TZCOM_CB_RSP_MAX_DATA];
};

bool storage_name_valid(const char *name, size_t len);
/* A fresh nonce for a new version of name (pt: what it covers besides). */
int storage_make_nonce(const char *name, size_t name_len,
		       const uint8_t *pt, size_t len,
		       uint8_t nonce[TZ_STORAGE_NONCE_LEN]);
/* The sealing key, derived on the caller's stack; wipe it before any callback. */
int storage_enc_key(uint8_t key[SEAL_KEY_LEN]);
struct storage_bufs *storage_cb_bufs(void);
/*
 * Send the callback in b->req (len bytes) and check tzcomd's answer:
 * its status, and on 0 the answer data in b->rsp (*data, *data_len).
 */
int storage_cb_call(struct storage_bufs *b, uint32_t cb_id, size_t len,
		    const uint8_t **data, size_t *data_len);
int storage_object_id(const char *name, size_t name_len, struct tz_rb_id *id);
uint64_t storage_nonce_pin(const uint8_t nonce[TZ_STORAGE_NONCE_LEN]);
/* Whether an authentic blob or header is the object's committed version. */
int storage_check_current(const char *name, size_t name_len,
			  const struct seal_meta *meta);

/* stream.c: the session commands PUT_BEGIN .. GET_DATA. */
int storage_stream_cmd(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len);
/* -TZ_EBUSY if a session stages a new version of name. */
int storage_stream_busy(const char *name, size_t name_len);
/* RM of name: ends any session's staging of it and drops its staging file. */
int storage_stream_rm(const char *name, size_t name_len);
/* Whether a blob read back for GET is a large object's header. */
bool storage_is_large(const uint8_t *blob, size_t len);

/*
 * A session's stream (TZ_SESSION_STATE, all zero when the session is new):
 * the object being staged or read and how far it got.
 */
enum { STREAM_NONE, STREAM_PUT, STREAM_GET };
struct storage_stream {
	uint32_t mode;			/* STREAM_* */
	uint32_t name_len;
	char name[TZ_STORAGE_NAME_MAX];
	struct seal_obj obj;		/* PUT: data_len so far, nchunks unset */
	uint32_t format;		/* GET: TZ_STORAGE_BLOB_VERSION or _OBJ_VERSION */
	uint32_t next;			/* next chunk index */
};
extern struct storage_stream storage_sessions[TZ_SESSIONS_PER_SVC];

#endif /* TZBSP_STORAGE_STORAGE_H */
