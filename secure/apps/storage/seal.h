/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sealing of storage objects: ChaCha20-Poly1305 (RFC 8439) blobs bound to
 * the object's name, version and counter-store epoch.  Pure functions of
 * their arguments, so host tests run them against the RFC vector and
 * tampered blobs.  Blob format: include/tzcom/tz_storage.h.
 */
#ifndef TZBSP_STORAGE_SEAL_H
#define TZBSP_STORAGE_SEAL_H

#include <stdbool.h>
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

/*
 * Large objects (tz_storage.h, "Large objects"): a sealed header and
 * chunks bound to it.  What the header says, authenticated with it:
 */
struct seal_obj {
	uint64_t epoch;
	uint64_t obj_version;
	uint64_t data_len;
	uint32_t nchunks;
	uint8_t nonce[TZ_STORAGE_NONCE_LEN];
};

/* Chunks of an object of data_len bytes: the last one holds the rest, 0 included. */
uint32_t seal_obj_nchunks(uint64_t data_len);
/* Plaintext bytes of chunk index of o (index < o->nchunks). */
size_t seal_obj_chunk_len(const struct seal_obj *o, uint32_t index);

/* The header of o (data_len, nchunks set) into out[TZ_STORAGE_OBJ_HDR_LEN]. */
int seal_obj_hdr(const uint8_t key[SEAL_KEY_LEN], const struct seal_obj *o,
		 const char *name, size_t name_len,
		 uint8_t out[TZ_STORAGE_OBJ_HDR_LEN]);
/*
 * Authenticate the header in[TZ_STORAGE_OBJ_HDR_LEN] of object name and
 * fill *o; -TZ_EBADMSG for any header that is not one seal_obj_hdr() made
 * for this name (or whose length, chunk size or count is inconsistent).
 */
int open_obj_hdr(const uint8_t key[SEAL_KEY_LEN], const char *name,
		 size_t name_len, const uint8_t in[TZ_STORAGE_OBJ_HDR_LEN],
		 struct seal_obj *o);

/*
 * Chunk index of o: pt[len] into out[len + TZ_STORAGE_TAG_LEN]; last says
 * whether it ends the object (the writer knows before o->nchunks is set).
 */
int seal_chunk(const uint8_t key[SEAL_KEY_LEN], const struct seal_obj *o,
	       const char *name, size_t name_len, uint32_t index, bool last,
	       const uint8_t *pt, size_t len, uint8_t *out);
/*
 * Open chunk index of the authenticated header o from in[in_len] into pt
 * (seal_obj_chunk_len() bytes).  -TZ_EBADMSG, with pt wiped, unless in is
 * exactly that chunk of that object's version: wrong length, position,
 * object, version, or a tampered byte.
 */
int open_chunk(const uint8_t key[SEAL_KEY_LEN], const struct seal_obj *o,
	       const char *name, size_t name_len, uint32_t index,
	       const uint8_t *in, size_t in_len, uint8_t *pt);

#endif /* TZBSP_STORAGE_SEAL_H */
