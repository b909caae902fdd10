/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Every kernel-version difference the module meets, in one place, each
 * detected by what the headers provide rather than by version number.
 */
#ifndef MS_COMPAT_H
#define MS_COMPAT_H

#include <linux/blkdev.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <scsi/scsi_device.h>

/* The unaligned accessors moved from asm/ to linux/ in 6.12 (see Kbuild). */
#ifdef MS_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/*
 * The block device of an opened block special file. 6.9 added file_bdev()
 * for this; it is this same expression, which 6.1 needs spelled out since
 * blkdev_open() points f_mapping at the bdev inode's mapping in both.
 */
static inline struct block_device *ms_file_bdev(struct file *file)
{
	return I_BDEV(file->f_mapping->host);
}

/*
 * scsi_execute_cmd() with struct scsi_exec_args replaced the scsi_execute()
 * macro and scsi_execute_req() in 6.3; both return the SCSI result (> 0),
 * 0, or a negative errno.
 */
static inline int ms_scsi_execute_in(struct scsi_device *sdev, const u8 *cdb,
				     void *buf, unsigned int len,
				     struct scsi_sense_hdr *sshdr, int timeout,
				     int *resid)
{
#ifndef scsi_execute
	const struct scsi_exec_args args = { .sshdr = sshdr, .resid = resid };

	return scsi_execute_cmd(sdev, cdb, REQ_OP_DRV_IN, buf, len, timeout, 0,
				&args);
#else
	return scsi_execute_req(sdev, cdb, DMA_FROM_DEVICE, buf, len, sshdr,
				timeout, 0, resid);
#endif
}

/*
 * Open the whole disk and close it again: sr's open takes a pending media
 * change and re-reads the disc. Not exclusive, no holder, no I/O of ours.
 */
static inline int ms_reopen_disk(dev_t devt)
{
#ifdef MS_BDEV_FILE_OPEN
	struct file *f = bdev_file_open_by_dev(devt, BLK_OPEN_READ | BLK_OPEN_NDELAY,
					       NULL, NULL);

	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(f);
#else
	struct block_device *bdev;

	bdev = blkdev_get_by_dev(devt, FMODE_READ | FMODE_NDELAY, NULL);
	if (IS_ERR(bdev))
		return PTR_ERR(bdev);
	blkdev_put(bdev, FMODE_READ | FMODE_NDELAY);
#endif
	return 0;
}

#endif /* MS_COMPAT_H */
