/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the files of tzcom.ko.  Each file has one job:
 *   tzcom_main.c      misc device, ioctl front end (native and compat)
 *   tzcom_smc.c       SMCCC register marshalling, firmware status -> errno
 *   tzcom_sched.c     shared buffers and the NEW/PENDING call loop
 *   tzcom_listener.c  service registry and callback objects
 *   tzcom_log.c       debugfs: TZ log ring and counters
 */
#ifndef TZCOM_PRIV_H
#define TZCOM_PRIV_H

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/printk.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <tzcom/tzsched.h>

/* State of one open /dev/tzcom or /dev/tzcompriv. */
struct tzcom_file {
	unsigned long flags;		/* TZCOM_FILE_* bits, atomic */
	u32 id;				/* index in the driver's file xarray */
	/* Callbacks READ_NEXT handed to this fd, oldest first; tzcom_reg_lock. */
	struct list_head delivered;
	/* On @delivered, placeholders included (bounded); tzcom_reg_lock. */
	unsigned int nheld;
	/* Services this fd owns (bounded); tzcom_reg_lock. */
	unsigned int nsvcs;
	/* Woken when a callback is queued for a service this fd may read. */
	wait_queue_head_t poll_wq;
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
	atomic64_t preempted_total;	/* PREEMPTED returns resumed */
	atomic64_t callbacks_unrouted;	/* answered -ENOENT */
	atomic64_t callbacks_timedout;	/* answered -ETIMEDOUT */
	atomic64_t callbacks_cancelled;	/* answered -ECANCELED */
	atomic64_t callbacks_invalid;	/* bad header, answered -EINVAL */
};

extern struct tzcom_stats tzcom_stats;
extern unsigned int tzcom_callback_timeout_ms;
extern unsigned int tzcom_trace_level;	/* TZ_TRACE_*, the "trace" parameter */

/*
 * One line per protocol step, prefixed "[NS kernel]" so that with the
 * secure world's "[tzbsp]" lines the console reads as a sequence diagram:
 * at KERN_INFO when trace=2 (the live demo), otherwise through dynamic
 * debug, so the kernel log stays quiet by default.
 */
__printf(1, 2) void tzcom_trace(const char *fmt, ...);

/* tzcom_smc.c */
struct tzcom_smc_sched_desc {
	phys_addr_t cmd_pa;	/* struct tzcom_command */
	phys_addr_t rsp_pa;	/* struct tzcom_response */
	u64 x6;			/* NEW: callback area (0: sb_out); else thread id */
	u64 x7;			/* NEW: callback area length */
};

int tzcom_smc_probe(void);
int tzcom_smc_sched(const struct tzcom_smc_sched_desc *desc, u64 *x1);

/* tzcom_sched.c */
int tzcom_sched_init(void);
void tzcom_sched_exit(void);
int tzcom_sched_send(struct tzcom_file *f, const void __user *cmd_buf,
		     u32 cmd_len, void __user *resp_buf, u32 *resp_len);
void tzcom_sched_abort_wake(void);
int tzcom_sched_set_trace(void);
const void *tzcom_sched_log_area(void);

/* tzcom_listener.c */
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
int tzcom_listener_call(struct tzcom_file *f, u32 cmd_id, const void *data,
			u32 len, void **rsp, u32 *rsp_len);
int tzcom_listener_attach(struct tzcom_file *f, struct tzcom_file *owner,
			  u32 svc_id, u32 instance_id);
bool tzcom_listener_holds_delivered(struct tzcom_file *f);
bool tzcom_listener_pending(struct tzcom_file *f);
void tzcom_listener_abort(struct tzcom_file *f);
void tzcom_listener_release(struct tzcom_file *f);
ssize_t tzcom_listener_show_services(char *buf);

/* tzcom_log.c */
void tzcom_log_init(void);
void tzcom_log_exit(void);

#endif /* TZCOM_PRIV_H */
