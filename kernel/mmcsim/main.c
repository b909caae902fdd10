// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcsim: a simulated MMC (CD/DVD/BD) recorder. Each drive is its own SCSI
 * host with one type 5 device at 0:0:0 that sr binds to; configfs creates
 * the drives, module parameters only give defaults. Here: the parameters,
 * module init and exit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>

#include "mmcsim.h"

static unsigned int nr_devices;
static char preset[32] = "cdr-blank";
static unsigned int max_store_mb = 256;

static int nr_devices_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 0, 256);
}

static const struct kernel_param_ops nr_devices_ops = {
	.set = nr_devices_set,
	.get = param_get_uint,
};
module_param_cb(nr_devices, &nr_devices_ops, &nr_devices, 0444);
MODULE_PARM_DESC(nr_devices, "Drives created and powered at load, 0..256 (default 0)");

static int max_store_set(const char *val, const struct kernel_param *kp)
{
	return param_set_uint_minmax(val, kp, 1, 65536);
}

static const struct kernel_param_ops max_store_ops = {
	.set = max_store_set,
	.get = param_get_uint,
};
module_param_cb(max_store_mb, &max_store_ops, &max_store_mb, 0444);
MODULE_PARM_DESC(max_store_mb, "MiB of written data all drives may hold, 1..65536 (default 256)");

static struct kparam_string preset_string = {
	.maxlen = sizeof(preset),
	.string = preset,
};
module_param_cb(preset, &param_ops_string, &preset_string, 0444);
MODULE_PARM_DESC(preset, "Medium of the nr_devices drives (default cdr-blank)");

/* A preset name is valid if it builds. */
static int check_preset(const char *name)
{
	struct mmcsim_medium *m = kvmalloc(sizeof(*m), GFP_KERNEL);
	u16 sessions;
	u32 blocks;
	int err;

	if (!m)
		return -ENOMEM;
	err = mmcsim_preset(m, name, &sessions, &blocks);
	kvfree(m);
	return err;
}

static int __init mmcsim_init(void)
{
	char name[24];
	unsigned int i;
	int err;

	err = check_preset(preset);
	if (err) {
		pr_err("unknown preset '%s'\n", preset);
		return err;
	}
	mmcsim_store_init(max_store_mb);
	err = mmcsim_cmd_init();
	if (err)
		return err;
	err = mmcsim_drive_init();
	if (err)
		goto err_cmd_exit;
	mmcsim_debugfs_init();
	err = mmcsim_configfs_init();
	if (err)
		goto err_debugfs_exit;
	for (i = 0; i < nr_devices; i++) {
		snprintf(name, sizeof(name), "mmcsim%u", i);
		err = mmcsim_configfs_add_default(name, preset);
		if (err)
			goto err_configfs_exit;
	}
	return 0;

err_configfs_exit:
	mmcsim_configfs_exit();
err_debugfs_exit:
	mmcsim_debugfs_exit();
	mmcsim_drive_exit();
err_cmd_exit:
	mmcsim_cmd_exit();
	return err;
}
module_init(mmcsim_init);

static void __exit mmcsim_exit(void)
{
	mmcsim_configfs_exit();
	mmcsim_debugfs_exit();
	mmcsim_drive_exit();
	mmcsim_cmd_exit();
}
module_exit(mmcsim_exit);

MODULE_DESCRIPTION("Simulated MMC (CD/DVD/BD) recorder for testing");
MODULE_LICENSE("GPL");
