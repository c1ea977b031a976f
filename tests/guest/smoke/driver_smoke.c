// SPDX-License-Identifier: BSD-3-Clause
/*
 * driver_smoke: the driver helper's own quick check of tzcom.ko on the
 * board (TAP output).  It walks each ioctl's good path and the original
 * driver's defects (docs/driver.md, "Defects of the original driver"):
 * bad lengths and pointers, registry races, callback routing,
 * timeout and late CONTINUE, unregister under a reader, ABORT, a killed
 * client, -EDEADLK, and the debugfs files.  The full suite lives beside
 * it in tests/guest.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

static int n_test, n_fail;

static void ok(int cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void ok(int cond, const char *fmt, ...)
{
	va_list ap;

	n_test++;
	if (!cond)
		n_fail++;
	printf("%sok %d - ", cond ? "" : "not ", n_test);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

#define IS_ERR(expr, want) do {						\
	int r_ = (expr);						\
	ok(r_ == -(want), "%s -> %d (%s), want %s", #expr, r_,		\
	   r_ ? strerror(-r_) : "ok", #want);				\
} while (0)

static int xioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) < 0 ? -errno : 0;
}

static int dev_open(void)
{
	int fd = open("/dev/tzcom", O_RDWR);

	if (fd < 0) {
		printf("Bail out! open /dev/tzcom: %s\n", strerror(errno));
		exit(1);
	}
	return fd;
}

static int send_cmd(int fd, void *cmd, unsigned int cmd_len, void *rsp,
		    unsigned int *rsp_len)
{
	struct tzcom_send_cmd_op_req r = {
		.cmd_len = cmd_len, .cmd_buf = cmd,
		.resp_len = *rsp_len, .resp_buf = rsp,
	};
	int ret = xioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &r);

	*rsp_len = r.resp_len;
	return ret;
}

/* FORWARD: one callback cb_id with data; returns the hlos status. */
static int forward(int fd, uint32_t cb_id, const void *data, uint32_t len,
		   uint8_t *ans, uint32_t *ans_len, int *ioctl_ret)
{
	uint8_t cmd[64 + 8], rsp[4096];
	uint32_t id = TZ_TEST_FORWARD;
	unsigned int rl = sizeof(rsp);
	int32_t st, hlos;

	memcpy(cmd, &id, 4);
	memcpy(cmd + 4, &cb_id, 4);
	memcpy(cmd + 8, data, len);
	*ioctl_ret = send_cmd(fd, cmd, 8 + len, rsp, &rl);
	if (*ioctl_ret)
		return 1;
	memcpy(&st, rsp + 4, 4);
	if (st || rl < 12)
		return 2;
	memcpy(&hlos, rsp + 8, 4);
	if (ans) {
		*ans_len = rl - 12;
		memcpy(ans, rsp + 12, rl - 12);
	}
	return hlos;
}

static int reg(int fd, uint32_t svc, uint32_t lo, uint32_t hi, uint32_t *inst)
{
	struct tzcom_register_svc_op_req r = {
		.svc_id = svc, .cmd_id_low = lo, .cmd_id_high = hi,
	};
	int ret = xioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, &r);

	if (inst)
		*inst = r.instance_id;
	return ret;
}

static int unreg(int fd, uint32_t svc, uint32_t inst)
{
	struct tzcom_unregister_svc_op_req r = { svc, inst };

	return xioctl(fd, TZCOM_IOCTL_UNREGISTER_SERVICE_REQ, &r);
}

static int attach(int fd, int owner, uint32_t svc, uint32_t inst)
{
	struct tzcom_attach_svc_req r = {
		.owner_fd = owner, .svc_id = svc, .instance_id = inst,
	};

	return xioctl(fd, TZCOM_IOCTL_ATTACH_SERVICE_REQ, &r);
}

static int read_next(int fd, uint32_t svc, uint32_t inst, uint32_t *cmd_id,
		     void *buf, unsigned int *len)
{
	struct tzcom_next_cmd_op_req r = {
		.svc_id = svc, .instance_id = inst,
		.req_len = *len, .req_buf = buf,
	};
	int ret = xioctl(fd, TZCOM_IOCTL_READ_NEXT_CMD_REQ, &r);

	*cmd_id = r.cmd_id;
	*len = r.req_len;
	return ret;
}

static int cont(int fd, uint32_t cmd_id, uint32_t inst, void *buf,
		unsigned int len)
{
	struct tzcom_cont_cmd_op_req r = {
		.cmd_id = cmd_id, .instance_id = inst,
		.resp_len = len, .resp_buf = buf,
	};

	return xioctl(fd, TZCOM_IOCTL_CONTINUE_CMD_REQ, &r);
}

static void set_timeout_ms(unsigned int ms)
{
	FILE *f = fopen("/sys/module/tzcom/parameters/callback_timeout_ms", "w");

	if (f) {
		fprintf(f, "%u\n", ms);
		fclose(f);
	}
}

static long stat_value(const char *name)
{
	FILE *f = fopen("/sys/kernel/debug/tzcom/stats", "r");
	char key[64];
	long v, found = -1;

	if (!f)
		return -1;
	while (fscanf(f, "%63s %ld", key, &v) == 2)
		if (!strcmp(key, name))
			found = v;
	fclose(f);
	return found;
}

/* A listener thread: answers n callbacks with data ^ 0xFF. */
struct listener {
	int fd;
	uint32_t svc, inst;
	int n;
	int delay_ms;
	int ret;
};

static void *listen_thread(void *arg)
{
	struct listener *l = arg;
	static uint8_t buf[TZCOM_MAX_CB_LEN];

	for (int i = 0; i < l->n; i++) {
		unsigned int len = sizeof(buf);
		uint32_t cmd_id;

		l->ret = read_next(l->fd, l->svc, l->inst, &cmd_id, buf, &len);
		if (l->ret)
			return NULL;
		for (unsigned int j = 0; j < len; j++)
			buf[j] ^= 0xFF;
		if (l->delay_ms)
			usleep(l->delay_ms * 1000);
		l->ret = cont(l->fd, cmd_id, l->inst, buf, len);
		if (l->ret)
			return NULL;
	}
	return NULL;
}

static void t_send(int fd)
{
	uint8_t cmd[32], rsp[64];
	uint32_t id = TZ_TEST_ECHO;
	unsigned int rl = sizeof(rsp);
	int32_t st;

	memcpy(cmd, &id, 4);
	memcpy(cmd + 4, "hello", 5);
	ok(send_cmd(fd, cmd, 9, rsp, &rl) == 0 && rl == 13 &&
	   !memcmp(rsp + 8, "hello", 5), "ECHO round trip, resp_len %u", rl);
	memcpy(&st, rsp + 4, 4);
	ok(st == 0, "ECHO service status %d", st);

	id = TZ_CORE_GET_INFO;
	memcpy(cmd, &id, 4);
	rl = sizeof(rsp);
	ok(send_cmd(fd, cmd, 4, rsp, &rl) == 0 && rl == 8 + 48,
	   "GET_INFO resp_len %u", rl);

	id = TZ_CORE_INIT_SB_OUT;
	memcpy(cmd, &id, 4);
	memset(cmd + 4, 0, 8);
	rl = 64;
	IS_ERR(send_cmd(fd, cmd, 12, rsp, &rl), EPERM);
	id = TZ_CORE_RELEASE_SB;
	memcpy(cmd, &id, 4);
	rl = 64;
	IS_ERR(send_cmd(fd, cmd, 12, rsp, &rl), EPERM);
	rl = 64;
	IS_ERR(send_cmd(fd, cmd, 3, rsp, &rl), EINVAL);
	rl = 7;
	IS_ERR(send_cmd(fd, cmd, 4, rsp, &rl), EINVAL);
	rl = 20480 - 3;
	IS_ERR(send_cmd(fd, cmd, 4, rsp, &rl), EINVAL);
	rl = 8;
	IS_ERR(send_cmd(fd, cmd, 0xFFFFFFF8u, rsp, &rl), EINVAL);
	rl = 0xFFFFFFFFu;
	IS_ERR(send_cmd(fd, cmd, 8, rsp, &rl), EINVAL);
	rl = 64;
	IS_ERR(send_cmd(fd, NULL, 4, rsp, &rl), EFAULT);
	rl = 64;
	IS_ERR(send_cmd(fd, cmd, 4, (void *)16, &rl), EFAULT);
	rl = 64;
	IS_ERR(send_cmd(fd, (void *)0xffff800010000000ull, 4, rsp, &rl),
	       EFAULT);
	IS_ERR(xioctl(fd, _IOWR(TZCOM_IOC_MAGIC, 9, int), NULL), ENOTTY);
	IS_ERR(xioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, (void *)8), EFAULT);
}

static void t_registry(int fd, int fd2)
{
	uint32_t i1, i2, i3;

	ok(reg(fd, 0x80000001, 0x80000100, 0x800001ff, &i1) == 0 && i1,
	   "REGISTER gives instance %u", i1);
	IS_ERR(reg(fd2, 0x80000001, 0x80000300, 0x800003ff, NULL), EBUSY);
	IS_ERR(reg(fd2, 0x80000002, 0x800001ff, 0x800002ff, NULL), EBUSY);
	IS_ERR(reg(fd2, 0x80000002, 0x80000000, 0x80000fff, NULL), EBUSY);
	IS_ERR(reg(fd2, 0x80000002, 0x80000110, 0x80000120, NULL), EBUSY);
	IS_ERR(reg(fd2, 0x80000002, 0x80000301, 0x80000300, NULL), EINVAL);
	IS_ERR(unreg(fd2, 0x80000001, i1), EPERM);
	IS_ERR(unreg(fd, 0x80000001, i1 + 1000), EINVAL);
	IS_ERR(xioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, (void *)8), EFAULT);
	ok(unreg(fd, 0x80000001, i1) == 0, "UNREGISTER");
	ok(reg(fd, 0x80000001, 0x80000100, 0x800001ff, &i2) == 0 && i2 > i1,
	   "instance ids are never reused (%u > %u)", i2, i1);
	ok(reg(fd2, 0x80000002, 0x80000200, 0x800002ff, &i3) == 0 && i3 > i2,
	   "adjacent range registers");
	unreg(fd, 0x80000001, i2);
	unreg(fd2, 0x80000002, i3);
}

static void t_callbacks(int fd, int lfd)
{
	struct listener l = { .fd = lfd, .svc = 0x80000010, .n = 1 };
	uint8_t ans[256], cmd[512], rsp[64];
	uint32_t alen = 0, cmd_id, id;
	unsigned int len, rl;
	pthread_t th;
	int ir, h;

	h = forward(fd, 0x9000ffff, "x", 1, NULL, NULL, &ir);
	ok(ir == 0 && h == -ENOENT, "unrouted callback answered -ENOENT (%d)", h);

	reg(lfd, l.svc, 0x80001000, 0x80001fff, &l.inst);
	pthread_create(&th, NULL, listen_thread, &l);
	h = forward(fd, 0x80001234, "abcd", 4, ans, &alen, &ir);
	pthread_join(th, NULL);
	ok(ir == 0 && h == 0 && alen == 4 && ans[0] == ('a' ^ 0xFF) &&
	   ans[3] == ('d' ^ 0xFF) && l.ret == 0,
	   "FORWARD through a listener (hlos %d, %u bytes)", h, alen);

	/* CHAIN of 3 callbacks through one listener. */
	l.n = 3;
	pthread_create(&th, NULL, listen_thread, &l);
	id = TZ_TEST_CHAIN;
	memcpy(cmd, &id, 4);
	id = 3;
	memcpy(cmd + 4, &id, 4);
	for (uint32_t i = 0; i < 3; i++) {
		uint32_t e[2] = { 0x80001000 + i, 100 * i + 1 };

		memcpy(cmd + 8 + 8 * i, e, 8);
	}
	rl = sizeof(rsp);
	ir = send_cmd(fd, cmd, 8 + 24, rsp, &rl);
	pthread_join(th, NULL);
	memcpy(&h, rsp + 4, 4);
	ok(ir == 0 && h == 0 && rl == 16 && l.ret == 0,
	   "CHAIN of 3 callbacks (status %d)", h);

	IS_ERR(cont(lfd, 0x80001000, l.inst, ans, 4), EBADF);
	IS_ERR(cont(lfd, 0x80001000, l.inst, ans, TZCOM_MAX_CB_RSP_LEN + 1),
	       EINVAL);
	len = sizeof(ans);
	IS_ERR(read_next(lfd, l.svc, l.inst + 99, &cmd_id, ans, &len), EINVAL);
	{
		int nb = dev_open();

		fcntl(nb, F_SETFL, O_NONBLOCK);
		len = sizeof(ans);
		/* Any fd could serve any service in the original. */
		IS_ERR(read_next(nb, l.svc, l.inst, &cmd_id, ans, &len),
		       EPERM);
		IS_ERR(attach(nb, lfd, l.svc, l.inst), 0);
		IS_ERR(read_next(nb, l.svc, l.inst, &cmd_id, ans, &len),
		       EAGAIN);
		close(nb);
	}
	unreg(lfd, l.svc, l.inst);
}

/* Timeout, -EMSGSIZE, late CONTINUE, poll. */
static void t_timeout(int fd, int lfd)
{
	uint32_t inst, cmd_id;
	uint8_t buf[64];
	unsigned int len;
	struct pollfd p = { .fd = lfd, .events = POLLIN };
	int ir, h;
	pid_t pid;

	set_timeout_ms(500);
	reg(lfd, 0x80000020, 0x80002000, 0x80002fff, &inst);
	h = forward(fd, 0x80002000, "zz", 2, NULL, NULL, &ir);
	ok(ir == 0 && h == -ETIMEDOUT, "unanswered callback -> -ETIMEDOUT (%d)", h);

	pid = fork();
	if (pid == 0) {
		int cfd = dev_open();

		forward(cfd, 0x80002001, "0123456789", 10, NULL, NULL, &ir);
		_exit(0);
	}
	ok(poll(&p, 1, 2000) == 1 && (p.revents & POLLIN), "poll sees a queued callback");
	len = 4;
	IS_ERR(read_next(lfd, 0x80000020, inst, &cmd_id, buf, &len), EMSGSIZE);
	ok(len == 10, "-EMSGSIZE reports the size needed (%u)", len);
	len = sizeof(buf);
	ok(read_next(lfd, 0x80000020, inst, &cmd_id, buf, &len) == 0 &&
	   cmd_id == 0x80002001 && len == 10 && !memcmp(buf, "0123456789", 10),
	   "READ_NEXT after -EMSGSIZE gets it, req_len %u", len);
	{
		unsigned int rl = 64;
		uint8_t c[4] = { 0 }, r[64];

		IS_ERR(send_cmd(lfd, c, 4, r, &rl), EDEADLK);
	}
	usleep(800 * 1000);
	IS_ERR(cont(lfd, cmd_id, inst, buf, len), EBADF);
	waitpid(pid, NULL, 0);
	unreg(lfd, 0x80000020, inst);
	set_timeout_ms(5000);
}

struct blocked {
	int fd;
	uint32_t svc, inst;
	int ret;
};

static void *block_read(void *arg)
{
	struct blocked *b = arg;
	uint8_t buf[16];
	unsigned int len = sizeof(buf);
	uint32_t cmd_id;

	b->ret = read_next(b->fd, b->svc, b->inst, &cmd_id, buf, &len);
	return NULL;
}

/* Unregister while a reader sleeps; ABORT. */
static void t_wakeups(void)
{
	struct blocked b = { .svc = 0x80000030 };
	pthread_t th;
	int fd = dev_open(), rfd = dev_open();

	reg(fd, b.svc, 0x80003000, 0x80003fff, &b.inst);
	attach(rfd, fd, b.svc, b.inst);
	b.fd = rfd;
	pthread_create(&th, NULL, block_read, &b);
	usleep(200 * 1000);
	unreg(fd, b.svc, b.inst);
	pthread_join(th, NULL);
	ok(b.ret == -ENODEV, "reader on an unregistered service wakes -ENODEV (%d)", b.ret);

	reg(fd, b.svc, 0x80003000, 0x80003fff, &b.inst);
	b.fd = fd;
	pthread_create(&th, NULL, block_read, &b);
	usleep(200 * 1000);
	ok(xioctl(fd, TZCOM_IOCTL_ABORT_REQ, NULL) == 0, "ABORT");
	pthread_join(th, NULL);
	ok(b.ret == -ENODEV, "ABORT wakes the blocked READ_NEXT with -ENODEV (%d)", b.ret);
	IS_ERR(reg(fd, 0x80000031, 1, 1, NULL), ENODEV);
	close(fd);
	close(rfd);
}

/* A client killed while its listener sleeps: the secure world is drained. */
static void t_kill(int fd, int lfd)
{
	uint32_t inst, cmd_id;
	uint8_t buf[64];
	unsigned int len = sizeof(buf);
	long before = stat_value("callbacks_cancelled");
	struct timespec t0, t1;
	int ir, h;
	pid_t pid;

	reg(lfd, 0x80000040, 0x80004000, 0x80004fff, &inst);
	pid = fork();
	if (pid == 0) {
		int cfd = dev_open();

		forward(cfd, 0x80004000, "k", 1, NULL, NULL, &ir);
		_exit(0);
	}
	read_next(lfd, 0x80000040, inst, &cmd_id, buf, &len);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	ok(stat_value("callbacks_cancelled") == before + 1,
	   "killed client answered -ECANCELED");
	IS_ERR(cont(lfd, cmd_id, inst, buf, len), EBADF);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	h = forward(fd, 0x9000ffff, "x", 1, NULL, NULL, &ir);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ok(ir == 0 && h == -ENOENT && t1.tv_sec - t0.tv_sec < 2,
	   "secure world usable right after the kill (ioctl %d, hlos %d)", ir, h);
	unreg(lfd, 0x80000040, inst);
}

static void t_debugfs(void)
{
	char line[256];
	FILE *f = fopen("/sys/kernel/debug/tzcom/log", "r");
	size_t n = 0;

	if (f) {
		while (fgets(line, sizeof(line), f))
			n++;
		fclose(f);
	}
	ok(f && n > 0, "TZ log readable (%zu lines)", n);
	ok(stat_value("commands_total") > 0 && stat_value("services") >= 0 &&
	   stat_value("inflight_cmds") == 0 &&
	   stat_value("queued_callbacks") == 0 &&
	   stat_value("delivered_callbacks") == 0 &&
	   stat_value("callbacks_total") > 0, "stats counters consistent");
}

int main(void)
{
	int fd, fd2;

	printf("TAP version 13\n");
	fd = dev_open();
	fd2 = dev_open();
	t_send(fd);
	t_registry(fd, fd2);
	t_callbacks(fd, fd2);
	t_timeout(fd, fd2);
	t_wakeups();
	t_kill(fd, fd2);
	t_debugfs();
	close(fd2);
	close(fd);
	printf("1..%d\n", n_test);
	return n_fail ? 1 : 0;
}
