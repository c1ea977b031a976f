// SPDX-License-Identifier: BSD-3-Clause
/*
 * SEND_CMD with callbacks: TZ_TEST_CHAIN makes the test service call back
 * into the normal world n times before it completes.  The callbacks are
 * served by this program's own listener threads, registered for
 * [BENCH_CB_FIRST, BENCH_CB_LAST], which answer each callback with its
 * data XORed with TZ_TEST_CHAIN_ANSWER_XOR (what the chain checks).
 *
 * Listener threads: thread 0 registers the service on its fd; the others
 * attach their own fds to it (ATTACH_SERVICE) and read the same service
 * (svc_id, instance_id) on them, since a CONTINUE answers the callback
 * last delivered on its fd.  A listener is
 * stopped with ABORT on its fd, which wakes its blocked READ_NEXT.
 *
 * The latency rows pin the client to CPU 0 and the listener to CPU 0
 * (cb_N) or CPU 1 (cb_N_x): unpinned, the scheduler's placement changes
 * from run to run and so does the median.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "bench.h"

#define LISTENERS_MAX	8

struct listener {
	struct listener_set *set;
	pthread_t thread;
	int fd;
	int started;
	uint8_t buf[TZCOM_MAX_CB_LEN];
};

struct listener_set {
	unsigned int n;
	int cpu;
	uint32_t instance_id;
	_Atomic int stop;
	_Atomic int error;	/* first -errno a listener hit */
	_Atomic unsigned long served;
	struct listener l[LISTENERS_MAX];
};

static void *listener_main(void *arg)
{
	struct listener *l = arg;
	struct listener_set *ls = l->set;
	unsigned int i;

	if (ls->cpu >= 0)
		pin_cpu(ls->cpu);
	while (!atomic_load(&ls->stop)) {
		struct tzcom_next_cmd_op_req rn = {
			.svc_id = BENCH_SVC_ID,
			.instance_id = ls->instance_id,
			.req_len = sizeof(l->buf),
			.req_buf = l->buf,
		};
		struct tzcom_cont_cmd_op_req cc = {
			.instance_id = ls->instance_id,
			.resp_buf = l->buf,
		};

		if (ioctl(l->fd, TZCOM_IOCTL_READ_NEXT_CMD_REQ, &rn) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		/* The chain checks answer[j] == request[j] ^ 0xFF. */
		for (i = 0; i < rn.req_len; i++)
			l->buf[i] ^= TZ_TEST_CHAIN_ANSWER_XOR;
		cc.cmd_id = rn.cmd_id;
		cc.resp_len = rn.req_len;
		if (ioctl(l->fd, TZCOM_IOCTL_CONTINUE_CMD_REQ, &cc) < 0) {
			int zero = 0;

			atomic_compare_exchange_strong(&ls->error, &zero, -errno);
			break;
		}
		atomic_fetch_add(&ls->served, 1);
	}
	return NULL;
}

struct listener_set *listeners_start(unsigned int nthreads, int cpu)
{
	struct tzcom_register_svc_op_req reg = {
		.svc_id = BENCH_SVC_ID,
		.cmd_id_low = BENCH_CB_FIRST,
		.cmd_id_high = BENCH_CB_LAST,
	};
	struct listener_set *ls;
	unsigned int i;
	int ret;

	if (!nthreads || nthreads > LISTENERS_MAX) {
		errno = EINVAL;
		return NULL;
	}
	ls = calloc(1, sizeof(*ls));
	if (!ls)
		return NULL;
	ls->n = nthreads;
	ls->cpu = cpu;
	for (i = 0; i < nthreads; i++)
		ls->l[i].fd = -1;	/* listeners_stop() skips unopened fds */
	for (i = 0; i < nthreads; i++) {
		ls->l[i].set = ls;
		ls->l[i].fd = tz_open();
		if (ls->l[i].fd < 0) {
			ret = ls->l[i].fd;
			goto fail;
		}
	}
	if (ioctl(ls->l[0].fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, &reg) < 0) {
		ret = -errno;
		goto fail;
	}
	ls->instance_id = reg.instance_id;
	/* The driver lets only the owner's fd and fds it shares the service with read. */
	for (i = 1; i < nthreads; i++) {
		struct tzcom_attach_svc_req at = {
			.owner_fd = ls->l[0].fd, .svc_id = reg.svc_id,
			.instance_id = reg.instance_id,
		};

		if (ioctl(ls->l[i].fd, TZCOM_IOCTL_ATTACH_SERVICE_REQ, &at) < 0) {
			ret = -errno;
			goto fail;
		}
	}
	for (i = 0; i < nthreads; i++) {
		ret = -pthread_create(&ls->l[i].thread, NULL, listener_main, &ls->l[i]);
		if (ret)
			goto fail;
		ls->l[i].started = 1;
	}
	return ls;
fail:
	listeners_stop(ls);
	errno = -ret;
	return NULL;
}

void listeners_stop(struct listener_set *ls)
{
	unsigned int i;

	if (!ls)
		return;
	atomic_store(&ls->stop, 1);
	for (i = 0; i < ls->n; i++)
		if (ls->l[i].fd >= 0)
			ioctl(ls->l[i].fd, TZCOM_IOCTL_ABORT_REQ);
	for (i = 0; i < ls->n; i++)
		if (ls->l[i].started)
			pthread_join(ls->l[i].thread, NULL);
	/* Closing the owner's fd unregisters the service. */
	for (i = 0; i < ls->n; i++)
		if (ls->l[i].fd >= 0)
			close(ls->l[i].fd);
	free(ls);
}

/*
 * TZ_TEST_CHAIN request {id, count, count x {cb_cmd_id, len}}: the test
 * service calls cb_cmd_id count times with len bytes of its pattern, checks
 * each answer, and answers {count, fnv1a32 of the answers}.  Each callback
 * carries CHAIN_CB_LEN bytes each way, as SEND_CMD(64 B) does.
 */
int chain_prepare(unsigned int ncb, uint8_t *cmd, size_t *cmd_len)
{
	uint32_t w[2 + 2 * CHAIN_MAX_CB];
	unsigned int i;

	if (ncb > CHAIN_MAX_CB)
		return -EINVAL;
	w[0] = TZ_TEST_CHAIN;
	w[1] = ncb;
	for (i = 0; i < ncb; i++) {
		w[2 + 2 * i] = BENCH_CB_FIRST;
		w[3 + 2 * i] = CHAIN_CB_LEN;
	}
	*cmd_len = CHAIN_CMD_LEN(ncb);
	memcpy(cmd, w, *cmd_len);
	return 0;
}

int chain_once(int fd, const uint8_t *cmd, size_t cmd_len, unsigned int ncb)
{
	uint8_t rsp[sizeof(struct tzcom_svc_rsp_hdr) + 8];
	struct tzcom_svc_rsp_hdr hdr;
	size_t len = sizeof(rsp);
	uint32_t count;
	int ret;

	ret = tz_send(fd, cmd, cmd_len, rsp, &len);
	if (ret)
		return ret;
	if (len < sizeof(hdr))
		return -EBADMSG;
	memcpy(&hdr, rsp, sizeof(hdr));
	if (hdr.status)
		return hdr.status < 0 ? hdr.status : -EPROTO;
	if (len != sizeof(rsp))
		return -EBADMSG;
	memcpy(&count, rsp + sizeof(hdr), sizeof(count));
	return count == ncb ? 0 : -EBADMSG;
}

struct chain_arg {
	int fd;
	unsigned int ncb;
	uint8_t cmd[CHAIN_CMD_LEN(CHAIN_MAX_CB)];
	size_t cmd_len;
};

static int chain_op(void *arg)
{
	struct chain_arg *c = arg;

	return chain_once(c->fd, c->cmd, c->cmd_len, c->ncb);
}

/*
 * The client is pinned to CPU 0 and the listener to listener_cpu: 0 gives
 * the same-CPU hand-off (compared with handoff_futex), 1 the cross-CPU one
 * (compared with handoff_futex_x).
 */
static void bench_chain(const char *key, unsigned int ncb, int listener_cpu)
{
	struct chain_arg c = { .ncb = ncb };
	struct listener_set *ls;
	int ret;

	if (listener_cpu >= online_cpus()) {
		report_na(key, "needs %d CPUs", listener_cpu + 1);
		return;
	}
	ret = pin_cpu(0);
	if (ret) {
		report_na(key, "sched_setaffinity: %s", strerror(-ret));
		return;
	}
	c.fd = tz_open();
	if (c.fd < 0) {
		report_na(key, "open %s: %s", TZBENCH_DEV, strerror(-c.fd));
		return;
	}
	ls = listeners_start(1, listener_cpu);
	if (!ls) {
		report_na(key, "listener: %s", strerror(errno));
		close(c.fd);
		pin_cpu(-1);
		return;
	}
	chain_prepare(ncb, c.cmd, &c.cmd_len);
	ret = chain_op(&c);
	if (ret)
		report_na(key, "chain of %u callbacks: %s", ncb, strerror(-ret));
	else
		run_latency_row(key, chain_op, &c);
	listeners_stop(ls);
	close(c.fd);
	pin_cpu(-1);
}

void bench_callbacks(void)
{
	bench_chain("cb_1", 1, 0);
	bench_chain("cb_8", 8, 0);
	bench_chain("cb_1_x", 1, 1);
	bench_chain("cb_8_x", 8, 1);
}
