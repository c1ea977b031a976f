// SPDX-License-Identifier: GPL-2.0
/*
 * tzcom_canary: plants one known bug on demand, for `make check-debug`
 * only.  The debug kernel's detectors are what stands between a driver
 * bug and a green run; a detector that is configured out or silenced
 * would pass everything.  So before the guest suite's clean dmesg counts,
 * tests/check-debug writes each name below to
 * /sys/kernel/debug/tzcom_canary/plant and checks that the matching
 * report appears.  Never load this on a kernel anyone uses.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timer.h>
#include <linux/uaccess.h>

static struct dentry *canary_dir;
static void *canary_leak;

/* KASAN: a one-byte read past a kmalloc'ed object. */
static noinline void plant_kasan(void)
{
	char *p = kmalloc(17, GFP_KERNEL);
	size_t off = 17;

	if (!p)
		return;
	OPTIMIZER_HIDE_VAR(off);
	pr_info("kasan: read at offset 17 of a 17-byte object: %d\n", READ_ONCE(p[off]));
	kfree(p);
}

/* UBSAN: a shift by more than the type's width. */
static noinline void plant_ubsan(void)
{
	int shift = 40;
	u32 v = 1;

	OPTIMIZER_HIDE_VAR(shift);
	pr_info("ubsan: 1 << %d on u32 gives %u\n", shift, v << shift);
}

/* Lockdep: A then B, later B then A (never concurrently, so no deadlock). */
static DEFINE_MUTEX(canary_a);
static DEFINE_MUTEX(canary_b);

static noinline void plant_lockdep(void)
{
	mutex_lock(&canary_a);
	mutex_lock(&canary_b);
	mutex_unlock(&canary_b);
	mutex_unlock(&canary_a);
	mutex_lock(&canary_b);
	mutex_lock(&canary_a);
	mutex_unlock(&canary_a);
	mutex_unlock(&canary_b);
}

/* DEBUG_ATOMIC_SLEEP: a might-sleep point under a spinlock. */
static DEFINE_SPINLOCK(canary_spin);

static noinline void plant_atomic_sleep(void)
{
	spin_lock(&canary_spin);
	might_sleep();
	spin_unlock(&canary_spin);
}

/* DEBUG_LIST: adding an entry between two nodes that do not link up. */
static noinline void plant_list(void)
{
	LIST_HEAD(head);
	struct list_head a, b, bogus;

	INIT_LIST_HEAD(&bogus);
	list_add(&a, &head);
	head.next = &bogus;	/* the corruption: next->prev no longer head */
	list_add(&b, &head);	/* refused and reported by __list_add_valid */
}

/* DEBUG_OBJECTS: freeing a timer that is still pending. */
static void canary_timer_fn(struct timer_list *t)
{
}

static noinline void plant_odebug(void)
{
	struct timer_list *t = kmalloc(sizeof(*t), GFP_KERNEL);

	if (!t)
		return;
	timer_setup(t, canary_timer_fn, 0);
	mod_timer(t, jiffies + 3600 * HZ);
	kfree(t);	/* ODEBUG reports it and deactivates the timer */
}

/* kmemleak: an object nothing points to any more. */
static noinline void plant_kmemleak(void)
{
	canary_leak = kmalloc(1024, GFP_KERNEL);
	canary_leak = NULL;
}

/* Hung task: this writer sleeps uninterruptibly for 8 s. */
static noinline void plant_hung_task(void)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(8 * HZ);
}

/* Soft lockup: 6 s on this CPU with preemption off. */
static noinline void plant_soft_lockup(void)
{
	int i;

	preempt_disable();
	for (i = 0; i < 6000; i++)
		mdelay(1);
	preempt_enable();
}

static const struct {
	const char *name;
	void (*plant)(void);
} canaries[] = {
	{ "kasan", plant_kasan },
	{ "ubsan", plant_ubsan },
	{ "lockdep", plant_lockdep },
	{ "atomic_sleep", plant_atomic_sleep },
	{ "list", plant_list },
	{ "odebug", plant_odebug },
	{ "kmemleak", plant_kmemleak },
	{ "hung_task", plant_hung_task },
	{ "soft_lockup", plant_soft_lockup },
};

static ssize_t plant_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	char name[32];
	size_t i;

	if (len == 0 || len >= sizeof(name))
		return -EINVAL;
	if (copy_from_user(name, ubuf, len))
		return -EFAULT;
	name[len] = '\0';
	strim(name);
	for (i = 0; i < ARRAY_SIZE(canaries); i++) {
		if (!strcmp(name, canaries[i].name)) {
			pr_info("planting %s\n", name);
			canaries[i].plant();
			pr_info("planted %s\n", name);
			return len;
		}
	}
	return -ENOENT;
}

static const struct file_operations plant_fops = {
	.owner = THIS_MODULE,
	.write = plant_write,
	.llseek = noop_llseek,
};

static int __init canary_init(void)
{
	canary_dir = debugfs_create_dir("tzcom_canary", NULL);
	debugfs_create_file("plant", 0200, canary_dir, NULL, &plant_fops);
	return 0;
}

static void __exit canary_exit(void)
{
	debugfs_remove_recursive(canary_dir);
}

module_init(canary_init);
module_exit(canary_exit);
MODULE_DESCRIPTION("tzcom check-debug: plants known bugs to prove the detectors fire");
MODULE_LICENSE("GPL");
