// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/multisession: multisession facts of the medium in an optical drive.
 *
 * The device node only dispatches ioctls; the authorization to query a drive
 * is the caller's own open file descriptor of it, so the node itself can be
 * open to everyone.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/multisession.h>
#include <linux/uaccess.h>

#include "ms_private.h"

union ms_ucmd_buffer {
	struct multisession_info info;
	struct multisession_query query;
	struct multisession_refresh refresh;
};

/* Send back at most what both the caller and we know of the struct. */
static int ms_respond(void __user *uarg, u32 user_size, const void *kstruct,
		      size_t size)
{
	if (copy_to_user(uarg, kstruct, min_t(size_t, user_size, size)))
		return -EFAULT;
	return 0;
}

static long ms_get_info(union ms_ucmd_buffer *buf, void __user *uarg,
			u32 user_size)
{
	struct multisession_info *info = &buf->info;

	if (info->flags || info->__reserved)
		return -EINVAL;
	info->out_api_version = MULTISESSION_API_VERSION;
	info->out_query_size = sizeof(struct multisession_query);
	info->out_track_size = sizeof(struct multisession_track);
	info->out_query_flags = MULTISESSION_QUERY_TRACKS;
	return ms_respond(uarg, user_size, info, sizeof(*info));
}

static long ms_query(union ms_ucmd_buffer *buf, void __user *uarg,
		     u32 user_size)
{
	struct multisession_query *q = &buf->query;
	long ret;

	if (q->flags & ~MULTISESSION_QUERY_TRACKS || q->__reserved0 ||
	    q->__reserved)
		return -EINVAL;
	if (!(q->flags & MULTISESSION_QUERY_TRACKS)) {
		if (q->tracks_capacity || q->tracks_uptr || q->track_entry_size)
			return -EINVAL;
	} else if (q->track_entry_size &&
		   (q->track_entry_size < MULTISESSION_TRACK_SIZE_VER0 ||
		    q->track_entry_size > MULTISESSION_TRACK_SIZE_MAX)) {
		/* 0: the VER0 size, for callers from before the field */
		return -EINVAL;
	}
	if (q->tracks_capacity && !q->tracks_uptr)
		return -EFAULT;
	ret = ms_ioctl_query(q);
	/* A partial answer is worth nothing: send it only on success. */
	if (ret)
		return ret;
	return ms_respond(uarg, user_size, q, sizeof(*q));
}

static long ms_refresh(union ms_ucmd_buffer *buf, void __user *uarg,
		       u32 user_size)
{
	struct multisession_refresh *r = &buf->refresh;
	long ret;

	if (r->flags || r->__reserved)
		return -EINVAL;
	ret = ms_ioctl_refresh(r);
	if (ret)
		return ret;
	return ms_respond(uarg, user_size, r, sizeof(*r));
}

struct ms_ioctl_op {
	unsigned int size;
	unsigned int min_size;
	unsigned int ioctl_num;
	long (*execute)(union ms_ucmd_buffer *buf, void __user *uarg,
			u32 user_size);
};

#define MS_IOCTL_OP(_nr, _ioctl, _fn, _struct, _last)                  \
	[(_nr) - MULTISESSION_CMD_BASE] = {                             \
		.size = sizeof(_struct) +                               \
			BUILD_BUG_ON_ZERO(sizeof(union ms_ucmd_buffer) < \
					  sizeof(_struct)),             \
		.min_size = offsetofend(_struct, _last),                \
		.ioctl_num = _ioctl,                                    \
		.execute = _fn,                                         \
	}

static const struct ms_ioctl_op ms_ioctl_ops[] = {
	MS_IOCTL_OP(MULTISESSION_CMD_GET_INFO, MULTISESSION_GET_INFO, ms_get_info,
		    struct multisession_info, out_query_flags),
	MS_IOCTL_OP(MULTISESSION_CMD_QUERY, MULTISESSION_QUERY, ms_query,
		    struct multisession_query, __reserved),
	MS_IOCTL_OP(MULTISESSION_CMD_REFRESH, MULTISESSION_REFRESH, ms_refresh,
		    struct multisession_refresh, __reserved),
};

static long ms_fops_ioctl(struct file *filp, unsigned int cmd,
			  unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	const struct ms_ioctl_op *op;
	union ms_ucmd_buffer buf;
	unsigned int nr;
	u32 user_size;
	int ret;

	nr = _IOC_NR(cmd);
	if (_IOC_TYPE(cmd) != MULTISESSION_TYPE ||
	    nr - MULTISESSION_CMD_BASE >= ARRAY_SIZE(ms_ioctl_ops))
		return -ENOTTY;
	op = &ms_ioctl_ops[nr - MULTISESSION_CMD_BASE];
	if (op->ioctl_num != cmd)
		return -ENOTTY;

	if (get_user(user_size, (u32 __user *)uarg))
		return -EFAULT;
	if (user_size < op->min_size)
		return -EINVAL;
	/*
	 * copy_struct_from_user() checks every byte past our struct for zero,
	 * without a reschedule point: a size of 4 GiB would hold the CPU for
	 * seconds. A page is room for any version to come (openat2, clone3
	 * and perf set the same bound).
	 */
	if (user_size > PAGE_SIZE)
		return -E2BIG;
	ret = copy_struct_from_user(&buf, op->size, uarg, user_size);
	if (ret)
		return ret;
	return op->execute(&buf, uarg, user_size);
}

static const struct file_operations ms_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = ms_fops_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice ms_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "multisession",
	.fops = &ms_fops,
	.mode = 0666,
};

static int __init ms_init(void)
{
	BUILD_BUG_ON(offsetofend(struct multisession_info, out_query_flags) !=
		     MULTISESSION_INFO_SIZE_VER0);
	BUILD_BUG_ON(offsetofend(struct multisession_query, __reserved) !=
		     MULTISESSION_QUERY_SIZE_VER0);
	BUILD_BUG_ON(sizeof(struct multisession_query) !=
		     MULTISESSION_QUERY_SIZE_VER1);
	BUILD_BUG_ON(offsetofend(struct multisession_track, __reserved1) !=
		     MULTISESSION_TRACK_SIZE_VER0);
	BUILD_BUG_ON(offsetofend(struct multisession_refresh, __reserved) !=
		     MULTISESSION_REFRESH_SIZE_VER0);
	return misc_register(&ms_misc);
}
module_init(ms_init);

static void __exit ms_exit(void)
{
	misc_deregister(&ms_misc);
}
module_exit(ms_exit);

MODULE_DESCRIPTION("Multisession facts of optical media (/dev/multisession)");
MODULE_LICENSE("GPL");
MODULE_VERSION(MS_VERSION);
