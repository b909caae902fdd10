// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data and recording: READ/WRITE(10/12), SYNCHRONIZE CACHE, CLOSE
 * TRACK/SESSION, RESERVE TRACK, BLANK, FORMAT UNIT, SEND CUE SHEET
 * (MMC.md 3.14-3.20, transitions of 7.2).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"
#include "mmcsim_compat.h"

#define BD_DEFAULT_FORMAT 11826176

static void cdb_lba_count(const struct scsi_cmnd *scmd, u32 *lba, u32 *count)
{
	*lba = get_unaligned_be32(scmd->cmnd + 2);
	if (scmd->cmnd[0] == READ_12 || scmd->cmnd[0] == WRITE_12)
		*count = get_unaligned_be32(scmd->cmnd + 6);
	else
		*count = get_unaligned_be16(scmd->cmnd + 7);
}

/*
 * Whether the blocks reach what READ(10) cannot read on a CD: an audio
 * track (its sectors hold no 2048-byte user data), or the run-out of a
 * closed track, the blocks a TAO track's size counts beyond what was
 * recorded (MMC.md 1.3).
 */
static bool reads_cd_unreadable(const struct mmcsim_medium *m, u32 lba, u32 count)
{
	const struct mmcsim_track *t;
	u32 from;
	u16 i;

	if (!mmcsim_is_cd(m->profile))
		return false;
	for (i = 0; i < m->ntracks; i++) {
		t = &m->tracks[i];
		if (t->state == MMCSIM_T_INCOMPLETE)
			continue;
		from = t->audio ? t->start : t->start + t->recorded;
		if ((u64)lba + count > from && lba < t->start + t->size)
			return true;
	}
	return false;
}

/**
 * mmcsim_cmd_read() - READ(10) and READ(12)
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u32 lba, count, i, end = mmcsim_readable_end(&dev->medium);
	u8 *blk = dev->reply;

	cdb_lba_count(scmd, &lba, &count);
	if ((u64)lba + count > end)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x21, 0);
	if (reads_cd_unreadable(&dev->medium, lba, count))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x64, 0);
	if ((u64)count * MMCSIM_BLOCK > scsi_bufflen(scmd))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	/* a reply cut short reaches a one-block read too (the module's) */
	if (count == 1 && dev->cur_fault && mmcsim_fault_truncates(dev->cur_fault)) {
		mmcsim_store_read(dev, lba, blk);
		mmcsim_respond(scmd, blk, MMCSIM_BLOCK, MMCSIM_BLOCK);
		return 0;
	}
	for (i = 0; i < count; i++) {
		mmcsim_store_read(dev, lba + i, blk);
		sg_pcopy_from_buffer(scsi_sglist(scmd), scsi_sg_count(scmd), blk,
				     MMCSIM_BLOCK, (size_t)i * MMCSIM_BLOCK);
	}
	scsi_set_resid(scmd, scsi_bufflen(scmd) - count * MMCSIM_BLOCK);
	return 0;
}

static bool test_write(const struct mmcsim_dev *dev)
{
	return dev->page05[2] & 0x10;
}

/**
 * mmcsim_cmd_write() - WRITE(10) and WRITE(12)
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_write(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	struct mmcsim_medium *m = &dev->medium;
	struct mmcsim_track *t;
	u32 lba, count, skip = 0, i;
	u8 *blk = dev->reply;
	u32 sense;

	cdb_lba_count(scmd, &lba, &count);
	if ((u64)count * MMCSIM_BLOCK != scsi_bufflen(scmd))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (!count)
		return 0;
	/* session-at-once: the pre-gap before the NWA is written, not kept */
	if (m->sao_pending && (s32)lba < (s32)m->nwa &&
	    (s32)lba >= (s32)m->nwa - MMCSIM_CD_PREGAP)
		skip = min_t(u32, count, m->nwa - lba);
	if (skip == count)
		return 0;
	sense = mmcsim_write_target(m, lba + skip, count - skip, &t);
	if (sense)
		return sense;
	if (test_write(dev)) {
		if (t && t->state == MMCSIM_T_INCOMPLETE && !t->recorded)
			m->ntracks--;
		return 0;
	}
	for (i = skip; i < count; i++) {
		sg_pcopy_to_buffer(scsi_sglist(scmd), scsi_sg_count(scmd), blk,
				   MMCSIM_BLOCK, (size_t)i * MMCSIM_BLOCK);
		if (mmcsim_store_write(dev, lba + i, blk))
			return MMCSIM_SENSE(MEDIUM_ERROR, 0x0c, 0);
		if (t)
			t->recorded++;
	}
	return 0;
}

/* Page 05 Multi-session 11b: the disc stays open after this session. */
static bool next_session_allowed(const struct mmcsim_dev *dev)
{
	u16 p = dev->medium.profile;

	if (!mmcsim_is_cd(p) && p != MMCSIM_P_DVDR && p != MMCSIM_P_DVDRW)
		return true;
	return (dev->page05[3] >> 6) == 3;
}

static void changed(struct mmcsim_dev *dev)
{
	if (dev->media_change_events)
		mmcsim_media_changed(dev);
}

/**
 * mmcsim_cmd_sync_cache() - SYNCHRONIZE CACHE
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_sync_cache(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	struct mmcsim_medium *m = &dev->medium;
	u8 write_type = dev->page05[2] & 0x0f;
	bool sao = m->sao_pending || (mmcsim_is_cd(m->profile) && write_type == 2);

	if (!mmcsim_is_sequential(m->profile))
		return 0;
	if (sao || ((m->profile == MMCSIM_P_DVDR || m->profile == MMCSIM_P_DVDRW) &&
		    write_type == 2)) {
		/* SAO / DAO: the track and its session end here */
		if (mmcsim_last_session(m) <= m->closed)
			return 0;
		mmcsim_close_track(m, sao);
		mmcsim_close_session(m, !next_session_allowed(dev));
		m->sao_pending = false;
		changed(dev);
	} else if (mmcsim_is_cd(m->profile)) {
		/* track at once: SYNCHRONIZE CACHE closes the track */
		mmcsim_close_track(m, false);
	}
	return 0;
}

/**
 * mmcsim_cmd_close() - CLOSE TRACK/SESSION
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_close(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	struct mmcsim_medium *m = &dev->medium;
	u8 fn = scmd->cmnd[2] & 7;

	if (fn != 0 && fn != 1 && fn != 2 && fn != 5 && fn != 6)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (mmcsim_is_rom(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x05);
	if (m->write_protected && fn)
		return MMCSIM_SENSE(DATA_PROTECT, 0x27, 0);
	if (!mmcsim_is_sequential(m->profile)) {
		/* DVD+RW: close session ends the background format */
		if (m->profile == MMCSIM_P_DVDPRW && m->formatted && fn == 2)
			m->bg = 3;
		return 0;
	}
	switch (fn) {
	case 1:
		mmcsim_close_track(m, false);
		/* pseudo-overwrite media never close a session: this is the end */
		if (m->pow)
			changed(dev);
		break;
	case 2:
		mmcsim_close_session(m, !next_session_allowed(dev));
		changed(dev);
		break;
	case 5:
	case 6:
		mmcsim_close_session(m, true);
		changed(dev);
		break;
	}
	return 0;
}

/**
 * mmcsim_cmd_reserve_track() - RESERVE TRACK of a given size at the NWA
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_reserve_track(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	if (scmd->cmnd[1] & 1)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (dev->medium.write_protected)
		return MMCSIM_SENSE(DATA_PROTECT, 0x27, 0);
	return mmcsim_reserve_track(&dev->medium,
				    get_unaligned_be32(scmd->cmnd + 5));
}

/**
 * mmcsim_cmd_blank() - BLANK
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_blank(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	struct mmcsim_medium *m = &dev->medium;
	u8 type = scmd->cmnd[1] & 7;

	if (m->profile != MMCSIM_P_CDRW && m->profile != MMCSIM_P_DVDRW &&
	    m->profile != MMCSIM_P_DVDRW_RO)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x06);
	if (m->write_protected)
		return MMCSIM_SENSE(DATA_PROTECT, 0x27, 0);
	if (type > 1)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	mmcsim_blank(m);
	mmcsim_store_clear(dev);
	changed(dev);
	return 0;
}

/* Formats @m per descriptor type/sub-type; 0 or a sense code. */
static u32 format_medium(struct mmcsim_medium *m, u32 blocks, u8 type, u8 sub)
{
	switch (m->profile) {
	case MMCSIM_P_DVDPRW:
		if (type != 0x26)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		m->formatted = m->capacity;
		m->bg = 3;
		return 0;
	case MMCSIM_P_DVDRW:
	case MMCSIM_P_DVDRW_RO:
		if (type != 0x00 && type != 0x10 && type != 0x13 && type != 0x15)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		mmcsim_blank(m);
		m->profile = MMCSIM_P_DVDRW_RO;
		m->formatted = m->capacity;
		return 0;
	case MMCSIM_P_DVDRAM:
		if (type != 0x00 && type != 0x01)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		m->formatted = m->capacity;
		return 0;
	case MMCSIM_P_BDRE:
		if (type != 0x00 && type != 0x30 && type != 0x31)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		if (type == 0x31)
			m->formatted = m->capacity;
		else if (blocks && blocks <= m->capacity && blocks != U32_MAX)
			m->formatted = blocks;
		else
			m->formatted = BD_DEFAULT_FORMAT;
		return 0;
	case MMCSIM_P_BDR:
		if (type != 0x00 && type != 0x32)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		if (m->ntracks || m->formatted)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x06);
		m->formatted = blocks && blocks <= m->capacity && blocks != U32_MAX ?
			       blocks : BD_DEFAULT_FORMAT;
		m->capacity = m->formatted;
		m->pow = sub == 0;
		return 0;
	}
	return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x06);
}

/**
 * mmcsim_cmd_format_unit() - FORMAT UNIT with one format descriptor
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_format_unit(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	struct mmcsim_medium *m = &dev->medium;
	u8 *b = dev->reply;
	u32 sense;

	if ((scmd->cmnd[1] & 0x17) != 0x11)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (scsi_bufflen(scmd) < 12)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
	scsi_sg_copy_to_buffer(scmd, b, 12);
	if (get_unaligned_be16(b + 2) != 8)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
	if (m->write_protected)
		return MMCSIM_SENSE(DATA_PROTECT, 0x27, 0);
	sense = format_medium(m, get_unaligned_be32(b + 4), b[8] >> 2, b[8] & 3);
	if (sense)
		return sense;
	if (!mmcsim_is_overwriteable(m->profile) || m->profile == MMCSIM_P_DVDRW_RO)
		mmcsim_store_clear(dev);
	changed(dev);
	return 0;
}

/**
 * mmcsim_cmd_send_cue_sheet() - SEND CUE SHEET for session-at-once
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_send_cue_sheet(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	struct mmcsim_medium *m = &dev->medium;
	u32 len = get_unaligned_be24(scmd->cmnd + 6);

	if (!dev->sao)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x20, 0);
	if (m->profile != MMCSIM_P_CDR && m->profile != MMCSIM_P_CDRW)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x05);
	if (!len || len % 8 || len > scsi_bufflen(scmd))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
	if (m->write_protected)
		return MMCSIM_SENSE(DATA_PROTECT, 0x27, 0);
	if (!mmcsim_has_invisible(m))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x2c, 0);
	m->sao_pending = true;
	return 0;
}
