/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Helpers shared by the /dev/tzcom guest tests: raw ioctl wrappers that
 * return 0 or -errno (so tests see exactly what the driver did), test
 * service payloads with independently computed expectations, a listener
 * thread, and access to the driver's debugfs counters and module
 * parameters.  Arch-neutral: the 32-bit compat test uses it too.
 */
#ifndef TZCOM_TZT_H
#define TZCOM_TZT_H

#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <time.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "tap.h"

#define TZT_DEV		"/dev/tzcom"
#define TZT_STATS	"/sys/kernel/debug/tzcom/stats"
#define TZT_PARAM_DIR	"/sys/module/tzcom/parameters/"

/*
 * Callback ids and svc ids for tests: each program passes its own base
 * so programs never collide with each other or with tzcomd (0x100/0x101).
 */
#define TZT_CB(base, n)	(TZ_HLOS_TEST_BASE + ((uint32_t)(base) << 12) + (uint32_t)(n))

static inline int tzt_open(void)
{
	int fd = open(TZT_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		tap_bail("cannot open " TZT_DEV ": %s", strerror(errno));
	return fd;
}

#define TZT_PRIV_DEV	"/dev/tzcompriv"

/* The listener node, where the system services' ids may be registered. */
static inline int tzt_open_priv(void)
{
	int fd = open(TZT_PRIV_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		tap_bail("cannot open " TZT_PRIV_DEV ": %s", strerror(errno));
	return fd;
}

/*
 * The listener node, or /dev/tzcom with a driver from before the split
 * (so that a test run against the old tree reports failures, not a bail).
 */
static inline int tzt_open_listener(void)
{
	int fd = open(TZT_PRIV_DEV, O_RDWR | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT) {
		tap_diag("no " TZT_PRIV_DEV ": a driver from before the privilege split");
		return tzt_open();
	}
	if (fd < 0)
		tap_bail("cannot open " TZT_PRIV_DEV ": %s", strerror(errno));
	return fd;
}

/* 0 or -errno; a positive return (the original's defect) is returned as is. */
static inline int tzt_ioctl(int fd, unsigned long req, void *arg)
{
	int r = ioctl(fd, req, arg);

	return r < 0 ? -errno : r;
}

static inline int tzt_register(int fd, uint32_t svc, uint32_t lo, uint32_t hi,
			       uint32_t *inst)
{
	struct tzcom_register_svc_op_req r = {
		.svc_id = svc, .cmd_id_low = lo, .cmd_id_high = hi,
		.instance_id = 0xdeadbeef,
	};
	int ret = tzt_ioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, &r);

	if (inst)
		*inst = r.instance_id;
	return ret;
}

static inline int tzt_unregister(int fd, uint32_t svc, uint32_t inst)
{
	struct tzcom_unregister_svc_op_req r = { .svc_id = svc, .instance_id = inst };

	return tzt_ioctl(fd, TZCOM_IOCTL_UNREGISTER_SERVICE_REQ, &r);
}

/* SEND_CMD; *rsp_len in: buffer size, out: what the driver wrote back. */
static inline int tzt_send(int fd, const void *cmd, uint32_t cmd_len, void *rsp,
			   uint32_t *rsp_len)
{
	struct tzcom_send_cmd_op_req r = {
		.cmd_id = 0, .cmd_len = cmd_len, .cmd_buf = (void *)cmd,
		.resp_len = *rsp_len, .resp_buf = rsp,
	};
	int ret = tzt_ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &r);

	*rsp_len = r.resp_len;
	return ret;
}

/* READ_NEXT; *len in: buffer size, out: payload length. */
static inline int tzt_read_next(int fd, uint32_t svc, uint32_t inst,
				uint32_t *cmd_id, void *buf, uint32_t *len)
{
	struct tzcom_next_cmd_op_req r = {
		.svc_id = svc, .instance_id = inst, .cmd_id = 0,
		.req_len = *len, .req_buf = buf,
	};
	int ret = tzt_ioctl(fd, TZCOM_IOCTL_READ_NEXT_CMD_REQ, &r);

	*cmd_id = r.cmd_id;
	*len = r.req_len;
	return ret;
}

static inline int tzt_continue(int fd, uint32_t cmd_id, uint32_t inst,
			       const void *buf, uint32_t len)
{
	struct tzcom_cont_cmd_op_req r = {
		.cmd_id = cmd_id, .instance_id = inst, .resp_len = len,
		.resp_buf = (void *)buf,
	};

	return tzt_ioctl(fd, TZCOM_IOCTL_CONTINUE_CMD_REQ, &r);
}

static inline int tzt_abort(int fd)
{
	return tzt_ioctl(fd, TZCOM_IOCTL_ABORT_REQ, NULL);
}

/* ATTACH_SERVICE: let fd read (svc, inst), which owner_fd owns. */
static inline int tzt_attach(int fd, int owner_fd, uint32_t svc, uint32_t inst)
{
	struct tzcom_attach_svc_req r = {
		.owner_fd = owner_fd, .svc_id = svc, .instance_id = inst,
	};

	return tzt_ioctl(fd, TZCOM_IOCTL_ATTACH_SERVICE_REQ, &r);
}

static inline void tzt_put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static inline uint32_t tzt_get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/*
 * Send cmd_id with data (n bytes) and a response area of rsp_area bytes
 * (>= 8).  Checks nothing: *status gets the service status and
 * *out/out_len the data after the response header (if out != NULL).
 * Returns the ioctl result; -EBADMSG if the header is short or the id
 * is not echoed.
 */
static inline int tzt_call(int fd, uint32_t cmd_id, const void *data, size_t n,
			   uint32_t rsp_area, int32_t *status, void *out,
			   size_t cap, size_t *out_len)
{
	uint8_t *cmd = malloc(4 + n), *rsp = malloc(rsp_area);
	uint32_t rl = rsp_area;
	int ret;

	if (!cmd || !rsp)
		tap_bail("out of memory");
	tzt_put32(cmd, cmd_id);
	if (n)
		memcpy(cmd + 4, data, n);
	ret = tzt_send(fd, cmd, (uint32_t)(4 + n), rsp, &rl);
	if (!ret) {
		if (rl < 8 || rl > rsp_area || tzt_get32(rsp) != cmd_id) {
			ret = -EBADMSG;
		} else {
			*status = (int32_t)tzt_get32(rsp + 4);
			if (out_len)
				*out_len = rl - 8;
			if (out)
				memcpy(out, rsp + 8, rl - 8 < cap ? rl - 8 : cap);
		}
	}
	free(cmd);
	free(rsp);
	return ret;
}

/*
 * TZ_TEST_FORWARD: one callback cb_id carrying data.  *hlos gets the
 * normal world's status, ans/ans_len the listener's answer.
 */
static inline int tzt_forward(int fd, uint32_t cb_id, const void *data, size_t n,
			      int32_t *svc, int32_t *hlos, void *ans, size_t cap,
			      size_t *ans_len)
{
	uint8_t *req = malloc(4 + n), *out = malloc(TZCOM_MAX_BUF_LEN);
	uint32_t area = (uint32_t)(TZCOM_MAX_BUF_LEN - 8 - n);
	size_t got = 0;
	int ret;

	if (!req || !out)
		tap_bail("out of memory");
	tzt_put32(req, cb_id);
	if (n)
		memcpy(req + 4, data, n);
	*svc = 1;
	*hlos = 1;
	ret = tzt_call(fd, TZ_TEST_FORWARD, req, 4 + n, area, svc, out,
		       TZCOM_MAX_BUF_LEN, &got);
	if (!ret && *svc == 0) {
		if (got < 4) {
			ret = -EBADMSG;
		} else {
			*hlos = (int32_t)tzt_get32(out);
			if (ans_len)
				*ans_len = got - 4;
			if (ans)
				memcpy(ans, out + 4, got - 4 < cap ? got - 4 : cap);
		}
	}
	free(req);
	free(out);
	return ret;
}

struct tzt_chain_ent {
	uint32_t cb_id;
	uint32_t len;
};

/* The answer CHAIN expects and its FNV-1a hash, computed here on our own. */
static inline uint32_t tzt_chain_hash(const struct tzt_chain_ent *e, uint32_t n)
{
	uint32_t h = 0x811c9dc5u;

	for (uint32_t i = 0; i < n; i++)
		for (uint32_t j = 0; j < e[i].len; j++) {
			uint8_t b = (uint8_t)((uint8_t)(i * 31u + j * 7u + 1u) ^ 0xffu);

			h = (h ^ b) * 0x01000193u;
		}
	return h;
}

/* TZ_TEST_CHAIN; count and hash come from the response when svc is 0. */
static inline int tzt_chain(int fd, const struct tzt_chain_ent *e, uint32_t n,
			    int32_t *svc, uint32_t *count, uint32_t *hash)
{
	uint8_t req[4 + 64 * 8], out[8];
	size_t got = 0;
	int ret;

	if (n > 64)
		tap_bail("chain too long");
	tzt_put32(req, n);
	for (uint32_t i = 0; i < n; i++) {
		tzt_put32(req + 4 + i * 8, e[i].cb_id);
		tzt_put32(req + 8 + i * 8, e[i].len);
	}
	*count = *hash = 0;
	ret = tzt_call(fd, TZ_TEST_CHAIN, req, 4 + n * 8, 64, svc, out, sizeof(out), &got);
	if (!ret && *svc == 0) {
		if (got != 8)
			return -EBADMSG;
		*count = tzt_get32(out);
		*hash = tzt_get32(out + 4);
	}
	return ret;
}

/* ---- Listener thread ----------------------------------------------------- */

struct tzt_listener;
/*
 * Build the answer to one callback.  Return 0 to CONTINUE with it, 1 to
 * leave the callback unanswered and keep reading, -1 to leave it
 * unanswered and stop.
 */
typedef int (*tzt_answer_fn)(struct tzt_listener *l, uint32_t cmd_id,
			     const uint8_t *req, uint32_t len, uint8_t *ans,
			     uint32_t *ans_len);

struct tzt_listener {
	int fd;
	uint32_t svc, inst;
	int max;			/* stop after this many callbacks; 0: never */
	tzt_answer_fn answer;		/* NULL: answer req ^ 0xff */
	void *ctx;
	pthread_t thread;
	atomic_int tid;			/* kernel tid, for /proc state */
	atomic_int got;			/* callbacks read */
	int read_err;			/* READ_NEXT result that ended the loop */
	int cont_err;			/* first failed CONTINUE, or 0 */
	uint32_t last_cmd, last_len;
	uint8_t last[TZCOM_MAX_CB_LEN];
};

static inline int tzt_answer_xor(struct tzt_listener *l, uint32_t cmd_id,
				 const uint8_t *req, uint32_t len, uint8_t *ans,
				 uint32_t *ans_len)
{
	(void)l;
	(void)cmd_id;
	for (uint32_t j = 0; j < len; j++)
		ans[j] = req[j] ^ 0xff;
	*ans_len = len;
	return 0;
}

static void *tzt_listener_main(void *arg)
{
	struct tzt_listener *l = arg;
	static _Thread_local uint8_t req[TZCOM_MAX_CB_LEN], ans[TZCOM_MAX_CB_RSP_LEN];
	tzt_answer_fn fn = l->answer ? l->answer : tzt_answer_xor;

	atomic_store(&l->tid, (int)syscall(SYS_gettid));
	for (;;) {
		uint32_t cmd = 0, len = sizeof(req), alen = 0;
		int r = tzt_read_next(l->fd, l->svc, l->inst, &cmd, req, &len);

		if (r) {
			l->read_err = r;
			break;
		}
		l->last_cmd = cmd;
		l->last_len = len;
		memcpy(l->last, req, len <= sizeof(l->last) ? len : sizeof(l->last));
		r = fn(l, cmd, req, len, ans, &alen);
		atomic_fetch_add(&l->got, 1);
		if (r == 0) {
			int c = tzt_continue(l->fd, cmd, l->inst, ans, alen);

			if (c && !l->cont_err)
				l->cont_err = c;
		} else if (r < 0) {
			break;
		}
		if (l->max && atomic_load(&l->got) >= l->max)
			break;
	}
	return NULL;
}

/*
 * State letter of a thread or process ('S' sleeping, 'R', '?' if gone);
 * /proc/<tid> resolves threads too, though it does not list them.
 */
static inline char tzt_thread_state(int tid)
{
	char path[64], buf[256], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", tid);
	f = fopen(path, "r");
	if (!f)
		return '?';
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static inline void tzt_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static inline double tzt_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Wait (up to 5 s) until thread tid sleeps, i.e. is blocked in the driver. */
static inline int tzt_wait_sleeping(atomic_int *tid)
{
	for (int i = 0; i < 500; i++) {
		int t = atomic_load(tid);

		if (t && tzt_thread_state(t) == 'S') {
			tzt_sleep_ms(20);	/* let it settle in the wait */
			if (tzt_thread_state(t) == 'S')
				return 1;
		}
		tzt_sleep_ms(10);
	}
	return 0;
}

/* Start a listener; returns 1 once it is blocked in READ_NEXT. */
static inline int tzt_listener_start(struct tzt_listener *l)
{
	atomic_store(&l->tid, 0);
	atomic_store(&l->got, 0);
	l->read_err = 0;
	l->cont_err = 0;
	if (pthread_create(&l->thread, NULL, tzt_listener_main, l))
		tap_bail("pthread_create failed");
	return tzt_wait_sleeping(&l->tid);
}

static inline void tzt_listener_join(struct tzt_listener *l)
{
	pthread_join(l->thread, NULL);
}

/* ---- debugfs counters and module parameters ------------------------------ */

/*
 * A counter from the stats file: the number after "key" (and an optional
 * ':' or '='), or -1 if the file or the key is missing.
 */
static inline long long tzt_stat(const char *key)
{
	char line[256];
	size_t kl = strlen(key);
	long long v = -1;
	FILE *f = fopen(TZT_STATS, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = line;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, key, kl))
			continue;
		p += kl;
		if (*p != ':' && *p != '=' && *p != ' ' && *p != '\t')
			continue;
		while (*p == ':' || *p == '=' || *p == ' ' || *p == '\t')
			p++;
		v = strtoll(p, NULL, 0);
		break;
	}
	fclose(f);
	return v;
}

/* Read a module parameter into buf; 0 or -errno. */
static inline int tzt_param_get(const char *name, char *buf, size_t cap)
{
	char path[128];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), TZT_PARAM_DIR "%s", name);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	n = fread(buf, 1, cap - 1, f);
	fclose(f);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

static inline int tzt_param_set(const char *name, const char *val)
{
	char path[128];
	int fd, ret = 0;

	snprintf(path, sizeof(path), TZT_PARAM_DIR "%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, strlen(val)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/*
 * A parameter changed with tzt_param_override() is put back at exit, on
 * SIGTERM/SIGINT (tests/check's timeout) and when the TAP watchdog fires,
 * so a later test never runs with an earlier one's settings.  The restore
 * uses only open/write/close: it runs in signal handlers.
 */
#define TZT_MAX_OVERRIDES	4

static struct tzt_saved_param {
	char path[128];
	char val[32];
} tzt_saved[TZT_MAX_OVERRIDES];
static volatile sig_atomic_t tzt_nsaved;

static void tzt_param_restore_all(void)
{
	int i, fd;

	for (i = tzt_nsaved - 1; i >= 0; i--) {
		fd = open(tzt_saved[i].path, O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (write(fd, tzt_saved[i].val, strlen(tzt_saved[i].val)) < 0)
			tzt_saved[i].val[0] = '\0';
		close(fd);
	}
	tzt_nsaved = 0;
}

static void tzt_param_on_signal(int sig)
{
	tzt_param_restore_all();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Set a module parameter for the rest of the test; 0 or -errno. */
static inline int tzt_param_override(const char *name, const char *val)
{
	struct tzt_saved_param *sp;
	int i, ret;

	for (i = 0; i < tzt_nsaved; i++)
		if (!strcmp(strrchr(tzt_saved[i].path, '/') + 1, name))
			return tzt_param_set(name, val);
	if (tzt_nsaved == TZT_MAX_OVERRIDES)
		return -ENOSPC;
	sp = &tzt_saved[tzt_nsaved];
	ret = tzt_param_get(name, sp->val, sizeof(sp->val));
	if (ret)
		return ret;
	snprintf(sp->path, sizeof(sp->path), TZT_PARAM_DIR "%s", name);
	if (!tzt_nsaved) {
		atexit(tzt_param_restore_all);
		signal(SIGTERM, tzt_param_on_signal);
		signal(SIGINT, tzt_param_on_signal);
		tap_cleanup = tzt_param_restore_all;
	}
	tzt_nsaved++;
	return tzt_param_set(name, val);
}

/* Deterministic test bytes. */
static inline void tzt_fill(uint8_t *p, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

/* Write val to a tracefs file (TZT_TRACE_DIR + file); 0 or -1. */
#define TZT_TRACE_DIR	"/sys/kernel/tracing/"
static inline int tzt_trace_write(const char *file, const char *val)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), TZT_TRACE_DIR "%s", file);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(val, f);
	return fclose(f) ? -1 : 0;
}

#endif /* TZCOM_TZT_H */
