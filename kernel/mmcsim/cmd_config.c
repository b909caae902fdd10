// SPDX-License-Identifier: GPL-2.0-only
/*
 * Identification and configuration: INQUIRY, GET CONFIGURATION, GET EVENT
 * STATUS NOTIFICATION, MODE SENSE/SELECT(10), MECHANISM STATUS, GET
 * PERFORMANCE, READ BUFFER CAPACITY, START STOP UNIT, PREVENT ALLOW.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"
#include "mmcsim_compat.h"

/**
 * mmcsim_cmd_inquiry() - INQUIRY: standard data with the configured strings
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_inquiry(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 *b = dev->reply;

	if (scmd->cmnd[1] & 1)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	b[0] = TYPE_ROM;
	b[1] = 0x80;		/* removable */
	b[2] = 0;		/* ATAPI habit: Linux probes no VPD pages */
	b[3] = 2;
	b[4] = 31;
	memset(b + 8, ' ', 28);
	memcpy(b + 8, dev->vendor, strlen(dev->vendor));
	memcpy(b + 16, dev->product, strlen(dev->product));
	memcpy(b + 32, dev->revision, strlen(dev->revision));
	mmcsim_respond(scmd, b, 36, get_unaligned_be16(scmd->cmnd + 3));
	return 0;
}

/* The drive's profiles, descending (MMC.md 2.2). */
static const u16 drive_profiles[] = {
	MMCSIM_P_BDRE, MMCSIM_P_BDR_RRM, MMCSIM_P_BDR, MMCSIM_P_BDROM,
	MMCSIM_P_DVDPR_DL, MMCSIM_P_DVDPR, MMCSIM_P_DVDPRW, MMCSIM_P_DVDRW,
	MMCSIM_P_DVDRW_RO, MMCSIM_P_DVDRAM, MMCSIM_P_DVDR, MMCSIM_P_DVDROM,
	MMCSIM_P_CDRW, MMCSIM_P_CDR, MMCSIM_P_CDROM,
};

/*
 * A profile's bit in struct mmcsim_feature.profiles: BD's 40h..43h take the
 * unused 00h..03h.
 */
#define PB(p) BIT_ULL((p) & 0x3f)
#define PB_CD (PB(MMCSIM_P_CDROM) | PB(MMCSIM_P_CDR) | PB(MMCSIM_P_CDRW))
#define PB_CDW (PB(MMCSIM_P_CDR) | PB(MMCSIM_P_CDRW))
#define PB_DVDMR (PB(MMCSIM_P_DVDR) | PB(MMCSIM_P_DVDRW))
#define PB_PLUSR (PB(MMCSIM_P_DVDPR) | PB(MMCSIM_P_DVDPR_DL))
#define PB_RW                                                                \
	(PB(MMCSIM_P_DVDRAM) | PB(MMCSIM_P_DVDRW_RO) | PB(MMCSIM_P_DVDPRW) | \
	 PB(MMCSIM_P_BDRE) | PB(MMCSIM_P_BDR_RRM))
#define PB_DVD                                                  \
	(PB(MMCSIM_P_DVDROM) | PB_DVDMR | PB(MMCSIM_P_DVDRAM) | \
	 PB(MMCSIM_P_DVDRW_RO) | PB(MMCSIM_P_DVDPRW) | PB_PLUSR)
#define PB_BDW (PB(MMCSIM_P_BDR) | PB(MMCSIM_P_BDR_RRM) | PB(MMCSIM_P_BDRE))
#define PB_BD (PB(MMCSIM_P_BDROM) | PB_BDW)
#define PB_ANY (PB_CD | PB_DVD | PB_BD)

/**
 * struct mmcsim_feature - one feature descriptor of GET CONFIGURATION
 * @code: feature code
 * @version: its version
 * @len: additional length
 * @always: current with or without a medium
 * @sao: listed only while the drive offers session-at-once
 * @profiles: PB() of the profiles it is current for
 * @data: its fixed bytes; feature_vary() sets the others
 */
struct mmcsim_feature {
	u16 code;
	u8 version;
	u8 len;
	bool always;
	bool sao;
	u64 profiles;
	u8 data[24];
};

/* Every feature of the drive, ascending, current flags per MMC.md 2.3. */
static const struct mmcsim_feature features[] = {
	{ 0x0000, 0, 4 * ARRAY_SIZE(drive_profiles), true },
	{ 0x0001, 2, 8, true, .data = { [3] = 2, [4] = 1 } },	/* ATAPI, DBE */
	{ 0x0002, 1, 4, true, .data = { 0x02 } },		/* OCEvent */
	{ 0x0003, 0, 4, true, .data = { 0x29 } },		/* tray, eject, lock */
	/*
	 * Write Protect: the drive reports (READ DISC STRUCTURE C0h) the
	 * persistent write protection of recordable DVD and BD (SPWP); the
	 * feature tells that it can, the status says whether it is on.
	 */
	{ 0x0004, 2, 4,
	  .profiles = (PB_DVD | PB_BD) &
		      ~(PB(MMCSIM_P_DVDROM) | PB(MMCSIM_P_BDROM)),
	  .data = { 0x02 } },
	{ 0x0010, 0, 8, .profiles = PB_ANY },
	{ 0x001d, 0, 0, .profiles = PB_CD },
	{ 0x001e, 2, 4, .profiles = PB_CD },
	{ 0x001f, 1, 4, .profiles = PB_DVD, .data = { 1, 0, 1 } },
	{ 0x0020, 1, 12, .profiles = PB_RW },
	/* block types raw and mode 1, BUF, one link size */
	{ 0x0021, 1, 8, .profiles = PB_CDW | PB_DVDMR,
	  .data = { 0x01, 0x01, 0x01, 1 } },
	{ 0x0023, 0, 8,
	  .profiles = PB_RW | PB(MMCSIM_P_DVDRW) | PB(MMCSIM_P_BDR) },
	{ 0x0024, 0, 4, .profiles = PB(MMCSIM_P_DVDRAM) | PB(MMCSIM_P_BDRE),
	  .data = { 0x80 } },
	{ 0x0026, 0, 0, .profiles = PB(MMCSIM_P_DVDRW_RO) },
	{ 0x002a, 0, 4, .profiles = PB(MMCSIM_P_DVDPRW), .data = { 1 } },
	{ 0x002b, 0, 4, .profiles = PB_PLUSR, .data = { 1 } },
	{ 0x002c, 0, 4, .profiles = PB(MMCSIM_P_DVDRW_RO), .data = { 0x0e } },
	/* BUF, test write, CD-RW; block types raw and mode 1 */
	{ 0x002d, 2, 4, .profiles = PB_CDW, .data = { 0x46, 0, 0x01, 0x01 } },
	/* BUF, SAO, test write, CD-RW; cue sheet of up to 4096 bytes */
	{ 0x002e, 0, 4, .sao = true, .profiles = PB_CDW,
	  .data = { 0x66, 0x00, 0x10, 0x00 } },
	/* BUF, test write, DVD-RW */
	{ 0x002f, 1, 4, .profiles = PB_DVDMR, .data = { 0x46 } },
	{ 0x0038, 0, 4, .profiles = PB(MMCSIM_P_BDR) },
	{ 0x003b, 0, 4, .profiles = PB(MMCSIM_P_DVDPR_DL), .data = { 1 } },
	/* BD-RE, BD-R, BD-ROM class 0 versions 1 and 2 */
	{ 0x0040, 0, 28, .profiles = PB_BD,
	  .data = { [5] = 0x06, [13] = 0x06, [21] = 0x06 } },
	{ 0x0041, 0, 20, .profiles = PB_BDW,
	  .data = { [5] = 0x06, [13] = 0x06 } },
	{ 0x0100, 0, 0, true },
	{ 0x0105, 0, 4, true },
	{ 0x0107, 3, 4, true, .data = { 0x0b } },		/* SCS, WSPD, SW */
};

/*
 * The bytes of a feature that depend on the drive and its medium (@d: its
 * data, @cur: whether its profiles make it current). Returns whether it is
 * current.
 */
static bool feature_vary(const struct mmcsim_dev *dev, u16 code, u16 p, u8 *d,
			 bool cur)
{
	u32 unit = p ? mmcsim_write_unit(p) : 1, i;

	switch (code) {
	case 0x0000:
		for (i = 0; i < ARRAY_SIZE(drive_profiles); i++) {
			put_unaligned_be16(drive_profiles[i], d + 4 * i);
			d[4 * i + 2] = drive_profiles[i] == p;
		}
		break;
	case 0x0010:
		put_unaligned_be32(MMCSIM_BLOCK, d);
		put_unaligned_be16(unit, d + 4);
		break;
	case 0x0020:
		put_unaligned_be32(cur && dev->medium.formatted ?
				   dev->medium.formatted - 1 : 0, d);
		put_unaligned_be32(MMCSIM_BLOCK, d + 4);
		put_unaligned_be16(unit, d + 8);
		break;
	case 0x0021:
		d[4] = mmcsim_is_cd(p) ? 7 : 16;
		/* a drive that writes DVD-R only disc-at-once has it, not current */
		return cur && !(mmcsim_is_dvd(p) &&
				(dev->quirks & MMCSIM_Q_DVD_DAO_ONLY));
	case 0x0038:
		return cur && dev->medium.pow;
	}
	return cur;
}

static u32 build_features(struct mmcsim_dev *dev, u8 *b)
{
	u16 p = dev->tray_open ? 0 : dev->medium.profile;
	const struct mmcsim_feature *f;
	u64 pb = p ? PB(p) : 0;
	u32 n = 0;
	bool cur;

	for (f = features; f < features + ARRAY_SIZE(features); f++) {
		if (f->sao && !dev->sao)
			continue;
		memcpy(b + n + 4, f->data, min_t(u32, f->len, sizeof(f->data)));
		cur = feature_vary(dev, f->code, p, b + n + 4,
				   f->always || (f->profiles & pb));
		put_unaligned_be16(f->code, b + n);
		/* persistent: the core features and the drive's own */
		b[n + 2] = f->version << 2 |
			   (f->code <= 0x0003 || f->code >= 0x0100) << 1 | cur;
		b[n + 3] = f->len;
		n += 4 + f->len;
	}
	return n;
}

/**
 * mmcsim_cmd_get_configuration() - GET CONFIGURATION: features per RT
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_get_configuration(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 rt = scmd->cmnd[1] & 3, *all = dev->reply + MMCSIM_REPLY_MAX / 2;
	u16 start = get_unaligned_be16(scmd->cmnd + 2), code;
	u32 n, i, len = 8;
	u8 *b = dev->reply;

	if (rt == 3)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	n = build_features(dev, all);
	for (i = 0; i < n; i += 4 + all[i + 3]) {
		code = get_unaligned_be16(all + i);
		if (code < start || (rt == 1 && !(all[i + 2] & 1)) ||
		    (rt == 2 && code != start))
			continue;
		memcpy(b + len, all + i, 4 + all[i + 3]);
		len += 4 + all[i + 3];
	}
	put_unaligned_be32(len - 4, b);
	put_unaligned_be16(dev->tray_open ? 0 : dev->medium.profile, b + 6);
	mmcsim_respond(scmd, b, len, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

/**
 * mmcsim_cmd_gesn() - GET EVENT STATUS NOTIFICATION, polled
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_gesn(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u16 alloc = get_unaligned_be16(scmd->cmnd + 7);
	u8 *b = dev->reply;

	if (!(scmd->cmnd[1] & 1))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	b[3] = 0x10;			/* supported: media */
	if (!(scmd->cmnd[4] & 0x10)) {
		put_unaligned_be16(2, b);
		b[2] = 0x80;		/* NEA */
		mmcsim_respond(scmd, b, 4, alloc);
		return 0;
	}
	put_unaligned_be16(4, b);
	b[2] = 4;
	b[4] = dev->media_event;
	b[5] = (dev->medium.profile && !dev->tray_open) << 1 | dev->tray_open;
	/* an event is reported once, and only if the caller gets to see it */
	if (alloc >= 5)
		dev->media_event = 0;
	mmcsim_respond(scmd, b, 8, alloc);
	return 0;
}

/* Current read and write speed in kB/s for the medium in the tray. */
static u16 speed_kbs(const struct mmcsim_dev *dev)
{
	u16 p = dev->medium.profile;

	if (mmcsim_is_bd(p))
		return 17980;		/* BD 4x */
	if (mmcsim_is_dvd(p))
		return 11080;		/* DVD 8x */
	return 7056;			/* CD 40x */
}

/**
 * mmcsim_default_page05() - reset MODE SELECT page 05h to the power-on values
 * @dev: the drive
 */
void mmcsim_default_page05(struct mmcsim_dev *dev)
{
	u8 *p = dev->page05;

	memset(p, 0, sizeof(dev->page05));
	p[0] = 0x05;
	p[1] = 0x32;
	p[2] = 0x41;			/* BUFE, track at once */
	p[3] = 0x04;			/* no next session, data track */
	p[4] = 8;			/* mode 1 */
	p[15] = 150;			/* audio pause */
}

static u32 page_2a(struct mmcsim_dev *dev, u8 *p, u8 pc)
{
	u16 speed = speed_kbs(dev);

	p[0] = 0x2a;
	p[1] = 0x1e + 4;
	if (pc == 1)
		return 36;
	p[2] = 0x3f;			/* reads CD-R/RW, DVD-ROM/R/RAM, method 2 */
	p[3] = 0x37;			/* writes CD-R/RW, DVD-R/RAM, test write */
	p[4] = 0x70;			/* multi-session, mode 2 form 1/2 */
	p[5] = 0x01;			/* CD-DA commands */
	p[6] = 0x29 | (dev->locked ? 0x02 : 0);
	put_unaligned_be16(speed, p + 8);
	put_unaligned_be16(4096, p + 12);
	put_unaligned_be16(speed, p + 14);
	put_unaligned_be16(speed, p + 18);
	put_unaligned_be16(speed, p + 20);
	put_unaligned_be16(speed, p + 28);
	put_unaligned_be16(1, p + 30);
	put_unaligned_be16(speed, p + 34);
	return 36;
}

/**
 * mmcsim_cmd_mode_sense() - MODE SENSE(10): pages 01h, 05h and 2Ah
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_mode_sense(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 page = scmd->cmnd[2] & 0x3f, pc = scmd->cmnd[2] >> 6;
	u8 *b = dev->reply;
	u32 len = 8;

	if (pc == 3)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x39, 0);
	if (page != 0x01 && page != 0x05 && page != 0x2a && page != 0x3f)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (page == 0x01 || page == 0x3f) {
		b[len] = 0x01;
		b[len + 1] = 0x0a;
		len += 12;
	}
	if (page == 0x05 || page == 0x3f) {
		if (pc == 1) {
			/* changeable: everything a burner sets */
			b[len] = 0x05;
			b[len + 1] = 0x32;
			memset(b + len + 2, 0xff, 0x32);
		} else if (pc == 2) {
			u8 saved[52];

			memcpy(saved, dev->page05, sizeof(saved));
			mmcsim_default_page05(dev);
			memcpy(b + len, dev->page05, 52);
			memcpy(dev->page05, saved, sizeof(saved));
		} else {
			memcpy(b + len, dev->page05, 52);
		}
		len += 52;
	}
	if (page == 0x2a || page == 0x3f)
		len += page_2a(dev, b + len, pc);
	put_unaligned_be16(len - 2, b);
	mmcsim_respond(scmd, b, len, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

/**
 * mmcsim_cmd_mode_select() - MODE SELECT(10): keeps page 05h, accepts page 01h
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_mode_select(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u32 len = get_unaligned_be16(scmd->cmnd + 7), bdl, plen;
	u8 *b = dev->reply, *p;

	if (len > scsi_bufflen(scmd) || len > 512)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
	if (!len)
		return 0;
	if (len < 10)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x1a, 0);
	scsi_sg_copy_to_buffer(scmd, b, len);
	bdl = get_unaligned_be16(b + 6);
	if (8 + bdl + 2 > len)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
	p = b + 8 + bdl;
	plen = min_t(u32, p[1] + 2, len - 8 - bdl);
	switch (p[0] & 0x3f) {
	case 0x01:
		return 0;
	case 0x05:
		if (plen < 16 || (p[2] & 0x0f) > 4)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		/* no session-at-once on CD unless offered (MMC.md 3.19) */
		if ((p[2] & 0x0f) == 2 && mmcsim_is_cd(dev->medium.profile) &&
		    !dev->sao)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
		memcpy(dev->page05 + 2, p + 2, min_t(u32, plen, 52) - 2);
		return 0;
	}
	return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x26, 0);
}

/**
 * mmcsim_cmd_mechanism_status() - MECHANISM STATUS: whether the tray is open
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_mechanism_status(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 *b = dev->reply;

	b[1] = dev->tray_open ? 0x10 : 0;
	mmcsim_respond(scmd, b, 8, get_unaligned_be16(scmd->cmnd + 8));
	return 0;
}

/**
 * mmcsim_cmd_get_performance() - GET PERFORMANCE: one constant speed
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_get_performance(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u16 max = get_unaligned_be16(scmd->cmnd + 8);
	u32 end = dev->medium.capacity, speed = speed_kbs(dev);
	u8 type = scmd->cmnd[10], *b = dev->reply, *d = b + 8;

	if (type != 0 && type != 3)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0);
	if (type == 0) {
		/* one descriptor: constant speed over the medium */
		b[4] = scmd->cmnd[1] & 0x04 ? 0x02 : 0;
		put_unaligned_be32(0, d);
		put_unaligned_be32(speed, d + 4);
		put_unaligned_be32(end ? end - 1 : 0, d + 8);
		put_unaligned_be32(speed, d + 12);
	} else {
		put_unaligned_be32(end, d + 4);
		put_unaligned_be32(speed, d + 8);
		put_unaligned_be32(speed, d + 12);
	}
	put_unaligned_be32(8 + 16 - 4, b);
	mmcsim_respond(scmd, b, 24, 8 + 16 * max);
	return 0;
}

/**
 * mmcsim_cmd_read_buffer_capacity() - READ BUFFER CAPACITY: always empty
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_read_buffer_capacity(struct mmcsim_dev *dev,
				    struct scsi_cmnd *scmd)
{
	u8 *b = dev->reply;

	put_unaligned_be16(10, b);
	put_unaligned_be32(SZ_4M, b + 4);
	put_unaligned_be32(SZ_4M, b + 8);
	mmcsim_respond(scmd, b, 12, get_unaligned_be16(scmd->cmnd + 7));
	return 0;
}

/**
 * mmcsim_cmd_start_stop() - START STOP UNIT: open and close the tray
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_start_stop(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 b4 = scmd->cmnd[4];

	if (b4 >> 4 || !(b4 & 0x02))
		return 0;		/* power conditions, spin up/down */
	if (!(b4 & 0x01)) {
		if (dev->locked)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x53, 0x02);
		if (!dev->tray_open && dev->medium.profile)
			dev->media_event = 3;
		dev->tray_open = true;
		return 0;
	}
	if (dev->tray_open) {
		dev->tray_open = false;
		if (dev->medium.profile)
			mmcsim_media_changed(dev);
	}
	return 0;
}

/**
 * mmcsim_cmd_prevent() - PREVENT ALLOW MEDIUM REMOVAL: lock or unlock the tray
 * @dev: the drive, its command lock held
 * @scmd: the command
 *
 * Return: 0 or a sense code (MMCSIM_SENSE()).
 */
u32 mmcsim_cmd_prevent(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	dev->locked = scmd->cmnd[4] & 1;
	return 0;
}
