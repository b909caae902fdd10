// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/config/mmcsim/<name>/: one directory per drive, attributes as
 * in README.md. "power" attaches and detaches; attributes without a live
 * effect return -EBUSY while powered.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/configfs.h>
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/seq_buf.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>

#include "mmcsim.h"

/* configfs's buffer for one show or store (fs/configfs SIMPLE_ATTR_SIZE) */
#define MMCSIM_ATTR_SIZE 4096

static LIST_HEAD(default_devs);

static struct mmcsim_dev *to_mmcsim(struct config_item *item)
{
	return container_of(to_config_group(item), struct mmcsim_dev, group);
}

static ssize_t mmcsim_power_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", !!READ_ONCE(to_mmcsim(item)->shost));
}

static ssize_t mmcsim_power_store(struct config_item *item, const char *page,
				  size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	bool on;
	int err = 0;

	if (kstrtobool(page, &on))
		return -EINVAL;
	/* outside the command lock: sr's probe and removal send commands */
	mutex_lock(&dev->cfg_lock);
	if (on)
		err = mmcsim_power_on(dev);
	else
		mmcsim_power_off(dev);
	mutex_unlock(&dev->cfg_lock);
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
	struct device *d = NULL;
	ssize_t n = -ENODEV;

	mutex_lock(&dev->cfg_lock);
	sdev = dev->shost ? scsi_device_lookup(dev->shost, 0, 0, 0) : NULL;
	if (sdev) {
		d = device_find_child(&sdev->sdev_gendev, NULL, match_sr);
		scsi_device_put(sdev);
	}
	mutex_unlock(&dev->cfg_lock);
	if (d) {
		n = sysfs_emit(page, "%s\n", dev_name(d));
		put_device(d);
	}
	return n;
}

static ssize_t mmcsim_presets_show(struct config_item *item, char *page)
{
	ssize_t n = 0;
	int i;

	for (i = 0; mmcsim_preset_names[i]; i++)
		n += sysfs_emit_at(page, n, "%s\n", mmcsim_preset_names[i]);
	return n;
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
	char name[32];
	int err;

	if (count >= sizeof(name))
		return -EINVAL;
	strscpy(name, page, sizeof(name));
	err = mmcsim_load_medium(to_mmcsim(item), strim(name));
	return err ? err : count;
}

static ssize_t mmcsim_layout_show(struct config_item *item, char *page)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	struct seq_buf s;

	seq_buf_init(&s, page, MMCSIM_ATTR_SIZE);
	mutex_lock(&dev->lock);
	mmcsim_layout_format(&dev->medium, &s);
	mutex_unlock(&dev->lock);
	/* never a cut layout: debugfs "layout" has no page limit */
	if (seq_buf_has_overflowed(&s))
		return -EFBIG;
	return seq_buf_used(&s);
}

static ssize_t mmcsim_layout_store(struct config_item *item, const char *page,
				   size_t count)
{
	char *text;
	int err;

	/*
	 * configfs hands a store at most MMCSIM_ATTR_SIZE - 1 bytes and the
	 * rest of a longer write as a second store: a text that long may be
	 * the first part of a layout, never to be taken for a whole one. A
	 * longer layout goes to debugfs "layout".
	 */
	if (count >= MMCSIM_ATTR_SIZE - 1)
		return -EFBIG;
	text = kstrndup(page, count, GFP_KERNEL);
	err = text ? mmcsim_load_layout(to_mmcsim(item), text) : -ENOMEM;
	kfree(text);
	return err ? err : count;
}

static ssize_t mmcsim_tray_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%s\n", to_mmcsim(item)->tray_open ? "open" :
			  "closed");
}

static ssize_t mmcsim_tray_store(struct config_item *item, const char *page,
				 size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	bool open;

	if (sysfs_streq(page, "open"))
		open = true;
	else if (sysfs_streq(page, "closed"))
		open = false;
	else
		return -EINVAL;
	mutex_lock(&dev->lock);
	if (open && !dev->tray_open && dev->medium.profile)
		dev->media_event = 3;
	if (!open && dev->tray_open && dev->medium.profile)
		mmcsim_media_changed(dev);
	dev->tray_open = open;
	mutex_unlock(&dev->lock);
	return count;
}

/*
 * Typed attributes: MMCSIM_ATTR(name, type, field, arg) makes the show and
 * store of struct mmcsim_dev.field with the type's helpers; arg is the
 * largest value of a u32 and the size of a str. bool and u32 change live
 * under the command lock; str (the INQUIRY strings) is fixed while the
 * drive is attached.
 */
static void *field_of(struct mmcsim_dev *dev, size_t offset)
{
	return (u8 *)dev + offset;
}

static ssize_t mmcsim_bool_show(struct mmcsim_dev *dev, size_t offset,
				char *page)
{
	return sysfs_emit(page, "%d\n", *(bool *)field_of(dev, offset));
}

static ssize_t mmcsim_bool_store(struct mmcsim_dev *dev, size_t offset, u32 arg,
				 const char *page, size_t count)
{
	bool v;

	if (kstrtobool(page, &v))
		return -EINVAL;
	mutex_lock(&dev->lock);
	*(bool *)field_of(dev, offset) = v;
	mutex_unlock(&dev->lock);
	return count;
}

static ssize_t mmcsim_u32_show(struct mmcsim_dev *dev, size_t offset,
			       char *page)
{
	return sysfs_emit(page, "%u\n", *(u32 *)field_of(dev, offset));
}

static ssize_t mmcsim_u32_store(struct mmcsim_dev *dev, size_t offset, u32 arg,
				const char *page, size_t count)
{
	u32 v;

	if (kstrtou32(page, 0, &v) || v > arg)
		return -EINVAL;
	mutex_lock(&dev->lock);
	*(u32 *)field_of(dev, offset) = v;
	mutex_unlock(&dev->lock);
	return count;
}

static ssize_t mmcsim_str_show(struct mmcsim_dev *dev, size_t offset,
			       char *page)
{
	return sysfs_emit(page, "%s\n", (char *)field_of(dev, offset));
}

static ssize_t mmcsim_str_store(struct mmcsim_dev *dev, size_t offset, u32 arg,
				const char *page, size_t count)
{
	char buf[sizeof_field(struct mmcsim_dev, product)]; /* the longest */
	int err = 0;

	if (count > arg || (count == arg && page[count - 1] != '\n'))
		return -EINVAL;
	strscpy(buf, page, arg);
	mutex_lock(&dev->cfg_lock);
	if (dev->shost)
		err = -EBUSY;
	else
		strscpy(field_of(dev, offset), strim(buf), arg);
	mutex_unlock(&dev->cfg_lock);
	return err ? err : count;
}

#define MMCSIM_ATTR(NAME, TYPE, FIELD, ARG)					\
static const size_t mmcsim_##NAME##_offset =					\
	offsetof(struct mmcsim_dev, FIELD);					\
static ssize_t mmcsim_##NAME##_show(struct config_item *item, char *page)	\
{										\
	return mmcsim_##TYPE##_show(to_mmcsim(item), mmcsim_##NAME##_offset,	\
				    page);					\
}										\
static ssize_t mmcsim_##NAME##_store(struct config_item *item,			\
				     const char *page, size_t count)		\
{										\
	return mmcsim_##TYPE##_store(to_mmcsim(item), mmcsim_##NAME##_offset,	\
				     ARG, page, count);				\
}										\
CONFIGFS_ATTR(mmcsim_, NAME)

MMCSIM_ATTR(write_protect, bool, medium.write_protected, 0);
MMCSIM_ATTR(media_change_events, bool, media_change_events, 0);
MMCSIM_ATTR(sao, bool, sao, 0);
MMCSIM_ATTR(delay_us, u32, delay_us, 10000000);
MMCSIM_ATTR(sector_ns, u32, sector_ns, 100000000);
MMCSIM_ATTR(vendor, str, vendor, sizeof_field(struct mmcsim_dev, vendor));
MMCSIM_ATTR(product, str, product, sizeof_field(struct mmcsim_dev, product));
MMCSIM_ATTR(revision, str, revision, sizeof_field(struct mmcsim_dev, revision));

static ssize_t mmcsim_log_show(struct config_item *item, char *page)
{
	return sysfs_emit(page, "%d\n", to_mmcsim(item)->log_on);
}

static ssize_t mmcsim_log_store(struct config_item *item, const char *page,
				size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	struct mmcsim_log_entry *log;
	bool on;

	if (kstrtobool(page, &on))
		return -EINVAL;
	log = on ? kvcalloc(MMCSIM_LOG_LINES, sizeof(*log), GFP_KERNEL) : NULL;
	if (on && !log)
		return -ENOMEM;
	spin_lock(&dev->log_lock);
	if (!dev->log) {
		dev->log = log;
		log = NULL;
	}
	WRITE_ONCE(dev->log_on, on);
	spin_unlock(&dev->log_lock);
	kvfree(log);
	return count;
}

static const char *const quirk_names[] = {
	"nwa_minus150", "rti_ff_refused", "no_rdi", "lra_invalid", "short_ms_toc",
	"dvd_dao_only",
};

/* A space separated set of quirk names: 0 or -EINVAL for an unknown name. */
static int quirks_parse(const char *text, u32 *quirks)
{
	char *copy, *cur, *tok;
	int i, err = 0;

	copy = kstrdup(text, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	cur = copy;
	*quirks = 0;
	while (!err && (tok = strsep(&cur, " \t\n,")) != NULL) {
		if (!*tok)
			continue;
		i = match_string(quirk_names, ARRAY_SIZE(quirk_names), tok);
		if (i < 0)
			err = -EINVAL;
		else
			*quirks |= BIT(i);
	}
	kfree(copy);
	return err;
}

static ssize_t quirks_format(u32 quirks, char *page)
{
	ssize_t n = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(quirk_names); i++)
		if (quirks & BIT(i))
			n += sysfs_emit_at(page, n, "%s%s", n ? " " : "",
					   quirk_names[i]);
	return n + sysfs_emit_at(page, n, "\n");
}

static ssize_t mmcsim_quirks_show(struct config_item *item, char *page)
{
	return quirks_format(to_mmcsim(item)->quirks, page);
}

static ssize_t mmcsim_quirks_store(struct config_item *item, const char *page,
				   size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	u32 quirks;
	int err;

	err = quirks_parse(page, &quirks);
	if (err)
		return err;
	mutex_lock(&dev->lock);
	dev->quirks = quirks;
	mutex_unlock(&dev->lock);
	return count;
}

#ifdef MMCSIM_FAULT_INJECTION
static ssize_t mmcsim_fault_show(struct config_item *item, char *page)
{
	return mmcsim_fault_list(to_mmcsim(item), page);
}

static ssize_t mmcsim_fault_store(struct config_item *item, const char *page,
				  size_t count)
{
	int err = mmcsim_fault_add(to_mmcsim(item), page);

	return err ? err : count;
}

CONFIGFS_ATTR(mmcsim_, fault);
#endif

static ssize_t mmcsim_unit_attention_store(struct config_item *item,
					   const char *page, size_t count)
{
	struct mmcsim_dev *dev = to_mmcsim(item);
	unsigned int asc, ascq;
	char end;

	if (sscanf(page, "%x/%x%c", &asc, &ascq, &end) < 2 || asc > 0xff ||
	    ascq > 0xff || !asc)
		return -EINVAL;
	mutex_lock(&dev->lock);
	mmcsim_queue_ua(dev, asc, ascq);
	mutex_unlock(&dev->lock);
	return count;
}

static ssize_t mmcsim_features_show(struct config_item *item, char *page);

CONFIGFS_ATTR(mmcsim_, power);
CONFIGFS_ATTR_RO(mmcsim_, devname);
CONFIGFS_ATTR_RO(mmcsim_, features);
CONFIGFS_ATTR_RO(mmcsim_, presets);
CONFIGFS_ATTR(mmcsim_, medium);
CONFIGFS_ATTR(mmcsim_, layout);
CONFIGFS_ATTR(mmcsim_, tray);
CONFIGFS_ATTR(mmcsim_, quirks);
CONFIGFS_ATTR_WO(mmcsim_, unit_attention);
CONFIGFS_ATTR(mmcsim_, log);

static struct configfs_attribute *mmcsim_attrs[] = {
	&mmcsim_attr_power,
	&mmcsim_attr_devname,
	&mmcsim_attr_features,
	&mmcsim_attr_presets,
	&mmcsim_attr_medium,
	&mmcsim_attr_layout,
	&mmcsim_attr_tray,
	&mmcsim_attr_write_protect,
	&mmcsim_attr_media_change_events,
	&mmcsim_attr_sao,
	&mmcsim_attr_vendor,
	&mmcsim_attr_product,
	&mmcsim_attr_revision,
	&mmcsim_attr_quirks,
#ifdef MMCSIM_FAULT_INJECTION
	&mmcsim_attr_fault,
#endif
	&mmcsim_attr_unit_attention,
	&mmcsim_attr_delay_us,
	&mmcsim_attr_sector_ns,
	&mmcsim_attr_log,
	NULL,
};

static ssize_t mmcsim_features_show(struct config_item *item, char *page)
{
	ssize_t n = 0;
	int i;

	for (i = 0; mmcsim_attrs[i]; i++)
		n += sysfs_emit_at(page, n, "%s\n", mmcsim_attrs[i]->ca_name);
	return n;
}

static void mmcsim_release(struct config_item *item)
{
	mmcsim_dev_free(to_mmcsim(item));
}

static struct configfs_item_operations mmcsim_item_ops = {
	.release = mmcsim_release,
};

static const struct config_item_type mmcsim_dev_type = {
	.ct_item_ops = &mmcsim_item_ops,
	.ct_attrs = mmcsim_attrs,
	.ct_owner = THIS_MODULE,
};

static struct mmcsim_dev *mmcsim_alloc(const char *name)
{
	struct mmcsim_dev *dev;

	if (strlen(name) >= sizeof(dev->name))
		return ERR_PTR(-ENAMETOOLONG);
	dev = kvzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return ERR_PTR(-ENOMEM);
	dev->reply = kzalloc(MMCSIM_REPLY_MAX, GFP_KERNEL);
	if (!dev->reply) {
		kvfree(dev);
		return ERR_PTR(-ENOMEM);
	}
	mmcsim_dev_init(dev, name);
	config_group_init_type_name(&dev->group, name, &mmcsim_dev_type);
	return dev;
}

static struct config_group *mmcsim_make_group(struct config_group *group,
					      const char *name)
{
	struct mmcsim_dev *dev = mmcsim_alloc(name);

	return IS_ERR(dev) ? ERR_CAST(dev) : &dev->group;
}

/* Detach before the directory goes: rmdir never races a command. */
static void mmcsim_drop_item(struct config_group *group, struct config_item *item)
{
	struct mmcsim_dev *dev = to_mmcsim(item);

	mutex_lock(&dev->cfg_lock);
	mmcsim_power_off(dev);
	mutex_unlock(&dev->cfg_lock);
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

/**
 * mmcsim_configfs_init() - register /sys/kernel/config/mmcsim
 *
 * Return: 0 or a negative errno.
 */
int mmcsim_configfs_init(void)
{
	config_group_init(&mmcsim_subsys.su_group);
	mutex_init(&mmcsim_subsys.su_mutex);
	return configfs_register_subsystem(&mmcsim_subsys);
}

/**
 * mmcsim_configfs_add_default() - a drive of the nr_devices parameter
 * @name: its name
 * @preset: its medium
 *
 * It shows in configfs like the others, powered, but only rmmod removes it.
 *
 * Return: 0 or a negative errno.
 */
int mmcsim_configfs_add_default(const char *name, const char *preset)
{
	struct mmcsim_dev *dev = mmcsim_alloc(name);
	int err;

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	err = mmcsim_load_medium(dev, preset);
	if (err)
		goto err_free;
	err = configfs_register_group(&mmcsim_subsys.su_group, &dev->group);
	if (err)
		goto err_free;
	list_add_tail(&dev->default_entry, &default_devs);
	mutex_lock(&dev->cfg_lock);
	err = mmcsim_power_on(dev);
	mutex_unlock(&dev->cfg_lock);
	return err;

err_free:
	config_item_put(&dev->group.cg_item);
	return err;
}

/**
 * mmcsim_configfs_exit() - remove the parameter's drives and the subsystem
 */
void mmcsim_configfs_exit(void)
{
	struct mmcsim_dev *dev, *next;

	list_for_each_entry_safe(dev, next, &default_devs, default_entry) {
		list_del(&dev->default_entry);
		configfs_unregister_group(&dev->group);
		config_item_put(&dev->group.cg_item);
	}
	configfs_unregister_subsystem(&mmcsim_subsys);
}
