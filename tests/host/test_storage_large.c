// SPDX-License-Identifier: BSD-3-Clause
/*
 * Large sealed objects (tz_storage.h, "Large objects") on the host: the
 * storage service's PUT_BEGIN/PUT_DATA/GET_BEGIN/GET_DATA driven through
 * its handle() in sessions (fake_memref.h), with tzcomd's real storage
 * handler (tools/tzcomd_svc.c) on a temporary directory behind
 * tz_hlos_call().  Round trips at the chunk edges, inline and through
 * memory arguments; every tamper of the stored file (chunks swapped,
 * dropped, cut, repeated, appended, taken from another object or another
 * version, header bytes) refused with -EBADMSG; rollback, the crash
 * window, -EBUSY between sessions, RM, and the state errors.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tzcom/hlos_storage.h>
#include <tzcom/tz_storage.h>

#include <tzbsp/rollback.h>

#include "crypto_test.h"
#include "fake_memref.h"
#include "sim_flash.h"
#include "../../secure/apps/storage/seal.h"
#include "../../tools/tzcomd_svc.h"

#define CHUNK		TZ_STORAGE_CHUNK_SIZE
#define BLOB		TZ_STORAGE_CHUNK_BLOB
#define HDR		TZ_STORAGE_OBJ_HDR_LEN

/* ---- tzcomd: the real handler on a temporary directory ---------------------- */
static struct tzcomd_store store = { .dirfd = -1 };
static char dir[64];
static unsigned long cb_count[16];
static size_t max_req;

void *tz_thread_scratch(size_t *len)
{
	static uint8_t scratch[2 * TZCOM_SB_LEN] __attribute__((aligned(16)));

	*len = sizeof(scratch);
	return scratch;
}

int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_hlos_rsp_hdr hdr;
	size_t out = 0;
	int status;

	if (req_len > TZCOM_CB_MAX_DATA)
		return -TZ_EMSGSIZE;
	if (req_len > max_req)
		max_req = req_len;
	if (rsp_cap > TZCOM_CB_RSP_MAX_DATA)
		rsp_cap = TZCOM_CB_RSP_MAX_DATA;
	cb_count[cmd_id & 0xf]++;
	status = tzcomd_storage_handler(&store, cmd_id, req, req_len,
					(uint8_t *)rsp + sizeof(hdr),
					rsp_cap - sizeof(hdr), &out);
	if (status)
		out = 0;
	hdr.status = status;
	hdr.data_len = (uint32_t)out;
	memcpy(rsp, &hdr, sizeof(hdr));
	*rsp_len = sizeof(hdr) + out;
	return 0;
}

static char *path_of(const char *name)
{
	static char p[256];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

/* The stored file of name, whole (malloc'ed), or NULL. */
static uint8_t *file_get(const char *name, size_t *len)
{
	struct stat sb;
	uint8_t *b;
	int fd = open(path_of(name), O_RDONLY);

	if (fd < 0 || fstat(fd, &sb))
		return NULL;
	b = malloc((size_t)sb.st_size + 1);
	*len = (size_t)pread(fd, b, (size_t)sb.st_size, 0);
	close(fd);
	return b;
}

static void file_put(const char *name, const uint8_t *b, size_t len)
{
	int fd = open(path_of(name), O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, b, len) != (ssize_t)len)
		abort();
	close(fd);
}

static bool exists(const char *name)
{
	struct stat sb;

	return stat(path_of(name), &sb) == 0;
}

/* ---- the service --------------------------------------------------------------- */
static const struct tz_service *svc;
static uint8_t req[TZCOM_SB_LEN], rsp[TZCOM_SB_LEN];
static size_t rsp_len;
/* What a client offers: the shared buffer less the command and the header. */
#define RSP_CAP(cmd_len) (TZCOM_SB_LEN - (cmd_len) - sizeof(struct tzcom_svc_rsp_hdr))

static int named(uint32_t cmd_id, const char *name, const void *data, size_t len)
{
	struct tz_storage_req h = {
		.cmd_id = cmd_id, .name_len = (uint32_t)strlen(name), .data_len = (uint32_t)len,
	};
	size_t n = sizeof(h) + h.name_len + len;

	memcpy(req, &h, sizeof(h));
	memcpy(req + sizeof(h), name, h.name_len);
	if (len)
		memcpy(req + sizeof(h) + h.name_len, data, len);
	rsp_len = 12345;
	return svc->handle(cmd_id, req, n, rsp, RSP_CAP(n), &rsp_len);
}

static int put_begin(const char *name)
{
	return named(TZ_STORAGE_PUT_BEGIN, name, NULL, 0);
}

static int get_begin(const char *name, uint64_t *len)
{
	struct tz_storage_begin_rsp b;
	int ret = named(TZ_STORAGE_GET_BEGIN, name, NULL, 0);

	if (!ret) {
		memcpy(&b, rsp, sizeof(b));
		*len = b.data_len_lo | (uint64_t)b.data_len_hi << 32;
		if (rsp_len != sizeof(b) || b.chunk_size < CHUNK)
			return 1000;
	}
	return ret;
}

/* One PUT_DATA: inline, or through memory argument 0 over data. */
static int put_data(const void *data, size_t len, uint32_t flags)
{
	struct tz_storage_stream_req r = {
		.cmd_id = TZ_STORAGE_PUT_DATA, .flags = flags, .data_len = (uint32_t)len,
	};
	size_t n = sizeof(r);
	int ret;

	memcpy(req, &r, sizeof(r));
	if (flags & TZ_STORAGE_F_MEMREF) {
		fake_mem[0] = (struct fake_memref){ (uint8_t *)data, len, TZ_MEM_IN, 0 };
	} else {
		memcpy(req + n, data, len);
		n += len;
	}
	ret = svc->handle(TZ_STORAGE_PUT_DATA, req, n, rsp, RSP_CAP(n), &rsp_len);
	memset(fake_mem, 0, sizeof(fake_mem));
	return ret;
}

/* PUT of data[len] in pieces of step bytes (a multiple of CHUNK; 0: one LAST). */
static int put_obj(const char *name, const uint8_t *data, size_t len, size_t step,
		   bool memref)
{
	uint32_t f = memref ? TZ_STORAGE_F_MEMREF : 0;
	size_t off = 0;
	int ret = put_begin(name);

	while (!ret && step && len - off > step) {
		ret = put_data(data + off, step, f);
		off += step;
	}
	return ret ? ret : put_data(data + off, len - off, f | TZ_STORAGE_F_LAST);
}

/* One GET_DATA with room bytes: inline into rsp, or into out via memref. */
static int get_data(size_t room, uint8_t *out, bool memref, size_t *got, bool *last)
{
	struct tz_storage_stream_req r = {
		.cmd_id = TZ_STORAGE_GET_DATA, .data_len = (uint32_t)room,
		.flags = memref ? TZ_STORAGE_F_MEMREF : 0,
	};
	struct tz_storage_data_rsp d;
	int ret;

	memcpy(req, &r, sizeof(r));
	if (memref)
		fake_mem[0] = (struct fake_memref){ out, room, TZ_MEM_OUT, 0 };
	ret = svc->handle(TZ_STORAGE_GET_DATA, req, sizeof(r), rsp, RSP_CAP(sizeof(r)),
			  &rsp_len);
	memset(fake_mem, 0, sizeof(fake_mem));
	if (ret)
		return ret;
	memcpy(&d, rsp, sizeof(d));
	if (rsp_len != sizeof(d) + (memref ? 0 : d.data_len) || d.data_len > room)
		return 1001;
	if (!memref)
		memcpy(out, rsp + sizeof(d), d.data_len);
	*got = d.data_len;
	*last = d.flags & TZ_STORAGE_F_LAST;
	return 0;
}

/* GET of the whole object into out (cap bytes); the first error, or 0. */
static int get_obj(const char *name, uint8_t *out, size_t cap, size_t *len,
		   size_t room, bool memref)
{
	uint64_t n = 0;
	size_t got = 0, off = 0;
	bool last = false;
	int ret = get_begin(name, &n);

	while (!ret && !last) {
		if (off + room > cap)
			return 1002;
		ret = get_data(room, out + off, memref, &got, &last);
		off += got;
	}
	*len = off;
	if (!ret && off != n)
		return 1003;
	return ret;
}

static uint8_t *pattern(size_t len, unsigned int seed)
{
	uint8_t *b = malloc(len + 1);

	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)((i * 131 + seed * 7 + (i >> 14)) ^ (i >> 8));
	return b;
}

static size_t file_len_for(size_t len)
{
	return HDR + (len / CHUNK) * BLOB + len % CHUNK + TZ_STORAGE_TAG_LEN;
}

static void reboot(void)
{
	sim_flash_power_on();
	tz_rb_test_unmount();
}

/* ---- tests ----------------------------------------------------------------------- */
static void test_round_trips(void)
{
	static const size_t sizes[] = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5,
					4 * CHUNK, 1 << 20 };
	size_t cap = (1 << 20) + 2 * CHUNK, len, flen;
	uint8_t *out = malloc(cap), *f;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i];
		uint8_t *d = pattern(n, (unsigned int)i);
		bool big = n > 4 * CHUNK;

		/* Inline, one chunk per PUT_DATA, unless the object is large. */
		CHECK_EQ(put_obj("obj", d, n, big ? 4 * CHUNK : CHUNK, big), 0);
		f = file_get("obj", &flen);
		IS(flen, file_len_for(n), "size %zu: file of %zu bytes", n, file_len_for(n));
		free(f);
		CHECK(!exists(".obj.staging"));
		memset(out, 0, cap);
		IS(get_obj("obj", out, cap, &len, CHUNK, false), 0, "size %zu: inline GET", n);
		OK(len == n && !memcmp(out, d, n), "size %zu: inline GET gives it back", n);
		memset(out, 0, cap);
		IS(get_obj("obj", out, cap, &len, 4 * CHUNK + 3, true), 0, "size %zu: memref GET", n);
		OK(len == n && !memcmp(out, d, n), "size %zu: memref GET gives it back", n);
		/* All of it in one LAST through memory. */
		CHECK_EQ(put_obj("obj", d, n, 0, true), 0);
		memset(out, 0, cap);
		IS(get_obj("obj", out, cap, &len, cap, true), 0, "size %zu: one LAST, one GET_DATA", n);
		OK(len == n && !memcmp(out, d, n), "size %zu: one LAST gives it back", n);
		/* The old GET refuses it; the ciphertext does not show the data. */
		CHECK_EQ(named(TZ_STORAGE_GET, "obj", NULL, 0), -TZ_EFBIG);
		f = file_get("obj", &flen);
		if (n >= 64)
			CHECK(!memmem(f, flen, d + 16, 32));
		free(f);
		free(d);
	}
	/* Each WRITE_AT carries one sealed chunk: the callbacks stay small. */
	CHECK(max_req <= TZ_HLOS_STORAGE_XREQ_LEN + 3 + BLOB);
	free(out);
}

static void test_blob_through_stream(void)
{
	uint8_t out[TZ_STORAGE_MAX_DATA + 16], *d = pattern(TZ_STORAGE_MAX_DATA, 3);
	uint64_t n;
	size_t len, got;
	bool last;

	CHECK_EQ(named(TZ_STORAGE_PUT, "blob", d, TZ_STORAGE_MAX_DATA), 0);
	CHECK_EQ(get_obj("blob", out, sizeof(out), &len, TZ_STORAGE_MAX_DATA, false), 0);
	CHECK(len == TZ_STORAGE_MAX_DATA && !memcmp(out, d, len));
	CHECK_EQ(get_obj("blob", out, sizeof(out), &len, TZ_STORAGE_MAX_DATA, true), 0);
	CHECK(len == TZ_STORAGE_MAX_DATA && !memcmp(out, d, len));
	/* A blob comes whole: less room is -ERANGE, and the stream goes on. */
	CHECK_EQ(get_begin("blob", &n), 0);
	CHECK_EQ(n, TZ_STORAGE_MAX_DATA);
	CHECK_EQ(get_data(CHUNK, out, false, &got, &last), -TZ_ERANGE);
	CHECK_EQ(get_data(TZ_STORAGE_MAX_DATA, out, false, &got, &last), 0);
	CHECK(last && got == TZ_STORAGE_MAX_DATA);
	/* Replaced between BEGIN and DATA: the stream refuses the new one. */
	CHECK_EQ(get_begin("blob", &n), 0);
	CHECK_EQ(named(TZ_STORAGE_PUT, "blob", "new", 3), 0);
	CHECK_EQ(get_data(TZ_STORAGE_MAX_DATA, out, false, &got, &last), -TZ_EBADMSG);
	CHECK_EQ(get_data(TZ_STORAGE_MAX_DATA, out, false, &got, &last), -TZ_EINVAL);
	free(d);
}

/* GET of name: -EBADMSG at BEGIN or in the stream, and none of the data after the error. */
static void refused(const char *name, const char *what)
{
	static uint8_t out[8 * BLOB];
	size_t len;

	IS(get_obj(name, out, sizeof(out), &len, CHUNK, false), -TZ_EBADMSG,
	   "%s: -EBADMSG", what);
	IS(get_obj(name, out, sizeof(out), &len, 8 * CHUNK, true), -TZ_EBADMSG,
	   "%s: -EBADMSG through memory", what);
}

static void test_tamper(void)
{
	size_t n = 4 * CHUNK + 100, len, olen, vlen;
	uint8_t *d = pattern(n, 9), *e = pattern(n, 10), *orig, *f, *other, *v1;

	CHECK_EQ(put_obj("A", d, n, CHUNK, false), 0);
	CHECK_EQ(put_obj("B", e, n, CHUNK, false), 0);
	orig = file_get("A", &olen);
	other = file_get("B", &len);
	f = malloc(olen + BLOB);

	/* Two chunks swapped. */
	memcpy(f, orig, olen);
	memcpy(f + HDR, orig + HDR + BLOB, BLOB);
	memcpy(f + HDR + BLOB, orig + HDR, BLOB);
	file_put("A", f, olen);
	refused("A", "chunks 0 and 1 swapped");
	/* The last chunk dropped; the last whole chunk dropped. */
	file_put("A", orig, olen - (100 + TZ_STORAGE_TAG_LEN));
	refused("A", "last chunk dropped");
	file_put("A", orig, HDR + 2 * BLOB);
	refused("A", "the file cut after chunk 1");
	/* A chunk cut short. */
	file_put("A", orig, olen - 7);
	refused("A", "last chunk cut by 7 bytes");
	/* A chunk repeated (the file grows by one chunk). */
	memcpy(f, orig, HDR + 2 * BLOB);
	memcpy(f + HDR + 2 * BLOB, orig + HDR + BLOB, olen - HDR - BLOB);
	file_put("A", f, olen + BLOB);
	refused("A", "chunk 1 repeated");
	/* Bytes appended after the last chunk. */
	memcpy(f, orig, olen);
	memcpy(f + olen, orig + HDR, BLOB);
	file_put("A", f, olen + BLOB);
	refused("A", "a chunk appended");
	/* A chunk of another object, at the same index. */
	memcpy(f, orig, olen);
	memcpy(f + HDR + 2 * BLOB, other + HDR + 2 * BLOB, BLOB);
	file_put("A", f, olen);
	refused("A", "chunk 2 from object B");
	/* One bit anywhere in a chunk, or in the header's fields or tag. */
	memcpy(f, orig, olen);
	f[HDR + 3 * BLOB + 77] ^= 0x10;
	file_put("A", f, olen);
	refused("A", "a bit of chunk 3 flipped");
	for (size_t at = 0; at < HDR; at += 4) {
		char what[48];

		memcpy(f, orig, olen);
		f[at] ^= 0x01;
		file_put("A", f, olen);
		snprintf(what, sizeof(what), "header byte %zu flipped", at);
		refused("A", what);
	}
	/* B's whole file under A's name. */
	file_put("A", other, len);
	refused("A", "object B's file as A");
	file_put("A", orig, olen);
	CHECK_EQ(get_obj("A", f, olen + BLOB, &len, CHUNK, false), 0);
	CHECK(len == n && !memcmp(f, d, n));

	/* A chunk of another version of the same object; the old version whole. */
	v1 = orig;
	CHECK_EQ(put_obj("A", e, n, CHUNK, false), 0);
	free(other);
	other = file_get("A", &vlen);
	memcpy(f, other, vlen);
	memcpy(f + HDR + BLOB, v1 + HDR + BLOB, BLOB);
	file_put("A", f, vlen);
	refused("A", "chunk 1 from version 1 in version 2");
	file_put("A", v1, olen);
	CHECK_EQ(get_obj("A", f, olen + BLOB, &len, CHUNK, false), -TZ_ESTALE);
	reboot();
	CHECK_EQ(get_obj("A", f, olen + BLOB, &len, CHUNK, false), -TZ_ESTALE);
	file_put("A", other, vlen);
	CHECK_EQ(get_obj("A", f, olen + BLOB, &len, CHUNK, false), 0);
	CHECK(len == n && !memcmp(f, e, n));
	free(v1);
	free(other);
	free(f);
	free(d);
	free(e);
}

static void test_sessions_and_errors(void)
{
	uint8_t *d = pattern(3 * CHUNK, 11), out[4 * CHUNK];
	struct tz_storage_stream_req r = { .cmd_id = TZ_STORAGE_PUT_DATA };
	struct tz_storage_list_rsp l;
	uint64_t n;
	size_t len, got;
	bool last;

	/* No session: -EBADF; DATA without BEGIN: -EINVAL. */
	fake_session = -TZ_EBADF;
	CHECK_EQ(put_begin("s"), -TZ_EBADF);
	CHECK_EQ(get_begin("s", &n), -TZ_EBADF);
	CHECK_EQ(put_data(d, CHUNK, 0), -TZ_EBADF);
	fake_session = 0;
	CHECK_EQ(put_data(d, CHUNK, 0), -TZ_EINVAL);
	CHECK_EQ(get_data(CHUNK, out, false, &got, &last), -TZ_EINVAL);
	CHECK_EQ(put_begin(".hidden"), -TZ_EINVAL);
	CHECK_EQ(get_begin("nothing", &n), -TZ_ENOENT);

	/* Malformed PUT_DATA: not whole chunks, bad flags, lengths. */
	CHECK_EQ(put_obj("s", d, 3 * CHUNK, CHUNK, false), 0);
	CHECK_EQ(put_begin("s"), 0);
	CHECK_EQ(put_data(d, CHUNK - 1, 0), -TZ_EINVAL);
	CHECK_EQ(put_data(d, 0, 0), -TZ_EINVAL);
	CHECK_EQ(put_data(d, CHUNK, 0x80), -TZ_EINVAL);
	memcpy(req, &r, sizeof(r));
	r.data_len = CHUNK;
	memcpy(req, &r, sizeof(r));
	CHECK_EQ(svc->handle(TZ_STORAGE_PUT_DATA, req, sizeof(r) + CHUNK - 1, rsp,
			     RSP_CAP(sizeof(r)), &rsp_len), -TZ_EINVAL);
	/* A memory argument that is not there, or read-only the wrong way. */
	r.flags = TZ_STORAGE_F_MEMREF;
	memcpy(req, &r, sizeof(r));
	CHECK_EQ(svc->handle(TZ_STORAGE_PUT_DATA, req, sizeof(r), rsp,
			     RSP_CAP(sizeof(r)), &rsp_len), -TZ_ENOENT);
	CHECK_EQ(put_begin("s"), 0);
	memcpy(req, &r, sizeof(r));
	fake_mem[0] = (struct fake_memref){ d, CHUNK, TZ_MEM_OUT, 0 };
	CHECK_EQ(svc->handle(TZ_STORAGE_PUT_DATA, req, sizeof(r), rsp,
			     RSP_CAP(sizeof(r)), &rsp_len), -TZ_EPERM);
	memset(fake_mem, 0, sizeof(fake_mem));
	/* None of that touched the committed object. */
	CHECK_EQ(get_obj("s", out, sizeof(out), &len, CHUNK, false), 0);
	CHECK(len == 3 * CHUNK && !memcmp(out, d, len));

	/* Two sessions, one name: the second PUT_BEGIN and a blob PUT wait. */
	fake_session = 0;
	CHECK_EQ(put_begin("s"), 0);
	CHECK_EQ(put_data(d, CHUNK, 0), 0);
	fake_session = 5;
	CHECK_EQ(put_begin("s"), -TZ_EBUSY);
	CHECK_EQ(named(TZ_STORAGE_PUT, "s", "x", 1), -TZ_EBUSY);
	CHECK_EQ(put_begin("t"), 0);		/* another name is fine */
	CHECK_EQ(put_data(d, CHUNK, 0), 0);
	CHECK_EQ(put_data(d + CHUNK, 7, TZ_STORAGE_F_LAST), 0);
	/* The committed "s" is readable while its next version is staged. */
	CHECK(exists(".s.staging"));
	CHECK_EQ(get_obj("s", out, sizeof(out), &len, CHUNK, false), 0);
	CHECK(len == 3 * CHUNK && !memcmp(out, d, len));
	/* LIST never shows a staging file. */
	CHECK_EQ(named(TZ_STORAGE_LIST, "", NULL, 0), 0);
	memcpy(&l, rsp, sizeof(l));
	CHECK(!memmem(rsp + sizeof(l), l.names_len, "staging", 7));
	fake_session = 0;
	CHECK_EQ(put_data(d + CHUNK, 2 * CHUNK, TZ_STORAGE_F_LAST | TZ_STORAGE_F_MEMREF), 0);
	CHECK(!exists(".s.staging"));
	CHECK_EQ(get_obj("s", out, sizeof(out), &len, CHUNK, false), 0);
	CHECK(len == 3 * CHUNK && !memcmp(out, d, len));
	CHECK_EQ(put_data(d, 1, TZ_STORAGE_F_LAST), -TZ_EINVAL);	/* stream over */
	fake_session = 5;
	CHECK_EQ(put_begin("s"), 0);

	/* A session closed halfway (TZBSP wipes its state): the old version stays. */
	CHECK_EQ(put_data(out, 2 * CHUNK, TZ_STORAGE_F_MEMREF), 0);
	memset((uint8_t *)svc->sessions + 5 * svc->session_size, 0, svc->session_size);
	CHECK_EQ(get_obj("s", out, sizeof(out), &len, CHUNK, false), 0);
	CHECK(len == 3 * CHUNK && !memcmp(out, d, len));
	fake_session = 6;
	CHECK_EQ(put_begin("s"), 0);		/* no longer busy */

	/* RM ends the other session's PUT and drops the staging file. */
	CHECK_EQ(put_data(d, CHUNK, 0), 0);
	fake_session = -TZ_EBADF;
	CHECK_EQ(named(TZ_STORAGE_RM, "s", NULL, 0), 0);
	CHECK(!exists(".s.staging") && !exists("s"));
	fake_session = 6;
	CHECK_EQ(put_data(d, 1, TZ_STORAGE_F_LAST), -TZ_EINVAL);
	CHECK_EQ(get_begin("s", &n), -TZ_ENOENT);

	/* GET_DATA: too little room is -ERANGE, and the stream goes on. */
	CHECK_EQ(get_begin("t", &n), 0);
	CHECK_EQ(n, CHUNK + 7);
	CHECK_EQ(get_data(CHUNK - 1, out, false, &got, &last), -TZ_ERANGE);
	CHECK_EQ(get_data(CHUNK + 6, out, false, &got, &last), 0);
	CHECK(got == CHUNK && !last);
	CHECK_EQ(get_data(7, out + CHUNK, true, &got, &last), 0);
	CHECK(got == 7 && last && !memcmp(out, d, CHUNK + 7));
	CHECK_EQ(get_data(CHUNK, out, false, &got, &last), -TZ_EINVAL);
	CHECK_EQ(named(TZ_STORAGE_RM, "t", NULL, 0), 0);
	free(d);
}

/* The commit and counter of a large PUT, with a power cut between. */
static void test_crash_window(void)
{
	uint8_t *d = pattern(2 * CHUNK + 1, 13), out[3 * CHUNK];
	size_t len;

	fake_session = 2;
	CHECK_EQ(put_obj("c", d, 2 * CHUNK + 1, CHUNK, false), 0);
	d[0] ^= 1;
	sim_flash_cut_after(1);
	CHECK_EQ(put_obj("c", d, 2 * CHUNK + 1, CHUNK, false), -TZ_EIO);
	CHECK(sim_flash_cut_done());
	reboot();
	CHECK_EQ(get_obj("c", out, sizeof(out), &len, CHUNK, false), -TZ_EINPROGRESS);
	CHECK_EQ(put_obj("c", d, 2 * CHUNK + 1, CHUNK, true), 0);
	CHECK_EQ(get_obj("c", out, sizeof(out), &len, CHUNK, false), 0);
	CHECK(len == 2 * CHUNK + 1 && !memcmp(out, d, len));
	/* A removed large object's file put back is stale. */
	{
		size_t flen;
		uint8_t *f = file_get("c", &flen);

		CHECK_EQ(named(TZ_STORAGE_RM, "c", NULL, 0), 0);
		file_put("c", f, flen);
		CHECK_EQ(get_obj("c", out, sizeof(out), &len, CHUNK, false), -TZ_ESTALE);
		free(f);
	}
	CHECK_EQ(sim_flash_misuse, 0);
	free(d);
}

/* ---- tzcomd's ranged callbacks, called directly -------------------------------- */
static int xcall(uint32_t id, const char *name, uint32_t flags, uint64_t off,
		 const void *data, uint32_t len, uint32_t want, size_t extra, size_t *out_len)
{
	static uint8_t x[TZCOM_CB_MAX_DATA], out[TZ_HLOS_RSP_MAX_DATA];
	struct tz_hlos_storage_xreq h = {
		.cmd_id = id, .name_len = (uint32_t)strlen(name), .flags = flags,
		.data_len = id == TZ_HLOS_STORAGE_WRITE_AT ? len : want,
		.offset_lo = (uint32_t)off, .offset_hi = (uint32_t)(off >> 32),
	};
	size_t n = sizeof(h) + h.name_len + (id == TZ_HLOS_STORAGE_WRITE_AT ? len : 0);
	size_t got = 0;
	int ret;

	memcpy(x, &h, sizeof(h));
	memcpy(x + sizeof(h), name, h.name_len);
	if (id == TZ_HLOS_STORAGE_WRITE_AT && len)
		memcpy(x + sizeof(h) + h.name_len, data, len);
	ret = tzcomd_storage_handler(&store, id, x, n + extra, out, sizeof(out), &got);
	if (out_len)
		*out_len = got;
	return ret;
}

static void test_tzcomd_ranged(void)
{
	const uint32_t W = TZ_HLOS_STORAGE_WRITE_AT, R = TZ_HLOS_STORAGE_READ_AT;
	const uint32_t C = TZ_HLOS_STORAGE_COMMIT, D = TZ_HLOS_STORAGE_DISCARD;
	size_t got;

	/* The happy path: write at offsets, commit, read ranges. */
	CHECK_EQ(xcall(W, "r", 0, 0, "abc", 3, 0, 0, NULL), -TZ_ENOENT);	/* no TRUNC, no file */
	CHECK_EQ(xcall(W, "r", TZ_HLOS_F_TRUNC, 4, "efgh", 4, 0, 0, NULL), 0);
	CHECK_EQ(xcall(W, "r", 0, 0, "abcd", 4, 0, 0, NULL), 0);
	CHECK(exists(".r.staging") && !exists("r"));
	CHECK_EQ(xcall(R, "r", 0, 0, NULL, 0, 8, 0, &got), -TZ_ENOENT);	/* reads the object only */
	CHECK_EQ(xcall(C, "r", 0, 0, NULL, 0, 0, 0, NULL), 0);
	CHECK(!exists(".r.staging") && exists("r"));
	CHECK_EQ(xcall(C, "r", 0, 0, NULL, 0, 0, 0, NULL), -TZ_ENOENT);
	CHECK_EQ(xcall(R, "r", 0, 2, NULL, 0, 100, 0, &got), 0);
	CHECK_EQ(got, 6);
	CHECK_EQ(xcall(R, "r", 0, 8, NULL, 0, 100, 0, &got), 0);
	CHECK_EQ(got, 0);
	CHECK_EQ(xcall(R, "r", 0, 1ULL << 40, NULL, 0, 100, 0, &got), -TZ_EINVAL);
	CHECK_EQ(xcall(R, "r", 0, 0, NULL, 0, TZ_HLOS_RSP_MAX_DATA + 1, 0, &got), -TZ_EINVAL);
	CHECK_EQ(xcall(D, "r", 0, 0, NULL, 0, 0, 0, NULL), 0);		/* none: fine */
	/* Size limit, bad flags, lengths, names. */
	CHECK_EQ(xcall(W, "r", TZ_HLOS_F_TRUNC, TZ_HLOS_OBJ_FILE_MAX - 2, "abc", 3, 0, 0, NULL),
		 -TZ_EFBIG);
	CHECK_EQ(xcall(W, "r", TZ_HLOS_F_TRUNC, ~0ULL, "abc", 3, 0, 0, NULL), -TZ_EFBIG);
	CHECK_EQ(xcall(W, "r", 0x2, 0, "abc", 3, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(xcall(W, "r", TZ_HLOS_F_TRUNC, 0, "abc", 3, 0, 1, NULL), -TZ_EINVAL);
	CHECK_EQ(xcall(R, "r", 1, 0, NULL, 0, 4, 0, &got), -TZ_EINVAL);
	CHECK_EQ(xcall(C, "r", 0, 4, NULL, 0, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(xcall(D, "r", 1, 0, NULL, 0, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(xcall(W, ".r", TZ_HLOS_F_TRUNC, 0, "abc", 3, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(xcall(W, "a/b", TZ_HLOS_F_TRUNC, 0, "abc", 3, 0, 0, NULL), -TZ_EINVAL);
	/* Never anything but regular files: a FIFO, a symlink, a directory. */
	CHECK_EQ(mkfifo(path_of(".f.staging"), 0600), 0);
	CHECK_EQ(xcall(W, "f", TZ_HLOS_F_TRUNC, 0, "abc", 3, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(xcall(C, "f", 0, 0, NULL, 0, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(mkfifo(path_of("f"), 0600), 0);
	CHECK_EQ(xcall(R, "f", 0, 0, NULL, 0, 4, 0, &got), -TZ_EINVAL);
	CHECK_EQ(symlink("/etc/passwd", path_of(".l.staging")), 0);
	CHECK_EQ(xcall(W, "l", TZ_HLOS_F_TRUNC, 0, "abc", 3, 0, 0, NULL), -TZ_EINVAL);
	CHECK_EQ(symlink("/etc/passwd", path_of("l")), 0);
	CHECK_EQ(xcall(R, "l", 0, 0, NULL, 0, 4, 0, &got), -TZ_EINVAL);
	CHECK_EQ(mkdir(path_of(".d.staging"), 0700), 0);
	CHECK_EQ(xcall(D, "d", 0, 0, NULL, 0, 0, 0, NULL), -TZ_EINVAL);
	unlink(path_of(".f.staging"));
	unlink(path_of("f"));
	unlink(path_of(".l.staging"));
	unlink(path_of("l"));
	rmdir(path_of(".d.staging"));
	unlink(path_of("r"));
}

int main(void)
{
	struct tz_device_secret_record rec;

	snprintf(dir, sizeof(dir), "/tmp/tzcom-large.XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	store.dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	svc = find_service(TZ_SVC_STORAGE);
	CHECK(svc != NULL);
	if (!svc || store.dirfd < 0)
		return tap_done();
	CHECK(svc->flags & TZ_SVC_F_SESSIONS);
	CHECK(svc->sessions != NULL && svc->session_size > 0);
	make_secret_record(&rec, 0x5c);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);
	sim_flash_wipe();
	reboot();
	CHECK_EQ(svc->init(), 0);
	fake_session = 1;

	test_round_trips();
	test_blob_through_stream();
	test_tamper();
	test_sessions_and_errors();
	test_crash_window();
	test_tzcomd_ranged();

	snprintf((char *)req, sizeof(req), "rm -rf '%s'", dir);
	if (system((char *)req))
		return 1;
	return tap_done();
}
