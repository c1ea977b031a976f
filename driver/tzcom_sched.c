// SPDX-License-Identifier: GPL-2.0
/*
 * Call slots, the call queue and the secure call loop (docs/driver.md,
 * "Call slots and the call queue"; the wire protocol in docs/protocol.md,
 * sections 1 to 3 and 9).
 *
 * The secure world runs up to TZ_THREADS commands at once, each on its own
 * thread.  Every command in flight owns one call slot: a command/response
 * area, a callback area and its tzcom_command/tzcom_response pair, so
 * commands never share a byte of normal-world memory.  Slot 0 is the
 * seed's sb_in and sb_out.  A SEND_CMD that finds no free slot, or whose
 * NEW the secure world answers BUSY, waits in FIFO order on its own
 * completion, in the style of optee_cq_wait_for_completion() in Linux's
 * OP-TEE driver.  The queue's mutex is held only while a slot changes
 * hands, never across a secure call or a listener wait, so a stalled
 * callback holds only its own slot.
 *
 * Buffers the secure world writes (the response area, the callback area,
 * the tzcom_response) are read once into kernel-local copies and validated
 * there.  User memory is never touched while a slot is held: commands and
 * responses go through a bounce buffer.  An INVOKE's memory arguments are
 * the exception by design: the secure world reads and writes those pinned
 * pages in place (tzcom_shm.c), and the driver never reads them.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
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

/*
 * The scheduler call's request and response (x2 and x4).  A NEW with a
 * session or memory arguments sends the extended request; PENDING and
 * RESUME send the plain one, which is its first three fields.
 */
struct tzcom_ctrl {
	union {
		struct tzcom_command cmd;
		struct tzcom_command_ext ext;
	};
	struct tzcom_response rsp;
};

/* Each slot's tzcom_ctrl sits in its own cache lines of the control page. */
#define TZCOM_CTRL_STRIDE	256
static_assert(offsetof(struct tzcom_command_ext, session) ==
	      sizeof(struct tzcom_command));
static_assert(sizeof(struct tzcom_ctrl) <= TZCOM_CTRL_STRIDE);
static_assert(TZCOM_MAX_SLOTS * TZCOM_CTRL_STRIDE <= PAGE_SIZE);

/* One command in flight at a time. */
struct tzcom_slot {
	unsigned int idx;
	struct tzcom_sb io;		/* command, then response; slot 0: sb_in */
	struct tzcom_sb cb;		/* callbacks and answers; slot 0: sb_out */
	struct tzcom_ctrl *ctrl;
	phys_addr_t ctrl_pa;
	bool busy;			/* a call owns it; sched->lock */
	/*
	 * The secure world broke the protocol on this slot, so its thread
	 * may still write the slot's buffers: never used again, never freed.
	 * sched->lock.
	 */
	bool fenced;
};

/* A SEND_CMD waiting for a slot (or for a free secure thread). */
struct tzcom_cq_waiter {
	struct list_head node;		/* on sched->waiters, oldest first */
	struct completion done;
	struct tzcom_file *f;		/* its ABORT wakes it; NULL: driver's own */
};

struct tzcom_sched {
	struct tzcom_drv *drv;
	struct tzcom_slot slots[TZCOM_MAX_SLOTS];
	unsigned int nslots;
	struct tzcom_sb log;		/* sb_log, one global ring */
	void *ctrl_page;
	phys_addr_t ctrl_pa;

	/*
	 * The call queue: guards every slot's busy and fenced flags, the
	 * waiters and @secure_full.  Held only while a slot changes hands.
	 */
	struct mutex lock;
	struct list_head waiters;
	/*
	 * Calls whose service was busy (TZ_SMC_SERVICE_BUSY), waiting for
	 * some call to complete; they hold no slot.
	 */
	struct list_head svc_waiters;
	unsigned int ncalls;		/* slots owned by a call */
	/* A NEW got BUSY: no slot is handed out until a call ends. */
	bool secure_full;
	/*
	 * Calls completed so far (their secure thread is free again): a call
	 * refused with BUSY compares it with what it saw when it took its
	 * slot, so a thread freed in between is not waited for.
	 */
	u64 completed;
};

/* One command, from taking a slot to giving it back. */
struct tzcom_call {
	struct tzcom_sched *s;
	struct tzcom_file *f;	/* caller; NULL for the driver's own commands */
	/* NEW's session and memory arguments; NULL: the plain NEW */
	const struct tzcom_command_ext *ext;
	/*
	 * The waits for a slot or a service are uninterruptible: closing a
	 * dying process's sessions must reach the secure world.
	 */
	bool nokill;
	struct tzcom_slot *slot;
	u32 cmd_id;
	u32 cmd_len;		/* the command is at io + 0 */
	u32 rsp_room;		/* room offered at io + cmd_len */
	u32 rsp_off;		/* out: response offset in io */
	u32 rsp_len;		/* out: response length */
	int cancel;		/* once set: -EINTR (killed) or -ENODEV (ABORT) */
	bool fence;		/* the slot is to be fenced off when given back */
	bool thread_freed;	/* COMPLETE: the secure thread is free again */
	u64 seen_completed;	/* sched->completed when the slot was taken */
};

/*
 * How many free slots there are now for new commands; 0 after a BUSY until
 * some call ends.
 */
static unsigned int __tzcom_cq_free(struct tzcom_sched *s)
{
	unsigned int i, n = 0;

	lockdep_assert_held(&s->lock);
	if (s->secure_full)
		return 0;
	for (i = 0; i < s->nslots; i++)
		if (!s->slots[i].busy && !s->slots[i].fenced)
			n++;
	return n;
}

static bool __tzcom_cq_all_fenced(struct tzcom_sched *s)
{
	unsigned int i;

	for (i = 0; i < s->nslots; i++)
		if (!s->slots[i].fenced)
			return false;
	return true;
}

/*
 * Wake as many of the oldest waiters as there are free slots (all of them
 * once every slot is fenced: they leave with -EPROTO).  A waiter already
 * woken but not yet running is woken again harmlessly: it re-arms its
 * completion under the lock before each sleep.
 */
static void __tzcom_cq_kick(struct tzcom_sched *s)
{
	unsigned int n = __tzcom_cq_free(s);
	struct tzcom_cq_waiter *w;

	if (__tzcom_cq_all_fenced(s))
		n = UINT_MAX;
	list_for_each_entry(w, &s->waiters, node) {
		if (!n--)
			break;
		complete(&w->done);
	}
}

/*
 * The slot for a caller at position @pos of the queue (its length for a
 * caller not queued yet): only the @pos-th oldest may take the @pos-th
 * free slot, so nobody overtakes an older waiter.
 */
static struct tzcom_slot *__tzcom_cq_slot_for(struct tzcom_sched *s,
					      unsigned int pos)
{
	unsigned int i;

	if (pos >= __tzcom_cq_free(s))
		return NULL;
	for (i = 0; i < s->nslots; i++)
		if (!s->slots[i].busy && !s->slots[i].fenced)
			return &s->slots[i];
	return NULL;
}

/* Position of @me in the queue; with @me NULL (or not queued) its length. */
static unsigned int __tzcom_cq_pos(struct tzcom_sched *s,
				   struct tzcom_cq_waiter *me)
{
	struct tzcom_cq_waiter *w;
	unsigned int pos = 0;

	list_for_each_entry(w, &s->waiters, node) {
		if (w == me)
			break;
		pos++;
	}
	return pos;
}

/*
 * Killable, unless the call must reach the secure world whatever happens
 * to the caller: the queue always moves as commands complete, and the
 * callback timeout bounds how long one may take.
 */
static int tzcom_cq_wait(struct tzcom_call *call, struct completion *done)
{
	if (call->nokill) {
		wait_for_completion(done);
		return 0;
	}
	return wait_for_completion_killable(done);
}

/*
 * Take a slot for @call, waiting in FIFO order for one.  @front: the call
 * was first in line already (its NEW got BUSY), so it queues at the head.
 * The wait is killable and ends on ABORT of the caller's fd; a waiter that
 * leaves passes its wake-up on to the next one.
 *
 * Return: 0, -ENODEV (fd aborted), -EPROTO (every slot is fenced off),
 * -ERESTARTSYS (fatal signal).
 */
static int tzcom_cq_get(struct tzcom_call *call, bool front)
{
	struct tzcom_sched *s = call->s;
	struct tzcom_stats *st = &s->drv->stats;
	struct tzcom_cq_waiter w = { .f = call->f };
	struct tzcom_slot *slot;
	bool queued = false;
	int ret;

	init_completion(&w.done);
	mutex_lock(&s->lock);
	for (;;) {
		if (tzcom_file_aborted(call->f)) {
			ret = -ENODEV;
			break;
		}
		if (__tzcom_cq_all_fenced(s)) {
			ret = -EPROTO;
			break;
		}
		slot = __tzcom_cq_slot_for(s, queued ? __tzcom_cq_pos(s, &w) :
					   front ? 0 : __tzcom_cq_pos(s, NULL));
		if (slot) {
			slot->busy = true;
			s->ncalls++;
			call->slot = slot;
			call->seen_completed = s->completed;
			ret = 0;
			break;
		}
		if (!queued) {
			if (front)
				list_add(&w.node, &s->waiters);
			else
				list_add_tail(&w.node, &s->waiters);
			queued = true;
			atomic_inc(&st->cq_waiters);
			atomic64_inc(&st->cq_waits_total);
		}
		reinit_completion(&w.done);
		mutex_unlock(&s->lock);
		ret = tzcom_cq_wait(call, &w.done);
		mutex_lock(&s->lock);
		if (ret)
			break;
	}
	if (queued) {
		list_del(&w.node);
		atomic_dec(&st->cq_waiters);
		/* Whether it took a slot or left, the next one may now go. */
		__tzcom_cq_kick(s);
	}
	mutex_unlock(&s->lock);
	return ret;
}

/* A call completed: every call waiting for a busy service tries again. */
static void __tzcom_cq_kick_svc(struct tzcom_sched *s)
{
	struct tzcom_cq_waiter *w, *tmp;

	lockdep_assert_held(&s->lock);
	list_for_each_entry_safe(w, tmp, &s->svc_waiters, node) {
		list_del_init(&w->node);
		complete(&w->done);
	}
}

/*
 * NEW answered TZ_SMC_SERVICE_BUSY: the command's service runs one command
 * at a time and another command has it.  Give the slot back, so other
 * services' commands go on, and sleep until some call completes; with
 * none of ours in flight (the service is held by a fenced slot's thread)
 * nothing would, so give up.  Killable, and ABORT of the fd ends it.
 *
 * Return: 0 (try again), -EBUSY, -ENODEV, -ERESTARTSYS.
 */
static int tzcom_cq_svc_busy(struct tzcom_call *call)
{
	struct tzcom_sched *s = call->s;
	struct tzcom_cq_waiter w = { .f = call->f };
	int ret;

	atomic64_inc(&s->drv->stats.busy_total);
	init_completion(&w.done);
	mutex_lock(&s->lock);
	call->slot->busy = false;
	call->slot = NULL;
	s->ncalls--;
	__tzcom_cq_kick(s);
	if (s->completed != call->seen_completed) {
		/* The service may have been freed since: try again at once. */
		mutex_unlock(&s->lock);
		return 0;
	}
	if (!s->ncalls) {
		mutex_unlock(&s->lock);
		return -EBUSY;
	}
	/*
	 * An ABORT between the SERVICE_BUSY answer and here found us on no
	 * list, so its wake-up is not coming: check the flag under the lock
	 * that tzcom_sched_abort() takes, as tzcom_cq_get() does.
	 */
	if (tzcom_file_aborted(call->f)) {
		mutex_unlock(&s->lock);
		return -ENODEV;
	}
	list_add_tail(&w.node, &s->svc_waiters);
	mutex_unlock(&s->lock);

	ret = tzcom_cq_wait(call, &w.done);
	mutex_lock(&s->lock);
	if (!list_empty(&w.node))
		list_del(&w.node);
	mutex_unlock(&s->lock);
	if (ret)
		return ret;
	return tzcom_file_aborted(call->f) ? -ENODEV : 0;
}

/* Give the slot back; fence it if the secure world broke the protocol. */
static void tzcom_cq_put(struct tzcom_call *call)
{
	struct tzcom_sched *s = call->s;

	mutex_lock(&s->lock);
	call->slot->busy = false;
	if (call->fence)
		call->slot->fenced = true;
	s->ncalls--;
	/*
	 * A finished command frees a secure thread.  With no call of ours
	 * left in flight none can free one, so the next NEW may try again
	 * rather than wait for ever.
	 */
	if (call->thread_freed)
		s->completed++;
	if (call->thread_freed || !s->ncalls) {
		s->secure_full = false;
		__tzcom_cq_kick_svc(s);
	}
	__tzcom_cq_kick(s);
	mutex_unlock(&s->lock);
	call->slot = NULL;
}

/*
 * NEW answered BUSY: every secure thread is taken (by a command of ours,
 * since the slots do not outnumber the threads, or by a fenced slot's
 * thread).  Give the slot back and stop handing out slots until a call
 * ends; with none of ours in flight nothing would end, so give up.
 *
 * Return: 0 (wait at the head of the queue), or -EBUSY.
 */
static int tzcom_cq_busy(struct tzcom_call *call)
{
	struct tzcom_sched *s = call->s;
	int ret = 0;

	atomic64_inc(&s->drv->stats.busy_total);
	mutex_lock(&s->lock);
	call->slot->busy = false;
	call->slot = NULL;
	s->ncalls--;
	/* If a thread was freed since the slot was taken, try again at once. */
	if (s->completed == call->seen_completed) {
		if (s->ncalls)
			s->secure_full = true;
		else
			ret = -EBUSY;
	}
	__tzcom_cq_kick(s);
	mutex_unlock(&s->lock);
	return ret;
}

/**
 * tzcom_sched_abort() - ABORT: wake the fd's SEND_CMDs waiting for a slot
 * @f: the aborted fd; TZCOM_FILE_ABORTED is already set
 *
 * Only @f's waiters are woken; they leave with -ENODEV and pass any
 * wake-up meant for them on.
 */
void tzcom_sched_abort(struct tzcom_file *f)
{
	struct tzcom_sched *s = f->drv->sched;
	struct tzcom_cq_waiter *w;

	mutex_lock(&s->lock);
	list_for_each_entry(w, &s->waiters, node)
		if (w->f == f)
			complete(&w->done);
	list_for_each_entry(w, &s->svc_waiters, node)
		if (w->f == f)
			complete(&w->done);
	mutex_unlock(&s->lock);
}

/**
 * tzcom_sched_log_area() - the TZ log ring (sb_log) for debugfs
 * @drv: the driver
 *
 * Return: the ring's kernel address, TZCOM_SB_LEN bytes.
 */
const void *tzcom_sched_log_area(struct tzcom_drv *drv)
{
	return drv->sched->log.va;
}

static int tzcom_sb_alloc(struct tzcom_sb *sb, const char *name,
			  unsigned int idx)
{
	sb->va = alloc_pages_exact(TZCOM_SB_LEN,
				   GFP_KERNEL | GFP_DMA32 | __GFP_ZERO);
	if (!sb->va) {
		pr_err("load: cannot allocate %s %u (%u bytes below 4 GiB)\n",
		       name, idx, TZCOM_SB_LEN);
		return -ENOMEM;
	}
	sb->pa = virt_to_phys(sb->va);
	if (sb->pa + TZCOM_SB_LEN > SZ_4G) {
		pr_err("load: %s %u is not below 4 GiB\n", name, idx);
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

/* Write the answer to the current callback at the callback area + 0. */
static void tzcom_sched_answer(struct tzcom_slot *slot, u32 cmd_id,
			       int status, const void *data, u32 len)
{
	struct tzcom_callback_rsp *r = slot->cb.va;

	if (status || !data)
		len = 0;
	if (len)
		memcpy(slot->cb.va + TZCOM_CB_RSP_DATA_OFF, data, len);
	WRITE_ONCE(r->cmd_id, cmd_id);
	WRITE_ONCE(r->status, status);
	WRITE_ONCE(r->data_len, len);
	WRITE_ONCE(r->data_off, TZCOM_CB_RSP_DATA_OFF);
}

/* INCOMPLETE: read the callback header once, check it, route, answer. */
static void tzcom_sched_callback(struct tzcom_call *call)
{
	struct tzcom_drv *drv = call->s->drv;
	struct tzcom_slot *slot = call->slot;
	const struct tzcom_callback *shared = slot->cb.va;
	void *rsp = NULL;
	u32 cmd_id, len, off, rsp_len = 0;
	int status;

	cmd_id = READ_ONCE(shared->cmd_id);
	len = READ_ONCE(shared->sb_out_cb_data_len);
	off = READ_ONCE(shared->sb_out_cb_data_off);
	atomic64_inc(&drv->stats.callbacks_total);
	tzcom_trace(drv, "INCOMPLETE <- secure world: callback 0x%08x (%u B)\n",
		    cmd_id, len);

	if (off < TZCOM_CB_DATA_OFF || off > TZCOM_SB_LEN ||
	    len > TZCOM_SB_LEN - off) {
		atomic64_inc(&drv->stats.callbacks_invalid);
		pr_warn_ratelimited("callback 0x%x: data (offset %u, length %u) outside the callback area, answering -EINVAL\n",
				    cmd_id, off, len);
		status = -EINVAL;
	} else if (call->cancel) {
		status = -ECANCELED;
	} else {
		status = tzcom_listener_call(drv, call->f, cmd_id,
					     slot->cb.va + off, len,
					     &rsp, &rsp_len);
		if (status == -ECANCELED)
			call->cancel = tzcom_file_aborted(call->f) ?
				       -ENODEV : -EINTR;
	}
	if (status == -ECANCELED)
		atomic64_inc(&drv->stats.callbacks_cancelled);

	tzcom_sched_answer(slot, cmd_id, status, rsp, rsp_len);
	kvfree(rsp);
	tzcom_trace(drv, "callback 0x%08x answered (status %d, %u B): PENDING -> secure world\n",
		    cmd_id, status, status ? 0 : rsp_len);
}

/*
 * The secure world broke the protocol on this slot, so the state of its
 * thread is unknown: the slot is fenced off for good when given back.
 * One line per slot, since it can happen only once to each.
 */
static int tzcom_call_fence(struct tzcom_call *call, const char *what,
			    u32 value)
{
	call->fence = true;
	atomic_inc(&call->s->drv->stats.fenced_slots);
	pr_err("call slot %u fenced off for good: %s %d; the other slots keep working\n",
	       call->slot->idx, what, (int)value);
	return -EPROTO;
}

/* COMPLETE: the response must lie in the room offered at io + cmd_len. */
static int tzcom_call_complete(struct tzcom_call *call, u32 addr, u32 len)
{
	u64 start = (u64)call->slot->io.pa + call->cmd_len;
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
	return tzcom_call_fence(call, "COMPLETE with a response outside the offered area, length",
				len);
}

/*
 * NEW, then until COMPLETE: INCOMPLETE routes the callback, answers it and
 * sends PENDING with the thread id; PREEMPTED yields the CPU and RESUMEs.
 * The exits are a refused NEW (nothing changed in the secure world: -EBUSY
 * when every thread is taken, -EAGAIN when the command's one-at-a-time
 * service is in use), a protocol violation (the slot is fenced),
 * and COMPLETE.
 */
static int tzcom_call_loop(struct tzcom_call *call)
{
	struct tzcom_drv *drv = call->s->drv;
	struct tzcom_slot *slot = call->slot;
	struct tzcom_command *cmd = &slot->ctrl->cmd;
	struct tzcom_response *rsp = &slot->ctrl->rsp;
	struct tzcom_smc_sched_desc desc = {
		.cmd_type = TZ_SCHED_CMD_NEW,
		.cmd_pa = slot->ctrl_pa + offsetof(struct tzcom_ctrl, cmd),
		.rsp_pa = slot->ctrl_pa + offsetof(struct tzcom_ctrl, rsp),
		/* Slot 0's callback area is the INIT_SB_OUT buffer: x6 = 0. */
		.cb_pa = slot->idx ? slot->cb.pa : 0,
		.cb_len = slot->idx ? TZCOM_SB_LEN : 0,
	};
	u32 type, status;
	int ret;

	atomic64_inc(&drv->stats.commands_total);
	while (true) {
		type = desc.cmd_type;
		desc.cmd_size = sizeof(*cmd);
		if (type == TZ_SCHED_CMD_NEW && call->ext) {
			slot->ctrl->ext = *call->ext;
			desc.cmd_size = sizeof(*call->ext);
		}
		WRITE_ONCE(cmd->cmd_type, type);
		WRITE_ONCE(cmd->sb_in_cmd_addr, (u32)slot->io.pa);
		WRITE_ONCE(cmd->sb_in_cmd_len, call->cmd_len);
		WRITE_ONCE(rsp->cmd_status, U32_MAX);
		WRITE_ONCE(rsp->sb_in_rsp_addr,
			   (u32)slot->io.pa + call->cmd_len);
		WRITE_ONCE(rsp->sb_in_rsp_len, call->rsp_room);

		trace_tzcom_smc_enter(type, call->cmd_len, slot->idx);
		ret = tzcom_smc_sched(&desc);
		if (ret == TZCOM_SMC_PREEMPTED) {
			trace_tzcom_smc_exit(type, ret, U32_MAX, slot->idx,
					     desc.thread);
			atomic64_inc(&drv->stats.preempted_total);
			/* The interrupt is taken once we are back in Linux. */
			cond_resched();
			desc.cmd_type = TZ_SCHED_CMD_RESUME;
			continue;
		}
		if (ret) {
			trace_tzcom_smc_exit(type, ret, U32_MAX, slot->idx,
					     desc.thread);
			if (type == TZ_SCHED_CMD_NEW)
				return ret;
			/* The thread is left waiting or in an unknown state. */
			return tzcom_call_fence(call, type == TZ_SCHED_CMD_PENDING ?
						"PENDING refused, errno" :
						"RESUME refused, errno", ret);
		}

		status = READ_ONCE(rsp->cmd_status);
		trace_tzcom_smc_exit(type, 0, status, slot->idx, desc.thread);
		if (status == TZ_SCHED_STATUS_COMPLETE) {
			call->thread_freed = true;
			return tzcom_call_complete(call,
						   READ_ONCE(rsp->sb_in_rsp_addr),
						   READ_ONCE(rsp->sb_in_rsp_len));
		}
		if (status != TZ_SCHED_STATUS_INCOMPLETE)
			return tzcom_call_fence(call, "unknown cmd_status",
						status);

		tzcom_sched_callback(call);
		desc.cmd_type = TZ_SCHED_CMD_PENDING;
	}
}

/*
 * Run one command: take a slot (waiting in the queue), copy the command
 * in, loop to COMPLETE, copy the response out to @rsp_out, give the slot
 * back.  A NEW answered BUSY waits again at the head of the queue.
 */
static int tzcom_call_run(struct tzcom_call *call, const void *req,
			  void *rsp_out)
{
	struct tzcom_drv *drv = call->s->drv;
	bool front = false;
	int ret;

	for (;;) {
		ret = tzcom_cq_get(call, front);
		if (ret)
			return ret;
		atomic_inc(&drv->stats.inflight_cmds);
		memcpy(call->slot->io.va, req, call->cmd_len);
		/*
		 * No earlier command's data may show through a short
		 * response.  The caller only ever gets bytes from the offered
		 * area (COMPLETE must point inside it), so that area is all
		 * that needs clearing.
		 */
		memset(call->slot->io.va + call->cmd_len, 0, call->rsp_room);
		ret = tzcom_call_loop(call);
		if (ret == -EBUSY || ret == -EAGAIN) {
			atomic_dec(&drv->stats.inflight_cmds);
			ret = ret == -EBUSY ? tzcom_cq_busy(call) :
			      tzcom_cq_svc_busy(call);
			if (ret)
				return ret;
			front = true;
			continue;
		}
		break;
	}
	if (!ret && !call->cancel)
		memcpy(rsp_out, call->slot->io.va + call->rsp_off,
		       call->rsp_len);
	atomic_dec(&drv->stats.inflight_cmds);
	tzcom_cq_put(call);
	return ret;
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
 * @ext: INVOKE's session and memory arguments, or NULL
 *
 * Waits in the call queue while every slot is taken.  With @ext, the
 * command goes as the extended NEW; a session's service must be the
 * command's (-EINVAL); @ext->fenced tells whether the slot was fenced.
 *
 * Return: 0, -EINVAL (lengths), -EFAULT, -EPERM (a scheduler-core command
 * other than GET_INFO), -EDEADLK (this thread read a callback on @f and
 * has not answered it: a listener calling SEND_CMD from its handler),
 * -EINTR (killed while a listener served it; the secure world was
 * drained), -ENODEV (fd aborted), -ERESTARTSYS, -EBUSY, -EPROTO (the
 * secure world broke the protocol; that slot is fenced off), -ENOMEM, or
 * another transport error.
 */
int tzcom_sched_send(struct tzcom_file *f, const void __user *cmd_buf,
		     u32 cmd_len, void __user *resp_buf, u32 *resp_len,
		     struct tzcom_sched_ext *ext)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_call call = {
		.s = drv->sched,
		.f = f,
		.ext = ext ? &ext->cmd : NULL,
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
	call.cmd_id = get_unaligned_le32(bounce);
	if (!tzcom_sched_user_may_send(call.cmd_id)) {
		ret = -EPERM;
		goto out_free;
	}
	/* Checked on the copy the secure world gets, not on user memory. */
	if (ext && ext->cmd.session && TZ_CMD_SVC(call.cmd_id) != ext->svc) {
		ret = -EINVAL;
		goto out_free;
	}

	if (ext)
		tzcom_trace(drv,
			    "INVOKE: NEW cmd 0x%08x (%u B, %u memrefs%s) -> secure world (pid %d)\n",
			    call.cmd_id, cmd_len, ext->cmd.num_mem,
			    ext->cmd.session ? ", session" : "",
			    task_tgid_nr(current));
	else
		tzcom_trace(drv, "SEND_CMD: NEW cmd 0x%08x (%u B) -> secure world (pid %d)\n",
			    call.cmd_id, cmd_len, task_tgid_nr(current));
	ret = tzcom_call_run(&call, bounce, bounce + cmd_len);
	if (ext && call.fence)
		ext->fenced = true;
	if (!ret)
		ret = call.cancel;
	if (!ret) {
		tzcom_trace(drv, "SEND_CMD: COMPLETE cmd 0x%08x (%u B response) -> pid %d\n",
			    call.cmd_id, call.rsp_len, task_tgid_nr(current));
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
 * A scheduler-core command of the driver's own, on any free slot.  The
 * answer starts with a tzcom_svc_rsp_hdr (tz_pr_init_sb_rsp_s has the same
 * shape): the id echoed and the status; @data gets the @data_len bytes
 * after it, which must all be there.
 */
static int tzcom_sched_core_call(struct tzcom_sched *s, bool nokill,
				 const void *req, u32 req_len, void *data,
				 u32 data_len)
{
	struct tzcom_svc_rsp_hdr hdr;
	struct tzcom_call call = {
		.s = s,
		.nokill = nokill,
		.cmd_len = req_len,
		.rsp_room = sizeof(hdr) + data_len,
	};
	u8 rsp[sizeof(hdr) + sizeof(struct tzcom_core_info)];
	int ret;

	if (WARN_ON(call.rsp_room > sizeof(rsp)))
		return -EINVAL;
	memcpy(&call.cmd_id, req, sizeof(call.cmd_id));
	ret = tzcom_call_run(&call, req, rsp);
	if (!ret && call.rsp_len < sizeof(hdr))
		ret = -EPROTO;
	if (ret)
		return ret;
	memcpy(&hdr, rsp, sizeof(hdr));
	if (hdr.cmd_id != call.cmd_id || hdr.status > 0 ||
	    hdr.status < -MAX_ERRNO)
		return -EPROTO;
	if (hdr.status)
		return hdr.status;
	if (call.rsp_len < call.rsp_room)
		return -EPROTO;
	if (data_len)
		memcpy(data, rsp + sizeof(hdr), data_len);
	return 0;
}

/* INIT_SB_OUT, INIT_SB_LOG or RELEASE_SB. */
static int tzcom_sched_core(struct tzcom_sched *s, u32 pr_cmd, u32 sb_pa,
			    u32 sb_len)
{
	const struct tz_pr_init_sb_req_s req = {
		.pr_cmd = pr_cmd,
		.sb_ptr = sb_pa,
		.sb_len = sb_len,
	};

	return tzcom_sched_core_call(s, false, &req, sizeof(req), NULL, 0);
}

/**
 * tzcom_sched_driver_call() - a scheduler-core command of the driver's own
 * @drv: the driver
 * @nokill: wait for a slot whatever signals come (a close that must reach
 *	    the secure world); otherwise a fatal signal ends the wait
 * @req: the command, starting with its id
 * @req_len: its length
 * @data: gets the @data_len bytes after the response header
 * @data_len: how many must be there
 *
 * Return: 0, the service's -errno, or a transport error as SEND_CMD's.
 */
int tzcom_sched_driver_call(struct tzcom_drv *drv, bool nokill,
			    const void *req, u32 req_len, void *data,
			    u32 data_len)
{
	return tzcom_sched_core_call(drv->sched, nokill, req, req_len, data,
				     data_len);
}

/*
 * SET_TRACE with the level as it is now, read under param_lock, so that of
 * two racing writes the one sent last carries the last value stored.  A
 * secure world without SET_TRACE (or one that refuses the level) is
 * reported once; the driver's own lines follow the level regardless.
 */
static void __tzcom_sched_trace(struct tzcom_sched *s)
{
	static bool reported;
	const u32 req[2] = { TZ_CORE_SET_TRACE,
			     READ_ONCE(s->drv->trace_level) };
	int ret;

	lockdep_assert_held(&s->drv->param_lock);
	ret = tzcom_sched_core_call(s, false, req, sizeof(req), NULL, 0);
	if (ret && req[1] != TZ_TRACE_OFF && !reported) {
		reported = true;
		pr_info("the secure world did not take trace level %u (SET_TRACE: %d); only the driver's own lines follow it\n",
			req[1], ret);
	}
}

/**
 * tzcom_sched_set_trace() - send the "trace" parameter to the secure world
 * @drv: the driver
 *
 * Before load has set up the shared buffers (a parameter given to insmod)
 * or after unload began, the level is only kept; load sends it.  Runs as
 * one more command next to those in flight.
 *
 * Return: 0 (also if the secure world refused it: reported once), or
 * -EINTR if killed while waiting.
 */
int tzcom_sched_set_trace(struct tzcom_drv *drv)
{
	if (mutex_lock_killable(&drv->param_lock))
		return -EINTR;
	if (drv->live)
		__tzcom_sched_trace(drv->sched);
	mutex_unlock(&drv->param_lock);
	return 0;
}

/* GET_INFO: how many secure threads; firmware before protocol v2 says 0. */
static unsigned int tzcom_sched_threads(struct tzcom_sched *s)
{
	const u32 req = TZ_CORE_GET_INFO;
	struct tzcom_core_info info;
	int ret;

	ret = tzcom_sched_core_call(s, false, &req, sizeof(req), &info,
				    sizeof(info));
	if (ret) {
		pr_warn("load: GET_INFO failed (%d); one call slot\n", ret);
		return 1;
	}
	return max(info.threads, 1U);
}

/*
 * Buffers the secure world may still write are kept, never freed: sb_out
 * and sb_log unless RELEASE_SB succeeded (@released), and a fenced slot's
 * areas and the control page its tzcom_response is in.
 */
static void tzcom_sched_free(struct tzcom_sched *s, bool released)
{
	bool keep_ctrl = !released;
	unsigned int i;

	for (i = 0; i < TZCOM_MAX_SLOTS; i++) {
		struct tzcom_slot *slot = &s->slots[i];

		if (slot->fenced) {
			pr_warn("call slot %u was fenced off; keeping its buffers\n",
				i);
			keep_ctrl = true;
			continue;
		}
		if (!released && i == 0)
			continue;
		tzcom_sb_free(&slot->io);
		tzcom_sb_free(&slot->cb);
	}
	if (released)
		tzcom_sb_free(&s->log);
	if (!keep_ctrl)
		free_page((unsigned long)s->ctrl_page);
	s->drv->sched = NULL;
	kfree(s);
}

/*
 * Make the secure world forget sb_out and sb_log.  If it does not answer,
 * keep those buffers forever rather than let it write into freed pages.
 */
static void tzcom_sched_release(struct tzcom_sched *s, const char *when)
{
	int ret = tzcom_sched_core(s, TZ_CORE_RELEASE_SB, 0, 0);

	if (ret)
		pr_err("%s: RELEASE_SB failed (%d); keeping the shared buffers\n",
		       when, ret);
	tzcom_sched_free(s, !ret);
}

static int tzcom_slot_init(struct tzcom_sched *s, unsigned int idx)
{
	struct tzcom_slot *slot = &s->slots[idx];
	int ret;

	slot->idx = idx;
	slot->ctrl = s->ctrl_page + idx * TZCOM_CTRL_STRIDE;
	slot->ctrl_pa = s->ctrl_pa + idx * TZCOM_CTRL_STRIDE;
	ret = tzcom_sb_alloc(&slot->io, idx ? "command area" : "sb_in", idx);
	if (!ret)
		ret = tzcom_sb_alloc(&slot->cb, idx ? "callback area" : "sb_out",
				     idx);
	if (ret) {
		tzcom_sb_free(&slot->io);
		return ret;
	}
	return 0;
}

/**
 * tzcom_sched_init() - allocate the shared buffers and hand them over
 * @drv: the driver; @drv->sched is set on success
 *
 * Slot 0 (sb_in, sb_out) and sb_log first; INIT_SB_OUT and INIT_SB_LOG;
 * GET_INFO for the number of secure threads; then the other slots (fewer
 * if memory is short); then SET_TRACE with the parameter's level.
 *
 * Return: 0, or -errno after one message naming the failed step.
 */
int tzcom_sched_init(struct tzcom_drv *drv)
{
	struct tzcom_sched *s;
	unsigned int threads, want;
	int ret;

	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->drv = drv;
	mutex_init(&s->lock);
	INIT_LIST_HEAD(&s->waiters);
	INIT_LIST_HEAD(&s->svc_waiters);
	drv->sched = s;

	ret = -ENOMEM;
	s->ctrl_page = (void *)get_zeroed_page(GFP_KERNEL | GFP_DMA32);
	if (!s->ctrl_page) {
		pr_err("load: cannot allocate the control page\n");
		goto out_free;
	}
	s->ctrl_pa = virt_to_phys(s->ctrl_page);
	if (s->ctrl_pa + PAGE_SIZE > SZ_4G) {
		pr_err("load: control page is not below 4 GiB\n");
		goto out_free;
	}
	ret = tzcom_slot_init(s, 0);
	if (ret)
		goto out_free;
	ret = tzcom_sb_alloc(&s->log, "sb_log", 0);
	if (ret)
		goto out_free;
	s->nslots = 1;

	ret = tzcom_sched_core(s, TZ_CORE_INIT_SB_OUT, s->slots[0].cb.pa,
			       TZCOM_SB_LEN);
	if (ret) {
		pr_err("load: INIT_SB_OUT failed: %d\n", ret);
		goto out_release;
	}
	ret = tzcom_sched_core(s, TZ_CORE_INIT_SB_LOG, s->log.pa, TZCOM_SB_LEN);
	if (ret) {
		pr_err("load: INIT_SB_LOG failed: %d\n", ret);
		goto out_release;
	}

	threads = tzcom_sched_threads(s);
	want = min_t(unsigned int, threads, TZCOM_MAX_SLOTS);
	while (s->nslots < want && !tzcom_slot_init(s, s->nslots)) {
		mutex_lock(&s->lock);
		s->nslots++;
		mutex_unlock(&s->lock);
	}
	if (s->nslots < want)
		pr_warn("load: %u call slots of %u (out of memory)\n",
			s->nslots, want);
	atomic_set(&drv->stats.threads, threads);
	atomic_set(&drv->stats.slots, s->nslots);

	mutex_lock(&drv->param_lock);
	drv->live = true;
	__tzcom_sched_trace(s);
	mutex_unlock(&drv->param_lock);
	return 0;

out_release:
	tzcom_sched_release(s, "load");
	return ret;
out_free:
	tzcom_sched_free(s, true);
	return ret;
}

/**
 * tzcom_sched_exit() - module unload: take the buffers back
 * @drv: the driver
 *
 * No fd is open, so no SEND_CMD is in flight; a write to the trace
 * parameter may still come until the module is gone, and is waited for.
 */
void tzcom_sched_exit(struct tzcom_drv *drv)
{
	mutex_lock(&drv->param_lock);
	drv->live = false;
	mutex_unlock(&drv->param_lock);
	tzcom_sched_release(drv->sched, "unload");
}
