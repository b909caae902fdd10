// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: /sys/kernel/debug/mmcsim/<name>/{counts,log,store,layout} while
 * a drive is powered. Counters and the log outlive power cycles; they live in the
 * drive.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/seq_buf.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "mmcsim.h"

static struct dentry *mmcsim_debugfs;

/**
 * mmcsim_debugfs_init() - create /sys/kernel/debug/mmcsim
 */
void mmcsim_debugfs_init(void)
{
	mmcsim_debugfs = debugfs_create_dir("mmcsim", NULL);
}

void mmcsim_debugfs_exit(void)
{
	debugfs_remove_recursive(mmcsim_debugfs);
}

static int counts_show(struct seq_file *s, void *v)
{
	struct mmcsim_dev *dev = s->private;
	int op, n;

	for (op = 0; op < 256; op++) {
		n = atomic_read(&dev->counts[op]);
		if (n)
			seq_printf(s, "0x%02x %d\n", op, n);
	}
	return 0;
}

static int counts_open(struct inode *inode, struct file *file)
{
	return single_open(file, counts_show, inode->i_private);
}

/* Any write resets the counters. */
static ssize_t counts_write(struct file *file, const char __user *buf,
			    size_t len, loff_t *ppos)
{
	struct mmcsim_dev *dev = file_inode(file)->i_private;
	int op;

	for (op = 0; op < 256; op++)
		atomic_set(&dev->counts[op], 0);
	return len;
}

static const struct file_operations counts_fops = {
	.owner = THIS_MODULE,
	.open = counts_open,
	.read = seq_read,
	.write = counts_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int log_show(struct seq_file *s, void *v)
{
	struct mmcsim_dev *dev = s->private;
	struct mmcsim_log_entry e;
	u64 first, i;

	spin_lock(&dev->log_lock);
	first = dev->log_head > MMCSIM_LOG_LINES ?
		dev->log_head - MMCSIM_LOG_LINES : 0;
	spin_unlock(&dev->log_lock);
	for (i = first; dev->log; i++) {
		spin_lock(&dev->log_lock);
		if (i >= dev->log_head) {
			spin_unlock(&dev->log_lock);
			break;
		}
		e = dev->log[i % MMCSIM_LOG_LINES];
		spin_unlock(&dev->log_lock);
		seq_printf(s, "%llu op=0x%02x cdb=%*phN status=0x%02x sense=%x/%02x/%02x len=%u\n",
			   e.seq, e.cdb[0], e.cdb_len, e.cdb, e.status,
			   MMCSIM_SENSE_KEY(e.sense), MMCSIM_SENSE_ASC(e.sense),
			   MMCSIM_SENSE_ASCQ(e.sense), e.len);
	}
	return 0;
}

static int log_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, log_show, inode->i_private,
				MMCSIM_LOG_LINES * 128);
}

/* Any write clears the log. */
static ssize_t log_write(struct file *file, const char __user *buf,
			 size_t len, loff_t *ppos)
{
	struct mmcsim_dev *dev = file_inode(file)->i_private;

	spin_lock(&dev->log_lock);
	dev->log_head = 0;
	spin_unlock(&dev->log_lock);
	return len;
}

static const struct file_operations log_fops = {
	.owner = THIS_MODULE,
	.open = log_open,
	.read = seq_read,
	.write = log_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static int store_show(struct seq_file *s, void *v)
{
	struct mmcsim_dev *dev = s->private;

	seq_printf(s, "device %lu\nall %ld\ncap %ld\n", READ_ONCE(dev->stored),
		   mmcsim_store_total(), mmcsim_store_cap());
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(store);

/* The medium's layout with no page limit (configfs "layout" has one). */
static int layout_show(struct seq_file *s, void *v)
{
	struct mmcsim_dev *dev = s->private;
	struct seq_buf b;
	char *text;

	text = kvmalloc(MMCSIM_LAYOUT_MAX, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	seq_buf_init(&b, text, MMCSIM_LAYOUT_MAX);
	mutex_lock(&dev->lock);
	mmcsim_layout_format(&dev->medium, &b);
	mutex_unlock(&dev->lock);
	if (!seq_buf_has_overflowed(&b))
		seq_write(s, text, seq_buf_used(&b));
	kvfree(text);
	return seq_buf_has_overflowed(&b) ? -EFBIG : 0;
}

static int layout_open(struct inode *inode, struct file *file)
{
	return single_open(file, layout_show, inode->i_private);
}

/*
 * A layout of any size up to the largest medium's, in one write from
 * offset 0: configfs "layout" takes less than a page, a few hundred tracks.
 */
static ssize_t layout_write(struct file *file, const char __user *buf,
			    size_t len, loff_t *ppos)
{
	struct mmcsim_dev *dev = file_inode(file)->i_private;
	char *text;
	int err;

	if (*ppos)
		return -EINVAL;
	if (len >= MMCSIM_LAYOUT_MAX)
		return -EFBIG;
	text = kvmalloc(len + 1, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	if (copy_from_user(text, buf, len)) {
		kvfree(text);
		return -EFAULT;
	}
	text[len] = 0;
	err = mmcsim_load_layout(dev, text);
	kvfree(text);
	if (err)
		return err;
	*ppos = len;
	return len;
}

static const struct file_operations layout_fops = {
	.owner = THIS_MODULE,
	.open = layout_open,
	.read = seq_read,
	.write = layout_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * mmcsim_debugfs_add() - create a drive's debugfs files
 * @dev: the drive, being powered on
 */
void mmcsim_debugfs_add(struct mmcsim_dev *dev)
{
	dev->debugfs = debugfs_create_dir(dev->name, mmcsim_debugfs);
	debugfs_create_file("counts", 0600, dev->debugfs, dev, &counts_fops);
	debugfs_create_file("log", 0600, dev->debugfs, dev, &log_fops);
	debugfs_create_file("store", 0400, dev->debugfs, dev, &store_fops);
	debugfs_create_file("layout", 0600, dev->debugfs, dev, &layout_fops);
}

void mmcsim_debugfs_remove(struct mmcsim_dev *dev)
{
	debugfs_remove_recursive(dev->debugfs);
	dev->debugfs = NULL;
}
