// SPDX-License-Identifier: GPL-2.0
/*
 * Shared buffers and the secure call loop (docs/driver.md, "Rules" 3, 4, 6;
 * the wire protocol in docs/protocol.md, sections 0 to 3).
 *
 * The secure world has one scheduler context, so every scheduler call is
 * serialised by tzcom_sched_lock, from NEW through every PENDING until
 * COMPLETE.  The lock is held across the listener wait of a callback,
 * because the secure world cannot run another command until this one
 * completes; each such wait is bounded by callback_timeout_ms, so a stuck
 * listener costs other clients at most that long per callback: a command
 * with N callbacks can hold them for up to N times callback_timeout_ms.
 *
 * Buffers the secure world writes (sb_in's response area, sb_out, the
 * tzcom_response) are read once into kernel-local copies and validated
 * there.  User memory is never touched with the lock held: commands and
 * responses go through a bounce buffer, so a faulting or userfaultfd-backed
 * user page cannot stall every other client.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/signal.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <asm/unaligned.h>

#include "tzcom_priv.h"
#include "tzcom_trace.h"

/* A physically contiguous shared buffer below 4 GiB. */
struct tzcom_sb {
	void *va;
	phys_addr_t pa;
};

/* The scheduler call's request and response (x2 and x4). */
struct tzcom_ctrl {
	struct tzcom_command cmd;
	struct tzcom_response rsp;
};

/* One NEW command and its PENDING resumptions. */
struct tzcom_call {
	struct tzcom_file *f;	/* caller; NULL for the driver's own commands */
	u32 cmd_len;		/* the command is at sb_in + 0 */
	u32 rsp_room;		/* room offered at sb_in + cmd_len */
	u32 rsp_off;		/* out: response offset in sb_in */
	u32 rsp_len;		/* out: response length */
	int cancel;		/* once set: -EINTR (killed) or -ENODEV (ABORT) */
};

static struct tzcom_sb tzcom_sb_in, tzcom_sb_out, tzcom_sb_log;
/* The buffers are handed over and commands may be sent; tzcom_sched_lock. */
static bool tzcom_sched_live;
static struct tzcom_ctrl *tzcom_ctrl;
static phys_addr_t tzcom_ctrl_pa;

/*
 * Serialises scheduler calls and owns sb_in, sb_out and tzcom_ctrl while
 * held.  Clients take it through tzcom_sched_lock_file(), which sleeps on
 * tzcom_sched_wq rather than inside the mutex, so that ABORT can wake them.
 *
 * Sleepers wait exclusively and are queued oldest first; each unlock wakes
 * exactly one of them (a wake_up_all here woke every waiter on every
 * release, each on a vCPU that had to be woken, for one winner).  A client
 * arriving while the lock is free takes it at once, as with a mutex's fast
 * path, so the lock does not sit idle while a sleeper wakes up; the woken
 * sleeper that loses goes back to sleep and the winner's unlock wakes one
 * again, so a wake-up is never lost.  ABORT wakes all sleepers, and only
 * those of the aborted fd leave.
 */
static DEFINE_MUTEX(tzcom_sched_lock);
static DECLARE_WAIT_QUEUE_HEAD(tzcom_sched_wq);

/* Wait condition: the fd was aborted, or we now hold the lock. */
static bool tzcom_sched_lock_ready(struct tzcom_file *f, bool *locked)
{
	if (tzcom_file_aborted(f))
		return true;
	*locked = mutex_trylock(&tzcom_sched_lock);
	return *locked;
}

static void tzcom_sched_unlock(void)
{
	mutex_unlock(&tzcom_sched_lock);
	wake_up(&tzcom_sched_wq);
}

/*
 * The lock is mostly held for one short secure call, so spin for it
 * briefly before sleeping, as a mutex's optimistic spinning does: a
 * contended hand-off then costs no wake-up.  Bounded in time, and stops
 * at once if the scheduler wants the CPU, on ABORT or on a fatal signal.
 */
#define TZCOM_SCHED_SPIN_NS	(50 * NSEC_PER_USEC)

static bool tzcom_sched_spin(struct tzcom_file *f)
{
	u64 end = local_clock() + TZCOM_SCHED_SPIN_NS;

	do {
		if (!mutex_is_locked(&tzcom_sched_lock) &&
		    mutex_trylock(&tzcom_sched_lock))
			return true;
		cpu_relax();
	} while (!need_resched() && !tzcom_file_aborted(f) &&
		 !fatal_signal_pending(current) && local_clock() < end);
	return false;
}

/* Killable, and abortable through the fd: -ERESTARTSYS or -ENODEV. */
static int tzcom_sched_lock_file(struct tzcom_file *f)
{
	bool locked = false;
	int ret;

	if (!tzcom_file_aborted(f) && tzcom_sched_spin(f)) {
		if (!tzcom_file_aborted(f))
			return 0;
		tzcom_sched_unlock();
		return -ENODEV;
	}
	ret = wait_event_killable_exclusive(tzcom_sched_wq,
					    tzcom_sched_lock_ready(f, &locked));
	if (!ret && locked && !tzcom_file_aborted(f))
		return 0;
	if (locked) {
		tzcom_sched_unlock();
	} else {
		/*
		 * We leave without the lock, but an unlock may have chosen
		 * us as the one sleeper to wake: pass its wake-up on.
		 */
		wake_up(&tzcom_sched_wq);
	}
	return ret ? ret : -ENODEV;
}

/* ABORT: wake clients of the aborted fd waiting for the lock. */
void tzcom_sched_abort_wake(void)
{
	wake_up_all(&tzcom_sched_wq);
}

const void *tzcom_sched_log_area(void)
{
	return tzcom_sb_log.va;
}

static int tzcom_sb_alloc(struct tzcom_sb *sb, const char *name)
{
	sb->va = alloc_pages_exact(TZCOM_SB_LEN,
				   GFP_KERNEL | GFP_DMA32 | __GFP_ZERO);
	if (!sb->va) {
		pr_err("load: cannot allocate %s (%u bytes below 4 GiB)\n",
		       name, TZCOM_SB_LEN);
		return -ENOMEM;
	}
	sb->pa = virt_to_phys(sb->va);
	if (sb->pa + TZCOM_SB_LEN > SZ_4G) {
		pr_err("load: %s is not below 4 GiB\n", name);
		free_pages_exact(sb->va, TZCOM_SB_LEN);
		sb->va = NULL;
		return -ENOMEM;
	}
	return 0;
}

static void tzcom_sb_free(struct tzcom_sb *sb)
{
	if (sb->va)
		free_pages_exact(sb->va, TZCOM_SB_LEN);
	sb->va = NULL;
}

/* Write the answer to the current callback at sb_out + 0. */
static void tzcom_sched_answer(u32 cmd_id, int status, const void *data,
			       u32 len)
{
	struct tzcom_callback_rsp *r = tzcom_sb_out.va;

	if (status || !data)
		len = 0;
	if (len)
		memcpy(tzcom_sb_out.va + TZCOM_CB_RSP_DATA_OFF, data, len);
	WRITE_ONCE(r->cmd_id, cmd_id);
	WRITE_ONCE(r->status, status);
	WRITE_ONCE(r->data_len, len);
	WRITE_ONCE(r->data_off, TZCOM_CB_RSP_DATA_OFF);
}

/* INCOMPLETE: read the callback header once, check it, route, answer. */
static void tzcom_sched_callback(struct tzcom_call *call)
{
	const struct tzcom_callback *shared = tzcom_sb_out.va;
	void *rsp = NULL;
	u32 cmd_id, len, off, rsp_len = 0;
	int status;

	cmd_id = READ_ONCE(shared->cmd_id);
	len = READ_ONCE(shared->sb_out_cb_data_len);
	off = READ_ONCE(shared->sb_out_cb_data_off);
	atomic64_inc(&tzcom_stats.callbacks_total);
	tzcom_trace("INCOMPLETE <- secure world: callback 0x%08x (%u B)\n",
		    cmd_id, len);

	if (off < TZCOM_CB_DATA_OFF || off > TZCOM_SB_LEN ||
	    len > TZCOM_SB_LEN - off) {
		atomic64_inc(&tzcom_stats.callbacks_invalid);
		pr_warn_ratelimited("callback 0x%x: data (offset %u, length %u) outside sb_out, answering -EINVAL\n",
				    cmd_id, off, len);
		status = -EINVAL;
	} else if (call->cancel) {
		status = -ECANCELED;
	} else {
		status = tzcom_listener_call(call->f, cmd_id,
					     tzcom_sb_out.va + off, len,
					     &rsp, &rsp_len);
		if (status == -ECANCELED)
			call->cancel = tzcom_file_aborted(call->f) ?
				       -ENODEV : -EINTR;
	}
	if (status == -ECANCELED)
		atomic64_inc(&tzcom_stats.callbacks_cancelled);

	tzcom_sched_answer(cmd_id, status, rsp, rsp_len);
	kvfree(rsp);
	tzcom_trace("callback 0x%08x answered (status %d, %u B): PENDING -> secure world\n",
		    cmd_id, status, status ? 0 : rsp_len);
}

/* COMPLETE: the response must lie in the room offered at sb_in + cmd_len. */
static int tzcom_sched_complete(struct tzcom_call *call, u32 addr, u32 len)
{
	u64 start = (u64)tzcom_sb_in.pa + call->cmd_len;
	u64 skip;

	if (addr < start)
		goto bad;
	skip = addr - start;
	if (skip > call->rsp_room || len > call->rsp_room - skip)
		goto bad;
	call->rsp_off = call->cmd_len + skip;
	call->rsp_len = len;
	return 0;
bad:
	pr_err_ratelimited("COMPLETE: response (length %u) outside the offered area\n",
			   len);
	return -EPROTO;
}

/*
 * NEW, then while INCOMPLETE: route the callback, answer it, PENDING;
 * while PREEMPTED: let the normal world run (its interrupt was taken on
 * the way out of the SMC), RESUME; until COMPLETE.  The exits are a
 * transport error (-EBUSY if every secure thread is in use), a protocol
 * violation, and COMPLETE.
 */
static int __tzcom_sched_call(struct tzcom_call *call)
{
	struct tzcom_smc_sched_desc desc = {
		.cmd_pa = tzcom_ctrl_pa + offsetof(struct tzcom_ctrl, cmd),
		.rsp_pa = tzcom_ctrl_pa + offsetof(struct tzcom_ctrl, rsp),
	};
	struct tzcom_command *cmd = &tzcom_ctrl->cmd;
	struct tzcom_response *rsp = &tzcom_ctrl->rsp;
	u32 type = TZ_SCHED_CMD_NEW;
	u32 status;
	u64 x1;
	int ret;

	lockdep_assert_held(&tzcom_sched_lock);
	atomic64_inc(&tzcom_stats.commands_total);

	while (true) {
		WRITE_ONCE(cmd->cmd_type, type);
		WRITE_ONCE(cmd->sb_in_cmd_addr, (u32)tzcom_sb_in.pa);
		WRITE_ONCE(cmd->sb_in_cmd_len, call->cmd_len);
		WRITE_ONCE(rsp->cmd_status, U32_MAX);
		WRITE_ONCE(rsp->sb_in_rsp_addr,
			   (u32)tzcom_sb_in.pa + call->cmd_len);
		WRITE_ONCE(rsp->sb_in_rsp_len, call->rsp_room);

		trace_tzcom_smc_enter(type, call->cmd_len);
		ret = tzcom_smc_sched(&desc, &x1);
		if (ret == TZ_SMC_PREEMPTED) {
			trace_tzcom_smc_exit(type, ret, U32_MAX);
			atomic64_inc(&tzcom_stats.preempted_total);
			cond_resched();
			type = TZ_SCHED_CMD_RESUME;
			desc.x6 = x1;
			continue;
		}
		if (ret) {
			trace_tzcom_smc_exit(type, ret, U32_MAX);
			if (type != TZ_SCHED_CMD_NEW)
				pr_err_ratelimited("%s failed: %d\n",
						   type == TZ_SCHED_CMD_PENDING ?
						   "PENDING" : "RESUME", ret);
			return ret;
		}

		status = READ_ONCE(rsp->cmd_status);
		trace_tzcom_smc_exit(type, 0, status);
		if (status == TZ_SCHED_STATUS_COMPLETE)
			return tzcom_sched_complete(call,
						    READ_ONCE(rsp->sb_in_rsp_addr),
						    READ_ONCE(rsp->sb_in_rsp_len));
		if (status != TZ_SCHED_STATUS_INCOMPLETE) {
			pr_err_ratelimited("secure world returned status %u\n",
					   status);
			return -EPROTO;
		}

		tzcom_sched_callback(call);
		type = TZ_SCHED_CMD_PENDING;
		desc.x6 = x1;
	}
}

/*
 * The scheduler core's buffer commands belong to the driver: from
 * userspace, INIT_SB_OUT could aim the secure world's callback writes at
 * any normal-world memory, kernel memory included.  Only GET_INFO of
 * service 0 is open to users.
 */
static bool tzcom_sched_user_may_send(u32 cmd_id)
{
	return TZ_CMD_SVC(cmd_id) != TZ_SVC_CORE || cmd_id == TZ_CORE_GET_INFO;
}

/**
 * tzcom_sched_send() - SEND_CMD: run one command in the secure world
 * @f: the client's fd
 * @cmd_buf: user command; its first u32 is the command id
 * @cmd_len: command length, at least 4
 * @resp_buf: user response buffer
 * @resp_len: in: its size, at least 8; out: the response length
 *
 * Return: 0, -EINVAL (lengths), -EFAULT, -EPERM (a scheduler-core command
 * other than GET_INFO), -EDEADLK (this thread read a
 * callback on @f and has not answered it: a listener calling SEND_CMD from
 * its handler), -EINTR
 * (killed while a listener served it; the secure world was drained),
 * -ENODEV (fd aborted), -ERESTARTSYS, -EBUSY, -EPROTO, -ENOMEM, or another
 * transport error.
 */
int tzcom_sched_send(struct tzcom_file *f, const void __user *cmd_buf,
		     u32 cmd_len, void __user *resp_buf, u32 *resp_len)
{
	struct tzcom_call call = {
		.f = f,
		.cmd_len = cmd_len,
		.rsp_room = *resp_len,
	};
	void *bounce;
	int ret;

	if (cmd_len < sizeof(u32) ||
	    call.rsp_room < sizeof(struct tzcom_svc_rsp_hdr) ||
	    cmd_len > TZCOM_SB_LEN || call.rsp_room > TZCOM_SB_LEN - cmd_len)
		return -EINVAL;
	if (tzcom_listener_holds_delivered(f))
		return -EDEADLK;

	bounce = kvmalloc(cmd_len + call.rsp_room, GFP_KERNEL_ACCOUNT);
	if (!bounce)
		return -ENOMEM;
	if (copy_from_user(bounce, cmd_buf, cmd_len) ||
	    clear_user(resp_buf, call.rsp_room)) {
		ret = -EFAULT;
		goto out_free;
	}
	if (!tzcom_sched_user_may_send(get_unaligned_le32(bounce))) {
		ret = -EPERM;
		goto out_free;
	}

	ret = tzcom_sched_lock_file(f);
	if (ret)
		goto out_free;
	atomic_inc(&tzcom_stats.inflight_cmds);
	memcpy(tzcom_sb_in.va, bounce, cmd_len);
	/*
	 * No earlier client's data may show through a short response.  The
	 * client only ever gets bytes from the offered area (COMPLETE must
	 * point inside it), so that area is all that needs clearing; sb_in
	 * beyond it is never copied to anyone.
	 */
	memset(tzcom_sb_in.va + cmd_len, 0, call.rsp_room);
	tzcom_trace("SEND_CMD: NEW cmd 0x%08x (%u B) -> secure world (pid %d)\n",
		    get_unaligned_le32(bounce), cmd_len, task_tgid_nr(current));

	ret = __tzcom_sched_call(&call);
	if (!ret && !call.cancel)
		memcpy(bounce + cmd_len, tzcom_sb_in.va + call.rsp_off,
		       call.rsp_len);
	atomic_dec(&tzcom_stats.inflight_cmds);
	tzcom_sched_unlock();

	if (!ret)
		ret = call.cancel;
	if (!ret) {
		tzcom_trace("SEND_CMD: COMPLETE cmd 0x%08x (%u B response) -> pid %d\n",
			    get_unaligned_le32(bounce), call.rsp_len,
			    task_tgid_nr(current));
		if (copy_to_user(resp_buf, bounce + cmd_len, call.rsp_len))
			ret = -EFAULT;
		else
			*resp_len = call.rsp_len;
	}
out_free:
	kvfree(bounce);
	return ret;
}

/*
 * A scheduler-core command of the driver's own, with the lock held.  Its
 * answer is a tzcom_svc_rsp_hdr (tz_pr_init_sb_rsp_s has the same shape):
 * the id echoed and the status.
 */
static int __tzcom_sched_core(const void *req, u32 req_len)
{
	struct tzcom_svc_rsp_hdr rsp;
	struct tzcom_call call = {
		.cmd_len = req_len,
		.rsp_room = sizeof(rsp),
	};
	u32 cmd_id;
	int ret;

	lockdep_assert_held(&tzcom_sched_lock);
	memcpy(&cmd_id, req, sizeof(cmd_id));
	memcpy(tzcom_sb_in.va, req, req_len);
	memset(tzcom_sb_in.va + req_len, 0, call.rsp_room);
	ret = __tzcom_sched_call(&call);
	if (!ret && call.rsp_len < sizeof(rsp))
		ret = -EPROTO;
	if (!ret) {
		memcpy(&rsp, tzcom_sb_in.va + call.rsp_off, sizeof(rsp));
		if (rsp.cmd_id != cmd_id || rsp.status > 0 ||
		    rsp.status < -MAX_ERRNO)
			ret = -EPROTO;
		else
			ret = rsp.status;
	}
	return ret;
}

/* INIT_SB_OUT, INIT_SB_LOG or RELEASE_SB. */
static int tzcom_sched_core(u32 pr_cmd, u32 sb_pa, u32 sb_len)
{
	const struct tz_pr_init_sb_req_s req = {
		.pr_cmd = pr_cmd,
		.sb_ptr = sb_pa,
		.sb_len = sb_len,
	};
	int ret;

	mutex_lock(&tzcom_sched_lock);
	ret = __tzcom_sched_core(&req, sizeof(req));
	tzcom_sched_unlock();
	return ret;
}

/*
 * SET_TRACE with the level as it is now, read under the lock, so that of
 * two racing writes the one sent last carries the last value stored.  A
 * secure world without SET_TRACE (or one that refuses the level) is
 * reported once; the driver's own lines follow the level regardless.
 */
static void __tzcom_sched_trace(void)
{
	static bool reported;
	const u32 req[2] = { TZ_CORE_SET_TRACE, READ_ONCE(tzcom_trace_level) };
	int ret;

	lockdep_assert_held(&tzcom_sched_lock);
	ret = __tzcom_sched_core(req, sizeof(req));
	if (ret && req[1] != TZ_TRACE_OFF && !reported) {
		reported = true;
		pr_info("the secure world did not take trace level %u (SET_TRACE: %d); only the driver's own lines follow it\n",
			req[1], ret);
	}
}

/**
 * tzcom_sched_set_trace() - send the "trace" parameter to the secure world
 *
 * Before load has set up the shared buffers (a parameter given to insmod)
 * or after unload began, the level is only kept; load sends it.
 *
 * Return: 0 (also if the secure world refused it: reported once), or
 * -EINTR if killed while waiting for the scheduler lock.
 */
int tzcom_sched_set_trace(void)
{
	if (mutex_lock_killable(&tzcom_sched_lock))
		return -EINTR;
	if (tzcom_sched_live)
		__tzcom_sched_trace();
	tzcom_sched_unlock();
	return 0;
}

static void tzcom_sched_free(void)
{
	tzcom_sb_free(&tzcom_sb_log);
	tzcom_sb_free(&tzcom_sb_out);
	tzcom_sb_free(&tzcom_sb_in);
	free_page((unsigned long)tzcom_ctrl);
	tzcom_ctrl = NULL;
}

/*
 * Make the secure world forget sb_out and sb_log.  If it does not answer,
 * keep the buffers forever rather than let it write into freed pages.
 */
static void tzcom_sched_release(const char *when)
{
	int ret = tzcom_sched_core(TZ_CORE_RELEASE_SB, 0, 0);

	if (ret) {
		pr_err("%s: RELEASE_SB failed (%d); keeping the shared buffers\n",
		       when, ret);
		return;
	}
	tzcom_sched_free();
}

/**
 * tzcom_sched_init() - allocate the shared buffers and hand them over
 *
 * Return: 0, or -errno after one message naming the failed step.
 */
int tzcom_sched_init(void)
{
	int ret;

	tzcom_ctrl = (void *)get_zeroed_page(GFP_KERNEL | GFP_DMA32);
	if (!tzcom_ctrl) {
		pr_err("load: cannot allocate the control page\n");
		return -ENOMEM;
	}
	tzcom_ctrl_pa = virt_to_phys(tzcom_ctrl);
	if (tzcom_ctrl_pa + PAGE_SIZE > SZ_4G) {
		pr_err("load: control page is not below 4 GiB\n");
		ret = -ENOMEM;
		goto out_free;
	}
	ret = tzcom_sb_alloc(&tzcom_sb_in, "sb_in");
	if (ret)
		goto out_free;
	ret = tzcom_sb_alloc(&tzcom_sb_out, "sb_out");
	if (ret)
		goto out_free;
	ret = tzcom_sb_alloc(&tzcom_sb_log, "sb_log");
	if (ret)
		goto out_free;

	ret = tzcom_sched_core(TZ_CORE_INIT_SB_OUT, tzcom_sb_out.pa,
			       TZCOM_SB_LEN);
	if (ret) {
		pr_err("load: INIT_SB_OUT failed: %d\n", ret);
		goto out_release;
	}
	ret = tzcom_sched_core(TZ_CORE_INIT_SB_LOG, tzcom_sb_log.pa,
			       TZCOM_SB_LEN);
	if (ret) {
		pr_err("load: INIT_SB_LOG failed: %d\n", ret);
		goto out_release;
	}

	mutex_lock(&tzcom_sched_lock);
	tzcom_sched_live = true;
	__tzcom_sched_trace();
	tzcom_sched_unlock();
	return 0;

out_release:
	tzcom_sched_release("load");
	return ret;
out_free:
	tzcom_sched_free();
	return ret;
}

/*
 * Module unload: no fd is open, so no client holds the lock; a write to
 * the trace parameter may still come until the module is gone.
 */
void tzcom_sched_exit(void)
{
	mutex_lock(&tzcom_sched_lock);
	tzcom_sched_live = false;
	tzcom_sched_unlock();
	tzcom_sched_release("unload");
}
