// SPDX-License-Identifier: BSD-3-Clause
/*
 * robust-fence: a secure world that breaks the protocol under a command
 * costs that command's call slot and nothing else (docs/driver.md, "The
 * call loop").  A hostile normal-world kernel (tests/kmod's raw SMC)
 * plays the misbehaving party: while a FORWARD sent through the driver
 * waits for its listener, it answers the command's secure thread itself
 * with a raw PENDING (thread id from the tzcom_smc_exit tracepoint), so
 * the thread runs to COMPLETE behind the driver's back.  When the listener
 * then answers, the driver's own PENDING is refused (-5: no such waiting
 * thread).  The driver must fence that slot off for good with one log
 * line naming it, fail the FORWARD with -EPROTO, and keep serving every
 * other command on the other slots.
 *
 * A fenced slot is gone until the module is reloaded, so the test runs
 * only with at least two usable slots (the secure world's threads): with
 * one it would leave the rest of the boot without a driver.
 */
#include <pthread.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#include "rb.h"

#define BASE	0xA3
#define SVC(n)	(0x7ea300u + (n))
#define CB(n)	TZT_CB(BASE, n)

#define OFF_REQ		0	/* struct tzcom_command */
#define OFF_RSP		64	/* struct tzcom_response */

struct fwd {
	pthread_t t;
	int fd, ret;
	atomic_int tid;
	int32_t svc, hlos;
	uint8_t data[24], ans[64];
	size_t ans_len;
};

static void *fwd_main(void *arg)
{
	struct fwd *f = arg;

	atomic_store(&f->tid, (int)syscall(SYS_gettid));
	f->ret = tzt_forward(f->fd, CB(1), f->data, sizeof(f->data), &f->svc, &f->hlos,
			     f->ans, sizeof(f->ans), &f->ans_len);
	return NULL;
}

/*
 * The slot and thread id of task tid's last INCOMPLETE return:
 * "comm-TID [cpu] ...: tzcom_smc_exit: NEW ret=0 status=INCOMPLETE slot=S thread=0xT".
 */
static int trace_incomplete(int tid, unsigned int *slot, unsigned int *thread)
{
	char line[512], want[32];
	int found = 0;
	FILE *f = fopen(TZT_TRACE_DIR "trace", "r");

	if (!f)
		return 0;
	snprintf(want, sizeof(want), "-%d ", tid);
	while (fgets(line, sizeof(line), f)) {
		/* After a preemption the INCOMPLETE comes with the RESUME. */
		char *ev = strstr(line, "tzcom_smc_exit: NEW ret=0 status=INCOMPLETE");
		char *who = strstr(line, want);

		if (!ev)
			ev = strstr(line, "tzcom_smc_exit: RESUME ret=0 status=INCOMPLETE");
		if (ev && who && who < ev &&
		    sscanf(strstr(ev, "status="), "status=INCOMPLETE slot=%u thread=%x",
			   slot, thread) == 2)
			found = 1;
	}
	fclose(f);
	return found;
}

/* Kernel log lines since open that contain needle. */
static int klog_count(int kfd, const char *needle)
{
	char rec[2048], *msg;
	int n = 0;

	for (;;) {
		ssize_t r = read(kfd, rec, sizeof(rec) - 1);

		if (r < 0) {
			if (errno == EPIPE)
				continue;
			break;
		}
		rec[r] = '\0';
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		if (strstr(msg, needle)) {
			n++;
			tap_diag("kmsg: %.*s", (int)strcspn(msg, "\n"), msg);
		}
	}
	return n;
}

int main(void)
{
	uint64_t a[4], x[8] = { TZ_SIP_REVISION }, pa;
	struct tzcom_command c = { .cmd_type = TZ_SCHED_CMD_PENDING };
	struct tzcom_response rsp = { .cmd_status = 0xa5a5a5a5u };
	struct fwd f = { .ret = 1 };
	unsigned int slot = 0, thread = 0;
	long long usable, fenced0;
	int fd, lfd, kfd, r, ok;
	uint32_t inst, cmd, len;
	uint8_t buf[64], *pg;
	char needle[64];

	rb_tap_start(TAP_TIMEOUT_S);
	rb_pages_init();
	rb_klog_begin();
	r = rb_smc(x, a);
	if (r == -ENOENT) {
		tap_skip(1, "no %s (tzcom_smctest not loaded)", RB_SMC_CALL);
		return rb_tap_finish();
	}
	tap_ok(r == 0, "raw SMCs work");
	fenced0 = tzt_stat("fenced_slots");
	usable = tzt_stat("slots") - fenced0;
	if (usable < 2) {
		tap_skip(1, "%lld usable call slot(s): fencing one needs the secure world's threads",
			 usable);
		return rb_tap_finish();
	}
	if (access(TZT_TRACE_DIR "events", F_OK))
		mount("nodev", TZT_TRACE_DIR, "tracefs", 0, NULL);
	if (tzt_trace_write("tracing_on", "0") || tzt_trace_write("trace", "") ||
	    tzt_trace_write("events/tzcom/tzcom_smc_exit/enable", "1") ||
	    tzt_trace_write("tracing_on", "1")) {
		tzt_trace_write("tracing_on", "1");
		tap_skip(1, "no tzcom events in tracefs: no thread id to answer");
		return rb_tap_finish();
	}
	pg = rb_phys_page(&pa);
	if (!pg)
		tap_bail("no physical address for a locked page (pagemap)");
	kfd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kfd >= 0)
		lseek(kfd, 0, SEEK_END);

	fd = tzt_open();
	lfd = tzt_open_listener();
	tap_err(tzt_register(lfd, SVC(1), CB(1), CB(1), &inst), 0, "register a listener");
	f.fd = fd;
	tzt_fill(f.data, sizeof(f.data), 0xfe1c);
	pthread_create(&f.t, NULL, fwd_main, &f);
	len = sizeof(buf);
	tap_err(tzt_read_next(lfd, SVC(1), inst, &cmd, buf, &len), 0,
		"the FORWARD's callback is delivered and held");
	tzt_trace_write("events/tzcom/tzcom_smc_exit/enable", "0");
	tap_ok(trace_incomplete(atomic_load(&f.tid), &slot, &thread),
	       "the tracepoint names its slot (%u) and secure thread (0x%x)", slot, thread);

	/* The hostile kernel answers the waiting thread behind the driver. */
	memcpy(pg + OFF_REQ, &c, sizeof(c));
	memcpy(pg + OFF_RSP, &rsp, sizeof(rsp));
	x[0] = TZ_SMC_SCHED_CALL;
	x[1] = TZ_SMC_SCHED_ARGINFO;
	x[2] = pa + OFF_REQ;
	x[3] = sizeof(struct tzcom_command);
	x[4] = pa + OFF_RSP;
	x[5] = sizeof(struct tzcom_response);
	x[6] = thread;
	x[7] = 0;
	r = rb_smc(x, a);
	/* The service runs with interrupts unmasked: RESUME a preemption. */
	while (!r && a[0] == TZ_SMC_PREEMPTED) {
		tzt_put32(pg + OFF_REQ, TZ_SCHED_CMD_RESUME);
		x[6] = a[1];
		r = rb_smc(x, a);
	}
	memcpy(&rsp, pg + OFF_RSP, sizeof(rsp));
	tap_ok(r == 0 && a[0] == 0 && rsp.cmd_status == TZ_SCHED_STATUS_COMPLETE,
	       "a raw PENDING for that thread runs the command to COMPLETE (x0 %" PRId64 ", status %u)",
	       (int64_t)a[0], rsp.cmd_status);

	/* The listener answers; the driver's PENDING now finds no such thread. */
	tap_err(tzt_continue(lfd, cmd, inst, buf, len), 0, "the listener answers the callback");
	pthread_join(f.t, NULL);
	tap_err(f.ret, -EPROTO, "the FORWARD fails with -EPROTO");
	tap_is(tzt_stat("fenced_slots") - fenced0, 1, "fenced_slots counts the one slot");
	snprintf(needle, sizeof(needle), "call slot %u fenced off for good", slot);
	tap_is(kfd >= 0 ? klog_count(kfd, needle) : -1, 1,
	       "one kernel log line names it (\"%s ...\")", needle);

	/* Everything else goes on, on the other slots. */
	tap_ok(rb_echo_ok(fd), "an ECHO through the driver works");
	f.ret = 1;
	pthread_create(&f.t, NULL, fwd_main, &f);
	len = sizeof(buf);
	r = tzt_read_next(lfd, SVC(1), inst, &cmd, buf, &len);
	for (uint32_t j = 0; j < len && j < sizeof(buf); j++)
		buf[j] ^= 0x3c;
	if (!r)
		r = tzt_continue(lfd, cmd, inst, buf, len);
	pthread_join(f.t, NULL);
	ok = !r && f.ret == 0 && f.svc == 0 && f.hlos == 0 && f.ans_len == sizeof(f.data);
	for (size_t j = 0; ok && j < sizeof(f.data); j++)
		ok = (uint8_t)(f.ans[j] ^ f.data[j]) == 0x3c;
	tap_ok(ok, "a FORWARD with a callback works on another slot (ret %d, hlos %d)", f.ret,
	       f.hlos);
	tap_is(tzt_stat("slots") - tzt_stat("fenced_slots"), usable - 1,
	       "the other %lld slots stay in service", usable - 1);
	tap_ok(rb_idle(2000), "driver counters idle");
	rb_klog_clean("after the fence");
	tzt_trace_write("trace", "");
	if (kfd >= 0)
		close(kfd);
	close(lfd);
	close(fd);
	return rb_tap_finish();
}
