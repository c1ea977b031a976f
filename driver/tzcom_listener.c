// SPDX-License-Identifier: GPL-2.0
/*
 * Listener registry and callback objects (docs/driver.md, "Rules" 1, 2, 5).
 *
 * Modelled on drivers/tee/optee/supp.c.  Every secure-world callback is
 * one refcounted object with a state:
 *
 *   QUEUED     on its service's queue, waiting for a READ_NEXT
 *   DELIVERED  on the delivered list of the fd that read it, which must
 *              CONTINUE it
 *   ANSWERED   on no list; status and answer are set and the sender is
 *              woken
 *   REVOKED    the sender gave up (timeout, kill, ABORT).  If a reader
 *              holds it, it stays on that reader's list as a placeholder,
 *              so a late CONTINUE gets -EBADF and never touches freed
 *              memory (the CVE-2026-53273 lesson).
 *
 * The payload leaves the object when a reader takes it, so a DELIVERED
 * callback or a placeholder is only this small struct, and each fd may
 * hold at most TZCOM_MAX_HELD_PER_FILE of them: a listener that reads and
 * never answers pins a bounded, small amount of memory.
 *
 * References: the sender holds one for its whole wait; the list the
 * object sits on (a queue or a delivered list) holds one; a reader copying
 * the payload out holds one.  A service is refcounted the same way, so a
 * reader that wakes after UNREGISTER still looks at valid memory.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/capability.h>
#include <linux/completion.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kref.h>
#include <linux/lockdep.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include "tzcom_priv.h"
#include "tzcom_trace.h"

enum tzcom_cb_state {
	TZCOM_CB_QUEUED,
	TZCOM_CB_DELIVERED,
	TZCOM_CB_ANSWERED,
	TZCOM_CB_REVOKED,
};

struct tzcom_svc {
	struct tzcom_drv *drv;
	struct kref ref;
	struct list_head node;		/* on drv->reg.services */
	struct list_head queue;		/* QUEUED callbacks, oldest first */
	wait_queue_head_t wq;		/* READ_NEXT readers of this service */
	struct tzcom_file *owner;	/* valid while registered */
	struct pid *owner_pid;		/* the registering process, for sysfs */
	/* Fds the owner shared it with, by tzcom_file id; valid while live. */
	struct xarray readers;
	unsigned int nreaders;
	u32 svc_id;
	u32 low;
	u32 high;
	u32 instance_id;
	bool dead;			/* unregistered: readers leave */
};

struct tzcom_cb {
	struct tzcom_drv *drv;
	struct kref ref;
	struct list_head node;		/* svc->queue or file->delivered */
	/* On the sender's file->waiting while it waits for the answer. */
	struct list_head wait_node;
	struct completion done;		/* answered, or the sender's fd aborted */
	enum tzcom_cb_state state;
	struct tzcom_svc *svc;		/* counted; where it was routed */
	u32 cmd_id;
	u32 instance_id;		/* svc->instance_id, for CONTINUE */
	pid_t reader_tid;		/* thread that READ_NEXT delivered it to */
	struct tzcom_file *holder;	/* whose delivered list it is on */
	void *req;			/* payload until a reader takes it */
	u32 req_len;
	void *rsp;			/* listener's answer */
	u32 rsp_len;
	int status;			/* 0, or the driver's -errno */
};

/**
 * tzcom_listener_init() - set up the driver's service registry
 * @drv: the driver
 */
void tzcom_listener_init(struct tzcom_drv *drv)
{
	mutex_init(&drv->reg.lock);
	INIT_LIST_HEAD(&drv->reg.services);
	drv->reg.last_instance = 0;
}

static void tzcom_svc_release(struct kref *ref)
{
	struct tzcom_svc *svc = container_of(ref, struct tzcom_svc, ref);

	xa_destroy(&svc->readers);
	put_pid(svc->owner_pid);
	kfree(svc);
}

static void tzcom_svc_put(struct tzcom_svc *svc)
{
	kref_put(&svc->ref, tzcom_svc_release);
}

static void tzcom_cb_release(struct kref *ref)
{
	struct tzcom_cb *cb = container_of(ref, struct tzcom_cb, ref);
	struct tzcom_drv *drv = cb->drv;

	if (cb->svc)
		tzcom_svc_put(cb->svc);
	if (cb->req)
		atomic_long_sub(cb->req_len, &drv->stats.callback_bytes);
	if (cb->rsp)
		atomic_long_sub(cb->rsp_len, &drv->stats.callback_bytes);
	kvfree(cb->req);
	kvfree(cb->rsp);
	kfree(cb);
}

static void tzcom_cb_put(struct tzcom_cb *cb)
{
	kref_put(&cb->ref, tzcom_cb_release);
}

/**
 * tzcom_listener_file_init() - set up the listener state of a new fd
 * @f: the fd
 */
void tzcom_listener_file_init(struct tzcom_file *f)
{
	INIT_LIST_HEAD(&f->delivered);
	INIT_LIST_HEAD(&f->waiting);
	init_waitqueue_head(&f->poll_wq);
}

/* Take @cb off its list, dropping the list's reference. */
static void __tzcom_cb_unlink(struct tzcom_cb *cb)
{
	struct tzcom_drv *drv = cb->drv;

	lockdep_assert_held(&drv->reg.lock);

	if (cb->state == TZCOM_CB_QUEUED)
		atomic_dec(&drv->stats.queued_callbacks);
	else if (cb->state == TZCOM_CB_DELIVERED)
		atomic_dec(&drv->stats.delivered_callbacks);
	else if (cb->state == TZCOM_CB_REVOKED && cb->holder)
		atomic_dec(&drv->stats.revoked_callbacks);
	if (cb->holder) {
		cb->holder->nheld--;
		cb->holder = NULL;
	}
	list_del_init(&cb->node);
	tzcom_cb_put(cb);
}

/* Answer a QUEUED or DELIVERED callback and wake its sender. */
static void __tzcom_cb_answer(struct tzcom_cb *cb, int status)
{
	struct tzcom_drv *drv = cb->drv;

	lockdep_assert_held(&drv->reg.lock);

	cb->status = status;
	__tzcom_cb_unlink(cb);
	cb->state = TZCOM_CB_ANSWERED;
	complete(&cb->done);
}

/*
 * The sender gives up on @cb; a reader holding it keeps a placeholder,
 * which holds no payload: the reader took it at delivery.
 */
static void __tzcom_cb_revoke(struct tzcom_cb *cb)
{
	struct tzcom_drv *drv = cb->drv;

	lockdep_assert_held(&drv->reg.lock);

	if (cb->state == TZCOM_CB_QUEUED) {
		__tzcom_cb_unlink(cb);
	} else if (cb->state == TZCOM_CB_DELIVERED) {
		atomic_dec(&drv->stats.delivered_callbacks);
		atomic_inc(&drv->stats.revoked_callbacks);
	}
	cb->state = TZCOM_CB_REVOKED;
}

/* May @f read @svc's callbacks: its owner or an fd the owner shared it with. */
static bool __tzcom_svc_readable(struct tzcom_svc *svc, struct tzcom_file *f)
{
	struct tzcom_drv *drv = f->drv;

	lockdep_assert_held(&drv->reg.lock);
	return svc->owner == f || xa_load(&svc->readers, f->id);
}

/* A callback is queued for @svc: wake poll() on its owner and readers. */
static void __tzcom_svc_wake_pollers(struct tzcom_svc *svc)
{
	struct tzcom_drv *drv = svc->drv;
	struct tzcom_file *rf;
	unsigned long idx;

	lockdep_assert_held(&drv->reg.lock);
	wake_up_interruptible(&svc->owner->poll_wq);
	xa_for_each(&svc->readers, idx, rf)
		wake_up_interruptible(&rf->poll_wq);
}

/* A callback is queued for @svc: wake its readers and their poll(). */
static void __tzcom_svc_wake(struct tzcom_svc *svc)
{
	wake_up_interruptible(&svc->wq);
	__tzcom_svc_wake_pollers(svc);
}

static bool tzcom_system_ids(u32 svc_id, u32 low, u32 high)
{
	return (svc_id >= TZ_HLOS_SYSTEM_SVC_FIRST &&
		svc_id <= TZ_HLOS_SYSTEM_SVC_LAST) ||
	       (low <= TZ_HLOS_SYSTEM_LAST && TZ_HLOS_SYSTEM_FIRST <= high);
}

static struct tzcom_svc *__tzcom_svc_find(struct tzcom_drv *drv, u32 svc_id,
					  u32 instance_id)
{
	struct tzcom_svc *svc;

	lockdep_assert_held(&drv->reg.lock);
	list_for_each_entry(svc, &drv->reg.services, node)
		if (svc->svc_id == svc_id && svc->instance_id == instance_id)
			return svc;
	return NULL;
}

static struct tzcom_svc *__tzcom_svc_route(struct tzcom_drv *drv, u32 cmd_id)
{
	struct tzcom_svc *svc;

	lockdep_assert_held(&drv->reg.lock);
	list_for_each_entry(svc, &drv->reg.services, node)
		if (cmd_id >= svc->low && cmd_id <= svc->high)
			return svc;
	return NULL;
}

/* Unregister: readers wake with -ENODEV, queued callbacks get -EPIPE. */
static void __tzcom_svc_remove(struct tzcom_svc *svc)
{
	struct tzcom_drv *drv = svc->drv;
	struct tzcom_cb *cb, *tmp;

	lockdep_assert_held(&drv->reg.lock);

	list_del_init(&svc->node);
	svc->dead = true;
	svc->owner->nsvcs--;
	atomic_dec(&drv->stats.services);
	list_for_each_entry_safe(cb, tmp, &svc->queue, node)
		__tzcom_cb_answer(cb, -EPIPE);
	wake_up_interruptible_all(&svc->wq);
	tzcom_svc_put(svc);
}

/**
 * tzcom_listener_register() - add a service for callback ids [low, high]
 * @f: the owning fd
 * @svc_id: unique service id
 * @low: first callback id served
 * @high: last callback id served
 * @instance_id: out, a fresh instance id (never reused)
 *
 * The uniqueness checks and the insert happen under one lock hold, so two
 * racing registrations cannot both succeed.
 *
 * Return: 0, -EPERM (@f lacks the listener privilege, or the system
 * services' ids without TZCOM_FILE_SYSTEM), -EINVAL (low > high), -EBUSY
 * (svc_id taken or the range overlaps another service's), -ENOSPC
 * (instance ids exhausted, or @f owns TZCOM_MAX_SVCS_PER_FILE services),
 * -ENOMEM, -ENODEV (@f was aborted).
 */
int tzcom_listener_register(struct tzcom_file *f, u32 svc_id, u32 low,
			    u32 high, u32 *instance_id)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc, *o;
	int ret = 0;

	if (!test_bit(TZCOM_FILE_LISTENER, &f->flags))
		return -EPERM;
	if (low > high)
		return -EINVAL;
	if (tzcom_system_ids(svc_id, low, high) &&
	    !test_bit(TZCOM_FILE_SYSTEM, &f->flags))
		return -EPERM;

	svc = kzalloc(sizeof(*svc), GFP_KERNEL_ACCOUNT);
	if (!svc)
		return -ENOMEM;
	svc->drv = drv;
	kref_init(&svc->ref);
	INIT_LIST_HEAD(&svc->queue);
	init_waitqueue_head(&svc->wq);
	xa_init(&svc->readers);
	svc->owner = f;
	svc->svc_id = svc_id;
	svc->low = low;
	svc->high = high;

	mutex_lock(&drv->reg.lock);
	/*
	 * ABORT sets the bit before it takes this lock to drop the fd's
	 * services, so checking it here, under the lock, means either ABORT
	 * drops this service or the service is never added.
	 */
	if (tzcom_file_aborted(f)) {
		ret = -ENODEV;
		goto out_unlock;
	}
	list_for_each_entry(o, &drv->reg.services, node) {
		if (o->svc_id == svc_id || (low <= o->high && o->low <= high)) {
			ret = -EBUSY;
			goto out_unlock;
		}
	}
	if (drv->reg.last_instance == U32_MAX ||
	    f->nsvcs >= TZCOM_MAX_SVCS_PER_FILE) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	svc->instance_id = ++drv->reg.last_instance;
	*instance_id = svc->instance_id;
	svc->owner_pid = get_pid(task_tgid(current));
	list_add_tail(&svc->node, &drv->reg.services);
	f->nsvcs++;
	atomic_inc(&drv->stats.services);
	svc = NULL;
out_unlock:
	mutex_unlock(&drv->reg.lock);
	kfree(svc);
	return ret;
}

/*
 * The service (svc_id, instance_id) if @owner owns it, for a call made on
 * @f: -ENODEV if @f was aborted, -EINVAL if there is no such service,
 * -EPERM if another fd owns it.  Caller holds drv->reg.lock.
 */
static int __tzcom_svc_find_owned(struct tzcom_file *f, struct tzcom_file *owner,
				  u32 svc_id, u32 instance_id,
				  struct tzcom_svc **svcp)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc;

	lockdep_assert_held(&drv->reg.lock);
	if (tzcom_file_aborted(f))
		return -ENODEV;
	svc = __tzcom_svc_find(drv, svc_id, instance_id);
	if (!svc)
		return -EINVAL;
	if (svc->owner != owner)
		return -EPERM;
	*svcp = svc;
	return 0;
}

/**
 * tzcom_listener_unregister() - remove a service this fd registered
 * @f: the fd
 * @svc_id: service id
 * @instance_id: instance id REGISTER returned
 *
 * Return: 0, -EINVAL (no such service), -EPERM (another fd owns it, or
 * @f lacks the listener privilege), -ENODEV (@f was aborted; ABORT
 * already dropped its services).
 */
int tzcom_listener_unregister(struct tzcom_file *f, u32 svc_id,
			      u32 instance_id)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc;
	int ret;

	if (!test_bit(TZCOM_FILE_LISTENER, &f->flags))
		return -EPERM;
	mutex_lock(&drv->reg.lock);
	ret = __tzcom_svc_find_owned(f, f, svc_id, instance_id, &svc);
	if (!ret)
		__tzcom_svc_remove(svc);
	mutex_unlock(&drv->reg.lock);
	return ret;
}

/*
 * READ_NEXT's copy-out failed: give the callback, and its payload @req,
 * back to its service.
 */
static void tzcom_cb_undeliver(struct tzcom_cb *cb, void *req)
{
	struct tzcom_drv *drv = cb->drv;

	mutex_lock(&drv->reg.lock);
	if (cb->state == TZCOM_CB_DELIVERED) {
		if (cb->svc->dead) {
			__tzcom_cb_answer(cb, -EPIPE);
		} else {
			cb->holder->nheld--;
			cb->holder = NULL;
			cb->req = req;
			req = NULL;
			if (cb->req)
				atomic_long_add(cb->req_len,
						&drv->stats.callback_bytes);
			list_move(&cb->node, &cb->svc->queue);
			cb->state = TZCOM_CB_QUEUED;
			atomic_dec(&drv->stats.delivered_callbacks);
			atomic_inc(&drv->stats.queued_callbacks);
			__tzcom_svc_wake(cb->svc);
		}
	} else if (cb->state == TZCOM_CB_REVOKED && !list_empty(&cb->node)) {
		/* The reader never saw it, so no placeholder is needed. */
		__tzcom_cb_unlink(cb);
	}
	mutex_unlock(&drv->reg.lock);
	kvfree(req);
}

/* Wait condition of READ_NEXT; the real check is repeated under the lock. */
static bool tzcom_read_ready(struct tzcom_file *f, struct tzcom_svc *svc)
{
	return READ_ONCE(svc->dead) || !list_empty_careful(&svc->queue) ||
	       tzcom_file_aborted(f);
}

/**
 * tzcom_listener_read() - READ_NEXT: wait for the next callback of a service
 * @f: the reading fd; the callback is DELIVERED to it
 * @svc_id: service id
 * @instance_id: instance id of a live service @f owns or is attached to
 * @nonblock: O_NONBLOCK: -EAGAIN instead of waiting
 * @req_buf: user buffer for the payload
 * @req_room: its size
 * @cmd_id_out: user address for the callback id
 * @req_len_out: user address for the payload length (also set on -EMSGSIZE)
 *
 * Any failure to copy out puts the callback back on its queue.  The
 * payload moves from the callback to this call, which frees it once
 * copied: what stays DELIVERED, or becomes a placeholder, holds none.
 *
 * Return: 0, -EPERM (@f lacks the listener privilege, or is neither the
 * owner nor attached), -EINVAL (no such service), -ENODEV (service
 * unregistered or fd aborted), -ENOBUFS (@f holds TZCOM_MAX_HELD_PER_FILE
 * unanswered callbacks), -EAGAIN, -ERESTARTSYS, -EMSGSIZE, -EFAULT.
 */
int tzcom_listener_read(struct tzcom_file *f, u32 svc_id, u32 instance_id,
			bool nonblock, void __user *req_buf, u32 req_room,
			u32 __user *cmd_id_out, u32 __user *req_len_out)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_cb *cb = NULL;
	struct tzcom_svc *svc;
	void *req = NULL;
	u32 need = 0;
	int ret = 0;

	if (!test_bit(TZCOM_FILE_LISTENER, &f->flags))
		return -EPERM;
	mutex_lock(&drv->reg.lock);
	svc = __tzcom_svc_find(drv, svc_id, instance_id);
	if (tzcom_file_aborted(f))
		ret = -ENODEV;
	else if (!svc)
		ret = -EINVAL;
	else if (!__tzcom_svc_readable(svc, f))
		ret = -EPERM;
	else
		kref_get(&svc->ref);
	mutex_unlock(&drv->reg.lock);
	if (ret)
		return ret;

	for (;;) {
		mutex_lock(&drv->reg.lock);
		if (tzcom_file_aborted(f) || svc->dead) {
			ret = -ENODEV;
		} else if (f->nheld >= TZCOM_MAX_HELD_PER_FILE) {
			ret = -ENOBUFS;
		} else if (!list_empty(&svc->queue)) {
			cb = list_first_entry(&svc->queue, struct tzcom_cb, node);
			if (cb->req_len > req_room) {
				need = cb->req_len;
				cb = NULL;
				ret = -EMSGSIZE;
			} else {
				list_move_tail(&cb->node, &f->delivered);
				cb->state = TZCOM_CB_DELIVERED;
				cb->holder = f;
				f->nheld++;
				cb->reader_tid = task_pid_nr(current);
				req = cb->req;
				cb->req = NULL;
				if (req)
					atomic_long_sub(cb->req_len,
							&drv->stats.callback_bytes);
				atomic_dec(&drv->stats.queued_callbacks);
				atomic_inc(&drv->stats.delivered_callbacks);
				kref_get(&cb->ref);
				ret = 0;
			}
		} else {
			ret = nonblock ? -EAGAIN : 1;
		}
		mutex_unlock(&drv->reg.lock);
		if (ret <= 0)
			break;
		ret = wait_event_interruptible(svc->wq,
					       tzcom_read_ready(f, svc));
		if (ret)
			break;
	}

	if (ret == -EMSGSIZE && put_user(need, req_len_out))
		ret = -EFAULT;
	if (cb) {
		if (copy_to_user(req_buf, req, cb->req_len) ||
		    put_user(cb->cmd_id, cmd_id_out) ||
		    put_user(cb->req_len, req_len_out)) {
			tzcom_cb_undeliver(cb, req);
			req = NULL;
			ret = -EFAULT;
		} else {
			trace_tzcom_cb_deliver(cb->cmd_id, cb->req_len);
			tzcom_trace(drv, "READ_NEXT delivered callback 0x%08x (%u B) to pid %d\n",
				    cb->cmd_id, cb->req_len,
				    task_tgid_nr(current));
		}
		kvfree(req);
		tzcom_cb_put(cb);
	}
	tzcom_svc_put(svc);
	return ret;
}

/**
 * tzcom_listener_attach() - ATTACH_SERVICE: let @f read a service of @owner
 * @f: the reader fd
 * @owner: the fd the caller named as the owner; the caller holds it, which
 *	   is the proof that the owner shares the service
 * @svc_id: service id
 * @instance_id: instance id REGISTER returned
 *
 * Return: 0 (also if already attached), -EPERM (@f lacks the listener
 * privilege, or @owner does not own the service), -EINVAL (no such
 * service), -ENOSPC (TZCOM_MAX_READERS_PER_SVC fds attached), -ENODEV
 * (@f aborted), -ENOMEM.
 */
int tzcom_listener_attach(struct tzcom_file *f, struct tzcom_file *owner,
			  u32 svc_id, u32 instance_id)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc;
	int ret;

	if (!test_bit(TZCOM_FILE_LISTENER, &f->flags))
		return -EPERM;
	mutex_lock(&drv->reg.lock);
	ret = __tzcom_svc_find_owned(f, owner, svc_id, instance_id, &svc);
	if (!ret && !__tzcom_svc_readable(svc, f)) {
		if (svc->nreaders >= TZCOM_MAX_READERS_PER_SVC)
			ret = -ENOSPC;
		else if (xa_insert(&svc->readers, f->id, f, GFP_KERNEL_ACCOUNT))
			ret = -ENOMEM;
		else
			svc->nreaders++;
	}
	mutex_unlock(&drv->reg.lock);
	return ret;
}

/*
 * The oldest callback on @f with this cmd_id and instance, preferring one
 * that this thread read: threads sharing an fd may hold callbacks with the
 * same cmd_id, and a late answer must never land on another thread's newer
 * callback (nor its placeholder swallow the other thread's answer).
 */
static int __tzcom_cb_scan_delivered(struct tzcom_file *f, u32 cmd_id,
				     u32 instance_id, pid_t tid,
				     struct tzcom_cb **out, bool *other)
{
	struct tzcom_cb *cb;

	list_for_each_entry(cb, &f->delivered, node) {
		if (cb->cmd_id != cmd_id)
			continue;
		if (cb->instance_id != instance_id) {
			*other = true;
			continue;
		}
		if (tid && cb->reader_tid != tid)
			continue;
		if (cb->state == TZCOM_CB_REVOKED) {
			__tzcom_cb_unlink(cb);
			return -EBADF;
		}
		*out = cb;
		return 0;
	}
	return -ENOENT;
}

static int __tzcom_cb_find_delivered(struct tzcom_file *f, u32 cmd_id,
				     u32 instance_id, struct tzcom_cb **out)
{
	struct tzcom_drv *drv = f->drv;
	bool other = false;
	int ret;

	lockdep_assert_held(&drv->reg.lock);
	ret = __tzcom_cb_scan_delivered(f, cmd_id, instance_id,
					task_pid_nr(current), out, &other);
	if (ret == -ENOENT)
		ret = __tzcom_cb_scan_delivered(f, cmd_id, instance_id, 0,
						out, &other);
	if (ret == -ENOENT)
		ret = other ? -EINVAL : -EBADF;
	return ret;
}

/**
 * tzcom_listener_continue() - CONTINUE: answer a callback this fd read
 * @f: the fd that READ_NEXT delivered the callback to
 * @cmd_id: the callback id READ_NEXT returned
 * @instance_id: the service instance it was read from
 * @resp_buf: user answer
 * @resp_len: answer length, at most TZCOM_CB_RSP_MAX_DATA
 *
 * The answer is copied in before the callback changes state, so a bad
 * pointer leaves the callback DELIVERED and the listener may retry.
 *
 * Return: 0, -EPERM (@f lacks the listener privilege), -EINVAL (resp_len
 * too big, or the callback belongs to another instance), -EBADF (not
 * delivered to this fd, already answered, or revoked because the sender
 * gave up), -EFAULT, -ENOMEM.
 */
int tzcom_listener_continue(struct tzcom_file *f, u32 cmd_id,
			    u32 instance_id, const void __user *resp_buf,
			    u32 resp_len)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_cb *cb;
	void *rsp = NULL;
	int ret;

	if (!test_bit(TZCOM_FILE_LISTENER, &f->flags))
		return -EPERM;
	if (resp_len > TZCOM_CB_RSP_MAX_DATA)
		return -EINVAL;

	mutex_lock(&drv->reg.lock);
	ret = __tzcom_cb_find_delivered(f, cmd_id, instance_id, &cb);
	mutex_unlock(&drv->reg.lock);
	if (ret)
		return ret;

	if (resp_len) {
		rsp = kvmalloc(resp_len, GFP_KERNEL_ACCOUNT);
		if (!rsp)
			return -ENOMEM;
		if (copy_from_user(rsp, resp_buf, resp_len)) {
			kvfree(rsp);
			return -EFAULT;
		}
	}

	/* Look again: the sender may have given up while we copied. */
	mutex_lock(&drv->reg.lock);
	ret = __tzcom_cb_find_delivered(f, cmd_id, instance_id, &cb);
	if (!ret) {
		cb->rsp = rsp;
		cb->rsp_len = resp_len;
		if (rsp)
			atomic_long_add(resp_len, &drv->stats.callback_bytes);
		rsp = NULL;
		__tzcom_cb_answer(cb, 0);
	}
	mutex_unlock(&drv->reg.lock);
	kvfree(rsp);

	if (!ret) {
		trace_tzcom_cb_answer(cmd_id, resp_len);
		tzcom_trace(drv, "CONTINUE answered callback 0x%08x (%u B) from pid %d\n",
			    cmd_id, resp_len, task_tgid_nr(current));
	}
	return ret;
}

/**
 * tzcom_listener_call() - hand one secure-world callback to a listener
 * @drv: the driver
 * @f: the client's fd (its ABORT cancels the wait), or NULL
 * @cmd_id: callback id, routed to the service whose range holds it
 * @data: payload, already copied out of sb_out by the caller
 * @len: payload length
 * @rsp: out, the listener's answer (kvfree it), or NULL
 * @rsp_len: out, its length
 *
 * Waits killably for at most callback_timeout_ms, on the callback's own
 * completion: an answer wakes only its sender.
 *
 * Return: the status for the secure world: 0 (answered), -ENOENT (no
 * service), -EPIPE (the listener went away), -ETIMEDOUT, -ENOMEM, or
 * -ECANCELED if the client was killed or its fd aborted.
 */
int tzcom_listener_call(struct tzcom_drv *drv, struct tzcom_file *f,
			u32 cmd_id, const void *data, u32 len, void **rsp,
			u32 *rsp_len)
{
	unsigned long timeout;
	struct tzcom_svc *svc;
	struct tzcom_cb *cb;
	bool aborted;
	long left;
	int status;

	*rsp = NULL;
	*rsp_len = 0;

	/* Charged to the client whose command made the secure world call. */
	cb = kzalloc(sizeof(*cb), GFP_KERNEL_ACCOUNT);
	if (!cb)
		return -ENOMEM;
	cb->drv = drv;
	kref_init(&cb->ref);		/* the sender's reference */
	INIT_LIST_HEAD(&cb->node);
	INIT_LIST_HEAD(&cb->wait_node);
	init_completion(&cb->done);
	cb->cmd_id = cmd_id;
	cb->req_len = len;
	if (len) {
		cb->req = kvmalloc(len, GFP_KERNEL_ACCOUNT);
		if (!cb->req) {
			tzcom_cb_put(cb);
			return -ENOMEM;
		}
		memcpy(cb->req, data, len);
		atomic_long_add(len, &drv->stats.callback_bytes);
	}

	mutex_lock(&drv->reg.lock);
	svc = __tzcom_svc_route(drv, cmd_id);
	if (!svc) {
		mutex_unlock(&drv->reg.lock);
		tzcom_cb_put(cb);
		atomic64_inc(&drv->stats.callbacks_unrouted);
		trace_tzcom_cb_route(cmd_id, len, 0, 0, -ENOENT);
		tzcom_trace(drv, "callback 0x%08x: no service registered, answering -ENOENT\n",
			    cmd_id);
		return -ENOENT;
	}
	kref_get(&svc->ref);
	cb->svc = svc;
	cb->instance_id = svc->instance_id;
	kref_get(&cb->ref);		/* the queue's reference */
	cb->state = TZCOM_CB_QUEUED;
	list_add_tail(&cb->node, &svc->queue);
	atomic_inc(&drv->stats.queued_callbacks);
	__tzcom_svc_wake_pollers(svc);
	trace_tzcom_cb_route(cmd_id, len, svc->svc_id, svc->instance_id, 0);
	tzcom_trace(drv, "callback 0x%08x (%u B) routed to service 0x%x (instance %u)\n",
		    cmd_id, len, svc->svc_id, svc->instance_id);
	/*
	 * ABORT sets the bit before it takes this lock to complete the
	 * waiting callbacks of the fd: either it sees this one, or we see
	 * the bit and do not wait.
	 */
	aborted = tzcom_file_aborted(f);
	if (f && !aborted)
		list_add_tail(&cb->wait_node, &f->waiting);
	mutex_unlock(&drv->reg.lock);
	/*
	 * Woken after the unlock (cb holds a reference on svc): the reader
	 * takes the lock at once, and waking it under the lock made it wait
	 * for us, spinning on a vCPU the host may need for ours.
	 */
	wake_up_interruptible(&svc->wq);

	timeout = max(1UL,
		      msecs_to_jiffies(READ_ONCE(drv->callback_timeout_ms)));
	left = aborted ? -ECANCELED :
	       wait_for_completion_killable_timeout(&cb->done, timeout);

	mutex_lock(&drv->reg.lock);
	list_del_init(&cb->wait_node);
	if (cb->state == TZCOM_CB_ANSWERED) {
		status = cb->status;
		*rsp = cb->rsp;
		*rsp_len = cb->rsp_len;
		if (cb->rsp)
			atomic_long_sub(cb->rsp_len, &drv->stats.callback_bytes);
		cb->rsp = NULL;
	} else {
		status = left == 0 ? -ETIMEDOUT : -ECANCELED;
		__tzcom_cb_revoke(cb);
	}
	mutex_unlock(&drv->reg.lock);
	tzcom_cb_put(cb);

	if (status == -ETIMEDOUT)
		atomic64_inc(&drv->stats.callbacks_timedout);
	return status;
}

/**
 * tzcom_listener_holds_delivered() - is this thread in a callback handler?
 * @f: the fd
 *
 * A listener that sends from its handler on the fd it read the callback
 * on could wait for a slot that only its own answer frees.  Other threads
 * sharing @f are not blocked by that and may send.
 *
 * Return: true if the calling thread read a callback on @f and has not
 * answered it.
 */
bool tzcom_listener_holds_delivered(struct tzcom_file *f)
{
	struct tzcom_drv *drv = f->drv;
	pid_t tid = task_pid_nr(current);
	struct tzcom_cb *cb;
	bool held = false;

	mutex_lock(&drv->reg.lock);
	list_for_each_entry(cb, &f->delivered, node) {
		if (cb->state == TZCOM_CB_DELIVERED && cb->reader_tid == tid) {
			held = true;
			break;
		}
	}
	mutex_unlock(&drv->reg.lock);
	return held;
}

/**
 * tzcom_listener_pending() - poll(): is there anything for @f to read?
 * @f: the fd
 *
 * Return: true if a callback is queued for a service @f may read.
 */
bool tzcom_listener_pending(struct tzcom_file *f)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc;
	bool pending = false;

	mutex_lock(&drv->reg.lock);
	list_for_each_entry(svc, &drv->reg.services, node) {
		if (!list_empty(&svc->queue) && __tzcom_svc_readable(svc, f)) {
			pending = true;
			break;
		}
	}
	mutex_unlock(&drv->reg.lock);
	return pending;
}

/*
 * Drop everything @f owns: its services (readers wake with -ENODEV, queued
 * callbacks get -EPIPE), its attachments to other fds' services, and the
 * callbacks delivered to it (-EPIPE).
 */
static void __tzcom_file_cleanup(struct tzcom_file *f)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc, *stmp;
	struct tzcom_cb *cb, *ctmp;

	lockdep_assert_held(&drv->reg.lock);

	list_for_each_entry_safe(svc, stmp, &drv->reg.services, node) {
		if (svc->owner == f)
			__tzcom_svc_remove(svc);
		else if (xa_erase(&svc->readers, f->id))
			svc->nreaders--;
	}
	list_for_each_entry_safe(cb, ctmp, &f->delivered, node) {
		if (cb->state == TZCOM_CB_DELIVERED)
			__tzcom_cb_answer(cb, -EPIPE);
		else
			__tzcom_cb_unlink(cb);
	}
}

/**
 * tzcom_listener_abort() - ABORT: the caller set TZCOM_FILE_ABORTED
 * @f: the aborted fd
 *
 * Wakes every READ_NEXT of @f (they may wait on any service) and the
 * listener wait of a SEND_CMD on @f, and drops what @f owns, since the fd
 * can no longer UNREGISTER or CONTINUE.
 *
 * The bit was set before this takes the registry lock, and REGISTER,
 * READ_NEXT and UNREGISTER test it again under the lock: a registry
 * change that won the lock is undone here, one that lost it sees the bit
 * and fails with -ENODEV.  No service of an aborted fd survives.
 */
void tzcom_listener_abort(struct tzcom_file *f)
{
	struct tzcom_drv *drv = f->drv;
	struct tzcom_svc *svc;
	struct tzcom_cb *cb;

	mutex_lock(&drv->reg.lock);
	list_for_each_entry(svc, &drv->reg.services, node)
		wake_up_interruptible_all(&svc->wq);
	__tzcom_file_cleanup(f);
	/* Each sender of @f waiting for a listener cancels its command. */
	list_for_each_entry(cb, &f->waiting, wait_node)
		complete(&cb->done);
	mutex_unlock(&drv->reg.lock);
	wake_up_interruptible_all(&f->poll_wq);
}

/**
 * tzcom_listener_release() - the fd is closing
 * @f: the fd
 *
 * No ioctl can be running on @f any more (each holds a file reference).
 */
void tzcom_listener_release(struct tzcom_file *f)
{
	struct tzcom_drv *drv = f->drv;

	mutex_lock(&drv->reg.lock);
	__tzcom_file_cleanup(f);
	mutex_unlock(&drv->reg.lock);
}

/**
 * tzcom_listener_show_services() - the registry, for sysfs
 * @drv: the driver
 * @buf: a sysfs page
 *
 * One line per service, "svc_id low high owner_pid readers" (hex ids, the
 * owner's pid as the reading process's namespace sees it, 0 if it is not
 * visible there, and the number of fds it shared the service with).
 * Instance ids are left out: they stay the owner's business.  A registry
 * larger than a page is cut at a line boundary.
 *
 * Return: the number of bytes written.
 */
ssize_t tzcom_listener_show_services(struct tzcom_drv *drv, char *buf)
{
	struct tzcom_svc *svc;
	int len = 0, n;

	mutex_lock(&drv->reg.lock);
	list_for_each_entry(svc, &drv->reg.services, node) {
		n = sysfs_emit_at(buf, len, "0x%x 0x%x 0x%x %d %u\n", svc->svc_id,
				  svc->low, svc->high, pid_vnr(svc->owner_pid),
				  svc->nreaders);
		if (!n)
			break;
		len += n;
	}
	mutex_unlock(&drv->reg.lock);
	return len;
}
