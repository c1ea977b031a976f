// SPDX-License-Identifier: BSD-3-Clause
/*
 * SEND_CMD round trips to the test service's echo command.
 *
 * Payload P means P bytes each way: the command is {u32 TZ_TEST_ECHO,
 * P bytes} and the response {struct tzcom_svc_rsp_hdr, the same P bytes}.
 * The "20k" row is the largest echo that fits sb_in: cmd_len + resp_len =
 * (4 + P) + (8 + P) = TZCOM_MAX_BUF_LEN (20480), so P = 10234 and 20 KiB
 * of sb_in are crossed per call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "bench.h"

#define ECHO_HDR_CMD	sizeof(uint32_t)
#define ECHO_HDR_RSP	sizeof(struct tzcom_svc_rsp_hdr)
#define ECHO_MAX_PAYLOAD ((TZCOM_MAX_BUF_LEN - ECHO_HDR_CMD - ECHO_HDR_RSP) / 2)

int tz_open(void)
{
	int fd = open(TZBENCH_DEV, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int tz_send(int fd, const void *cmd, size_t cmd_len, void *rsp, size_t *rsp_len)
{
	struct tzcom_send_cmd_op_req req = {
		.cmd_len = (unsigned int)cmd_len,
		.cmd_buf = (void *)cmd,
		.resp_len = (unsigned int)*rsp_len,
		.resp_buf = rsp,
	};

	memcpy(&req.cmd_id, cmd, sizeof(req.cmd_id));
	if (ioctl(fd, TZCOM_IOCTL_SEND_CMD_REQ, &req) < 0)
		return -errno;
	*rsp_len = req.resp_len;
	return 0;
}

int echo_prepare(size_t payload, uint8_t **cmd, size_t *cmd_len,
		 uint8_t **rsp, size_t *rsp_cap)
{
	uint32_t id = TZ_TEST_ECHO;
	size_t i;

	if (payload > ECHO_MAX_PAYLOAD)
		return -EINVAL;
	*cmd_len = ECHO_HDR_CMD + payload;
	*rsp_cap = ECHO_HDR_RSP + payload;
	*cmd = malloc(*cmd_len);
	*rsp = malloc(*rsp_cap);
	if (!*cmd || !*rsp) {
		free(*cmd);
		free(*rsp);
		return -ENOMEM;
	}
	memcpy(*cmd, &id, sizeof(id));
	for (i = 0; i < payload; i++)
		(*cmd)[ECHO_HDR_CMD + i] = (uint8_t)(i * 7 + 1);
	return 0;
}

/* One echo; checks the transport, the service status and the length. */
int echo_once(int fd, const uint8_t *cmd, size_t cmd_len, uint8_t *rsp,
	      size_t rsp_cap, size_t payload)
{
	struct tzcom_svc_rsp_hdr hdr;
	size_t len = rsp_cap;
	int ret;

	ret = tz_send(fd, cmd, cmd_len, rsp, &len);
	if (ret)
		return ret;
	if (len != ECHO_HDR_RSP + payload)
		return -EBADMSG;
	memcpy(&hdr, rsp, sizeof(hdr));
	if (hdr.status)
		return hdr.status < 0 ? hdr.status : -EPROTO;
	return 0;
}

struct echo_arg {
	int fd;
	size_t payload;
	uint8_t *cmd, *rsp;
	size_t cmd_len, rsp_cap;
};

static int echo_op(void *arg)
{
	struct echo_arg *e = arg;

	return echo_once(e->fd, e->cmd, e->cmd_len, e->rsp, e->rsp_cap, e->payload);
}

static void bench_echo(const char *key, size_t payload)
{
	struct echo_arg e = { .payload = payload };
	int ret;

	e.fd = tz_open();
	if (e.fd < 0) {
		report_na(key, "open %s: %s", TZBENCH_DEV, strerror(-e.fd));
		return;
	}
	ret = echo_prepare(payload, &e.cmd, &e.cmd_len, &e.rsp, &e.rsp_cap);
	if (ret) {
		report_na(key, "echo_prepare: %s", strerror(-ret));
		goto out;
	}
	/* Check the data once, outside the timed loop. */
	ret = echo_op(&e);
	if (!ret && memcmp(e.cmd + ECHO_HDR_CMD, e.rsp + ECHO_HDR_RSP, payload))
		ret = -EBADMSG;
	if (ret)
		report_na(key, "echo of %zu bytes: %s", payload, strerror(-ret));
	else
		run_latency_row(key, echo_op, &e);
	free(e.cmd);
	free(e.rsp);
out:
	close(e.fd);
}

void bench_send(void)
{
	report_info("send_20k_payload", "%zu", (size_t)ECHO_MAX_PAYLOAD);
	bench_echo("send_0", 0);
	bench_echo("send_64", 64);
	bench_echo("send_1k", 1024);
	bench_echo("send_4k", 4096);
	bench_echo("send_20k", ECHO_MAX_PAYLOAD);
}
