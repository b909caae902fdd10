// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMC transport: every command the module sends goes through ms_mmc(), which
 * refuses anything but the read-only opcodes, bounds retries and turns the
 * drive's sense data into an errno.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <scsi/scsi.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_proto.h>

#include "compat.h"
#include "mmc_defs.h"
#include "ms_private.h"

#define MS_UA_RETRIES 2
#define MS_BECOMING_READY_POLLS 20
#define MS_BECOMING_READY_MS 500
#define MS_MAX_READ_BLOCKS 2

/*
 * The commands the module sends, and the only ones it may: none of them
 * can change the medium or the drive's state. GET EVENT STATUS
 * NOTIFICATION is absent on purpose: it consumes media events that belong
 * to sr's polling.
 */
static const struct {
	u8 opcode;
	u8 timeout_s;
} ms_allowed[] = {
	{ MMC_TEST_UNIT_READY, 10 },
	{ MMC_READ_FORMAT_CAPACITIES, 30 },
	{ MMC_READ_CAPACITY, 30 },
	{ MMC_READ_10, 30 },
	{ MMC_READ_TOC, 30 },
	{ MMC_GET_CONFIGURATION, 10 },
	{ MMC_READ_DISC_INFO, 30 },
	{ MMC_READ_TRACK_INFO, 30 },
	{ MMC_READ_DISC_STRUCTURE, 10 },
};

/* Return: the command's timeout in jiffies, 0 if it may not be sent. */
static int ms_mmc_timeout(const u8 *cdb, unsigned int len)
{
	unsigned int i;

	/* Volume descriptors only: a few blocks, never a data transfer. */
	if (cdb[CDB_OPCODE] == MMC_READ_10 &&
	    (get_unaligned_be16(cdb + CDB_READ10_BLOCKS) > MS_MAX_READ_BLOCKS ||
	     len > MS_MAX_READ_BLOCKS * MMC_BLOCK))
		return 0;
	for (i = 0; i < ARRAY_SIZE(ms_allowed); i++)
		if (ms_allowed[i].opcode == cdb[CDB_OPCODE])
			return ms_allowed[i].timeout_s * HZ;
	return 0;
}

#define ANY 0xff

enum ms_retry {
	MS_NO_RETRY,
	MS_RETRY_UA,		/* unit attention: report it once, retry */
	MS_RETRY_UA_CHANGED,	/* ... and the medium may have changed */
	MS_RETRY_READY,		/* becoming ready: wait and retry */
};

/*
 * Sense to errno, first match wins. -EOPNOTSUPP, -EINVAL and -ENODATA only
 * steer fallbacks inside the module (ms_outcome()); ms_user_errno() turns
 * them into -EIO.
 */
static const struct {
	u8 key, asc, ascq;
	u8 retry;
	int err;
} ms_sense_errno[] = {
	{ NOT_READY, 0x3a, ANY, MS_NO_RETRY, -ENOMEDIUM },
	{ NOT_READY, 0x04, 0x01, MS_RETRY_READY, -EBUSY },
	{ NOT_READY, 0x04, ANY, MS_NO_RETRY, -EBUSY },
	{ NOT_READY, 0x30, ANY, MS_NO_RETRY, -EMEDIUMTYPE },
	{ UNIT_ATTENTION, 0x28, ANY, MS_RETRY_UA_CHANGED, -EIO },
	{ UNIT_ATTENTION, 0x29, ANY, MS_RETRY_UA_CHANGED, -EIO },
	{ UNIT_ATTENTION, ANY, ANY, MS_RETRY_UA, -EIO },
	{ ILLEGAL_REQUEST, 0x20, 0x00, MS_NO_RETRY, -EOPNOTSUPP },
	{ ILLEGAL_REQUEST, 0x24, 0x00, MS_NO_RETRY, -EINVAL },
	{ ILLEGAL_REQUEST, 0x21, ANY, MS_NO_RETRY, -ENODATA },
	{ ILLEGAL_REQUEST, 0x30, ANY, MS_NO_RETRY, -ENODATA },
	{ ILLEGAL_REQUEST, 0x64, ANY, MS_NO_RETRY, -ENODATA },
	{ BLANK_CHECK, ANY, ANY, MS_NO_RETRY, -ENODATA },
};

/**
 * ms_outcome() - what a command's result means for the request
 * @err: ms_mmc()'s return, or an errno of a helper built on it
 *
 * A drive that lacks a command, or has nothing at an address, may answer
 * another way; a failing drive may not: its errno is the answer. A missing
 * or changed medium, a removed device, a timeout, a signal or no memory
 * end the request whatever fallback might follow.
 *
 * Return: the class of @err.
 */
enum ms_outcome ms_outcome(int err)
{
	switch (err) {
	case -EOPNOTSUPP:
	case -EINVAL:
		return MS_LACKING;
	case -ENODATA:
		return MS_NOTHING_THERE;
	case -ENOMEDIUM:
	case -EMEDIUMTYPE:
	case -EBUSY:
	case -ENODEV:
	case -ETIMEDOUT:
	case -EINTR:
	case -ENOMEM:
		return MS_ENDED;
	default:
		return err < 0 ? MS_FAILED : MS_ANSWERED;
	}
}

static unsigned int ms_sense_entry(const struct scsi_sense_hdr *s)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ms_sense_errno); i++) {
		if (ms_sense_errno[i].key != s->sense_key)
			continue;
		if (ms_sense_errno[i].asc != ANY && ms_sense_errno[i].asc != s->asc)
			continue;
		if (ms_sense_errno[i].ascq != ANY && ms_sense_errno[i].ascq != s->ascq)
			continue;
		break;
	}
	return i;
}

/* Sleep that only a fatal signal cuts short. */
static int ms_wait_ready(void)
{
	schedule_timeout_killable(msecs_to_jiffies(MS_BECOMING_READY_MS));
	return fatal_signal_pending(current) ? -EINTR : 0;
}

/* The SCSI device is on its way out (scsi_remove_device() has begun). */
static bool ms_sdev_removed(struct scsi_device *sdev)
{
	enum scsi_device_state state = READ_ONCE(sdev->sdev_state);

	return state == SDEV_CANCEL || state == SDEV_DEL;
}

/* A failed command's host byte: 0 if the drive answered (see its sense). */
static int ms_host_errno(struct scsi_device *sdev, int result)
{
	switch (host_byte(result)) {
	case DID_OK:
		return 0;
	case DID_TIME_OUT:
		return -ETIMEDOUT;
	case DID_NO_CONNECT:
		return -ENODEV;
	default:
		/*
		 * While its host is being removed, SCSI fails the device's
		 * commands with DID_ERROR, not DID_NO_CONNECT.
		 */
		return ms_sdev_removed(sdev) ? -ENODEV : -EIO;
	}
}

/* A drive for one request, with the reply buffer every command needs. */
struct ms_drive *ms_drive_alloc(struct scsi_device *sdev)
{
	struct ms_drive *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	d->buf = kmalloc(MS_BUF_LEN, GFP_KERNEL);
	if (!d->buf) {
		kfree(d);
		return NULL;
	}
	d->sdev = sdev;
	return d;
}

void ms_drive_free(struct ms_drive *d)
{
	kfree(d->buf);
	kfree(d);
}

/**
 * ms_mmc() - send one read-only MMC command and wait for its reply
 * @d: the drive; d->buf receives the reply
 * @cdb: command descriptor block (6, 10 or 12 bytes, as the opcode implies)
 * @len: bytes to receive, at most MS_BUF_LEN
 *
 * UNIT ATTENTION is retried a bounded number of times; a medium change or
 * reset among them marks the device changed so that sr revalidates it.
 * "Becoming ready" is waited out a bounded number of times, killably.
 *
 * Return: bytes received, or a negative errno: -ENOMEDIUM, -EMEDIUMTYPE,
 * -EBUSY, -EOPNOTSUPP (unknown opcode), -EINVAL (invalid field: the drive
 * does not do this form of the command), -ENODATA (no such address or
 * nothing recorded there), -ETIMEDOUT, -ENODEV (the device is gone),
 * -EINTR, -EPERM (an opcode outside the allow-list), -EIO.
 */
int ms_mmc(struct ms_drive *d, const u8 *cdb, unsigned int len)
{
	unsigned int ua = 0, polls = 0, i;
	struct scsi_sense_hdr sshdr;
	int resid, result, timeout, err;

	timeout = ms_mmc_timeout(cdb, len);
	if (WARN_ON_ONCE(len > MS_BUF_LEN || !timeout))
		return -EPERM;
	for (;;) {
		if (fatal_signal_pending(current))
			return -EINTR;
		memset(&sshdr, 0, sizeof(sshdr));
		/*
		 * Some transports report no residual (libata's ATAPI path):
		 * what the drive did not send must read as zeros, never as
		 * an earlier reply.
		 */
		memset(d->buf, 0, len);
		resid = 0;
		d->commands++;
		d->last_sent = ktime_get_ns();
		result = ms_scsi_execute_in(d->sdev, cdb, d->buf, len, &sshdr,
					    timeout, &resid);
		if (result == 0)
			return len - clamp(resid, 0, (int)len);
		if (result < 0)
			return result;
		err = ms_host_errno(d->sdev, result);
		if (err)
			return err;
		if (!scsi_sense_valid(&sshdr))
			return -EIO;
		i = ms_sense_entry(&sshdr);
		pr_debug("opcode %02x: result %#x sense %x/%02x/%02x\n", cdb[CDB_OPCODE],
			 result, sshdr.sense_key, sshdr.asc, sshdr.ascq);
		if (i == ARRAY_SIZE(ms_sense_errno))
			return -EIO;
		switch (ms_sense_errno[i].retry) {
		case MS_RETRY_UA_CHANGED:
			d->sdev->changed = 1;
			/* replies read so far may describe the old medium */
			d->medium_changed = true;
			fallthrough;
		case MS_RETRY_UA:
			if (ua++ < MS_UA_RETRIES)
				continue;
			break;
		case MS_RETRY_READY:
			if (polls++ < MS_BECOMING_READY_POLLS) {
				if (ms_wait_ready())
					return -EINTR;
				continue;
			}
			break;
		}
		return ms_sense_errno[i].err;
	}
}
