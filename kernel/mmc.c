// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMC transport: every command the module sends goes through ms_mmc(), which
 * refuses anything but the read-only opcodes, bounds retries and turns the
 * drive's sense data into an errno.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/sched/signal.h>
#include <scsi/scsi.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_proto.h>

#include "compat.h"
#include "ms_private.h"
#include "parse.h"

#define MS_TIMEOUT (30 * HZ)
#define MS_UA_RETRIES 2
#define MS_BECOMING_READY_POLLS 25
#define MS_BECOMING_READY_MS 200
#define MS_MAX_READ_BLOCKS 2

/* Only commands that cannot change the medium or the drive's state. */
static bool ms_mmc_allowed(const u8 *cdb, unsigned int len)
{
	switch (cdb[0]) {
	case MMC_TEST_UNIT_READY:
	case MMC_INQUIRY:
	case MMC_READ_FORMAT_CAPACITIES:
	case MMC_READ_CAPACITY:
	case MMC_READ_TOC:
	case MMC_GET_CONFIGURATION:
	case MMC_READ_DISC_INFO:
	case MMC_READ_TRACK_INFO:
	case MMC_MODE_SENSE_10:
		return true;
	case MMC_READ_10:
		/* Volume descriptors only: a few blocks, never a data transfer. */
		return get_unaligned_be16(cdb + 7) <= MS_MAX_READ_BLOCKS &&
		       len <= MS_MAX_READ_BLOCKS * MMC_BLOCK;
	default:
		return false;
	}
}

#define ANY 0xff

static const struct {
	u8 key, asc, ascq;
	int err;
} ms_sense_errno[] = {
	{ NOT_READY, 0x3a, ANY, -ENOMEDIUM },
	{ NOT_READY, 0x30, ANY, -EMEDIUMTYPE },
	{ NOT_READY, 0x04, ANY, -EBUSY },
	{ ILLEGAL_REQUEST, 0x20, ANY, -EOPNOTSUPP },
	{ ILLEGAL_REQUEST, 0x24, ANY, -EOPNOTSUPP },
	{ ILLEGAL_REQUEST, 0x21, ANY, -ENODATA },
	{ ILLEGAL_REQUEST, 0x64, ANY, -ENODATA },
	{ ILLEGAL_REQUEST, 0x30, ANY, -EMEDIUMTYPE },
	{ MEDIUM_ERROR, 0x30, ANY, -EMEDIUMTYPE },
	{ UNIT_ATTENTION, ANY, ANY, -EAGAIN },
};

static int ms_sense_to_errno(const struct scsi_sense_hdr *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ms_sense_errno); i++) {
		if (ms_sense_errno[i].key != s->sense_key)
			continue;
		if (ms_sense_errno[i].asc != ANY && ms_sense_errno[i].asc != s->asc)
			continue;
		if (ms_sense_errno[i].ascq != ANY && ms_sense_errno[i].ascq != s->ascq)
			continue;
		return ms_sense_errno[i].err;
	}
	return -EIO;
}

static int ms_result_to_errno(int result, const struct scsi_sense_hdr *sshdr)
{
	if (result < 0)
		return result;
	switch (host_byte(result)) {
	case DID_OK:
		break;
	case DID_TIME_OUT:
		return -ETIMEDOUT;
	case DID_NO_CONNECT:
		return -ENODEV;
	default:
		return -EIO;
	}
	if (scsi_sense_valid(sshdr))
		return ms_sense_to_errno(sshdr);
	return -EIO;
}

/**
 * ms_mmc() - send one read-only MMC command and wait for its reply
 * @d: the drive; d->buf receives the reply
 * @cdb: command descriptor block (6 or 10 bytes, as the opcode implies)
 * @len: bytes to receive, at most MS_BUF_LEN
 *
 * UNIT ATTENTION (a medium change or reset) marks the device changed, so
 * that sr revalidates it, and is retried; "becoming ready" is waited out a
 * bounded number of times, killably.
 *
 * Return: bytes received, or a negative errno: -ENOMEDIUM, -EMEDIUMTYPE,
 * -EBUSY, -EOPNOTSUPP (the drive does not do this command or field),
 * -ENODATA (no such address), -ETIMEDOUT, -ENODEV, -EINTR, -EPERM (an
 * opcode outside the allow-list), -EIO.
 */
int ms_mmc(struct ms_drive *d, const u8 *cdb, unsigned int len)
{
	unsigned int ua = 0, polls = 0;
	struct scsi_sense_hdr sshdr;
	int resid, result, err;

	if (WARN_ON_ONCE(len > MS_BUF_LEN) || !ms_mmc_allowed(cdb, len))
		return -EPERM;
	for (;;) {
		if (fatal_signal_pending(current))
			return -EINTR;
		memset(&sshdr, 0, sizeof(sshdr));
		resid = 0;
		d->commands++;
		result = ms_scsi_execute_in(d->sdev, cdb, d->buf, len, &sshdr,
					    MS_TIMEOUT, &resid);
		if (result == 0)
			return len - clamp(resid, 0, (int)len);
		err = ms_result_to_errno(result, &sshdr);
		if (err == -EAGAIN && ua++ < MS_UA_RETRIES) {
			d->sdev->changed = 1;
			continue;
		}
		if (err == -EBUSY && sshdr.asc == 0x04 && sshdr.ascq == 0x01 &&
		    polls++ < MS_BECOMING_READY_POLLS) {
			if (msleep_interruptible(MS_BECOMING_READY_MS) &&
			    fatal_signal_pending(current))
				return -EINTR;
			continue;
		}
		if (err == -EAGAIN)
			err = -EIO;
		pr_debug("opcode %02x: result %#x sense %x/%02x/%02x: %d\n",
			 cdb[0], result, sshdr.sense_key, sshdr.asc, sshdr.ascq,
			 err);
		return err;
	}
}
