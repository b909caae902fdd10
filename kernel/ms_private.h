/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internal types of multisession.ko; never seen by userspace.
 */
#ifndef MS_PRIVATE_H
#define MS_PRIVATE_H

#include <linux/multisession.h>
#include <linux/types.h>

#include "parse.h"

struct file;
struct scsi_device;

/**
 * struct ms_drive - one drive for the duration of one query
 * @sdev: the drive, pinned with scsi_device_get() by the caller
 * @buf: DMA-safe reply buffer of MS_BUF_LEN bytes
 * @commands: commands the drive received so far
 * @last_sent: ktime_get_ns() when the last command was sent: the drive
 *	looked at the medium after that
 * @medium_changed: the drive reported a medium change during this pass
 * @a: the decoded replies
 * @toc: storage for @a.toc
 */
struct gendisk;

struct ms_drive {
	struct scsi_device *sdev;
	u8 *buf;
	u32 commands;
	u64 last_sent;
	bool medium_changed;
	/* the pass's first READ DISC INFORMATION reply, as the drive sent it */
	u8 disc_info[MMC_DISC_INFO_LEN];
	u8 disc_info_len;
	struct mmc_answers a;
	struct mmc_toc toc;
};

#define MS_BUF_LEN 2048

/*
 * What the outcome of a command (ms_mmc() and the helpers on it) means for
 * the request: every fallback decides by this and nothing else.
 */
enum ms_outcome {
	MS_ANSWERED,		/* the drive replied */
	MS_LACKING,		/* it does not do the command or this form of it */
	MS_NOTHING_THERE,	/* no such address, or nothing recorded there */
	MS_FAILED,		/* the drive or medium failed: that fact is lost */
	MS_ENDED,		/* no other command helps: no medium, a change... */
};

int ms_mmc(struct ms_drive *d, const u8 *cdb, unsigned int len);
enum ms_outcome ms_outcome(int err);
int ms_user_errno(int err);
struct ms_drive *ms_drive_alloc(struct scsi_device *sdev);
void ms_drive_free(struct ms_drive *d);
int ms_drive_get(int fd, struct file **filep, struct scsi_device **sdevp);
void ms_drive_put(struct file *file, struct scsi_device *sdev);
int ms_query_once(struct scsi_device *sdev, struct gendisk *disk,
		  const struct multisession_query *q,
		  struct multisession_query *facts, u64 *answered,
		  struct multisession_track **tracksp, u32 *ntracksp);
int ms_query_drive(struct scsi_device *sdev, struct gendisk *disk,
		   struct multisession_query *q);
long ms_ioctl_query(struct multisession_query *q);
long ms_ioctl_refresh(struct multisession_refresh *r);

#endif /* MS_PRIVATE_H */
