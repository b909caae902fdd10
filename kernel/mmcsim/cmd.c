// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcsim commands: replies are built from the disc model (media.c) in a
 * buffer, then copied truncated to the allocation length with the residual
 * set. Commands run one at a time per drive, in process context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"

/* <linux/unaligned.h> replaced <asm/unaligned.h> in 6.12 (see Kbuild). */
#ifdef MS_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#define REPLY_MAX 4096

struct mmcsim_cmd {
	struct work_struct work;
	struct scsi_cmnd *scmd;
};

static void sense(struct scsi_cmnd *scmd, u8 key, u8 asc, u8 ascq)
{
	scsi_build_sense(scmd, 0, key, asc, ascq);
}

static void respond(struct scsi_cmnd *scmd, const u8 *buf, u32 len, u32 alloc)
{
	u32 n = min3(len, alloc, scsi_bufflen(scmd));

	n = scsi_sg_copy_from_buffer(scmd, buf, n);
	scsi_set_resid(scmd, scsi_bufflen(scmd) - n);
}

static void put_msf(u8 *p, s32 lba)
{
	u32 f = lba + 150;

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

static bool writable_state(const struct mmcsim_medium *m)
{
	return m->disc_status == MMCSIM_BLANK || m->disc_status == MMCSIM_APPENDABLE;
}

static struct mmcsim_track *open_track(struct mmcsim_medium *m)
{
	struct mmcsim_track *t = m->ntracks ? &m->tracks[m->ntracks - 1] : NULL;

	return t && t->state == MMCSIM_TRACK_INCOMPLETE ? t : NULL;
}

/* The track after the recorded ones, where the next write starts. */
static bool has_invisible(const struct mmcsim_medium *m)
{
	return mmcsim_sequential(m) && writable_state(m) && !open_track((void *)m);
}

static u16 total_tracks(const struct mmcsim_medium *m)
{
	if (mmcsim_overwriteable(m) || !m->present)
		return 1;
	return m->ntracks + has_invisible(m);
}

/* ---- identification and configuration ---- */

static void cmd_inquiry(struct scsi_cmnd *scmd)
{
	u8 b[36] = { TYPE_ROM, 0x80, 0, 2, 31 };

	if (scmd->cmnd[1] & 1) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	memcpy(b + 8, "MMCSIM  Sim Recorder    1.0 ", 28);
	respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 3));
}

static const u16 drive_profiles[] = { 0x43, 0x41, 0x40, 0x2b, 0x1b, 0x1a, 0x12,
				      0x11, 0x10, 0x0a, 0x09, 0x08 };

struct feature {
	u16 code;
	u8 version;
	bool cur;
	u8 len;
	/* the largest descriptor is the profile list */
	u8 data[4 * ARRAY_SIZE(drive_profiles)];
};

static u32 build_features(const struct mmcsim_medium *m, struct feature *f)
{
	u16 p = m->present ? m->profile : 0;
	bool cd = mmcsim_profile_is_cd(p), bd = p >= 0x40, dvd = p >= 0x10 && !bd;
	u32 unit = mmcsim_write_unit(p), n = 0, i;

	f[n] = (struct feature){ 0x0000, 0, true, 4 * ARRAY_SIZE(drive_profiles) };
	for (i = 0; i < ARRAY_SIZE(drive_profiles); i++) {
		put_unaligned_be16(drive_profiles[i], f[n].data + 4 * i);
		f[n].data[4 * i + 2] = drive_profiles[i] == p;
	}
	n++;
	f[n++] = (struct feature){ 0x0001, 2, true, 8, { 0, 0, 0, 1, 1 } };
	f[n++] = (struct feature){ 0x0002, 1, true, 4, { 2 } };
	f[n++] = (struct feature){ 0x0003, 0, true, 4, { 0x29 } };
	f[n] = (struct feature){ 0x0010, 0, p != 0, 8, { 0, 0, 8, 0 } };
	put_unaligned_be16(unit, f[n++].data + 4);
	f[n++] = (struct feature){ 0x001d, 0, cd, 0 };
	f[n++] = (struct feature){ 0x001e, 2, cd, 4 };
	f[n++] = (struct feature){ 0x001f, 0, dvd, 4 };
	f[n] = (struct feature){ 0x0020, 0, p == 0x12 || p == 0x1a || p == 0x43, 12 };
	put_unaligned_be32(m->formatted ? m->formatted - 1 : 0, f[n].data);
	put_unaligned_be32(MMCSIM_BLOCK, f[n].data + 4);
	put_unaligned_be16(unit, f[n++].data + 8);
	f[n++] = (struct feature){ 0x0021, 1, p == 0x09 || p == 0x0a || p == 0x11, 8,
				   { 0, 1, 0, 1, cd ? 7 : 16 } };
	f[n++] = (struct feature){ 0x0023, 0, p == 0x12 || p == 0x1a || bd, 8 };
	f[n++] = (struct feature){ 0x0024, 0, p == 0x12 || p == 0x43, 4 };
	f[n++] = (struct feature){ 0x002a, 0, p == 0x1a, 4, { 1 } };
	f[n++] = (struct feature){ 0x002b, 0, p == 0x1b || p == 0x2b, 4, { 1 } };
	f[n++] = (struct feature){ 0x002d, 2, p == 0x09 || p == 0x0a, 4,
				   { 0x46, 0, 0, 1 } };
	f[n++] = (struct feature){ 0x002f, 1, p == 0x11, 4, { 0x44 } };
	f[n++] = (struct feature){ 0x003b, 0, p == 0x2b, 4, { 1 } };
	f[n++] = (struct feature){ 0x0040, 0, bd, 28 };
	f[n++] = (struct feature){ 0x0041, 0, p == 0x41 || p == 0x43, 20 };
	f[n++] = (struct feature){ 0x0100, 0, true, 0 };
	f[n++] = (struct feature){ 0x0105, 0, true, 4 };
	f[n++] = (struct feature){ 0x0107, 0, true, 4 };
	return n;
}

static void cmd_get_configuration(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 rt = scmd->cmnd[1] & 3;
	u16 start = get_unaligned_be16(scmd->cmnd + 2);
	struct feature *f;
	u32 n, i, len = 8;
	u8 *b;

	if (rt == 3) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	f = kcalloc(32, sizeof(*f), GFP_KERNEL);
	b = kzalloc(REPLY_MAX, GFP_KERNEL);
	if (!f || !b) {
		sense(scmd, HARDWARE_ERROR, 0x55, 0);
		goto out;
	}
	n = build_features(&dev->medium, f);
	put_unaligned_be16(dev->medium.present ? dev->medium.profile : 0, b + 6);
	for (i = 0; i < n; i++) {
		if (f[i].code < start || (rt == 1 && !f[i].cur) ||
		    (rt == 2 && f[i].code != start))
			continue;
		put_unaligned_be16(f[i].code, b + len);
		b[len + 2] = f[i].version << 2 | (f[i].code < 4 || f[i].code >= 0x100) << 1 |
			     f[i].cur;
		b[len + 3] = f[i].len;
		memcpy(b + len + 4, f[i].data, f[i].len);
		len += 4 + f[i].len;
	}
	put_unaligned_be32(len - 4, b);
	respond(scmd, b, len, get_unaligned_be16(scmd->cmnd + 7));
out:
	kfree(b);
	kfree(f);
}

static void cmd_get_event(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 b[8] = { 0, 2, 0x80, 0x10 };

	if (!(scmd->cmnd[1] & 1)) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	if (scmd->cmnd[4] & 0x10) {
		b[1] = 6;
		b[2] = 4;
		if (dev->media_event && dev->medium.present)
			b[4] = 2;
		b[5] = dev->medium.present ? 2 : 0;
		dev->media_event = false;
		respond(scmd, b, 8, get_unaligned_be16(scmd->cmnd + 7));
		return;
	}
	respond(scmd, b, 4, get_unaligned_be16(scmd->cmnd + 7));
}

static void cmd_mode_sense(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 page = scmd->cmnd[2] & 0x3f, pc = scmd->cmnd[2] >> 6;
	u8 b[8 + 36 + 52 + 12] = { 0 };
	u32 len = 8;

	if (pc == 3) {
		sense(scmd, ILLEGAL_REQUEST, 0x39, 0);
		return;
	}
	if (page != 0x01 && page != 0x05 && page != 0x2a && page != 0x3f) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	if (page == 0x01 || page == 0x3f) {
		b[len] = 0x01;
		b[len + 1] = 10;
		len += 12;
	}
	if (page == 0x05 || page == 0x3f) {
		u8 *p = b + len;

		p[0] = 0x05;
		p[1] = 50;
		p[2] = 0x41;			/* BUFE, track at once */
		p[3] = dev->multisession << 6 | 4;
		p[4] = 8;			/* mode 1 */
		p[15] = 150;
		len += 52;
	}
	if (page == 0x2a || page == 0x3f) {
		u8 *p = b + len;

		p[0] = 0x2a;
		p[1] = 34;
		p[2] = 0x3f;			/* reads CD-R/RW, DVD-ROM/R/RAM */
		p[3] = 0x37;			/* writes CD-R/RW, DVD-R/RAM */
		p[4] = 0x70;			/* multi-session, mode 2 */
		p[6] = 0x29;			/* tray, eject, lock */
		put_unaligned_be16(5540, p + 8);
		put_unaligned_be16(4096, p + 12);
		put_unaligned_be16(5540, p + 14);
		put_unaligned_be16(5540, p + 18);
		put_unaligned_be16(5540, p + 20);
		put_unaligned_be16(5540, p + 28);
		put_unaligned_be16(1, p + 30);
		put_unaligned_be16(5540, p + 34);
		len += 36;
	}
	put_unaligned_be16(len - 2, b);
	respond(scmd, b, len, get_unaligned_be16(scmd->cmnd + 7));
}

static void cmd_mode_select(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 b[64] = { 0 };
	u32 len = min_t(u32, get_unaligned_be16(scmd->cmnd + 7), sizeof(b));

	scsi_sg_copy_to_buffer(scmd, b, len);
	if (len >= 12 && (b[8] & 0x3f) == 0x05)
		dev->multisession = b[11] >> 6;
}

/* ---- disc and track information ---- */

static void cmd_read_disc_info(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u16 sessions, first, last = total_tracks(m);
	u8 b[34] = { 0, 32 };
	u8 state = 3;

	if (scmd->cmnd[1] & 7) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	sessions = m->sessions;
	first = last;
	if (mmcsim_sequential(m) && writable_state(m)) {
		sessions++;
		state = open_track((void *)m) ? 1 : 0;
		for (first = m->ntracks; first > 0 &&
		     m->tracks[first - 1].session == sessions; first--)
			;
		first++;
	} else if (m->ntracks) {
		u16 s = m->tracks[m->ntracks - 1].session;

		for (first = m->ntracks; first > 1 && m->tracks[first - 2].session == s;
		     first--)
			;
	}
	if (!sessions)
		sessions = 1;
	b[2] = m->disc_status | state << 2;
	if (mmcsim_overwriteable(m)) {
		b[2] = m->formatted ? (m->profile == 0x12 ? 0x0f : 0x0e) : 0x00;
		b[7] = m->profile == 0x1a && m->formatted ? 3 : 0;
	}
	if (m->profile == 0x0a || m->profile == 0x1a || m->profile == 0x12 ||
	    m->profile == 0x43)
		b[2] |= 0x10;
	b[3] = 1;
	b[4] = sessions;
	b[9] = sessions >> 8;
	b[5] = first;
	b[10] = first >> 8;
	b[6] = last;
	b[11] = last >> 8;
	b[7] |= 0x20;
	b[8] = mmcsim_profile_is_cd(m->profile) && m->disc_status == MMCSIM_BLANK ?
	       0xff : 0;
	if (mmcsim_sequential(m) && writable_state(m)) {
		if (mmcsim_profile_is_cd(m->profile)) {
			put_msf(b + 16, m->nwa - 4650);
			put_msf(b + 20, m->capacity);
		} else {
			put_unaligned_be32(m->nwa, b + 16);
			put_unaligned_be32(m->capacity, b + 20);
		}
	} else {
		put_unaligned_be32(0xffffffff, b + 16);
		put_unaligned_be32(0xffffffff, b + 20);
	}
	respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 7));
}

static void fill_track_info(const struct mmcsim_medium *m, u16 number, u8 *b)
{
	bool cd = mmcsim_profile_is_cd(m->profile);
	u32 unit = mmcsim_write_unit(m->profile);

	memset(b, 0, 48);
	put_unaligned_be16(46, b);
	b[2] = number;
	b[32] = number >> 8;
	if (mmcsim_overwriteable(m)) {
		u32 size = m->formatted ?: m->capacity;

		b[3] = 1;
		b[5] = 7;
		b[6] = 1;
		b[7] = 2;
		put_unaligned_be32(size, b + 24);
		put_unaligned_be32(size - 1, b + 28);
		return;
	}
	if (number <= m->ntracks) {
		const struct mmcsim_track *t = &m->tracks[number - 1];

		b[3] = t->session;
		b[33] = t->session >> 8;
		b[5] = cd ? (t->data ? 4 : 0) : 5;
		b[6] = 1;
		put_unaligned_be32(t->start, b + 8);
		if (t->state == MMCSIM_TRACK_INCOMPLETE) {
			u32 nwa = round_up(t->start + t->written, unit);

			b[7] = 3;
			put_unaligned_be32(nwa, b + 12);
			put_unaligned_be32(m->capacity - nwa, b + 16);
			put_unaligned_be32(m->capacity - t->start, b + 24);
		} else {
			b[7] = cd ? 0 : 2;
			put_unaligned_be32(t->size, b + 24);
		}
		if (t->written)
			put_unaligned_be32(t->start + t->written - 1, b + 28);
		return;
	}
	/* the invisible track */
	b[3] = m->sessions + 1;
	b[33] = (m->sessions + 1) >> 8;
	b[5] = cd ? 4 : 5;
	b[6] = 0x40 | (m->profile == 0x11 ? 0x20 : 0) | 1;
	b[7] = 1;
	put_unaligned_be32(m->nwa, b + 8);
	put_unaligned_be32(m->nwa, b + 12);
	put_unaligned_be32(m->capacity - m->nwa, b + 16);
	put_unaligned_be32(m->profile == 0x11 ? 16 : 0, b + 20);
	put_unaligned_be32(m->capacity - m->nwa, b + 24);
}

static void cmd_read_track_info(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u32 addr = get_unaligned_be32(scmd->cmnd + 2);
	u16 n = 0, last = total_tracks(m), i;
	u8 b[48];

	switch (scmd->cmnd[1] & 3) {
	case 0:		/* the track holding an LBA */
		for (i = 1; i <= m->ntracks; i++)
			if (addr >= m->tracks[i - 1].start &&
			    addr < m->tracks[i - 1].start + m->tracks[i - 1].size)
				n = i;
		if (!n && has_invisible(m) && addr >= m->nwa && addr < m->capacity)
			n = last;
		if (mmcsim_overwriteable(m))
			n = 1;
		break;
	case 1:
		n = addr == 0xff ? (has_invisible(m) || open_track((void *)m) ? last : 0) :
				   addr;
		break;
	case 2:		/* the first track of a session */
		for (i = m->ntracks; i >= 1; i--)
			if (m->tracks[i - 1].session == addr)
				n = i;
		if (!n && has_invisible(m) && addr == m->sessions + 1)
			n = last;
		if (mmcsim_overwriteable(m) && addr == 1)
			n = 1;
		break;
	}
	if (!n || n > last) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	fill_track_info(m, n, b);
	respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 7));
}

/* Tracks of complete sessions: what a TOC shows. */
static u16 toc_tracks(const struct mmcsim_medium *m)
{
	u16 n = 0;

	while (n < m->ntracks && m->tracks[n].session <= m->sessions &&
	       m->tracks[n].state == MMCSIM_TRACK_COMPLETE)
		n++;
	return n;
}

static u32 track_end(const struct mmcsim_track *t)
{
	return t->start + t->size;
}

static void toc_point(u8 *p, u8 session, u8 adr_ctl, u8 point, const u8 *msf,
		      const u8 *pmsf)
{
	p[0] = session;
	p[1] = adr_ctl;
	p[3] = point;
	memcpy(p + 4, msf, 3);
	memcpy(p + 8, pmsf, 3);
}

static u32 raw_toc(const struct mmcsim_medium *m, u16 n, u8 *b)
{
	u8 msf[4], zero[3] = { 0 }, ff[3] = { 0xff, 0xff, 0xff }, lo[4];
	u32 len = 4, s, i, first = 0;

	for (s = 1; s <= m->sessions; s++) {
		u32 last = first;

		while (last + 1 < n && m->tracks[last + 1].session == s)
			last++;
		toc_point(b + len, s, 0x14, 0xa0, zero, (u8[]){ first + 1, 0, 0 });
		len += 11;
		toc_point(b + len, s, 0x14, 0xa1, zero, (u8[]){ last + 1, 0, 0 });
		len += 11;
		put_msf(msf, track_end(&m->tracks[last]));
		toc_point(b + len, s, 0x14, 0xa2, zero, msf + 1);
		len += 11;
		for (i = first; i <= last; i++) {
			put_msf(msf, m->tracks[i].start);
			toc_point(b + len, s, 0x14, i + 1, zero, msf + 1);
			len += 11;
		}
		put_msf(lo, m->capacity);
		if (s < m->sessions)
			put_msf(msf, m->tracks[last + 1].start);
		else if (m->disc_status == MMCSIM_APPENDABLE)
			put_msf(msf, m->nwa);
		toc_point(b + len, s, 0x54, 0xb0,
			  s < m->sessions || m->disc_status == MMCSIM_APPENDABLE ?
			  msf + 1 : ff, lo + 1);
		len += 11;
		if (s == 1) {
			toc_point(b + len, s, 0x54, 0xc0, zero, (u8[]){ 97, 26, 66 });
			len += 11;
		}
		first = last + 1;
	}
	b[2] = 1;
	b[3] = m->sessions;
	return len;
}

static void cmd_read_toc(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u8 format = scmd->cmnd[2] & 0x0f, track = scmd->cmnd[6];
	bool msf = scmd->cmnd[1] & 2, cd = mmcsim_profile_is_cd(m->profile);
	u16 n = toc_tracks(m), i, last_first = 0;
	u32 len = 4;
	u8 *b;

	if (!format && scmd->cmnd[9] >> 6)
		format = scmd->cmnd[9] >> 6;
	if (format == 4 && cd && m->profile != 0x08) {
		u8 atip[28] = { 0, 26, 0, 0, 0x50, 0, 0x80 | (m->profile == 0x0a) << 6,
				0, 97, 26, 66 };

		put_msf(atip + 11, m->capacity);
		atip[11] = 0;
		respond(scmd, atip, sizeof(atip), get_unaligned_be16(scmd->cmnd + 7));
		return;
	}
	if (!n || format > 2 || (format == 2 && !cd)) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	b = kzalloc(REPLY_MAX, GFP_KERNEL);
	if (!b) {
		sense(scmd, HARDWARE_ERROR, 0x55, 0);
		return;
	}
	for (i = 0; i < n; i++)
		if (m->tracks[i].session == m->tracks[n - 1].session && !last_first)
			last_first = i + 1;
	if (format == 0) {
		if (track > n && track != 0xaa) {
			sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
			goto out;
		}
		b[2] = 1;
		b[3] = n;
		for (i = track > 1 ? track - 1 : 0; track != 0xaa && i < n; i++) {
			b[len + 1] = m->tracks[i].data ? 0x14 : 0x10;
			b[len + 2] = i + 1;
			put_addr(b + len + 4, m->tracks[i].start, msf);
			len += 8;
		}
		b[len + 1] = 0x14;
		b[len + 2] = 0xaa;
		put_addr(b + len + 4, track_end(&m->tracks[n - 1]), msf);
		len += 8;
	} else if (format == 1) {
		b[2] = 1;
		b[3] = m->tracks[n - 1].session;
		b[5] = 0x14;
		b[6] = last_first;
		put_addr(b + 8, m->tracks[last_first - 1].start, msf);
		len = 12;
	} else {
		len = raw_toc(m, n, b);
	}
	put_unaligned_be16(len - 2, b);
	respond(scmd, b, len, get_unaligned_be16(scmd->cmnd + 7));
out:
	kfree(b);
}

static void cmd_read_capacity(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u16 n = toc_tracks(m);
	u8 b[8];
	u32 last = 0;

	if (mmcsim_overwriteable(m))
		last = m->formatted ? m->formatted - 1 : 0;
	else if (n)
		last = track_end(&m->tracks[n - 1]) - 1;
	put_unaligned_be32(last, b);
	put_unaligned_be32(MMCSIM_BLOCK, b + 4);
	respond(scmd, b, sizeof(b), sizeof(b));
}

static void cmd_read_format_capacities(struct mmcsim_dev *dev,
				       struct scsi_cmnd *scmd)
{
	const struct mmcsim_medium *m = &dev->medium;
	u8 b[20] = { 0, 0, 0, 16 };

	if (!mmcsim_overwriteable(m) && m->profile != 0x41) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	put_unaligned_be32(m->formatted ?: m->capacity, b + 4);
	b[8] = m->formatted ? 2 : 1;
	put_unaligned_be24(MMCSIM_BLOCK, b + 9);
	put_unaligned_be32(m->capacity, b + 12);
	b[16] = (m->profile == 0x1a ? 0x26 : m->profile == 0x41 ? 0x32 : 0) << 2;
	put_unaligned_be24(m->profile == 0x1a ? 0 : MMCSIM_BLOCK, b + 17);
	respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 7));
}

/* ---- data ---- */

static void cmd_read(struct mmcsim_dev *dev, struct scsi_cmnd *scmd, u32 lba,
		     u32 count)
{
	const struct mmcsim_medium *m = &dev->medium;
	u32 end = 0, i;
	u8 *blk;

	if (mmcsim_overwriteable(m))
		end = m->formatted;
	else if (m->ntracks)
		end = m->tracks[m->ntracks - 1].start + m->tracks[m->ntracks - 1].written;
	if (lba + count > end || count * MMCSIM_BLOCK > scsi_bufflen(scmd)) {
		sense(scmd, ILLEGAL_REQUEST, 0x21, 0);
		return;
	}
	blk = kmalloc(MMCSIM_BLOCK, GFP_KERNEL);
	if (!blk) {
		sense(scmd, HARDWARE_ERROR, 0x55, 0);
		return;
	}
	for (i = 0; i < count; i++) {
		mmcsim_store_read(dev, lba + i, blk);
		sg_pcopy_from_buffer(scsi_sglist(scmd), scsi_sg_count(scmd), blk,
				     MMCSIM_BLOCK, (size_t)i * MMCSIM_BLOCK);
	}
	scsi_set_resid(scmd, scsi_bufflen(scmd) - count * MMCSIM_BLOCK);
	kfree(blk);
}

/* Where a sequential medium takes its next block, opening a track there. */
static struct mmcsim_track *write_track(struct mmcsim_medium *m, u32 lba)
{
	struct mmcsim_track *t = open_track(m);

	if (t)
		return lba == t->start + t->written ? t : NULL;
	if (!has_invisible(m) || lba != m->nwa || m->ntracks == MMCSIM_MAX_TRACKS)
		return NULL;
	t = &m->tracks[m->ntracks++];
	*t = (struct mmcsim_track){ .start = lba, .session = m->sessions + 1,
				    .state = MMCSIM_TRACK_INCOMPLETE, .data = 1 };
	m->disc_status = MMCSIM_APPENDABLE;
	return t;
}

static void cmd_write(struct mmcsim_dev *dev, struct scsi_cmnd *scmd, u32 lba,
		      u32 count)
{
	struct mmcsim_medium *m = &dev->medium;
	struct mmcsim_track *t = NULL;
	u32 i;
	u8 *blk;

	if (count * MMCSIM_BLOCK != scsi_bufflen(scmd)) {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	if (!mmcsim_overwriteable(m) && !mmcsim_sequential(m)) {
		sense(scmd, ILLEGAL_REQUEST, 0x30, 5);
		return;
	}
	if (mmcsim_sequential(m)) {
		t = write_track(m, lba);
		if (!t) {
			sense(scmd, ILLEGAL_REQUEST, 0x21, 2);
			return;
		}
	}
	if (lba + count > (t ? m->capacity : m->formatted)) {
		sense(scmd, ILLEGAL_REQUEST, 0x21, 0);
		return;
	}
	blk = kmalloc(MMCSIM_BLOCK, GFP_KERNEL);
	if (!blk) {
		sense(scmd, HARDWARE_ERROR, 0x55, 0);
		return;
	}
	for (i = 0; i < count; i++) {
		sg_pcopy_to_buffer(scsi_sglist(scmd), scsi_sg_count(scmd), blk,
				   MMCSIM_BLOCK, (size_t)i * MMCSIM_BLOCK);
		if (mmcsim_store_write(dev, lba + i, blk)) {
			sense(scmd, MEDIUM_ERROR, 0x0c, 0);
			break;
		}
		if (t)
			t->written++;
	}
	kfree(blk);
}

static void close_track(struct mmcsim_medium *m)
{
	struct mmcsim_track *t = open_track(m);
	bool cd = mmcsim_profile_is_cd(m->profile);

	if (!t)
		return;
	t->state = MMCSIM_TRACK_COMPLETE;
	t->size = cd ? t->written + 2 : round_up(t->written,
						 mmcsim_write_unit(m->profile));
	m->nwa = track_end(t) + (cd ? 150 : 0);
}

static void close_session(struct mmcsim_dev *dev, bool finalize)
{
	struct mmcsim_medium *m = &dev->medium;
	struct mmcsim_track *last;

	close_track(m);
	if (!m->ntracks || m->tracks[m->ntracks - 1].session <= m->sessions) {
		if (finalize && m->disc_status == MMCSIM_APPENDABLE)
			m->disc_status = MMCSIM_COMPLETE;
		return;
	}
	last = &m->tracks[m->ntracks - 1];
	m->sessions++;
	/* CD and DVD-R are finalized unless page 05 asked for more sessions */
	if ((mmcsim_profile_is_cd(m->profile) || m->profile == 0x11) &&
	    dev->multisession != 3)
		finalize = true;
	if (finalize) {
		m->disc_status = MMCSIM_COMPLETE;
		return;
	}
	m->disc_status = MMCSIM_APPENDABLE;
	m->nwa = round_up(track_end(last) + mmcsim_session_gap(m),
			  mmcsim_write_unit(m->profile));
}

static void cmd_close(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	switch (scmd->cmnd[2] & 7) {
	case 1:
		close_track(&dev->medium);
		break;
	case 2:
		close_session(dev, false);
		break;
	case 5: case 6:
		close_session(dev, true);
		break;
	default:
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
	}
}

static void cmd_start_stop(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 b = scmd->cmnd[4];

	if (!(b & 2))
		return;
	if (b & 1) {
		if (!dev->medium.present && dev->medium.profile) {
			dev->medium.present = true;
			dev->unit_attention = true;
			dev->media_event = true;
		}
	} else {
		dev->medium.present = false;
	}
}

/* One descriptor: 4x DVD speed over the whole medium, read and write. */
static void cmd_get_performance(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u32 end = dev->medium.capacity ? dev->medium.capacity - 1 : 0;
	u8 b[24] = { 0 };

	put_unaligned_be32(sizeof(b) - 4, b);
	if (scmd->cmnd[10] == 3) {		/* write speed descriptors */
		put_unaligned_be32(end, b + 12);
		put_unaligned_be32(5540, b + 16);
		put_unaligned_be32(5540, b + 20);
	} else if (scmd->cmnd[10] == 0) {	/* performance */
		put_unaligned_be32(5540, b + 12);
		put_unaligned_be32(end, b + 16);
		put_unaligned_be32(5540, b + 20);
	} else {
		sense(scmd, ILLEGAL_REQUEST, 0x24, 0);
		return;
	}
	respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 8) * 16 + 8);
}

/* Commands that need a medium in the tray. */
static bool needs_medium(u8 op)
{
	switch (op) {
	case TEST_UNIT_READY: case READ_CAPACITY: case READ_10: case READ_12:
	case WRITE_10: case WRITE_12: case SYNCHRONIZE_CACHE: case 0x43:
	case 0x51: case 0x52: case 0x5b: case 0x23:
		return true;
	}
	return false;
}

static void mmcsim_execute(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 op = scmd->cmnd[0];
	u8 rs[18] = { 0x70, 0, 0, 0, 0, 0, 0, 10 };

	atomic_inc(&dev->counts[op]);
	scsi_set_resid(scmd, 0);
	if (dev->unit_attention && op != INQUIRY && op != REQUEST_SENSE &&
	    op != 0x46 && op != 0x4a) {
		dev->unit_attention = false;
		sense(scmd, UNIT_ATTENTION, 0x28, 0);
		return;
	}
	if (needs_medium(op) && !dev->medium.present) {
		sense(scmd, NOT_READY, 0x3a, dev->medium.profile ? 2 : 1);
		return;
	}
	switch (op) {
	case INQUIRY:
		cmd_inquiry(scmd);
		break;
	case REQUEST_SENSE:
		respond(scmd, rs, sizeof(rs), scmd->cmnd[4]);
		break;
	case 0x46:
		cmd_get_configuration(dev, scmd);
		break;
	case 0x4a:
		cmd_get_event(dev, scmd);
		break;
	case MODE_SENSE_10:
		cmd_mode_sense(dev, scmd);
		break;
	case MODE_SELECT_10:
		cmd_mode_select(dev, scmd);
		break;
	case 0x51:
		cmd_read_disc_info(dev, scmd);
		break;
	case 0x52:
		cmd_read_track_info(dev, scmd);
		break;
	case 0x43:
		cmd_read_toc(dev, scmd);
		break;
	case READ_CAPACITY:
		cmd_read_capacity(dev, scmd);
		break;
	case 0x23:
		cmd_read_format_capacities(dev, scmd);
		break;
	case READ_10:
		cmd_read(dev, scmd, get_unaligned_be32(scmd->cmnd + 2),
			 get_unaligned_be16(scmd->cmnd + 7));
		break;
	case READ_12:
		cmd_read(dev, scmd, get_unaligned_be32(scmd->cmnd + 2),
			 get_unaligned_be32(scmd->cmnd + 6));
		break;
	case WRITE_10:
		cmd_write(dev, scmd, get_unaligned_be32(scmd->cmnd + 2),
			  get_unaligned_be16(scmd->cmnd + 7));
		break;
	case WRITE_12:
		cmd_write(dev, scmd, get_unaligned_be32(scmd->cmnd + 2),
			  get_unaligned_be32(scmd->cmnd + 6));
		break;
	case SYNCHRONIZE_CACHE:
		if (mmcsim_profile_is_cd(dev->medium.profile))
			close_track(&dev->medium);
		break;
	case 0x5b:
		cmd_close(dev, scmd);
		break;
	case START_STOP:
		cmd_start_stop(dev, scmd);
		break;
	case 0x5c: {	/* READ BUFFER CAPACITY: 4 MiB, all free */
		u8 b[12] = { 0, 10, 0, 0, 0, 0x40, 0, 0, 0, 0x40, 0, 0 };

		respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 7));
		break;
	}
	case 0xac:
		cmd_get_performance(dev, scmd);
		break;
	case 0xbd: {	/* MECHANISM STATUS: no changer */
		u8 b[8] = { 0 };

		respond(scmd, b, sizeof(b), get_unaligned_be16(scmd->cmnd + 8));
		break;
	}
	case TEST_UNIT_READY:
	case ALLOW_MEDIUM_REMOVAL:
	case 0xbb:	/* SET CD SPEED */
	case 0xb6:	/* SET STREAMING */
	case 0x54:	/* SEND OPC INFORMATION */
		break;
	default:
		sense(scmd, ILLEGAL_REQUEST, 0x20, 0);
	}
}

static void mmcsim_work(struct work_struct *work)
{
	struct mmcsim_cmd *c = container_of(work, struct mmcsim_cmd, work);
	struct scsi_cmnd *scmd = c->scmd;
	struct mmcsim_dev *dev = *(struct mmcsim_dev **)shost_priv(scmd->device->host);

	mutex_lock(&dev->lock);
	scmd->result = 0;
	mmcsim_execute(dev, scmd);
	mutex_unlock(&dev->lock);
	scsi_done(scmd);
}

int mmcsim_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *scmd)
{
	struct mmcsim_cmd *c = scsi_cmd_priv(scmd);

	INIT_WORK(&c->work, mmcsim_work);
	c->scmd = scmd;
	return 0;
}

/* Commands run in process context, where the model may sleep and allocate. */
int mmcsim_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *scmd)
{
	struct mmcsim_cmd *c = scsi_cmd_priv(scmd);

	queue_work(system_wq, &c->work);
	return 0;
}

size_t mmcsim_cmd_size(void)
{
	return sizeof(struct mmcsim_cmd);
}
