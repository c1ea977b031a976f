// SPDX-License-Identifier: BSD-3-Clause
/*
 * robust-fuzz: a bounded, seeded random-ioctl fuzzer for /dev/tzcom.
 * P processes x T threads make N ioctls in all: the six tzcom numbers and
 * numbers near them (other nr, size or direction; the 32-bit ones), with
 * random struct contents whose pointers are valid, NULL, unmapped,
 * read-only, at the edge of a mapping, in kernel space or random, and
 * whose lengths sit on and around every limit.  SEND_CMD payloads are
 * mostly test-service commands (so callbacks happen) or random ids.
 * Meanwhile each process has a listener thread that answers callbacks
 * with random lengths and bytes, a janitor thread that ABORTs and
 * replaces fds (which also frees threads blocked in READ_NEXT), and the
 * parent SIGKILLs a random fuzz process every second or so and starts a
 * new one.  callback_timeout_ms is lowered to 100 during the run.
 *
 * It passes when no ioctl ever returns a positive value, numbers the
 * driver does not know always give -ENOTTY, a NULL/unmapped/kernel
 * argument always -EFAULT (or -ENODEV/-EBADF for aborted/closed fds),
 * the counters return to idle, the device still works (ECHO and a
 * FORWARD to a fresh listener), and the kernel log stays clean.
 * The scheduler-core buffer commands and the storage service are left
 * out: their refusal is tested on its own (t_send) and the storage parser
 * has host fuzzers; random storage writes would disturb other tests.
 *
 *   robust-fuzz [-n calls] [-p processes] [-t threads] [-s seed] [-K (no kills)]
 */
#include <getopt.h>
#include <time.h>

#include "rb.h"

#define BASE	0xA5
#define SVC(n)	(0x7ea500u + (n))
#define CB(n)	TZT_CB(BASE, n)

/*
 * A little over 100 000, so that the calls counted reach 100 000 even
 * though a killed process takes its in-flight calls with it uncounted.
 */
#ifndef ROBUST_FUZZ_N
#define ROBUST_FUZZ_N	101000
#endif

#define NSLOTS		6
#define NKNOWN		16
#define MAXERR		160
#define MAXPROCS	16
#define MAXTHREADS	16

struct shared {
	atomic_llong remaining, calls;
	atomic_llong ret[MAXERR + 1];	/* by -errno; [MAXERR]: other */
	atomic_llong positive, not_enotty, not_efault, kills, spawned, listener_cbs;
	atomic_llong ok_by_nr[7];	/* successful calls of each tzcom ioctl */
	atomic_int viol_reported;
};

static struct shared *sh;
static long long ncalls = ROBUST_FUZZ_N;
static int nprocs = 2, nthreads = 3, kills = 1;
static uint64_t seed = 1;

/* ---- per process state ------------------------------------------------------------ */

static atomic_int slots[NSLOTS];	/* fds; all but slot 0 O_NONBLOCK */
static int proc_idx;			/* this process's callback range */
static struct {
	atomic_uint svc, inst;
} known[NKNOWN];			/* services this process registered */
static atomic_uint last_cb;		/* a cmd_id the listener saw */
static _Thread_local uint32_t my_cb = 0, my_inst;	/* this thread's last READ_NEXT */
static _Thread_local int my_slot = -1;

/*
 * Callback ids: CB(0 .. 64 P - 1) are the listeners' ranges, CB(256 ..
 * 319) the workers' own REGISTERs, so some callbacks queue for services
 * the workers READ_NEXT and CONTINUE themselves.
 */
static uint32_t rand_cb(uint64_t *rs)
{
	if (rb_rand(rs) % 2)
		return CB(256 + rb_rand(rs) % 64);
	return CB(rb_rand(rs) % (64 * (uint64_t)nprocs));
}
static atomic_int stop;

static int slot_flags(int k)
{
	return O_RDWR | O_CLOEXEC | (k ? O_NONBLOCK : 0);
}

/* An aborted fd is replaced, so ABORT does not end the fuzzing. */
static void slot_renew(int k, int old)
{
	int nfd = open(TZT_DEV, slot_flags(k));

	if (nfd < 0)
		return;
	if (atomic_compare_exchange_strong(&slots[k], &old, nfd))
		close(old);
	else
		close(nfd);
}

static void violation(const char *what, unsigned long nr, long long r)
{
	if (atomic_fetch_add(&sh->viol_reported, 1) < 10)
		tap_diag("pid %d: %s: ioctl 0x%08lx returned %lld", getpid(), what, nr, r);
}

static uint32_t rand_len(uint64_t *rs)
{
	static const uint32_t edge[] = {
		0, 1, 3, 4, 7, 8, 12, 16, 64, 4096, 20463, 20464, 20465, 20467, 20468,
		20469, 20472, 20476, 20477, 20480, 20481, 0x7fffffff, 0x80000000u,
		0xfffffff8u, 0xffffffffu,
	};

	switch (rb_rand(rs) % 4) {
	case 0:
		return edge[rb_rand(rs) % (sizeof(edge) / sizeof(edge[0]))];
	case 1:
		return (uint32_t)rb_rand(rs);
	default:
		return (uint32_t)(rb_rand(rs) % 600);
	}
}

/* A pointer of some kind; valid ones point into buf (cap bytes). */
static void *rand_ptr(uint64_t *rs, uint8_t *buf, size_t cap, int *bad)
{
	*bad = 1;
	switch (rb_rand(rs) % 16) {
	case 0: return NULL;
	case 1: return rb_unmapped;
	case 2: return RB_KADDR;
	case 3: return (void *)(uintptr_t)rb_rand(rs);
	case 4: *bad = 0; return rb_ro;		/* readable: may be fine to read */
	case 5: *bad = 0; return rb_at_edge(1 + rb_rand(rs) % 256);
	case 6: return (void *)(uintptr_t)(0xffff000000000000ull | rb_rand(rs));
	case 7: *bad = 0; return buf + 1 + rb_rand(rs) % 64;	/* misaligned */
	default: *bad = 0; return buf + rb_rand(rs) % (cap / 2);
	}
}

static uint32_t rand_svc(uint64_t *rs, uint32_t *inst)
{
	uint32_t k = (uint32_t)(rb_rand(rs) % NKNOWN);

	switch (rb_rand(rs) % 4) {
	case 0:
		*inst = (uint32_t)rb_rand(rs);
		return (uint32_t)rb_rand(rs);
	case 1:
		*inst = atomic_load(&known[k].inst) + (uint32_t)(rb_rand(rs) % 3) - 1;
		return atomic_load(&known[k].svc);
	default:
		*inst = atomic_load(&known[k].inst);
		return atomic_load(&known[k].svc);
	}
}

/* A SEND_CMD payload: mostly test-service commands that call back to us. */
static uint32_t make_cmd(uint64_t *rs, uint8_t *p, size_t cap)
{
	static const uint32_t ids[] = {
		TZ_TEST_ECHO, TZ_TEST_TRANSFORM, TZ_TEST_CHAIN, TZ_TEST_FORWARD,
		TZ_CORE_GET_INFO, TZ_CRYPTO_SHA256, TZ_CRYPTO_HMAC_SHA256,
		TZ_CMD_ID(TZ_SVC_TEST, 99), TZ_CMD_ID(31, 1), TZ_CMD_ID(200, 7),
	};
	uint32_t id = ids[rb_rand(rs) % (sizeof(ids) / sizeof(ids[0]))];
	uint32_t n = (uint32_t)(rb_rand(rs) % 256);

	if (rb_rand(rs) % 8 == 0) {
		id = (uint32_t)rb_rand(rs);
		/* Never the buffer commands of the core, never storage. */
		if ((TZ_CMD_SVC(id) == TZ_SVC_CORE && id != TZ_CORE_GET_INFO) ||
		    TZ_CMD_SVC(id) == TZ_SVC_STORAGE)
			id = TZ_TEST_ECHO;
	}
	if (n + 16 > cap)
		n = (uint32_t)cap - 16;
	tzt_put32(p, id);
	for (uint32_t j = 4; j < 4 + n; j++)
		p[j] = (uint8_t)rb_rand(rs);
	if (id == TZ_TEST_CHAIN && rb_rand(rs) % 4) {
		uint32_t c = (uint32_t)(rb_rand(rs) % 4);

		tzt_put32(p + 4, c);
		for (uint32_t i = 0; i < c; i++) {
			tzt_put32(p + 8 + i * 8, rand_cb(rs));
			tzt_put32(p + 12 + i * 8, (uint32_t)(rb_rand(rs) % 300));
		}
		return 8 + 8 * c;
	}
	if (id == TZ_TEST_FORWARD && rb_rand(rs) % 4)
		tzt_put32(p + 4, rand_cb(rs));
	return 4 + n;
}

static void fill_struct(uint64_t *rs, unsigned int nr, uint8_t *s, uint8_t *buf, size_t cap)
{
	int bad;
	uint32_t inst, svc = rand_svc(rs, &inst);

	for (int i = 0; i < 48; i++)
		s[i] = (uint8_t)rb_rand(rs);
	switch (nr) {
	case 1: {
		struct tzcom_register_svc_op_req *r = (void *)s;
		uint32_t lo = rb_rand(rs) % 4 ? CB(256 + rb_rand(rs) % 64) : (uint32_t)rb_rand(rs);

		r->svc_id = rb_rand(rs) % 2 ? SVC(rb_rand(rs) % 32) : (uint32_t)rb_rand(rs);
		r->cmd_id_low = lo;
		r->cmd_id_high = rb_rand(rs) % 4 ? lo + (uint32_t)(rb_rand(rs) % 8)
						 : (uint32_t)rb_rand(rs);
		break;
	}
	case 2: {
		struct tzcom_unregister_svc_op_req *r = (void *)s;

		r->svc_id = svc;
		r->instance_id = inst;
		break;
	}
	case 3: {
		struct tzcom_send_cmd_op_req *r = (void *)s;

		r->cmd_buf = rand_ptr(rs, buf, cap, &bad);
		if (!bad && r->cmd_buf >= (void *)buf && r->cmd_buf < (void *)(buf + cap))
			r->cmd_len = make_cmd(rs, r->cmd_buf,
					      cap - ((uint8_t *)r->cmd_buf - buf));
		if (bad || rb_rand(rs) % 6 == 0)
			r->cmd_len = rand_len(rs);
		r->resp_buf = rand_ptr(rs, buf, cap, &bad);
		r->resp_len = rb_rand(rs) % 3 ? (uint32_t)(8 + rb_rand(rs) % 1024) : rand_len(rs);
		break;
	}
	case 4: {
		struct tzcom_next_cmd_op_req *r = (void *)s;

		r->svc_id = svc;
		r->instance_id = inst;
		r->req_buf = rand_ptr(rs, buf, cap, &bad);
		r->req_len = rb_rand(rs) % 2 ? (uint32_t)(rb_rand(rs) % 1024) : rand_len(rs);
		break;
	}
	case 5: {
		struct tzcom_cont_cmd_op_req *r = (void *)s;

		switch (rb_rand(rs) % 4) {
		case 0: r->cmd_id = atomic_load(&last_cb); break;
		case 1: r->cmd_id = rand_cb(rs); break;
		default: r->cmd_id = my_cb; inst = my_inst; break;
		}
		r->instance_id = inst;
		r->resp_buf = rand_ptr(rs, buf, cap, &bad);
		r->resp_len = rb_rand(rs) % 2 ? (uint32_t)(rb_rand(rs) % 512) : rand_len(rs);
		break;
	}
	default:
		break;
	}
}

static const unsigned long valid_nr[7] = {
	0, TZCOM_IOCTL_REGISTER_SERVICE_REQ, TZCOM_IOCTL_UNREGISTER_SERVICE_REQ,
	TZCOM_IOCTL_SEND_CMD_REQ, TZCOM_IOCTL_READ_NEXT_CMD_REQ,
	TZCOM_IOCTL_CONTINUE_CMD_REQ, TZCOM_IOCTL_ABORT_REQ,
};

static int is_valid_nr(unsigned long nr)
{
	for (int i = 1; i < 7; i++)
		if (valid_nr[i] == nr)
			return i;
	return 0;
}

/*
 * The registered-memory, session and INVOKE ioctls are real numbers that
 * this fuzzer does not drive (tests t_shm, t_session do); a random "other
 * nr" can hit one exactly, and it then answers its own errors, not -ENOTTY.
 */
static int is_v3_nr(unsigned long nr)
{
	return nr == TZCOM_IOCTL_SHM_REGISTER_REQ || nr == TZCOM_IOCTL_SHM_UNREGISTER_REQ ||
	       nr == TZCOM_IOCTL_SESSION_OPEN_REQ || nr == TZCOM_IOCTL_SESSION_CLOSE_REQ ||
	       nr == TZCOM_IOCTL_INVOKE_REQ;
}

static unsigned long rand_nr(uint64_t *rs)
{
	unsigned int r = (unsigned int)(rb_rand(rs) % 100);
	unsigned int n = 1 + (unsigned int)(rb_rand(rs) % 5);

	if (r < 72) {
		/* ABORT is rarer: the fd is useless until it is replaced. */
		if (rb_rand(rs) % 200 == 0)
			return TZCOM_IOCTL_ABORT_REQ;
		return valid_nr[n];
	}
	if (r < 82)	/* same nr, other size or direction */
		return _IOC((unsigned int)(rb_rand(rs) % 4), TZCOM_IOC_MAGIC, n,
			    (unsigned int)(rb_rand(rs) % 64));
	if (r < 92)	/* other nr */
		return _IOC((unsigned int)(rb_rand(rs) % 4), TZCOM_IOC_MAGIC,
			    (unsigned int)(rb_rand(rs) % 256), (unsigned int)(rb_rand(rs) % 64));
	if (r < 97) {
		static const unsigned long c32[] = { 0xC0149703u, 0xC0149704u, 0xC0109705u };

		return c32[rb_rand(rs) % 3];
	}
	/* Any size up to the 14-bit maximum, magic kept. */
	return _IOC((unsigned int)(rb_rand(rs) % 4), TZCOM_IOC_MAGIC,
		    (unsigned int)(rb_rand(rs) % 8), (unsigned int)(rb_rand(rs) % 0x4000));
}

static void one_call(uint64_t *rs, uint8_t *buf, size_t cap)
{
	uint8_t st[64] __attribute__((aligned(8)));
	unsigned long nr = rand_nr(rs);
	int k = (int)(rb_rand(rs) % NSLOTS), fd;
	int v = is_valid_nr(nr), argbad = 0;
	void *arg = st;
	long r;

	/* A CONTINUE mostly goes where this thread's last READ_NEXT went. */
	if (v == 5 && my_slot >= 0 && rb_rand(rs) % 4)
		k = my_slot;
	fd = atomic_load(&slots[k]);

	fill_struct(rs, v ? (unsigned int)_IOC_NR(nr) : 0, st, buf, cap);
	switch (rb_rand(rs) % 12) {
	case 0: arg = NULL; argbad = 1; break;
	case 1: arg = rb_unmapped; argbad = 1; break;
	case 2: arg = RB_KADDR; argbad = 1; break;
	case 3: arg = rb_at_edge(1 + rb_rand(rs) % 24); break;
	case 4: arg = rb_ro; break;
	default: break;
	}
	r = ioctl(fd, nr, arg);
	if (r < 0)
		r = -errno;
	atomic_fetch_add(&sh->calls, 1);
	if (r > 0) {
		atomic_fetch_add(&sh->positive, 1);
		violation("positive return", nr, r);
	}
	atomic_fetch_add(&sh->ret[-r >= 0 && -r < MAXERR ? -r : MAXERR], 1);
	if (!v && !is_v3_nr(nr) && r != -ENOTTY && r != -ENODEV && r != -EBADF) {
		atomic_fetch_add(&sh->not_enotty, 1);
		violation("unknown number not -ENOTTY", nr, r);
	}
	if (v && v != 6 && argbad && r != -EFAULT && r != -ENODEV && r != -EBADF) {
		atomic_fetch_add(&sh->not_efault, 1);
		violation("bad argument pointer not -EFAULT", nr, r);
	}
	if (r == -ENODEV)
		slot_renew(k, fd);
	if (v && r == 0)
		atomic_fetch_add(&sh->ok_by_nr[v], 1);
	if (v == 4 && r == 0) {
		const struct tzcom_next_cmd_op_req *q = arg;

		my_cb = q->cmd_id;
		my_inst = q->instance_id;
		my_slot = k;
	}
	if (v == 1 && r == 0) {
		const struct tzcom_register_svc_op_req *q = arg;
		uint32_t k = (uint32_t)(rb_rand(rs) % NKNOWN);

		atomic_store(&known[k].svc, q->svc_id);
		atomic_store(&known[k].inst, q->instance_id);
	}
}

static void on_tick(int sig)
{
	(void)sig;
}

static void *worker_main(void *arg)
{
	uint64_t rs = *(uint64_t *)arg;
	static _Thread_local uint8_t buf[2 * TZCOM_MAX_BUF_LEN];
	struct sigevent sev = { .sigev_notify = SIGEV_THREAD_ID, .sigev_signo = SIGUSR1 };
	struct itimerspec its = { { 0, 10000000 }, { 0, 10000000 } };
	timer_t tm;

	/*
	 * A 10 ms tick interrupts READ_NEXTs blocked on live services
	 * (-EINTR: SIGUSR1 has no SA_RESTART), so no worker waits long.
	 */
	sev._sigev_un._tid = (pid_t)syscall(SYS_gettid);	/* sigev_notify_thread_id */
	if (timer_create(CLOCK_MONOTONIC, &sev, &tm) == 0)
		timer_settime(tm, 0, &its, NULL);

	while (atomic_fetch_sub(&sh->remaining, 1) > 0)
		one_call(&rs, buf, sizeof(buf));
	return NULL;
}

/*
 * Answers callbacks for this process's range [CB(64 i), CB(64 i + 63)]
 * with random lengths and bytes; the SEND_CMDs of every process aim at
 * all the ranges.
 */
static void *listener_main(void *arg)
{
	uint64_t rs = *(uint64_t *)arg;
	static uint8_t req[TZCOM_MAX_CB_LEN], ans[4096];
	int fd = open(TZT_DEV, O_RDWR | O_CLOEXEC);
	uint32_t inst = 0, svc = SVC(0x40 + (uint32_t)proc_idx);
	uint32_t lo = CB(64 * (uint32_t)proc_idx);

	while (tzt_register(fd, svc, lo, lo + 63, &inst))
		tzt_sleep_ms(20);	/* a killed predecessor may still hold it */
	while (!atomic_load(&stop)) {
		uint32_t cmd, len = sizeof(req), s = svc, in = inst;
		int r = tzt_read_next(fd, s, in, &cmd, req, &len);

		if (r == -ENODEV)
			break;
		if (r) {
			tzt_sleep_ms(5);
			continue;
		}
		atomic_store(&last_cb, cmd);
		atomic_fetch_add(&sh->listener_cbs, 1);
		if (rb_rand(&rs) % 32 == 0)
			continue;	/* leave it to time out */
		len = rb_rand(&rs) % 2 ? len : (uint32_t)(rb_rand(&rs) % sizeof(ans));
		for (uint32_t j = 0; j < len && j < sizeof(ans); j++)
			ans[j] = rb_rand(&rs) % 2 ? req[j % sizeof(req)] ^ 0xff : (uint8_t)rb_rand(&rs);
		tzt_continue(fd, cmd, in, ans, len < sizeof(ans) ? len : sizeof(ans));
	}
	close(fd);
	return NULL;
}

/* ABORTs and replaces fds, so nothing stays blocked for long. */
static void *janitor_main(void *arg)
{
	uint64_t rs = *(uint64_t *)arg;

	while (!atomic_load(&stop)) {
		int k = (int)(rb_rand(&rs) % NSLOTS);
		int nfd = open(TZT_DEV, slot_flags(k));
		int old;

		if (nfd < 0)
			continue;
		/* ABORT first: close() alone would not wake a blocked reader. */
		old = atomic_exchange(&slots[k], nfd);
		tzt_abort(old);
		close(old);
		tzt_sleep_ms(20 + (long)(rb_rand(&rs) % 60));
	}
	return NULL;
}

static void fuzz_proc(int idx, uint64_t pseed)
{
	pthread_t w[MAXTHREADS], lt, jt;
	uint64_t seeds[MAXTHREADS + 2];
	struct sigaction sa = { .sa_handler = on_tick };

	proc_idx = idx;
	sigaction(SIGUSR1, &sa, NULL);
	for (int k = 0; k < NSLOTS; k++) {
		int fd = open(TZT_DEV, slot_flags(k));

		if (fd < 0)
			_exit(1);
		atomic_store(&slots[k], fd);
	}
	for (int i = 0; i < nthreads + 2; i++)
		seeds[i] = rb_seed(pseed, (uint64_t)i);
	pthread_create(&lt, NULL, listener_main, &seeds[nthreads]);
	pthread_create(&jt, NULL, janitor_main, &seeds[nthreads + 1]);
	for (int i = 0; i < nthreads; i++)
		pthread_create(&w[i], NULL, worker_main, &seeds[i]);
	for (int i = 0; i < nthreads; i++)
		pthread_join(w[i], NULL);
	/* Leave the rest to exit: close() cleans up whatever is left. */
	_exit(0);
}

/* ---- parent -------------------------------------------------------------------------- */

static pid_t spawn(int i, int gen)
{
	pid_t parent = getpid(), p = fork();

	if (p == 0) {
		rb_die_with_parent(parent);
		fuzz_proc(i, rb_seed(seed, ((uint64_t)gen << 8) | (uint64_t)i));
	}
	atomic_fetch_add(&sh->spawned, 1);
	return p;
}

int main(int argc, char **argv)
{
	/* Under tests/check the default run must finish below its 180 s. */
	unsigned int watchdog = TAP_TIMEOUT_S;
	static const int show[] = { 0, EFAULT, EINVAL, ENOTTY, ENODEV, EBADF, EBUSY, EPERM,
				    EAGAIN, EMSGSIZE, EDEADLK, EINTR, ENOENT, ENOSPC, ENOMEM };
	pid_t pids[MAXPROCS];
	int opt, gen = 1, fd, lfd, running;
	uint64_t rs;
	double t0, secs;
	long long services0;

	while ((opt = getopt(argc, argv, "n:p:t:s:K")) != -1) {
		switch (opt) {
		case 'n': ncalls = atoll(optarg); watchdog = 3600; break;
		case 'p': nprocs = atoi(optarg); break;
		case 't': nthreads = atoi(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'K': kills = 0; break;
		default:
			fprintf(stderr, "usage: %s [-n calls] [-p processes] [-t threads] "
				"[-s seed] [-K]\n", argv[0]);
			return 2;
		}
	}
	if (ncalls < 1 || nprocs < 1 || nprocs > MAXPROCS || nthreads < 1 ||
	    nthreads > MAXTHREADS) {
		fprintf(stderr, "robust-fuzz: processes 1..%d, threads 1..%d\n", MAXPROCS,
			MAXTHREADS);
		return 2;
	}
	rb_tap_start(watchdog);
	signal(SIGPIPE, SIG_IGN);
	rb_pages_init();
	rb_klog_begin();
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		tap_bail("mmap");
	memset(sh, 0, sizeof(*sh));
	atomic_store(&sh->remaining, ncalls);
	fd = tzt_open();
	services0 = tzt_stat("services");
	tap_ok(rb_idle(2000), "idle before fuzzing (services %lld)", services0);
	tap_diag("%lld calls, %d processes x %d threads, seed %llu, kills %s", ncalls, nprocs,
		 nthreads, (unsigned long long)seed, kills ? "on" : "off");
	if (tzt_param_override("callback_timeout_ms", "100"))
		tap_diag("cannot lower callback_timeout_ms: stuck callbacks cost more time");

	rs = rb_seed(seed, 0xf00d);
	t0 = tzt_now_ms();
	for (int i = 0; i < nprocs; i++)
		pids[i] = spawn(i, 0);
	running = nprocs;
	while (running) {
		double next = tzt_now_ms() + 500 + (double)(rb_rand(&rs) % 1000);

		while (running && tzt_now_ms() < next) {
			int st;
			pid_t p = waitpid(-1, &st, WNOHANG);

			if (p > 0) {
				for (int i = 0; i < nprocs; i++)
					if (pids[i] == p) {
						pids[i] = 0;
						running--;
					}
			} else {
				tzt_sleep_ms(20);
			}
		}
		if (kills && running && atomic_load(&sh->remaining) > 0) {
			int i = (int)(rb_rand(&rs) % nprocs);

			if (pids[i] > 0) {
				kill(pids[i], SIGKILL);
				waitpid(pids[i], NULL, 0);
				atomic_fetch_add(&sh->kills, 1);
				pids[i] = spawn(i, gen++);
			}
		}
		if (tzt_now_ms() - t0 > 3000e3)
			tap_bail("fuzzing did not finish");
	}
	secs = (tzt_now_ms() - t0) / 1000;

	tap_diag("%lld ioctls in %.1f s (%.0f/s); %lld processes killed, %lld spawned, "
		 "%lld callbacks seen by fuzz listeners",
		 (long long)sh->calls, secs, sh->calls / secs, (long long)sh->kills,
		 (long long)sh->spawned, (long long)sh->listener_cbs);
	for (size_t i = 0; i < sizeof(show) / sizeof(show[0]); i++)
		tap_diag("  %-9s %lld", show[i] ? strerrorname_np(show[i]) : "0",
			 (long long)sh->ret[show[i]]);
	{
		long long other = sh->ret[MAXERR];

		for (int e = 1; e < MAXERR; e++) {
			int shown = 0;

			for (size_t i = 0; i < sizeof(show) / sizeof(show[0]); i++)
				shown |= show[i] == e;
			if (!shown && sh->ret[e])
				tap_diag("  %-9s %lld", strerrorname_np(e), (long long)sh->ret[e]);
		}
		if (other)
			tap_diag("  other     %lld", other);
	}
	/* A killed process takes up to one call per thread with it, uncounted. */
	tap_diag("successful: REGISTER %lld, UNREGISTER %lld, SEND_CMD %lld, READ_NEXT %lld, "
		 "CONTINUE %lld, ABORT %lld", (long long)sh->ok_by_nr[1],
		 (long long)sh->ok_by_nr[2], (long long)sh->ok_by_nr[3],
		 (long long)sh->ok_by_nr[4], (long long)sh->ok_by_nr[5],
		 (long long)sh->ok_by_nr[6]);
	tap_ok(sh->calls + sh->kills * nthreads >= ncalls, "%lld ioctls made (asked %lld)",
	       (long long)sh->calls, ncalls);
	tap_is(sh->positive, 0, "no ioctl returned a positive value");
	tap_is(sh->not_enotty, 0, "every unknown number gave -ENOTTY (or -ENODEV/-EBADF)");
	tap_is(sh->not_efault, 0, "every NULL/unmapped/kernel argument gave -EFAULT");

	tzt_param_restore_all();
	tap_ok(rb_idle(5000), "the driver's counters return to idle");
	tap_ok(rb_services_at(services0, 3000), "services back to %lld", services0);
	tap_ok(rb_echo_ok(fd), "a good ECHO SEND_CMD succeeds afterwards");
	{
		struct tzt_listener L = { 0 };
		int32_t svc, hlos;
		uint8_t ans[16];
		size_t alen = 0;
		int ok;

		lfd = tzt_open();
		L.fd = lfd;
		L.svc = SVC(0xff);
		L.max = 1;
		ok = tzt_register(lfd, L.svc, CB(0x100), CB(0x100), &L.inst) == 0 &&
		     tzt_listener_start(&L);
		ok = ok && tzt_forward(fd, CB(0x100), "abcdefgh", 8, &svc, &hlos, ans,
				       sizeof(ans), &alen) == 0 &&
		     svc == 0 && hlos == 0 && alen == 8 && ans[0] == ('a' ^ 0xff);
		tzt_listener_join(&L);
		tap_ok(ok, "a FORWARD to a fresh listener is answered afterwards");
		close(lfd);
	}
	close(fd);
	rb_klog_clean("after fuzzing");
	return rb_tap_finish();
}
