/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Anti-rollback counters: one monotonic version per sealed object, kept in
 * secure flash, which the normal world can neither read nor write
 * (secure/rollback/, docs/crypto-storage.md "Anti-rollback").  The store
 * also has an epoch, chosen when it is first initialised, so blobs sealed
 * before a reset of the store (a wiped or new flash) can be told apart.
 *
 * The API is small and passes values, not pointers into the caller, other
 * than the one result struct, so it can become a system call for S-EL0
 * services.  Calls are serialised internally.  Errors: -TZ_EIO the flash
 * failed or the store cannot be used (e.g. no device secret), -TZ_ENOSPC
 * no room for another object even after compaction.
 */
#ifndef TZBSP_ROLLBACK_H
#define TZBSP_ROLLBACK_H

#include <stdint.h>

#define TZ_RB_ID_LEN	16

/* An object's identity in the store: SHA-256(name), first 16 bytes. */
struct tz_rb_id {
	uint8_t b[TZ_RB_ID_LEN];
};

struct tz_rb_val {
	uint64_t version;	/* of the object's committed blob */
	uint64_t pin;		/* first 8 bytes of that blob's nonce */
	uint32_t deleted;	/* 1: removed; version is the last one it had */
};

/* The store's epoch (mounting, or formatting a blank store, first). */
int tz_rb_epoch(uint64_t *epoch);

/* The last value set for id: 0, or -TZ_ENOENT if the store has none. */
int tz_rb_get(struct tz_rb_id id, struct tz_rb_val *val);

/*
 * Make val id's value, power-safely: the new record is written and checked
 * before the old one is invalidated, so after a crash get() returns either
 * the old or the new value, never neither.
 */
int tz_rb_set(struct tz_rb_id id, struct tz_rb_val val);

#ifdef TZBSP_HOST
/* Host tests only: forget the mounted state, as a reboot does. */
void tz_rb_test_unmount(void);
#endif

#endif /* TZBSP_ROLLBACK_H */
