// SPDX-License-Identifier: BSD-3-Clause
/*
 * The anti-rollback counter store (tzbsp/rollback.h) on the two blocks of
 * tzbsp/flash.h.  Layout and the argument for power safety:
 * docs/crypto-storage.md, "Anti-rollback".
 *
 * Each block is an area: slot 0 is the area header {generation, epoch},
 * slots 1.. are a log of 64-byte records {id, version, pin, deleted}, each
 * MACed (HMAC-SHA256 under a device-derived key) together with the epoch,
 * the generation and its slot, so a torn or stray record never verifies.
 * The valid header with the highest generation names the active area.
 * An update appends a record and then clears the old record's live word;
 * the last live valid record of an id is its value, so a crash between the
 * two leaves the new value.  A full area is compacted into the other
 * (erase it, copy the live records, write its header last, erase the old
 * one): until its header is written the old area stays the valid one.
 * Both headers blank or invalid means a new (or wiped) store: it is
 * formatted with a new epoch.
 *
 * The flash is first touched from a storage command, never at boot, when
 * CPUs that Linux has not started yet still execute BL1 from flash
 * (plat/cfi_flash.c).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/flash.h>
#include <tzbsp/log.h>
#include <tzbsp/rollback.h>
#include <tzbsp/spinlock.h>

#define KEY_INFO	"tzcom rollback v1"
#define AREA_MAGIC	0x41525a54U	/* "TZRA" */
#define REC_MAGIC	0x52525a54U	/* "TZRR" */
#define FORMAT		1U
#define SLOT		64U
#define SLOTS		(TZ_FLASH_BLOCK_SIZE / SLOT)
#define LIVE		0xffffffffU
#define REC_MAC_LEN	16
#define REC_FLAG_DELETED 1U

struct area_hdr {
	uint32_t magic;
	uint32_t format;
	uint64_t gen;
	uint64_t epoch;
	uint8_t mac[TZ_SHA256_LEN];	/* over the 24 bytes above */
	uint32_t pad[2];		/* left erased */
};

struct rec {
	uint32_t magic;
	uint32_t flags;
	uint64_t version;
	uint64_t pin;
	uint8_t id[TZ_RB_ID_LEN];
	uint8_t mac[REC_MAC_LEN];	/* over epoch, gen, slot, the 40 bytes above */
	uint32_t live;			/* LIVE until superseded, then 0 */
	uint32_t pad;			/* left erased */
};

_Static_assert(sizeof(struct area_hdr) == SLOT, "area header is one slot");
_Static_assert(sizeof(struct rec) == SLOT, "record is one slot");
_Static_assert(offsetof(struct rec, mac) == 40, "MACed part of a record");
_Static_assert(TZ_FLASH_RB_BLOCKS == 2, "two areas ping-pong");

static tz_spinlock_t rb_lock = TZ_SPINLOCK_INIT;
static bool mounted;
static unsigned int active;		/* block of the active area */
static uint64_t cur_gen, cur_epoch;
static uint32_t next_free;		/* first never-written slot */

static uint32_t slot_off(unsigned int area, uint32_t slot)
{
	return area * TZ_FLASH_BLOCK_SIZE + slot * SLOT;
}

static int derive_key(uint8_t key[TZ_SHA256_LEN])
{
	return tz_device_key_derive(KEY_INFO, sizeof(KEY_INFO) - 1, key,
				    TZ_SHA256_LEN) ? -TZ_EIO : 0;
}

static int hdr_mac(const uint8_t *key, const struct area_hdr *h,
		   uint8_t out[TZ_SHA256_LEN])
{
	return tz_hmac_sha256(key, TZ_SHA256_LEN, (const uint8_t *)h,
			      offsetof(struct area_hdr, mac), out) ? -TZ_EIO : 0;
}

static int rec_mac(const uint8_t *key, uint64_t gen, uint32_t slot,
		   const struct rec *r, uint8_t out[REC_MAC_LEN])
{
	uint8_t in[8 + 8 + 4 + offsetof(struct rec, mac)], mac[TZ_SHA256_LEN];

	memcpy(in, &cur_epoch, 8);
	memcpy(in + 8, &gen, 8);
	memcpy(in + 16, &slot, 4);
	memcpy(in + 20, r, offsetof(struct rec, mac));
	if (tz_hmac_sha256(key, TZ_SHA256_LEN, in, sizeof(in), mac))
		return -TZ_EIO;
	memcpy(out, mac, REC_MAC_LEN);
	return 0;
}

static bool equal_ct(const uint8_t *a, const uint8_t *b, size_t n)
{
	uint8_t d = 0;
	size_t i;

	for (i = 0; i < n; i++)
		d |= a[i] ^ b[i];
	return d == 0;
}

static bool blank(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0xff)
			return false;
	return true;
}

/* 1 if area's header verifies (*h filled), 0 if not, <0 on flash errors. */
static int read_hdr(const uint8_t *key, unsigned int area, struct area_hdr *h)
{
	uint8_t mac[TZ_SHA256_LEN];
	int ret = tz_flash_read(slot_off(area, 0), h, sizeof(*h));

	if (ret)
		return ret;
	if (h->magic != AREA_MAGIC || h->format != FORMAT)
		return 0;
	ret = hdr_mac(key, h, mac);
	if (ret)
		return ret;
	return equal_ct(mac, h->mac, sizeof(mac));
}

/* 1 if the record at slot of the active area verifies, 0 if not. */
static int read_rec(const uint8_t *key, uint32_t slot, struct rec *r)
{
	uint8_t mac[REC_MAC_LEN];
	int ret = tz_flash_read(slot_off(active, slot), r, sizeof(*r));

	if (ret)
		return ret;
	if (r->magic != REC_MAGIC)
		return 0;
	ret = rec_mac(key, cur_gen, slot, r, mac);
	if (ret)
		return ret;
	return equal_ct(mac, r->mac, sizeof(mac));
}

/* Program r into slot of area under generation gen and check it reads back. */
static int write_rec(const uint8_t *key, unsigned int area, uint64_t gen,
		     uint32_t slot, struct rec *r)
{
	struct rec back;
	int ret;

	r->magic = REC_MAGIC;
	r->live = LIVE;
	r->pad = LIVE;
	ret = rec_mac(key, gen, slot, r, r->mac);
	if (!ret)
		ret = tz_flash_program(slot_off(area, slot), r, sizeof(*r));
	if (!ret)
		ret = tz_flash_read(slot_off(area, slot), &back, sizeof(back));
	if (!ret && memcmp(&back, r, sizeof(back)))
		ret = -TZ_EIO;
	return ret;
}

static int write_hdr(const uint8_t *key, unsigned int area, uint64_t gen,
		     uint64_t epoch)
{
	struct area_hdr h, back;
	int ret;

	memset(&h, 0xff, sizeof(h));
	h.magic = AREA_MAGIC;
	h.format = FORMAT;
	h.gen = gen;
	h.epoch = epoch;
	ret = hdr_mac(key, &h, h.mac);
	if (!ret)
		ret = tz_flash_program(slot_off(area, 0), &h, sizeof(h));
	if (!ret)
		ret = tz_flash_read(slot_off(area, 0), &back, sizeof(back));
	if (!ret && memcmp(&back, &h, sizeof(back)))
		ret = -TZ_EIO;
	return ret;
}

#ifdef TZBSP_HOST
static uint64_t fresh_counter(void)
{
	static uint64_t fake = 0x1234;

	return fake += 0x9e3779b97f4a7c15ULL;
}
#else
static uint64_t fresh_counter(void)
{
	uint64_t v;

	__asm__ volatile("isb\n\tmrs %0, cntpct_el0" : "=r"(v));
	return v;
}
#endif

/*
 * A new store: both blocks erased, area 0 with generation 1 and an epoch
 * that a previous store of this board is unlikely to have had: a MAC of
 * the counter at this moment (no entropy source on this board).
 */
static int format_store(const uint8_t *key)
{
	uint64_t stamp[2] = { fresh_counter(), 0x45504f4348ULL };	/* "EPOCH" */
	uint8_t mac[TZ_SHA256_LEN];
	int ret;

	ret = tz_hmac_sha256(key, TZ_SHA256_LEN, (const uint8_t *)stamp,
			     sizeof(stamp), mac) ? -TZ_EIO : 0;
	if (!ret)
		ret = tz_flash_erase(0);
	if (!ret)
		ret = tz_flash_erase(1);
	memcpy(&cur_epoch, mac, sizeof(cur_epoch));
	if (!ret)
		ret = write_hdr(key, 0, 1, cur_epoch);
	if (ret)
		return ret;
	active = 0;
	cur_gen = 1;
	next_free = 1;
	tz_log("rollback: new counter store, epoch %016llx",
	       (unsigned long long)cur_epoch);
	return 0;
}

static int mount(const uint8_t *key)
{
	struct area_hdr h[2];
	uint8_t buf[SLOT];
	int ok[2], ret;
	uint32_t s;

	if (mounted)
		return 0;
	for (unsigned int a = 0; a < 2; a++) {
		ok[a] = read_hdr(key, a, &h[a]);
		if (ok[a] < 0)
			return -TZ_EIO;
	}
	if (!ok[0] && !ok[1]) {
		if (!blank(&h[0], SLOT) || !blank(&h[1], SLOT))
			tz_log("rollback: counter store unreadable, starting a new one");
		ret = format_store(key);
		if (ret)
			return -TZ_EIO;
		mounted = true;
		return 0;
	}
	active = (ok[1] && (!ok[0] || h[1].gen > h[0].gen)) ? 1 : 0;
	cur_gen = h[active].gen;
	cur_epoch = h[active].epoch;
	/*
	 * Both valid: a compaction stopped before erasing its source.  Erase
	 * it now, so that losing the active block later cannot bring back
	 * these older values.
	 */
	if (ok[1 - active] && tz_flash_erase(1 - active))
		return -TZ_EIO;
	next_free = 1;
	for (s = 1; s < SLOTS; s++) {
		if (tz_flash_read(slot_off(active, s), buf, sizeof(buf)))
			return -TZ_EIO;
		if (!blank(buf, sizeof(buf)))
			next_free = s + 1;
	}
	mounted = true;
	return 0;
}

/* Slot of id's value in the active area, 0 if none; <0 on errors. */
static int find(const uint8_t *key, const uint8_t id[TZ_RB_ID_LEN], struct rec *out)
{
	struct rec r;
	uint32_t s;
	int found = 0, ret;

	for (s = 1; s < next_free; s++) {
		ret = tz_flash_read(slot_off(active, s), &r, sizeof(r));
		if (ret)
			return ret;
		if (r.magic != REC_MAGIC || r.live != LIVE ||
		    memcmp(r.id, id, TZ_RB_ID_LEN))
			continue;
		ret = read_rec(key, s, &r);
		if (ret < 0)
			return ret;
		if (ret) {
			*out = r;
			found = (int)s;
		}
	}
	return found;
}

/* Move every live record into the other area; afterwards it is active. */
static int compact(const uint8_t *key)
{
	unsigned int to = 1 - active;
	uint64_t gen = cur_gen + 1;
	uint32_t s, k = 1;
	struct rec r;
	int ret;

	ret = tz_flash_erase(to);
	for (s = 1; !ret && s < next_free; s++) {
		int v = read_rec(key, s, &r);

		if (v < 0)
			ret = v;
		else if (v && r.live == LIVE)
			ret = write_rec(key, to, gen, k++, &r);
	}
	if (!ret)
		ret = write_hdr(key, to, gen, cur_epoch);
	if (ret)
		return -TZ_EIO;
	/* The new area is valid from here on; the old one only goes stale. */
	tz_flash_erase(active);
	active = to;
	cur_gen = gen;
	next_free = k;
	return 0;
}

int tz_rb_epoch(uint64_t *epoch)
{
	uint8_t key[TZ_SHA256_LEN];
	int ret;

	tz_spin_lock(&rb_lock);
	ret = derive_key(key);
	if (!ret)
		ret = mount(key);
	if (!ret)
		*epoch = cur_epoch;
	tz_spin_unlock(&rb_lock);
	tz_crypto_zeroize(key, sizeof(key));
	return ret;
}

int tz_rb_get(struct tz_rb_id id, struct tz_rb_val *val)
{
	uint8_t key[TZ_SHA256_LEN];
	struct rec r;
	int ret;

	tz_spin_lock(&rb_lock);
	ret = derive_key(key);
	if (!ret)
		ret = mount(key);
	if (!ret) {
		ret = find(key, id.b, &r);
		if (ret > 0) {
			val->version = r.version;
			val->pin = r.pin;
			val->deleted = r.flags & REC_FLAG_DELETED;
			ret = 0;
		} else if (ret == 0) {
			ret = -TZ_ENOENT;
		} else {
			ret = -TZ_EIO;
		}
	}
	tz_spin_unlock(&rb_lock);
	tz_crypto_zeroize(key, sizeof(key));
	return ret;
}

int tz_rb_set(struct tz_rb_id id, struct tz_rb_val val)
{
	uint8_t key[TZ_SHA256_LEN];
	struct rec r, old;
	int old_slot = 0, ret;
	uint32_t dead = 0;

	tz_spin_lock(&rb_lock);
	ret = derive_key(key);
	if (!ret)
		ret = mount(key);
	if (!ret && next_free >= SLOTS)
		ret = compact(key);
	if (!ret && next_free >= SLOTS)
		ret = -TZ_ENOSPC;
	if (!ret) {
		old_slot = find(key, id.b, &old);
		if (old_slot < 0)
			ret = -TZ_EIO;
	}
	if (!ret) {
		memset(&r, 0, sizeof(r));
		r.flags = val.deleted ? REC_FLAG_DELETED : 0;
		r.version = val.version;
		r.pin = val.pin;
		memcpy(r.id, id.b, TZ_RB_ID_LEN);
		/* A failed write still used the slot: never program it twice. */
		ret = write_rec(key, active, cur_gen, next_free++, &r) ? -TZ_EIO : 0;
	}
	/* The new value holds from here on, even if this clear never happens. */
	if (!ret && old_slot > 0)
		tz_flash_program(slot_off(active, (uint32_t)old_slot) +
				 offsetof(struct rec, live), &dead, sizeof(dead));
	tz_spin_unlock(&rb_lock);
	tz_crypto_zeroize(key, sizeof(key));
	return ret;
}

#ifdef TZBSP_HOST
void tz_rb_test_unmount(void)
{
	mounted = false;
}
#endif
