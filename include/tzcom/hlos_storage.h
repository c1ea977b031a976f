/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * Normal-world (HLOS) services served by tzcomd: the payloads of the
 * callbacks TZ_HLOS_STORAGE_* and TZ_HLOS_TIME_* (ids in tzsched.h) and
 * of their answers.  Shared by the secure world (sealed storage service),
 * libtzcom, tzcomd and tests.  Prose version: docs/protocol-hlos.md.
 *
 * Every answer of a tzcomd service starts with struct tz_hlos_rsp_hdr:
 * the driver's CONTINUE carries no status, so the service's own status
 * (0 or -errno, TZ_E* values) travels here, followed by data_len bytes.
 *
 * Storage callbacks (svc_id TZ_HLOS_STORAGE_SVC_ID): the request is
 * struct tz_hlos_storage_req, then name_len bytes of name, then data_len
 * bytes of data; the callback length must be exactly
 * sizeof(req) + name_len + data_len.
 *   WRITE  name, data (the object)  -> hdr, no data.  Atomic: a reader
 *                                       sees the old or the new object.
 *   READ   name, data_len = 0       -> hdr, data = the object
 *   REMOVE name, data_len = 0       -> hdr, no data
 *   LIST   name_len = 0, data_len=0 -> hdr, data = names, each followed by
 *                                       one NUL, in strcmp order
 * Status: 0; -EINVAL malformed request or bad name; -ENOENT no such
 * object (READ, REMOVE); -EMSGSIZE the answer would not fit (READ of an
 * object, or LIST, larger than TZ_HLOS_RSP_MAX_DATA); -ENOSPC/-EIO and
 * other errno values from the file system; -ENOSYS unknown command.
 *
 * Large objects (tz_storage.h) are written to a staging file and read in
 * ranges; the request is struct tz_hlos_storage_xreq, then name_len bytes
 * of name, then data_len bytes of data (WRITE_AT only):
 *   WRITE_AT  name, offset, data  -> hdr.  Writes into the object's
 *             staging file (never the object itself); TZ_HLOS_F_TRUNC
 *             first creates or empties it.  offset + data_len must stay
 *             within TZ_HLOS_OBJ_FILE_MAX (-EFBIG).
 *   COMMIT    name                -> hdr.  Makes the staging file the
 *             object, atomically and durably (fsync, rename, fsync of the
 *             directory); -ENOENT no staging file.
 *   READ_AT   name, offset, data_len = bytes wanted (at most
 *             TZ_HLOS_RSP_MAX_DATA) -> hdr, data = up to that many bytes
 *             of the object from offset (fewer at its end).
 *   DISCARD   name                -> hdr.  Removes the staging file (0 if
 *             there was none).
 * LIST never shows staging files.
 *
 * Time callback (svc_id TZ_HLOS_TIME_SVC_ID): TZ_HLOS_TIME_GET, any
 * request (conventionally the u32 cmd_id) -> hdr, struct tz_hlos_time_rsp
 * with CLOCK_REALTIME.
 */
#ifndef TZCOM_HLOS_STORAGE_H
#define TZCOM_HLOS_STORAGE_H

#include <tzcom/tzsched.h>

/*
 * Object names: 1..TZ_HLOS_NAME_MAX bytes of [A-Za-z0-9._-], not starting
 * with '.'; no NUL inside the name_len bytes.  Same rule as
 * TZ_STORAGE_NAME_MAX in tz_storage.h; tzcomd enforces it again.
 */
#define TZ_HLOS_NAME_MAX		TZ_U(64)

#define TZ_HLOS_RSP_HDR_LEN		TZ_U(8)
#define TZ_HLOS_STORAGE_REQ_LEN		TZ_U(16)

/* Largest answer data: CONTINUE's limit minus the answer header. */
#define TZ_HLOS_RSP_MAX_DATA		(TZCOM_CB_RSP_MAX_DATA - TZ_HLOS_RSP_HDR_LEN)
/* Largest WRITE data: the callback limit minus header and longest name. */
#define TZ_HLOS_WRITE_MAX_DATA \
	(TZCOM_CB_MAX_DATA - TZ_HLOS_STORAGE_REQ_LEN - TZ_HLOS_NAME_MAX)

#ifndef __ASSEMBLER__

#define TZ_HLOS_STORAGE_XREQ_LEN	TZ_U(24)
#define TZ_HLOS_F_TRUNC			TZ_U(0x1)
#define TZ_HLOS_OBJ_FILE_MAX		(TZ_ULL(1) << 31)

/* Header of every answer of a tzcomd service. */
struct tz_hlos_rsp_hdr {
	__s32 status;		/* 0 or -errno */
	__u32 data_len;		/* bytes of data following this header */
};

/* Header of every storage callback. */
struct tz_hlos_storage_req {
	__u32 cmd_id;		/* TZ_HLOS_STORAGE_*, equal to the callback id */
	__u32 name_len;		/* 0 for LIST, else 1..TZ_HLOS_NAME_MAX */
	__u32 data_len;		/* 0 except for WRITE */
	__u32 reserved;		/* 0 */
	/* char name[name_len]; __u8 data[data_len]; follow */
};

/* Header of WRITE_AT, COMMIT, READ_AT and DISCARD. */
struct tz_hlos_storage_xreq {
	__u32 cmd_id;		/* TZ_HLOS_STORAGE_*, equal to the callback id */
	__u32 name_len;		/* 1..TZ_HLOS_NAME_MAX */
	__u32 data_len;		/* WRITE_AT: data; READ_AT: bytes wanted; else 0 */
	__u32 flags;		/* WRITE_AT: TZ_HLOS_F_TRUNC or 0; else 0 */
	__u32 offset_lo;	/* WRITE_AT, READ_AT; else 0 */
	__u32 offset_hi;
	/* char name[name_len]; __u8 data[]; follow */
};

/* Data of the TZ_HLOS_TIME_GET answer. */
struct tz_hlos_time_rsp {
	__u32 sec_lo;		/* CLOCK_REALTIME seconds, low 32 bits */
	__u32 sec_hi;
	__u32 nsec;		/* 0..999999999 */
	__u32 reserved;
};

_Static_assert(sizeof(struct tz_hlos_rsp_hdr) == TZ_HLOS_RSP_HDR_LEN,
	       "tz_hlos_rsp_hdr layout");
_Static_assert(sizeof(struct tz_hlos_storage_req) == TZ_HLOS_STORAGE_REQ_LEN,
	       "tz_hlos_storage_req layout");
_Static_assert(sizeof(struct tz_hlos_time_rsp) == 16, "tz_hlos_time_rsp layout");
_Static_assert(sizeof(struct tz_hlos_storage_xreq) == TZ_HLOS_STORAGE_XREQ_LEN,
	       "tz_hlos_storage_xreq layout");

#endif /* __ASSEMBLER__ */
#endif /* TZCOM_HLOS_STORAGE_H */
