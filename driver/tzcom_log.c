// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs: /sys/kernel/debug/tzcom/log shows the TZ log ring in sb_log,
 * and /sys/kernel/debug/tzcom/stats the driver's counters, one
 * "name value" pair a line.
 */
#define pr_fmt(fmt) "tzcom: " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "tzcom_priv.h"

#define TZCOM_LOG_MAX_DATA	(TZCOM_SB_LEN - sizeof(struct tzcom_log_ring))

struct tzcom_log_text {
	size_t len;
	char buf[];
};

/*
 * The secure world may be appending while we read, so take one snapshot
 * of the whole ring and parse only the snapshot.
 */
static int tzcom_log_open(struct inode *inode, struct file *file)
{
	struct tzcom_drv *drv = inode->i_private;
	struct tzcom_log_ring hdr;
	struct tzcom_log_text *text;
	const u8 *data;
	u32 n, start, first;
	u8 *snap;

	snap = kvmalloc(TZCOM_SB_LEN, GFP_KERNEL_ACCOUNT);
	if (!snap)
		return -ENOMEM;
	text = kvmalloc(struct_size(text, buf, TZCOM_LOG_MAX_DATA), GFP_KERNEL_ACCOUNT);
	if (!text) {
		kvfree(snap);
		return -ENOMEM;
	}
	memcpy(snap, tzcom_sched_log_area(drv), TZCOM_SB_LEN);
	memcpy(&hdr, snap, sizeof(hdr));
	data = snap + sizeof(hdr);

	text->len = 0;
	if (hdr.magic == TZCOM_LOG_MAGIC && hdr.size &&
	    hdr.size <= TZCOM_LOG_MAX_DATA) {
		n = min(hdr.head, hdr.size);
		start = (hdr.head - n) % hdr.size;
		first = min(n, hdr.size - start);
		memcpy(text->buf, data + start, first);
		memcpy(text->buf + first, data, n - first);
		text->len = n;
	}
	kvfree(snap);
	file->private_data = text;
	return 0;
}

static ssize_t tzcom_log_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	const struct tzcom_log_text *text = file->private_data;

	return simple_read_from_buffer(ubuf, count, ppos, text->buf,
				       text->len);
}

static int tzcom_log_release(struct inode *inode, struct file *file)
{
	kvfree(file->private_data);
	return 0;
}

static const struct file_operations tzcom_log_fops = {
	.owner = THIS_MODULE,
	.open = tzcom_log_open,
	.read = tzcom_log_read,
	.release = tzcom_log_release,
	.llseek = default_llseek,
};

static int tzcom_stats_show(struct seq_file *m, void *unused)
{
	const struct tzcom_drv *drv = m->private;
	const struct tzcom_stats *s = &drv->stats;

	seq_printf(m, "inflight_cmds %d\n", atomic_read(&s->inflight_cmds));
	seq_printf(m, "queued_callbacks %d\n",
		   atomic_read(&s->queued_callbacks));
	seq_printf(m, "delivered_callbacks %d\n",
		   atomic_read(&s->delivered_callbacks));
	seq_printf(m, "revoked_callbacks %d\n",
		   atomic_read(&s->revoked_callbacks));
	seq_printf(m, "callback_bytes %ld\n",
		   atomic_long_read(&s->callback_bytes));
	seq_printf(m, "services %d\n", atomic_read(&s->services));
	seq_printf(m, "commands_total %lld\n",
		   atomic64_read(&s->commands_total));
	seq_printf(m, "callbacks_total %lld\n",
		   atomic64_read(&s->callbacks_total));
	seq_printf(m, "callbacks_unrouted %lld\n",
		   atomic64_read(&s->callbacks_unrouted));
	seq_printf(m, "callbacks_timedout %lld\n",
		   atomic64_read(&s->callbacks_timedout));
	seq_printf(m, "callbacks_cancelled %lld\n",
		   atomic64_read(&s->callbacks_cancelled));
	seq_printf(m, "callbacks_invalid %lld\n",
		   atomic64_read(&s->callbacks_invalid));
	seq_printf(m, "slots %d\n", atomic_read(&s->slots));
	seq_printf(m, "threads %d\n", atomic_read(&s->threads));
	seq_printf(m, "fenced_slots %d\n", atomic_read(&s->fenced_slots));
	seq_printf(m, "cq_waiters %d\n", atomic_read(&s->cq_waiters));
	seq_printf(m, "cq_waits_total %lld\n",
		   atomic64_read(&s->cq_waits_total));
	seq_printf(m, "busy_total %lld\n", atomic64_read(&s->busy_total));
	seq_printf(m, "preempted_total %lld\n",
		   atomic64_read(&s->preempted_total));
	seq_printf(m, "shm_regs %d\n", atomic_read(&s->shm_regs));
	seq_printf(m, "shm_pages_pinned %ld\n",
		   atomic_long_read(&s->shm_pages_pinned));
	seq_printf(m, "shm_list_pages %ld\n",
		   atomic_long_read(&s->shm_list_pages));
	seq_printf(m, "sessions_open %d\n", atomic_read(&s->sessions_open));
	seq_printf(m, "sessions_total %lld\n",
		   atomic64_read(&s->sessions_total));
	seq_printf(m, "session_close_failed %lld\n",
		   atomic64_read(&s->session_close_failed));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tzcom_stats);

/**
 * tzcom_log_init() - create debugfs tzcom/log and tzcom/stats
 * @drv: the driver, which the files read
 *
 * debugfs is optional: failures are ignored, as debugfs intends.
 */
void tzcom_log_init(struct tzcom_drv *drv)
{
	drv->debugfs = debugfs_create_dir("tzcom", NULL);
	debugfs_create_file("log", 0400, drv->debugfs, drv, &tzcom_log_fops);
	debugfs_create_file("stats", 0444, drv->debugfs, drv,
			    &tzcom_stats_fops);
}

/**
 * tzcom_log_exit() - remove the debugfs files
 * @drv: the driver
 */
void tzcom_log_exit(struct tzcom_drv *drv)
{
	debugfs_remove_recursive(drv->debugfs);
	drv->debugfs = NULL;
}
