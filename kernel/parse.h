/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The API of parse.c, pure decoders of MMC replies, and of derive.c, which
 * turns them into the facts a query reports. Shared by the module and the
 * host tests: only <linux/types.h>, so this file also builds in userspace.
 */
#ifndef MS_PARSE_H
#define MS_PARSE_H

#include <linux/const.h>
#include <linux/types.h>

#include "mmc_defs.h"

/* Feature codes of GET CONFIGURATION that decide writability. */
#define MMC_FEAT_PROFILE_LIST 0x0000
#define MMC_FEAT_WRITE_PROTECT 0x0004
#define MMC_FEAT_RANDOM_WRITABLE 0x0020
#define MMC_FEAT_INCREMENTAL 0x0021
#define MMC_FEAT_RESTRICTED_OVERWRITE 0x0026
#define MMC_FEAT_DVD_PLUS_RW 0x002a
#define MMC_FEAT_DVD_PLUS_R 0x002b
#define MMC_FEAT_RIGID_OVERWRITE 0x002c
#define MMC_FEAT_CD_TAO 0x002d
#define MMC_FEAT_CD_MASTERING 0x002e
#define MMC_FEAT_DVD_MINUS_R_WRITE 0x002f
#define MMC_FEAT_BD_R_POW 0x0038
#define MMC_FEAT_DVD_PLUS_R_DL 0x003b
#define MMC_FEAT_BD_WRITE 0x0041

/* struct mmc_config.features: one bit per current feature of interest. */
#define MMC_CUR_RANDOM_WRITABLE _BITUL(0)
#define MMC_CUR_INCREMENTAL _BITUL(1)
#define MMC_CUR_RESTRICTED_OVERWRITE _BITUL(2)
#define MMC_CUR_DVD_PLUS_RW_WRITE _BITUL(3)
#define MMC_CUR_DVD_PLUS_R_WRITE _BITUL(4)
#define MMC_CUR_CD_WRITE _BITUL(5)
#define MMC_CUR_DVD_MINUS_R_WRITE _BITUL(6)
#define MMC_CUR_BD_R_POW _BITUL(7)
#define MMC_CUR_DVD_PLUS_R_DL_WRITE _BITUL(8)
#define MMC_CUR_BD_WRITE _BITUL(9)
#define MMC_CUR_RIGID_OVERWRITE _BITUL(10)
#define MMC_CUR_WRITE_PROTECT _BITUL(11)

/*
 * Write Protect Feature (0004h) byte 4: what the drive supports, not
 * whether the medium is protected (READ DISC STRUCTURE C0h says that).
 */
#define MMC_WP_SSWPP _BITUL(0)	/* SWPP bit of mode page 1Dh */
#define MMC_WP_SPWP _BITUL(1)	/* persistent write protect (PWP) */
#define MMC_WP_WDCB _BITUL(2)	/* Write Inhibit DCB of DVD+RW */
#define MMC_WP_DWP _BITUL(3)	/* Disc Write Protect PAC of BD */

/* READ DISC STRUCTURE format C0h byte 4: the medium's protection now */
#define MMC_RDS_FORMAT_WRITE_PROTECTION 0xc0
#define MMC_RDS_MEDIA_DVD 0
#define MMC_RDS_MEDIA_BD 1
#define MMC_WPS_SWPP _BITUL(0)	/* software, until power-down */
#define MMC_WPS_PWP _BITUL(1)	/* persistent, recorded on the medium */
#define MMC_WPS_CWP _BITUL(2)	/* cartridge tab */
#define MMC_WPS_MSWI _BITUL(3)	/* media specific write inhibit */

#define MMC_MAX_PROFILES 16

/**
 * struct mmc_config - what GET CONFIGURATION says
 * @profile: current profile, 0 without medium
 * @num_profiles: entries used in @profiles
 * @profiles: the drive's profile list, in the drive's order
 * @features: MMC_CUR_* bits of the current features
 * @write_protect: MMC_WP_* bits of a current Write Protect Feature
 */
struct mmc_config {
	__u16 profile;
	__u16 num_profiles;
	__u16 profiles[MMC_MAX_PROFILES];
	__u32 features;
	__u8 write_protect;
};

/**
 * struct mmc_disc_info - what READ DISC INFORMATION says
 * @disc_status: bits 1-0 of byte 2 (blank, appendable, complete, other)
 * @last_session_state: bits 3-2 of byte 2
 * @erasable: bit 4 of byte 2
 * @bg_format: background format status, bits 1-0 of byte 7
 * @sessions: number of sessions, including an empty or open last one
 * @first_track_last_session: first track in the last session
 * @last_track_last_session: last track in the last session
 * @last_possible_lead_out: capacity of writable media, -1 if not given
 */
struct mmc_disc_info {
	__u8 disc_status;
	__u8 last_session_state;
	__u8 erasable;
	__u8 bg_format;
	__u16 sessions;
	__u16 first_track_last_session;
	__u16 last_track_last_session;
	__s64 last_possible_lead_out;
};

/* struct mmc_track_info.flags */
#define MMC_TRACK_DAMAGE _BITUL(0)
#define MMC_TRACK_COPY _BITUL(1)
#define MMC_TRACK_RESERVED _BITUL(2)
#define MMC_TRACK_BLANK _BITUL(3)
#define MMC_TRACK_PACKET _BITUL(4)
#define MMC_TRACK_FIXED_PACKET _BITUL(5)
#define MMC_TRACK_NWA_VALID _BITUL(6)
#define MMC_TRACK_LRA_VALID _BITUL(7)

/**
 * struct mmc_track_info - what READ TRACK INFORMATION says
 * @number: track number
 * @session: session number
 * @mode: track mode (CD CONTROL nibble), bits 3-0 of byte 5
 * @data_mode: bits 3-0 of byte 6
 * @flags: MMC_TRACK_* bits
 * @packet_size: fixed packet size / blocking factor
 * @start: logical track start address
 * @nwa: next writable address as reported (check MMC_TRACK_NWA_VALID)
 * @free_blocks: free blocks as reported
 * @size: logical track size as reported
 * @lra: last recorded address (check MMC_TRACK_LRA_VALID)
 */
struct mmc_track_info {
	__u16 number;
	__u16 session;
	__u8 mode;
	__u8 data_mode;
	__u16 flags;
	__u32 packet_size;
	__s64 start;
	__s64 nwa;
	__s64 free_blocks;
	__s64 size;
	__s64 lra;
};

/**
 * struct mmc_toc_session - READ TOC format 1 (multi-session information)
 * @last_session: last complete session
 * @first_track: first track of that session
 * @control: its ADR/CONTROL byte's CONTROL nibble
 * @start: its start address
 */
struct mmc_toc_session {
	__u8 last_session;
	__u8 first_track;
	__u8 control;
	__s64 start;
};

#define MMC_TOC_MAX_TRACKS 100

/**
 * struct mmc_toc - READ TOC format 0 (formatted TOC of complete sessions)
 * @first_track: first track number
 * @last_track: last track number
 * @num_tracks: entries used in @number, @control and @start (lead-out
 *	excluded)
 * @number: track number per entry
 * @control: CONTROL nibble per track
 * @start: start address per track
 * @lead_out: start of the lead-out of the last complete session, -1 if absent
 */
struct mmc_toc {
	__u8 first_track;
	__u8 last_track;
	__u8 num_tracks;
	__u8 number[MMC_TOC_MAX_TRACKS];
	__u8 control[MMC_TOC_MAX_TRACKS];
	__s64 start[MMC_TOC_MAX_TRACKS];
	__s64 lead_out;
};

/* READ FORMAT CAPACITIES current/maximum descriptor types */
#define MMC_FORMAT_UNFORMATTED 1
#define MMC_FORMAT_FORMATTED 2
#define MMC_FORMAT_NO_MEDIUM 3

/**
 * struct mmc_format_capacity - READ FORMAT CAPACITIES' current descriptor
 * @type: MMC_FORMAT_*
 * @blocks: number of blocks it describes
 */
struct mmc_format_capacity {
	__u8 type;
	__s64 blocks;
};

/* What block 16 of overwriteable media holds. */
enum mmc_volume {
	MMC_VOLUME_EMPTY,	/* all zeros, or never written */
	MMC_VOLUME_ISO9660,	/* an ISO 9660 primary volume descriptor */
	MMC_VOLUME_FOREIGN,	/* anything else: UDF, another filesystem */
};

/* struct mmc_answers.have: the replies a query obtained */
#define MMC_HAVE_DISC_INFO _BITUL(0)
#define MMC_HAVE_PREV_FIRST _BITUL(1)
#define MMC_HAVE_PREV_LAST _BITUL(2)
#define MMC_HAVE_NEXT _BITUL(3)
#define MMC_HAVE_TOC _BITUL(4)
#define MMC_HAVE_TOC_SESSION _BITUL(5)
#define MMC_HAVE_FORMAT_CAPACITY _BITUL(6)
#define MMC_HAVE_CAPACITY _BITUL(7)
#define MMC_HAVE_BLOCK16 _BITUL(8)
#define MMC_HAVE_WRITE_PROTECTION _BITUL(9)
#define MMC_HAVE_OPEN_FIRST _BITUL(10)

/**
 * struct mmc_answers - the decoded replies of one query
 * @have: MMC_HAVE_* bits: which of the other fields hold a reply
 * @config: GET CONFIGURATION (always present)
 * @disc: READ DISC INFORMATION
 * @prev_first: READ TRACK INFORMATION of the last complete session, by
 *	session number: its first track
 * @prev_last: READ TRACK INFORMATION of that session's last track, when it
 *	is not @prev_first
 * @next: READ TRACK INFORMATION of the invisible or incomplete track
 * @open_first: READ TRACK INFORMATION of an incomplete last session, by
 *	session number, when @next is not its first track
 * @toc: READ TOC format 0, or NULL
 * @toc_session: READ TOC format 1
 * @format: READ FORMAT CAPACITIES
 * @capacity: READ CAPACITY, blocks
 * @volume: what block 16 holds (with MMC_HAVE_BLOCK16)
 * @volume_blocks: ISO 9660 volume space size with MMC_VOLUME_ISO9660
 * @write_protection: MMC_WPS_* bits of READ DISC STRUCTURE C0h
 */
struct mmc_answers {
	__u32 have;
	struct mmc_config config;
	struct mmc_disc_info disc;
	struct mmc_track_info prev_first;
	struct mmc_track_info prev_last;
	struct mmc_track_info next;
	struct mmc_track_info open_first;
	const struct mmc_toc *toc;
	struct mmc_toc_session toc_session;
	struct mmc_format_capacity format;
	__s64 capacity;
	enum mmc_volume volume;
	__s64 volume_blocks;
	__u8 write_protection;
};

/* parse.c: the replies' bytes decoded, and what each profile is */
int mmc_same_disc_info(const __u8 *was, __u32 was_len, const __u8 *now,
		       __u32 now_len);
int mmc_reply_cut_short(const __u8 *buf, __u32 received, __u32 alloc,
			int len_bytes);
int mmc_parse_config(const __u8 *buf, __u32 len, struct mmc_config *cfg);
int mmc_parse_disc_info(const __u8 *buf, __u32 len, int is_cd,
			struct mmc_disc_info *di);
int mmc_parse_track_info(const __u8 *buf, __u32 len, struct mmc_track_info *ti);
int mmc_parse_toc_session(const __u8 *buf, __u32 len,
			  struct mmc_toc_session *ts);
int mmc_parse_toc(const __u8 *buf, __u32 len, struct mmc_toc *toc);
int mmc_parse_capacity(const __u8 *buf, __u32 len, __s64 *blocks);
int mmc_parse_format_capacity(const __u8 *buf, __u32 len,
			      struct mmc_format_capacity *fc);
int mmc_parse_write_protection(const __u8 *buf, __u32 len, __u8 *status);
int iso9660_volume_blocks(const __u8 *buf, __u32 len, __s64 *blocks);
enum mmc_volume mmc_classify_block16(const __u8 *buf, __u32 len,
				     __s64 *blocks);
int mmc_track_info_matches(const struct mmc_track_info *ti, __u8 type,
			   __u32 number, __u16 invisible);

enum mmc_family mmc_profile_family(__u16 profile);
int mmc_profile_is_cd(__u16 profile);
int mmc_profile_is_bd(__u16 profile);
int mmc_profile_is_dvd_minus_r(__u16 profile);
__u32 mmc_max_tracks(__u16 profile);
__u16 mmc_write_unit(__u16 profile);
enum mmc_medium_class mmc_medium_class(__u16 profile);
int mmc_drive_can_write(__u16 profile, __u32 features);
int mmc_needs_format(__u16 profile);
int mmc_invisible_track_is_ff(__u16 profile);

/* derive.c: the facts a query reports, from the decoded replies */
struct multisession_query;
struct multisession_track;

int mmc_write_protection_media(const struct mmc_answers *a);
__u16 mmc_complete_sessions(const struct mmc_disc_info *di);
__u16 mmc_prev_last_track(const struct mmc_disc_info *di);
__s64 mmc_track_last_written(const struct mmc_track_info *ti, int is_cd);
int mmc_track_next_writable(const struct mmc_track_info *ti, __s64 capacity,
			    __s64 *nwa, __s64 *free_blocks);
void mmc_facts_init(struct multisession_query *q);
int mmc_derive_facts(const struct mmc_answers *a, struct multisession_query *q);
int mmc_facts_from_toc_only(const struct mmc_answers *a);
void mmc_track_entry(const struct mmc_track_info *ti,
		     struct multisession_track *t);
int mmc_toc_track_entry(const struct mmc_answers *a, __u32 index,
			struct multisession_track *t);

#endif /* MS_PARSE_H */
