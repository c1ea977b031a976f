// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/tzcom and /dev/tzcompriv: misc devices, ioctl front end, module
 * init and exit.
 *
 * Both nodes share one ABI; what an fd may do is fixed at open
 * (docs/driver.md, "Privileges and memory"): /dev/tzcom gives a client
 * (SEND_CMD, ABORT, registered memory, sessions, INVOKE), plus the
 * listener ioctls for non-system services if the opener has
 * CAP_SYS_ADMIN, because the original driver had only this
 * node and its programs run as root; /dev/tzcompriv gives a listener that
 * may also serve the system services.  File permissions on the nodes
 * (udev/60-tzcom.rules) decide who gets which.
 *
 * Each ioctl copies its struct in, checks it, and calls one handler that
 * takes user pointers and lengths as arguments, so the native and the
 * 32-bit compat layouts share every line of logic.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/arm-smccc.h>
#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/device.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/miscdevice.h>
#include <linux/mod_devicetable.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/uaccess.h>
#include <linux/xarray.h>

#include <uapi/linux/tzcom.h>

#include "tzcom_priv.h"

#define CREATE_TRACE_POINTS
#include "tzcom_trace.h"

/* The driver core (docs/driver.md, "The driver core"). */
static struct tzcom_drv tzcom_drv = {
	.files = XARRAY_INIT(tzcom_drv.files, XA_FLAGS_ALLOC),
	/* A parameter given to insmod is set before tzcom_init() runs. */
	.param_lock = __MUTEX_INITIALIZER(tzcom_drv.param_lock),
	.callback_timeout_ms = 5000,
};

static const struct file_operations tzcom_fops;
static struct miscdevice tzcom_priv_misc;

module_param_named(callback_timeout_ms, tzcom_drv.callback_timeout_ms, uint,
		   0644);
MODULE_PARM_DESC(callback_timeout_ms,
		 "How long a callback may wait for its listener (ms) before the secure world gets -ETIMEDOUT");

/*
 * trace: 0 (TZ_TRACE_OFF), 1 (TZ_TRACE_RING: the secure world's
 * per-command lines go to its sb_log ring) or 2 (TZ_TRACE_UART: also to
 * the secure UART, and the driver logs its own steps at KERN_INFO).  A
 * write is sent to the secure world at once as SET_TRACE; one given at
 * load time is sent once the shared buffers are set up.
 */
static int tzcom_trace_set(const char *val, const struct kernel_param *kp)
{
	unsigned int level;
	int ret;

	ret = kstrtouint(val, 0, &level);
	if (ret)
		return ret;
	if (level > TZ_TRACE_UART)
		return -EINVAL;
	WRITE_ONCE(tzcom_drv.trace_level, level);
	return tzcom_sched_set_trace(&tzcom_drv);
}

static const struct kernel_param_ops tzcom_trace_ops = {
	.set = tzcom_trace_set,
	.get = param_get_uint,
};

module_param_cb(trace, &tzcom_trace_ops, &tzcom_drv.trace_level, 0644);
MODULE_PARM_DESC(trace,
		 "Per-step trace: 0 off, 1 secure world's lines in the TZ log ring, 2 also on the secure UART and the driver's own steps at KERN_INFO (the demo)");

/**
 * tzcom_trace() - one "[NS kernel]" line of the protocol's steps
 * @drv: the driver, whose trace level decides KERN_INFO or pr_debug
 * @fmt: printf format
 */
void tzcom_trace(const struct tzcom_drv *drv, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (READ_ONCE(drv->trace_level) >= TZ_TRACE_UART)
		pr_info("[NS kernel] %pV", &vaf);
	else
		pr_debug("[NS kernel] %pV", &vaf);
	va_end(args);
}

/* The original 32-bit layouts, for compat_ioctl. */
struct tzcom_next_cmd_op_req32 {
	u32 svc_id;
	u32 instance_id;
	u32 cmd_id;
	u32 req_len;
	compat_uptr_t req_buf;
};

struct tzcom_send_cmd_op_req32 {
	u32 cmd_id;
	u32 cmd_len;
	compat_uptr_t cmd_buf;
	u32 resp_len;
	compat_uptr_t resp_buf;
};

struct tzcom_cont_cmd_op_req32 {
	u32 cmd_id;
	u32 instance_id;
	u32 resp_len;
	compat_uptr_t resp_buf;
};

#define TZCOM_IOCTL_SEND_CMD_REQ32 \
	_IOWR(TZCOM_IOC_MAGIC, 3, struct tzcom_send_cmd_op_req32)
#define TZCOM_IOCTL_READ_NEXT_CMD_REQ32 \
	_IOWR(TZCOM_IOC_MAGIC, 4, struct tzcom_next_cmd_op_req32)
#define TZCOM_IOCTL_CONTINUE_CMD_REQ32 \
	_IOWR(TZCOM_IOC_MAGIC, 5, struct tzcom_cont_cmd_op_req32)

/* The original driver's 32-bit ioctl numbers (docs/driver.md, "Userspace ABI"). */
static_assert(TZCOM_IOCTL_REGISTER_SERVICE_REQ == 0xC0109701);
static_assert(TZCOM_IOCTL_UNREGISTER_SERVICE_REQ == 0xC0089702);
static_assert(TZCOM_IOCTL_SEND_CMD_REQ32 == 0xC0149703);
static_assert(TZCOM_IOCTL_READ_NEXT_CMD_REQ32 == 0xC0149704);
static_assert(TZCOM_IOCTL_CONTINUE_CMD_REQ32 == 0xC0109705);
static_assert(TZCOM_IOCTL_ABORT_REQ == 0x00009706);
/* No pointers and fixed-size fields: one layout for native and compat. */
static_assert(sizeof(struct tzcom_attach_svc_req) == 16);
static_assert(sizeof(struct tzcom_shm_register_req) == 24);
static_assert(sizeof(struct tzcom_shm_unregister_req) == 8);
static_assert(sizeof(struct tzcom_session_req) == 16);
static_assert(sizeof(struct tzcom_memref) == 24);
static_assert(offsetof(struct tzcom_invoke_req, mem) == 40);
static_assert(sizeof(struct tzcom_invoke_req) == 40 + 4 * 24);
static_assert(TZCOM_INVOKE_MAX_MEM == TZ_MEM_MAX_ARGS);

/* The uapi keeps the original's plain "void *" fields. */
static void __user *tzcom_uptr(void *p)
{
	return u64_to_user_ptr((u64)(uintptr_t)p);
}

static long tzcom_ioctl_register(struct tzcom_file *f,
				 struct tzcom_register_svc_op_req __user *uarg)
{
	struct tzcom_register_svc_op_req req;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	ret = tzcom_listener_register(f, req.svc_id, req.cmd_id_low,
				      req.cmd_id_high, &req.instance_id);
	if (ret)
		return ret;
	if (put_user(req.instance_id, &uarg->instance_id)) {
		/* The caller never learnt the instance id: undo. */
		tzcom_listener_unregister(f, req.svc_id, req.instance_id);
		return -EFAULT;
	}
	return 0;
}

static long tzcom_ioctl_unregister(struct tzcom_file *f,
				   struct tzcom_unregister_svc_op_req __user *uarg)
{
	struct tzcom_unregister_svc_op_req req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_listener_unregister(f, req.svc_id, req.instance_id);
}

static long tzcom_do_send(struct tzcom_file *f, const void __user *cmd_buf,
			  u32 cmd_len, void __user *resp_buf, u32 resp_len,
			  u32 __user *resp_len_out)
{
	int ret;

	ret = tzcom_sched_send(f, cmd_buf, cmd_len, resp_buf, &resp_len, NULL);
	if (ret)
		return ret;
	return put_user(resp_len, resp_len_out);
}

static long tzcom_ioctl_send(struct tzcom_file *f,
			     struct tzcom_send_cmd_op_req __user *uarg)
{
	struct tzcom_send_cmd_op_req req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_do_send(f, tzcom_uptr(req.cmd_buf), req.cmd_len,
			     tzcom_uptr(req.resp_buf), req.resp_len,
			     &uarg->resp_len);
}

static long tzcom_ioctl_read_next(struct file *filp,
				  struct tzcom_next_cmd_op_req __user *uarg)
{
	struct tzcom_next_cmd_op_req req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_listener_read(filp->private_data, req.svc_id,
				   req.instance_id,
				   filp->f_flags & O_NONBLOCK,
				   tzcom_uptr(req.req_buf), req.req_len,
				   &uarg->cmd_id, &uarg->req_len);
}

static long tzcom_ioctl_continue(struct tzcom_file *f,
				 struct tzcom_cont_cmd_op_req __user *uarg)
{
	struct tzcom_cont_cmd_op_req req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_listener_continue(f, req.cmd_id, req.instance_id,
				       tzcom_uptr(req.resp_buf),
				       req.resp_len);
}

/*
 * The caller proves the owner shares the service by holding its fd, as
 * with an fd passed over a unix socket.
 */
static long tzcom_ioctl_attach(struct tzcom_file *f,
			       struct tzcom_attach_svc_req __user *uarg)
{
	struct tzcom_attach_svc_req req;
	struct fd owner;
	long ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags)
		return -EINVAL;
	if (req.owner_fd < 0)
		return -EBADF;
	owner = fdget(req.owner_fd);
	if (!owner.file)
		return -EBADF;
	if (owner.file->f_op != &tzcom_fops)
		ret = -EBADF;
	else
		ret = tzcom_listener_attach(f, owner.file->private_data,
					    req.svc_id, req.instance_id);
	fdput(owner);
	return ret;
}

static long tzcom_ioctl_shm_register(struct tzcom_file *f,
				     struct tzcom_shm_register_req __user *uarg)
{
	struct tzcom_shm_register_req req;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	ret = tzcom_shm_register(f, req.addr, req.size, req.flags, &req.id);
	if (ret)
		return ret;
	if (put_user(req.id, &uarg->id)) {
		/* The caller never learnt the id: undo. */
		tzcom_shm_unregister(f, req.id);
		return -EFAULT;
	}
	return 0;
}

static long tzcom_ioctl_shm_unregister(struct tzcom_file *f,
				       struct tzcom_shm_unregister_req __user *uarg)
{
	struct tzcom_shm_unregister_req req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags)
		return -EINVAL;
	return tzcom_shm_unregister(f, req.id);
}

static long tzcom_ioctl_session_open(struct tzcom_file *f,
				     struct tzcom_session_req __user *uarg)
{
	struct tzcom_session_req req;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved)
		return -EINVAL;
	ret = tzcom_session_open(f, req.svc, &req.session);
	if (ret)
		return ret;
	if (put_user(req.session, &uarg->session)) {
		tzcom_session_close(f, req.session);
		return -EFAULT;
	}
	return 0;
}

static long tzcom_ioctl_session_close(struct tzcom_file *f,
				      struct tzcom_session_req __user *uarg)
{
	struct tzcom_session_req req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved)
		return -EINVAL;
	return tzcom_session_close(f, req.session);
}

/*
 * The session and every registration a memref names are held until the
 * command completes, so neither can be closed or unpinned under it; after
 * a fenced slot, the registrations' pages stay pinned for good.
 */
static long tzcom_ioctl_invoke(struct tzcom_file *f,
			       struct tzcom_invoke_req __user *uarg)
{
	struct tzcom_shm *shm[TZCOM_INVOKE_MAX_MEM] = { };
	struct tzcom_session *sess = NULL;
	struct tzcom_invoke_req req;
	struct tzcom_sched_ext ext = { };
	u32 i, resp_len;
	long ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.flags || req.reserved || req.num_mem > TZCOM_INVOKE_MAX_MEM)
		return -EINVAL;
	if (req.session) {
		ret = tzcom_session_get(f, req.session, &ext.cmd.session,
					&ext.svc, &sess);
		if (ret)
			return ret;
	}
	for (i = 0; i < req.num_mem; i++) {
		const struct tzcom_memref *m = &req.mem[i];

		ret = tzcom_shm_get(f, m->shm_id, m->flags, m->offset, m->size,
				    &ext.cmd.mem[i], &shm[i]);
		if (ret)
			goto out;
	}
	ext.cmd.num_mem = req.num_mem;

	resp_len = req.resp_len;
	ret = tzcom_sched_send(f, u64_to_user_ptr(req.cmd_buf), req.cmd_len,
			       u64_to_user_ptr(req.resp_buf), &resp_len,
			       sess || req.num_mem ? &ext : NULL);
	if (!ret)
		ret = put_user(resp_len, &uarg->resp_len);
out:
	for (i = 0; i < TZCOM_INVOKE_MAX_MEM; i++)
		if (shm[i])
			tzcom_shm_put(f, shm[i], ext.fenced);
	if (sess)
		tzcom_session_put(f, sess);
	return ret;
}

/*
 * The bit is set before anything is woken, and every wait re-checks it,
 * so an ioctl entering concurrently either sees it at entry or is woken.
 */
static long tzcom_ioctl_abort(struct tzcom_file *f)
{
	if (test_and_set_bit(TZCOM_FILE_ABORTED, &f->flags))
		return -ENODEV;
	tzcom_listener_abort(f);
	tzcom_sched_abort(f);
	return 0;
}

static long tzcom_ioctl_native(struct tzcom_file *f, struct file *filp,
			       unsigned int cmd, void __user *uarg)
{
	switch (cmd) {
	case TZCOM_IOCTL_REGISTER_SERVICE_REQ:
		return tzcom_ioctl_register(f, uarg);
	case TZCOM_IOCTL_UNREGISTER_SERVICE_REQ:
		return tzcom_ioctl_unregister(f, uarg);
	case TZCOM_IOCTL_SEND_CMD_REQ:
		return tzcom_ioctl_send(f, uarg);
	case TZCOM_IOCTL_READ_NEXT_CMD_REQ:
		return tzcom_ioctl_read_next(filp, uarg);
	case TZCOM_IOCTL_CONTINUE_CMD_REQ:
		return tzcom_ioctl_continue(f, uarg);
	case TZCOM_IOCTL_ABORT_REQ:
		return tzcom_ioctl_abort(f);
	case TZCOM_IOCTL_ATTACH_SERVICE_REQ:
		return tzcom_ioctl_attach(f, uarg);
	case TZCOM_IOCTL_SHM_REGISTER_REQ:
		return tzcom_ioctl_shm_register(f, uarg);
	case TZCOM_IOCTL_SHM_UNREGISTER_REQ:
		return tzcom_ioctl_shm_unregister(f, uarg);
	case TZCOM_IOCTL_SESSION_OPEN_REQ:
		return tzcom_ioctl_session_open(f, uarg);
	case TZCOM_IOCTL_SESSION_CLOSE_REQ:
		return tzcom_ioctl_session_close(f, uarg);
	case TZCOM_IOCTL_INVOKE_REQ:
		return tzcom_ioctl_invoke(f, uarg);
	default:
		return -ENOTTY;
	}
}

/*
 * An ioctl that fails because ABORT ran meanwhile (its service was dropped,
 * its callback answered) reports -ENODEV, as if ABORT had woken it.
 */
static long tzcom_ioctl_ret(struct tzcom_file *f, long ret)
{
	if (ret && ret != -ENOTTY && tzcom_file_aborted(f))
		return -ENODEV;
	return ret;
}

static long tzcom_ioctl(struct file *filp, unsigned int cmd,
			unsigned long arg)
{
	struct tzcom_file *f = filp->private_data;
	long ret;

	if (tzcom_file_aborted(f))
		return -ENODEV;
	ret = tzcom_ioctl_native(f, filp, cmd, (void __user *)arg);
	return tzcom_ioctl_ret(f, ret);
}

#ifdef CONFIG_COMPAT
static long tzcom_compat_send(struct tzcom_file *f,
			      struct tzcom_send_cmd_op_req32 __user *uarg)
{
	struct tzcom_send_cmd_op_req32 req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_do_send(f, compat_ptr(req.cmd_buf), req.cmd_len,
			     compat_ptr(req.resp_buf), req.resp_len,
			     &uarg->resp_len);
}

static long tzcom_compat_read_next(struct file *filp,
				   struct tzcom_next_cmd_op_req32 __user *uarg)
{
	struct tzcom_next_cmd_op_req32 req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_listener_read(filp->private_data, req.svc_id,
				   req.instance_id,
				   filp->f_flags & O_NONBLOCK,
				   compat_ptr(req.req_buf), req.req_len,
				   &uarg->cmd_id, &uarg->req_len);
}

static long tzcom_compat_continue(struct tzcom_file *f,
				  struct tzcom_cont_cmd_op_req32 __user *uarg)
{
	struct tzcom_cont_cmd_op_req32 req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	return tzcom_listener_continue(f, req.cmd_id, req.instance_id,
				       compat_ptr(req.resp_buf),
				       req.resp_len);
}

static long tzcom_ioctl_compat(struct tzcom_file *f, struct file *filp,
			       unsigned int cmd, void __user *uarg)
{
	switch (cmd) {
	case TZCOM_IOCTL_SEND_CMD_REQ32:
		return tzcom_compat_send(f, uarg);
	case TZCOM_IOCTL_READ_NEXT_CMD_REQ32:
		return tzcom_compat_read_next(filp, uarg);
	case TZCOM_IOCTL_CONTINUE_CMD_REQ32:
		return tzcom_compat_continue(f, uarg);
	/*
	 * These have no pointers, or only __u64 ones, and fixed-size
	 * fields: both layouts are the same.
	 */
	case TZCOM_IOCTL_REGISTER_SERVICE_REQ:
	case TZCOM_IOCTL_UNREGISTER_SERVICE_REQ:
	case TZCOM_IOCTL_ABORT_REQ:
	case TZCOM_IOCTL_ATTACH_SERVICE_REQ:
	case TZCOM_IOCTL_SHM_REGISTER_REQ:
	case TZCOM_IOCTL_SHM_UNREGISTER_REQ:
	case TZCOM_IOCTL_SESSION_OPEN_REQ:
	case TZCOM_IOCTL_SESSION_CLOSE_REQ:
	case TZCOM_IOCTL_INVOKE_REQ:
		return tzcom_ioctl_native(f, filp, cmd, uarg);
	default:
		return -ENOTTY;
	}
}

static long tzcom_compat_ioctl(struct file *filp, unsigned int cmd,
			       unsigned long arg)
{
	struct tzcom_file *f = filp->private_data;
	long ret;

	if (tzcom_file_aborted(f))
		return -ENODEV;
	ret = tzcom_ioctl_compat(f, filp, cmd, compat_ptr(arg));
	return tzcom_ioctl_ret(f, ret);
}
#endif

/* Readable when a callback is queued for a service this fd may read. */
static __poll_t tzcom_poll(struct file *filp, poll_table *wait)
{
	struct tzcom_file *f = filp->private_data;

	poll_wait(filp, &f->poll_wq, wait);
	if (tzcom_file_aborted(f))
		return EPOLLERR | EPOLLHUP;
	if (tzcom_listener_pending(f))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static int tzcom_open(struct inode *inode, struct file *filp)
{
	/* misc_open() points private_data at the node being opened. */
	struct miscdevice *node = filp->private_data;
	struct tzcom_file *f;
	int ret;

	f = kzalloc(sizeof(*f), GFP_KERNEL_ACCOUNT);
	if (!f)
		return -ENOMEM;
	f->drv = &tzcom_drv;
	tzcom_listener_file_init(f);
	mutex_init(&f->res_lock);
	tzcom_shm_file_init(f);
	tzcom_session_file_init(f);
	if (node == &tzcom_priv_misc) {
		__set_bit(TZCOM_FILE_LISTENER, &f->flags);
		__set_bit(TZCOM_FILE_SYSTEM, &f->flags);
	} else if (ns_capable_noaudit(&init_user_ns, CAP_SYS_ADMIN)) {
		__set_bit(TZCOM_FILE_LISTENER, &f->flags);
	}
	ret = xa_alloc(&tzcom_drv.files, &f->id, f, xa_limit_32b,
		       GFP_KERNEL_ACCOUNT);
	if (ret) {
		kfree(f);
		return ret == -EBUSY ? -EMFILE : ret;
	}
	filp->private_data = f;
	return nonseekable_open(inode, filp);
}

static int tzcom_release(struct inode *inode, struct file *filp)
{
	struct tzcom_file *f = filp->private_data;

	tzcom_listener_release(f);
	tzcom_session_release(f);
	tzcom_shm_release(f);
	xa_erase(&f->drv->files, f->id);
	kfree(f);
	return 0;
}

static const struct file_operations tzcom_fops = {
	.owner = THIS_MODULE,
	.open = tzcom_open,
	.release = tzcom_release,
	.unlocked_ioctl = tzcom_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl = tzcom_compat_ioctl,
#endif
	.poll = tzcom_poll,
	.llseek = no_llseek,
};

/* /sys/class/misc/tzcom/services: who serves what, without debugfs. */
static ssize_t services_show(struct device *dev, struct device_attribute *attr,
			     char *buf)
{
	return tzcom_listener_show_services(&tzcom_drv, buf);
}
static DEVICE_ATTR_RO(services);

static struct attribute *tzcom_attrs[] = {
	&dev_attr_services.attr,
	NULL
};
ATTRIBUTE_GROUPS(tzcom);

static struct miscdevice tzcom_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tzcom",
	.fops = &tzcom_fops,
	.groups = tzcom_groups,
};

static struct miscdevice tzcom_priv_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tzcompriv",
	.fops = &tzcom_fops,
};

static int __init tzcom_init(void)
{
	struct arm_smccc_res rev;
	int ret;

	tzcom_listener_init(&tzcom_drv);

	ret = tzcom_smc_probe();
	if (ret)
		return ret;
	ret = tzcom_sched_init(&tzcom_drv);
	if (ret)
		return ret;
	tzcom_log_init(&tzcom_drv);

	/* Last: from here on userspace can reach us. */
	ret = misc_register(&tzcom_misc);
	if (ret) {
		pr_err("load: cannot register /dev/tzcom: %d\n", ret);
		goto out_log;
	}
	ret = misc_register(&tzcom_priv_misc);
	if (ret) {
		pr_err("load: cannot register /dev/tzcompriv: %d\n", ret);
		goto out_misc;
	}
	/* Probe checked the revision; asked again so the banner names both sides. */
	arm_smccc_1_1_smc(TZ_SIP_REVISION, &rev);
	pr_info("version %s: /dev/tzcom ready, secure world SiP revision %u.%u\n",
		TZCOM_VERSION, lower_32_bits(rev.a0), lower_32_bits(rev.a1));
	return 0;

out_misc:
	misc_deregister(&tzcom_misc);
out_log:
	tzcom_log_exit(&tzcom_drv);
	tzcom_sched_exit(&tzcom_drv);
	return ret;
}

static void __exit tzcom_exit(void)
{
	misc_deregister(&tzcom_priv_misc);
	misc_deregister(&tzcom_misc);
	tzcom_log_exit(&tzcom_drv);
	tzcom_sched_exit(&tzcom_drv);
}

module_init(tzcom_init);
module_exit(tzcom_exit);

/*
 * Autoload: a board whose device tree has the tzcom node (docs/driver.md,
 * "Device tree binding") gets a platform device with this modalias, and
 * udev loads the module for it.  The node only says where to look: load
 * still probes the secure world itself (SMCCC conduit, SiP UID) and
 * refuses without it, so no platform driver binds to the device.
 */
static const struct of_device_id tzcom_of_match[] = {
	{ .compatible = "tzcom,tzbsp" },
	{ }
};
MODULE_DEVICE_TABLE(of, tzcom_of_match);

MODULE_DESCRIPTION("TrustZone communicator: /dev/tzcom to the tzcom secure firmware");
MODULE_LICENSE("GPL");
MODULE_VERSION(TZCOM_VERSION);
