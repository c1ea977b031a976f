// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for tzcomd's storage and time handlers: the callback
 * payloads come from the secure world, which tzcomd does not trust
 * either.  Input: byte 0 chooses the callback id (WRITE, READ, REMOVE,
 * LIST, an unknown id, TIME_GET); if bit 0 of byte 1 is set, the rest is
 * name_len (byte 2) and name + data under a consistent header, so the
 * file operations are reached; otherwise the rest is the raw payload.
 * Objects go to a fresh directory under $TMPDIR (default /dev/shm),
 * removed at exit.  Checks: no crash or sanitizer report, the answer
 * fits its buffer, and every file in the store has a valid name (or is
 * a staging file ".NAME.staging").
 *
 *   make -C tools fuzz [FUZZ_SECONDS=60]
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tzcom/hlos_storage.h>

#include "tzcomd_svc.h"

static struct tzcomd_store store = { .dirfd = -1 };
static char dir[256];

static void cleanup(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d)))
		unlinkat(store.dirfd, de->d_name, 0);
	if (d)
		closedir(d);
	rmdir(dir);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(dir, sizeof(dir), "%s/tzcomd-fuzz.XXXXXX", tmp && *tmp ? tmp : "/dev/shm");
	if (!mkdtemp(dir))
		abort();
	store.dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (store.dirfd < 0)
		abort();
	atexit(cleanup);
}

/* ".NAME.staging" with a valid NAME: a large object's staging file. */
static int is_staging(const char *n)
{
	size_t len = strlen(n);

	return len > 9 && n[0] == '.' && !strcmp(n + len - 8, ".staging") &&
	       !tzcomd_name_ok(n + 1, len - 9);
}

/* Every entry of the store must carry a valid object name, or be a staging file. */
static void check_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	while (d && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (tzcomd_name_ok(de->d_name, strlen(de->d_name)) && !is_staging(de->d_name))
			abort();
	}
	if (d)
		closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t ids[] = {
		TZ_HLOS_STORAGE_WRITE, TZ_HLOS_STORAGE_READ, TZ_HLOS_STORAGE_REMOVE,
		TZ_HLOS_STORAGE_LIST, TZ_HLOS_STORAGE_FIRST + 0x77, TZ_HLOS_TIME_GET,
		TZ_HLOS_STORAGE_WRITE_AT, TZ_HLOS_STORAGE_COMMIT, TZ_HLOS_STORAGE_READ_AT,
		TZ_HLOS_STORAGE_DISCARD,
	};
	static uint8_t rsp[TZ_HLOS_RSP_MAX_DATA];
	uint32_t id;
	size_t len = 0, n;
	uint8_t *req;
	int ret;

	if (store.dirfd < 0)
		setup();
	if (size < 1 || size > TZCOM_CB_MAX_DATA + 1)
		return 0;
	id = ids[data[0] % (sizeof(ids) / sizeof(ids[0]))];
	if (size >= 3 && (data[1] & 1) && id >= TZ_HLOS_STORAGE_WRITE_AT &&
	    id <= TZ_HLOS_STORAGE_DISCARD) {
		/* Bit 1: TRUNC; bits 2..7: the offset in KiB; READ_AT wants the rest's length. */
		struct tz_hlos_storage_xreq x = {
			.cmd_id = id, .flags = (data[1] >> 1) & 1,
			.offset_lo = (uint32_t)(data[1] >> 2) * 1024u,
		};
		size_t rest = size - 3;

		x.name_len = data[2] % 72u;
		if (x.name_len > rest)
			x.name_len = (uint32_t)rest;
		x.data_len = (uint32_t)(rest - x.name_len);
		if (id == TZ_HLOS_STORAGE_COMMIT || id == TZ_HLOS_STORAGE_DISCARD) {
			x.data_len = 0;
			x.flags = 0;
			x.offset_lo = 0;
		}
		n = sizeof(x) + x.name_len +
		    (id == TZ_HLOS_STORAGE_WRITE_AT ? x.data_len : 0);
		req = malloc(n);
		if (!req)
			return 0;
		memcpy(req, &x, sizeof(x));
		memcpy(req + sizeof(x), data + 3, n - sizeof(x));
	} else if (size >= 3 && (data[1] & 1)) {
		struct tz_hlos_storage_req h = { .cmd_id = id };
		size_t rest = size - 3;

		h.name_len = data[2] % 72u;
		if (h.name_len > rest)
			h.name_len = (uint32_t)rest;
		h.data_len = (uint32_t)(rest - h.name_len);
		n = sizeof(h) + rest;
		req = malloc(n);
		if (!req)
			return 0;
		memcpy(req, &h, sizeof(h));
		memcpy(req + sizeof(h), data + 3, rest);
	} else {
		n = size - 1;
		/* An exact-size heap copy, so ASan sees any over-read. */
		req = malloc(n ? n : 1);
		if (!req)
			return 0;
		memcpy(req, data + 1, n);
	}
	if (id == TZ_HLOS_TIME_GET)
		ret = tzcomd_time_handler(NULL, id, req, n, rsp, sizeof(rsp), &len);
	else
		ret = tzcomd_storage_handler(&store, id, req, n, rsp, sizeof(rsp), &len);
	free(req);
	if (ret > 0 || len > sizeof(rsp) || (ret && len))
		abort();
	check_dir();
	return 0;
}
