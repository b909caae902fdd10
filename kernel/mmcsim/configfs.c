// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/config/mmcsim/<name>/: a directory per simulated drive.
 *   medium   preset name to load (also while powered: a media change)
 *   power    1 attaches the drive (sr binds), 0 detaches it
 *   devname  the sr block device while powered, e.g. "sr1"
 *   presets  every preset name, one per line
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/configfs.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "mmcsim.h"

static struct mmcsim_dev *to_mmcsim(struct config_item *item)
{
	return container_of(to_config_group(item), struct mmcsim_dev, group);
}

static ssize_t mmcsim_medium_show(struct config_item *item, char *page)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	ssize_t n;

	mutex_lock(&dev->lock);
	n = sysfs_emit(page, "%s\n", dev->preset);
	mutex_unlock(&dev->lock);
	return n;
}

static ssize_t mmcsim_medium_store(struct config_item *item, const char *page,
				   size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	char name[32];
	int err;

	if (count >= sizeof(name))
		return -EINVAL;
	strscpy(name, page, sizeof(name));
	strim(name);
	mutex_lock(&dev->lock);
	err = mmcsim_load_preset(dev, name);
	mutex_unlock(&dev->lock);
	return err ? err : count;
}

static ssize_t mmcsim_power_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", !!to_mmcsim(item)->shost);
}

static ssize_t mmcsim_power_store(struct config_item *item, const char *page,
				  size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	bool on;
	int err = 0;

	if (kstrtobool(page, &on))
		return -EINVAL;
	/* Attach and detach outside the command lock: sr's probe sends commands. */
	if (on && !dev->shost)
		err = mmcsim_power_on(dev);
	else if (!on)
		mmcsim_power_off(dev);
	return err ? err : count;
}

static int match_sr(struct device *d, void *unused)
{
	return !strncmp(dev_name(d), "sr", 2);
}

static ssize_t mmcsim_devname_show(struct config_item *item, char *page)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	struct scsi_device *sdev;
	struct device *d;
	ssize_t n = 0;

	if (!dev->shost)
		return -ENODEV;
	sdev = scsi_device_lookup(dev->shost, 0, 0, 0);
	if (!sdev)
		return -ENODEV;
	/* A device still being scanned has no children to walk yet. */
	d = device_is_registered(&sdev->sdev_gendev) ?
	    device_find_child(&sdev->sdev_gendev, NULL, match_sr) : NULL;
	if (d) {
		n = sysfs_emit(page, "%s\n", dev_name(d));
		put_device(d);
	}
	scsi_device_put(sdev);
	return n ? n : -ENODEV;
}

static ssize_t mmcsim_presets_show(struct config_item *item, char *page)
{
	ssize_t n = 0;
	int i;

	for (i = 0; mmcsim_preset_names[i]; i++)
		n += sysfs_emit_at(page, n, "%s\n", mmcsim_preset_names[i]);
	return n;
}

CONFIGFS_ATTR(mmcsim_, medium);
CONFIGFS_ATTR(mmcsim_, power);
CONFIGFS_ATTR_RO(mmcsim_, devname);
CONFIGFS_ATTR_RO(mmcsim_, presets);

static struct configfs_attribute *mmcsim_attrs[] = {
	&mmcsim_attr_medium,
	&mmcsim_attr_power,
	&mmcsim_attr_devname,
	&mmcsim_attr_presets,
	NULL,
};

static void mmcsim_release(struct config_item *item)
{
	struct mmcsim_dev *dev = to_mmcsim(item);

	mmcsim_power_off(dev);
	mmcsim_store_free(dev);
	xa_destroy(&dev->store);
	kfree(dev);
}

static struct configfs_item_operations mmcsim_item_ops = {
	.release = mmcsim_release,
};

static const struct config_item_type mmcsim_dev_type = {
	.ct_item_ops = &mmcsim_item_ops,
	.ct_attrs = mmcsim_attrs,
	.ct_owner = THIS_MODULE,
};

static struct config_group *mmcsim_make_group(struct config_group *group,
					      const char *name)
{
	struct mmcsim_dev *dev;

	if (strlen(name) >= sizeof(dev->name))
		return ERR_PTR(-ENAMETOOLONG);
	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	strscpy(dev->name, name, sizeof(dev->name));
	mutex_init(&dev->lock);
	xa_init(&dev->store);
	strscpy(dev->preset, "empty", sizeof(dev->preset));
	dev->multisession = 3;
	config_group_init_type_name(&dev->group, name, &mmcsim_dev_type);
	return &dev->group;
}

/* Detach before the directory goes, so rmdir never races a command. */
static void mmcsim_drop_item(struct config_group *group, struct config_item *item)
{
	mmcsim_power_off(to_mmcsim(item));
	config_item_put(item);
}

static struct configfs_group_operations mmcsim_group_ops = {
	.make_group = mmcsim_make_group,
	.drop_item = mmcsim_drop_item,
};

static const struct config_item_type mmcsim_group_type = {
	.ct_group_ops = &mmcsim_group_ops,
	.ct_owner = THIS_MODULE,
};

static struct configfs_subsystem mmcsim_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf = "mmcsim",
			.ci_type = &mmcsim_group_type,
		},
	},
};

int mmcsim_configfs_init(void)
{
	config_group_init(&mmcsim_subsys.su_group);
	mutex_init(&mmcsim_subsys.su_mutex);
	return configfs_register_subsystem(&mmcsim_subsys);
}

void mmcsim_configfs_exit(void)
{
	configfs_unregister_subsystem(&mmcsim_subsys);
}
