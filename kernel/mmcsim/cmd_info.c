// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the disc holds: READ DISC INFORMATION, READ TRACK INFORMATION, READ
 * TOC/PMA/ATIP, READ CAPACITY, READ FORMAT CAPACITIES, READ DISC STRUCTURE.
 * All of them encode the one model of media.c (MMC.md 3.4-3.9, 3.20).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/string.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"
#include "mmcsim_compat.h"

/* ATIP of the simulated CD-R/RW (realworld case 27): lead-in 97:34:23. */
#define ATIP_LEADIN (-11077)

/* MSF of an LBA as `00 M S F`; lead-in (below -150) counts from 90:00:00. */
static void put_msf(u8 *p, s32 lba)
{
	u32 f = lba >= -150 ? lba + 150 : lba + 450150;

	p[0] = 0;
	p[1] = f / (60 * 75);
	p[2] = (f / 75) % 60;
	p[3] = f % 75;
}

static void put_addr(u8 *p, s32 lba, bool msf)
{
	if (msf)
		put_msf(p, lba);
	else
		put_unaligned_be32(lba, p);
}

/* Where the last session starts or will start (its lead-in follows). */
static u32 last_session_start(const struct mmcsim_medium *m)
{
	u16 n = mmcsim_first_track_of(m, m->closed + 1);

	return n ? m->tracks[n - 1].start : m->nwa;
}

/**
 * mmcsim_cmd_read_disc_info() - READ DISC INFORMATION from the medium model
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_disc_info(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u16 sessions = mmcsim_sessions(m), first, last = mmcsim_total_tracks(m);
	u8 status = mmcsim_disc_status(m), *b = dev->reply;
	bool cd = mmcsim_is_cd(m->profile);
	u32 start;

	if (dev->quirks & MMCSIM_Q_NO_RDI)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x20, 0);
	if (scmd->cmnd[1] & 7)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	first = mmcsim_first_track_of(m, sessions);
	if (!first)
		first = last;
	put_unaligned_be16(32, b);
	b[2] = m->erasable << 4 | mmcsim_last_session_state(m) << 2 | status;
	b[3] = 1;
	b[4] = sessions;
	b[9] = sessions >> 8;
	b[5] = first;
	b[10] = first >> 8;
	b[6] = last;
	b[11] = last >> 8;
	b[7] = 0x20 | (m->profile == MMCSIM_P_DVDPRW ? m->bg : 0);
	b[8] = cd && status == MMCSIM_BLANK ? 0xff : 0;
	if (mmcsim_is_sequential(m->profile) && !m->finalized) {
		start = last_session_start(m);
		if (cd) {
			put_msf(b + 16, m->ntracks ? (s32)start - MMCSIM_CD_LEADIN :
				ATIP_LEADIN);
			put_msf(b + 20, m->capacity);
		} else {
			put_unaligned_be32(start, b + 16);
			put_unaligned_be32(m->capacity, b + 20);
		}
	} else {
		put_unaligned_be32(0xffffffff, b + 16);
		put_unaligned_be32(0xffffffff, b + 20);
	}
	mmcsim_respond(scmd, b, 34, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

static void track_info_ow(const struct mmcsim_dev *dev, u8 *b)
{
	const struct mmcsim_medium *m = &dev->medium;
	u32 size = m->formatted ?: m->capacity;

	b[2] = 1;
	b[3] = 1;
	b[5] = 7;
	if (!m->formatted) {
		b[6] = 0x61;		/* blank, incremental: unformatted */
		put_unaligned_be32(size, b + 16);
	} else {
		b[6] = 0x01;
		b[7] = dev->quirks & MMCSIM_Q_LRA_INVALID ? 0 : 0x02;
		put_unaligned_be32(size - 1, b + 28);
	}
	put_unaligned_be32(size, b + 24);
}

/* The invisible track: blank, from the NWA to the end of the medium. */
static void track_info_invisible(const struct mmcsim_dev *dev, u8 *b)
{
	const struct mmcsim_medium *m = &dev->medium;
	u16 session = m->closed + 1;
	u32 free = m->capacity - m->nwa;

	b[5] = mmcsim_is_cd(m->profile) ? 4 : 5;
	/*
	 * Blank; incremental (Packet) where real drives say so:
	 * DVD-RW and BD-R, not DVD-R (realworld 03, 05, 16, 19).
	 */
	b[6] = 0x40 | 1;
	if (m->profile == MMCSIM_P_DVDRW || mmcsim_is_bd(m->profile))
		b[6] |= 0x20;
	b[7] = 1;
	put_unaligned_be32(m->nwa, b + 8);
	if ((dev->quirks & MMCSIM_Q_NWA_MINUS150) && !m->ntracks)
		put_unaligned_be32((u32)-150, b + 12);
	else
		put_unaligned_be32(m->nwa, b + 12);
	put_unaligned_be32(free, b + 16);
	put_unaligned_be32(free, b + 24);
	b[3] = session;
	b[33] = session >> 8;
}

/* A recorded, open, reserved or damaged track of a sequential medium. */
static void track_info_recorded(const struct mmcsim_dev *dev,
				const struct mmcsim_track *t, u8 *b)
{
	const struct mmcsim_medium *m = &dev->medium;
	bool dvdmr = m->profile == MMCSIM_P_DVDR || m->profile == MMCSIM_P_DVDRW;
	u32 unit = mmcsim_write_unit(m->profile), nwa = 0, free = 0, size;
	bool lra_ok;

	b[3] = t->session;
	b[33] = t->session >> 8;
	b[5] = t->audio ? 0 : mmcsim_is_cd(m->profile) ? 4 : 5;
	b[6] = 1;
	/* recorded DVD+R tracks carry RT = 1 (realworld 01, 07) */
	if (m->profile == MMCSIM_P_DVDPR || m->profile == MMCSIM_P_DVDPR_DL)
		b[6] |= 0x80;
	size = t->size;
	switch (t->state) {
	case MMCSIM_T_DAMAGED:
		b[5] |= 0x20;
		break;
	case MMCSIM_T_INCOMPLETE:
		nwa = round_up(t->start + t->recorded, unit);
		free = m->capacity - nwa;
		size = m->capacity - t->start;
		b[6] = 1 | (dvdmr ? 0x30 : 0);	/* being written incrementally */
		b[7] = 1;
		break;
	case MMCSIM_T_RESERVED:
		nwa = t->start + t->recorded;
		free = t->start + t->size - nwa;
		b[6] |= 0x80 | (t->recorded ? 0 : 0x40);
		b[7] = 1;
		break;
	}
	if (m->packet) {
		/*
		 * Formatted for fixed packets (realworld 24): a reserved track
		 * of mode 2 packets, recorded incrementally (track mode 7),
		 * with neither an NWA nor an LRA to report.
		 */
		b[5] = 7;
		b[6] = 0x80 | 0x20 | 0x10 | 2;
	}
	lra_ok = t->recorded && !m->packet &&
		 !(dev->quirks & MMCSIM_Q_LRA_INVALID);
	b[7] |= lra_ok << 1;
	put_unaligned_be32(t->start, b + 8);
	put_unaligned_be32(nwa, b + 12);
	put_unaligned_be32(free, b + 16);
	if (b[6] & 0x10)	/* fixed packets: DVD-RW's are of 16 */
		put_unaligned_be32(m->packet ?: 16, b + 20);
	put_unaligned_be32(size, b + 24);
	if (lra_ok)
		put_unaligned_be32(t->start + t->recorded - 1, b + 28);
}

/* The 48-byte record of track @n (1-based; ntracks + 1 = invisible). */
static void track_info(const struct mmcsim_dev *dev, u16 n, u8 *b)
{
	const struct mmcsim_medium *m = &dev->medium;

	put_unaligned_be16(46, b);
	b[2] = n;
	b[32] = n >> 8;
	if (mmcsim_is_overwriteable(m->profile))
		track_info_ow(dev, b);
	else if (n > m->ntracks)
		track_info_invisible(dev, b);
	else
		track_info_recorded(dev, &m->tracks[n - 1], b);
}

/* Track number an RTI address names, 0 if none (05/24/00). */
static u16 rti_track(const struct mmcsim_dev *dev, u8 type, u32 addr)
{
	const struct mmcsim_medium *m = &dev->medium;
	u16 last = mmcsim_total_tracks(m), i;
	const struct mmcsim_track *t;

	if (mmcsim_is_overwriteable(m->profile))
		return (type == 0 && addr < m->capacity) || addr == 1 ? 1 : 0;
	switch (type) {
	case 0:
		for (i = 0; i < m->ntracks; i++) {
			t = &m->tracks[i];
			if (addr >= t->start && addr < mmcsim_track_end(t))
				return i + 1;
		}
		if (mmcsim_has_invisible(m) && addr >= m->nwa && addr < m->capacity)
			return last;
		return 0;
	case 1:
		if (addr != 0xff)
			return addr <= last ? addr : 0;
		if (dev->quirks & MMCSIM_Q_RTI_FF_REFUSED)
			return 0;
		/* the invisible or the incomplete track; none on a closed disc */
		if (mmcsim_has_invisible(m) ||
		    (m->ntracks && m->tracks[m->ntracks - 1].state == MMCSIM_T_INCOMPLETE))
			return last;
		return 0;
	case 2:
		if (addr > 0xffff)
			return 0;
		i = mmcsim_first_track_of(m, addr);
		if (!i && mmcsim_has_invisible(m) && addr == m->closed + 1)
			i = last;
		return i;
	}
	return 0;
}

/**
 * mmcsim_cmd_read_track_info() - READ TRACK INFORMATION
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_track_info(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u16 n = rti_track(dev, scmd->cmnd[1] & 3,
			  get_unaligned_be32(scmd->cmnd + 2));

	if (!n)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	track_info(dev, n, dev->reply);
	mmcsim_respond(scmd, dev->reply, 48, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

static u8 *toc_point(u8 *p, u16 session, u8 adr_ctl, u8 point, s32 msf_lba,
		     s32 pmsf_lba)
{
	u8 msf[4];

	p[0] = session;
	p[1] = adr_ctl;
	p[3] = point;
	if (msf_lba != S32_MIN) {
		put_msf(msf, msf_lba);
		memcpy(p + 4, msf + 1, 3);
	}
	put_msf(msf, pmsf_lba);
	memcpy(p + 8, msf + 1, 3);
	return p + 11;
}

/* Raw TOC (format 2, CD only): A0/A1/A2, tracks, B0, C0 per session. */
static u32 raw_toc(const struct mmcsim_medium *m, u16 n, u8 *b)
{
	bool rom = mmcsim_is_rom(m->profile);
	u16 s, last_s = m->tracks[n - 1].session, i = 0, first;
	u8 *p = b + 4;
	s32 next;

	for (s = 1; s <= last_s; s++) {
		first = i;
		while (i < n && m->tracks[i].session == s)
			i++;
		p = toc_point(p, s, 0x14, 0xa0, S32_MIN, 0);
		p[-3] = first + 1;	/* PMIN: first track; PSEC: disc type 0 */
		p[-2] = 0;
		p = toc_point(p, s, 0x14, 0xa1, S32_MIN, 0);
		p[-3] = i;
		p[-2] = 0;
		p = toc_point(p, s, 0x14, 0xa2, S32_MIN,
			      mmcsim_track_end(&m->tracks[i - 1]));
		for (; first < i; first++)
			p = toc_point(p, s, m->tracks[first].audio ? 0x10 : 0x14,
				      first + 1, S32_MIN, m->tracks[first].start);
		if (rom)
			continue;
		if (s < mmcsim_last_session(m))
			next = m->tracks[mmcsim_first_track_of(m, s + 1) - 1].start;
		else
			next = m->finalized ? -1 : m->nwa;
		p = toc_point(p, s, 0x54, 0xb0, next < 0 ? S32_MIN : next,
			      m->capacity);
		if (next < 0)
			memset(p - 7, 0xff, 3);
		if (s == 1)
			p = toc_point(p, s, 0x54, 0xc0, S32_MIN, ATIP_LEADIN);
	}
	b[2] = 1;
	b[3] = last_s;
	return p - b;
}

static u32 read_atip(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u8 *b = dev->reply, msf[4];

	if (m->profile != MMCSIM_P_CDR && m->profile != MMCSIM_P_CDRW)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	put_unaligned_be16(26, b);
	b[4] = 0x55;			/* writing power 5, reference speed 5 */
	b[6] = 0x80 | (m->profile == MMCSIM_P_CDRW) << 6;
	put_msf(msf, ATIP_LEADIN);
	memcpy(b + 8, msf + 1, 3);
	put_msf(msf, m->capacity);
	memcpy(b + 12, msf + 1, 3);
	mmcsim_respond(scmd, b, 28, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

/**
 * mmcsim_cmd_read_toc() - READ TOC/PMA/ATIP
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_toc(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	bool cd = mmcsim_is_cd(m->profile), msf = cd && (scmd->cmnd[1] & 2);
	u8 format = scmd->cmnd[2] & 0x0f, track = scmd->cmnd[6];
	u16 n = mmcsim_toc_tracks(m), i, first, last;
	u16 alloc = get_unaligned_be16(scmd->cmnd + 7);
	u8 *b = dev->reply, *p;
	u32 len;

	if (!format && scmd->cmnd[9] >> 6)
		format = scmd->cmnd[9] >> 6;
	if (format == 4)
		return read_atip(dev, scmd);
	if (format == 5) {
		put_unaligned_be16(2, b);
		mmcsim_respond(scmd, b, 4, alloc);
		return 0;
	}
	if (format > 2 || (format == 2 && !cd) || !n ||
	    mmcsim_is_overwriteable(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (format == 2) {
		len = raw_toc(m, n, b);
	} else if (format == 1) {
		if (dev->quirks & MMCSIM_Q_SHORT_MS_TOC) {
			put_unaligned_be16(2, b);
			mmcsim_respond(scmd, b, 4, alloc);
			return 0;
		}
		first = mmcsim_first_track_of(m, m->tracks[n - 1].session);
		b[2] = 1;
		b[3] = m->tracks[n - 1].session;
		b[5] = m->tracks[first - 1].audio ? 0x10 : 0x14;
		b[6] = first;
		put_addr(b + 8, m->tracks[first - 1].start, msf);
		len = 12;
	} else {
		/* one byte per track number: the TOC stops short of AAh */
		last = min_t(u16, n, MMCSIM_TOC_MAX_TRACKS);
		if (track > last && track != 0xaa)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
		b[2] = 1;
		b[3] = last;
		p = b + 4;
		for (i = track > 1 ? track - 1 : 0; track != 0xaa && i < last; i++) {
			p[1] = m->tracks[i].audio ? 0x10 : 0x14;
			p[2] = i + 1;
			put_addr(p + 4, m->tracks[i].start, msf);
			p += 8;
		}
		p[1] = 0x14;
		p[2] = 0xaa;
		put_addr(p + 4, mmcsim_track_end(&m->tracks[n - 1]), msf);
		len = p + 8 - b;
	}
	put_unaligned_be16(len - 2, b);
	mmcsim_respond(scmd, b, len, alloc);
	return 0;
}

/**
 * mmcsim_cmd_read_capacity() - READ CAPACITY
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_capacity(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 *b = dev->reply;

	put_unaligned_be32(mmcsim_read_capacity(&dev->medium), b);
	put_unaligned_be32(MMCSIM_BLOCK, b + 4);
	mmcsim_respond(scmd, b, 8, 8);
	return 0;
}

static u8 *format_desc(u8 *p, u32 blocks, u8 type, u32 tdp)
{
	put_unaligned_be32(blocks, p);
	p[4] = type << 2;
	put_unaligned_be24(tdp, p + 5);
	return p + 8;
}

/**
 * mmcsim_cmd_read_format_capacities() - READ FORMAT CAPACITIES of the medium
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_format_capacities(struct mmcsim_dev *dev,
				      struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u32 full = m->profile == MMCSIM_P_BDR || m->profile == MMCSIM_P_BDRE ?
		   12219392 : m->capacity;
	u8 *b = dev->reply, *p = b + 12;

	/* current/maximum capacity descriptor */
	put_unaligned_be32(m->formatted ?: full, b + 4);
	b[8] = m->formatted ? 2 : 1;
	put_unaligned_be24(MMCSIM_BLOCK, b + 9);
	switch (m->profile) {
	case MMCSIM_P_DVDPRW:
		p = format_desc(p, m->capacity, 0x26, 0);
		break;
	case MMCSIM_P_DVDRW:
	case MMCSIM_P_DVDRW_RO:
		p = format_desc(p, m->capacity, 0x00, 16);
		p = format_desc(p, m->capacity, 0x10, 16);
		if (m->profile == MMCSIM_P_DVDRW_RO)
			p = format_desc(p, m->capacity - m->formatted, 0x13, 16);
		p = format_desc(p, m->capacity, 0x15, 16);
		break;
	case MMCSIM_P_DVDRAM:
		p = format_desc(p, m->capacity, 0x00, MMCSIM_BLOCK);
		p = format_desc(p, m->capacity, 0x01, MMCSIM_BLOCK);
		break;
	case MMCSIM_P_BDRE:
		p = format_desc(p, 11826176, 0x00, 0x3000);
		p = format_desc(p, 11826176, 0x30, 0x3000);
		p = format_desc(p, 11564032, 0x30, 0x5000);
		p = format_desc(p, 12088320, 0x30, 0x1000);
		p = format_desc(p, 12219392, 0x31, 0);
		break;
	case MMCSIM_P_BDR:
		p = format_desc(p, 11826176, 0x00, 0x3000);
		p = format_desc(p, 11826176, 0x32, 0x3000);
		p = format_desc(p, 5796864, 0x32, 0x9e000);
		p = format_desc(p, 12088320, 0x32, 0x1000);
		break;
	case MMCSIM_P_BDR_RRM:
		p = format_desc(p, m->formatted, 0x00, 0x3000);
		break;
	default:
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	}
	b[3] = p - b - 4;
	mmcsim_respond(scmd, b, p - b, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

/* DVD book type of format 00h (MMC.md 3.20). */
static u8 book_type(u16 profile)
{
	switch (profile) {
	case MMCSIM_P_DVDRAM:
		return 0x10;
	case MMCSIM_P_DVDR:
		return 0x25;
	case MMCSIM_P_DVDRW: case MMCSIM_P_DVDRW_RO:
		return 0x32;
	case MMCSIM_P_DVDPRW:
		return 0x92;
	case MMCSIM_P_DVDPR:
		return 0xa1;
	case MMCSIM_P_DVDPR_DL:
		return 0xe1;
	}
	return 0x01;
}

/**
 * mmcsim_cmd_read_dvd_structure() - READ DISC STRUCTURE of a DVD or BD
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_dvd_structure(struct mmcsim_dev *dev,
				  struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u16 alloc = get_unaligned_be16(scmd->cmnd + 8);
	u8 format = scmd->cmnd[7], *b = dev->reply;
	bool dvd = mmcsim_is_dvd(m->profile);
	u32 len;

	if (mmcsim_is_cd(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x02);
	switch (format) {
	case 0x00:
		if (!dvd)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
		b[4] = book_type(m->profile);
		b[5] = 0x0f;
		b[6] = (m->profile == MMCSIM_P_DVDPR_DL) << 5 |
		       (mmcsim_is_rom(m->profile) ? 1 :
			m->erasable ? 4 : 2);
		b[7] = 0x10;
		put_unaligned_be32(0x30000, b + 8);
		put_unaligned_be32(0x30000 + m->capacity - 1, b + 12);
		len = 4 + 2048;
		break;
	case 0xc0:
		/* write protection status, DVD and BD alike: PWP */
		if (!dvd && !mmcsim_is_bd(m->profile))
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
		b[4] = m->write_protected ? 0x02 : 0;
		len = 8;
		break;
	case 0xff:
		len = 4;
		if (dvd) {
			b[len] = 0x00;
			b[len + 1] = 0x40;
			put_unaligned_be16(2048 + 4, b + len + 2);
			b[len + 4] = 0xc0;
			b[len + 5] = 0x40;
			put_unaligned_be16(8, b + len + 6);
			len += 8;
		}
		b[len] = 0xff;
		b[len + 1] = 0x40;
		put_unaligned_be16(4 + 12, b + len + 2);
		len += 4;
		break;
	default:
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	}
	put_unaligned_be16(len - 2, b);
	mmcsim_respond(scmd, b, len, alloc);
	return 0;
}
