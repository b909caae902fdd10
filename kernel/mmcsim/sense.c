// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sense data (fixed format, MMC.md 4) and the pending unit attention.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdrom.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"

/**
 * mmcsim_set_sense() - finish a command with CHECK CONDITION
 * @scmd: the command
 * @sense: a code made by MMCSIM_SENSE()
 */
void mmcsim_set_sense(struct scsi_cmnd *scmd, u32 sense)
{
	scsi_build_sense(scmd, 0, MMCSIM_SENSE_KEY(sense),
			 MMCSIM_SENSE_ASC(sense), MMCSIM_SENSE_ASCQ(sense));
}

/**
 * mmcsim_queue_ua() - report UNIT ATTENTION asc/ascq on the next command
 * @dev: the drive, command lock held
 * @asc: additional sense code
 * @ascq: its qualifier
 *
 * A power-on (29h) outranks a medium change (28h), as scsi_debug's
 * priority bitmap does; one is reported per command.
 */
void mmcsim_queue_ua(struct mmcsim_dev *dev, u8 asc, u8 ascq)
{
	if (dev->ua >> 8 == 0x29 && asc != 0x29)
		return;
	dev->ua = asc << 8 | ascq;
}

/* Commands a pending unit attention lets through (MMC.md 3.0). */
static bool ua_exempt(u8 op)
{
	switch (op) {
	case INQUIRY: case REQUEST_SENSE: case REPORT_LUNS:
	case GPCMD_GET_CONFIGURATION: case GPCMD_GET_EVENT_STATUS_NOTIFICATION:
		return true;
	}
	return false;
}

/**
 * mmcsim_take_ua() - the unit attention this command reports, if any
 * @dev: the drive, command lock held
 * @op: the command's opcode
 *
 * Return: a sense code, or 0.
 */
u32 mmcsim_take_ua(struct mmcsim_dev *dev, u8 op)
{
	u16 ua = dev->ua;

	if (!ua || ua_exempt(op))
		return 0;
	dev->ua = 0;
	/* after a power-on the medium change is still news */
	if (ua >> 8 == 0x29 && dev->media_event)
		dev->ua = 0x2800;
	return MMCSIM_SENSE(UNIT_ATTENTION, ua >> 8, ua & 0xff);
}

/**
 * mmcsim_media_changed() - a medium became present: UA 06/28/00 and a GESN
 * new-media event, the pair Linux's sr_check_events expects
 * @dev: the drive, command lock held
 */
void mmcsim_media_changed(struct mmcsim_dev *dev)
{
	mmcsim_queue_ua(dev, 0x28, 0);
	dev->media_event = 2;
}
