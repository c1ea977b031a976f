// SPDX-License-Identifier: GPL-2.0
/*
 * tzcom_smctest: raw SMC access for tests and benchmarks only.
 *
 * Board tests need to talk to the secure world without the tzcom driver
 * in the way (the SiP UID, unknown calls, bare-SMC cost), so this module
 * exposes two root-only debugfs files:
 *
 *   call   write "x0 [x1 .. x7]" in hex; the SMC is made at once and the
 *          next read returns "a0 a1 a2 a3\n" in hex (16 digits each).
 *   bench  write "x0 iterations" (x0 hex, iterations decimal); the calls
 *          are made at once and the next read returns
 *          "<total ns> <iterations>\n".
 *
 * Results are global (the last write wins), so `echo ... > call; cat call`
 * works from a shell; concurrent users must serialise themselves.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/arm-smccc.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/uaccess.h>

#define SMCTEST_IN_MAX		256	/* 8 hex words with separators fit */
#define SMCTEST_OUT_MAX		80
#define SMCTEST_BENCH_MAX	10000000UL

static struct dentry *smctest_dir;

/* Serialises the result buffers below and the calls that fill them. */
static DEFINE_MUTEX(smctest_lock);
static char call_out[SMCTEST_OUT_MAX];
static size_t call_out_len;
static char bench_out[SMCTEST_OUT_MAX];
static size_t bench_out_len;

/* Copy a bounded, NUL-terminated command line from userspace. */
static int smctest_get_line(char *buf, const char __user *ubuf, size_t len)
{
	if (len == 0 || len >= SMCTEST_IN_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	return 0;
}

static ssize_t call_write(struct file *file, const char __user *ubuf,
			  size_t len, loff_t *ppos)
{
	unsigned long x[8] = { 0 };
	struct arm_smccc_res res;
	char buf[SMCTEST_IN_MAX];
	int n, ret;

	ret = smctest_get_line(buf, ubuf, len);
	if (ret)
		return ret;
	n = sscanf(buf, "%lx %lx %lx %lx %lx %lx %lx %lx",
		   &x[0], &x[1], &x[2], &x[3], &x[4], &x[5], &x[6], &x[7]);
	if (n < 1)
		return -EINVAL;

	mutex_lock(&smctest_lock);
	arm_smccc_smc(x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], &res);
	call_out_len = scnprintf(call_out, sizeof(call_out),
				 "%016lx %016lx %016lx %016lx\n",
				 res.a0, res.a1, res.a2, res.a3);
	mutex_unlock(&smctest_lock);
	return len;
}

/* A snapshot of one result buffer, taken under the lock, to userspace. */
static ssize_t smctest_read_out(char __user *ubuf, size_t len, loff_t *ppos,
				const char *result, const size_t *result_len)
{
	char out[SMCTEST_OUT_MAX];
	size_t n;

	mutex_lock(&smctest_lock);
	n = *result_len;
	memcpy(out, result, n);
	mutex_unlock(&smctest_lock);
	return simple_read_from_buffer(ubuf, len, ppos, out, n);
}

static ssize_t call_read(struct file *file, char __user *ubuf, size_t len,
			 loff_t *ppos)
{
	return smctest_read_out(ubuf, len, ppos, call_out, &call_out_len);
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	unsigned long x0, iters, i;
	struct arm_smccc_res res;
	char buf[SMCTEST_IN_MAX];
	u64 start, total;
	int ret;

	ret = smctest_get_line(buf, ubuf, len);
	if (ret)
		return ret;
	if (sscanf(buf, "%lx %lu", &x0, &iters) != 2)
		return -EINVAL;
	if (iters == 0 || iters > SMCTEST_BENCH_MAX)
		return -EINVAL;

	mutex_lock(&smctest_lock);
	start = ktime_get_ns();
	for (i = 0; i < iters; i++) {
		arm_smccc_smc(x0, 0, 0, 0, 0, 0, 0, 0, &res);
		/* Long runs stay preemptible and can be killed. */
		if ((i & 1023) == 1023) {
			if (fatal_signal_pending(current)) {
				mutex_unlock(&smctest_lock);
				return -EINTR;
			}
			cond_resched();
		}
	}
	total = ktime_get_ns() - start;
	bench_out_len = scnprintf(bench_out, sizeof(bench_out), "%llu %lu\n",
				  total, iters);
	mutex_unlock(&smctest_lock);
	return len;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	return smctest_read_out(ubuf, len, ppos, bench_out, &bench_out_len);
}

static const struct file_operations call_fops = {
	.owner = THIS_MODULE,
	.read = call_read,
	.write = call_write,
	.llseek = default_llseek,
};

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.read = bench_read,
	.write = bench_write,
	.llseek = default_llseek,
};

static int __init smctest_init(void)
{
	smctest_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	if (IS_ERR(smctest_dir))
		return PTR_ERR(smctest_dir);
	debugfs_create_file("call", 0600, smctest_dir, NULL, &call_fops);
	debugfs_create_file("bench", 0600, smctest_dir, NULL, &bench_fops);
	return 0;
}

static void __exit smctest_exit(void)
{
	debugfs_remove(smctest_dir);
}

module_init(smctest_init);
module_exit(smctest_exit);

MODULE_DESCRIPTION("tzcom test-only raw SMC access through debugfs");
MODULE_LICENSE("GPL");
