// SPDX-License-Identifier: BSD-3-Clause
/*
 * The trusted services at S-EL0 (docs/firmware.md, "Services at S-EL0"),
 * through the test service's FAULT, PEEK and SPIN:
 *  - each FAULT kind ends its command with -EFAULT, and the next
 *    commands work: ECHO in the same (restarted) service, SHA-256 in the
 *    crypto service, a sealed PUT and GET through tzcomd;
 *  - each fault leaves exactly one report line in the TZ log, naming the
 *    service and no TZBSP address, and no panic;
 *  - PEEK reads the service's own data (its probe) and its own text (the
 *    image header), and gets -EFAULT for TZBSP's memory, another
 *    service's window, NS DRAM and an unmapped address;
 *  - SPIN 50 ms takes at least 50 ms; above TZ_TEST_SPIN_MAX_MS: -EINVAL;
 *  - the test service runs two commands at once: while a FORWARD's
 *    listener holds the callback for HOLD_MS, an ECHO from another client
 *    completes within that time (each thread has its own S-EL0 slot);
 *  - the kernel log has no oops, WARN or BUG, and no tzcom line at
 *    warning level or above, from the whole run.
 * Needs tzcomd serving the store (the storage checks).
 */
#include <pthread.h>
#include <stdatomic.h>

#include <tzcom/tz_crypto.h>
#include <tzcom/tz_storage.h>

/* The layout of the S-EL0 windows and the probe's address and bytes. */
#include <tzbsp/el0_abi.h>

#include "tzt.h"

#define TZ_LOG		"/sys/kernel/debug/tzcom/log"
#define LOG_CAP		(256 * 1024)
/* TZBSP's secure DRAM (docs/firmware.md, "Image and memory"). */
#define TZBSP_BASE	0x0e100000ULL
#define TZBSP_SIZE	0x00f00000ULL
#define OBJ		"t_isolation.obj"
/* The concurrency check's listener and how long it holds the callback. */
#define HOLD_BASE	0x15a
#define HOLD_SVC	0x715a00u
#define HOLD_CB		TZT_CB(HOLD_BASE, 1)
#define HOLD_MS		1000

static char *log_read(size_t *len)
{
	char *buf = malloc(LOG_CAP + 1);
	size_t n = 0;
	int fd = open(TZ_LOG, O_RDONLY);
	ssize_t r;

	if (!buf)
		tap_bail("out of memory");
	if (fd >= 0) {
		while (n < LOG_CAP && (r = read(fd, buf + n, LOG_CAP - n)) > 0)
			n += (size_t)r;
		close(fd);
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/*
 * What the TZ log gained since before: the text after the last place the
 * tail of the old log occurs in the new one (the ring may have dropped
 * lines from its start meanwhile).  NULL if the old tail is gone.
 */
static const char *log_since(const char *old, size_t old_len, const char *now)
{
	const size_t anchor = old_len < 200 ? old_len : 200;
	const char *tail = old + old_len - anchor, *p, *hit = NULL;

	if (!anchor)
		return now;
	for (p = strstr(now, tail); p; p = strstr(p + 1, tail))
		hit = p;
	return hit ? hit + anchor : NULL;
}

/* Records of /dev/kmsg from fd on that show a problem; -1 without it. */
static int klog_bad(int fd)
{
	static const char *const bad[] = {
		"Oops", "BUG:", "WARNING:", "Call trace:", "Kernel panic",
		"Unable to handle", "Internal error", "stack-protector",
	};
	char rec[2048];
	int n_bad = 0;

	if (fd < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		const char *msg;
		int level;

		if (n < 0 && errno == EPIPE)	/* overwritten records */
			continue;
		if (n <= 0)
			break;
		rec[n] = '\0';
		level = atoi(rec) & 7;
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (strstr(msg, bad[i]))
				level = 0;
		if (level <= 4 && (level == 0 || strstr(msg, "tzcom"))) {
			n_bad++;
			tap_diag("kmsg: %.*s", (int)strcspn(msg, "\n"), msg);
		}
	}
	return n_bad;
}

static int count(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/*
 * The fault report names places in the service only: every number in
 * hex is an offset ("+0x...") or the exception's EC and ISS.
 */
static int report_clean(const char *text)
{
	const char *line = strstr(text, "el0: test: "), *end, *p;

	if (!line)
		return 0;
	end = strchr(line, '\n');
	if (!end)
		end = line + strlen(line);
	for (p = strstr(line, "0x"); p && p < end; p = strstr(p + 2, "0x"))
		if (p[-1] != '+' && strncmp(p - 3, "EC ", 3) && strncmp(p - 4, "ISS ", 4))
			return 0;
	return 1;
}

static int test_cmd(int fd, uint32_t id, const uint32_t *args, size_t nargs,
		    int32_t *status, uint8_t *out, size_t cap, size_t *out_len)
{
	*status = 1;
	return tzt_call(fd, id, args, nargs * 4, 256, status, out, cap, out_len);
}

static int32_t peek(int fd, uint64_t addr, uint8_t out[8])
{
	const uint32_t a[2] = { (uint32_t)addr, (uint32_t)(addr >> 32) };
	int32_t st;
	size_t got = 0;

	memset(out, 0, 8);
	if (test_cmd(fd, TZ_TEST_PEEK, a, 2, &st, out, 8, &got))
		return 1;
	return st == 0 && got != 8 ? 2 : st;
}

static int echo_ok(int fd)
{
	static const char msg[] = "after the fault";
	char out[64];
	int32_t st = 1;
	size_t got = 0;

	if (tzt_call(fd, TZ_TEST_ECHO, msg, sizeof(msg), 256, &st, out, sizeof(out), &got))
		return 0;
	return st == 0 && got == sizeof(msg) && !memcmp(out, msg, sizeof(msg));
}

static int sha256_ok(int fd)
{
	static const uint8_t want[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde,
		0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
		0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	uint8_t req[4 + 3] = { 0 }, out[32];
	int32_t st = 1;
	size_t got = 0;

	/* tzt_call adds the cmd_id: then data_len and "abc". */
	tzt_put32(req, 3);
	memcpy(req + 4, "abc", 3);
	if (tzt_call(fd, TZ_CRYPTO_SHA256, req, sizeof(req), TZ_CRYPTO_RSP_LEN, &st,
		     out, sizeof(out), &got))
		return 0;
	return st == 0 && got == 32 && !memcmp(out, want, 32);
}

static int storage(int fd, uint32_t id, const char *data, uint32_t len,
		   char *out, size_t cap, size_t *got)
{
	const uint32_t name_len = sizeof(OBJ) - 1;
	uint8_t req[8 + 64 + 64];
	int32_t st = 1;

	tzt_put32(req, name_len);
	tzt_put32(req + 4, len);
	memcpy(req + 8, OBJ, name_len);
	if (len)
		memcpy(req + 8 + name_len, data, len);
	if (tzt_call(fd, id, req, 8 + name_len + len, 512, &st, out, cap, got))
		return 1;
	return st;
}

static int storage_ok(int fd, unsigned int round)
{
	char data[32], out[64];
	size_t got = 0;
	int len = snprintf(data, sizeof(data), "sealed after fault %u", round);

	if (storage(fd, TZ_STORAGE_PUT, data, (uint32_t)len, out, sizeof(out), &got))
		return 0;
	if (storage(fd, TZ_STORAGE_GET, NULL, 0, out, sizeof(out), &got))
		return 0;
	return got == 4 + (size_t)len && tzt_get32((uint8_t *)out) == (uint32_t)len &&
	       !memcmp(out + 4, data, (size_t)len);
}

static void fault_kind(int fd, uint32_t kind, const char *name)
{
	size_t old_len, now_len;
	char *old = log_read(&old_len), *now;
	const char *new_text;
	int32_t st;
	int ret;

	ret = test_cmd(fd, TZ_TEST_FAULT, &kind, 1, &st, NULL, 0, NULL);
	tap_ok(!ret && st == -EFAULT, "FAULT %s ends the command with -EFAULT (ret %d, status %d)",
	       name, ret, st);
	now = log_read(&now_len);
	new_text = log_since(old, old_len, now);
	tap_ok(new_text && count(new_text, "el0: test: ") == 1 &&
	       count(new_text, "-EFAULT, service restarts") == 1,
	       "FAULT %s: one report line in the TZ log", name);
	tap_ok(new_text && !count(new_text, "PANIC") && report_clean(new_text),
	       "FAULT %s: no panic, no TZBSP address in the report", name);
	tap_ok(echo_ok(fd), "FAULT %s: ECHO in the restarted test service works", name);
	tap_ok(sha256_ok(fd), "FAULT %s: SHA-256 in the crypto service works", name);
	tap_ok(storage_ok(fd, kind), "FAULT %s: sealed PUT and GET through tzcomd work", name);
	free(old);
	free(now);
}

static void peek_refused(int fd, uint64_t addr, const char *what)
{
	uint8_t out[8];
	int32_t st = peek(fd, addr, out);

	tap_is(st, -EFAULT, "PEEK %s (%#llx): -EFAULT", what, (unsigned long long)addr);
	tap_ok(echo_ok(fd), "after PEEK %s the test service answers", what);
}

struct held {
	uint8_t data[16], ans[64];
	size_t ans_len;
	int32_t svc, hlos;
	int ret;
	double t0, t1;
	atomic_int done;
};

static atomic_int holding;

static int hold_answer(struct tzt_listener *l, uint32_t cmd_id, const uint8_t *req,
		       uint32_t len, uint8_t *ans, uint32_t *ans_len)
{
	atomic_store(&holding, 1);
	tzt_sleep_ms(HOLD_MS);
	return tzt_answer_xor(l, cmd_id, req, len, ans, ans_len);
}

static void *held_main(void *arg)
{
	struct held *h = arg;
	int fd = tzt_open();

	h->t0 = tzt_now_ms();
	h->ret = tzt_forward(fd, HOLD_CB, h->data, sizeof(h->data), &h->svc, &h->hlos,
			     h->ans, sizeof(h->ans), &h->ans_len);
	h->t1 = tzt_now_ms();
	atomic_store(&h->done, 1);
	close(fd);
	return NULL;
}

/* One check: an ECHO completes while another test command is held. */
static void concurrent_check(void)
{
	struct tzt_listener l = { 0 };
	struct held h = { 0 };
	uint8_t in[64], out[64];
	size_t got = 0;
	int32_t st = 1;
	double e0 = 0, e1 = 0;
	pthread_t thr;
	uint32_t inst;
	int lfd, efd, r = -1, echo_done_first = 0;

	lfd = tzt_open_listener();
	if (tzt_register(lfd, HOLD_SVC, HOLD_CB, HOLD_CB, &inst))
		tap_bail("register of the holding listener failed");
	l.fd = lfd;
	l.svc = HOLD_SVC;
	l.inst = inst;
	l.answer = hold_answer;
	if (!tzt_listener_start(&l))
		tap_bail("holding listener did not block in READ_NEXT");
	tzt_fill(h.data, sizeof(h.data), 0x15a1);
	pthread_create(&thr, NULL, held_main, &h);
	for (int i = 0; i < 2500 && !atomic_load(&holding); i++)
		tzt_sleep_ms(2);
	if (atomic_load(&holding)) {
		efd = tzt_open();
		tzt_fill(in, sizeof(in), 0x15a2);
		e0 = tzt_now_ms();
		r = tzt_call(efd, TZ_TEST_ECHO, in, sizeof(in), 8 + sizeof(in), &st, out,
			     sizeof(out), &got);
		e1 = tzt_now_ms();
		echo_done_first = !atomic_load(&h.done);
		close(efd);
	}
	pthread_join(thr, NULL);
	tap_ok(atomic_load(&holding) && !r && !st && got == sizeof(in) &&
	       !memcmp(in, out, sizeof(in)) && echo_done_first && e1 - e0 < HOLD_MS &&
	       !h.ret && !h.svc && !h.hlos && h.t1 - h.t0 >= HOLD_MS,
	       "two test commands at once: an ECHO took %.1f ms while a FORWARD's callback was held %d ms (FORWARD %.0f ms, ret %d, hlos %d)",
	       e1 - e0, HOLD_MS, h.t1 - h.t0, h.ret, h.hlos);
	tzt_abort(lfd);
	tzt_listener_join(&l);
	close(lfd);
}

int main(void)
{
	static const struct { uint32_t kind; const char *name; } kinds[] = {
		{ TZ_TEST_FAULT_UNMAPPED_STORE, "UNMAPPED_STORE" },
		{ TZ_TEST_FAULT_UNDEF, "UNDEF" },
		{ TZ_TEST_FAULT_EXEC_DATA, "EXEC_DATA" },
	};
	const uint64_t hdr_magic = TZ_EL0_MAGIC;
	uint8_t out[8];
	int32_t st;
	size_t got = 0;
	uint32_t arg;
	double t0, ms;
	int fd, ret, kmsg, bad;

	tap_plan(3 * 6 + 2 + 2 + 6 * 2 + 1 + 3 + 1 + 1 + 1);
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);
	fd = tzt_open();

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		fault_kind(fd, kinds[i].kind, kinds[i].name);

	arg = 99;
	ret = test_cmd(fd, TZ_TEST_FAULT, &arg, 1, &st, NULL, 0, NULL);
	tap_ok(!ret && st == -EINVAL, "FAULT of an unknown kind: -EINVAL, no fault (status %d)", st);
	tap_ok(echo_ok(fd), "the test service answers after it");

	st = peek(fd, TZ_EL0_TEST_PROBE_VA, out);
	tap_ok(st == 0 && !memcmp(out, TZ_EL0_TEST_PROBE, 8),
	       "PEEK of its own data reads its probe (status %d)", st);
	st = peek(fd, TZ_EL0_VA(TZ_SVC_TEST), out);
	tap_ok(st == 0 && !memcmp(out, &hdr_magic, 8),
	       "PEEK of its own text reads its image header (status %d)", st);

	peek_refused(fd, TZBSP_BASE, "TZBSP's text");
	peek_refused(fd, TZBSP_BASE + TZBSP_SIZE - 8, "TZBSP's last bytes");
	peek_refused(fd, TZ_EL0_VA(TZ_SVC_CRYPTO), "the crypto service's window");
	peek_refused(fd, TZ_EL0_VA(TZ_SVC_STORAGE) + TZ_EL0_SLOT_OFF(0) + TZ_EL0_STACK_OFF,
		     "the storage service's stack");
	peek_refused(fd, 0x40000000ULL, "NS DRAM");
	peek_refused(fd, 0x1000ULL, "an unmapped address");

	st = peek(fd, TZ_EL0_TEST_PROBE_VA, out);
	tap_ok(st == 0 && !memcmp(out, TZ_EL0_TEST_PROBE, 8),
	       "after the refused PEEKs its own data reads the same (status %d)", st);

	arg = 50;
	t0 = tzt_now_ms();
	ret = test_cmd(fd, TZ_TEST_SPIN, &arg, 1, &st, out, sizeof(out), &got);
	ms = tzt_now_ms() - t0;
	tap_ok(!ret && st == 0 && got == 4 && tzt_get32(out) == 50,
	       "SPIN 50 ms answers {50} (status %d)", st);
	tap_ok(ms >= 50.0, "SPIN 50 ms took %.1f ms, at least 50", ms);
	arg = TZ_TEST_SPIN_MAX_MS + 1;
	ret = test_cmd(fd, TZ_TEST_SPIN, &arg, 1, &st, out, sizeof(out), &got);
	tap_ok(!ret && st == -EINVAL, "SPIN above TZ_TEST_SPIN_MAX_MS: -EINVAL (status %d)", st);

	concurrent_check();

	st = storage(fd, TZ_STORAGE_RM, NULL, 0, (char *)out, sizeof(out), &got);
	tap_is(st, 0, "the test object is removed");
	close(fd);
	bad = klog_bad(kmsg);
	tap_ok(bad == 0, "the kernel log is clean (%d bad records)", bad);
	if (kmsg >= 0)
		close(kmsg);
	return tap_done();
}
