// SPDX-License-Identifier: BSD-3-Clause
/*
 * The anti-rollback counter store (secure/rollback/rb_store.c) on the
 * simulated flash of sim_flash.h: values survive remounts (reboots) and
 * compactions; a power cut at every single flash operation of an update or
 * of a compaction leaves each id with its old or its new value and the
 * epoch unchanged; a torn or flipped record is ignored; a wiped, corrupted
 * or another board's store is replaced by a new one with a new epoch; the
 * store never programs a word that is not erased.
 */
#include <tzbsp/rollback.h>

#include "crypto_test.h"
#include "sim_flash.h"

#define SLOTS	(TZ_FLASH_BLOCK_SIZE / 64)

static struct tz_rb_id id_of(unsigned int n)
{
	struct tz_rb_id id;

	memset(&id, 0, sizeof(id));
	memcpy(id.b, &n, sizeof(n));
	id.b[15] = 0xa5;
	return id;
}

static struct tz_rb_val val_of(uint64_t version)
{
	struct tz_rb_val v = { version, version * 0x0101010101010101ULL, 0 };

	return v;
}

static void reboot(void)
{
	sim_flash_power_on();
	tz_rb_test_unmount();
}

static uint64_t version_of(unsigned int n)
{
	struct tz_rb_val v;
	int ret = tz_rb_get(id_of(n), &v);

	if (ret == -TZ_ENOENT)
		return 0;
	if (ret)
		return ~0ULL;
	if (v.pin != v.version * 0x0101010101010101ULL)
		return ~1ULL;
	return v.version;
}

static uint64_t epoch(void)
{
	uint64_t e = 0;

	if (tz_rb_epoch(&e))
		return 0;
	return e;
}

static void load_secret(uint8_t fill)
{
	struct tz_device_secret_record rec;

	make_secret_record(&rec, fill);
	if (tz_device_secret_test_load(&rec))
		abort();
}

static void test_basic(void)
{
	struct tz_rb_val v;
	uint64_t e;
	unsigned int i;

	sim_flash_wipe();
	reboot();
	e = epoch();
	CHECK(e != 0);
	CHECK_EQ(tz_rb_get(id_of(1), &v), -TZ_ENOENT);
	for (i = 1; i <= 5; i++)
		CHECK_EQ(tz_rb_set(id_of(1), val_of(i)), 0);
	CHECK_EQ(tz_rb_set(id_of(2), val_of(40)), 0);
	CHECK_EQ(version_of(1), 5);
	CHECK_EQ(version_of(2), 40);
	CHECK_EQ(version_of(3), 0);
	/* Deleted marks keep their version. */
	v = val_of(40);
	v.deleted = 1;
	CHECK_EQ(tz_rb_set(id_of(2), v), 0);
	reboot();
	CHECK_EQ(epoch(), e);
	CHECK_EQ(version_of(1), 5);
	CHECK_EQ(tz_rb_get(id_of(2), &v), 0);
	CHECK_EQ(v.version, 40);
	CHECK_EQ(v.deleted, 1);
	CHECK_EQ(sim_flash_misuse, 0);
}

/* Many more updates than an area has slots: compactions, values kept. */
static void test_compaction(void)
{
	uint64_t e;
	unsigned int i, n, bad = 0;

	sim_flash_wipe();
	reboot();
	e = epoch();
	for (i = 1; i <= 3 * SLOTS; i++)
		if (tz_rb_set(id_of(i % 7), val_of(i)))
			bad++;
	CHECK_EQ(bad, 0);
	reboot();
	CHECK_EQ(epoch(), e);
	for (n = 0; n < 7; n++) {
		/* The last i with i % 7 == n. */
		uint64_t last = 3 * SLOTS - ((3 * SLOTS - n) % 7 + 7) % 7;

		CHECK_EQ(version_of(n), last);
	}
	CHECK_EQ(sim_flash_misuse, 0);
}

/* An area's worth of distinct ids fills the store: -ENOSPC, nothing lost. */
static void test_full(void)
{
	unsigned int i, bad = 0;

	sim_flash_wipe();
	reboot();
	for (i = 0; i < SLOTS - 1; i++)
		if (tz_rb_set(id_of(i), val_of(i + 1)))
			bad++;
	CHECK_EQ(bad, 0);
	CHECK_EQ(tz_rb_set(id_of(SLOTS + 5), val_of(1)), -TZ_ENOSPC);
	/* Updating a known id needs a slot too, and compaction frees none. */
	CHECK_EQ(tz_rb_set(id_of(3), val_of(99)), -TZ_ENOSPC);
	reboot();
	for (i = 0, bad = 0; i < SLOTS - 1; i++)
		if (version_of(i) != i + 1)
			bad++;
	CHECK_EQ(bad, 0);
	CHECK_EQ(sim_flash_misuse, 0);
}

/*
 * A power cut at the k-th flash operation of one update, for every k
 * until the update completes without a cut: afterwards the id holds the
 * old or the new value (the new one if set returned 0), the other ids are
 * untouched, and the store keeps its epoch.
 */
static void cut_every_op(const char *what, unsigned int fill)
{
	static uint8_t image[TZ_FLASH_RB_SIZE];
	unsigned long k;
	unsigned int bad = 0, i, cuts = 0;
	uint64_t e;
	int ret;

	/* fill updates of ids 0..4 first (SLOTS - 1: the area is full). */
	sim_flash_wipe();
	reboot();
	e = epoch();
	for (i = 0; i < fill; i++)
		if (tz_rb_set(id_of(i % 5), val_of(i / 5 + 1)))
			bad++;
	memcpy(image, sim_flash_mem, sizeof(image));

	for (k = 1; k < 100000; k++) {
		memcpy(sim_flash_mem, image, sizeof(image));
		reboot();
		sim_flash_cut_after(k);
		ret = tz_rb_set(id_of(1), val_of(1000));
		if (!sim_flash_cut_done())
			break;
		cuts++;
		reboot();
		if (epoch() != e)
			bad++;
		if (ret == 0 && version_of(1) != 1000)
			bad++;
		if (version_of(1) != 1000 && version_of(1) != (fill - 1 - 1) / 5 + 1)
			bad++;
		for (i = 0; i < 5; i++)
			if (i != 1 && version_of(i) != (fill - 1 - i) / 5 + 1)
				bad++;
		/* And the store still takes updates. */
		if (tz_rb_set(id_of(1), val_of(2000)) || version_of(1) != 2000)
			bad++;
	}
	OK(bad == 0 && cuts > 0,
	   "%s: a cut at each of its %u flash operations keeps old or new values", what, cuts);
	CHECK_EQ(sim_flash_misuse, 0);
}

static void test_power_cuts(void)
{
	cut_every_op("plain update", 20);
	/* The update that triggers a compaction (the area is full). */
	cut_every_op("update with compaction", SLOTS - 1);
}

/* Damage that only the flash's owner could do, or a torn write. */
static void test_damage(void)
{
	uint64_t e, e2;
	uint8_t *rec;

	sim_flash_wipe();
	reboot();
	e = epoch();
	CHECK_EQ(tz_rb_set(id_of(1), val_of(1)), 0);
	CHECK_EQ(tz_rb_set(id_of(1), val_of(2)), 0);
	/* A bit flipped in the latest record: it no longer counts. */
	rec = sim_flash_mem + 2 * 64;
	rec[8] ^= 0x04;
	reboot();
	CHECK_EQ(epoch(), e);
	CHECK(version_of(1) != 2);
	rec[8] ^= 0x04;
	reboot();
	CHECK_EQ(version_of(1), 2);

	/* The header damaged: the store cannot be trusted, a new one starts. */
	sim_flash_mem[20] ^= 0x10;
	reboot();
	e2 = epoch();
	CHECK(e2 != 0 && e2 != e);
	CHECK_EQ(version_of(1), 0);

	/* Wiped: a new epoch again. */
	CHECK_EQ(tz_rb_set(id_of(1), val_of(7)), 0);
	sim_flash_wipe();
	reboot();
	e = epoch();
	CHECK(e != 0 && e != e2);
	CHECK_EQ(version_of(1), 0);

	/* Another board's secret: its key verifies nothing of this store. */
	CHECK_EQ(tz_rb_set(id_of(1), val_of(8)), 0);
	load_secret(0x77);
	reboot();
	CHECK(epoch() != e);
	CHECK_EQ(version_of(1), 0);
	load_secret(0x66);
	CHECK_EQ(sim_flash_misuse, 0);
}

int main(void)
{
	load_secret(0x66);
	test_basic();
	test_compaction();
	test_full();
	test_power_cuts();
	test_damage();
	return tap_done();
}
