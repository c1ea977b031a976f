// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the counter store's flash parser (rb_store.c's mount
 * and lookups) on damaged flash.  Byte 0 bit 0: the input is XORed onto a
 * genuine store (a few ids, one compaction done) at slot data[1], else it
 * is the raw start of area (byte 0 bit 1).  Then the store is mounted and
 * updated.
 *
 * Properties: no crash or sanitizer report; a successful set is what get
 * returns, before and after a remount; the store never programs a word
 * that is not erased.
 */
#include <stdlib.h>
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/rollback.h>

#include "sim_flash.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t genuine[TZ_FLASH_RB_SIZE];

static struct tz_rb_id id_of(unsigned int n)
{
	struct tz_rb_id id;

	memset(&id, 0, sizeof(id));
	id.b[0] = (uint8_t)n;
	return id;
}

static void setup_once(void)
{
	static struct tz_device_secret_record rec = {
		.magic = "TZDEVSEC", .version = 1, .len = 32,
		.secret = "fuzzing-board-secret-0123456789",
	};
	static int done;
	unsigned int i;

	if (done)
		return;
	done = 1;
	if (tz_device_secret_test_load(&rec))
		abort();
	sim_flash_wipe();
	tz_rb_test_unmount();
	/* One more update than an area holds: the store has compacted once. */
	for (i = 0; i < TZ_FLASH_BLOCK_SIZE / 64; i++) {
		struct tz_rb_val v = { i + 1, i, i % 3 == 0 };

		if (tz_rb_set(id_of(i % 4), v))
			abort();
	}
	memcpy(genuine, sim_flash_mem, sizeof(genuine));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tz_rb_val v, w = { 0, 0, 0 };
	size_t off, i;
	uint64_t e;

	if (size < 2)
		return 0;
	setup_once();
	if (data[0] & 1) {
		memcpy(sim_flash_mem, genuine, sizeof(genuine));
		off = (size_t)data[1] * 64;
		for (i = 2; i < size && off + i - 2 < sizeof(sim_flash_mem); i++)
			sim_flash_mem[off + i - 2] ^= data[i];
	} else {
		memset(sim_flash_mem, 0xff, sizeof(sim_flash_mem));
		off = (data[0] & 2) ? TZ_FLASH_BLOCK_SIZE : 0;
		memcpy(sim_flash_mem + off, data + 2, size - 2);
	}
	sim_flash_power_on();
	tz_rb_test_unmount();
	sim_flash_misuse = 0;

	if (tz_rb_epoch(&e))
		abort();
	if (tz_rb_get(id_of(1), &v) == 0)
		w.version = v.version + 1;
	w.pin = 0x1234;
	if (tz_rb_set(id_of(1), w) == 0) {
		if (tz_rb_get(id_of(1), &v) || v.version != w.version || v.pin != w.pin)
			abort();
		tz_rb_test_unmount();
		if (tz_rb_get(id_of(1), &v) || v.version != w.version || v.pin != w.pin)
			abort();
	}
	if (sim_flash_misuse)
		abort();
	return 0;
}
