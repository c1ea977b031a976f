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
	/*
	 * With TZ_SVC_F_SESSIONS, how TZBSP wipes element idx of the
	 * service's TZ_SESSION_STATE array when a session opens or closes:
	 * session_wipe if set (a service whose memory only TZBSP's loader
	 * knows, secure/el0), else session_size bytes at sessions +
	 * idx * session_size (TZ_SESSION_DESC() fills both).  Neither: the
	 * service keeps no state to wipe.
	 */
	void *sessions;
	size_t session_size;
	void (*session_wipe)(unsigned int idx);
};

/* The descriptor fields for a TZ_SESSION_STATE() array var. */
#define TZ_SESSION_DESC(var) \
	.sessions = (var), .session_size = sizeof((var)[0])

/*
 * The service keeps mutable state shared by all its commands (a heap,
 * globals, a read-modify-write across a callback): the scheduler runs one
 * of its commands at a time, and a NEW for it while one is in flight
 * answers TZ_SMC_SERVICE_BUSY without keeping a thread (docs/protocol.md section
 * 9).  Without the flag, commands of the service run on every thread at
 * once.
 */
#define TZ_SVC_F_EXCLUSIVE	0x1U
/*
 * The service keeps per-session state (docs/protocol.md, section 10):
 * TZ_CORE_SESSION_OPEN accepts it, and its state lives in an array
 * declared with TZ_SESSION_STATE(), which TZBSP wipes when a session of
 * that index opens and when it closes.
 */
#define TZ_SVC_F_SESSIONS	0x2U

/*
 * The per-session state of a service: TZ_SESSIONS_PER_SVC elements of
 * type, element i for the session tz_session_index() returns, all zero
 * when the session is new.  One per service program; the section is
 * where TZBSP finds it (secure/user/user.ld).
 */
#define TZ_SESSION_STATE(type, var) \
	type var[TZ_SESSIONS_PER_SVC] \
	__attribute__((section(".tz_sessions"), aligned(64)))

/*
 * The calling command's session: its index 0..TZ_SESSIONS_PER_SVC-1 in
 * the service's TZ_SESSION_STATE array, or -TZ_EBADF if the command came
 * without a session.
 */
int tz_session_index(void);

/*
 * The calling command's memory arguments (registered normal-world memory,
 * include/uapi/linux/tzcom.h), idx 0..TZ_MEM_MAX_ARGS-1.  The service
 * reads and writes them in place through these calls, which copy
 * directly between the normal-world pages and the service's buffer after
 * checking each page: there is no other way to reach them.
 */
struct tz_memref_info {
	uint64_t size;		/* bytes */
	uint32_t flags;		/* TZ_MEM_IN | TZ_MEM_OUT */
	uint32_t reserved;
};

/*
 * The most one tz_memref_read()/tz_memref_write() copies: TZBSP copies
 * with interrupts masked, so a call is bounded to keep the normal world's
 * interrupt latency bounded; larger len is -TZ_EMSGSIZE.  A service walks
 * a large argument in pieces (its buffers are smaller anyway).
 */
#define TZ_MEMREF_IO_MAX	65536U

/* 0 and *info, or -TZ_ENOENT if argument idx is absent. */
int tz_memref_info(unsigned int idx, struct tz_memref_info *info);
/*
 * Copy len bytes at off of argument idx into buf (read: needs TZ_MEM_IN)
 * or from buf (write: needs TZ_MEM_OUT).  0, or -TZ_ENOENT absent,
 * -TZ_EPERM wrong direction, -TZ_EMSGSIZE len > TZ_MEMREF_IO_MAX,
 * -TZ_ERANGE off/len outside the argument,
 * -TZ_EFAULT a page that is not NS DRAM (the command's page list is
 * bad), or a buf the service may not use that way.
 */
int tz_memref_read(unsigned int idx, uint64_t off, void *buf, size_t len);
int tz_memref_write(unsigned int idx, uint64_t off, const void *buf, size_t len);

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
