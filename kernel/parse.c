// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pure decoders of MMC replies: bytes in, decoded fields out. No allocation,
 * locking or printing, so the same file builds into the module and into the
 * host unit tests and fuzzers. Every length field is checked against the
 * bytes actually received: drives return short and garbage replies.
 */
#include <linux/errno.h>
#include "parse.h"

static __u32 be16(const __u8 *p)
{
	return (__u32)p[0] << 8 | p[1];
}

static __u32 be32(const __u8 *p)
{
	return (__u32)p[0] << 24 | (__u32)p[1] << 16 | (__u32)p[2] << 8 | p[3];
}

static __u32 be24(const __u8 *p)
{
	return (__u32)p[0] << 16 | (__u32)p[1] << 8 | p[2];
}

static __u32 le16(const __u8 *p)
{
	return (__u32)p[1] << 8 | p[0];
}

static __u32 le32(const __u8 *p)
{
	return (__u32)p[3] << 24 | (__u32)p[2] << 16 | (__u32)p[1] << 8 | p[0];
}

/* An LBA travels as 32-bit two's complement: lead-in addresses are negative. */
static __s64 lba32(const __u8 *p)
{
	return (__s32)be32(p);
}

/* CD addresses in 00 M S F form; M >= 90 encodes the lead-in. */
static __s64 msf_to_lba(const __u8 *p)
{
	__s64 frames = ((__s64)p[1] * 60 + p[2]) * 75 + p[3];

	return p[1] >= 90 ? frames - 450150 : frames - 150;
}

/*
 * Replies carry their own length in their first bytes; trust only what both
 * the drive announced and the transfer delivered.
 */
static __u32 reply_len(__u32 announced, __u32 received)
{
	return announced < received ? announced : received;
}

/**
 * mmc_needs_format() - whether @profile names media that must be formatted
 * before use, which READ FORMAT CAPACITIES alone reveals (DVD+RW, BD-RE)
 * @profile: current profile
 *
 * Return: 1 or 0.
 */
int mmc_needs_format(__u16 profile)
{
	return profile == MMC_PROFILE_DVD_PLUS_RW ||
	       profile == MMC_PROFILE_DVD_PLUS_RW_DL ||
	       profile == MMC_PROFILE_BD_RE;
}

/**
 * mmc_reply_cut_short() - whether a reply ends before its own length field
 * @buf: reply
 * @received: bytes received
 * @alloc: the allocation length sent
 * @len_bytes: size of the length field at the start: 4 (GET CONFIGURATION)
 *	or 2 (READ DISC/TRACK INFORMATION), counting the bytes after it
 *
 * A drive sends as much as the reply holds up to the allocation length;
 * less than both was cut short on the way and must not be read as all
 * there is (a feature list missing its write features, say).
 *
 * Return: 1 if cut short, 0 if not.
 */
int mmc_reply_cut_short(const __u8 *buf, __u32 received, __u32 alloc,
			int len_bytes)
{
	__u32 announced;

	if (received < (__u32)len_bytes)
		return 1;
	announced = (len_bytes == 4 ? be32(buf) : be16(buf)) + len_bytes;
	return received < announced && received < alloc;
}

/* A feature of GET CONFIGURATION that is current: its MMC_CUR_* bit. */
static void config_feature(struct mmc_config *cfg, __u32 code, const __u8 *data,
			   __u32 dlen)
{
	switch (code) {
	case MMC_FEAT_WRITE_PROTECT:
		cfg->features |= MMC_CUR_WRITE_PROTECT;
		if (dlen >= 1)
			cfg->write_protect = data[0] & 0x0f;
		break;
	case MMC_FEAT_RANDOM_WRITABLE:
		cfg->features |= MMC_CUR_RANDOM_WRITABLE;
		break;
	case MMC_FEAT_INCREMENTAL:
		cfg->features |= MMC_CUR_INCREMENTAL;
		break;
	case MMC_FEAT_RESTRICTED_OVERWRITE:
		cfg->features |= MMC_CUR_RESTRICTED_OVERWRITE;
		break;
	case MMC_FEAT_RIGID_OVERWRITE:
		cfg->features |= MMC_CUR_RIGID_OVERWRITE;
		break;
	case MMC_FEAT_CD_TAO:
	case MMC_FEAT_CD_MASTERING:
		cfg->features |= MMC_CUR_CD_WRITE;
		break;
	case MMC_FEAT_DVD_MINUS_R_WRITE:
		cfg->features |= MMC_CUR_DVD_MINUS_R_WRITE;
		break;
	case MMC_FEAT_BD_R_POW:
		cfg->features |= MMC_CUR_BD_R_POW;
		break;
	case MMC_FEAT_BD_WRITE:
		cfg->features |= MMC_CUR_BD_WRITE;
		break;
	/* These three say in bit 0 of their data whether they write. */
	case MMC_FEAT_DVD_PLUS_RW:
		if (dlen >= 1 && (data[0] & 1))
			cfg->features |= MMC_CUR_DVD_PLUS_RW_WRITE;
		break;
	case MMC_FEAT_DVD_PLUS_R:
		if (dlen >= 1 && (data[0] & 1))
			cfg->features |= MMC_CUR_DVD_PLUS_R_WRITE;
		break;
	case MMC_FEAT_DVD_PLUS_R_DL:
		if (dlen >= 1 && (data[0] & 1))
			cfg->features |= MMC_CUR_DVD_PLUS_R_DL_WRITE;
		break;
	}
}

/**
 * mmc_same_disc_info() - whether two READ DISC INFORMATION replies of one
 * query describe the same medium in the same state
 * @was: the query's first reply
 * @was_len: its bytes
 * @now: the reply at the query's end
 * @now_len: its bytes
 *
 * Byte for byte, so that a swap between two media of one type and session
 * count shows too (their disc identification, lead-out or OPC entries
 * differ), but for what changes on its own: the state of a background
 * format that was running (a DVD+RW's format may end meanwhile).
 *
 * Return: 1 if the same, 0 if not.
 */
int mmc_same_disc_info(const __u8 *was, __u32 was_len, const __u8 *now,
		       __u32 now_len)
{
	__u32 i;
	__u8 mask;

	if (was_len != now_len)
		return 0;
	for (i = 0; i < was_len; i++) {
		mask = 0xff;
		if (i == RDI_FLAGS &&
		    (was[i] & RDI_BG_FORMAT_MASK) == RDI_BG_FORMAT_RUNNING)
			mask = (__u8)~RDI_BG_FORMAT_MASK;
		if ((was[i] ^ now[i]) & mask)
			return 0;
	}
	return 1;
}

/**
 * mmc_parse_config() - decode a GET CONFIGURATION reply
 * @buf: reply
 * @len: bytes received
 * @cfg: decoded profile, profile list and current write features
 *
 * Return: 0, or -EINVAL if the header is incomplete.
 */
int mmc_parse_config(const __u8 *buf, __u32 len, struct mmc_config *cfg)
{
	__u32 end, off;

	*cfg = (struct mmc_config){ 0 };
	if (len < CFG_HEADER_LEN)
		return -EINVAL;
	end = reply_len(be32(buf + CFG_DATA_LEN) + 4, len);
	cfg->profile = be16(buf + CFG_PROFILE);

	for (off = CFG_HEADER_LEN; off + FEAT_HEADER_LEN <= end;) {
		const __u8 *feat = buf + off;
		const __u8 *data = feat + FEAT_HEADER_LEN;
		__u32 code = be16(feat + FEAT_CODE);
		__u32 dlen = feat[FEAT_LEN];
		__u32 avail = end - off - FEAT_HEADER_LEN;
		__u32 i;

		if (dlen > avail)
			dlen = avail;
		off += FEAT_HEADER_LEN + feat[FEAT_LEN];

		if (code == MMC_FEAT_PROFILE_LIST) {
			for (i = 0; i + FEAT_PROFILE_LEN <= dlen;
			     i += FEAT_PROFILE_LEN) {
				if (cfg->num_profiles == MMC_MAX_PROFILES)
					break;
				cfg->profiles[cfg->num_profiles++] = be16(data + i);
			}
		} else if (feat[FEAT_FLAGS] & 1) {
			config_feature(cfg, code, data, dlen);
		}
	}
	return 0;
}

/**
 * mmc_parse_disc_info() - decode a READ DISC INFORMATION reply
 * @buf: reply
 * @len: bytes received
 * @is_cd: the medium is a CD (addresses are MSF there)
 * @di: decoded fields
 *
 * Return: 0, -EINVAL if too short or inconsistent, -ENODATA for an
 * information type other than standard disc information.
 */
int mmc_parse_disc_info(const __u8 *buf, __u32 len, int is_cd,
			struct mmc_disc_info *di)
{
	__u32 end;

	*di = (struct mmc_disc_info){ .last_possible_lead_out = -1 };
	if (len < RDI_MIN_LEN)
		return -EINVAL;
	end = reply_len(be16(buf + RDI_DATA_LEN) + 2, len);
	if (end < RDI_MIN_LEN)
		return -EINVAL;
	if (buf[RDI_STATUS] >> 5)
		return -ENODATA;

	di->disc_status = buf[RDI_STATUS] & 3;
	di->last_session_state = (buf[RDI_STATUS] >> 2) & 3;
	di->erasable = (buf[RDI_STATUS] >> 4) & 1;
	di->bg_format = buf[RDI_FLAGS] & RDI_BG_FORMAT_MASK;
	di->sessions = buf[RDI_SESSIONS_MSB] << 8 | buf[RDI_SESSIONS_LSB];
	di->first_track_last_session = buf[RDI_FIRST_TRACK_LAST_MSB] << 8 |
				       buf[RDI_FIRST_TRACK_LAST_LSB];
	di->last_track_last_session = buf[RDI_LAST_TRACK_LAST_MSB] << 8 |
				      buf[RDI_LAST_TRACK_LAST_LSB];
	/*
	 * Numbers that no disc has, or a disc type MMC does not define,
	 * mean the bytes are not disc information at all.
	 */
	if (!buf[RDI_FIRST_TRACK] || !di->sessions ||
	    !di->first_track_last_session ||
	    di->last_track_last_session < di->first_track_last_session ||
	    di->first_track_last_session < buf[RDI_FIRST_TRACK])
		return -EINVAL;
	switch (buf[RDI_DISC_TYPE]) {
	case 0x00: case 0x10: case 0x20: case 0xff:
		break;
	default:
		return -EINVAL;
	}
	/* Only blank and appendable media have a lead-out still to come. */
	if (di->disc_status <= 1 && end >= RDI_LAST_LEAD_OUT + 4 &&
	    be32(buf + RDI_LAST_LEAD_OUT) != 0xffffffff)
		di->last_possible_lead_out = is_cd ?
			msf_to_lba(buf + RDI_LAST_LEAD_OUT) :
			lba32(buf + RDI_LAST_LEAD_OUT);
	return 0;
}

/**
 * mmc_parse_track_info() - decode a READ TRACK INFORMATION reply
 * @buf: reply
 * @len: bytes received
 * @ti: decoded fields; @ti->lra is -1 when the reply ends before it
 *
 * Return: 0, or -EINVAL if the reply ends before the track size.
 */
int mmc_parse_track_info(const __u8 *buf, __u32 len, struct mmc_track_info *ti)
{
	__u32 end;
	__u8 f, v;

	*ti = (struct mmc_track_info){ .lra = -1 };
	if (len < RTI_MIN_LEN)
		return -EINVAL;
	end = reply_len(be16(buf + RTI_DATA_LEN) + 2, len);
	if (end < RTI_MIN_LEN)
		return -EINVAL;
	f = buf[RTI_FLAGS];
	v = buf[RTI_VALID];

	ti->number = buf[RTI_TRACK_LSB];
	ti->session = buf[RTI_SESSION_LSB];
	if (end > RTI_SESSION_MSB) {
		ti->number |= buf[RTI_TRACK_MSB] << 8;
		ti->session |= buf[RTI_SESSION_MSB] << 8;
	}
	ti->mode = buf[RTI_MODE] & 0x0f;
	ti->data_mode = f & 0x0f;
	if (buf[RTI_MODE] & 0x20)
		ti->flags |= MMC_TRACK_DAMAGE;
	if (buf[RTI_MODE] & 0x10)
		ti->flags |= MMC_TRACK_COPY;
	if (f & 0x80)
		ti->flags |= MMC_TRACK_RESERVED;
	if (f & 0x40)
		ti->flags |= MMC_TRACK_BLANK;
	if (f & 0x20)
		ti->flags |= MMC_TRACK_PACKET;
	if (f & 0x10)
		ti->flags |= MMC_TRACK_FIXED_PACKET;
	if (v & 1)
		ti->flags |= MMC_TRACK_NWA_VALID;
	ti->start = lba32(buf + RTI_START);
	ti->nwa = lba32(buf + RTI_NWA);
	ti->free_blocks = be32(buf + RTI_FREE);
	ti->packet_size = be32(buf + RTI_PACKET);
	ti->size = be32(buf + RTI_SIZE);
	if (end >= RTI_LRA + 4) {
		ti->lra = lba32(buf + RTI_LRA);
		if (v & 2)
			ti->flags |= MMC_TRACK_LRA_VALID;
	}
	return 0;
}

/**
 * mmc_parse_toc_session() - decode READ TOC format 1
 * @buf: reply
 * @len: bytes received
 * @ts: last complete session, its first track and that track's start
 *
 * Linux's sr gives up multisession support for good after one short reply
 * to this command; we only refuse to use it.
 *
 * Return: 0, or -EINVAL if shorter than the 12 bytes the format has.
 */
int mmc_parse_toc_session(const __u8 *buf, __u32 len,
			  struct mmc_toc_session *ts)
{
	*ts = (struct mmc_toc_session){ 0 };
	if (len < MMC_TOC_SESSION_LEN ||
	    be16(buf + TOC_DATA_LEN) + 2 < MMC_TOC_SESSION_LEN)
		return -EINVAL;
	ts->last_session = buf[TOC_LAST];
	ts->control = buf[TOC_HEADER_LEN + TOCD_CONTROL] & 0x0f;
	ts->first_track = buf[TOC_HEADER_LEN + TOCD_TRACK];
	ts->start = lba32(buf + TOC_HEADER_LEN + TOCD_START);
	return 0;
}

/**
 * mmc_parse_toc() - decode READ TOC format 0 (LBA addressing)
 * @buf: reply
 * @len: bytes received
 * @toc: tracks of the complete sessions and the last lead-out
 *
 * Return: 0, or -EINVAL if the header is incomplete.
 */
int mmc_parse_toc(const __u8 *buf, __u32 len, struct mmc_toc *toc)
{
	__u32 end, off;

	toc->first_track = 0;
	toc->last_track = 0;
	toc->num_tracks = 0;
	toc->lead_out = -1;
	if (len < TOC_HEADER_LEN)
		return -EINVAL;
	end = reply_len(be16(buf + TOC_DATA_LEN) + 2, len);
	if (end < TOC_HEADER_LEN)
		return -EINVAL;
	toc->first_track = buf[TOC_FIRST];
	toc->last_track = buf[TOC_LAST];
	for (off = TOC_HEADER_LEN; off + TOCD_LEN <= end; off += TOCD_LEN) {
		const __u8 *desc = buf + off;

		if (desc[TOCD_TRACK] == TOC_LEAD_OUT) {
			toc->lead_out = lba32(desc + TOCD_START);
			continue;
		}
		if (toc->num_tracks == MMC_TOC_MAX_TRACKS)
			continue;
		toc->number[toc->num_tracks] = desc[TOCD_TRACK];
		toc->control[toc->num_tracks] = desc[TOCD_CONTROL] & 0x0f;
		toc->start[toc->num_tracks] = lba32(desc + TOCD_START);
		toc->num_tracks++;
	}
	return 0;
}

/**
 * mmc_parse_capacity() - decode READ CAPACITY(10)
 * @buf: reply
 * @len: bytes received
 * @blocks: last logical block + 1
 *
 * Return: 0, or -EINVAL if short.
 */
int mmc_parse_capacity(const __u8 *buf, __u32 len, __s64 *blocks)
{
	if (len < MMC_CAPACITY_LEN)
		return -EINVAL;
	/* Blank media: last block FFFFFFFFh, i.e. no block at all. */
	*blocks = (__u32)(be32(buf + CAP_LAST_LBA) + 1);
	return 0;
}

/**
 * mmc_parse_format_capacity() - decode READ FORMAT CAPACITIES
 * @buf: reply
 * @len: bytes received
 * @fc: the current/maximum capacity descriptor
 *
 * Return: 0, or -EINVAL if the list holds no descriptor.
 */
int mmc_parse_format_capacity(const __u8 *buf, __u32 len,
			      struct mmc_format_capacity *fc)
{
	*fc = (struct mmc_format_capacity){ 0 };
	/* a list of 8-byte descriptors, the current one in 2048-byte blocks */
	if (len < RFC_MIN_LEN || buf[0] || buf[1] || buf[2] ||
	    buf[RFC_LIST_LEN] < RFC_DESC_LEN ||
	    buf[RFC_LIST_LEN] % RFC_DESC_LEN || !(buf[RFC_TYPE] & 3) ||
	    be24(buf + RFC_BLOCK_LEN) != MMC_BLOCK)
		return -EINVAL;
	fc->blocks = be32(buf + RFC_BLOCKS);
	fc->type = buf[RFC_TYPE] & 3;
	return 0;
}

/**
 * mmc_parse_write_protection() - decode READ DISC STRUCTURE format C0h
 * @buf: reply
 * @len: bytes received
 * @status: MMC_WPS_* bits of byte 4 (SWPP, PWP, CWP, MSWI)
 *
 * The structure is 4 bytes of header and 4 of data, all reserved but the
 * four status bits: anything else there is not this structure, and a
 * random byte must not pass for a write protection.
 *
 * Return: 0, or -EINVAL if the reply is shorter than the structure or has
 * a reserved bit set.
 */
int mmc_parse_write_protection(const __u8 *buf, __u32 len, __u8 *status)
{
	*status = 0;
	if (len < MMC_WRITE_PROTECTION_LEN ||
	    be16(buf + RDS_DATA_LEN) + 2 < MMC_WRITE_PROTECTION_LEN)
		return -EINVAL;
	if (buf[2] || buf[3] || (buf[RDS_WP_STATUS] & 0xf0) || buf[5] ||
	    buf[6] || buf[7])
		return -EINVAL;
	*status = buf[RDS_WP_STATUS];
	return 0;
}

/**
 * iso9660_volume_blocks() - size of the ISO 9660 volume whose primary volume
 * descriptor is in @buf
 * @buf: the 2048-byte block 16 of the medium
 * @len: bytes in @buf
 * @blocks: volume space size in 2048-byte blocks
 *
 * Growing tools (growisofs, xorriso) rewrite this descriptor after each
 * session so that it spans every session written so far.
 *
 * Return: 0, or -ENODATA if @buf holds no consistent primary volume
 * descriptor with 2048-byte blocks.
 */
int iso9660_volume_blocks(const __u8 *buf, __u32 len, __s64 *blocks)
{
	static const __u8 id[] = { 1, 'C', 'D', '0', '0', '1', 1 };
	__u32 i;

	if (len < ISO_PVD_MIN_LEN)
		return -ENODATA;
	for (i = 0; i < sizeof(id); i++)
		if (buf[i] != id[i])
			return -ENODATA;
	/* Both-endian fields: the two halves must agree. */
	if (le32(buf + ISO_VOLUME_SPACE) != be32(buf + ISO_VOLUME_SPACE + 4) ||
	    le32(buf + ISO_VOLUME_SPACE) == 0)
		return -ENODATA;
	if (le16(buf + ISO_BLOCK_SIZE) != MMC_BLOCK ||
	    be16(buf + ISO_BLOCK_SIZE + 2) != MMC_BLOCK)
		return -ENODATA;
	*blocks = le32(buf + ISO_VOLUME_SPACE);
	return 0;
}

/* A row of mmc_profiles.h, what the module needs of it. */
struct profile_facts {
	__u16 number;
	__u8 family;		/* enum mmc_family */
	__u8 write_unit;	/* blocks */
	__u8 kind;		/* enum mmc_medium_class */
};

static const struct profile_facts profile_table[] = {
#define MMC_PROFILE(profile, family, unit, kind, ...) \
	{ profile, MMC_FAMILY_##family, unit, MMC_CLASS_##kind },
#include "mmc_profiles.h"
#undef MMC_PROFILE
};

/* A profile we do not know: no family, no medium to record. */
static const struct profile_facts *profile_facts(__u16 profile)
{
	static const struct profile_facts unknown = {
		.family = MMC_FAMILY_NONE,
		.write_unit = 1,
		.kind = MMC_CLASS_NONE,
	};
	__u32 i;

	/* ARRAY_SIZE() is the kernel's: this file also builds in userspace */
	for (i = 0; i < sizeof(profile_table) / sizeof(*profile_table); i++)
		if (profile_table[i].number == profile)
			return &profile_table[i];
	return &unknown;
}

/**
 * mmc_profile_family() - the family of media @profile belongs to
 * @profile: MMC profile number
 *
 * Return: an enum mmc_family value, MMC_FAMILY_NONE if we do not know it.
 */
enum mmc_family mmc_profile_family(__u16 profile)
{
	return profile_facts(profile)->family;
}

/**
 * mmc_profile_is_cd() - whether @profile is a CD profile
 * @profile: MMC profile number
 *
 * Return: 1 for CD-ROM, CD-R and CD-RW, else 0.
 */
int mmc_profile_is_cd(__u16 profile)
{
	return mmc_profile_family(profile) == MMC_FAMILY_CD;
}

/**
 * mmc_max_tracks() - the most tracks a medium of @profile can hold
 * @profile: MMC profile number
 *
 * A CD numbers its tracks 1 to 99; of the other media, a BD-R in
 * sequential recording mode holds the most (7679). A drive that reports
 * more is broken, and the track table would cost one command per track.
 *
 * Return: the track count no medium of @profile exceeds.
 */
__u32 mmc_max_tracks(__u16 profile)
{
	return mmc_profile_is_cd(profile) ? 99 : 7679;
}

/**
 * mmc_profile_is_bd() - whether @profile is a Blu-ray profile
 * @profile: MMC profile number
 *
 * Return: 1 for BD-ROM, BD-R SRM/RRM and BD-RE, else 0.
 */
int mmc_profile_is_bd(__u16 profile)
{
	return mmc_profile_family(profile) == MMC_FAMILY_BD;
}

/**
 * mmc_write_unit() - blocks per write unit of @profile's media
 * @profile: MMC profile number
 *
 * Return: 1 on CD, 16 (one ECC block) on DVD, 32 (one cluster) on BD.
 */
__u16 mmc_write_unit(__u16 profile)
{
	return profile_facts(profile)->write_unit;
}

/**
 * mmc_medium_class() - how media of @profile are recorded
 * @profile: current MMC profile
 *
 * BD-R formatted for pseudo-overwrite keeps profile 41h and its sessions:
 * it is sequential media that can also be overwritten in place (its POW
 * feature, derive_pow_volume() in derive.c).
 *
 * Return: an enum mmc_medium_class value.
 */
enum mmc_medium_class mmc_medium_class(__u16 profile)
{
	return profile_facts(profile)->kind;
}

/* DVD-R and DVD-RW in sequential recording, DVD-R DL either way. */
int mmc_profile_is_dvd_minus_r(__u16 profile)
{
	return profile == MMC_PROFILE_DVD_R || profile == MMC_PROFILE_DVD_RW ||
	       profile == MMC_PROFILE_DVD_R_DL ||
	       profile == MMC_PROFILE_DVD_R_DL_JUMP;
}

/**
 * mmc_drive_can_write() - whether the drive writes the medium's profile
 * @profile: current MMC profile
 * @features: MMC_CUR_* bits
 *
 * A feature is current only when it applies to the medium in the drive, so
 * a read-only drive, or a writer holding media it cannot write, has none of
 * the write features of the profile current.
 *
 * Return: 1 if a write feature for @profile is current, else 0.
 */
int mmc_drive_can_write(__u16 profile, __u32 features)
{
	__u32 need;

	switch (profile) {
	case MMC_PROFILE_CD_R:
	case MMC_PROFILE_CD_RW:
		need = MMC_CUR_CD_WRITE | MMC_CUR_INCREMENTAL;
		break;
	case MMC_PROFILE_DVD_R:
	case MMC_PROFILE_DVD_RW:
	case MMC_PROFILE_DVD_R_DL:
	case MMC_PROFILE_DVD_R_DL_JUMP:
		need = MMC_CUR_DVD_MINUS_R_WRITE | MMC_CUR_INCREMENTAL;
		break;
	case MMC_PROFILE_DVD_RW_RO:
		need = MMC_CUR_RESTRICTED_OVERWRITE | MMC_CUR_RIGID_OVERWRITE |
		       MMC_CUR_RANDOM_WRITABLE;
		break;
	case MMC_PROFILE_DVD_RAM:
		need = MMC_CUR_RANDOM_WRITABLE;
		break;
	case MMC_PROFILE_DVD_PLUS_RW:
	case MMC_PROFILE_DVD_PLUS_RW_DL:
		need = MMC_CUR_DVD_PLUS_RW_WRITE;
		break;
	case MMC_PROFILE_DVD_PLUS_R:
		need = MMC_CUR_DVD_PLUS_R_WRITE;
		break;
	case MMC_PROFILE_DVD_PLUS_R_DL:
		need = MMC_CUR_DVD_PLUS_R_DL_WRITE;
		break;
	case MMC_PROFILE_BD_R:
	case MMC_PROFILE_BD_R_RRM:
	case MMC_PROFILE_BD_RE:
		need = MMC_CUR_BD_WRITE | MMC_CUR_RANDOM_WRITABLE;
		break;
	default:
		return 0;
	}
	return !!(features & need);
}

/**
 * mmc_track_info_matches() - whether a reply describes the track asked for
 * @ti: the parsed READ TRACK INFORMATION reply
 * @type: MMC_RTI_TRACK or MMC_RTI_SESSION addressing, as sent
 * @number: the track or session number sent
 * @invisible: for MMC_RTI_INVISIBLE: the last track in the last session
 *	that READ DISC INFORMATION reported, which the invisible or
 *	incomplete track is
 *
 * A drive that returns another track's record, or bytes that are no record
 * at all, must not have them taken for the answer.
 *
 * Return: 1 if it matches, 0 if not.
 */
int mmc_track_info_matches(const struct mmc_track_info *ti, __u8 type,
			   __u32 number, __u16 invisible)
{
	if (type == MMC_RTI_SESSION)
		return ti->session == number;
	if (type != MMC_RTI_TRACK)
		return 1;
	if (number == MMC_RTI_INVISIBLE)
		return ti->number == invisible;
	return ti->number == number;
}

/**
 * mmc_classify_block16() - what block 16 of an overwriteable medium holds
 * @buf: the block as read
 * @len: bytes in @buf
 * @blocks: ISO 9660 volume space size, set with MMC_VOLUME_ISO9660
 *
 * Growing tools put the ISO 9660 primary volume descriptor there; a block
 * of zeros means nothing was written (as udev's cdrom_id decides); anything
 * else belongs to a filesystem we must not claim to extend.
 *
 * Return: an enum mmc_volume value.
 */
enum mmc_volume mmc_classify_block16(const __u8 *buf, __u32 len, __s64 *blocks)
{
	__u32 i;

	if (!iso9660_volume_blocks(buf, len, blocks))
		return MMC_VOLUME_ISO9660;
	if (len < MMC_BLOCK)
		return MMC_VOLUME_FOREIGN;
	for (i = 0; i < MMC_BLOCK; i++)
		if (buf[i])
			return MMC_VOLUME_FOREIGN;
	return MMC_VOLUME_EMPTY;
}

/**
 * mmc_invisible_track_is_ff() - whether track number FFh names the
 * invisible or incomplete track of @profile's media
 * @profile: current MMC profile
 *
 * MMC defines FFh for CD and DVD+R only; DVD-R and BD-R drives may refuse
 * it and must be asked for the last track of the last session instead.
 *
 * Return: 1 for CD-R/RW and DVD+R (DL), else 0.
 */
int mmc_invisible_track_is_ff(__u16 profile)
{
	return profile == MMC_PROFILE_CD_R || profile == MMC_PROFILE_CD_RW ||
	       profile == MMC_PROFILE_DVD_PLUS_R ||
	       profile == MMC_PROFILE_DVD_PLUS_R_DL;
}
