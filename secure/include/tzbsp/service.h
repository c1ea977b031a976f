/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trusted services.  The one way to register a service: one const
 * descriptor declared with TZ_SERVICE().  The scheduler finds them through
 * the "tz_services" linker section (__start_tz_services/__stop_tz_services),
 * checks each at boot (an id below 32 that no other descriptor took, a
 * handler and a name; anything else is logged and left out) and
 * dispatches NEW commands by TZ_CMD_SVC(cmd_id).
 */
#ifndef TZBSP_SERVICE_H
#define TZBSP_SERVICE_H

#include <stddef.h>
#include <stdint.h>
#include <tzcom/tzsched.h>

struct tz_service {
	uint32_t id;		/* TZ_SVC_* */
	const char *name;
	/* 0 or -errno; a service whose init fails answers -ENOSYS. May be NULL. */
	int (*init)(void);
	/*
	 * One command.  req is a secure copy of the whole payload (it starts
	 * with the u32 cmd_id, so req_len >= 4).  rsp is a secure buffer of
	 * rsp_cap bytes for the data after struct tzcom_svc_rsp_hdr.  Sets
	 * *rsp_len and returns the service status: 0 or -errno.  Runs on the
	 * service's own secure stack and may call tz_hlos_call().
	 */
	int (*handle)(uint32_t cmd_id, const uint8_t *req, size_t req_len,
		      uint8_t *rsp, size_t rsp_cap, size_t *rsp_len);
	uint32_t flags;		/* TZ_SVC_F_* */
};

/*
 * The service keeps mutable state shared by all its commands (a heap,
 * globals, a read-modify-write across a callback): the scheduler runs one
 * of its commands at a time, and a NEW for it while one is in flight
 * answers TZ_SMC_SERVICE_BUSY without keeping a thread (docs/protocol.md section
 * 9).  Without the flag, commands of the service run on every thread at
 * once.
 */
#define TZ_SVC_F_EXCLUSIVE	0x1U

#define TZ_SERVICE(var) \
	static const struct tz_service var \
	__attribute__((used, section("tz_services"), aligned(8)))

/*
 * Call back into a normal-world service (routed by cmd_id to a listener
 * registered with the driver).  Blocks the calling service until the
 * driver resumes with PENDING.  Returns 0 with the answer copied into rsp
 * (*rsp_len bytes), or -errno: the normal world's status (-ENOENT no
 * listener, -EPIPE listener gone, -ETIMEDOUT, ...), -EMSGSIZE if req_len
 * exceeds TZCOM_CB_MAX_DATA (or sb_out) or the answer exceeds rsp_cap,
 * -ECANCELED (and at once on every later call of this command) after a
 * cancel, -EIO if sb_out is not set up or the driver's answer is
 * malformed, -EPERM if called outside a command (e.g. from init).
 */
int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len);

/*
 * Scratch space of the calling command (2 * TZCOM_SB_LEN bytes, *len),
 * for buffers a service keeps across tz_hlos_call(): commands on other
 * threads run meanwhile, so static buffers would be shared.  NULL outside
 * a command.
 */
void *tz_thread_scratch(size_t *len);

#endif /* TZBSP_SERVICE_H */
