// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcomd's storage and time services.  One object is one file in the
 * store directory; every request is checked against the wire format of
 * include/tzcom/hlos_storage.h before any file is touched, and names are
 * checked again here even though the secure world checks them too.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <tzcom/hlos_storage.h>

#include "tzcomd_svc.h"

static atomic_uint tzd_tmp_seq;

int tzcomd_name_ok(const char *name, size_t len)
{
	size_t i;

	/* A leading '.' also rules out "." and ".." and our temp files. */
	if (len == 0 || len > TZ_HLOS_NAME_MAX || name[0] == '.')
		return -EINVAL;
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return -EINVAL;
	}
	return 0;
}

static int tzd_errno(void)
{
	return errno > 0 ? -errno : -EIO;
}

static int tzd_write_all(int fd, const uint8_t *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return tzd_errno();
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * A 64-bit tag no earlier run can have used: a counter alone restarts at
 * 0, and a pid repeats on every boot of the same image, so a temp file
 * left by a crash would collide with the first write of its name.
 */
static uint64_t tzd_tmp_tag(void)
{
	uint64_t r;
	struct timespec ts;

	if (getrandom(&r, sizeof(r), GRND_NONBLOCK) == (ssize_t)sizeof(r))
		return r ^ atomic_fetch_add(&tzd_tmp_seq, 1);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)getpid() << 48) ^ ((uint64_t)ts.tv_sec << 24) ^
	       (uint64_t)ts.tv_nsec ^ ((uint64_t)atomic_fetch_add(&tzd_tmp_seq, 1) << 32);
}

/* A fresh temp file for name, O_EXCL; a (very unlikely) clash retries. */
static int tzd_create_tmp(struct tzcomd_store *st, const char *name, char *tmp,
			  size_t cap)
{
	int fd, tries;

	for (tries = 0; tries < 8; tries++) {
		snprintf(tmp, cap, ".%s.%016llx.tmp", name,
			 (unsigned long long)tzd_tmp_tag());
		fd = openat(st->dirfd, tmp,
			    O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd < 0 ? tzd_errno() : fd;
	}
	return -EEXIST;
}

/*
 * Write to a temp file, fsync, rename over the name, fsync the dir.  Until
 * the rename the old object is untouched, so a failed write keeps it.
 */
static int tzd_write(struct tzcomd_store *st, const char *name,
		     const uint8_t *data, size_t len)
{
	char tmp[TZ_HLOS_NAME_MAX + 32];
	int fd, ret;

	fd = tzd_create_tmp(st, name, tmp, sizeof(tmp));
	if (fd < 0)
		return fd;
	ret = tzd_write_all(fd, data, len);
	if (!ret && fsync(fd))
		ret = tzd_errno();
	if (close(fd) && !ret)
		ret = tzd_errno();
	if (!ret && renameat(st->dirfd, tmp, st->dirfd, name))
		ret = tzd_errno();
	if (ret) {
		unlinkat(st->dirfd, tmp, 0);
		return ret;
	}
	return fsync(st->dirfd) ? tzd_errno() : 0;
}

static int tzd_read(struct tzcomd_store *st, const char *name, uint8_t *out,
		    size_t cap, size_t *len)
{
	struct stat sb;
	size_t got = 0;
	int fd, ret = 0;

	/*
	 * Never open what is not a regular file: opening a FIFO planted in
	 * the store blocks, a device may act.  O_NONBLOCK and the fstat below
	 * cover one swapped in after this check.
	 */
	if (fstatat(st->dirfd, name, &sb, AT_SYMLINK_NOFOLLOW))
		return tzd_errno();
	if (!S_ISREG(sb.st_mode))
		return -EINVAL;
	fd = openat(st->dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0)
		return errno == ELOOP || errno == ENXIO ? -EINVAL : tzd_errno();
	if (fstat(fd, &sb)) {
		ret = tzd_errno();
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		ret = -EINVAL;
		goto out;
	}
	if ((uint64_t)sb.st_size > cap) {
		ret = -EMSGSIZE;
		goto out;
	}
	while (got < cap) {
		ssize_t r = read(fd, out + got, cap - got);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			ret = tzd_errno();
			goto out;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	/* Grown since fstat: an answer cut short would look like data. */
	if (got == cap && (uint64_t)sb.st_size < cap) {
		ret = -EMSGSIZE;
		goto out;
	}
	*len = got;
out:
	close(fd);
	return ret;
}

/* ".NAME.TAG.tmp" with a valid NAME: a temp file of tzd_write(). */
static int tzd_is_tmp(const char *n)
{
	size_t len = strlen(n);
	const char *dot;

	if (len < 2 + 4 || n[0] != '.' || strcmp(n + len - 4, ".tmp"))
		return 0;
	dot = memrchr(n + 1, '.', len - 1 - 4);
	return dot && dot > n + 1 && !tzcomd_name_ok(n + 1, (size_t)(dot - n - 1));
}

/*
 * A fresh stream over the store directory: threads must not share one
 * directory offset.  0 or -errno.
 */
static int tzd_opendir(struct tzcomd_store *st, DIR **dp)
{
	int fd, ret;

	fd = openat(st->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return tzd_errno();
	*dp = fdopendir(fd);
	if (!*dp) {
		ret = tzd_errno();
		close(fd);
		return ret;
	}
	return 0;
}

int tzcomd_clean_temps(struct tzcomd_store *st)
{
	struct dirent *de;
	DIR *d;
	int fd, n;

	n = tzd_opendir(st, &d);
	if (n)
		return n;
	fd = dirfd(d);
	while ((de = readdir(d))) {
		struct stat sb;

		if (!tzd_is_tmp(de->d_name) ||
		    fstatat(fd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(sb.st_mode))
			continue;
		if (unlinkat(fd, de->d_name, 0) == 0)
			n++;
	}
	closedir(d);
	if (n && fsync(st->dirfd))
		return tzd_errno();
	return n;
}

static int tzd_remove(struct tzcomd_store *st, const char *name)
{
	if (unlinkat(st->dirfd, name, 0))
		return errno == EISDIR ? -EINVAL : tzd_errno();
	return fsync(st->dirfd) ? tzd_errno() : 0;
}

static int tzd_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Valid names of regular files, sorted, each followed by a NUL. */
static int tzd_list(struct tzcomd_store *st, uint8_t *out, size_t cap,
		    size_t *len)
{
	char **names = NULL;
	size_t n = 0, alloc = 0, used = 0, i;
	struct dirent *de;
	DIR *d;
	int fd, ret = 0;

	ret = tzd_opendir(st, &d);
	if (ret)
		return ret;
	fd = dirfd(d);
	while ((de = readdir(d))) {
		struct stat sb;

		if (tzcomd_name_ok(de->d_name, strlen(de->d_name)))
			continue;
		if (fstatat(fd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(sb.st_mode))
			continue;
		if (n == alloc) {
			char **nn = realloc(names, (alloc ? alloc * 2 : 16) * sizeof(*nn));

			if (!nn) {
				ret = -ENOMEM;
				goto out;
			}
			names = nn;
			alloc = alloc ? alloc * 2 : 16;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			ret = -ENOMEM;
			goto out;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), tzd_cmp);
	for (i = 0; i < n; i++) {
		size_t l = strlen(names[i]) + 1;

		if (l > cap - used) {
			ret = -EMSGSIZE;
			goto out;
		}
		memcpy(out + used, names[i], l);
		used += l;
	}
	*len = used;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	closedir(d);
	return ret;
}

/*
 * ---- Large objects: the staging file and ranged reads ----
 * A large object is written into ".NAME.staging" and renamed over NAME by
 * COMMIT.  The name starts with '.', so it can never be an object's, LIST
 * skips it, and a crashed writer's one is emptied by the next PUT of NAME
 * (TRUNC) or removed by RM (DISCARD).
 */
static void tzd_staging_name(const char *name, char *out, size_t cap)
{
	snprintf(out, cap, ".%s.staging", name);
}

/* Open path in the store for pwrite/pread/fsync; a regular file or nothing. */
static int tzd_open_reg(struct tzcomd_store *st, const char *path, int flags)
{
	struct stat sb;
	int fd, ret;

	/* Never open what is not a regular file (a FIFO, a device: tzd_read()). */
	if (fstatat(st->dirfd, path, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISREG(sb.st_mode))
			return -EINVAL;
	} else if (errno != ENOENT || !(flags & O_CREAT)) {
		return tzd_errno();
	}
	fd = openat(st->dirfd, path, flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0600);
	if (fd < 0)
		return errno == ELOOP || errno == ENXIO ? -EINVAL : tzd_errno();
	if (fstat(fd, &sb)) {
		ret = tzd_errno();
		close(fd);
		return ret;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	return fd;
}

static int tzd_write_at(struct tzcomd_store *st, const char *name, uint32_t flags,
			uint64_t off, const uint8_t *data, size_t len)
{
	char stg[TZ_HLOS_NAME_MAX + 16];
	int fd, ret = 0;

	if (flags & ~TZ_HLOS_F_TRUNC)
		return -EINVAL;
	if (off > TZ_HLOS_OBJ_FILE_MAX || len > TZ_HLOS_OBJ_FILE_MAX - off)
		return -EFBIG;
	tzd_staging_name(name, stg, sizeof(stg));
	/*
	 * Without TRUNC the file must exist: a staging file that RM discarded
	 * meanwhile is not silently begun again with a hole at its head.
	 */
	fd = tzd_open_reg(st, stg, (flags & TZ_HLOS_F_TRUNC) ?
			  O_WRONLY | O_CREAT | O_TRUNC : O_WRONLY);
	if (fd < 0)
		return fd;
	while (len) {
		ssize_t w = pwrite(fd, data, len, (off_t)off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			ret = tzd_errno();
			break;
		}
		data += w;
		off += (uint64_t)w;
		len -= (size_t)w;
	}
	if (close(fd) && !ret)
		ret = tzd_errno();
	return ret;
}

static int tzd_commit(struct tzcomd_store *st, const char *name)
{
	char stg[TZ_HLOS_NAME_MAX + 16];
	int fd, ret = 0;

	tzd_staging_name(name, stg, sizeof(stg));
	fd = tzd_open_reg(st, stg, O_RDONLY);
	if (fd < 0)
		return fd;
	if (fsync(fd))
		ret = tzd_errno();
	close(fd);
	if (!ret && renameat(st->dirfd, stg, st->dirfd, name))
		ret = tzd_errno();
	if (ret)
		return ret;
	return fsync(st->dirfd) ? tzd_errno() : 0;
}

static int tzd_read_at(struct tzcomd_store *st, const char *name, uint64_t off,
		       size_t want, uint8_t *out, size_t cap, size_t *len)
{
	size_t got = 0;
	int fd, ret = 0;

	if (want > TZ_HLOS_RSP_MAX_DATA || want > cap)
		return -EINVAL;
	if (off > TZ_HLOS_OBJ_FILE_MAX)
		return -EINVAL;
	fd = tzd_open_reg(st, name, O_RDONLY);
	if (fd < 0)
		return fd;
	while (got < want) {
		ssize_t r = pread(fd, out + got, want - got, (off_t)(off + got));

		if (r < 0) {
			if (errno == EINTR)
				continue;
			ret = tzd_errno();
			break;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (!ret)
		*len = got;
	return ret;
}

static int tzd_discard(struct tzcomd_store *st, const char *name)
{
	char stg[TZ_HLOS_NAME_MAX + 16];

	tzd_staging_name(name, stg, sizeof(stg));
	if (unlinkat(st->dirfd, stg, 0))
		return errno == ENOENT ? 0 : errno == EISDIR ? -EINVAL : tzd_errno();
	return 0;
}

static int tzd_ranged(struct tzcomd_store *st, uint32_t cmd_id, const uint8_t *p,
		      size_t req_len, uint8_t *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tz_hlos_storage_xreq x;
	char name[TZ_HLOS_NAME_MAX + 1];
	const uint8_t *data;
	uint64_t off;

	if (req_len < sizeof(x))
		return -EINVAL;
	memcpy(&x, p, sizeof(x));
	/* u32 sums cannot overflow a 64-bit size_t. */
	if (x.cmd_id != cmd_id ||
	    (uint64_t)sizeof(x) + x.name_len +
	    (cmd_id == TZ_HLOS_STORAGE_WRITE_AT ? x.data_len : 0) != req_len)
		return -EINVAL;
	if (tzcomd_name_ok((const char *)p + sizeof(x), x.name_len))
		return -EINVAL;
	memcpy(name, p + sizeof(x), x.name_len);
	name[x.name_len] = '\0';
	data = p + sizeof(x) + x.name_len;
	off = (uint64_t)x.offset_hi << 32 | x.offset_lo;

	switch (cmd_id) {
	case TZ_HLOS_STORAGE_WRITE_AT:
		return tzd_write_at(st, name, x.flags, off, data, x.data_len);
	case TZ_HLOS_STORAGE_READ_AT:
		if (x.flags)
			return -EINVAL;
		return tzd_read_at(st, name, off, x.data_len, rsp, rsp_cap, rsp_len);
	case TZ_HLOS_STORAGE_COMMIT:
	case TZ_HLOS_STORAGE_DISCARD:
		if (x.flags || x.data_len || off)
			return -EINVAL;
		return cmd_id == TZ_HLOS_STORAGE_COMMIT ? tzd_commit(st, name) :
			tzd_discard(st, name);
	default:
		return -ENOSYS;
	}
}

int tzcomd_storage_handler(void *ctx, uint32_t cmd_id, const void *req,
			   size_t req_len, void *rsp, size_t rsp_cap,
			   size_t *rsp_len)
{
	struct tzcomd_store *st = ctx;
	struct tz_hlos_storage_req hdr;
	const uint8_t *p = req;
	char name[TZ_HLOS_NAME_MAX + 1];
	const uint8_t *data;

	*rsp_len = 0;
	if (cmd_id >= TZ_HLOS_STORAGE_WRITE_AT && cmd_id <= TZ_HLOS_STORAGE_DISCARD)
		return tzd_ranged(st, cmd_id, p, req_len, rsp, rsp_cap, rsp_len);
	if (req_len < sizeof(hdr))
		return -EINVAL;
	memcpy(&hdr, p, sizeof(hdr));
	/* u32 sums cannot overflow a 64-bit size_t. */
	if (hdr.cmd_id != cmd_id || hdr.reserved ||
	    (uint64_t)sizeof(hdr) + hdr.name_len + hdr.data_len != req_len)
		return -EINVAL;
	if (cmd_id == TZ_HLOS_STORAGE_LIST)
		return hdr.name_len || hdr.data_len ? -EINVAL :
			tzd_list(st, rsp, rsp_cap, rsp_len);

	if (tzcomd_name_ok((const char *)p + sizeof(hdr), hdr.name_len))
		return -EINVAL;
	memcpy(name, p + sizeof(hdr), hdr.name_len);
	name[hdr.name_len] = '\0';
	data = p + sizeof(hdr) + hdr.name_len;

	switch (cmd_id) {
	case TZ_HLOS_STORAGE_WRITE:
		return tzd_write(st, name, data, hdr.data_len);
	case TZ_HLOS_STORAGE_READ:
		return hdr.data_len ? -EINVAL : tzd_read(st, name, rsp, rsp_cap, rsp_len);
	case TZ_HLOS_STORAGE_REMOVE:
		return hdr.data_len ? -EINVAL : tzd_remove(st, name);
	default:
		return -ENOSYS;
	}
}

int tzcomd_time_handler(void *ctx, uint32_t cmd_id, const void *req,
			size_t req_len, void *rsp, size_t rsp_cap,
			size_t *rsp_len)
{
	struct tz_hlos_time_rsp t;
	struct timespec ts;

	(void)ctx;
	(void)req;
	(void)req_len;
	*rsp_len = 0;
	if (cmd_id != TZ_HLOS_TIME_GET)
		return -ENOSYS;
	if (rsp_cap < sizeof(t))
		return -EMSGSIZE;
	if (clock_gettime(CLOCK_REALTIME, &ts))
		return tzd_errno();
	memset(&t, 0, sizeof(t));
	t.sec_lo = (uint32_t)((uint64_t)ts.tv_sec & 0xffffffffu);
	t.sec_hi = (uint32_t)((uint64_t)ts.tv_sec >> 32);
	t.nsec = (uint32_t)ts.tv_nsec;
	memcpy(rsp, &t, sizeof(t));
	*rsp_len = sizeof(t);
	return 0;
}
