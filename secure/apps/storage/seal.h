/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sealing of storage objects: ChaCha20-Poly1305 (RFC 8439) blobs bound to
 * the object's name, version and counter-store epoch.  Pure functions of
 * their arguments, so host tests run them against the RFC vector and
 * tampered blobs.  Blob format: include/tzcom/tz_storage.h.
 */
#ifndef TZBSP_STORAGE_SEAL_H
#define TZBSP_STORAGE_SEAL_H

#include <stddef.h>
#include <stdint.h>

#include <tzcom/tz_storage.h>

#define SEAL_KEY_LEN	32

/* What a blob says about itself, authenticated with it. */
struct seal_meta {
	uint64_t epoch;
	uint64_t obj_version;
	uint8_t nonce[TZ_STORAGE_NONCE_LEN];
};

/* AEAD primitive: ct[len] and tag[16] from pt[len] under key, nonce, aad. */
int seal_aead_encrypt(const uint8_t key[SEAL_KEY_LEN],
		      const uint8_t nonce[TZ_STORAGE_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *pt, size_t len, uint8_t *ct,
		      uint8_t tag[TZ_STORAGE_TAG_LEN]);

/* Inverse; -TZ_EBADMSG (and pt wiped) unless the tag verifies. */
int seal_aead_decrypt(const uint8_t key[SEAL_KEY_LEN],
		      const uint8_t nonce[TZ_STORAGE_NONCE_LEN],
		      const uint8_t *aad, size_t aad_len,
		      const uint8_t *ct, size_t len,
		      const uint8_t tag[TZ_STORAGE_TAG_LEN], uint8_t *pt);

/*
 * Build the blob for object name (name_len bytes) holding pt[len], with
 * meta's epoch, version and nonce, into blob (blob_cap bytes); *blob_len =
 * len + TZ_STORAGE_BLOB_OVERHEAD.  -TZ_EMSGSIZE if it does not fit,
 * -TZ_EINVAL on bad arguments.
 */
int seal_blob(const uint8_t key[SEAL_KEY_LEN], const struct seal_meta *meta,
	      const char *name, size_t name_len,
	      const uint8_t *pt, size_t len,
	      uint8_t *blob, size_t blob_cap, size_t *blob_len);

/*
 * Open a blob read back for object name into pt (pt_cap bytes) and give
 * its authenticated meta.  Any malformed, truncated, extended, tampered or
 * renamed blob gives -TZ_EBADMSG with nothing written to pt; -TZ_ERANGE if
 * pt_cap is too small for an otherwise well-formed blob; an authentic blob
 * of format 1 (sealed before anti-rollback, no version) -TZ_EKEYEXPIRED,
 * with pt wiped.  Whether the version is current is the caller's check.
 */
int open_blob(const uint8_t key[SEAL_KEY_LEN],
	      const char *name, size_t name_len,
	      const uint8_t *blob, size_t blob_len,
	      uint8_t *pt, size_t pt_cap, size_t *pt_len,
	      struct seal_meta *meta);

#endif /* TZBSP_STORAGE_SEAL_H */
