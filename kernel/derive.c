// SPDX-License-Identifier: GPL-2.0-only
/*
 * The facts a query reports, derived from the decoded replies of parse.c:
 * no bytes of a reply are read here. Pure like the decoders (no allocation,
 * locking or printing), so it also builds into the host unit tests and
 * fuzzers.
 */
#include <linux/errno.h>
#include <linux/multisession.h>
#include "parse.h"

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
	if (mmc_profile_family(cfg->profile) == MMC_FAMILY_DVD)
		return MMC_RDS_MEDIA_DVD;
	return -1;
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
	if (di->disc_status == MULTISESSION_DISC_BLANK || di->sessions == 0)
		return 0;
	if (di->last_session_state != MULTISESSION_SESSION_COMPLETE)
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
		n += !!(toc->control[i] & MMC_CONTROL_DATA);
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
		if (!is_cd || (first->mode & MMC_CONTROL_DATA))
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
			(is_cd && a->config.profile != MMC_PROFILE_CD_ROM) ||
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

/*
 * Where the next session goes. Without track information a CD still has
 * its fixed session overhead: after the first session's lead-out 6750
 * blocks of lead-out, 4500 of lead-in and a 150-block pre-gap (11400),
 * after later ones 2250 + 4500 + 150 (6900).
 */
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
static void derive_volume(const struct mmc_answers *a, __s64 capacity,
			  struct multisession_query *q)
{
	__u16 unit = q->out_write_unit;
	__s64 next;

	if (a->volume == MMC_VOLUME_EMPTY) {
		q->out_disc_status = MULTISESSION_DISC_BLANK;
		q->out_last_session_state = MULTISESSION_SESSION_EMPTY;
		q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
		q->out_nwa = 0;
		q->out_free_blocks = capacity;
		return;
	}
	q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
	q->out_complete_sessions = 1;
	q->out_prev_session_start = 0;
	if (a->volume != MMC_VOLUME_ISO9660 || a->volume_blocks > capacity) {
		/* Someone else's data: nothing we could append to. */
		q->out_disc_status = MULTISESSION_DISC_OTHER;
		return;
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
}

/* Unformatted, or formatted to a capacity that block 16 tells how full. */
static int derive_overwriteable(const struct mmc_answers *a,
				struct multisession_query *q)
{
	__s64 capacity;

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

	derive_volume(a, capacity, q);
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

/* What the drive says of itself and of the medium's profile. */
static void derive_drive(const struct mmc_answers *a,
			 struct multisession_query *q)
{
	const struct mmc_config *cfg = &a->config;

	q->out_write_unit = mmc_write_unit(cfg->profile);
	if (cfg->features & MMC_CUR_BD_R_POW)
		q->out_medium_flags |= MULTISESSION_MEDIUM_POW;
	if (mmc_drive_can_write(cfg->profile, cfg->features))
		q->out_medium_flags |= MULTISESSION_MEDIUM_DRIVE_CAN_WRITE;
	if (a->have & MMC_HAVE_CAPACITY)
		q->out_read_capacity = a->capacity;
	if ((a->have & MMC_HAVE_WRITE_PROTECTION) && a->write_protection)
		q->out_medium_flags |= MULTISESSION_MEDIUM_WRITE_PROTECTED;
}

/* READ DISC INFORMATION as it stands, before the medium's class says more. */
static void derive_disc_info(const struct mmc_answers *a,
			     struct multisession_query *q)
{
	const struct mmc_config *cfg = &a->config;
	const struct mmc_disc_info *di = &a->disc;

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
}

/* Sessions and tracks: the last complete session, then what may follow. */
static int derive_sequential(const struct mmc_answers *a, int is_cd,
			     struct multisession_query *q)
{
	const struct mmc_disc_info *di = &a->disc;
	__u16 complete = mmc_complete_sessions(di);
	int err;

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

static int derive_all(const struct mmc_answers *a, struct multisession_query *q)
{
	const struct mmc_config *cfg = &a->config;
	enum mmc_medium_class class;
	int is_cd;
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
	derive_drive(a, q);
	if (!(a->have & MMC_HAVE_DISC_INFO))
		return derive_toc_only(a, is_cd, q);

	derive_disc_info(a, q);
	switch (class) {
	case MMC_CLASS_OVERWRITEABLE:
		return derive_overwriteable(a, q);
	case MMC_CLASS_ROM:
		q->out_disc_status = MULTISESSION_DISC_COMPLETE;
		q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
		q->out_last_possible_lead_out = -1;
		q->out_complete_sessions = a->disc.sessions;
		return derive_previous(a, is_cd, q);
	default:
		return derive_sequential(a, is_cd, q);
	}
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

/* READ TRACK INFORMATION's flags that the table passes on, as named there */
static const struct {
	__u32 mmc;
	__u32 uapi;
} track_flags[] = {
	{ MMC_TRACK_DAMAGE, MULTISESSION_TRACK_DAMAGED },
	{ MMC_TRACK_COPY, MULTISESSION_TRACK_COPY },
	{ MMC_TRACK_PACKET, MULTISESSION_TRACK_PACKET },
	{ MMC_TRACK_FIXED_PACKET, MULTISESSION_TRACK_FIXED_PACKET },
	{ MMC_TRACK_NWA_VALID, MULTISESSION_TRACK_NWA_VALID },
	{ MMC_TRACK_LRA_VALID, MULTISESSION_TRACK_LRA_VALID },
};

/**
 * mmc_track_entry() - one entry of the track table from READ TRACK
 * INFORMATION
 * @ti: the decoded reply
 * @t: the entry
 */
void mmc_track_entry(const struct mmc_track_info *ti,
		     struct multisession_track *t)
{
	__u32 i;

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
	if (ti->mode & MMC_CONTROL_DATA)
		t->flags |= MULTISESSION_TRACK_DATA;
	for (i = 0; i < sizeof(track_flags) / sizeof(*track_flags); i++)
		if (ti->flags & track_flags[i].mmc)
			t->flags |= track_flags[i].uapi;
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
	if (toc->control[index] & MMC_CONTROL_DATA)
		t->flags |= MULTISESSION_TRACK_DATA;
	t->start = toc->start[index];
	t->size = end > t->start ? end - t->start : 0;
	t->last_recorded = -1;
	t->nwa = -1;
	return 0;
}
