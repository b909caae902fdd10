// SPDX-License-Identifier: GPL-2.0-only
/*
 * Drive life cycle: create and free a drive, attach it (power on: a SCSI
 * host sr binds to) and detach it, put a medium in its tray.
 *
 * Calls go one way: main.c -> configfs.c -> drive.c -> cmd*.c; the
 * command side never calls back up (a surprise detach is queued work).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "mmcsim.h"

static struct device *mmcsim_root;

/* sr's mode pages come through MODE SENSE(10) only if the device says so. */
static int mmcsim_sdev_configure(struct scsi_device *sdev)
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
	.cmd_size = sizeof(struct mmcsim_cmd),
	.eh_abort_handler = mmcsim_eh_abort,
	.slave_configure = mmcsim_sdev_configure,
	.can_queue = 32,
	.cmd_per_lun = 32,
	.this_id = -1,
	.sg_tablesize = SG_ALL,
	.max_sectors = 1024,
	.skip_settle_delay = 1,
};

/**
 * mmcsim_power_on() - attach a drive: a SCSI host appears and sr binds
 * @dev: the drive, cfg_lock held
 *
 * The scan is synchronous: when this returns, sr has probed the device.
 *
 * Return: 0 or a negative errno.
 */
int mmcsim_power_on(struct mmcsim_dev *dev)
{
	struct Scsi_Host *shost;
	int err;

	if (dev->shost)
		return 0;
	shost = scsi_host_alloc(&mmcsim_template, sizeof(dev));
	if (!shost)
		return -ENOMEM;
	*(struct mmcsim_dev **)shost_priv(shost) = dev;
	shost->max_id = 1;
	shost->max_lun = 1;
	shost->max_channel = 0;
	shost->max_cmd_len = 16;
	mutex_lock(&dev->lock);
	dev->dying = false;
	atomic64_set(&dev->ncmds, 0);
	dev->ua = 0;
	mmcsim_queue_ua(dev, 0x29, 0);
	mutex_unlock(&dev->lock);
	err = scsi_add_host(shost, mmcsim_root);
	if (err) {
		scsi_host_put(shost);
		return err;
	}
	dev->shost = shost;
	mmcsim_debugfs_add(dev);
	scsi_scan_target(&shost->shost_gendev, 0, 0, 0, SCSI_SCAN_INITIAL);
	return 0;
}

/**
 * mmcsim_power_off() - detach a drive, also with commands in flight
 * @dev: the drive, cfg_lock held
 *
 * New commands fail with DID_NO_CONNECT, commands held by a timeout fault
 * are completed the same way, running ones finish; then the host goes.
 */
void mmcsim_power_off(struct mmcsim_dev *dev)
{
	struct Scsi_Host *shost = dev->shost;

	if (!shost)
		return;
	mmcsim_set_dying(dev);
	mmcsim_fail_held(dev);
	scsi_remove_host(shost);
	mmcsim_debugfs_remove(dev);
	scsi_host_put(shost);
	dev->shost = NULL;
}

static void mmcsim_detach_work(struct work_struct *work)
{
	struct mmcsim_dev *dev = container_of(work, struct mmcsim_dev,
					      detach_work);

	mutex_lock(&dev->cfg_lock);
	mmcsim_power_off(dev);
	mutex_unlock(&dev->cfg_lock);
}

/**
 * mmcsim_dev_init() - a new drive: powered off, tray closed, no medium
 * @dev: zeroed memory
 * @name: its configfs name
 */
void mmcsim_dev_init(struct mmcsim_dev *dev, const char *name)
{
	strscpy(dev->name, name, sizeof(dev->name));
	mutex_init(&dev->cfg_lock);
	mutex_init(&dev->lock);
	spin_lock_init(&dev->fault_lock);
	spin_lock_init(&dev->log_lock);
	spin_lock_init(&dev->held_lock);
	INIT_LIST_HEAD(&dev->held);
	INIT_WORK(&dev->detach_work, mmcsim_detach_work);
	xa_init(&dev->store);
	strscpy(dev->preset, "empty", sizeof(dev->preset));
	strscpy(dev->vendor, "MMCSIM", sizeof(dev->vendor));
	strscpy(dev->product, "Sim Recorder", sizeof(dev->product));
	strscpy(dev->revision, "1.0", sizeof(dev->revision));
	dev->sao = true;
	mmcsim_default_page05(dev);
}

/**
 * mmcsim_dev_free() - detach and free a drive
 * @dev: the drive; no configfs access possible any more
 */
void mmcsim_dev_free(struct mmcsim_dev *dev)
{
	mutex_lock(&dev->cfg_lock);
	mmcsim_power_off(dev);
	mutex_unlock(&dev->cfg_lock);
	/* a surprise detach queued before the power off has nothing left */
	cancel_work_sync(&dev->detach_work);
	mmcsim_store_clear(dev);
	xa_destroy(&dev->store);
	kvfree(dev->log);
	kfree(dev->reply);
	kvfree(dev);
}

/**
 * mmcsim_insert() - put a medium in the tray, closing it
 * @dev: the drive
 * @m: the medium
 * @label: what the medium attribute shows: the preset name, or "layout"
 * @iso_sessions: sessions to fill with ISO 9660 volumes (0: none)
 * @iso_blocks: size of the volume on an overwriteable medium
 *
 * Return: 0, -ENOSPC/-ENOMEM if the volumes did not fit in the store (the
 * tray is then left empty).
 */
int mmcsim_insert(struct mmcsim_dev *dev, const struct mmcsim_medium *m,
		  const char *label, u16 iso_sessions, u32 iso_blocks)
{
	int err;

	mutex_lock(&dev->lock);
	mmcsim_store_clear(dev);
	dev->medium = *m;
	dev->tray_open = false;
	err = mmcsim_iso_fill(dev, iso_sessions, iso_blocks);
	if (err) {
		/* a medium missing part of its data would lie: leave the tray empty */
		mmcsim_store_clear(dev);
		memset(&dev->medium, 0, sizeof(dev->medium));
		label = "empty";
	}
	strscpy(dev->preset, label, sizeof(dev->preset));
	if (dev->medium.profile)
		mmcsim_media_changed(dev);
	mutex_unlock(&dev->lock);
	return err;
}

/**
 * mmcsim_load_medium() - put a preset medium in the tray
 * @dev: the drive
 * @name: preset name
 *
 * Return: 0, -EINVAL for an unknown preset, -ENOSPC/-ENOMEM.
 */
int mmcsim_load_medium(struct mmcsim_dev *dev, const char *name)
{
	struct mmcsim_medium *m;
	u16 iso_sessions;
	u32 iso_blocks;
	int err;

	m = kvmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	err = mmcsim_preset(m, name, &iso_sessions, &iso_blocks);
	if (!err)
		err = mmcsim_insert(dev, m, name, iso_sessions, iso_blocks);
	kvfree(m);
	return err;
}

/**
 * mmcsim_load_layout() - put a medium described in the layout language in
 * the tray
 * @dev: the drive
 * @text: the layout (modified)
 *
 * Return: 0, -EINVAL for a layout that describes no possible medium,
 * -ENOSPC/-ENOMEM.
 */
int mmcsim_load_layout(struct mmcsim_dev *dev, char *text)
{
	struct mmcsim_medium *m;
	bool iso;
	int err;

	m = kvmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	err = mmcsim_layout_parse(m, text, &iso);
	if (!err)
		err = mmcsim_insert(dev, m, "layout", !iso ? 0 :
				    mmcsim_is_overwriteable(m->profile) ? 1 :
				    m->closed, m->formatted);
	kvfree(m);
	return err;
}

/**
 * mmcsim_drive_init() - register the device all drives' hosts hang from
 *
 * Return: 0 or a negative errno.
 */
int mmcsim_drive_init(void)
{
	mmcsim_root = root_device_register("mmcsim");
	return PTR_ERR_OR_ZERO(mmcsim_root);
}

/**
 * mmcsim_drive_exit() - unregister it, every drive gone
 */
void mmcsim_drive_exit(void)
{
	root_device_unregister(mmcsim_root);
}
