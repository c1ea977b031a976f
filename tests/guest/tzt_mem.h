/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Registered memory, sessions and INVOKE on the raw ioctls (t_shm,
 * t_session, t_compat32): each returns 0 or -errno like tzt_ioctl().
 */
#ifndef TZCOM_TZT_MEM_H
#define TZCOM_TZT_MEM_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "tzt.h"

static inline int tzt_shm_reg(int fd, const void *addr, uint64_t size, uint32_t flags,
			      uint32_t *id)
{
	struct tzcom_shm_register_req r = {
		.addr = (uint64_t)(uintptr_t)addr, .size = size, .flags = flags,
	};
	int ret = tzt_ioctl(fd, TZCOM_IOCTL_SHM_REGISTER_REQ, &r);

	if (id)
		*id = r.id;
	return ret;
}

static inline int tzt_shm_unreg(int fd, uint32_t id)
{
	struct tzcom_shm_unregister_req r = { .id = id };

	return tzt_ioctl(fd, TZCOM_IOCTL_SHM_UNREGISTER_REQ, &r);
}

static inline int tzt_sess_open(int fd, uint32_t svc, uint32_t *handle)
{
	struct tzcom_session_req r = { .svc = svc };
	int ret = tzt_ioctl(fd, TZCOM_IOCTL_SESSION_OPEN_REQ, &r);

	if (handle)
		*handle = r.session;
	return ret;
}

static inline int tzt_sess_close(int fd, uint32_t handle)
{
	struct tzcom_session_req r = { .session = handle };

	return tzt_ioctl(fd, TZCOM_IOCTL_SESSION_CLOSE_REQ, &r);
}

static inline struct tzcom_memref tzt_mref(uint32_t id, uint32_t flags, uint64_t off,
					   uint64_t size)
{
	return (struct tzcom_memref){ .shm_id = id, .flags = flags, .offset = off, .size = size };
}

/*
 * INVOKE cmd_id with u32 args (nargs of them) in session (0: none) with
 * memrefs; *status gets the service status, out (if not NULL) the 8 bytes
 * after the header.  -EBADMSG for a short or wrong response header.
 */
static inline int tzt_invoke(int fd, uint32_t session, uint32_t cmd_id, const uint32_t *args,
			     unsigned int nargs, const struct tzcom_memref *mem,
			     unsigned int nmem, int32_t *status, uint64_t *out)
{
	uint8_t cmd[4 + 4 * 8], rsp[64];
	struct tzcom_invoke_req r = {
		.cmd_buf = (uint64_t)(uintptr_t)cmd, .resp_buf = (uint64_t)(uintptr_t)rsp,
		.cmd_len = 4 + 4 * nargs, .resp_len = sizeof(rsp),
		.session = session, .num_mem = nmem,
	};
	int ret;

	if (nargs > 8 || nmem > TZCOM_INVOKE_MAX_MEM)
		return -E2BIG;
	tzt_put32(cmd, cmd_id);
	for (unsigned int i = 0; i < nargs; i++)
		tzt_put32(cmd + 4 + 4 * i, args[i]);
	for (unsigned int i = 0; i < nmem; i++)
		r.mem[i] = mem[i];
	ret = tzt_ioctl(fd, TZCOM_IOCTL_INVOKE_REQ, &r);
	if (ret)
		return ret;
	if (r.resp_len < 8 || r.resp_len > sizeof(rsp) || tzt_get32(rsp) != cmd_id)
		return -EBADMSG;
	*status = (int32_t)tzt_get32(rsp + 4);
	if (out)
		*out = r.resp_len >= 16 ? tzt_get32(rsp + 8) |
			(uint64_t)tzt_get32(rsp + 12) << 32 : UINT64_MAX;
	return 0;
}

/* TZ_TEST_MEM_XOR of len bytes: argument 0 IN, argument 1 OUT. */
static inline int tzt_mem_xor(int fd, struct tzcom_memref in, struct tzcom_memref out,
			      uint64_t len, uint8_t x, int32_t *status, uint64_t *done)
{
	const uint32_t a[3] = { x, (uint32_t)len, (uint32_t)(len >> 32) };
	const struct tzcom_memref m[2] = { in, out };

	return tzt_invoke(fd, 0, TZ_TEST_MEM_XOR, a, 3, m, 2, status, done);
}

/* TZ_TEST_SESSION_ADD: *sum gets the session's counter after the add. */
static inline int tzt_sess_add(int fd, uint32_t session, uint32_t add, int32_t *status,
			       uint64_t *sum)
{
	return tzt_invoke(fd, session, TZ_TEST_SESSION_ADD, &add, 1, NULL, 0, status, sum);
}

/* VmLck of this process in kB, or -1. */
static inline long tzt_vmlck_kb(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmLck:", 6)) {
			v = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return v;
}

/* Anonymous read-write pages, or a bail. */
static inline uint8_t *tzt_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		tap_bail("mmap %zu bytes: %s", size, strerror(errno));
	return p;
}

#endif /* TZCOM_TZT_MEM_H */
