/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * Crypto trusted service (service 2): payloads of TZ_CRYPTO_SHA256 and
 * TZ_CRYPTO_HMAC_SHA256.  Shared by the firmware, libtzcom/tzcom and tests.
 * See docs/crypto-storage.md.
 *
 * Request in sb_in:  struct tz_crypto_req, then data_len bytes of data;
 *                    cmd_len must be exactly sizeof(req) + data_len.
 * Response:          struct tzcom_svc_rsp_hdr {cmd_id, status}, then on
 *                    status 0 struct tz_crypto_digest_rsp; resp_len must be
 *                    at least TZ_CRYPTO_RSP_LEN.
 *
 * HMAC_SHA256 uses a device key derived with HKDF-SHA256 from the board's
 * secret (info "tzcom hmac v1"); the key never leaves the secure world.
 */
#ifndef TZCOM_TZ_CRYPTO_H
#define TZCOM_TZ_CRYPTO_H

#include <tzcom/tzsched.h>

#define TZ_CRYPTO_DIGEST_LEN	TZ_U(32)

#ifndef __ASSEMBLER__

struct tz_crypto_req {
	__u32 cmd_id;		/* TZ_CRYPTO_SHA256 or TZ_CRYPTO_HMAC_SHA256 */
	__u32 data_len;		/* bytes of data following this struct */
	/* __u8 data[data_len] follows */
};

struct tz_crypto_digest_rsp {
	__u8 digest[TZ_CRYPTO_DIGEST_LEN];
};

_Static_assert(sizeof(struct tz_crypto_req) == 8, "tz_crypto_req layout");
_Static_assert(sizeof(struct tz_crypto_digest_rsp) == 32, "digest layout");

#endif /* __ASSEMBLER__ */

/* Bytes a client must offer as resp_len. */
#define TZ_CRYPTO_RSP_LEN	(8U + TZ_CRYPTO_DIGEST_LEN)

/*
 * Largest data_len: sb_in holds the command and the response area
 * (cmd_len + resp_len <= TZCOM_SB_LEN), so
 * 20480 - 8 (request header) - 8 (response header) - 32 (digest) = 20432.
 */
#define TZ_CRYPTO_MAX_INPUT	(TZCOM_SB_LEN - 8U - TZ_CRYPTO_RSP_LEN)

/*
 * Any length (docs/crypto-storage.md, "Streaming"):
 *  - SHA256 and HMAC_SHA256 given memory argument 0 (IN) with data_len 0
 *    digest the whole argument: one command over registered memory.
 *  - In a session: INIT {struct tz_crypto_init_req} starts a digest
 *    (again from the start if one was running), then any number of UPDATE
 *    {struct tz_crypto_req, data} -- or UPDATE with data_len 0 and memory
 *    argument 0 (IN), all of it -- then FINAL {u32 id} answers the digest
 *    (struct tz_crypto_digest_rsp) and ends it.  UPDATE or FINAL with no
 *    digest running: -EINVAL; without a session: -EBADF.
 *  - Algorithms: SHA-256; HMAC-SHA256 under the device key (as
 *    HMAC_SHA256); HMAC-SHA256 under a key of 1..TZ_CRYPTO_KEY_MAX bytes
 *    the client gives in INIT (keys longer than 64 bytes are hashed, as
 *    RFC 2104 says).
 */
#define TZ_CRYPTO_ALG_SHA256		TZ_U(1)
#define TZ_CRYPTO_ALG_HMAC_DEVICE	TZ_U(2)
#define TZ_CRYPTO_ALG_HMAC_KEY		TZ_U(3)
#define TZ_CRYPTO_KEY_MAX		TZ_U(128)
#ifndef __ASSEMBLER__
struct tz_crypto_init_req {
	__u32 cmd_id;		/* TZ_CRYPTO_INIT */
	__u32 alg;		/* TZ_CRYPTO_ALG_* */
	__u32 key_len;		/* ALG_HMAC_KEY: 1..TZ_CRYPTO_KEY_MAX, else 0 */
	__u32 reserved;		/* 0 */
	__u8 key[TZ_CRYPTO_KEY_MAX];	/* key_len bytes used, the rest 0 */
};
_Static_assert(sizeof(struct tz_crypto_init_req) == 16 + 128, "init_req layout");
#endif /* __ASSEMBLER__ */

#endif /* TZCOM_TZ_CRYPTO_H */
