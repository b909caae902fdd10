// SPDX-License-Identifier: GPL-2.0-only
/*
 * MULTISESSION_REFRESH: make the kernel re-read a disc that a burn changed.
 *
 * A burner writes through SG_IO and most drives raise no unit attention
 * when a session is closed, so sr keeps the capacity and the multisession
 * offset it read when the disc went in: the block device ends at the old
 * size, CDROMMULTISESSION and isofs name the old last session, and udev's
 * ID_CDROM_MEDIA_* and blkid's label stay those of the old disc.
 *
 * sr re-reads the disc on an open that finds a media change pending, and
 * it takes one from the scsi_device's "changed" bit, which a unit
 * attention sets. A refresh asks the drive what sr's revalidation would
 * read (the multisession TOC as sr_cd_check() reads it, READ CAPACITY
 * and cdrom_get_last_written() as get_sectorsize() combines them) and
 * compares it with what the cdrom and block layers hold. Only where they
 * differ does it set that bit and open the disk once: sr's open then
 * raises the media change (diskseq moves, a change uevent goes out) and
 * revalidates, exactly as after an eject and reload. An unchanged disc is
 * left alone. Nothing of sr's own is touched but the bit its unit
 * attention handling sets.
 *
 * A disc held exclusively (a mounted filesystem, a burner's O_EXCL open)
 * is refused: a media change drops a mounted filesystem's caches under
 * it (6.1 warns "busy inodes on changed media"), and an exclusive writer
 * is not to be disturbed. The check and the bit are set under the disk's
 * open_mutex, which every open holds until its claim is complete, so no
 * mount can slip between them; a mount that comes later takes the
 * pending change in its own open, before its claim, as a first open of a
 * new disc would.
 *
 * Upstream this belongs in sr, which knows what it holds without asking:
 * a request (a cdrom ioctl, or BLKRRPART on a disk without partitions)
 * that re-reads capacity and TOC under open_mutex and raises the media
 * change only when they moved. Better still, sr could take a CLOSE TRACK
 * or CLOSE SESSION (5Bh) that completes through SG_IO, or a WRITE past
 * its capacity, as the media change it is, and no burner would need to
 * ask.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <scsi/scsi_device.h>

#include "compat.h"
#include "ms_private.h"
#include "mmc_defs.h"

/* What sr_cd_check() sends: READ TOC, format 1 in the old control-byte field. */
#define MS_SR_TOC_CONTROL 0x40

/*
 * The start of the last session as sr_cd_check() takes it from the drive
 * (an MMC drive: sr's path for drives that report a capabilities page).
 * A failed command or a short reply leaves sr at 0, and so do sessions
 * whose first track is track 1.
 */
static int ms_drive_session(struct ms_drive *d, s64 *start)
{
	u8 cdb[10] = { MMC_READ_TOC };
	int n;

	put_unaligned_be16(MMC_TOC_SESSION_LEN, cdb + CDB_ALLOC_LEN);
	cdb[CDB10_CONTROL] = MS_SR_TOC_CONTROL;
	n = ms_mmc(d, cdb, MMC_TOC_SESSION_LEN);
	*start = 0;
	if (n < 0)
		return ms_outcome(n) == MS_ENDED ? n : 0;
	/*
	 * What the drive did not send reads as zeros (ms_mmc()); the data
	 * length counts the bytes after its own two.
	 */
	if (get_unaligned_be16(d->buf + TOC_DATA_LEN) >= MMC_TOC_SESSION_LEN - 2 &&
	    d->buf[TOC_HEADER_LEN + TOCD_TRACK] > 1)
		/* sr keeps it as CDROMMULTISESSION's int */
		*start = (int)get_unaligned_be32(d->buf + TOC_HEADER_LEN + TOCD_START);
	return 0;
}

/*
 * The size in 512-byte sectors that get_sectorsize() sets: READ CAPACITY's
 * last block + 1, or the cdrom layer's last written block if that is
 * larger, scaled by the block length. -1 when sr would keep what it has
 * (READ CAPACITY failed, an unsupported block length).
 */
static int ms_drive_sectors(struct ms_drive *d, struct cdrom_device_info *cdi,
			    s64 *sectors)
{
	u8 cdb[10] = { MMC_READ_CAPACITY };
	long last_written;
	u32 blocks;
	int n;

	*sectors = -1;
	n = ms_mmc(d, cdb, MMC_CAPACITY_LEN);
	if (n < 0)
		return ms_outcome(n) == MS_ENDED ? n : 0;
	/* 32 bits, as sr keeps it: a blank disc's FFFFFFFFh + 1 is 0 */
	blocks = get_unaligned_be32(d->buf + CAP_LAST_LBA) + 1;
	*sectors = blocks;
	if (!cdrom_get_last_written(cdi, &last_written))
		*sectors = max_t(s64, *sectors, last_written);
	switch (get_unaligned_be32(d->buf + CAP_BLOCK_LEN)) {
	case 0:
	case 2340:
	case 2352:
	case 2048:
		*sectors *= MMC_BLOCK / SECTOR_SIZE;
		break;
	case 512:
		break;
	default:
		*sectors = 0;
	}
	return 0;
}

/* Compare, and leave sr a media change if the kernel's view is stale. */
static int ms_refresh_compare(struct ms_drive *d, struct block_device *bdev,
			      struct multisession_refresh *r)
{
	struct gendisk *disk = bdev->bd_disk;
	struct cdrom_device_info *cdi = disk_to_cdi(disk);
	struct cdrom_multisession held = { .addr_format = CDROM_LBA };
	u8 cdb[6] = { MMC_TEST_UNIT_READY };
	s64 start;
	int err;

	if (!cdi)
		return -ENODEV;
	if (READ_ONCE(bdev->bd_holder))
		return -EBUSY;
	/* sr revalidates only a drive that is ready */
	err = ms_mmc(d, cdb, 0);
	if (err < 0)
		return err;
	r->out_held_sectors = get_capacity(disk);
	err = ms_drive_sectors(d, cdi, &r->out_drive_sectors);
	if (err)
		return err;
	if (r->out_drive_sectors >= 0 &&
	    r->out_drive_sectors != r->out_held_sectors)
		r->out_stale |= MULTISESSION_STALE_SIZE;
	/* a drive sr found unable to do multisession keeps no offset */
	r->out_held_session = -1;
	r->out_drive_session = -1;
	if (!(cdi->mask & CDC_MULTI_SESSION) && !cdrom_multisession(cdi, &held)) {
		err = ms_drive_session(d, &start);
		if (err)
			return err;
		r->out_held_session = held.addr.lba;
		r->out_drive_session = start;
		if (start != held.addr.lba)
			r->out_stale |= MULTISESSION_STALE_SESSION;
	}
	if (r->out_stale)
		d->sdev->changed = 1;
	return 0;
}

static int ms_refresh_drive(struct scsi_device *sdev, struct block_device *bdev,
			    struct multisession_refresh *r)
{
	struct gendisk *disk = bdev->bd_disk;
	struct ms_drive *d;
	int err;

	d = ms_drive_alloc(sdev);
	if (!d)
		return -ENOMEM;
	err = mutex_lock_killable(&disk->open_mutex);
	if (err)
		goto out_free;
	err = ms_refresh_compare(d, bdev, r);
	mutex_unlock(&disk->open_mutex);
	r->out_commands = d->commands;
	/* sr's open takes the change and re-reads the disc */
	if (!err && r->out_stale) {
		err = ms_reopen_disk(disk_devt(disk));
		if (err == -ENXIO)	/* sr's open of a drive on its way out */
			err = -ENODEV;
	}
	r->out_diskseq = READ_ONCE(disk->diskseq);
out_free:
	ms_drive_free(d);
	return ms_user_errno(err);
}

/**
 * ms_ioctl_refresh() - MULTISESSION_REFRESH on validated arguments
 * @r: the caller's struct, input fields checked; out_* fields are filled
 *
 * Return: 0 or a negative errno as the uapi header documents.
 */
long ms_ioctl_refresh(struct multisession_refresh *r)
{
	struct scsi_device *sdev;
	struct file *file;
	int err;

	err = ms_drive_get(r->cdrom_fd, &file, &sdev);
	if (err)
		return err;
	err = ms_refresh_drive(sdev, ms_file_bdev(file), r);
	ms_drive_put(file, sdev);
	return err;
}
