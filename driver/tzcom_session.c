// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions (docs/driver.md, "Registered memory and sessions"; the core
 * commands: docs/protocol.md, section 10).
 *
 * A session is state a secure service keeps between commands.  The driver
 * opens it with TZ_CORE_SESSION_OPEN for one fd, names it by a per-fd
 * handle, substitutes the secure id when an INVOKE names the handle, and
 * closes it with TZ_CORE_SESSION_CLOSE on SESSION_CLOSE or when the fd is
 * released, so a process that dies leaves nothing open in the secure
 * world.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include <uapi/linux/tzcom.h>

#include "tzcom_priv.h"

struct tzcom_session {
	u32 secure_id;
	u32 svc;
	unsigned int inflight;		/* INVOKEs in it; f->res_lock */
};

/**
 * tzcom_session_file_init() - an fd starts with no sessions
 * @f: the new fd
 */
void tzcom_session_file_init(struct tzcom_file *f)
{
	xa_init_flags(&f->sessions, XA_FLAGS_ALLOC1);
}

/*
 * TZ_CORE_SESSION_CLOSE, whatever signals the caller has: a fd released by
 * a dying process still closes its sessions.  The call queue moves as
 * commands complete, so the wait ends; a secure world that broke the
 * protocol ends it with -EPROTO, and the handle is dropped all the same.
 */
static int tzcom_session_destroy(struct tzcom_drv *drv,
				 struct tzcom_session *sess)
{
	const u32 req[2] = { TZ_CORE_SESSION_CLOSE, sess->secure_id };
	int ret;

	ret = tzcom_sched_driver_call(drv, true, req, sizeof(req), NULL, 0);
	if (ret) {
		atomic64_inc(&drv->stats.session_close_failed);
		pr_warn_ratelimited("session of service %u: secure CLOSE failed (%d); handle dropped\n",
				    sess->svc, ret);
	}
	atomic_dec(&drv->stats.sessions_open);
	kfree(sess);
	return ret;
}

/**
 * tzcom_session_open() - SESSION_OPEN: open a secure session for @f
 * @f: the fd that will own it
 * @svc: the service, TZ_SVC_*
 * @handle: out: its handle on @f, never 0
 *
 * Return: 0, -EINVAL (no such service), -EOPNOTSUPP (the service keeps no
 * sessions), -ENOSPC (@f's or the service's sessions are all taken),
 * -ENOMEM, or a transport error as SEND_CMD's.
 */
int tzcom_session_open(struct tzcom_file *f, u32 svc, u32 *handle)
{
	struct tzcom_drv *drv = f->drv;
	const u32 req[2] = { TZ_CORE_SESSION_OPEN, svc };
	struct tzcom_session *sess;
	u32 secure_id;
	int ret;

	/*
	 * A command id has 16 bits of service; the secure world says
	 * -TZ_ENOSYS for one it does not have: both are -EINVAL.
	 */
	if (svc > TZ_CMD_SVC(U32_MAX))
		return -EINVAL;
	sess = kzalloc(sizeof(*sess), GFP_KERNEL_ACCOUNT);
	if (!sess)
		return -ENOMEM;
	if (mutex_lock_killable(&f->res_lock)) {
		kfree(sess);
		return -EINTR;
	}
	/* Counted before the secure call, so racing OPENs respect the limit. */
	if (f->nsessions >= TZCOM_MAX_SESSIONS_PER_FD) {
		mutex_unlock(&f->res_lock);
		kfree(sess);
		return -ENOSPC;
	}
	f->nsessions++;
	mutex_unlock(&f->res_lock);

	ret = tzcom_sched_driver_call(drv, false, req, sizeof(req), &secure_id,
				      sizeof(secure_id));
	if (!ret && !secure_id)
		ret = -EPROTO;
	if (ret) {
		mutex_lock(&f->res_lock);
		f->nsessions--;
		mutex_unlock(&f->res_lock);
		kfree(sess);
		return ret == -TZ_ENOSYS ? -EINVAL : ret;
	}
	sess->secure_id = secure_id;
	sess->svc = svc;
	atomic_inc(&drv->stats.sessions_open);
	atomic64_inc(&drv->stats.sessions_total);

	mutex_lock(&f->res_lock);
	ret = xa_alloc_cyclic(&f->sessions, handle, sess, XA_LIMIT(1, U32_MAX),
			      &f->session_next, GFP_KERNEL_ACCOUNT);
	if (ret < 0)
		f->nsessions--;
	mutex_unlock(&f->res_lock);
	if (ret < 0) {
		tzcom_session_destroy(drv, sess);
		return ret;
	}
	return 0;
}

/**
 * tzcom_session_close() - SESSION_CLOSE: close one of @f's sessions
 * @f: the fd owning it
 * @handle: its handle
 *
 * Once the handle is found idle it is gone, whatever the secure world
 * answers.
 *
 * Return: 0, -ENOENT (no such handle), -EBUSY (an INVOKE runs in it),
 * -EINTR, or the secure CLOSE's error (logged; the handle is gone).
 */
int tzcom_session_close(struct tzcom_file *f, u32 handle)
{
	struct tzcom_session *sess;

	if (mutex_lock_killable(&f->res_lock))
		return -EINTR;
	sess = xa_load(&f->sessions, handle);
	if (!sess || sess->inflight) {
		mutex_unlock(&f->res_lock);
		return sess ? -EBUSY : -ENOENT;
	}
	xa_erase(&f->sessions, handle);
	f->nsessions--;
	mutex_unlock(&f->res_lock);
	return tzcom_session_destroy(f->drv, sess);
}

/**
 * tzcom_session_get() - INVOKE in a session: hold it for the command
 * @f: the fd
 * @handle: the session's handle on @f
 * @secure_id: out: the id the secure world knows it by
 * @svc: out: its service
 * @sess: out: the session, to give to tzcom_session_put()
 *
 * Until tzcom_session_put(), SESSION_CLOSE refuses it with -EBUSY.
 *
 * Return: 0, -ENOENT, -EINTR.
 */
int tzcom_session_get(struct tzcom_file *f, u32 handle, u32 *secure_id,
		      u32 *svc, struct tzcom_session **sess)
{
	struct tzcom_session *s;

	if (mutex_lock_killable(&f->res_lock))
		return -EINTR;
	s = xa_load(&f->sessions, handle);
	if (s) {
		s->inflight++;
		*secure_id = s->secure_id;
		*svc = s->svc;
		*sess = s;
	}
	mutex_unlock(&f->res_lock);
	return s ? 0 : -ENOENT;
}

/**
 * tzcom_session_put() - the command in the session has completed
 * @f: the fd
 * @sess: from tzcom_session_get()
 */
void tzcom_session_put(struct tzcom_file *f, struct tzcom_session *sess)
{
	mutex_lock(&f->res_lock);
	sess->inflight--;
	mutex_unlock(&f->res_lock);
}

/**
 * tzcom_session_release() - the fd is closed: close all its sessions
 * @f: the fd; no ioctl of it can be running
 */
void tzcom_session_release(struct tzcom_file *f)
{
	struct tzcom_session *sess;
	unsigned long handle;

	/* No lock: nothing else can reach @f now, and CLOSE waits. */
	xa_for_each(&f->sessions, handle, sess) {
		WARN_ON(sess->inflight);
		xa_erase(&f->sessions, handle);
		f->nsessions--;
		tzcom_session_destroy(f->drv, sess);
	}
	xa_destroy(&f->sessions);
}
