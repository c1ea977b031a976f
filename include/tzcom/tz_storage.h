/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * Sealed storage trusted service (service 3): payloads of TZ_STORAGE_PUT,
 * _GET, _RM and _LIST, and the format of the sealed blob that the normal
 * world stores.  See docs/crypto-storage.md.
 *
 * Every request is struct tz_storage_req followed by name_len bytes of
 * name and data_len bytes of data; cmd_len must be exactly
 * sizeof(req) + name_len + data_len.
 *   PUT:  name, data (the plaintext)         -> header only
 *   GET:  name, data_len = 0                 -> struct tz_storage_get_rsp + data
 *   RM:   name, data_len = 0                 -> header only
 *   LIST: name_len = 0, data_len = 0         -> struct tz_storage_list_rsp + names
 * Every response starts with struct tzcom_svc_rsp_hdr {cmd_id, status}.
 * Status: 0; -EINVAL bad name or lengths; -EMSGSIZE data too large;
 * -ERANGE response area too small; -ENOENT no such object; -EBADMSG the
 * stored blob failed authentication (tampered, truncated, renamed, another
 * object's or from another board); -ESTALE the blob is authentic but not
 * the object's current version (rolled back, or the object was removed);
 * -EINPROGRESS it is newer than the version in secure flash (a PUT whose
 * commit did not happen); -EKEYEXPIRED it was sealed under another counter
 * store (the secure flash's counters were reset) or before anti-rollback
 * (blob format 1) -- no data is returned for any of these; -EIO the
 * counter store in secure flash cannot be used; or the normal world's
 * error.
 */
#ifndef TZCOM_TZ_STORAGE_H
#define TZCOM_TZ_STORAGE_H

#include <tzcom/tzsched.h>

/*
 * Object names: 1..64 bytes of [A-Za-z0-9._-], not starting with '.',
 * no NUL.  tzcomd uses them as file names, so the secure world enforces
 * this before any callback.
 */
#define TZ_STORAGE_NAME_MAX	TZ_U(64)

#ifndef __ASSEMBLER__

struct tz_storage_req {
	__u32 cmd_id;		/* TZ_STORAGE_* */
	__u32 name_len;
	__u32 data_len;
	/* char name[name_len]; __u8 data[data_len]; follow */
};

struct tz_storage_get_rsp {
	__u32 data_len;
	/* __u8 data[data_len] follows */
};

/* LIST answer: count names, each NUL-terminated, names_len bytes in all. */
struct tz_storage_list_rsp {
	__u32 count;
	__u32 names_len;
	/* char names[names_len] follows */
};

/*
 * Sealed blob, as handed to the normal world (TZ_HLOS_STORAGE_WRITE) and
 * read back (TZ_HLOS_STORAGE_READ):
 *   struct tz_storage_blob_hdr | ciphertext[data_len] | tag[16]
 * AEAD: ChaCha20-Poly1305 (RFC 8439) under HKDF-SHA256(device secret,
 * info "tzcom storage v1"); associated data = the 40-byte header followed
 * by the object name, so a blob renamed on disk fails to open.  The header
 * carries the object's version and the counter store's epoch, which GET
 * checks against the secure flash (anti-rollback).
 */
#define TZ_STORAGE_BLOB_MAGIC	TZ_U(0x42535a54)	/* "TZSB" */
#define TZ_STORAGE_BLOB_VERSION	TZ_U(2)
#define TZ_STORAGE_ALG_CHACHAPOLY TZ_U(1)
#define TZ_STORAGE_NONCE_LEN	TZ_U(12)
#define TZ_STORAGE_TAG_LEN	TZ_U(16)

struct tz_storage_blob_hdr {
	__u32 magic;		/* TZ_STORAGE_BLOB_MAGIC */
	__u16 version;		/* TZ_STORAGE_BLOB_VERSION */
	__u16 alg;		/* TZ_STORAGE_ALG_CHACHAPOLY */
	__u8 nonce[TZ_STORAGE_NONCE_LEN];
	__u32 data_len;		/* plaintext = ciphertext length */
	__u64 epoch;		/* the counter store this object's version lives in */
	__u64 obj_version;	/* 1 for the first PUT, +1 each PUT */
};

_Static_assert(sizeof(struct tz_storage_req) == 12, "tz_storage_req layout");
_Static_assert(sizeof(struct tz_storage_get_rsp) == 4, "get_rsp layout");
_Static_assert(sizeof(struct tz_storage_list_rsp) == 8, "list_rsp layout");
_Static_assert(sizeof(struct tz_storage_blob_hdr) == 40, "blob_hdr layout");

#endif /* __ASSEMBLER__ */

#define TZ_STORAGE_BLOB_OVERHEAD (40U + TZ_STORAGE_TAG_LEN)	/* 56 */

/*
 * Room reserved for the header of a normal-world storage callback: the
 * firmware asserts that struct tz_hlos_storage_req (hlos_storage.h, 16
 * bytes) and struct tz_hlos_rsp_hdr (8 bytes) fit in it.
 */
#define TZ_STORAGE_HLOS_HDR_MAX	TZ_U(16)

/*
 * Largest object (20332 bytes).  The tightest of the four limits is the
 * WRITE callback, whose data (<= TZCOM_CB_MAX_DATA = 20468) carries the
 * callback header, the name and the blob:
 *   20468 - 16 - 64 - 56 = 20332.
 * The others are looser: PUT command 20480 - 12 - 64 - 8 = 20396; GET
 * command and response 20480 - 12 - 64 - 8 - 4 = 20392; READ answer
 * (<= TZCOM_CB_RSP_MAX_DATA = 20464) 20464 - 8 - 56 = 20400.
 */
#define TZ_STORAGE_MAX_DATA \
	(TZCOM_CB_MAX_DATA - TZ_STORAGE_HLOS_HDR_MAX - TZ_STORAGE_NAME_MAX - \
	 TZ_STORAGE_BLOB_OVERHEAD)

/*
 * ---- Large objects, streamed in a session (docs/crypto-storage.md,
 * "Large objects") ----
 *
 * PUT_BEGIN  struct tz_storage_req {id, name_len, data_len 0}, name
 *            -> struct tz_storage_begin_rsp (data_len 0).  Starts a new
 *            version of the object in a staging file; the committed
 *            version stays readable until the PUT ends.
 * PUT_DATA   struct tz_storage_stream_req, then data_len bytes (or, with
 *            TZ_STORAGE_F_MEMREF, memory argument 0 (IN), its first
 *            data_len bytes).  Without TZ_STORAGE_F_LAST data_len is a
 *            positive multiple of chunk_size; with it, any length (0
 *            included), and the object ends there: the service seals the
 *            rest, writes the header, commits the staging file and the new
 *            version -> header only.
 * GET_BEGIN  struct tz_storage_req + name -> struct tz_storage_begin_rsp:
 *            the object's length, after its header was authenticated and
 *            found current (the same refusals as GET).  An object written
 *            by PUT (one blob) is read this way too.
 * GET_DATA   struct tz_storage_stream_req {data_len = room}: the next
 *            whole chunks that fit in data_len bytes (at least one chunk
 *            must fit, else -ERANGE) -> struct tz_storage_data_rsp, then
 *            the bytes -- or, with TZ_STORAGE_F_MEMREF, written to memory
 *            argument 0 (OUT).  TZ_STORAGE_F_LAST in the answer: nothing
 *            follows.  A chunk that fails to open: -EBADMSG, and the
 *            stream is over.
 * Outside a session: -EBADF; PUT_DATA / GET_DATA without the matching
 * BEGIN: -EINVAL.  GET of a large object: -EFBIG.  Up to
 * TZ_STORAGE_OBJ_MAX bytes.
 *
 * Layout of a large object as the normal world stores it:
 *   struct tz_storage_obj_hdr | tag[16]          (TZ_STORAGE_OBJ_HDR_LEN)
 *   chunk 0: ciphertext[chunk_size] | tag[16]
 *   ...
 *   chunk n-1: ciphertext[data_len % chunk_size] | tag   (0 bytes included)
 * n = nchunks = data_len / chunk_size + 1: the last chunk holds the rest,
 * so an empty object is one empty chunk, and an object of k whole chunks
 * ends with an empty one (the service can seal each whole chunk as it
 * comes, before it knows whether the next PUT_DATA ends the object).
 * Chunk i is sealed with nonce = hdr.nonce[0..8] || le32(i) and
 * associated data = struct tz_storage_chunk_aad || name; the header with
 * nonce[0..8] || 0xffffffff, empty plaintext and associated data = the
 * header || name.  So a chunk cannot move, repeat, vanish or come from
 * another object or version, and the header fixes the length.
 */
#define TZ_STORAGE_OBJ_MAGIC	TZ_U(0x4f535a54)	/* "TZSO" */
#define TZ_STORAGE_OBJ_VERSION	TZ_U(3)
#define TZ_STORAGE_CHUNK_SIZE	TZ_U(16384)
#define TZ_STORAGE_OBJ_MAX	(TZ_ULL(1) << 30)
#define TZ_STORAGE_F_MEMREF	TZ_U(0x1)
#define TZ_STORAGE_F_LAST	TZ_U(0x2)
#ifndef __ASSEMBLER__
struct tz_storage_stream_req {
	__u32 cmd_id;		/* TZ_STORAGE_PUT_DATA or _GET_DATA */
	__u32 flags;		/* TZ_STORAGE_F_* */
	__u32 data_len;
	__u32 reserved;		/* 0 */
	/* PUT_DATA without F_MEMREF: __u8 data[data_len] follows */
};
struct tz_storage_begin_rsp {
	__u32 data_len_lo;	/* GET_BEGIN: the object's length */
	__u32 data_len_hi;
	__u32 chunk_size;
	__u32 reserved;
};
struct tz_storage_data_rsp {
	__u32 data_len;
	__u32 flags;		/* TZ_STORAGE_F_LAST at the end */
	/* __u8 data[data_len] follows, unless F_MEMREF */
};
struct tz_storage_obj_hdr {
	__u32 magic;		/* TZ_STORAGE_OBJ_MAGIC */
	__u16 version;		/* TZ_STORAGE_OBJ_VERSION */
	__u16 alg;		/* TZ_STORAGE_ALG_CHACHAPOLY */
	__u8 nonce[TZ_STORAGE_NONCE_LEN];
	__u32 chunk_size;
	__u64 epoch;
	__u64 obj_version;
	__u64 data_len;
	__u32 nchunks;		/* >= 1 */
	__u32 reserved;		/* 0 */
};
struct tz_storage_chunk_aad {
	__u32 magic;		/* of the header, then its fields as sealed */
	__u16 version;
	__u16 alg;
	__u8 nonce[TZ_STORAGE_NONCE_LEN];
	__u32 chunk_size;
	__u64 epoch;
	__u64 obj_version;
	__u32 index;
	__u32 last;		/* 1 for chunk nchunks - 1, else 0 */
};
_Static_assert(sizeof(struct tz_storage_stream_req) == 16, "stream_req layout");
_Static_assert(sizeof(struct tz_storage_begin_rsp) == 16, "begin_rsp layout");
_Static_assert(sizeof(struct tz_storage_data_rsp) == 8, "data_rsp layout");
_Static_assert(sizeof(struct tz_storage_obj_hdr) == 56, "obj_hdr layout");
_Static_assert(sizeof(struct tz_storage_chunk_aad) == 48, "chunk_aad layout");
#endif /* __ASSEMBLER__ */
#define TZ_STORAGE_OBJ_HDR_LEN	(56U + TZ_STORAGE_TAG_LEN)
#define TZ_STORAGE_CHUNK_BLOB	(TZ_STORAGE_CHUNK_SIZE + TZ_STORAGE_TAG_LEN)

/* resp_len a GET needs for an object of n bytes. */
#define TZ_STORAGE_GET_RSP_LEN(n)	(8U + 4U + (n))

#endif /* TZCOM_TZ_STORAGE_H */
