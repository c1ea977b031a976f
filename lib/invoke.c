// SPDX-License-Identifier: BSD-3-Clause
/*
 * Registered memory, sessions and INVOKE: thin wrappers of the ioctls in
 * include/uapi/linux/tzcom.h, which keep their errors as they are.
 */
#include <errno.h>
#include <string.h>

#include <linux/tzcom.h>
#include <tzcom/tzsched.h>

#include "priv.h"

_Static_assert(TZCOM_LIB_SHM_IN == TZCOM_SHM_IN && TZCOM_LIB_SHM_OUT == TZCOM_SHM_OUT,
	       "libtzcom's shm flags are the driver's");
_Static_assert(TZCOM_LIB_SHM_MAX == TZCOM_SHM_MAX_SIZE, "libtzcom's shm limit");

int tzcom_shm_register(struct tzcom *h, void *addr, size_t size,
		       uint32_t flags, uint32_t *shm_id)
{
	struct tzcom_shm_register_req req;
	int ret;

	if (!h || !shm_id)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.addr = (uintptr_t)addr;
	req.size = size;
	req.flags = flags;
	ret = tzl_ioctl(h, TZCOM_IOCTL_SHM_REGISTER_REQ, &req);
	if (ret)
		return ret;
	*shm_id = req.id;
	return 0;
}

int tzcom_shm_unregister(struct tzcom *h, uint32_t shm_id)
{
	struct tzcom_shm_unregister_req req = { .id = shm_id };

	if (!h)
		return -EINVAL;
	return tzl_ioctl(h, TZCOM_IOCTL_SHM_UNREGISTER_REQ, &req);
}

int tzcom_session_open(struct tzcom *h, uint32_t svc, uint32_t *session)
{
	struct tzcom_session_req req = { .svc = svc };
	int ret;

	if (!h || !session)
		return -EINVAL;
	ret = tzl_ioctl(h, TZCOM_IOCTL_SESSION_OPEN_REQ, &req);
	if (ret)
		return ret;
	*session = req.session;
	return 0;
}

int tzcom_session_close(struct tzcom *h, uint32_t session)
{
	struct tzcom_session_req req = { .session = session };

	if (!h)
		return -EINVAL;
	return tzl_ioctl(h, TZCOM_IOCTL_SESSION_CLOSE_REQ, &req);
}

int tzcom_invoke(struct tzcom *h, uint32_t session, const void *cmd,
		 size_t cmd_len, void *rsp, size_t rsp_cap, size_t *rsp_len,
		 const struct tzcom_mem *mem, unsigned int nmem)
{
	struct tzcom_invoke_req req;
	int ret;

	if (!h || !cmd || !rsp || !rsp_len || (nmem && !mem) ||
	    nmem > TZCOM_INVOKE_MAX_MEM)
		return -EINVAL;
	if (cmd_len < sizeof(uint32_t) ||
	    cmd_len > TZCOM_MAX_BUF_LEN - sizeof(struct tzcom_svc_rsp_hdr) ||
	    rsp_cap < sizeof(struct tzcom_svc_rsp_hdr))
		return -EINVAL;
	if (rsp_cap > TZCOM_MAX_BUF_LEN - cmd_len)
		rsp_cap = TZCOM_MAX_BUF_LEN - cmd_len;

	memset(&req, 0, sizeof(req));
	req.cmd_buf = (uintptr_t)cmd;
	req.cmd_len = (uint32_t)cmd_len;
	req.resp_buf = (uintptr_t)rsp;
	req.resp_len = (uint32_t)rsp_cap;
	req.session = session;
	req.num_mem = nmem;
	for (unsigned int i = 0; i < nmem; i++) {
		req.mem[i].shm_id = mem[i].shm_id;
		req.mem[i].flags = mem[i].flags;
		req.mem[i].offset = mem[i].offset;
		req.mem[i].size = mem[i].size;
	}
	ret = tzl_ioctl(h, TZCOM_IOCTL_INVOKE_REQ, &req);
	if (ret)
		return ret;
	if (req.resp_len > rsp_cap)
		return -EIO;	/* a driver bug; do not trust the buffer */
	*rsp_len = req.resp_len;
	return 0;
}
