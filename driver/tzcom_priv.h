/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of tzcom.ko.  Each file has one job:
 *   tzcom_main.c      misc device, ioctl front end (native and compat)
 *   tzcom_smc.c       SMCCC register marshalling, firmware status -> errno
 *   tzcom_sched.c     call slots, the call queue and the NEW/PENDING loop
 *   tzcom_listener.c  service registry and callback objects
 *   tzcom_log.c       debugfs: TZ log ring and counters
 *   tzcom_shm.c       registered memory: pinning, accounting, page lists
 *   tzcom_session.c   sessions: per-fd handles of secure-side sessions
 */
#ifndef TZCOM_PRIV_H
#define TZCOM_PRIV_H

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/printk.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/xarray.h>

#include <tzcom/tzsched.h>

struct tzcom_drv;

/* State of one open /dev/tzcom or /dev/tzcompriv. */
struct tzcom_file {
	struct tzcom_drv *drv;
	unsigned long flags;		/* TZCOM_FILE_* bits, atomic */
	u32 id;				/* index in the driver's file xarray */
	/* Callbacks READ_NEXT handed to this fd, oldest first; drv->reg.lock. */
	struct list_head delivered;
	/* On @delivered, placeholders included (bounded); drv->reg.lock. */
	unsigned int nheld;
	/* Services this fd owns (bounded); drv->reg.lock. */
	unsigned int nsvcs;
	/*
	 * Callbacks this fd's senders wait for an answer to; ABORT completes
	 * them so that the senders cancel.  drv->reg.lock.
	 */
	struct list_head waiting;
	/* Woken when a callback is queued for a service this fd may read. */
	wait_queue_head_t poll_wq;
	/*
	 * Registered memory and sessions (tzcom_shm.c, tzcom_session.c):
	 * guards both xarrays' entries, their in-flight counts and the
	 * totals below.  Never held across a secure call.
	 */
	struct mutex res_lock;
	struct xarray shms;		/* id -> struct tzcom_shm */
	unsigned int nshms;
	u64 shm_bytes;
	u32 shm_next;			/* ids are handed out cyclically */
	struct xarray sessions;		/* handle -> struct tzcom_session */
	unsigned int nsessions;		/* opened, opening ones included */
	u32 session_next;
};

#define TZCOM_FILE_ABORTED	0
/* May REGISTER, READ_NEXT, CONTINUE, UNREGISTER and ATTACH. */
#define TZCOM_FILE_LISTENER	1
/* May also register the system services' ids (storage, time). */
#define TZCOM_FILE_SYSTEM	2

/*
 * Per-fd bounds on what userspace can make the driver keep
 * (docs/driver.md, "Privileges and memory").
 */
#define TZCOM_MAX_HELD_PER_FILE	64	/* delivered + placeholders: -ENOBUFS */
#define TZCOM_MAX_SVCS_PER_FILE	64	/* owned services: -ENOSPC */
#define TZCOM_MAX_READERS_PER_SVC 256	/* attached fds: -ENOSPC */

static inline bool tzcom_file_aborted(const struct tzcom_file *f)
{
	return f && test_bit(TZCOM_FILE_ABORTED, &f->flags);
}

/* Counters shown in /sys/kernel/debug/tzcom/stats. */
struct tzcom_stats {
	atomic_t inflight_cmds;		/* SEND_CMD calls inside the secure loop */
	atomic_t queued_callbacks;	/* callbacks waiting for a reader */
	atomic_t delivered_callbacks;	/* callbacks a reader holds */
	atomic_t revoked_callbacks;	/* placeholders readers still hold */
	atomic_long_t callback_bytes;	/* payloads and answers held */
	atomic_t services;		/* registered services */
	atomic64_t commands_total;	/* NEW commands sent */
	atomic64_t callbacks_total;	/* INCOMPLETE returns handled */
	atomic64_t callbacks_unrouted;	/* answered -ENOENT */
	atomic64_t callbacks_timedout;	/* answered -ETIMEDOUT */
	atomic64_t callbacks_cancelled;	/* answered -ECANCELED */
	atomic64_t callbacks_invalid;	/* bad header, answered -EINVAL */
	atomic_t slots;			/* call slots the driver set up */
	atomic_t threads;		/* secure threads GET_INFO reported */
	atomic_t fenced_slots;		/* slots fenced off after a violation */
	atomic_t cq_waiters;		/* SEND_CMDs waiting for a slot now */
	atomic64_t cq_waits_total;	/* SEND_CMDs that had to wait */
	atomic64_t busy_total;		/* NEW answered TZ_SMC_BUSY */
	atomic64_t preempted_total;	/* TZ_SMC_PREEMPTED returns resumed */
	atomic_t shm_regs;		/* live registrations, all fds */
	atomic_long_t shm_pages_pinned;	/* their pinned data pages */
	atomic_long_t shm_list_pages;	/* their page-list pages */
	atomic_t sessions_open;		/* secure sessions the fds hold */
	atomic64_t sessions_total;	/* SESSION_OPENs that succeeded */
	atomic64_t session_close_failed; /* dropped without a secure CLOSE */
};

/* At most this many commands in flight, whatever the secure world offers. */
#define TZCOM_MAX_SLOTS		8

/* Service registry (tzcom_listener.c). */
struct tzcom_registry {
	/*
	 * Guards @services and @last_instance, every service's queue and dead
	 * flag, every callback's state and list nodes, and every file's
	 * delivered and waiting lists.  Never held across a wait or a user
	 * copy.
	 */
	struct mutex lock;
	struct list_head services;
	u32 last_instance;
};

struct tzcom_sched;	/* call slots and the call queue, tzcom_sched.c */

/*
 * The driver core: one object holds everything the files share, so no
 * file reaches into another's globals.  tzcom_main.c owns the instance.
 */
struct tzcom_drv {
	struct tzcom_sched *sched;
	struct tzcom_registry reg;
	struct tzcom_stats stats;
	/* Every open fd by id, so a service can name the fds it is shared with. */
	struct xarray files;
	unsigned int callback_timeout_ms;	/* module parameter */
	unsigned int trace_level;		/* TZ_TRACE_*, the "trace" parameter */
	/*
	 * Orders SET_TRACE sends (the last value stored is the last sent) and
	 * guards @live, so a parameter write never races load or unload.
	 */
	struct mutex param_lock;
	bool live;			/* the buffers are handed over */
	struct dentry *debugfs;
};

/*
 * One line per protocol step, prefixed "[NS kernel]" so that with the
 * secure world's "[tzbsp]" lines the console reads as a sequence diagram:
 * at KERN_INFO when trace=2 (the live demo), otherwise through dynamic
 * debug, so the kernel log stays quiet by default.
 */
__printf(2, 3) void tzcom_trace(const struct tzcom_drv *drv, const char *fmt,
				...);

/* tzcom_smc.c */
struct tzcom_smc_sched_desc {
	u32 cmd_type;		/* TZ_SCHED_CMD_*: what x6/x7 carry */
	phys_addr_t cmd_pa;	/* struct tzcom_command */
	phys_addr_t rsp_pa;	/* struct tzcom_response */
	phys_addr_t cb_pa;	/* NEW: the callback area, 0 for sb_out */
	u32 cb_len;		/* NEW: its length, 0 with cb_pa 0 */
	u32 cmd_size;		/* NEW: x3, the size of the command struct */
	u32 thread;		/* in: PENDING/RESUME x6; out: x1 */
};

/* tzcom_smc_sched(): the thread was preempted, RESUME it. */
#define TZCOM_SMC_PREEMPTED	1

int tzcom_smc_probe(void);
int tzcom_smc_sched(struct tzcom_smc_sched_desc *desc);

/* tzcom_sched.c */
int tzcom_sched_init(struct tzcom_drv *drv);
void tzcom_sched_exit(struct tzcom_drv *drv);
/*
 * What INVOKE adds to a command: the extended NEW's session and memory
 * arguments (struct tzcom_command_ext without its first three fields,
 * which the call loop fills), and the session's service, which must be
 * the command's.  @fenced is set if the command's slot was fenced off:
 * its secure thread may still use the memory arguments.
 */
struct tzcom_sched_ext {
	u32 svc;
	struct tzcom_command_ext cmd;
	bool fenced;
};

int tzcom_sched_send(struct tzcom_file *f, const void __user *cmd_buf,
		     u32 cmd_len, void __user *resp_buf, u32 *resp_len,
		     struct tzcom_sched_ext *ext);
int tzcom_sched_driver_call(struct tzcom_drv *drv, bool nokill,
			    const void *req, u32 req_len, void *data,
			    u32 data_len);
void tzcom_sched_abort(struct tzcom_file *f);
int tzcom_sched_set_trace(struct tzcom_drv *drv);
const void *tzcom_sched_log_area(struct tzcom_drv *drv);

/* tzcom_listener.c */
void tzcom_listener_init(struct tzcom_drv *drv);
void tzcom_listener_file_init(struct tzcom_file *f);
int tzcom_listener_register(struct tzcom_file *f, u32 svc_id, u32 low,
			    u32 high, u32 *instance_id);
int tzcom_listener_unregister(struct tzcom_file *f, u32 svc_id,
			      u32 instance_id);
int tzcom_listener_read(struct tzcom_file *f, u32 svc_id, u32 instance_id,
			bool nonblock, void __user *req_buf, u32 req_room,
			u32 __user *cmd_id_out, u32 __user *req_len_out);
int tzcom_listener_continue(struct tzcom_file *f, u32 cmd_id,
			    u32 instance_id, const void __user *resp_buf,
			    u32 resp_len);
int tzcom_listener_call(struct tzcom_drv *drv, struct tzcom_file *f,
			u32 cmd_id, const void *data, u32 len, void **rsp,
			u32 *rsp_len);
int tzcom_listener_attach(struct tzcom_file *f, struct tzcom_file *owner,
			  u32 svc_id, u32 instance_id);
bool tzcom_listener_holds_delivered(struct tzcom_file *f);
bool tzcom_listener_pending(struct tzcom_file *f);
void tzcom_listener_abort(struct tzcom_file *f);
void tzcom_listener_release(struct tzcom_file *f);
ssize_t tzcom_listener_show_services(struct tzcom_drv *drv, char *buf);

/* tzcom_shm.c */
struct tzcom_shm;
void tzcom_shm_file_init(struct tzcom_file *f);
int tzcom_shm_register(struct tzcom_file *f, u64 addr, u64 size, u32 flags,
		       u32 *id);
int tzcom_shm_unregister(struct tzcom_file *f, u32 id);
int tzcom_shm_get(struct tzcom_file *f, u32 id, u32 flags, u64 offset,
		  u64 size, struct tzcom_mem_desc *desc,
		  struct tzcom_shm **shm);
void tzcom_shm_put(struct tzcom_file *f, struct tzcom_shm *shm, bool fenced);
void tzcom_shm_release(struct tzcom_file *f);

/* tzcom_session.c */
struct tzcom_session;
void tzcom_session_file_init(struct tzcom_file *f);
int tzcom_session_open(struct tzcom_file *f, u32 svc, u32 *handle);
int tzcom_session_close(struct tzcom_file *f, u32 handle);
int tzcom_session_get(struct tzcom_file *f, u32 handle, u32 *secure_id,
		      u32 *svc, struct tzcom_session **sess);
void tzcom_session_put(struct tzcom_file *f, struct tzcom_session *sess);
void tzcom_session_release(struct tzcom_file *f);

/* tzcom_log.c */
void tzcom_log_init(struct tzcom_drv *drv);
void tzcom_log_exit(struct tzcom_drv *drv);

#endif /* TZCOM_PRIV_H */
