/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libtzcom: C API for /dev/tzcom, the TrustZone communicator.
 *
 * Conventions, for every function below:
 *  - The return value is 0 (or a documented non-negative value) on
 *    success and a negative errno value on failure; errno itself is left
 *    alone.  Print failures with strerror(-ret).
 *  - A call checks its arguments (-EINVAL), marshals, makes one ioctl and
 *    copies results back only after checking their lengths.
 *  - Handles are thread-safe: several threads may call tzcom_send() on one
 *    handle at once (the driver serialises secure calls).  READ_NEXT and
 *    CONTINUE are per file descriptor: the driver binds a delivered
 *    callback to the fd that read it, so a reader thread should own its
 *    handle, attached to the owner's with tzcom_attach() (tzcom_serve()
 *    does that for you).
 *  - Two device nodes: TZCOM_DEFAULT_DEVICE for clients (tzcom_send());
 *    TZCOM_LISTENER_DEVICE for services (register, read, continue).  On
 *    the client node only root may serve, and never the system services
 *    (storage, time): docs/driver.md, "Privileges and memory".
 *
 * Two kinds of status:
 *  - the transport status: the return value (-ENODEV after ABORT, -EFAULT,
 *    -EINVAL for bad lengths, -EINTR, ...);
 *  - the secure service's own status (the s32 in the response header, 0 or
 *    -errno), returned through *svc_status by tzcom_send().  The
 *    convenience calls (tzcom_sha256(), tzcom_store_get(), ...) return the
 *    transport status if it failed, else the service status.
 *
 * Link with -ltzcom -pthread, or use pkg-config libtzcom.
 */
#ifndef LIBTZCOM_H
#define LIBTZCOM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TZCOM_DEFAULT_DEVICE	"/dev/tzcom"
#define TZCOM_LISTENER_DEVICE	"/dev/tzcompriv"

/* Limits of the driver (include/uapi/linux/tzcom.h). */
#define TZCOM_LIB_MAX_BUF	20480u	/* cmd + response of one send */
#define TZCOM_LIB_MAX_CB	20468u	/* callback payload */
#define TZCOM_LIB_MAX_CB_RSP	20464u	/* answer payload */

/* One open file descriptor of /dev/tzcom. */
struct tzcom;

/* ---- Handles --------------------------------------------------------- */

/*
 * Open TZCOM_DEFAULT_DEVICE, or the path in the environment variable
 * TZCOM_DEVICE if it is set.  -ENOENT if the driver is not loaded.
 */
int tzcom_open(struct tzcom **h);
/* Open a given device node. */
int tzcom_open_path(const char *path, struct tzcom **h);
/*
 * Open the listener node: $TZCOM_LISTENER_DEVICE if set, else
 * TZCOM_LISTENER_DEVICE, else (a driver without it) as tzcom_open().
 * -EACCES: the caller is not in the node's group.
 */
int tzcom_open_listener(struct tzcom **h);
/* Close the handle; services it registered go away with it.  NULL is ok. */
void tzcom_close(struct tzcom *h);
/* The underlying file descriptor (for poll() or raw ioctls). */
int tzcom_fd(const struct tzcom *h);
/*
 * The tzcom release this library was built from (the VERSION file, e.g.
 * "1.0.0"): a program linked against libtzcom.so.1 learns which one it
 * runs with, which a header macro could not tell it.
 */
const char *tzcom_version(void);

/* ---- Commands to the secure world --------------------------------------- */

/*
 * Raw SEND_CMD: cmd (cmd_len >= 4, starting with the u32 command id) is
 * sent as is; the response (which starts with the u32 id and the s32
 * service status) is written to rsp, at most rsp_cap bytes (>= 8).
 * cmd_len + rsp_cap is clamped to the driver's 20480 bytes: the response
 * area offered is min(rsp_cap, 20480 - cmd_len).  *rsp_len gets the real
 * response length.
 */
int tzcom_send_raw(struct tzcom *h, const void *cmd, size_t cmd_len,
		   void *rsp, size_t rsp_cap, size_t *rsp_len);

/*
 * Send command cmd_id with request data req (req_len bytes, may be 0; the
 * library prepends the id).  Checks that the response echoes cmd_id
 * (-EBADMSG otherwise), stores the service status in *svc_status and
 * copies the data after the response header to rsp (*rsp_len bytes, at
 * most rsp_cap).  rsp/rsp_len may be NULL when no data is expected;
 * svc_status may be NULL, then a non-zero service status is returned.
 * -EINVAL if 4 + req_len + 8 exceeds 20480.
 */
int tzcom_send(struct tzcom *h, uint32_t cmd_id, const void *req,
	       size_t req_len, void *rsp, size_t rsp_cap, size_t *rsp_len,
	       int32_t *svc_status);

/* ---- Normal-world services (callbacks from the secure world) ----------- */

/*
 * Register service svc_id for callback ids [low, high] on this handle,
 * which then owns it until tzcom_unregister() or tzcom_close().
 * -EBUSY: svc_id taken or the range overlaps another service's;
 * -EINVAL: low > high.
 */
int tzcom_register(struct tzcom *h, uint32_t svc_id, uint32_t low,
		   uint32_t high, uint32_t *instance_id);
int tzcom_unregister(struct tzcom *h, uint32_t svc_id, uint32_t instance_id);

/*
 * Let handle h read and answer the callbacks of a service that owner
 * registered (both handles must be open in this process).  -EPERM: owner
 * does not own it, or h is not a listener handle; -EINVAL: no such
 * service; -ENOSPC: 256 handles already attached.
 */
int tzcom_attach(struct tzcom *h, const struct tzcom *owner, uint32_t svc_id,
		 uint32_t instance_id);

/*
 * Block until a callback for the service arrives.  The owner's handle and
 * handles attached to it may read (-EPERM otherwise); the callback is
 * then bound to this handle, which must answer it with
 * tzcom_continue().  -ENOBUFS: this handle holds 64 unanswered callbacks.  buf of cap bytes gets the payload, *len its length.
 * -EMSGSIZE: cap too small (*len tells the size; the callback stays
 * queued); -ENODEV: the service was unregistered or the handle aborted;
 * -EINTR: a signal arrived.
 */
int tzcom_read_next(struct tzcom *h, uint32_t svc_id, uint32_t instance_id,
		    uint32_t *cmd_id, void *buf, size_t cap, size_t *len);
/*
 * Answer a callback this handle read: the oldest one delivered to it with
 * this cmd_id and instance, preferring one the calling thread read
 * (docs/driver.md, CONTINUE).  len <= 20464.  -EBADF: none with that
 * cmd_id (never delivered, already answered, or timed out).
 */
int tzcom_continue(struct tzcom *h, uint32_t cmd_id, uint32_t instance_id,
		   const void *rsp, size_t len);
/* Wake every call blocked on this handle; later calls fail with -ENODEV. */
int tzcom_abort(struct tzcom *h);

/* ---- Serve loop ------------------------------------------------------- */

/*
 * A handler answers one callback.  req/req_len is the payload; the
 * handler writes its answer data to rsp (rsp_cap bytes), sets *rsp_len
 * and returns 0 or -errno.  By default the library frames the answer as
 * struct tz_hlos_rsp_hdr {status = return value, data_len} + data
 * (docs/protocol-hlos.md), so an error always reaches the secure world
 * and never stops the loop; on error the data is dropped.  With
 * TZCOM_SERVE_RAW the handler's bytes are the whole answer and its return
 * value is only logged.  Handlers run concurrently on several threads.
 */
typedef int (*tzcom_handler_fn)(void *ctx, uint32_t cmd_id, const void *req,
				size_t req_len, void *rsp, size_t rsp_cap,
				size_t *rsp_len);

#define TZCOM_SERVE_RAW		0x1u

struct tzcom_serve_svc {
	uint32_t svc_id;
	uint32_t cmd_id_low;
	uint32_t cmd_id_high;
	unsigned int threads;	/* reader threads, >= 1 */
	unsigned int flags;	/* TZCOM_SERVE_* */
	tzcom_handler_fn handler;
	void *ctx;
};

/* Called after each answered callback (from the reader thread). */
typedef void (*tzcom_serve_log_fn)(void *ctx, uint32_t svc_id,
				   uint32_t cmd_id, size_t req_len,
				   int status, size_t rsp_len);

struct tzcom_serve_cfg {
	const char *device;	/* NULL: as tzcom_open_listener() */
	const struct tzcom_serve_svc *svcs;
	unsigned int nsvcs;
	tzcom_serve_log_fn log;	/* may be NULL */
	void *log_ctx;
};

struct tzcom_server;

/*
 * Register every service on one owner handle and start the reader
 * threads, each on its own handle attached to the owner's.  Every handle
 * is open before this returns, so the caller may drop privileges then.  Fails without side effects: -EBUSY
 * (see tzcom_failed_svc() for which service), -ENOENT (no driver),
 * -EINVAL (bad cfg), -ENOMEM, or the thread creation error.  Reader
 * threads inherit the caller's signal mask: block the signals you want to
 * handle elsewhere first.
 */
int tzcom_serve_start(const struct tzcom_serve_cfg *cfg,
		      struct tzcom_server **srv);
/*
 * Ask the readers to stop: idle ones are woken by ABORT, busy ones finish
 * their callback first.  Idempotent, thread-safe, not async-signal-safe.
 */
void tzcom_serve_stop(struct tzcom_server *srv);
/*
 * Block until every reader has ended: after tzcom_serve_stop(), or each
 * of its own error.  Returns what tzcom_serve_wait() will; srv stays
 * valid (call tzcom_serve_wait() next).  Thread-safe, for a watcher thread.
 */
int tzcom_serve_join(struct tzcom_server *srv);
/*
 * Wait for every reader to end, unregister, close and free srv.  Returns
 * 0 if all readers ended because of tzcom_serve_stop(), else the first
 * transport error that ended a reader (-ENODEV if the service vanished).
 */
int tzcom_serve_wait(struct tzcom_server *srv);
/* The svc_id whose registration failed in the last tzcom_serve_start()
 * of this thread, or 0. */
uint32_t tzcom_failed_svc(void);

/* tzcom_serve_start() then tzcom_serve_wait(). */
int tzcom_serve(const struct tzcom_serve_cfg *cfg);

/* ---- Convenience calls to the trusted services ------------------------- */

/* Scheduler core GET_INFO (TZ_CORE_GET_INFO). */
struct tzcom_info {
	uint32_t version_major;
	uint32_t version_minor;
	uint32_t services;	/* bit n: trusted service n is up */
	uint32_t commands_done;
	uint32_t callbacks_done;
	uint32_t sb_out_ready;
	uint32_t sb_log_ready;
	uint64_t ns_dram_base;
	uint64_t ns_dram_size;
};
int tzcom_get_info(struct tzcom *h, struct tzcom_info *info);

/* Test service echo (TZ_TEST_ECHO): out gets the bytes back. */
int tzcom_echo(struct tzcom *h, const void *data, size_t len, void *out,
	       size_t cap, size_t *out_len);

#define TZCOM_DIGEST_LEN	32u
/* Largest input of tzcom_sha256()/tzcom_hmac_sha256() (20432 bytes). */
#define TZCOM_CRYPTO_MAX_INPUT	(TZCOM_LIB_MAX_BUF - 8u - 8u - TZCOM_DIGEST_LEN)
int tzcom_sha256(struct tzcom *h, const void *data, size_t len,
		 uint8_t digest[TZCOM_DIGEST_LEN]);
/* HMAC-SHA256 under the device key, which never leaves the secure world. */
int tzcom_hmac_sha256(struct tzcom *h, const void *data, size_t len,
		      uint8_t mac[TZCOM_DIGEST_LEN]);

/*
 * Sealed storage: the secure world encrypts and authenticates, tzcomd
 * stores the ciphertext.  Names: 1..64 bytes of [A-Za-z0-9._-], not
 * starting with '.'.  Errors: -EINVAL bad name; -ENOENT no such object;
 * -EBADMSG the stored object failed authentication (tampered, another
 * object's or another board's); tzcom_store_get only: -ESTALE it is an
 * older copy than the version in secure flash (rolled back, or removed),
 * -EINPROGRESS it is newer (the last put did not complete), -EKEYEXPIRED
 * it was sealed under an earlier counter store (see
 * docs/crypto-storage.md, "Anti-rollback"); -EIO the secure flash's
 * counter store failed; -EMSGSIZE too large
 * (see TZCOM_STORE_MAX_DATA); -ERANGE buffer too small (tzcom_store_get:
 * *len is not known then); -ENOENT/-EPIPE/-ETIMEDOUT from the normal
 * world if tzcomd is not running or hangs.
 */
#define TZCOM_STORE_NAME_MAX	64u
#define TZCOM_STORE_MAX_DATA	20332u
/* 0 if name is a valid object name, else -EINVAL. */
int tzcom_store_name_ok(const char *name);
int tzcom_store_put(struct tzcom *h, const char *name, const void *data,
		    size_t len);
int tzcom_store_get(struct tzcom *h, const char *name, void *buf, size_t cap,
		    size_t *len);
int tzcom_store_rm(struct tzcom *h, const char *name);
/* names: *count names, each NUL-terminated, *len bytes in all. */
int tzcom_store_list(struct tzcom *h, char *names, size_t cap, size_t *len,
		     uint32_t *count);

/* ---- Registered memory, sessions, any-length commands (libtzcom 1.1) -- */

/*
 * Register [addr, addr + size) for zero-copy use by the secure world
 * (TZCOM_IOCTL_SHM_REGISTER_REQ; the errors are listed in
 * include/uapi/linux/tzcom.h).  addr must be page aligned, size at most
 * TZCOM_LIB_SHM_MAX; flags TZCOM_LIB_SHM_IN (the secure world reads it)
 * and/or TZCOM_LIB_SHM_OUT (it writes it).  The pages stay pinned, and
 * count against RLIMIT_MEMLOCK, until tzcom_shm_unregister() or
 * tzcom_close().
 */
#define TZCOM_LIB_SHM_IN	0x1u
#define TZCOM_LIB_SHM_OUT	0x2u
#define TZCOM_LIB_SHM_MAX	(64ull << 20)
int tzcom_shm_register(struct tzcom *h, void *addr, size_t size,
		       uint32_t flags, uint32_t *shm_id);
/* -ENOENT no such id; -EBUSY a command in flight uses it. */
int tzcom_shm_unregister(struct tzcom *h, uint32_t shm_id);

/*
 * A session: secure-side state in one trusted service (svc: 1 test,
 * 2 crypto, 3 storage), owned by this handle and destroyed in the secure
 * world by tzcom_session_close() or tzcom_close() (or the process's
 * death).  At most 16 per handle (-ENOSPC); -EOPNOTSUPP for a service
 * without sessions.
 */
int tzcom_session_open(struct tzcom *h, uint32_t svc, uint32_t *session);
int tzcom_session_close(struct tzcom *h, uint32_t session);

/* One memory argument of tzcom_invoke(): a range of a registration. */
struct tzcom_mem {
	uint32_t shm_id;
	uint32_t flags;		/* TZCOM_LIB_SHM_IN and/or _OUT */
	uint64_t offset;	/* from the registration's start */
	uint64_t size;
};

/*
 * tzcom_send_raw() with a session (0 for none) and up to 4 memory
 * arguments (mem may be NULL when nmem is 0): TZCOM_IOCTL_INVOKE_REQ.
 */
int tzcom_invoke(struct tzcom *h, uint32_t session, const void *cmd,
		 size_t cmd_len, void *rsp, size_t rsp_cap, size_t *rsp_len,
		 const struct tzcom_mem *mem, unsigned int nmem);

/*
 * Streaming digests of any length, computed in the secure world.  alg:
 * TZCOM_DIGEST_SHA256; TZCOM_DIGEST_HMAC_DEVICE (HMAC-SHA256 under the
 * device key, as tzcom_hmac_sha256()); TZCOM_DIGEST_HMAC_KEY (HMAC-SHA256
 * under key, 1..TZCOM_DIGEST_KEY_MAX bytes).  tzcom_digest_update() takes
 * any length; large inputs go through a registered buffer of the digest.
 * tzcom_digest_final() writes the digest and frees d, as does
 * tzcom_digest_free() without one.  Return values as tzcom_sha256().
 */
#define TZCOM_DIGEST_SHA256		1u
#define TZCOM_DIGEST_HMAC_DEVICE	2u
#define TZCOM_DIGEST_HMAC_KEY		3u
#define TZCOM_DIGEST_KEY_MAX		128u
struct tzcom_digest;
int tzcom_digest_init(struct tzcom *h, uint32_t alg, const void *key,
		      size_t key_len, struct tzcom_digest **d);
int tzcom_digest_update(struct tzcom_digest *d, const void *data, size_t len);
int tzcom_digest_final(struct tzcom_digest *d, uint8_t out[TZCOM_DIGEST_LEN]);
void tzcom_digest_free(struct tzcom_digest *d);
/* The digest of everything read from fd until end of file. */
int tzcom_digest_fd(struct tzcom *h, uint32_t alg, const void *key,
		    size_t key_len, int fd, uint8_t out[TZCOM_DIGEST_LEN]);

/*
 * Large sealed objects (up to TZCOM_STORE_OBJ_MAX bytes), streamed in
 * both directions: neither world holds the whole object.  A writer
 * stages a new version; the object keeps its old version until
 * tzcom_store_writer_commit() succeeds, and tzcom_store_writer_abort()
 * (or a crash, or a kill) leaves it as it was.  A reader reads any
 * object, whichever way it was put.  Errors as tzcom_store_get().
 */
#define TZCOM_STORE_OBJ_MAX	(1ull << 30)
struct tzcom_store_writer;
struct tzcom_store_reader;
int tzcom_store_writer_open(struct tzcom *h, const char *name,
			    struct tzcom_store_writer **w);
int tzcom_store_writer_write(struct tzcom_store_writer *w, const void *data,
			     size_t len);
/* Seals the rest and commits; frees w whatever the result. */
int tzcom_store_writer_commit(struct tzcom_store_writer *w);
/* Drops the staged version; frees w. */
void tzcom_store_writer_abort(struct tzcom_store_writer *w);
/* *size gets the object's length. */
int tzcom_store_reader_open(struct tzcom *h, const char *name,
			    struct tzcom_store_reader **r, uint64_t *size);
/* Up to cap bytes into buf; *len 0 at the end. */
int tzcom_store_reader_read(struct tzcom_store_reader *r, void *buf,
			    size_t cap, size_t *len);
void tzcom_store_reader_close(struct tzcom_store_reader *r);
/* Whole-file helpers: put everything read from fd; get into fd. */
int tzcom_store_put_fd(struct tzcom *h, const char *name, int fd);
int tzcom_store_get_fd(struct tzcom *h, const char *name, int fd);

#ifdef __cplusplus
}
#endif

#endif /* LIBTZCOM_H */
