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

#endif /* TZCOM_TZ_CRYPTO_H */
