// SPDX-License-Identifier: BSD-3-Clause
/*
 * libtzcom core: handles and one function per ioctl.  Each call checks its
 * arguments, marshals the uapi struct, makes the ioctl and copies results
 * back after bounding them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "priv.h"

_Static_assert(TZCOM_LIB_MAX_BUF == TZCOM_MAX_BUF_LEN, "limit drift");
_Static_assert(TZCOM_LIB_MAX_CB == TZCOM_MAX_CB_LEN, "limit drift");
_Static_assert(TZCOM_LIB_MAX_CB_RSP == TZCOM_MAX_CB_RSP_LEN, "limit drift");

#define TZL_RSP_HDR_LEN	sizeof(struct tzcom_svc_rsp_hdr)

/* The one place errno becomes a return value. */
static int tzl_errno(void)
{
	return errno > 0 ? -errno : -EIO;
}

int tzl_ioctl(struct tzcom *h, unsigned long req, void *arg)
{
	/*
	 * No retry on EINTR: a SEND_CMD cut short may have run in the secure
	 * world, so only the caller knows whether repeating it is safe.
	 */
	int ret = ioctl(h->fd, req, arg);

	if (ret < 0)
		return tzl_errno();
	/* The original driver returned positive counts for bad pointers. */
	return ret == 0 ? 0 : -EIO;
}

int tzcom_open_path(const char *path, struct tzcom **h)
{
	struct tzcom *t;

	if (!path || !h)
		return -EINVAL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	t->fd = open(path, O_RDWR | O_CLOEXEC);
	if (t->fd < 0) {
		int ret = tzl_errno();

		free(t);
		return ret;
	}
	*h = t;
	return 0;
}

int tzcom_open(struct tzcom **h)
{
	const char *dev = getenv("TZCOM_DEVICE");

	return tzcom_open_path(dev && *dev ? dev : TZCOM_DEFAULT_DEVICE, h);
}

void tzcom_close(struct tzcom *h)
{
	if (!h)
		return;
	close(h->fd);
	free(h);
}

int tzcom_fd(const struct tzcom *h)
{
	return h ? h->fd : -EINVAL;
}

const char *tzcom_version(void)
{
	return TZCOM_VERSION;
}

int tzcom_send_raw(struct tzcom *h, const void *cmd, size_t cmd_len,
		   void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	struct tzcom_send_cmd_op_req op;
	int ret;

	if (!h || !cmd || !rsp || !rsp_len)
		return -EINVAL;
	if (cmd_len < sizeof(uint32_t) || cmd_len > TZCOM_MAX_BUF_LEN - TZL_RSP_HDR_LEN ||
	    rsp_cap < TZL_RSP_HDR_LEN)
		return -EINVAL;
	if (rsp_cap > TZCOM_MAX_BUF_LEN - cmd_len)
		rsp_cap = TZCOM_MAX_BUF_LEN - cmd_len;

	memset(&op, 0, sizeof(op));
	memcpy(&op.cmd_id, cmd, sizeof(op.cmd_id));
	op.cmd_len = (unsigned int)cmd_len;
	op.cmd_buf = (void *)cmd;
	op.resp_len = (unsigned int)rsp_cap;
	op.resp_buf = rsp;
	ret = tzl_ioctl(h, TZCOM_IOCTL_SEND_CMD_REQ, &op);
	if (ret)
		return ret;
	if (op.resp_len > rsp_cap)
		return -EIO;	/* a driver bug; do not trust the buffer */
	*rsp_len = op.resp_len;
	return 0;
}

int tzcom_send(struct tzcom *h, uint32_t cmd_id, const void *req,
	       size_t req_len, void *rsp, size_t rsp_cap, size_t *rsp_len,
	       int32_t *svc_status)
{
	struct tzcom_svc_rsp_hdr hdr;
	size_t cmd_len, area, got;
	uint8_t *buf;
	int ret;

	if (!h || (req_len && !req) || (rsp_cap && !rsp))
		return -EINVAL;
	if (req_len > TZCOM_MAX_BUF_LEN - sizeof(cmd_id) - TZL_RSP_HDR_LEN)
		return -EINVAL;
	cmd_len = sizeof(cmd_id) + req_len;
	if (rsp_cap > TZCOM_MAX_BUF_LEN)
		rsp_cap = TZCOM_MAX_BUF_LEN;	/* also keeps the sum below from wrapping */
	area = TZL_RSP_HDR_LEN + rsp_cap;
	if (area > TZCOM_MAX_BUF_LEN - cmd_len)
		area = TZCOM_MAX_BUF_LEN - cmd_len;

	/* One buffer laid out as sb_in will be: command, then response. */
	buf = malloc(cmd_len + area);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, &cmd_id, sizeof(cmd_id));
	if (req_len)
		memcpy(buf + sizeof(cmd_id), req, req_len);

	ret = tzcom_send_raw(h, buf, cmd_len, buf + cmd_len, area, &got);
	if (ret)
		goto out;
	if (got < TZL_RSP_HDR_LEN) {
		ret = -EBADMSG;
		goto out;
	}
	memcpy(&hdr, buf + cmd_len, sizeof(hdr));
	if (hdr.cmd_id != cmd_id) {
		ret = -EBADMSG;
		goto out;
	}
	got -= TZL_RSP_HDR_LEN;
	if (got > rsp_cap) {
		ret = -EIO;
		goto out;
	}
	if (got)
		memcpy(rsp, buf + cmd_len + TZL_RSP_HDR_LEN, got);
	if (rsp_len)
		*rsp_len = got;
	if (svc_status)
		*svc_status = hdr.status;
	else
		ret = hdr.status > 0 ? -EIO : hdr.status;
out:
	free(buf);
	return ret;
}

int tzcom_register(struct tzcom *h, uint32_t svc_id, uint32_t low,
		   uint32_t high, uint32_t *instance_id)
{
	struct tzcom_register_svc_op_req op = {
		.svc_id = svc_id,
		.cmd_id_low = low,
		.cmd_id_high = high,
	};
	int ret;

	if (!h || !instance_id)
		return -EINVAL;
	ret = tzl_ioctl(h, TZCOM_IOCTL_REGISTER_SERVICE_REQ, &op);
	if (!ret)
		*instance_id = op.instance_id;
	return ret;
}

int tzcom_unregister(struct tzcom *h, uint32_t svc_id, uint32_t instance_id)
{
	struct tzcom_unregister_svc_op_req op = {
		.svc_id = svc_id,
		.instance_id = instance_id,
	};

	if (!h)
		return -EINVAL;
	return tzl_ioctl(h, TZCOM_IOCTL_UNREGISTER_SERVICE_REQ, &op);
}

int tzcom_read_next(struct tzcom *h, uint32_t svc_id, uint32_t instance_id,
		    uint32_t *cmd_id, void *buf, size_t cap, size_t *len)
{
	struct tzcom_next_cmd_op_req op;
	int ret;

	if (!h || !cmd_id || !len || (cap && !buf))
		return -EINVAL;
	if (cap > TZCOM_MAX_CB_LEN)
		cap = TZCOM_MAX_CB_LEN;
	memset(&op, 0, sizeof(op));
	op.svc_id = svc_id;
	op.instance_id = instance_id;
	op.req_len = (unsigned int)cap;
	op.req_buf = buf;
	ret = tzl_ioctl(h, TZCOM_IOCTL_READ_NEXT_CMD_REQ, &op);
	if (ret == -EMSGSIZE) {
		*len = op.req_len;
		return ret;
	}
	if (ret)
		return ret;
	if (op.req_len > cap)
		return -EIO;
	*cmd_id = op.cmd_id;
	*len = op.req_len;
	return 0;
}

int tzcom_continue(struct tzcom *h, uint32_t cmd_id, uint32_t instance_id,
		   const void *rsp, size_t len)
{
	struct tzcom_cont_cmd_op_req op;

	if (!h || (len && !rsp) || len > TZCOM_MAX_CB_RSP_LEN)
		return -EINVAL;
	memset(&op, 0, sizeof(op));
	op.cmd_id = cmd_id;
	op.instance_id = instance_id;
	op.resp_len = (unsigned int)len;
	op.resp_buf = (void *)rsp;
	return tzl_ioctl(h, TZCOM_IOCTL_CONTINUE_CMD_REQ, &op);
}

int tzcom_abort(struct tzcom *h)
{
	if (!h)
		return -EINVAL;
	return tzl_ioctl(h, TZCOM_IOCTL_ABORT_REQ, NULL);
}

int tzcom_open_listener(struct tzcom **h)
{
	const char *dev = getenv("TZCOM_LISTENER_DEVICE");
	int ret;

	if (dev && *dev)
		return tzcom_open_path(dev, h);
	ret = tzcom_open_path(TZCOM_LISTENER_DEVICE, h);
	/* A driver from before the split has only the one node. */
	return ret == -ENOENT ? tzcom_open(h) : ret;
}

int tzcom_attach(struct tzcom *h, const struct tzcom *owner, uint32_t svc_id,
		 uint32_t instance_id)
{
	struct tzcom_attach_svc_req op;

	if (!h || !owner)
		return -EINVAL;
	memset(&op, 0, sizeof(op));
	op.owner_fd = owner->fd;
	op.svc_id = svc_id;
	op.instance_id = instance_id;
	return tzl_ioctl(h, TZCOM_IOCTL_ATTACH_SERVICE_REQ, &op);
}
