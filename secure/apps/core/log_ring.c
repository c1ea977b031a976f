// SPDX-License-Identifier: BSD-3-Clause
/*
 * TZ log ring in sb_log.  The normal world can scribble over the ring at
 * any time, so the write position and size live here in secure memory and
 * the header in sb_log is only ever written (whole, on every append),
 * never read back.
 *
 * ring_lock makes appends from several CPUs and the replace/release from
 * the core service exclusive; lock order is the log's own lock (if
 * tz_log holds one around the sink) before ring_lock, and nothing here
 * logs while holding ring_lock.
 */
#include <stddef.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/phys.h>
#include <tzbsp/spinlock.h>
#include <tzcom/tzsched.h>

#include "log_ring.h"

static tz_spinlock_t ring_lock = TZ_SPINLOCK_INIT;
static struct {
	bool ready;
	uint64_t pa;
	uint32_t len;	/* whole sb_log */
	uint32_t size;	/* data bytes */
	uint32_t head;	/* free-running */
} ring;

static void log_ring_sink(const char *text, size_t len)
{
	struct tzcom_log_ring hdr;
	uint8_t *data;
	uint32_t head;

	tz_spin_lock(&ring_lock);
	if (!ring.ready) {
		tz_spin_unlock(&ring_lock);
		return;
	}
	data = (uint8_t *)phys_to_ptr(ring.pa) + sizeof(struct tzcom_log_ring);
	head = ring.head + (uint32_t)len;
	/* Only the last size bytes of a huge line survive anyway. */
	if (len > ring.size) {
		text += len - ring.size;
		len = ring.size;
	}
	while (len) {
		uint32_t at = (uint32_t)((head - len) % ring.size);
		size_t chunk = ring.size - at;

		if (chunk > len)
			chunk = len;
		memcpy(data + at, text, chunk);
		text += chunk;
		len -= chunk;
	}
	ring.head = head;
	/* The whole header, so a scribbled magic or size heals itself. */
	hdr.magic = TZCOM_LOG_MAGIC;
	hdr.size = ring.size;
	hdr.head = head;
	hdr.reserved = 0;
	memcpy(phys_to_ptr(ring.pa), &hdr, sizeof(hdr));
	tz_spin_unlock(&ring_lock);
}

void log_ring_init(uint64_t pa, uint32_t len)
{
	const struct tzcom_log_ring hdr = {
		.magic = TZCOM_LOG_MAGIC,
		.size = len - (uint32_t)sizeof(struct tzcom_log_ring),
		.head = 0,
	};

	/* Stop appends to the old ring before touching the new one. */
	tz_spin_lock(&ring_lock);
	ring.ready = false;
	tz_spin_unlock(&ring_lock);

	memset(phys_to_ptr(pa), 0, len);
	memcpy(phys_to_ptr(pa), &hdr, sizeof(hdr));

	tz_spin_lock(&ring_lock);
	ring.pa = pa;
	ring.len = len;
	ring.size = hdr.size;
	ring.head = 0;
	ring.ready = true;
	tz_spin_unlock(&ring_lock);
	tz_log_set_sink(log_ring_sink);
}

void log_ring_release(void)
{
	tz_log_set_sink(NULL);
	tz_spin_lock(&ring_lock);
	ring.ready = false;
	ring.pa = 0;
	ring.len = 0;
	tz_spin_unlock(&ring_lock);
}

bool log_ring_get(uint64_t *pa, uint32_t *len)
{
	bool ready;

	tz_spin_lock(&ring_lock);
	ready = ring.ready;
	*pa = ring.pa;
	*len = ring.len;
	tz_spin_unlock(&ring_lock);
	return ready;
}
