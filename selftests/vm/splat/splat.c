// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test fixture for the VM runner: loading it prints a kernel warning and
 * fails, so run.sh must report a splat whatever the command's status.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init splat_init(void)
{
	WARN(1, "splat: runner self-test\n");
	return -EINVAL;
}
module_init(splat_init);

MODULE_DESCRIPTION("Warns on load: a self-test of the VM runner");
MODULE_LICENSE("GPL");
