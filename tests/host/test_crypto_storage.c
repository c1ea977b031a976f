// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sealed storage (service 3) on the host: the RFC 8439 §2.8.2 AEAD vector
 * through seal.c, blob tampering, and the service driven through its
 * handle() against an in-memory tzcomd (a fake tz_hlos_call that speaks
 * hlos_storage.h and checks the callback size limits).
 */
#include <tzcom/hlos_storage.h>
#include <tzcom/tz_storage.h>

#include <tzbsp/rollback.h>

#include "crypto_test.h"
#include "fake_memref.h"
#include "sim_flash.h"
#include "../../secure/apps/storage/seal.h"

/* ---- in-memory tzcomd ---------------------------------------------------- */
#define FAKE_OBJS 8

static struct {
	char name[TZ_HLOS_NAME_MAX + 1];
	uint8_t blob[TZCOM_CB_MAX_DATA];
	size_t len;
} objs[FAKE_OBJS];
static int fake_calls, fake_bad, fake_fail_status;
static size_t fake_max_req, fake_max_rsp;

static int fake_find(const char *name, size_t len)
{
	int i;

	for (i = 0; i < FAKE_OBJS; i++)
		if (objs[i].name[0] && strlen(objs[i].name) == len &&
		    !memcmp(objs[i].name, name, len))
			return i;
	return -1;
}

static int fake_answer(int status, const void *data, size_t len, void *rsp,
		       size_t rsp_cap, size_t *rsp_len)
{
	struct tz_hlos_rsp_hdr hdr = { .status = status, .data_len = (uint32_t)len };

	if (sizeof(hdr) + len > TZCOM_CB_RSP_MAX_DATA)
		fake_bad++;
	if (sizeof(hdr) + len > rsp_cap)
		return -TZ_EMSGSIZE;
	memcpy(rsp, &hdr, sizeof(hdr));
	if (len)
		memcpy((uint8_t *)rsp + sizeof(hdr), data, len);
	*rsp_len = sizeof(hdr) + len;
	if (*rsp_len > fake_max_rsp)
		fake_max_rsp = *rsp_len;
	return 0;
}

/* The scheduler's per-command scratch, as one command would have it. */
void *tz_thread_scratch(size_t *len)
{
	static uint8_t scratch[2 * TZCOM_SB_LEN] __attribute__((aligned(16)));

	*len = sizeof(scratch);
	return scratch;
}

int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_hlos_storage_req hdr;
	const char *name;
	const uint8_t *data;
	char list[1024];
	size_t n = 0;
	int i;

	fake_calls++;
	if (req_len > fake_max_req)
		fake_max_req = req_len;
	/* A tzcomd of blobs only: the ranged callbacks of large objects are unknown. */
	if (cmd_id >= TZ_HLOS_STORAGE_WRITE_AT && cmd_id <= TZ_HLOS_STORAGE_DISCARD)
		return fake_answer(-TZ_ENOSYS, NULL, 0, rsp, rsp_cap, rsp_len);
	if (req_len > TZCOM_CB_MAX_DATA || req_len < sizeof(hdr)) {
		fake_bad++;
		return -TZ_EMSGSIZE;
	}
	memcpy(&hdr, req, sizeof(hdr));
	if (hdr.cmd_id != cmd_id || hdr.reserved ||
	    sizeof(hdr) + hdr.name_len + hdr.data_len != req_len ||
	    hdr.name_len > TZ_HLOS_NAME_MAX) {
		fake_bad++;
		return fake_answer(-TZ_EINVAL, NULL, 0, rsp, rsp_cap, rsp_len);
	}
	if (fake_fail_status)
		return fake_answer(fake_fail_status, NULL, 0, rsp, rsp_cap, rsp_len);
	name = (const char *)req + sizeof(hdr);
	data = (const uint8_t *)name + hdr.name_len;
	i = fake_find(name, hdr.name_len);

	switch (cmd_id) {
	case TZ_HLOS_STORAGE_WRITE:
		if (i < 0)
			for (i = 0; i < FAKE_OBJS && objs[i].name[0]; i++)
				;
		if (i == FAKE_OBJS)
			return fake_answer(-TZ_ENOSPC, NULL, 0, rsp, rsp_cap, rsp_len);
		memcpy(objs[i].name, name, hdr.name_len);
		objs[i].name[hdr.name_len] = '\0';
		memcpy(objs[i].blob, data, hdr.data_len);
		objs[i].len = hdr.data_len;
		return fake_answer(0, NULL, 0, rsp, rsp_cap, rsp_len);
	case TZ_HLOS_STORAGE_READ:
		if (i < 0)
			return fake_answer(-TZ_ENOENT, NULL, 0, rsp, rsp_cap, rsp_len);
		return fake_answer(0, objs[i].blob, objs[i].len, rsp, rsp_cap, rsp_len);
	case TZ_HLOS_STORAGE_REMOVE:
		if (i < 0)
			return fake_answer(-TZ_ENOENT, NULL, 0, rsp, rsp_cap, rsp_len);
		objs[i].name[0] = '\0';
		return fake_answer(0, NULL, 0, rsp, rsp_cap, rsp_len);
	case TZ_HLOS_STORAGE_LIST:
		for (i = 0; i < FAKE_OBJS; i++) {
			if (!objs[i].name[0])
				continue;
			memcpy(list + n, objs[i].name, strlen(objs[i].name) + 1);
			n += strlen(objs[i].name) + 1;
		}
		return fake_answer(0, list, n, rsp, rsp_cap, rsp_len);
	default:
		return fake_answer(-TZ_ENOSYS, NULL, 0, rsp, rsp_cap, rsp_len);
	}
}

/* ---- RFC 8439 §2.8.2 ------------------------------------------------------ */
static void test_rfc8439_aead(void)
{
	static const char pt[] =
		"Ladies and Gentlemen of the class of '99: If I could offer you "
		"only one tip for the future, sunscreen would be it.";
	static const char ct_hex[] =
		"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
		"3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
		"92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
		"3ff4def08e4b7a9de576d26586cec64b6116";
	uint8_t key[32], nonce[12], aad[12], ct[114], expect[114], tag[16];
	uint8_t expect_tag[16], out[114];
	size_t i;

	CHECK_EQ(sizeof(pt) - 1, 114);
	for (i = 0; i < 32; i++)
		key[i] = (uint8_t)(0x80 + i);
	unhex("070000004041424344454647", nonce, sizeof(nonce));
	unhex("50515253c0c1c2c3c4c5c6c7", aad, sizeof(aad));
	unhex(ct_hex, expect, sizeof(expect));
	unhex("1ae10b594f09e26a7e902ecbd0600691", expect_tag, sizeof(expect_tag));

	CHECK_EQ(seal_aead_encrypt(key, nonce, aad, 12, (const uint8_t *)pt, 114,
				   ct, tag), 0);
	CHECK(memcmp(ct, expect, 114) == 0);
	CHECK(memcmp(tag, expect_tag, 16) == 0);
	CHECK_EQ(seal_aead_decrypt(key, nonce, aad, 12, ct, 114, tag, out), 0);
	CHECK(memcmp(out, pt, 114) == 0);

	/* One flipped bit anywhere: no plaintext, -EBADMSG. */
	ct[50] ^= 0x01;
	memset(out, 0x5a, sizeof(out));
	CHECK_EQ(seal_aead_decrypt(key, nonce, aad, 12, ct, 114, tag, out), -TZ_EBADMSG);
	for (i = 0; i < sizeof(out) && out[i] == 0; i++)
		;
	CHECK_EQ(i, sizeof(out));
	ct[50] ^= 0x01;
	aad[0] ^= 0x80;
	CHECK_EQ(seal_aead_decrypt(key, nonce, aad, 12, ct, 114, tag, out), -TZ_EBADMSG);
	aad[0] ^= 0x80;
	tag[15] ^= 0x40;
	CHECK_EQ(seal_aead_decrypt(key, nonce, aad, 12, ct, 114, tag, out), -TZ_EBADMSG);
}

/* ---- blobs ------------------------------------------------------------------ */
static void test_blob(void)
{
	static const char msg[] = "the quick brown fox";
	uint8_t key[32], key2[32], blob[256], pt[256];
	struct seal_meta meta = { .epoch = 0x1122334455667788ULL, .obj_version = 7 };
	struct seal_meta got_meta;
	size_t blob_len, pt_len, i;

	memset(key, 0x42, sizeof(key));
	memset(key2, 0x43, sizeof(key2));
	memset(meta.nonce, 0x07, sizeof(meta.nonce));
	CHECK_EQ(seal_blob(key, &meta, "obj", 3, (const uint8_t *)msg, sizeof(msg),
			   blob, sizeof(blob), &blob_len), 0);
	CHECK_EQ(blob_len, sizeof(msg) + TZ_STORAGE_BLOB_OVERHEAD);
	/* The plaintext does not appear in the blob. */
	for (i = 0; i + 5 <= blob_len; i++)
		CHECK(memcmp(blob + i, "quick", 5) != 0);
	CHECK_EQ(open_blob(key, "obj", 3, blob, blob_len, pt, sizeof(pt), &pt_len,
			   &got_meta), 0);
	CHECK_EQ(pt_len, sizeof(msg));
	CHECK(memcmp(pt, msg, sizeof(msg)) == 0);
	/* The layout of tz_storage.h: format 2, epoch at 24, version at 32. */
	CHECK_EQ(blob[4] | blob[5] << 8, 2);
	CHECK(memcmp(blob + 8, meta.nonce, 12) == 0);
	CHECK(memcmp(blob + 24, &meta.epoch, 8) == 0);
	CHECK(memcmp(blob + 32, &meta.obj_version, 8) == 0);
	CHECK_EQ(got_meta.epoch, meta.epoch);
	CHECK_EQ(got_meta.obj_version, 7);
	CHECK(memcmp(got_meta.nonce, meta.nonce, 12) == 0);

	/* Every byte matters: header, nonce, ciphertext, tag. */
	for (i = 0; i < blob_len; i++) {
		blob[i] ^= 0x20;
		CHECK_EQ(open_blob(key, "obj", 3, blob, blob_len, pt, sizeof(pt), &pt_len,
				   &got_meta), -TZ_EBADMSG);
		CHECK_EQ(pt_len, 0);
		blob[i] ^= 0x20;
	}
	/* Truncated or extended; renamed; another key; a too-small buffer. */
	for (i = 0; i < blob_len; i++)
		CHECK_EQ(open_blob(key, "obj", 3, blob, i, pt, sizeof(pt), &pt_len,
				   &got_meta), -TZ_EBADMSG);
	CHECK_EQ(open_blob(key, "obj", 3, blob, blob_len + 1, pt, sizeof(pt), &pt_len,
			   &got_meta), -TZ_EBADMSG);
	CHECK_EQ(open_blob(key, "obk", 3, blob, blob_len, pt, sizeof(pt), &pt_len,
			   &got_meta), -TZ_EBADMSG);
	CHECK_EQ(open_blob(key, "obj2", 4, blob, blob_len, pt, sizeof(pt), &pt_len,
			   &got_meta), -TZ_EBADMSG);
	CHECK_EQ(open_blob(key2, "obj", 3, blob, blob_len, pt, sizeof(pt), &pt_len,
			   &got_meta), -TZ_EBADMSG);
	CHECK_EQ(open_blob(key, "obj", 3, blob, blob_len, pt, sizeof(msg) - 1, &pt_len,
			   &got_meta), -TZ_ERANGE);
	CHECK_EQ(seal_blob(key, &meta, "obj", 3, (const uint8_t *)msg, sizeof(msg),
			   blob, sizeof(msg) + TZ_STORAGE_BLOB_OVERHEAD - 1, &blob_len),
		 -TZ_EMSGSIZE);

	/*
	 * Format 1 (24-byte header, no version): an authentic one is refused
	 * as from before anti-rollback, with the plaintext wiped; a forged one
	 * is just a bad blob.
	 */
	{
		uint8_t v1[24 + sizeof(msg) + 16];

		memcpy(v1, blob, 24);
		v1[4] = 1;
		memcpy(pt, v1, 24);
		memcpy(pt + 24, "obj", 3);
		CHECK_EQ(seal_aead_encrypt(key, meta.nonce, pt, 27, (const uint8_t *)msg,
					   sizeof(msg), v1 + 24, v1 + 24 + sizeof(msg)), 0);
		memset(pt, 0x5a, sizeof(pt));
		CHECK_EQ(open_blob(key, "obj", 3, v1, sizeof(v1), pt, sizeof(pt), &pt_len,
				   &got_meta), -TZ_EKEYEXPIRED);
		CHECK_EQ(pt_len, 0);
		for (i = 0; i < sizeof(msg) && pt[i] == 0; i++)
			;
		CHECK_EQ(i, sizeof(msg));
		v1[30] ^= 1;
		CHECK_EQ(open_blob(key, "obj", 3, v1, sizeof(v1), pt, sizeof(pt), &pt_len,
				   &got_meta), -TZ_EBADMSG);
	}
}

/* ---- the service ------------------------------------------------------------ */
static const struct tz_service *svc;
static uint8_t req[TZCOM_SB_LEN], rsp[TZCOM_SB_LEN];
static size_t rsp_len;

static int cmd(uint32_t cmd_id, const char *name, const void *data, size_t len,
	       size_t rsp_cap)
{
	struct tz_storage_req hdr = {
		.cmd_id = cmd_id,
		.name_len = (uint32_t)strlen(name),
		.data_len = (uint32_t)len,
	};

	memcpy(req, &hdr, sizeof(hdr));
	memcpy(req + sizeof(hdr), name, hdr.name_len);
	if (len)
		memcpy(req + sizeof(hdr) + hdr.name_len, data, len);
	memset(rsp, 0xee, sizeof(rsp));
	rsp_len = 12345;
	return svc->handle(cmd_id, req, sizeof(hdr) + hdr.name_len + len, rsp,
			   rsp_cap, &rsp_len);
}

static int put(const char *name, const void *data, size_t len)
{
	return cmd(TZ_STORAGE_PUT, name, data, len, 0);
}

/* GET into a response area of the largest size a client can offer. */
static int get(const char *name)
{
	return cmd(TZ_STORAGE_GET, name, NULL, 0,
		   TZCOM_SB_LEN - 12 - strlen(name) - sizeof(struct tzcom_svc_rsp_hdr));
}

static bool got(const void *data, size_t len)
{
	struct tz_storage_get_rsp g;

	memcpy(&g, rsp, sizeof(g));
	return rsp_len == sizeof(g) + len && g.data_len == len &&
	       !memcmp(rsp + sizeof(g), data, len);
}

static void test_service(void)
{
	static uint8_t big[TZ_STORAGE_MAX_DATA + 1];
	static const char long_name[] =
		"a123456789b123456789c123456789d123456789e123456789f123456789ghij";
	struct tz_device_secret_record rec;
	uint8_t saved[TZCOM_CB_MAX_DATA];
	size_t saved_len, i;
	struct tz_storage_list_rsp l;
	int a, b;

	make_secret_record(&rec, 0x5c);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);
	CHECK_EQ(svc->init(), 0);

	CHECK_EQ(put("alpha", "hello", 5), 0);
	CHECK_EQ(rsp_len, 0);
	a = fake_find("alpha", 5);
	CHECK(a >= 0);
	CHECK_EQ(objs[a].len, 5 + TZ_STORAGE_BLOB_OVERHEAD);
	CHECK_EQ(get("alpha"), 0);
	CHECK(got("hello", 5));
	CHECK_EQ(get("beta"), -TZ_ENOENT);
	CHECK_EQ(rsp_len, 0);

	/* The same object stored twice gets a fresh nonce. */
	memcpy(saved, objs[a].blob, objs[a].len);
	CHECK_EQ(put("alpha", "hello", 5), 0);
	CHECK(memcmp(saved + 8, objs[a].blob + 8, TZ_STORAGE_NONCE_LEN) != 0);
	CHECK(memcmp(saved, objs[a].blob, objs[a].len) != 0);

	/* A blob swapped onto another name, or tampered, or truncated on "disk". */
	CHECK_EQ(put("beta", "world", 5), 0);
	b = fake_find("beta", 4);
	memcpy(saved, objs[b].blob, objs[b].len);
	saved_len = objs[b].len;
	memcpy(objs[b].blob, objs[a].blob, objs[a].len);
	CHECK_EQ(get("beta"), -TZ_EBADMSG);
	CHECK_EQ(rsp_len, 0);
	CHECK(memcmp(rsp + 4, "hello", 5) != 0);
	memcpy(objs[b].blob, saved, saved_len);
	CHECK_EQ(get("beta"), 0);
	objs[b].blob[saved_len - 1] ^= 1;
	CHECK_EQ(get("beta"), -TZ_EBADMSG);
	objs[b].blob[saved_len - 1] ^= 1;
	objs[b].len = saved_len - 1;
	CHECK_EQ(get("beta"), -TZ_EBADMSG);
	objs[b].len = 0;
	CHECK_EQ(get("beta"), -TZ_EBADMSG);
	objs[b].len = saved_len;
	CHECK_EQ(get("beta"), 0);
	CHECK(got("world", 5));

	/* Another board's secret cannot open it. */
	make_secret_record(&rec, 0x5d);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);
	CHECK_EQ(get("beta"), -TZ_EBADMSG);
	make_secret_record(&rec, 0x5c);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);

	/* LIST and RM. */
	CHECK_EQ(cmd(TZ_STORAGE_LIST, "", NULL, 0, 1024), 0);
	memcpy(&l, rsp, sizeof(l));
	CHECK_EQ(l.count, 2);
	CHECK_EQ(l.names_len, 11);
	CHECK_EQ(rsp_len, sizeof(l) + 11);
	CHECK(!memcmp(rsp + sizeof(l), "alpha\0beta\0", 11) ||
	      !memcmp(rsp + sizeof(l), "beta\0alpha\0", 11));
	CHECK_EQ(cmd(TZ_STORAGE_LIST, "", NULL, 0, sizeof(l) + 10), -TZ_ERANGE);
	CHECK_EQ(cmd(TZ_STORAGE_RM, "alpha", NULL, 0, 0), 0);
	CHECK_EQ(cmd(TZ_STORAGE_RM, "alpha", NULL, 0, 0), -TZ_ENOENT);
	CHECK_EQ(get("alpha"), -TZ_ENOENT);
	/* A stray file name in tzcomd's answer is left out. */
	strcpy(objs[7].name, "..evil");
	CHECK_EQ(cmd(TZ_STORAGE_LIST, "", NULL, 0, 1024), 0);
	memcpy(&l, rsp, sizeof(l));
	CHECK_EQ(l.count, 1);
	CHECK(!memcmp(rsp + sizeof(l), "beta", 5));
	objs[7].name[0] = '\0';

	/* Largest object, with the longest name, round-trips; one more byte does not. */
	for (i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13 + 1);
	CHECK_EQ(TZ_STORAGE_MAX_DATA, 20332);
	CHECK_EQ(sizeof(long_name) - 1, TZ_STORAGE_NAME_MAX);
	CHECK_EQ(put(long_name, big, TZ_STORAGE_MAX_DATA), 0);
	CHECK_EQ(fake_max_req, TZCOM_CB_MAX_DATA);
	CHECK_EQ(get(long_name), 0);
	CHECK(got(big, TZ_STORAGE_MAX_DATA));
	CHECK(fake_max_rsp <= TZCOM_CB_RSP_MAX_DATA);
	CHECK_EQ(put(long_name, big, TZ_STORAGE_MAX_DATA + 1), -TZ_EMSGSIZE);
	/* GET into a response area too small for the object. */
	CHECK_EQ(cmd(TZ_STORAGE_GET, long_name, NULL, 0, 4 + 100), -TZ_ERANGE);
	CHECK_EQ(cmd(TZ_STORAGE_GET, long_name, NULL, 0, 3), -TZ_ERANGE);

	/* Names tzcomd could misuse as paths never leave the secure world. */
	i = fake_calls;
	CHECK_EQ(put("", "x", 1), -TZ_EINVAL);
	CHECK_EQ(put(".hidden", "x", 1), -TZ_EINVAL);
	CHECK_EQ(put("..", "x", 1), -TZ_EINVAL);
	CHECK_EQ(put("a/b", "x", 1), -TZ_EINVAL);
	CHECK_EQ(put("sp ace", "x", 1), -TZ_EINVAL);
	CHECK_EQ(get("../../etc/passwd"), -TZ_EINVAL);
	CHECK_EQ(cmd(TZ_STORAGE_RM, "a\\b", NULL, 0, 0), -TZ_EINVAL);
	CHECK_EQ(fake_calls, i);
	{
		char name65[66];

		memset(name65, 'n', 65);
		name65[65] = '\0';
		CHECK_EQ(put(name65, "x", 1), -TZ_EINVAL);
	}

	/* Malformed requests. */
	{
		struct tz_storage_req h = { TZ_STORAGE_PUT, 3, 5 };

		memcpy(req, &h, sizeof(h));
		memcpy(req + 12, "abcxxxxx", 8);
		CHECK_EQ(svc->handle(TZ_STORAGE_PUT, req, 12 + 7, rsp, 0, &rsp_len),
			 -TZ_EINVAL);
		CHECK_EQ(svc->handle(TZ_STORAGE_PUT, req, 12 + 9, rsp, 0, &rsp_len),
			 -TZ_EINVAL);
		CHECK_EQ(svc->handle(TZ_STORAGE_PUT, req, 11, rsp, 0, &rsp_len),
			 -TZ_EINVAL);
		h.data_len = 0xfffffff8u;
		memcpy(req, &h, sizeof(h));
		CHECK_EQ(svc->handle(TZ_STORAGE_PUT, req, 12 + 8, rsp, 0, &rsp_len),
			 -TZ_EINVAL);
		h.cmd_id = TZ_STORAGE_GET;
		h.data_len = 5;
		memcpy(req, &h, sizeof(h));
		CHECK_EQ(svc->handle(TZ_STORAGE_GET, req, 12 + 8, rsp, 4096, &rsp_len),
			 -TZ_EINVAL);
		CHECK_EQ(cmd(TZ_STORAGE_LIST, "x", NULL, 0, 1024), -TZ_EINVAL);
		CHECK_EQ(cmd(TZ_CMD_ID(TZ_SVC_STORAGE, 77), "x", NULL, 0, 1024),
			 -TZ_ENOSYS);
	}

	/* The normal world's errors come back as they are. */
	fake_fail_status = -TZ_ENOSPC;
	CHECK_EQ(put("gamma", "x", 1), -TZ_ENOSPC);
	fake_fail_status = 7;	/* nonsense positive status */
	CHECK_EQ(get("beta"), -TZ_EIO);
	fake_fail_status = 0;
	CHECK_EQ(fake_bad, 0);
}

/* A reboot: the secure world forgets everything but the flash. */
static void reboot(void)
{
	sim_flash_power_on();
	tz_rb_test_unmount();
}

/* Keep and restore tzcomd's file for one object, as a root user would. */
struct saved_blob {
	uint8_t b[TZCOM_CB_MAX_DATA];
	size_t len;
};

static void keep(const char *name, struct saved_blob *sb)
{
	int i = fake_find(name, strlen(name));

	sb->len = i >= 0 ? objs[i].len : 0;
	if (i >= 0)
		memcpy(sb->b, objs[i].blob, sb->len);
}

static void restore(const char *name, const struct saved_blob *sb)
{
	int i = fake_find(name, strlen(name));

	if (i < 0) {
		for (i = 0; objs[i].name[0]; i++)
			;
		strcpy(objs[i].name, name);
	}
	memcpy(objs[i].blob, sb->b, sb->len);
	objs[i].len = sb->len;
}

/* Refused: status, no data, and the plaintext is not left in rsp. */
static void refused(const char *name, int status, const char *pt)
{
	CHECK_EQ(get(name), status);
	CHECK_EQ(rsp_len, 0);
	CHECK(!memmem(rsp, sizeof(rsp), pt, strlen(pt)));
}

static void test_rollback(void)
{
	static struct saved_blob old, cur, fork;
	struct tz_device_secret_record rec;
	uint64_t e1, e2;

	make_secret_record(&rec, 0x5c);
	CHECK_EQ(tz_device_secret_test_load(&rec), 0);
	sim_flash_wipe();
	reboot();

	/* The issue: keep the file of tries=3, store tries=0, copy it back. */
	CHECK_EQ(put("pin", "pin-tries-left=3", 16), 0);
	keep("pin", &old);
	CHECK_EQ(old.b[32], 1);		/* version 1 in the header */
	CHECK_EQ(put("pin", "pin-tries-left=0", 16), 0);
	keep("pin", &cur);
	CHECK_EQ(cur.b[32], 2);
	restore("pin", &old);
	refused("pin", -TZ_ESTALE, "pin-tries-left=3");
	reboot();
	refused("pin", -TZ_ESTALE, "pin-tries-left=3");
	restore("pin", &cur);
	CHECK_EQ(get("pin"), 0);
	CHECK(got("pin-tries-left=0", 16));
	CHECK_EQ(sim_flash_misuse, 0);

	/* Another object's blob: the name is in the AAD. */
	CHECK_EQ(put("other", "other-data", 10), 0);
	restore("pin", &(struct saved_blob){ .len = 0 });
	keep("other", &old);
	restore("pin", &old);
	refused("pin", -TZ_EBADMSG, "other-data");
	restore("pin", &cur);

	/*
	 * The crash window: tzcomd wrote version 3 but power went before the
	 * commit.  The blob is refused as newer until the object is stored
	 * again, which seals version 3 anew; the uncommitted blob then stays
	 * refused (same version, another nonce).
	 */
	sim_flash_cut_after(1);
	CHECK_EQ(put("pin", "pin-tries-left=9", 16), -TZ_EIO);
	CHECK(sim_flash_cut_done());
	keep("pin", &fork);
	CHECK_EQ(fork.b[32], 3);
	reboot();
	refused("pin", -TZ_EINPROGRESS, "pin-tries-left=9");
	CHECK_EQ(put("pin", "pin-tries-left=1", 16), 0);
	keep("pin", &cur);
	CHECK_EQ(cur.b[32], 3);
	CHECK_EQ(get("pin"), 0);
	CHECK(got("pin-tries-left=1", 16));
	restore("pin", &fork);
	refused("pin", -TZ_ESTALE, "pin-tries-left=9");
	restore("pin", &cur);
	/* A first PUT cut before its commit: no record, the blob is newer. */
	sim_flash_cut_after(1);
	CHECK_EQ(put("fresh", "fresh-data", 10), -TZ_EIO);
	reboot();
	refused("fresh", -TZ_EINPROGRESS, "fresh-data");

	/* RM leaves a deleted mark: the removed object's blob is refused. */
	keep("pin", &old);
	CHECK_EQ(cmd(TZ_STORAGE_RM, "pin", NULL, 0, 0), 0);
	CHECK_EQ(get("pin"), -TZ_ENOENT);
	restore("pin", &old);
	refused("pin", -TZ_ESTALE, "pin-tries-left=1");
	reboot();
	refused("pin", -TZ_ESTALE, "pin-tries-left=1");
	CHECK_EQ(put("pin", "pin-tries-left=3", 16), 0);
	keep("pin", &cur);
	CHECK_EQ(cur.b[32], 4);		/* continues after the removed version */
	CHECK_EQ(get("pin"), 0);
	restore("pin", &old);
	refused("pin", -TZ_ESTALE, "pin-tries-left=1");
	restore("pin", &cur);

	/* A wiped (or new) counter store: a new epoch, old blobs refused. */
	CHECK_EQ(tz_rb_epoch(&e1), 0);
	sim_flash_wipe();
	reboot();
	CHECK_EQ(tz_rb_epoch(&e2), 0);
	CHECK(e1 != e2);
	refused("pin", -TZ_EKEYEXPIRED, "pin-tries-left=3");
	refused("other", -TZ_EKEYEXPIRED, "other-data");
	CHECK_EQ(put("pin", "pin-tries-left=2", 16), 0);
	CHECK_EQ(get("pin"), 0);
	CHECK(got("pin-tries-left=2", 16));
	CHECK_EQ(sim_flash_misuse, 0);
}

int main(void)
{
	svc = find_service(TZ_SVC_STORAGE);
	CHECK(svc != NULL);
	if (!svc)
		return tap_done();
	test_rfc8439_aead();
	test_blob();
	test_service();
	test_rollback();
	return tap_done();
}
