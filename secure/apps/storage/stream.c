// SPDX-License-Identifier: BSD-3-Clause
/*
 * Large objects, streamed in a session (tz_storage.h, "Large objects";
 * docs/crypto-storage.md).  PUT seals each chunk as it arrives and hands
 * it to tzcomd (WRITE_AT into the object's staging file); its end writes
 * the header, commits the file and only then the new version, as PUT of
 * a blob does.  GET authenticates the header, checks it is current, and
 * opens the chunks one by one as they are asked for.  Neither world ever
 * holds the whole object.
 *
 * The service is exclusive (one command at a time), so the one plaintext
 * buffer below is never shared by two commands; what a stream needs
 * between its commands is in its session's state.
 */
#include <string.h>

#include <tzbsp/crypto.h>
#include <tzbsp/service.h>
#include <tzcom/hlos_storage.h>

#include "storage.h"

TZ_SESSION_STATE(struct storage_stream, storage_sessions);

/* A chunk's plaintext, or a whole blob's (format 2) for GET_DATA. */
#define PT_BUF_LEN \
	(TZ_STORAGE_MAX_DATA > TZ_STORAGE_CHUNK_SIZE ? TZ_STORAGE_MAX_DATA : \
	 TZ_STORAGE_CHUNK_SIZE)
static uint8_t pt_buf[PT_BUF_LEN];

#define XREQ_MAX	(TZ_HLOS_STORAGE_XREQ_LEN + TZ_STORAGE_NAME_MAX)

_Static_assert(XREQ_MAX + TZ_STORAGE_CHUNK_BLOB <= TZCOM_CB_MAX_DATA,
	       "a sealed chunk fits one WRITE_AT");
_Static_assert(TZ_STORAGE_CHUNK_BLOB + 1 <= TZ_HLOS_RSP_MAX_DATA,
	       "a sealed chunk and one more byte fit one READ_AT answer");
_Static_assert(TZ_STORAGE_BLOB_OVERHEAD + TZ_STORAGE_MAX_DATA < TZ_HLOS_RSP_MAX_DATA,
	       "a READ_AT of the most tells a blob from a longer file");
_Static_assert(TZ_STORAGE_OBJ_HDR_LEN +
	       (TZ_STORAGE_OBJ_MAX / TZ_STORAGE_CHUNK_SIZE + 1) *
	       (uint64_t)TZ_STORAGE_CHUNK_BLOB <= TZ_HLOS_OBJ_FILE_MAX,
	       "the largest object fits tzcomd's file limit");
_Static_assert(sizeof(struct tz_storage_data_rsp) + TZ_STORAGE_CHUNK_SIZE <=
	       TZCOM_SB_LEN - sizeof(struct tz_storage_stream_req) -
	       sizeof(struct tzcom_svc_rsp_hdr), "an inline GET_DATA holds a chunk");

static uint64_t chunk_off(uint32_t index)
{
	return TZ_STORAGE_OBJ_HDR_LEN + (uint64_t)index * TZ_STORAGE_CHUNK_BLOB;
}

/* Header and name of a ranged callback in b->req; returns the data offset. */
static size_t xreq_prepare(struct storage_bufs *b, uint32_t cb_id,
			   const struct storage_stream *s, uint32_t data_len,
			   uint32_t flags, uint64_t offset)
{
	struct tz_hlos_storage_xreq x = {
		.cmd_id = cb_id,
		.name_len = s->name_len,
		.data_len = data_len,
		.flags = flags,
		.offset_lo = (uint32_t)offset,
		.offset_hi = (uint32_t)(offset >> 32),
	};

	memcpy(b->req, &x, sizeof(x));
	memcpy(b->req + sizeof(x), s->name, s->name_len);
	return sizeof(x) + s->name_len;
}

/* COMMIT or DISCARD of s's staging file. */
static int staging_call(struct storage_bufs *b, uint32_t cb_id,
			const struct storage_stream *s)
{
	const uint8_t *data;
	size_t len;

	return storage_cb_call(b, cb_id, xreq_prepare(b, cb_id, s, 0, 0, 0),
			       &data, &len);
}

/* READ_AT want bytes at offset of s's object: *data, *len (fewer at its end). */
static int read_at(struct storage_bufs *b, const struct storage_stream *s,
		   uint64_t offset, uint32_t want, const uint8_t **data, size_t *len)
{
	int ret = storage_cb_call(b, TZ_HLOS_STORAGE_READ_AT,
				  xreq_prepare(b, TZ_HLOS_STORAGE_READ_AT, s, want, 0, offset),
				  data, len);

	if (!ret && *len > want)
		return -TZ_EIO;
	return ret;
}

static bool same_name(const struct storage_stream *s, const char *name, size_t len)
{
	return s->name_len == len && !memcmp(s->name, name, len);
}

int storage_stream_busy(const char *name, size_t name_len)
{
	unsigned int i;

	for (i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		if (storage_sessions[i].mode == STREAM_PUT &&
		    same_name(&storage_sessions[i], name, name_len))
			return -TZ_EBUSY;
	return 0;
}

int storage_stream_rm(const char *name, size_t name_len)
{
	struct storage_bufs *b = storage_cb_bufs();
	struct storage_stream tmp = { .name_len = (uint32_t)name_len };
	unsigned int i;

	if (!b)
		return -TZ_EIO;
	for (i = 0; i < TZ_SESSIONS_PER_SVC; i++)
		if (storage_sessions[i].mode == STREAM_PUT &&
		    same_name(&storage_sessions[i], name, name_len))
			storage_sessions[i].mode = STREAM_NONE;
	memcpy(tmp.name, name, name_len);
	/*
	 * Best effort: a staging file is never read, and the next PUT of the
	 * name empties it; a tzcomd without DISCARD never had one.
	 */
	staging_call(b, TZ_HLOS_STORAGE_DISCARD, &tmp);
	return 0;
}

bool storage_is_large(const uint8_t *blob, size_t len)
{
	uint32_t magic;

	if (len < sizeof(magic))
		return false;
	memcpy(&magic, blob, sizeof(magic));
	return magic == TZ_STORAGE_OBJ_MAGIC;
}

/* The session's stream, or -TZ_EBADF without a session. */
static int stream_of(struct storage_stream **s)
{
	int idx = tz_session_index();

	if (idx < 0)
		return idx;
	if (idx >= (int)TZ_SESSIONS_PER_SVC)
		return -TZ_EIO;
	*s = &storage_sessions[idx];
	return 0;
}

/* ---- PUT ------------------------------------------------------------------ */

static int put_begin(struct storage_stream *s, const char *name, size_t name_len)
{
	struct tz_rb_val cur = { 0, 0, 0 };
	struct tz_rb_id id;
	struct seal_obj o;
	int ret;

	if (storage_stream_busy(name, name_len) &&
	    !(s->mode == STREAM_PUT && same_name(s, name, name_len)))
		return -TZ_EBUSY;
	memset(&o, 0, sizeof(o));
	ret = storage_object_id(name, name_len, &id);
	if (!ret)
		ret = tz_rb_epoch(&o.epoch);
	if (!ret) {
		ret = tz_rb_get(id, &cur);
		if (ret == -TZ_ENOENT)
			ret = 0;
	}
	if (!ret)
		ret = storage_make_nonce(name, name_len, NULL, 0, o.nonce);
	if (ret)
		return ret;
	o.obj_version = cur.version + 1;

	/* A stream this session left unfinished is dropped (its staging file
	 * is emptied by the first WRITE_AT of its name). */
	memset(s, 0, sizeof(*s));
	s->name_len = (uint32_t)name_len;
	memcpy(s->name, name, name_len);
	s->obj = o;
	s->mode = STREAM_PUT;
	return 0;
}

/* Seal pt[len] as chunk s->next and write it to the staging file. */
static int put_chunk(struct storage_stream *s, const uint8_t *pt, size_t len,
		     bool last)
{
	struct storage_bufs *b = storage_cb_bufs();
	uint8_t key[SEAL_KEY_LEN];
	const uint8_t *data;
	size_t off, dlen;
	int ret;

	if (!b)
		return -TZ_EIO;
	off = xreq_prepare(b, TZ_HLOS_STORAGE_WRITE_AT, s,
			   (uint32_t)(len + TZ_STORAGE_TAG_LEN),
			   s->next == 0 ? TZ_HLOS_F_TRUNC : 0, chunk_off(s->next));
	ret = storage_enc_key(key);
	if (!ret)
		ret = seal_chunk(key, &s->obj, s->name, s->name_len, s->next, last,
				 pt, len, b->req + off);
	tz_crypto_zeroize(key, sizeof(key));
	if (ret)
		return ret;
	ret = storage_cb_call(b, TZ_HLOS_STORAGE_WRITE_AT,
			      off + len + TZ_STORAGE_TAG_LEN, &data, &dlen);
	if (ret)
		return ret;
	s->next++;
	s->obj.data_len += len;
	return 0;
}

/*
 * The end: header, COMMIT, then the version, as storage_put() does: a
 * crash (or a failed counter write) after the COMMIT leaves a file one
 * version ahead, refused with -EINPROGRESS until the next PUT.
 */
static int put_finish(struct storage_stream *s)
{
	struct storage_bufs *b = storage_cb_bufs();
	struct tz_rb_val cur;
	uint8_t key[SEAL_KEY_LEN];
	struct tz_rb_id id;
	const uint8_t *data;
	size_t off, dlen;
	int ret;

	if (!b)
		return -TZ_EIO;
	s->obj.nchunks = s->next;
	off = xreq_prepare(b, TZ_HLOS_STORAGE_WRITE_AT, s, TZ_STORAGE_OBJ_HDR_LEN, 0, 0);
	ret = storage_enc_key(key);
	if (!ret)
		ret = seal_obj_hdr(key, &s->obj, s->name, s->name_len, b->req + off);
	tz_crypto_zeroize(key, sizeof(key));
	if (!ret)
		ret = storage_cb_call(b, TZ_HLOS_STORAGE_WRITE_AT,
				      off + TZ_STORAGE_OBJ_HDR_LEN, &data, &dlen);
	if (!ret)
		ret = staging_call(b, TZ_HLOS_STORAGE_COMMIT, s);
	if (!ret)
		ret = storage_object_id(s->name, s->name_len, &id);
	if (ret)
		return ret;
	cur.version = s->obj.obj_version;
	cur.pin = storage_nonce_pin(s->obj.nonce);
	cur.deleted = 0;
	return tz_rb_set(id, cur);
}

/* The next n bytes of this PUT_DATA into pt_buf (memref) or from req. */
static int put_source(bool memref, const uint8_t *inl, uint64_t off, size_t n,
		      const uint8_t **pt)
{
	int ret;

	if (!memref) {
		*pt = inl + off;
		return 0;
	}
	ret = tz_memref_read(0, off, pt_buf, n);
	*pt = pt_buf;
	return ret;
}

static int put_data(struct storage_stream *s, const struct tz_storage_stream_req *r,
		    const uint8_t *inl)
{
	bool memref = r->flags & TZ_STORAGE_F_MEMREF, last = r->flags & TZ_STORAGE_F_LAST;
	uint64_t len = r->data_len, off = 0;
	const uint8_t *pt = NULL;
	int ret = 0;

	if (!last && (len == 0 || len % TZ_STORAGE_CHUNK_SIZE))
		return -TZ_EINVAL;
	if (len > TZ_STORAGE_OBJ_MAX - s->obj.data_len)
		return -TZ_EFBIG;
	if (memref) {
		struct tz_memref_info mi;

		ret = tz_memref_info(0, &mi);
		if (!ret && !(mi.flags & TZ_MEM_IN))
			ret = -TZ_EPERM;
		if (!ret && mi.size < len)
			ret = -TZ_ERANGE;
		if (ret)
			return ret;
	}
	while (!ret && len - off >= TZ_STORAGE_CHUNK_SIZE) {
		ret = put_source(memref, inl, off, TZ_STORAGE_CHUNK_SIZE, &pt);
		if (!ret)
			ret = put_chunk(s, pt, TZ_STORAGE_CHUNK_SIZE, false);
		off += TZ_STORAGE_CHUNK_SIZE;
	}
	if (!ret && last) {
		ret = put_source(memref, inl, off, (size_t)(len - off), &pt);
		if (!ret)
			ret = put_chunk(s, pt, (size_t)(len - off), true);
		if (!ret)
			ret = put_finish(s);
	}
	tz_crypto_zeroize(pt_buf, TZ_STORAGE_CHUNK_SIZE);
	return ret;
}

/* ---- GET ------------------------------------------------------------------ */

static int get_begin(struct storage_stream *s, const char *name, size_t name_len,
		     uint64_t *data_len)
{
	struct storage_bufs *b = storage_cb_bufs();
	uint8_t key[SEAL_KEY_LEN];
	struct seal_meta meta;
	struct seal_obj o;
	const uint8_t *file;
	size_t len, pt_len;
	uint32_t format;
	int ret;

	if (!b)
		return -TZ_EIO;
	memset(s, 0, sizeof(*s));
	s->name_len = (uint32_t)name_len;
	memcpy(s->name, name, name_len);
	ret = read_at(b, s, 0, TZ_HLOS_RSP_MAX_DATA, &file, &len);
	if (ret)
		return ret;
	memset(&o, 0, sizeof(o));
	ret = storage_enc_key(key);
	if (ret)
		return ret;
	if (storage_is_large(file, len)) {
		format = TZ_STORAGE_OBJ_VERSION;
		ret = len < TZ_STORAGE_OBJ_HDR_LEN ? -TZ_EBADMSG :
			open_obj_hdr(key, name, name_len, file, &o);
	} else {
		/* A whole blob comes in one READ_AT: a longer file is no blob. */
		format = TZ_STORAGE_BLOB_VERSION;
		ret = len == TZ_HLOS_RSP_MAX_DATA ? -TZ_EBADMSG :
			open_blob(key, name, name_len, file, len, pt_buf,
				  sizeof(pt_buf), &pt_len, &meta);
		tz_crypto_zeroize(pt_buf, sizeof(pt_buf));
		if (!ret) {
			o.epoch = meta.epoch;
			o.obj_version = meta.obj_version;
			memcpy(o.nonce, meta.nonce, sizeof(o.nonce));
			o.data_len = pt_len;
			o.nchunks = 1;
		}
	}
	tz_crypto_zeroize(key, sizeof(key));
	if (ret)
		return ret;
	memset(&meta, 0, sizeof(meta));
	meta.epoch = o.epoch;
	meta.obj_version = o.obj_version;
	memcpy(meta.nonce, o.nonce, sizeof(meta.nonce));
	ret = storage_check_current(name, name_len, &meta);
	if (ret)
		return ret;
	s->obj = o;
	s->format = format;
	s->mode = STREAM_GET;
	*data_len = o.data_len;
	return 0;
}

/* Put the plaintext of one chunk where the answer goes. */
static int get_deliver(bool memref, uint8_t *out, uint64_t off, const uint8_t *pt,
		       size_t len)
{
	if (!memref) {
		if (out + off != pt)
			memcpy(out + off, pt, len);
		return 0;
	}
	return len ? tz_memref_write(0, off, pt, len) : 0;
}

/* The blob behind a format-2 stream, which must still be the one GET_BEGIN saw. */
static int get_blob(struct storage_stream *s, uint8_t *pt, size_t *len)
{
	struct storage_bufs *b = storage_cb_bufs();
	uint8_t key[SEAL_KEY_LEN];
	struct seal_meta meta;
	const uint8_t *file;
	size_t flen;
	int ret;

	if (!b)
		return -TZ_EIO;
	ret = read_at(b, s, 0, TZ_HLOS_RSP_MAX_DATA, &file, &flen);
	if (ret)
		return ret;
	if (flen == TZ_HLOS_RSP_MAX_DATA)
		return -TZ_EBADMSG;
	ret = storage_enc_key(key);
	if (!ret)
		ret = open_blob(key, s->name, s->name_len, file, flen, pt,
				(size_t)s->obj.data_len, len, &meta);
	tz_crypto_zeroize(key, sizeof(key));
	if (ret == -TZ_ERANGE)
		ret = -TZ_EBADMSG;
	if (!ret && (meta.obj_version != s->obj.obj_version ||
		     meta.epoch != s->obj.epoch ||
		     memcmp(meta.nonce, s->obj.nonce, sizeof(meta.nonce)) ||
		     *len != s->obj.data_len)) {
		tz_crypto_zeroize(pt, *len);
		ret = -TZ_EBADMSG;
	}
	return ret;
}

/* Read and open chunk s->next into pt. */
static int get_chunk(struct storage_stream *s, uint8_t *pt, size_t clen)
{
	struct storage_bufs *b = storage_cb_bufs();
	bool last = s->next + 1 == s->obj.nchunks;
	uint8_t key[SEAL_KEY_LEN];
	const uint8_t *in;
	size_t in_len;
	int ret;

	if (!b)
		return -TZ_EIO;
	/* One byte more at the end: data appended after the last chunk is refused. */
	ret = read_at(b, s, chunk_off(s->next),
		      (uint32_t)(clen + TZ_STORAGE_TAG_LEN + (last ? 1 : 0)), &in, &in_len);
	if (ret)
		return ret;
	ret = storage_enc_key(key);
	if (!ret)
		ret = open_chunk(key, &s->obj, s->name, s->name_len, s->next, in,
				 in_len, pt);
	tz_crypto_zeroize(key, sizeof(key));
	return ret;
}

static int get_data(struct storage_stream *s, const struct tz_storage_stream_req *r,
		    uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	bool memref = r->flags & TZ_STORAGE_F_MEMREF;
	struct tz_storage_data_rsp out = { 0, 0 };
	uint8_t *dst = rsp + sizeof(out);
	uint64_t room = r->data_len, done = 0;
	size_t clen;
	int ret = 0;

	if (rsp_cap < sizeof(out))
		return -TZ_ERANGE;
	if (memref) {
		struct tz_memref_info mi;

		ret = tz_memref_info(0, &mi);
		if (!ret && !(mi.flags & TZ_MEM_OUT))
			ret = -TZ_EPERM;
		if (ret)
			return ret;
		if (mi.size < room)
			room = mi.size;
	} else if (room > rsp_cap - sizeof(out)) {
		room = rsp_cap - sizeof(out);
	}

	if (s->format == TZ_STORAGE_BLOB_VERSION) {
		if (s->obj.data_len > room)
			return -TZ_ERANGE;
		ret = get_blob(s, memref ? pt_buf : dst, &clen);
		if (!ret)
			ret = get_deliver(memref, dst, 0, memref ? pt_buf : dst, clen);
		done = clen;
		s->next = 1;
	} else {
		while (!ret && s->next < s->obj.nchunks) {
			clen = seal_obj_chunk_len(&s->obj, s->next);
			if (clen > room - done)
				break;
			ret = get_chunk(s, memref ? pt_buf : dst + done, clen);
			if (!ret)
				ret = get_deliver(memref, dst, done,
						  memref ? pt_buf : dst + done, clen);
			if (!ret) {
				done += clen;
				s->next++;
			}
		}
		if (!ret && done == 0 && s->next < s->obj.nchunks &&
		    seal_obj_chunk_len(&s->obj, s->next) > room)
			ret = -TZ_ERANGE;
	}
	tz_crypto_zeroize(pt_buf, sizeof(pt_buf));
	if (ret) {
		if (!memref)
			tz_crypto_zeroize(dst, (size_t)room);
		/* -ERANGE asks again with more room; anything else ends the stream. */
		if (ret != -TZ_ERANGE)
			s->mode = STREAM_NONE;
		return ret;
	}
	out.data_len = (uint32_t)done;
	if (s->next == s->obj.nchunks) {
		out.flags = TZ_STORAGE_F_LAST;
		s->mode = STREAM_NONE;
	}
	memcpy(rsp, &out, sizeof(out));
	*rsp_len = sizeof(out) + (memref ? 0 : (size_t)done);
	return 0;
}

/* ---- dispatch ---------------------------------------------------------------- */

static int begin_cmd(uint32_t cmd_id, struct storage_stream *s, const uint8_t *req,
		     size_t req_len, uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_storage_begin_rsp out = { 0, 0, TZ_STORAGE_CHUNK_SIZE, 0 };
	struct tz_storage_req hdr;
	const char *name;
	uint64_t len = 0;
	int ret;

	if (req_len < sizeof(hdr))
		return -TZ_EINVAL;
	memcpy(&hdr, req, sizeof(hdr));
	if (hdr.data_len || hdr.name_len != req_len - sizeof(hdr))
		return -TZ_EINVAL;
	name = (const char *)req + sizeof(hdr);
	if (!storage_name_valid(name, hdr.name_len))
		return -TZ_EINVAL;
	if (rsp_cap < sizeof(out))
		return -TZ_ERANGE;
	if (cmd_id == TZ_STORAGE_PUT_BEGIN) {
		ret = put_begin(s, name, hdr.name_len);
	} else {
		ret = get_begin(s, name, hdr.name_len, &len);
		if (!ret && s->format == TZ_STORAGE_BLOB_VERSION && len > out.chunk_size)
			out.chunk_size = (uint32_t)len;	/* the blob comes whole */
	}
	if (ret) {
		memset(s, 0, sizeof(*s));
		return ret;
	}
	out.data_len_lo = (uint32_t)len;
	out.data_len_hi = (uint32_t)(len >> 32);
	memcpy(rsp, &out, sizeof(out));
	*rsp_len = sizeof(out);
	return 0;
}

int storage_stream_cmd(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		       uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_storage_stream_req r;
	struct storage_stream *s;
	struct storage_bufs *b;
	int ret;

	*rsp_len = 0;
	ret = stream_of(&s);
	if (ret)
		return ret;
	if (cmd_id == TZ_STORAGE_PUT_BEGIN || cmd_id == TZ_STORAGE_GET_BEGIN)
		return begin_cmd(cmd_id, s, req, req_len, rsp, rsp_cap, rsp_len);

	if (req_len < sizeof(r))
		return -TZ_EINVAL;
	memcpy(&r, req, sizeof(r));
	if (r.cmd_id != cmd_id || r.reserved ||
	    (r.flags & ~(TZ_STORAGE_F_MEMREF | TZ_STORAGE_F_LAST)))
		return -TZ_EINVAL;
	if (cmd_id == TZ_STORAGE_GET_DATA) {
		if (s->mode != STREAM_GET || req_len != sizeof(r) ||
		    (r.flags & TZ_STORAGE_F_LAST))
			return -TZ_EINVAL;
		return get_data(s, &r, rsp, rsp_cap, rsp_len);
	}
	/* 64-bit size_t: the sum cannot wrap. */
	if (s->mode != STREAM_PUT ||
	    req_len != sizeof(r) + ((r.flags & TZ_STORAGE_F_MEMREF) ? 0 : (size_t)r.data_len))
		return -TZ_EINVAL;
	ret = put_data(s, &r, req + sizeof(r));
	if (ret && ret != -TZ_EINVAL && ret != -TZ_EFBIG) {
		/* The stream is over; its staging file is of no use now. */
		b = storage_cb_bufs();
		if (b)
			staging_call(b, TZ_HLOS_STORAGE_DISCARD, s);
		s->mode = STREAM_NONE;
	} else if (!ret && (r.flags & TZ_STORAGE_F_LAST)) {
		s->mode = STREAM_NONE;
	}
	return ret;
}
