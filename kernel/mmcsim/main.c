// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcsim: a simulated MMC recorder. Each device is its own SCSI host with
 * one CD/DVD/BD drive at 0:0:0 that sr binds to; configfs creates them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/module.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "mmcsim.h"

static struct device *mmcsim_root;
static struct dentry *mmcsim_debugfs;

/* sr's mode pages come through MODE SENSE(10) only if the device says so. */
static int mmcsim_slave_configure(struct scsi_device *sdev)
{
	sdev->use_10_for_ms = 1;
	return 0;
}

static struct scsi_host_template mmcsim_template = {
	.module = THIS_MODULE,
	.name = "mmcsim",
	.proc_name = "mmcsim",
	.queuecommand = mmcsim_queuecommand,
	.init_cmd_priv = mmcsim_init_cmd_priv,
	.slave_configure = mmcsim_slave_configure,
	.can_queue = 16,
	.cmd_per_lun = 16,
	.this_id = -1,
	.sg_tablesize = SG_ALL,
	.max_sectors = 1024,
};

static int counts_show(struct seq_file *m, void *v)
{
	struct mmcsim_dev *dev = m->private;
	int op, n;

	for (op = 0; op < 256; op++) {
		n = atomic_read(&dev->counts[op]);
		if (n)
			seq_printf(m, "0x%02x %d\n", op, n);
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

/**
 * mmcsim_power_on() - attach the drive: a SCSI host appears and sr binds
 * @dev: the device, configured
 *
 * Return: 0 or a negative errno.
 */
int mmcsim_power_on(struct mmcsim_dev *dev)
{
	struct Scsi_Host *shost;
	int err;

	mmcsim_template.cmd_size = mmcsim_cmd_size();
	shost = scsi_host_alloc(&mmcsim_template, sizeof(dev));
	if (!shost)
		return -ENOMEM;
	*(struct mmcsim_dev **)shost_priv(shost) = dev;
	shost->max_id = 1;
	shost->max_lun = 1;
	shost->max_channel = 0;
	err = scsi_add_host(shost, mmcsim_root);
	if (err) {
		scsi_host_put(shost);
		return err;
	}
	dev->shost = shost;
	dev->debugfs = debugfs_create_dir(dev->name, mmcsim_debugfs);
	debugfs_create_file("counts", 0600, dev->debugfs, dev, &counts_fops);
	/* Synchronous, unlike scsi_scan_host(): devname works once power=1 returns. */
	err = scsi_add_device(shost, 0, 0, 0);
	if (err)
		mmcsim_power_off(dev);
	return err;
}

/**
 * mmcsim_power_off() - detach the drive; commands in flight complete first
 * @dev: the device
 */
void mmcsim_power_off(struct mmcsim_dev *dev)
{
	if (!dev->shost)
		return;
	debugfs_remove_recursive(dev->debugfs);
	dev->debugfs = NULL;
	scsi_remove_host(dev->shost);
	scsi_host_put(dev->shost);
	dev->shost = NULL;
}

static int __init mmcsim_init(void)
{
	int err;

	mmcsim_root = root_device_register("mmcsim");
	if (IS_ERR(mmcsim_root))
		return PTR_ERR(mmcsim_root);
	mmcsim_debugfs = debugfs_create_dir("mmcsim", NULL);
	err = mmcsim_configfs_init();
	if (err)
		goto err_unregister_root;
	return 0;

err_unregister_root:
	debugfs_remove_recursive(mmcsim_debugfs);
	root_device_unregister(mmcsim_root);
	return err;
}
module_init(mmcsim_init);

static void __exit mmcsim_exit(void)
{
	mmcsim_configfs_exit();
	debugfs_remove_recursive(mmcsim_debugfs);
	root_device_unregister(mmcsim_root);
}
module_exit(mmcsim_exit);

MODULE_DESCRIPTION("Simulated MMC (CD/DVD/BD) recorder for testing");
MODULE_LICENSE("GPL");
