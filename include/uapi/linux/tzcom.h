/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * /dev/tzcom userspace ABI.
 *
 * Names, magic, numbers and struct layouts are those of the original
 * Qualcomm MSM tzcom driver, so code written for it builds unchanged.
 * The original was 32-bit only; the 64-bit kernel also accepts the 32-bit
 * layout through compat_ioctl (see TZCOM_IOCTL_*_REQ32 in the driver).
 *
 * Two nodes, one ABI (docs/driver.md, "Privileges and memory"):
 *  - /dev/tzcom is the client node: SEND_CMD and ABORT.  The listener
 *    ioctls (REGISTER, UNREGISTER, READ_NEXT, CONTINUE, ATTACH) give
 *    -EPERM on it unless the opener had CAP_SYS_ADMIN (programs written
 *    for the original, which had one node, keep working as root), and even
 *    then the system services' ids (TZ_HLOS_SYSTEM_* in
 *    include/tzcom/tzsched.h: storage and time) give -EPERM.
 *  - /dev/tzcompriv is the listener node (like OP-TEE's /dev/teepriv0):
 *    every ioctl, the system services' ids included.  Whoever may open it
 *    may serve the secure world's storage: give it to tzcomd's group only.
 *  - A service's callbacks are read only through the fd that registered
 *    it (its owner) or an fd the owner shared it with (ATTACH_SERVICE);
 *    any other fd gets -EPERM from READ_NEXT.
 *
 * Guarantees beyond the original, which callers may rely on:
 *  - READ_NEXT_CMD writes back the real length of the callback payload in
 *    req_len; SEND_CMD writes back the real response length in resp_len.
 *  - A bad pointer gives -EFAULT, never a positive count.
 *  - An unknown ioctl gives -ENOTTY.
 *  - REGISTER_SERVICE: cmd_id_low > cmd_id_high gives -EINVAL; an svc_id
 *    already registered or a range overlapping another service's gives
 *    -EBUSY; -ENOSPC once 2^32-1 instance ids were handed out or when this
 *    fd already owns 64 services; -EPERM as above.
 *  - UNREGISTER_SERVICE: an unknown (svc_id, instance_id) gives -EINVAL,
 *    a service registered through another fd -EPERM.
 *  - SEND_CMD: cmd_len >= 4 (the payload starts with the u32 command id,
 *    see include/tzcom/tzsched.h), resp_len >= 8, and
 *    cmd_len + resp_len <= TZCOM_MAX_BUF_LEN (20480), else -EINVAL.
 *    The cmd_id field is not used for routing, as in the original; the
 *    command id is the payload's first u32.  Scheduler-core commands
 *    (service 0) other than GET_INFO give -EPERM.  A thread that read a
 *    callback on this fd and has not answered it gets -EDEADLK.  Killed
 *    while a listener served its callback: -EINTR; -EBUSY or -EPROTO if
 *    the secure world refused the call or broke the protocol.
 *  - READ_NEXT_CMD: an unknown (svc_id, instance_id) gives -EINVAL; a
 *    service unregistered while waiting gives -ENODEV; O_NONBLOCK with
 *    nothing queued gives -EAGAIN.  A callback larger than req_len gives
 *    -EMSGSIZE with req_len set to the size needed; the callback stays
 *    queued.  -EPERM: not the owner's fd nor one attached to it.
 *    -ENOBUFS: this fd holds 64 callbacks it has not answered (their
 *    senders' placeholders included; CONTINUE each, -EBADF for a
 *    placeholder, to free the slot).
 *  - CONTINUE_CMD: resp_len <= TZCOM_MAX_CB_RSP_LEN (20464), else -EINVAL.
 *    No callback with this cmd_id delivered to this fd (never read,
 *    already answered, or given up by its sender after callback_timeout_ms)
 *    gives -EBADF; one delivered only for another instance_id, -EINVAL.
 *  - ABORT: every ioctl blocked on this fd returns -ENODEV, and the fd
 *    refuses all later ioctls (ABORT included) with -ENODEV.
 *  - ATTACH_SERVICE (new, not in the original): issued on a reader fd,
 *    names an fd of the same process (owner_fd) that owns (svc_id,
 *    instance_id); the reader fd may then READ_NEXT and CONTINUE that
 *    service's callbacks until it is unregistered.  Holding the owner fd
 *    is the proof of ownership.  -EBADF: owner_fd is not an open tzcom
 *    fd; -EINVAL: no such service, or flags != 0; -EPERM: owner_fd does
 *    not own it, or this fd lacks the listener privilege; -ENOSPC: the
 *    service already has 256 attached fds.  Attaching twice is a no-op.
 */
#ifndef _UAPI_LINUX_TZCOM_H
#define _UAPI_LINUX_TZCOM_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TZCOM_IOC_MAGIC		0x97

#define TZCOM_MAX_BUF_LEN	20480	/* cmd_len + resp_len of SEND_CMD */
#define TZCOM_MAX_CB_LEN	20468	/* callback payload (READ_NEXT) */
#define TZCOM_MAX_CB_RSP_LEN	20464	/* answer payload (CONTINUE) */

/* Register a normal-world service for callback ids [low, high]. */
struct tzcom_register_svc_op_req {
	__u32 svc_id;
	__u32 cmd_id_low;
	__u32 cmd_id_high;
	__u32 instance_id;	/* out */
};

struct tzcom_unregister_svc_op_req {
	__u32 svc_id;
	__u32 instance_id;
};

/* Block until the secure world calls back into this service. */
struct tzcom_next_cmd_op_req {
	__u32 svc_id;
	__u32 instance_id;
	__u32 cmd_id;		/* out */
	unsigned int req_len;	/* in: size of req_buf; out: payload length */
	void *req_buf;
};

/* Send a command to the secure world and wait for its response. */
struct tzcom_send_cmd_op_req {
	__u32 cmd_id;		/* unused, kept for layout */
	unsigned int cmd_len;
	void *cmd_buf;
	unsigned int resp_len;	/* in: size of resp_buf; out: response length */
	void *resp_buf;
};

/*
 * Answer a callback READ_NEXT_CMD delivered to this fd: the oldest one
 * with this cmd_id and instance, preferring one the calling thread read.
 */
struct tzcom_cont_cmd_op_req {
	__u32 cmd_id;
	__u32 instance_id;
	unsigned int resp_len;
	void *resp_buf;
};

#define TZCOM_IOCTL_REGISTER_SERVICE_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 1, struct tzcom_register_svc_op_req)
#define TZCOM_IOCTL_UNREGISTER_SERVICE_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 2, struct tzcom_unregister_svc_op_req)
#define TZCOM_IOCTL_SEND_CMD_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 3, struct tzcom_send_cmd_op_req)
#define TZCOM_IOCTL_READ_NEXT_CMD_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 4, struct tzcom_next_cmd_op_req)
#define TZCOM_IOCTL_CONTINUE_CMD_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 5, struct tzcom_cont_cmd_op_req)
#define TZCOM_IOCTL_ABORT_REQ		_IO(TZCOM_IOC_MAGIC, 6)

/* Share a service with this fd (fixed-size fields: one layout everywhere). */
struct tzcom_attach_svc_req {
	__s32 owner_fd;		/* an fd that owns the service */
	__u32 svc_id;
	__u32 instance_id;
	__u32 flags;		/* must be 0 */
};

#define TZCOM_IOCTL_ATTACH_SERVICE_REQ \
	_IOW(TZCOM_IOC_MAGIC, 7, struct tzcom_attach_svc_req)

/*
 * ---- Registered shared memory, sessions, INVOKE (new, not in the original) --
 *
 * Fixed-size fields and __u64 pointers, as <linux/tee.h> does: one layout
 * for 64- and 32-bit callers, so no compat translation.  Prose, limits and
 * every errno: docs/driver.md, "Registered memory and sessions"; the
 * secure-side layout: docs/protocol.md, section 10.
 *
 * SHM_REGISTER pins [addr, addr + size) of the caller's memory and names it
 * by a per-fd id (never 0).  addr must be page aligned; 1 <= size <=
 * TZCOM_SHM_MAX_SIZE.  flags: TZCOM_SHM_IN (the secure world may read it)
 * and/or TZCOM_SHM_OUT (it may write it; the pages must be writable).
 * Errors: -EINVAL bad flags, unaligned addr, size 0; -E2BIG size above
 * TZCOM_SHM_MAX_SIZE; -EFAULT some page is not mapped (or read-only for
 * TZCOM_SHM_OUT); -EBUSY it overlaps a range this fd already registered;
 * -ENOSPC this fd holds TZCOM_SHM_MAX_PER_FD registrations or
 * TZCOM_SHM_MAX_FD_BYTES bytes; -ENOMEM over RLIMIT_MEMLOCK (pinned pages
 * are charged to it, as mlock would) or out of memory.
 *
 * SHM_UNREGISTER releases one: -ENOENT no such id on this fd; -EBUSY a
 * command in flight names it (the pages stay pinned until it ends).
 * Closing the fd releases every registration and session it holds.
 *
 * SESSION_OPEN opens secure-side state in service svc (a TZ_SVC_* that
 * supports sessions: test, crypto, storage) owned by this fd; the session
 * handle it returns is per fd (never 0).  -EOPNOTSUPP the service has no
 * sessions; -ENOSPC this fd holds TZCOM_MAX_SESSIONS_PER_FD sessions, or
 * the secure world's table is full; -EINVAL flags or reserved != 0.
 * SESSION_CLOSE destroys it in the secure world: -ENOENT no such handle,
 * -EBUSY a command runs in it.  Closing the fd (or the process dying)
 * closes every session of the fd.
 *
 * INVOKE is SEND_CMD with __u64 pointers, an optional session and up to
 * TZCOM_INVOKE_MAX_MEM registered-memory references, which the secure
 * service reads or writes in place (memref i is its memory argument i).
 * cmd_len/resp_len as SEND_CMD (cmd_len >= 4, resp_len >= 8, sum <=
 * TZCOM_MAX_BUF_LEN); resp_len is written back.  Each memref names a
 * registration of this fd and a range inside it; its flags
 * (TZCOM_SHM_IN/OUT, one or both) must be allowed by the registration.
 * -EINVAL: bad lengths, flags, reserved != 0, num_mem above the limit, a
 * range outside its registration, or a session of another service than
 * the command's; -ENOENT unknown shm id or session; -EACCES a memref asks
 * for access its registration does not allow.  Otherwise as SEND_CMD.
 */
#define TZCOM_SHM_IN			0x1u	/* the secure world reads */
#define TZCOM_SHM_OUT			0x2u	/* the secure world writes */
#define TZCOM_SHM_MAX_SIZE		(64ull << 20)	/* one registration */
#define TZCOM_SHM_MAX_PER_FD		16
#define TZCOM_SHM_MAX_FD_BYTES		(256ull << 20)	/* all of one fd's */
#define TZCOM_MAX_SESSIONS_PER_FD	16
#define TZCOM_INVOKE_MAX_MEM		4

struct tzcom_shm_register_req {
	__u64 addr;		/* page aligned user address */
	__u64 size;		/* bytes, 1..TZCOM_SHM_MAX_SIZE */
	__u32 flags;		/* TZCOM_SHM_IN | TZCOM_SHM_OUT */
	__u32 id;		/* out: names it in memrefs and UNREGISTER */
};

struct tzcom_shm_unregister_req {
	__u32 id;
	__u32 flags;		/* must be 0 */
};

struct tzcom_session_req {
	__u32 svc;		/* OPEN: TZ_SVC_* */
	__u32 session;		/* OPEN: out; CLOSE: in */
	__u32 flags;		/* must be 0 */
	__u32 reserved;		/* must be 0 */
};

struct tzcom_memref {
	__u32 shm_id;		/* from SHM_REGISTER */
	__u32 flags;		/* TZCOM_SHM_IN | TZCOM_SHM_OUT */
	__u64 offset;		/* from the registration's start */
	__u64 size;		/* bytes, >= 1 */
};

struct tzcom_invoke_req {
	__u64 cmd_buf;		/* user pointer */
	__u64 resp_buf;		/* user pointer */
	__u32 cmd_len;
	__u32 resp_len;		/* in: size of resp_buf; out: response length */
	__u32 session;		/* 0 or a handle from SESSION_OPEN */
	__u32 num_mem;		/* memrefs used, 0..TZCOM_INVOKE_MAX_MEM */
	__u32 flags;		/* must be 0 */
	__u32 reserved;		/* must be 0 */
	struct tzcom_memref mem[TZCOM_INVOKE_MAX_MEM];
};

#define TZCOM_IOCTL_SHM_REGISTER_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 8, struct tzcom_shm_register_req)
#define TZCOM_IOCTL_SHM_UNREGISTER_REQ \
	_IOW(TZCOM_IOC_MAGIC, 9, struct tzcom_shm_unregister_req)
#define TZCOM_IOCTL_SESSION_OPEN_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 10, struct tzcom_session_req)
#define TZCOM_IOCTL_SESSION_CLOSE_REQ \
	_IOW(TZCOM_IOC_MAGIC, 11, struct tzcom_session_req)
#define TZCOM_IOCTL_INVOKE_REQ \
	_IOWR(TZCOM_IOC_MAGIC, 12, struct tzcom_invoke_req)

#endif /* _UAPI_LINUX_TZCOM_H */
