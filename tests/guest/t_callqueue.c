// SPDX-License-Identifier: BSD-3-Clause
/*
 * More commands than call slots (docs/driver.md, "Call slots and the call
 * queue"): 3 x slots clients each send a FORWARD whose callback goes to a
 * slow listener.  The first `slots` commands take every slot and are held
 * by the listener; the other 2 x slots are queued one at a time (the test
 * waits for the driver's cq_waiters counter to grow before starting the
 * next), so the order they entered the queue is known.  Then the listener
 * answers one callback every SPACING_MS, freeing one slot at a time.
 *
 * Every command must complete with its own answer, and the waiters must
 * get their slots in the order they queued.  That order is observed two
 * ways: the tzcom_smc_enter tracepoint (the NEW of each waiter, by thread
 * id; the exact order of NEW), and, also on kernels without tracing, the
 * order in which the listener receives the waiters' callbacks: a FORWARD
 * calls back at once after its NEW, and slots free SPACING_MS apart, so
 * the callbacks arrive in the order of the NEWs.
 *
 * Then waiters that leave the queue: with every slot held again, three
 * waiters queue (one in a child process); ABORT of the second one's fd
 * ends only that one (-ENODEV), SIGKILL ends the first, and the third
 * still gets a slot and completes once the holders are answered: a waiter
 * that leaves takes no wake-up meant for the next.
 *
 * Works on any number of secure threads: with today's firmware (1 thread,
 * 1 slot) it is 3 clients through one slot.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"
#include "tzt.h"

#define BASE		0xc9e
#define SVC		(0x7c9e00u)
#define CB_ID		TZT_CB(BASE, 1)
#define SPACING_MS	100
#define MAX_CLIENTS	(3 * 8)

struct client {
	int idx;
	int fd;			/* > 0: use it (the test may ABORT it) */
	pthread_t thread;
	atomic_int tid;
	atomic_int done;
	int ret;
	int32_t svc, hlos;
	uint8_t data[16], ans[64];
	size_t ans_len;
};

static struct client clients[MAX_CLIENTS];
static atomic_int gate;			/* the listener may answer */
static pthread_mutex_t order_lock = PTHREAD_MUTEX_INITIALIZER;
static int arrival[MAX_CLIENTS], narrival;
static pthread_mutex_t answer_lock = PTHREAD_MUTEX_INITIALIZER;

static void *client_main(void *arg)
{
	struct client *c = arg;
	int fd = c->fd > 0 ? c->fd : tzt_open();

	atomic_store(&c->tid, (int)syscall(SYS_gettid));
	c->ret = tzt_forward(fd, CB_ID, c->data, sizeof(c->data), &c->svc,
			     &c->hlos, c->ans, sizeof(c->ans), &c->ans_len);
	if (fd != c->fd)
		close(fd);
	atomic_store(&c->done, 1);
	return NULL;
}

/*
 * Note who called back, wait for the gate, then answer one at a time,
 * SPACING_MS apart, so slots free one by one.
 */
static int slow_answer(struct tzt_listener *l, uint32_t cmd_id,
		       const uint8_t *req, uint32_t len, uint8_t *ans,
		       uint32_t *ans_len)
{
	pthread_mutex_lock(&order_lock);
	if (len >= 4 && narrival < MAX_CLIENTS)
		arrival[narrival++] = (int)tzt_get32(req);
	pthread_mutex_unlock(&order_lock);
	while (!atomic_load(&gate))
		tzt_sleep_ms(5);
	pthread_mutex_lock(&answer_lock);
	tzt_sleep_ms(SPACING_MS);
	pthread_mutex_unlock(&answer_lock);
	return tzt_answer_xor(l, cmd_id, req, len, ans, ans_len);
}

static int arrived(void)
{
	int n;

	pthread_mutex_lock(&order_lock);
	n = narrival;
	pthread_mutex_unlock(&order_lock);
	return n;
}

static int wait_stat(const char *key, long long want, int ms)
{
	for (int i = 0; i < ms / 2; i++) {
		if (tzt_stat(key) == want)
			return 1;
		tzt_sleep_ms(2);
	}
	return tzt_stat(key) == want;
}

/*
 * The thread ids of the NEW events in the trace, in order: a line is
 * "  comm-TID  [cpu] flags  time: tzcom_smc_enter: NEW cmd_len=.. slot=..".
 */
static int trace_new_tids(int *tids, int cap)
{
	char line[512];
	int n = 0;
	FILE *f = fopen(TZT_TRACE_DIR "trace", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f) && n < cap) {
		char *ev = strstr(line, "tzcom_smc_enter: NEW");
		char *br = strstr(line, " [");
		char *dash;

		if (!ev || !br || br > ev)
			continue;
		*br = '\0';
		dash = strrchr(line, '-');
		if (dash)
			tids[n++] = atoi(dash + 1);
	}
	fclose(f);
	return n;
}

static int good_answer(struct client *c)
{
	int good = c->ret == 0 && c->svc == 0 && c->hlos == 0 &&
		   c->ans_len == sizeof(c->data);

	for (size_t j = 0; good && j < sizeof(c->data); j++)
		good = (uint8_t)(c->ans[j] ^ c->data[j]) == 0xff;
	return good;
}

/* Waiters that leave the queue, by ABORT and by SIGKILL. */
static void leavers(int slots)
{
	struct client *w2 = &clients[slots], *w3 = &clients[slots + 1];
	int st, fine = 1;
	pid_t pid;

	atomic_store(&gate, 0);
	pthread_mutex_lock(&order_lock);
	narrival = 0;
	pthread_mutex_unlock(&order_lock);
	for (int i = 0; i < slots + 2; i++) {
		clients[i].fd = 0;
		clients[i].ret = 1;
		atomic_store(&clients[i].done, 0);
	}
	for (int i = 0; i < slots; i++)
		pthread_create(&clients[i].thread, NULL, client_main, &clients[i]);
	for (int i = 0; i < 2500 && arrived() < slots; i++)
		tzt_sleep_ms(2);

	pid = fork();
	if (pid == 0) {
		struct client c = { .idx = 99 };
		int fd = tzt_open();

		tzt_forward(fd, CB_ID, c.data, sizeof(c.data), &c.svc, &c.hlos, c.ans,
			    sizeof(c.ans), &c.ans_len);
		_exit(0);
	}
	fine = pid > 0 && wait_stat("cq_waiters", 1, 5000);
	w2->fd = tzt_open();
	w3->fd = tzt_open();
	pthread_create(&w2->thread, NULL, client_main, w2);
	fine = wait_stat("cq_waiters", 2, 5000) && fine;
	pthread_create(&w3->thread, NULL, client_main, w3);
	fine = wait_stat("cq_waiters", 3, 5000) && fine;
	tap_ok(fine, "with every slot held, 3 waiters queue (the first in a child process)");

	tzt_abort(w2->fd);
	pthread_join(w2->thread, NULL);
	tap_ok(w2->ret == -ENODEV && wait_stat("cq_waiters", 2, 2000) &&
	       !atomic_load(&w3->done),
	       "ABORT of the second one's fd ends only it (%d), the others stay queued (%lld)",
	       w2->ret, tzt_stat("cq_waiters"));

	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	tap_ok(WIFSIGNALED(st) && wait_stat("cq_waiters", 1, 2000),
	       "SIGKILL ends the first waiter; one left in the queue (%lld)",
	       tzt_stat("cq_waiters"));

	atomic_store(&gate, 1);
	for (int i = 0; i < slots; i++)
		pthread_join(clients[i].thread, NULL);
	pthread_join(w3->thread, NULL);
	fine = good_answer(w3);
	for (int i = 0; i < slots; i++)
		fine = fine && good_answer(&clients[i]);
	tap_ok(fine && wait_stat("cq_waiters", 0, 2000) && wait_stat("inflight_cmds", 0, 2000),
	       "the third gets a slot and completes, and so do the holders; queue idle");
	close(w2->fd);
	close(w3->fd);
}

int main(void)
{
	struct tzt_listener l[8];
	int lfd, slots, n, waiters, tracing, ok_all = 1, fifo_cb = 1;
	long long waits0, busy0;
	uint32_t inst;
	char tmo[16];

	tap_plan(14);
	/* Slots in service: a robust test may have fenced one off. */
	slots = (int)(tzt_stat("slots") - tzt_stat("fenced_slots"));
	tap_ok(slots >= 1 && slots <= 8,
	       "the driver reports its call slots (%d in service; secure threads %lld)", slots,
	       tzt_stat("threads"));
	if (slots < 1 || slots > 8)
		tap_bail("no usable slot count");
	n = 3 * slots;
	waiters = n - slots;
	snprintf(tmo, sizeof(tmo), "%d", 10000 + n * SPACING_MS);
	if (tzt_param_override("callback_timeout_ms", tmo))
		tap_bail("cannot set callback_timeout_ms");

	lfd = tzt_open_listener();
	if (tzt_register(lfd, SVC, CB_ID, CB_ID, &inst))
		tap_bail("register failed");
	memset(l, 0, sizeof(l));
	for (int i = 0; i < slots; i++) {
		l[i].fd = lfd;
		l[i].svc = SVC;
		l[i].inst = inst;
		l[i].answer = slow_answer;
		if (!tzt_listener_start(&l[i]))
			tap_bail("listener %d did not block in READ_NEXT", i);
	}

	if (access(TZT_TRACE_DIR "events", F_OK))
		mount("nodev", TZT_TRACE_DIR, "tracefs", 0, NULL);
	tracing = !access(TZT_TRACE_DIR "events/tzcom/tzcom_smc_enter/enable", W_OK) &&
		  !tzt_trace_write("tracing_on", "0") && !tzt_trace_write("trace", "") &&
		  !tzt_trace_write("events/tzcom/tzcom_smc_enter/enable", "1") &&
		  !tzt_trace_write("tracing_on", "1");
	if (!tracing)
		tzt_trace_write("tracing_on", "1");
	waits0 = tzt_stat("cq_waits_total");
	busy0 = tzt_stat("busy_total");

	for (int i = 0; i < n; i++) {
		clients[i].idx = i;
		tzt_fill(clients[i].data, sizeof(clients[i].data), 0x5100 + i);
		tzt_put32(clients[i].data, (uint32_t)i);
	}
	/* The holders: one per slot, each held by a listener at the gate. */
	for (int i = 0; i < slots; i++)
		pthread_create(&clients[i].thread, NULL, client_main, &clients[i]);
	for (int i = 0; i < 2500 && arrived() < slots; i++)
		tzt_sleep_ms(2);
	tap_ok(arrived() == slots && tzt_stat("inflight_cmds") == slots,
	       "%d holders take every slot: %d callbacks held, inflight_cmds %lld",
	       slots, arrived(), tzt_stat("inflight_cmds"));

	/* The waiters, one at a time, so their queue order is known. */
	int queued = 0;

	for (int i = slots; i < n; i++) {
		pthread_create(&clients[i].thread, NULL, client_main, &clients[i]);
		if (wait_stat("cq_waiters", i - slots + 1, 5000))
			queued++;
	}
	tap_is(queued, waiters, "each of the %d waiters is queued in turn (cq_waiters %lld)",
	       waiters, tzt_stat("cq_waiters"));

	atomic_store(&gate, 1);
	for (int i = 0; i < n; i++)
		pthread_join(clients[i].thread, NULL);
	if (tracing)
		tzt_trace_write("tracing_on", "0");

	int completed = 0;

	for (int i = 0; i < n; i++) {
		struct client *c = &clients[i];
		int good = good_answer(c);

		if (!good) {
			ok_all = 0;
			tap_diag("client %d: ret %d svc %d hlos %d len %zu", i, c->ret,
				 c->svc, c->hlos, c->ans_len);
		}
		completed += atomic_load(&c->done);
	}
	tap_ok(ok_all, "all %d commands completed, each with its own listener answer", n);
	tap_is(completed, n, "none lost: %d of %d SEND_CMDs returned", completed, n);
	tap_is(tzt_stat("cq_waits_total") - waits0, waiters,
	       "cq_waits_total counts the %d that had to wait", waiters);
	tap_ok(tzt_stat("cq_waiters") == 0 && tzt_stat("inflight_cmds") == 0,
	       "queue and slots idle afterwards (cq_waiters %lld, inflight_cmds %lld)",
	       tzt_stat("cq_waiters"), tzt_stat("inflight_cmds"));
	tap_is(tzt_stat("busy_total") - busy0, 0,
	       "no NEW was answered BUSY: the slots never outnumber the threads");

	/* Callback order: the holders' first (any order), then the waiters'. */
	if (narrival != n)
		fifo_cb = 0;
	for (int i = slots; fifo_cb && i < n; i++)
		if (arrival[i] != i)
			fifo_cb = 0;
	if (!fifo_cb) {
		for (int i = 0; i < narrival; i++)
			tap_diag("callback %d came from client %d", i, arrival[i]);
	}
	tap_ok(fifo_cb, "the waiters' callbacks arrive in the order they queued (FIFO)");

	if (tracing) {
		int tids[256], nt = trace_new_tids(tids, 256), pos = 0, fifo = 1;

		tzt_trace_write("events/tzcom/tzcom_smc_enter/enable", "0");
		tzt_trace_write("trace", "");
		tzt_trace_write("tracing_on", "1");
		/* The waiters' NEWs, by thread id, must come in queue order. */
		for (int i = 0; i < nt; i++) {
			for (int k = slots; k < n; k++) {
				if (atomic_load(&clients[k].tid) != tids[i])
					continue;
				if (k != slots + pos)
					fifo = 0;
				pos++;
			}
		}
		tap_ok(fifo && pos == waiters,
		       "tracepoint tzcom_smc_enter: the waiters' NEWs come in queue order (%d of %d seen)",
		       pos, waiters);
	} else {
		tap_skip(1, "no tzcom events in tracefs on this kernel");
	}

	leavers(slots);

	tzt_abort(lfd);
	for (int i = 0; i < slots; i++)
		tzt_listener_join(&l[i]);
	close(lfd);
	return tap_done();
}
