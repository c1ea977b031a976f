// SPDX-License-Identifier: BSD-3-Clause
/*
 * Large sealed objects: tzcom_store_writer_* / reader_* and the fd
 * helpers, over a storage session (tz_storage.h, "Large objects").  Bulk
 * data goes through one registered buffer of STREAM_BUF bytes per stream
 * (TZCOM_LIB_SHM_IN to put, _OUT to get), a whole number of chunks, so one
 * INVOKE moves STREAM_BUF / TZ_STORAGE_CHUNK_SIZE chunks.  If the buffer
 * cannot be registered (RLIMIT_MEMLOCK, the fd's registration limits) the
 * same buffer is sent inline, one chunk per command.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>
#include <tzcom/tz_storage.h>

#include "priv.h"

#define STREAM_BUF	(1u << 20)
#define CHUNK		TZ_STORAGE_CHUNK_SIZE
#define RSP_HDR		sizeof(struct tzcom_svc_rsp_hdr)
/* Inline GET_DATA room: the shared buffer less command, headers. */
#define INLINE_ROOM	(TZCOM_MAX_BUF_LEN - sizeof(struct tz_storage_stream_req) - \
			 RSP_HDR - sizeof(struct tz_storage_data_rsp))

_Static_assert(TZCOM_STORE_OBJ_MAX == TZ_STORAGE_OBJ_MAX, "object limit drift");
_Static_assert(STREAM_BUF % CHUNK == 0, "the buffer holds whole chunks");
_Static_assert(INLINE_ROOM >= TZ_STORAGE_MAX_DATA && INLINE_ROOM >= CHUNK,
	       "an inline GET_DATA holds a chunk or a blob");

struct tzl_stream {
	struct tzcom *h;
	uint32_t session;
	bool has_session;
	uint8_t *buf;		/* STREAM_BUF bytes, mmap'ed (page aligned) */
	uint32_t shm_id;
	bool shm;
	size_t fill;		/* bytes in buf */
	int err;		/* sticky: the stream failed */
};

struct tzcom_store_writer {
	struct tzl_stream s;
	uint64_t total;
};

struct tzcom_store_reader {
	struct tzl_stream s;
	size_t pos;		/* next byte of buf to hand out */
	uint32_t chunk_size;
	bool last;
};

/* INVOKE cmd in the stream's session; the service's status, or the transport's. */
static int tzl_stream_invoke(struct tzl_stream *s, const void *cmd, size_t cmd_len,
			     void *rsp, size_t rsp_cap, size_t *rsp_len,
			     uint32_t mem_flags, uint64_t mem_off, uint64_t mem_size)
{
	struct tzcom_mem mem = {
		.shm_id = s->shm_id, .flags = mem_flags, .offset = mem_off, .size = mem_size,
	};
	struct tzcom_svc_rsp_hdr hdr;
	uint32_t cmd_id;
	int ret;

	ret = tzcom_invoke(s->h, s->session, cmd, cmd_len, rsp, rsp_cap, rsp_len,
			   &mem, mem_flags ? 1 : 0);
	if (ret)
		return ret;
	if (*rsp_len < sizeof(hdr))
		return -EBADMSG;
	memcpy(&hdr, rsp, sizeof(hdr));
	memcpy(&cmd_id, cmd, sizeof(cmd_id));
	if (hdr.cmd_id != cmd_id)
		return -EBADMSG;
	return hdr.status > 0 ? -EIO : hdr.status;
}

static void tzl_stream_free(struct tzl_stream *s)
{
	if (s->shm)
		tzcom_shm_unregister(s->h, s->shm_id);
	if (s->has_session)
		tzcom_session_close(s->h, s->session);
	if (s->buf) {
		explicit_bzero(s->buf, STREAM_BUF);
		munmap(s->buf, STREAM_BUF);
	}
}

/* Session, BEGIN of name, buffer; *rsp gets the begin answer. */
static int tzl_stream_open(struct tzl_stream *s, struct tzcom *h, uint32_t cmd_id,
			   const char *name, uint32_t shm_flags,
			   struct tz_storage_begin_rsp *out)
{
	uint8_t cmd[sizeof(struct tz_storage_req) + TZ_STORAGE_NAME_MAX];
	uint8_t rsp[RSP_HDR + sizeof(*out)];
	struct tz_storage_req req = { .cmd_id = cmd_id };
	size_t rsp_len = 0;
	int ret;

	memset(s, 0, sizeof(*s));
	s->h = h;
	if (!h || tzcom_store_name_ok(name))
		return -EINVAL;
	req.name_len = (uint32_t)strlen(name);
	memcpy(cmd, &req, sizeof(req));
	memcpy(cmd + sizeof(req), name, req.name_len);

	ret = tzcom_session_open(h, TZ_SVC_STORAGE, &s->session);
	if (ret)
		return ret;
	s->has_session = true;
	ret = tzl_stream_invoke(s, cmd, sizeof(req) + req.name_len, rsp, sizeof(rsp),
				&rsp_len, 0, 0, 0);
	if (ret)
		return ret;
	if (rsp_len != sizeof(rsp))
		return -EBADMSG;
	memcpy(out, rsp + RSP_HDR, sizeof(*out));

	s->buf = mmap(NULL, STREAM_BUF, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (s->buf == MAP_FAILED) {
		s->buf = NULL;
		return -ENOMEM;
	}
	/* Without a registration the stream still works, inline. */
	s->shm = tzcom_shm_register(h, s->buf, STREAM_BUF, shm_flags, &s->shm_id) == 0;
	return 0;
}

/* ---- writer ----------------------------------------------------------------- */

/* One PUT_DATA of buf[off, off + len). */
static int tzl_put_data(struct tzl_stream *s, size_t off, size_t len, uint32_t flags)
{
	struct tz_storage_stream_req r = {
		.cmd_id = TZ_STORAGE_PUT_DATA, .flags = flags, .data_len = (uint32_t)len,
	};
	uint8_t cmd[sizeof(r) + CHUNK];
	uint8_t rsp[RSP_HDR];
	size_t rsp_len = 0;
	int ret;

	if (s->shm && len) {
		/* The memory argument is the data's range of the registration. */
		r.flags |= TZ_STORAGE_F_MEMREF;
		return tzl_stream_invoke(s, &r, sizeof(r), rsp, sizeof(rsp), &rsp_len,
					 TZCOM_LIB_SHM_IN, off, len);
	}
	if (len > CHUNK)
		return -EINVAL;
	memcpy(cmd, &r, sizeof(r));
	memcpy(cmd + sizeof(r), s->buf + off, len);
	ret = tzl_stream_invoke(s, cmd, sizeof(r) + len, rsp, sizeof(rsp), &rsp_len,
				0, 0, 0);
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

/*
 * Send buf[0, fill): all of it as whole chunks (not last), or with last
 * everything and the end of the object.
 */
static int tzl_put_flush(struct tzl_stream *s, bool last)
{
	size_t off = 0, step = s->shm ? STREAM_BUF : CHUNK;
	int ret = 0;

	while (!ret && s->fill - off > (last ? step : step - 1)) {
		ret = tzl_put_data(s, off, step, 0);
		off += step;
	}
	if (!ret && last)
		ret = tzl_put_data(s, off, s->fill - off, TZ_STORAGE_F_LAST);
	else if (!ret && off != s->fill)
		ret = -EINVAL;	/* whole chunks only before the end */
	s->fill = 0;
	return ret;
}

int tzcom_store_writer_open(struct tzcom *h, const char *name,
			    struct tzcom_store_writer **w)
{
	struct tz_storage_begin_rsp b;
	struct tzcom_store_writer *n;
	int ret;

	if (!w)
		return -EINVAL;
	*w = NULL;
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	ret = tzl_stream_open(&n->s, h, TZ_STORAGE_PUT_BEGIN, name, TZCOM_LIB_SHM_IN, &b);
	if (!ret && b.chunk_size != CHUNK)
		ret = -EBADMSG;
	if (ret) {
		tzl_stream_free(&n->s);
		free(n);
		return ret;
	}
	*w = n;
	return 0;
}

/* Room for more data in the buffer: send it whole when full. */
static int tzl_writer_room(struct tzcom_store_writer *w)
{
	if (w->s.err)
		return w->s.err;
	if (w->s.fill == STREAM_BUF)
		w->s.err = tzl_put_flush(&w->s, false);
	return w->s.err;
}

int tzcom_store_writer_write(struct tzcom_store_writer *w, const void *data,
			     size_t len)
{
	const uint8_t *p = data;

	if (!w || (len && !data))
		return -EINVAL;
	if (len > TZCOM_STORE_OBJ_MAX - w->total)
		return -EFBIG;
	while (len) {
		size_t n;
		int ret = tzl_writer_room(w);

		if (ret)
			return ret;
		n = STREAM_BUF - w->s.fill;
		if (n > len)
			n = len;
		memcpy(w->s.buf + w->s.fill, p, n);
		w->s.fill += n;
		w->total += n;
		p += n;
		len -= n;
	}
	return 0;
}

int tzcom_store_writer_commit(struct tzcom_store_writer *w)
{
	int ret;

	if (!w)
		return -EINVAL;
	ret = w->s.err ? w->s.err : tzl_put_flush(&w->s, true);
	tzl_stream_free(&w->s);
	free(w);
	return ret;
}

/*
 * Closing the session ends the stream in the secure world: the staged
 * version is never committed, and the next put of the name empties the
 * staging file (an rm removes it).
 */
void tzcom_store_writer_abort(struct tzcom_store_writer *w)
{
	if (!w)
		return;
	tzl_stream_free(&w->s);
	free(w);
}

int tzcom_store_put_fd(struct tzcom *h, const char *name, int fd)
{
	struct tzcom_store_writer *w;
	int ret;

	ret = tzcom_store_writer_open(h, name, &w);
	if (ret)
		return ret;
	/* Read straight into the stream's buffer. */
	for (;;) {
		ssize_t r;

		ret = tzl_writer_room(w);
		if (ret)
			break;
		r = read(fd, w->s.buf + w->s.fill, STREAM_BUF - w->s.fill);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = -errno;
			break;
		}
		if (r == 0)
			return tzcom_store_writer_commit(w);
		if ((uint64_t)r > TZCOM_STORE_OBJ_MAX - w->total) {
			ret = -EFBIG;
			break;
		}
		w->s.fill += (size_t)r;
		w->total += (uint64_t)r;
	}
	tzcom_store_writer_abort(w);
	return ret;
}

/* ---- reader ----------------------------------------------------------------- */

int tzcom_store_reader_open(struct tzcom *h, const char *name,
			    struct tzcom_store_reader **r, uint64_t *size)
{
	struct tz_storage_begin_rsp b;
	struct tzcom_store_reader *n;
	int ret;

	if (!r || !size)
		return -EINVAL;
	*r = NULL;
	n = calloc(1, sizeof(*n));
	if (!n)
		return -ENOMEM;
	ret = tzl_stream_open(&n->s, h, TZ_STORAGE_GET_BEGIN, name, TZCOM_LIB_SHM_OUT, &b);
	if (!ret && (b.chunk_size == 0 || b.chunk_size > INLINE_ROOM))
		ret = -EBADMSG;
	if (ret) {
		tzl_stream_free(&n->s);
		free(n);
		return ret;
	}
	n->chunk_size = b.chunk_size;
	*size = b.data_len_lo | (uint64_t)b.data_len_hi << 32;
	*r = n;
	return 0;
}

/* The next GET_DATA into the buffer. */
static int tzl_get_data(struct tzcom_store_reader *r)
{
	struct tzl_stream *s = &r->s;
	struct tz_storage_stream_req q = {
		.cmd_id = TZ_STORAGE_GET_DATA,
		.flags = s->shm ? TZ_STORAGE_F_MEMREF : 0,
		.data_len = s->shm ? STREAM_BUF : (uint32_t)INLINE_ROOM,
	};
	size_t cap = RSP_HDR + sizeof(struct tz_storage_data_rsp) +
		     (s->shm ? 0 : INLINE_ROOM);
	struct tz_storage_data_rsp d;
	uint8_t *rsp = malloc(cap);
	size_t rsp_len = 0;
	int ret;

	if (!rsp)
		return -ENOMEM;
	ret = tzl_stream_invoke(s, &q, sizeof(q), rsp, cap, &rsp_len,
				s->shm ? TZCOM_LIB_SHM_OUT : 0, 0, STREAM_BUF);
	if (!ret && rsp_len < RSP_HDR + sizeof(d))
		ret = -EBADMSG;
	if (!ret) {
		memcpy(&d, rsp + RSP_HDR, sizeof(d));
		if (d.data_len > q.data_len ||
		    rsp_len != RSP_HDR + sizeof(d) + (s->shm ? 0 : d.data_len))
			ret = -EBADMSG;
	}
	if (!ret) {
		if (!s->shm)
			memcpy(s->buf, rsp + RSP_HDR + sizeof(d), d.data_len);
		s->fill = d.data_len;
		r->pos = 0;
		r->last = d.flags & TZ_STORAGE_F_LAST;
		if (!d.data_len && !r->last)
			ret = -EBADMSG;	/* no progress: the secure world misbehaves */
	}
	explicit_bzero(rsp, cap);
	free(rsp);
	return ret;
}

int tzcom_store_reader_read(struct tzcom_store_reader *r, void *buf,
			    size_t cap, size_t *len)
{
	size_t n;

	if (!r || !len || (cap && !buf))
		return -EINVAL;
	*len = 0;
	if (r->s.err)
		return r->s.err;
	while (r->pos == r->s.fill && !r->last) {
		r->s.err = tzl_get_data(r);
		if (r->s.err)
			return r->s.err;
	}
	n = r->s.fill - r->pos;
	if (n > cap)
		n = cap;
	memcpy(buf, r->s.buf + r->pos, n);
	r->pos += n;
	*len = n;
	return 0;
}

void tzcom_store_reader_close(struct tzcom_store_reader *r)
{
	if (!r)
		return;
	tzl_stream_free(&r->s);
	free(r);
}

static int tzl_write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int tzcom_store_get_fd(struct tzcom *h, const char *name, int fd)
{
	struct tzcom_store_reader *r;
	uint64_t size, done = 0;
	int ret;

	ret = tzcom_store_reader_open(h, name, &r, &size);
	if (ret)
		return ret;
	/* Write straight from the stream's buffer. */
	for (;;) {
		while (r->pos == r->s.fill && !r->last) {
			ret = tzl_get_data(r);
			if (ret)
				goto out;
		}
		if (r->pos == r->s.fill)
			break;
		ret = tzl_write_all(fd, r->s.buf + r->pos, r->s.fill - r->pos);
		if (ret)
			goto out;
		done += r->s.fill - r->pos;
		r->pos = r->s.fill;
	}
	if (done != size)
		ret = -EBADMSG;
out:
	tzcom_store_reader_close(r);
	return ret;
}
