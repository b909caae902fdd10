// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pure decoders of MMC replies: bytes in, decoded fields out. No allocation,
 * locking or printing, so the same file builds into the module and into the
 * host unit tests and fuzzers. Every length field is checked against the
 * bytes actually received: drives return short and garbage replies.
 */
#include <linux/errno.h>
#include <linux/multisession.h>
#include "parse.h"

static __u32 be16(const __u8 *p)
{
	return (__u32)p[0] << 8 | p[1];
}

static __u32 be32(const __u8 *p)
{
	return (__u32)p[0] << 24 | (__u32)p[1] << 16 | (__u32)p[2] << 8 | p[3];
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
	return profile == 0x1a || profile == 0x2a || profile == 0x43;
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
		if (i == RDI_FLAGS && (was[i] & 3) == MULTISESSION_FORMAT_RUNNING)
			mask = (__u8)~3;
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
	if (len < 8)
		return -EINVAL;
	end = reply_len(be32(buf) + 4, len);
	cfg->profile = be16(buf + 6);

	for (off = 8; off + 4 <= end;) {
		__u32 code = be16(buf + off);
		__u8 is_current = buf[off + 2] & 1;
		__u32 dlen = buf[off + 3];
		const __u8 *data = buf + off + 4;
		__u32 avail = end - off - 4;
		__u32 i;

		if (dlen > avail)
			dlen = avail;
		off += 4 + buf[off + 3];

		if (code == MMC_FEAT_PROFILE_LIST) {
			for (i = 0; i + 4 <= dlen; i += 4) {
				if (cfg->num_profiles == MMC_MAX_PROFILES)
					break;
				cfg->profiles[cfg->num_profiles++] = be16(data + i);
			}
			continue;
		}
		if (!is_current)
			continue;
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
	di->bg_format = buf[RDI_FLAGS] & 3;
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
	end = reply_len(be16(buf) + 2, len);
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
	if (len < MMC_TOC_SESSION_LEN || be16(buf) + 2 < MMC_TOC_SESSION_LEN)
		return -EINVAL;
	ts->last_session = buf[3];
	ts->control = buf[5] & 0x0f;
	ts->first_track = buf[6];
	ts->start = lba32(buf + 8);
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
	if (len < 4)
		return -EINVAL;
	end = reply_len(be16(buf) + 2, len);
	if (end < 4)
		return -EINVAL;
	toc->first_track = buf[2];
	toc->last_track = buf[3];
	for (off = 4; off + 8 <= end; off += 8) {
		__u8 track = buf[off + 2];

		if (track == 0xaa) {
			toc->lead_out = lba32(buf + off + 4);
			continue;
		}
		if (toc->num_tracks == MMC_TOC_MAX_TRACKS)
			continue;
		toc->number[toc->num_tracks] = track;
		toc->control[toc->num_tracks] = buf[off + 1] & 0x0f;
		toc->start[toc->num_tracks] = lba32(buf + off + 4);
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
	*blocks = (__u32)(be32(buf) + 1);
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
	if (len < 12 || buf[0] || buf[1] || buf[2] || buf[3] < 8 || buf[3] % 8 ||
	    !(buf[8] & 3) || (be32(buf + 8) & 0xffffff) != 2048)
		return -EINVAL;
	fc->blocks = be32(buf + 4);
	fc->type = buf[8] & 3;
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
	    be16(buf) + 2 < MMC_WRITE_PROTECTION_LEN)
		return -EINVAL;
	if (buf[2] || buf[3] || (buf[4] & 0xf0) || buf[5] || buf[6] || buf[7])
		return -EINVAL;
	*status = buf[4];
	return 0;
}

/**
 * mmc_write_protection_media() - whether to ask for the write protection
 * status of the medium, and as what media type
 * @a: the replies so far (configuration and disc information)
 *
 * Only the answer to READ DISC STRUCTURE format C0h tells that a DVD or BD
 * is write-protected; the Write Protect Feature says that the drive can
 * report it. It is asked only where it decides writability: a blank,
 * appendable or overwriteable medium of a profile the drive writes. So
 * closed and ROM media, CDs and drives without the feature cost nothing.
 *
 * Return: MMC_RDS_MEDIA_DVD or MMC_RDS_MEDIA_BD, or -1 not to ask.
 */
int mmc_write_protection_media(const struct mmc_answers *a)
{
	const struct mmc_config *cfg = &a->config;
	enum mmc_medium_class class = mmc_medium_class(cfg->profile);

	if (!(cfg->features & MMC_CUR_WRITE_PROTECT) ||
	    !mmc_drive_can_write(cfg->profile, cfg->features))
		return -1;
	if (class == MMC_CLASS_SEQUENTIAL &&
	    (!(a->have & MMC_HAVE_DISC_INFO) ||
	     a->disc.disc_status > MULTISESSION_DISC_APPENDABLE))
		return -1;
	if (class != MMC_CLASS_SEQUENTIAL && class != MMC_CLASS_OVERWRITEABLE)
		return -1;
	if (mmc_profile_is_bd(cfg->profile))
		return MMC_RDS_MEDIA_BD;
	if (cfg->profile >= 0x10 && cfg->profile <= 0x2b)
		return MMC_RDS_MEDIA_DVD;
	return -1;
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

	if (len < 136)
		return -ENODATA;
	for (i = 0; i < sizeof(id); i++)
		if (buf[i] != id[i])
			return -ENODATA;
	/* Both-endian fields: the two halves must agree. */
	if (le32(buf + 80) != be32(buf + 84) || le32(buf + 80) == 0)
		return -ENODATA;
	if (buf[128] != (MMC_BLOCK & 0xff) || buf[129] != MMC_BLOCK >> 8 ||
	    be16(buf + 130) != MMC_BLOCK)
		return -ENODATA;
	*blocks = le32(buf + 80);
	return 0;
}

/**
 * mmc_profile_is_cd() - whether @profile is a CD profile
 * @profile: MMC profile number
 *
 * Return: 1 for CD-ROM, CD-R and CD-RW, else 0.
 */
int mmc_profile_is_cd(__u16 profile)
{
	return profile >= 0x08 && profile <= 0x0a;
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
	return profile >= 0x40 && profile <= 0x43;
}

/**
 * mmc_write_unit() - blocks per write unit of @profile's media
 * @profile: MMC profile number
 *
 * Return: 1 on CD, 16 (one ECC block) on DVD, 32 (one cluster) on BD.
 */
__u16 mmc_write_unit(__u16 profile)
{
	if (mmc_profile_is_bd(profile))
		return 32;
	if (profile >= 0x10 && profile <= 0x2b)
		return 16;
	return 1;
}

/**
 * mmc_medium_class() - how media of @profile are recorded
 * @profile: current MMC profile
 *
 * BD-R formatted for pseudo-overwrite keeps profile 41h and its sessions:
 * it is sequential media that can also be overwritten in place (its POW
 * feature, derive_pow_volume()).
 *
 * Return: an enum mmc_medium_class value.
 */
enum mmc_medium_class mmc_medium_class(__u16 profile)
{
	switch (profile) {
	case 0x08: case 0x10: case 0x40:
		return MMC_CLASS_ROM;
	case 0x09: case 0x0a: case 0x11: case 0x14: case 0x15: case 0x16:
	case 0x1b: case 0x2b: case 0x41:
		return MMC_CLASS_SEQUENTIAL;
	case 0x12: case 0x13: case 0x1a: case 0x2a: case 0x42: case 0x43:
		return MMC_CLASS_OVERWRITEABLE;
	default:
		return MMC_CLASS_NONE;
	}
}

/* DVD-R and DVD-RW in sequential recording, DVD-R DL either way. */
int mmc_profile_is_dvd_minus_r(__u16 profile)
{
	return profile == 0x11 || profile == 0x14 || profile == 0x15 ||
	       profile == 0x16;
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
	case 0x09: case 0x0a:
		need = MMC_CUR_CD_WRITE | MMC_CUR_INCREMENTAL;
		break;
	case 0x11: case 0x14: case 0x15: case 0x16:
		need = MMC_CUR_DVD_MINUS_R_WRITE | MMC_CUR_INCREMENTAL;
		break;
	case 0x13:
		need = MMC_CUR_RESTRICTED_OVERWRITE | MMC_CUR_RIGID_OVERWRITE |
		       MMC_CUR_RANDOM_WRITABLE;
		break;
	case 0x12:
		need = MMC_CUR_RANDOM_WRITABLE;
		break;
	case 0x1a: case 0x2a:
		need = MMC_CUR_DVD_PLUS_RW_WRITE;
		break;
	case 0x1b:
		need = MMC_CUR_DVD_PLUS_R_WRITE;
		break;
	case 0x2b:
		need = MMC_CUR_DVD_PLUS_R_DL_WRITE;
		break;
	case 0x41: case 0x42: case 0x43:
		need = MMC_CUR_BD_WRITE | MMC_CUR_RANDOM_WRITABLE;
		break;
	default:
		return 0;
	}
	return !!(features & need);
}

/**
 * mmc_complete_sessions() - recorded, closed sessions of a medium
 * @di: its disc information
 *
 * READ DISC INFORMATION counts the empty or open session that follows the
 * closed ones on appendable media.
 *
 * Return: number of complete sessions.
 */
__u16 mmc_complete_sessions(const struct mmc_disc_info *di)
{
	if (di->disc_status == 0 || di->sessions == 0)
		return 0;
	if (di->last_session_state != 3)
		return di->sessions - 1;
	return di->sessions;
}

/**
 * mmc_track_last_written() - last readable block of a closed track
 * @ti: the track
 * @is_cd: the medium is a CD
 *
 * Without a valid LRA the track size counts, on CD, two run-out blocks of
 * track-at-once recording that cannot be read. A size that does not fit
 * after the start (drives report e.g. 0xFFFD0000) gives no answer.
 *
 * Return: the block address, or -1 if it cannot be known.
 */
__s64 mmc_track_last_written(const struct mmc_track_info *ti, int is_cd)
{
	__s64 end;

	if (ti->start < 0)
		return -1;
	if ((ti->flags & MMC_TRACK_LRA_VALID) && ti->lra >= ti->start)
		return ti->lra;
	if (ti->size <= 0 || ti->size >= 0x7fff0000)
		return -1;
	end = ti->start + ti->size - 1;
	if (is_cd && ti->size > 2)
		end -= 2;
	return end;
}

/**
 * mmc_track_next_writable() - where the next write to a track goes
 * @ti: the invisible or incomplete track
 * @capacity: last possible lead-out, or -1 if unknown
 * @nwa: next writable address
 * @free_blocks: blocks still writable from @nwa
 *
 * Some drives report NWA -150 on blank media: the track start is right
 * then. An address beyond the capacity is never presented as writable.
 *
 * Return: 0, or -ENODATA if the track has no valid next writable address.
 */
int mmc_track_next_writable(const struct mmc_track_info *ti, __s64 capacity,
			    __s64 *nwa, __s64 *free_blocks)
{
	__s64 addr = ti->nwa;

	if (!(ti->flags & MMC_TRACK_NWA_VALID) || (ti->flags & MMC_TRACK_DAMAGE))
		return -ENODATA;
	if (addr < ti->start && (ti->flags & MMC_TRACK_BLANK))
		addr = ti->start;
	if (addr < 0 || (capacity >= 0 && addr > capacity))
		return -ENODATA;
	*nwa = addr;
	*free_blocks = ti->free_blocks;
	if (capacity >= 0 && addr + *free_blocks > capacity)
		*free_blocks = capacity - addr;
	return 0;
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
 * mmc_prev_last_track() - last track of the last complete session
 * @di: disc information
 *
 * Return: its number, 0 if there is none.
 */
__u16 mmc_prev_last_track(const struct mmc_disc_info *di)
{
	if (di->last_session_state == MULTISESSION_SESSION_COMPLETE)
		return di->last_track_last_session;
	if (di->first_track_last_session == 0)
		return 0;
	return di->first_track_last_session - 1;
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
	return profile == 0x09 || profile == 0x0a || profile == 0x1b ||
	       profile == 0x2b;
}

/**
 * mmc_facts_init() - the "nothing known" value of every reported fact
 * @q: the reply; its out_* fields are reset, the caller's input (also the
 *	track_entry_size after them) kept
 */
void mmc_facts_init(struct multisession_query *q)
{
	__u8 *from = (__u8 *)&q->out_tracks_total;
	__u8 *to = (__u8 *)&q->out_commands + sizeof(q->out_commands);
	__u32 i;

	for (i = 0; from + i < to; i++)
		from[i] = 0;
	q->out_block_size = MMC_BLOCK;
	q->out_prev_session_start = -1;
	q->out_prev_session_last_written = -1;
	q->out_nwa = -1;
	q->out_last_possible_lead_out = -1;
	q->out_read_capacity = -1;
	q->out_formatted_capacity = -1;
	q->out_last_recorded = -1;
	q->out_volume_blocks = -1;
	q->out_open_session_start = -1;
}

static __u16 toc_data_tracks(const struct mmc_toc *toc)
{
	__u16 n = 0;
	__u32 i;

	for (i = 0; i < toc->num_tracks; i++)
		n += !!(toc->control[i] & 4);
	return n;
}

static int toc_usable(const struct mmc_answers *a)
{
	return (a->have & MMC_HAVE_TOC) && a->toc && a->toc->num_tracks &&
	       a->toc->lead_out > 0;
}

/* Format 1 is a stub on some drives: only a plausible answer counts. */
static int toc_session_usable(const struct mmc_answers *a)
{
	const struct mmc_toc_session *ts = &a->toc_session;

	return (a->have & MMC_HAVE_TOC_SESSION) && toc_usable(a) &&
	       ts->last_session && ts->first_track && ts->start >= 0 &&
	       ts->start < a->toc->lead_out;
}

/* The last complete session: where it starts and ends, whether it has data. */
static int derive_previous(const struct mmc_answers *a, int is_cd,
			   struct multisession_query *q)
{
	const struct mmc_track_info *first = &a->prev_first, *last = first;

	if (a->have & MMC_HAVE_PREV_FIRST) {
		if (first->start < 0)
			return -EIO;
		if (a->have & MMC_HAVE_PREV_LAST)
			last = &a->prev_last;
		q->out_prev_session_start = first->start;
		q->out_prev_session_last_written =
			mmc_track_last_written(last, is_cd);
		if ((first->flags | last->flags) & MMC_TRACK_DAMAGE)
			q->out_medium_flags |= MULTISESSION_MEDIUM_DAMAGED;
		/* Only a CD session can open with audio and still hold data. */
		if (!is_cd || (first->mode & 4))
			q->out_data_tracks = 1;
		else if (toc_usable(a))
			q->out_data_tracks = toc_data_tracks(a->toc);
	} else if (toc_usable(a)) {
		q->out_prev_session_start = toc_session_usable(a) ?
			a->toc_session.start : a->toc->start[0];
		/*
		 * A recorded CD's lead-out follows 2 unreadable run-out blocks
		 * after a track written at once, none after a session written
		 * at once: the TOC cannot tell which, so the end is unknown
		 * but on a pressed CD (profile 08h).
		 */
		q->out_prev_session_last_written =
			(is_cd && a->config.profile != 0x08) ||
			a->toc->lead_out <= q->out_prev_session_start ?
			-1 : a->toc->lead_out - 1;
		q->out_data_tracks = toc_data_tracks(a->toc);
	} else {
		return -EIO;
	}
	q->out_last_recorded = q->out_prev_session_last_written;
	return 0;
}

/*
 * Where the next session goes. Without track information a CD still has
 * its fixed session overhead: after the first session's lead-out 6750
 * blocks of lead-out, 4500 of lead-in and a 150-block pre-gap (11400),
 * after later ones 2250 + 4500 + 150 (6900).
 */
/*
 * An open session that already holds data starts at its first track: the
 * incomplete track itself when that is the first (the common case: one
 * track being written), else the one asked for by session number.
 */
static void derive_open_session(const struct mmc_answers *a,
				struct multisession_query *q)
{
	__s64 start;

	if (a->disc.last_session_state != MULTISESSION_SESSION_INCOMPLETE)
		return;
	if ((a->have & MMC_HAVE_NEXT) &&
	    a->next.number == a->disc.first_track_last_session)
		start = a->next.start;
	else if (a->have & MMC_HAVE_OPEN_FIRST)
		start = a->open_first.start;
	else
		return;
	if (start < 0)
		return;
	q->out_medium_flags |= MULTISESSION_MEDIUM_OPEN_SESSION;
	q->out_open_session_start = start;
}

static int derive_next(const struct mmc_answers *a, int is_cd, __u16 complete,
		       struct multisession_query *q)
{
	const struct mmc_track_info *ti = &a->next;
	__s64 capacity = a->disc.last_possible_lead_out;
	__s64 nwa, free_blocks;

	if (a->have & MMC_HAVE_NEXT) {
		if (ti->flags & MMC_TRACK_DAMAGE)
			q->out_medium_flags |= MULTISESSION_MEDIUM_DAMAGED;
		if ((ti->flags & MMC_TRACK_LRA_VALID) && ti->lra >= ti->start &&
		    ti->start >= 0 && !(ti->flags & MMC_TRACK_BLANK))
			q->out_last_recorded = ti->lra;
		if (mmc_track_next_writable(ti, capacity, &nwa, &free_blocks))
			return 0;
	} else if (!is_cd) {
		return -EIO;
	} else if (a->disc.disc_status == MULTISESSION_DISC_BLANK) {
		nwa = 0;
	} else if (a->disc.last_session_state == MULTISESSION_SESSION_EMPTY &&
		   complete && toc_usable(a)) {
		nwa = a->toc->lead_out + (complete == 1 ? 11400 : 6900);
	} else {
		return -EIO;
	}
	if (!(a->have & MMC_HAVE_NEXT)) {
		if (capacity >= 0 && nwa >= capacity)
			return 0;
		free_blocks = capacity >= 0 ? capacity - nwa : 0;
	}
	q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
	q->out_nwa = nwa;
	q->out_free_blocks = free_blocks;
	return 0;
}

/*
 * Overwriteable media have one track and no sessions; tools grow one ISO
 * 9660 volume whose primary descriptor at block 16 they rewrite after each
 * session, so its volume size is where the next session goes.
 */
static int derive_overwriteable(const struct mmc_answers *a,
				struct multisession_query *q)
{
	__u16 unit = q->out_write_unit;
	__s64 capacity, next;

	q->out_medium_flags |= MULTISESSION_MEDIUM_OVERWRITEABLE;
	q->out_complete_sessions = 0;
	if ((a->have & MMC_HAVE_FORMAT_CAPACITY) &&
	    a->format.type == MMC_FORMAT_UNFORMATTED) {
		q->out_disc_status = MULTISESSION_DISC_BLANK;
		q->out_last_session_state = MULTISESSION_SESSION_EMPTY;
		q->out_free_blocks = a->format.blocks;
		return 0;
	}
	/*
	 * READ CAPACITY stands in for the formatted size (on rewritable media
	 * only: the POW BD-R is sequential). One block is what drives report
	 * for nothing recorded, never a medium's size.
	 */
	if ((a->have & MMC_HAVE_FORMAT_CAPACITY) &&
	    a->format.type == MMC_FORMAT_FORMATTED)
		capacity = a->format.blocks;
	else if (a->have & MMC_HAVE_CAPACITY)
		capacity = a->capacity;
	else
		return -EIO;
	if (capacity <= 1 || !(a->have & MMC_HAVE_BLOCK16))
		return -EIO;
	q->out_formatted_capacity = capacity;

	if (a->volume == MMC_VOLUME_EMPTY) {
		q->out_disc_status = MULTISESSION_DISC_BLANK;
		q->out_last_session_state = MULTISESSION_SESSION_EMPTY;
		q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
		q->out_nwa = 0;
		q->out_free_blocks = capacity;
		return 0;
	}
	q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
	q->out_complete_sessions = 1;
	q->out_prev_session_start = 0;
	if (a->volume != MMC_VOLUME_ISO9660 || a->volume_blocks > capacity) {
		/* Someone else's data: nothing we could append to. */
		q->out_disc_status = MULTISESSION_DISC_OTHER;
		return 0;
	}
	q->out_disc_status = MULTISESSION_DISC_APPENDABLE;
	q->out_medium_flags |= MULTISESSION_MEDIUM_ISO9660;
	q->out_volume_blocks = a->volume_blocks;
	q->out_prev_session_last_written = a->volume_blocks - 1;
	q->out_last_recorded = a->volume_blocks - 1;
	q->out_data_tracks = 1;
	next = (a->volume_blocks + unit - 1) / unit * unit;
	if (next < capacity) {
		q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
		q->out_nwa = next;
		q->out_free_blocks = capacity - next;
	}
	return 0;
}

/*
 * A BD-R formatted for pseudo-overwrite is written two ways: in sessions,
 * which the sequential facts describe, and in place, where one ISO 9660
 * volume at its start grows as on overwriteable media. Its formatted size
 * and that volume are the facts of the second way. READ CAPACITY cannot
 * stand in for the size: on any BD-R it gives the end of what is recorded
 * (MMC.md 3.4).
 */
static int derive_pow_volume(const struct mmc_answers *a,
			     struct multisession_query *q)
{
	if (!(a->have & MMC_HAVE_FORMAT_CAPACITY) ||
	    a->format.type != MMC_FORMAT_FORMATTED || a->format.blocks <= 1 ||
	    !(a->have & MMC_HAVE_BLOCK16))
		return -EIO;
	q->out_formatted_capacity = a->format.blocks;
	if (a->volume == MMC_VOLUME_ISO9660 &&
	    a->volume_blocks <= a->format.blocks) {
		q->out_medium_flags |= MULTISESSION_MEDIUM_ISO9660;
		q->out_volume_blocks = a->volume_blocks;
	}
	return 0;
}

/* Drives that give no disc information: what the TOC of complete sessions says. */
static int derive_toc_only(const struct mmc_answers *a, int is_cd,
			   struct multisession_query *q)
{
	if (!toc_usable(a))
		return -EIO;
	q->out_medium_flags |= MULTISESSION_MEDIUM_NO_DISC_INFO;
	q->out_disc_status = MULTISESSION_DISC_COMPLETE;
	q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
	q->out_sessions = 1;
	q->out_first_track_last_session = a->toc->first_track;
	if (toc_session_usable(a)) {
		q->out_sessions = a->toc_session.last_session;
		q->out_first_track_last_session = a->toc_session.first_track;
	}
	q->out_complete_sessions = q->out_sessions;
	q->out_last_track_last_session = a->toc->last_track;
	q->out_tracks_total = a->toc->num_tracks;
	return derive_previous(a, is_cd, q);
}

static int derive_all(const struct mmc_answers *a, struct multisession_query *q)
{
	const struct mmc_config *cfg = &a->config;
	const struct mmc_disc_info *di = &a->disc;
	enum mmc_medium_class class;
	int is_cd, err;
	__u16 complete;
	__u32 i;

	mmc_facts_init(q);
	q->out_profile = cfg->profile;
	for (i = 0; i < cfg->num_profiles && i < MULTISESSION_MAX_PROFILES; i++)
		q->out_profiles[i] = cfg->profiles[i];
	q->out_num_profiles = i;
	class = mmc_medium_class(cfg->profile);
	if (class == MMC_CLASS_NONE)
		return -EMEDIUMTYPE;
	is_cd = mmc_profile_is_cd(cfg->profile);
	q->out_write_unit = mmc_write_unit(cfg->profile);
	if (cfg->features & MMC_CUR_BD_R_POW)
		q->out_medium_flags |= MULTISESSION_MEDIUM_POW;
	if (mmc_drive_can_write(cfg->profile, cfg->features))
		q->out_medium_flags |= MULTISESSION_MEDIUM_DRIVE_CAN_WRITE;
	if (a->have & MMC_HAVE_CAPACITY)
		q->out_read_capacity = a->capacity;
	if ((a->have & MMC_HAVE_WRITE_PROTECTION) && a->write_protection)
		q->out_medium_flags |= MULTISESSION_MEDIUM_WRITE_PROTECTED;
	if (!(a->have & MMC_HAVE_DISC_INFO))
		return derive_toc_only(a, is_cd, q);

	q->out_disc_status = di->disc_status;
	q->out_last_session_state = di->last_session_state;
	q->out_format_status = di->bg_format;
	q->out_sessions = di->sessions;
	q->out_first_track_last_session = di->first_track_last_session;
	q->out_last_track_last_session = di->last_track_last_session;
	q->out_last_possible_lead_out = di->last_possible_lead_out;
	q->out_tracks_total = di->last_track_last_session;
	if (di->erasable)
		q->out_medium_flags |= MULTISESSION_MEDIUM_ERASABLE;
	if (di->last_session_state == MULTISESSION_SESSION_DAMAGED)
		q->out_medium_flags |= MULTISESSION_MEDIUM_DAMAGED;
	/*
	 * A session is appended to a DVD-R/-RW by incremental recording
	 * (0021h). A drive that writes these discs only disc-at-once
	 * (002Fh alone) writes a blank one whole and cannot add to it.
	 */
	if (mmc_profile_is_dvd_minus_r(cfg->profile) &&
	    di->disc_status != MULTISESSION_DISC_BLANK &&
	    !(cfg->features & MMC_CUR_INCREMENTAL))
		q->out_medium_flags &= ~MULTISESSION_MEDIUM_DRIVE_CAN_WRITE;

	switch (class) {
	case MMC_CLASS_OVERWRITEABLE:
		return derive_overwriteable(a, q);
	case MMC_CLASS_ROM:
		q->out_disc_status = MULTISESSION_DISC_COMPLETE;
		q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
		q->out_last_possible_lead_out = -1;
		q->out_complete_sessions = di->sessions;
		return derive_previous(a, is_cd, q);
	default:
		break;
	}

	complete = mmc_complete_sessions(di);
	q->out_complete_sessions = complete;
	if (complete) {
		err = derive_previous(a, is_cd, q);
		if (err)
			return err;
	}
	if (di->disc_status == MULTISESSION_DISC_BLANK ||
	    di->disc_status == MULTISESSION_DISC_APPENDABLE) {
		err = derive_next(a, is_cd, complete, q);
		if (err)
			return err;
		derive_open_session(a, q);
	}
	if (di->disc_status == MULTISESSION_DISC_APPENDABLE && !complete &&
	    di->last_session_state == MULTISESSION_SESSION_EMPTY)
		q->out_disc_status = MULTISESSION_DISC_BLANK;
	if (q->out_medium_flags & MULTISESSION_MEDIUM_POW)
		return derive_pow_volume(a, q);
	return 0;
}

static __s64 max_s64(__s64 x, __s64 y)
{
	return x > y ? x : y;
}

/*
 * Every address in an answer is -1 (none) or a block of the medium: from 0
 * to its end as far as the replies tell (the capacity, the TOC's lead-out,
 * the end of the writable area or of the last session's track: a read-only
 * drive reports a DVD+RW's track as long as the disc while READ CAPACITY
 * gives less, realworld case 18), and a session ends after it starts. A
 * drive's garbage in a field the derivation passed through (a TOC start
 * before block 0, say) would otherwise reach mkisofs -C as an address.
 */
static int in_medium(__s64 addr, __s64 end)
{
	return addr >= -1 && (end < 0 || addr <= end);
}

static int addresses_in_medium(const struct mmc_answers *a,
			       const struct multisession_query *q)
{
	__s64 end = max_s64(q->out_last_possible_lead_out,
			    max_s64(q->out_formatted_capacity,
				    q->out_read_capacity));
	const struct mmc_track_info *last;

	if (toc_usable(a))
		end = max_s64(end, a->toc->lead_out);
	if (a->have & MMC_HAVE_PREV_FIRST) {
		last = a->have & MMC_HAVE_PREV_LAST ? &a->prev_last :
						     &a->prev_first;
		end = max_s64(end, mmc_track_last_written(last, 0) + 1);
	}
	if (q->out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID)
		end = max_s64(end, q->out_nwa + q->out_free_blocks);
	return in_medium(q->out_prev_session_start, end) &&
	       in_medium(q->out_prev_session_last_written, end) &&
	       in_medium(q->out_nwa, end) &&
	       in_medium(q->out_last_recorded, end) &&
	       in_medium(q->out_last_possible_lead_out, end) &&
	       in_medium(q->out_formatted_capacity, end) &&
	       in_medium(q->out_read_capacity, end) &&
	       (q->out_prev_session_last_written < 0 ||
		q->out_prev_session_last_written >= q->out_prev_session_start);
}

/**
 * mmc_derive_facts() - the normalized facts from one query's replies
 * @a: the decoded replies
 * @q: receives every out_* field but identity, diskseq and command count
 *
 * ROM media are complete whatever the drive says; an appendable disc with
 * nothing recorded yet (formatted BD-R, a fresh DVD-RW) is blank; an
 * overwriteable medium is blank, appendable (one ISO 9660 volume) or
 * "other" (data we do not know how to grow). No address is reported that
 * the replies do not support.
 *
 * Return: 0, -EMEDIUMTYPE for a profile we do not know, or -EIO when a
 * reply the answer cannot do without is missing or inconsistent, or an
 * address would fall outside the medium.
 */
int mmc_derive_facts(const struct mmc_answers *a, struct multisession_query *q)
{
	int err = derive_all(a, q);

	if (err)
		return err;
	/* The table then comes from the TOC, which lists complete tracks only. */
	if (mmc_facts_from_toc_only(a))
		q->out_tracks_total = a->toc->num_tracks;
	if (!addresses_in_medium(a, q) ||
	    q->out_tracks_total > mmc_max_tracks(q->out_profile))
		return -EIO;
	return 0;
}

/**
 * mmc_facts_from_toc_only() - whether the facts come from the TOC alone
 * @a: the decoded replies
 *
 * Return: 1 if the drive gave a TOC but no track information, else 0.
 */
int mmc_facts_from_toc_only(const struct mmc_answers *a)
{
	return !(a->have & (MMC_HAVE_PREV_FIRST | MMC_HAVE_NEXT)) &&
	       toc_usable(a);
}

/**
 * mmc_track_entry() - one entry of the track table from READ TRACK
 * INFORMATION
 * @ti: the decoded reply
 * @t: the entry
 */
void mmc_track_entry(const struct mmc_track_info *ti,
		     struct multisession_track *t)
{
	*t = (struct multisession_track){ 0 };
	t->number = ti->number;
	t->session = ti->session;
	t->mode = ti->mode;
	t->data_mode = ti->data_mode;
	t->packet_size = ti->packet_size;
	t->start = ti->start;
	t->size = ti->size;
	t->last_recorded = (ti->flags & MMC_TRACK_LRA_VALID) ? ti->lra : -1;
	t->nwa = (ti->flags & MMC_TRACK_NWA_VALID) ? ti->nwa : -1;
	t->free_blocks = ti->free_blocks;
	/*
	 * RT alone says the track was reserved, not that it is empty: DVD+R
	 * drives report RT on every recorded track (realworld 01, 07).
	 */
	if ((ti->flags & MMC_TRACK_BLANK) && (ti->flags & MMC_TRACK_RESERVED))
		t->state = MULTISESSION_TRACK_RESERVED;
	else if (ti->flags & MMC_TRACK_BLANK)
		t->state = MULTISESSION_TRACK_BLANK;
	else if (ti->flags & MMC_TRACK_NWA_VALID)
		t->state = MULTISESSION_TRACK_INCOMPLETE;
	else
		t->state = MULTISESSION_TRACK_COMPLETE;
	if (ti->mode & 4)
		t->flags |= MULTISESSION_TRACK_DATA;
	if (ti->flags & MMC_TRACK_DAMAGE)
		t->flags |= MULTISESSION_TRACK_DAMAGED;
	if (ti->flags & MMC_TRACK_COPY)
		t->flags |= MULTISESSION_TRACK_COPY;
	if (ti->flags & MMC_TRACK_PACKET)
		t->flags |= MULTISESSION_TRACK_PACKET;
	if (ti->flags & MMC_TRACK_FIXED_PACKET)
		t->flags |= MULTISESSION_TRACK_FIXED_PACKET;
	if (ti->flags & MMC_TRACK_NWA_VALID)
		t->flags |= MULTISESSION_TRACK_NWA_VALID;
	if (ti->flags & MMC_TRACK_LRA_VALID)
		t->flags |= MULTISESSION_TRACK_LRA_VALID;
}

/**
 * mmc_toc_track_entry() - one entry of the track table from the TOC
 * @a: the decoded replies, with a usable TOC
 * @index: entry number, 0-based
 * @t: the entry
 *
 * The formatted TOC holds complete tracks only and tells neither sessions
 * nor the gaps between them: with several sessions the session is 0
 * (unknown) and so is the size of a track followed by a session start.
 *
 * Return: 0, or -ENODATA past the last entry.
 */
int mmc_toc_track_entry(const struct mmc_answers *a, __u32 index,
			struct multisession_track *t)
{
	const struct mmc_toc *toc = a->toc;
	int multi = toc_session_usable(a) && a->toc_session.last_session > 1;
	__s64 end;

	if (!toc_usable(a) || index >= toc->num_tracks)
		return -ENODATA;
	end = index + 1 < toc->num_tracks ? toc->start[index + 1] :
					    toc->lead_out;
	if (multi && index + 1 < toc->num_tracks &&
	    toc->number[index + 1] == a->toc_session.first_track)
		end = toc->start[index];
	*t = (struct multisession_track){ 0 };
	t->number = toc->number[index];
	t->session = multi ? 0 : 1;
	t->state = MULTISESSION_TRACK_COMPLETE;
	t->mode = toc->control[index];
	t->data_mode = 15;
	if (toc->control[index] & 4)
		t->flags |= MULTISESSION_TRACK_DATA;
	t->start = toc->start[index];
	t->size = end > t->start ? end - t->start : 0;
	t->last_recorded = -1;
	t->nwa = -1;
	return 0;
}
