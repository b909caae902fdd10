// SPDX-License-Identifier: GPL-2.0-only
/*
 * The disc model: classification of profiles, derived values every reply
 * uses and recording transitions (presets and layouts that build a model
 * are layout.c's). Knows discs, not SCSI: handlers return sense codes the
 * model picks.
 *
 * Arithmetic follows real drives (shared/realworld, MMC.md 1.3): CD TAO
 * tracks carry 2 run-out blocks in their size and the next session starts
 * 11400 blocks after the first session's end, 6900 after later ones; DVD+R
 * sessions are 2048 blocks apart; DVD-R/-RW borders 28688.
 */
#include <linux/kernel.h>
#include <linux/math.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"

/* A row of the shared profile table, what mmcsim needs of it. */
static const struct profile_facts {
	u16 number;
	u8 family;		/* enum mmc_family */
	u8 write_unit;		/* blocks */
	u8 kind;		/* enum mmc_medium_class */
} profile_table[] = {
#define MMC_PROFILE(profile, family, unit, kind, ...) \
	{ profile, MMC_FAMILY_##family, unit, MMC_CLASS_##kind },
#include "../mmc_profiles.h"
#undef MMC_PROFILE
};

/* A profile not in the table: no family, no way to record. */
static const struct profile_facts *profile_facts(u16 profile)
{
	static const struct profile_facts unknown = { .write_unit = 1 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(profile_table); i++)
		if (profile_table[i].number == profile)
			return &profile_table[i];
	return &unknown;
}

bool mmcsim_is_cd(u16 profile)
{
	return profile_facts(profile)->family == MMC_FAMILY_CD;
}

bool mmcsim_is_dvd(u16 profile)
{
	return profile_facts(profile)->family == MMC_FAMILY_DVD;
}

bool mmcsim_is_bd(u16 profile)
{
	return profile_facts(profile)->family == MMC_FAMILY_BD;
}

bool mmcsim_is_rom(u16 profile)
{
	return profile_facts(profile)->kind == MMC_CLASS_ROM;
}

bool mmcsim_is_sequential(u16 profile)
{
	return profile_facts(profile)->kind == MMC_CLASS_SEQUENTIAL;
}

bool mmcsim_is_overwriteable(u16 profile)
{
	return profile_facts(profile)->kind == MMC_CLASS_OVERWRITEABLE;
}

/**
 * mmcsim_write_unit() - blocks a write must be a multiple of
 * @profile: the medium's profile
 *
 * Return: 32 on BD, 16 on DVD, 1 on CD.
 */
u32 mmcsim_write_unit(u16 profile)
{
	return profile_facts(profile)->write_unit;
}

u16 mmcsim_last_session(const struct mmcsim_medium *m)
{
	return m->ntracks ? m->tracks[m->ntracks - 1].session : 0;
}

/**
 * mmcsim_sessions() - READ DISC INFORMATION's session count
 * @m: the medium
 *
 * It includes an empty or open last session.
 *
 * Return: the session count.
 */
u16 mmcsim_sessions(const struct mmcsim_medium *m)
{
	u16 last = mmcsim_last_session(m);

	if (mmcsim_is_overwriteable(m->profile))
		return 1;
	if (mmcsim_is_rom(m->profile) || m->finalized)
		return max_t(u16, last, 1);
	return max_t(u16, last, m->closed + 1);
}

/**
 * mmcsim_first_track_of() - first track of a session
 * @m: the medium
 * @session: session number, from 1
 *
 * Return: its track number, 0 if the session has none.
 */
u16 mmcsim_first_track_of(const struct mmcsim_medium *m, u16 session)
{
	u16 i;

	for (i = 0; i < m->ntracks; i++)
		if (m->tracks[i].session == session)
			return i + 1;
	return 0;
}

/**
 * mmcsim_has_invisible() - is there an invisible track
 * @m: the medium
 *
 * The blank track behind the recorded ones, where the next track starts.
 *
 * Return: true if the medium has one.
 */
bool mmcsim_has_invisible(const struct mmcsim_medium *m)
{
	const struct mmcsim_track *t;

	if (!mmcsim_is_sequential(m->profile) || m->finalized)
		return false;
	if (!m->ntracks)
		return true;
	t = &m->tracks[m->ntracks - 1];
	return t->state == MMCSIM_T_COMPLETE || t->state == MMCSIM_T_RESERVED;
}

u16 mmcsim_total_tracks(const struct mmcsim_medium *m)
{
	if (mmcsim_is_overwriteable(m->profile))
		return 1;
	return m->ntracks + mmcsim_has_invisible(m);
}

/**
 * mmcsim_toc_tracks() - tracks of closed sessions: what a TOC shows
 * @m: the medium
 *
 * Return: their number.
 */
u16 mmcsim_toc_tracks(const struct mmcsim_medium *m)
{
	u16 n = 0;

	while (n < m->ntracks && m->tracks[n].session <= m->closed)
		n++;
	return n;
}

/**
 * mmcsim_max_tracks() - tracks a medium of a profile may hold
 * @profile: the medium's profile
 *
 * Return: 99 on CD (track numbers 1..99), MMCSIM_MAX_TRACKS otherwise.
 */
u16 mmcsim_max_tracks(u16 profile)
{
	return mmcsim_is_cd(profile) ? MMCSIM_MAX_CD_TRACKS : MMCSIM_MAX_TRACKS;
}

/**
 * mmcsim_disc_status() - READ DISC INFORMATION Disc Status
 * @m: the medium
 *
 * Return: MMCSIM_BLANK, MMCSIM_APPENDABLE, MMCSIM_COMPLETE or MMCSIM_OTHER.
 */
u8 mmcsim_disc_status(const struct mmcsim_medium *m)
{
	if (mmcsim_is_rom(m->profile))
		return MMCSIM_COMPLETE;
	if (m->profile == MMCSIM_P_DVDRAM)
		return MMCSIM_OTHER;
	if (mmcsim_is_overwriteable(m->profile))
		return m->formatted ? MMCSIM_COMPLETE : MMCSIM_BLANK;
	if (m->finalized)
		return MMCSIM_COMPLETE;
	/* a formatted, empty BD-R is appendable (MMC.md 3.5) */
	return m->ntracks || m->formatted ? MMCSIM_APPENDABLE : MMCSIM_BLANK;
}

/**
 * mmcsim_last_session_state() - READ DISC INFORMATION's last session state
 * @m: the medium
 *
 * Return: 0 empty, 1 incomplete, 2 reserved/damaged, 3 complete.
 */
u8 mmcsim_last_session_state(const struct mmcsim_medium *m)
{
	const struct mmcsim_track *t;
	u16 i;

	switch (mmcsim_disc_status(m)) {
	case MMCSIM_COMPLETE:
	case MMCSIM_OTHER:
		return 3;
	case MMCSIM_BLANK:
		return 0;
	}
	if (mmcsim_last_session(m) <= m->closed)
		return 0;
	for (i = 0; i < m->ntracks; i++) {
		t = &m->tracks[i];
		if (t->session > m->closed && t->state == MMCSIM_T_DAMAGED)
			return 2;
	}
	return 1;
}

u32 mmcsim_track_end(const struct mmcsim_track *t)
{
	if (t->state == MMCSIM_T_INCOMPLETE)
		return t->start + t->recorded;
	return t->start + t->size;
}

/**
 * mmcsim_readable_end() - end of the blocks READ(10) may reach
 * @m: the medium
 *
 * Return: the first block past them.
 */
u32 mmcsim_readable_end(const struct mmcsim_medium *m)
{
	if (mmcsim_is_overwriteable(m->profile))
		return m->formatted;
	return m->ntracks ? mmcsim_track_end(&m->tracks[m->ntracks - 1]) : 0;
}

/**
 * mmcsim_read_capacity() - READ CAPACITY's last LBA (MMC.md 3.4)
 * @m: the medium
 *
 * Return: the LBA, 0 when nothing is closed.
 */
u32 mmcsim_read_capacity(const struct mmcsim_medium *m)
{
	u16 n = mmcsim_toc_tracks(m);

	if (mmcsim_is_overwriteable(m->profile))
		return m->formatted ? m->formatted - 1 : 0;
	/*
	 * Pseudo-overwrite BD-R is used like an overwriteable disc: one open
	 * session whose recorded tracks are all readable (growisofs).
	 */
	if (m->pow && m->ntracks)
		return mmcsim_readable_end(m) - 1;
	return n ? mmcsim_track_end(&m->tracks[n - 1]) - 1 : 0;
}

/**
 * mmcsim_next_gap() - gap after a session just closed
 * @m: the medium
 *
 * Return: blocks between its end and the next session's start.
 */
u32 mmcsim_next_gap(const struct mmcsim_medium *m)
{
	switch (m->profile) {
	case MMCSIM_P_CDR: case MMCSIM_P_CDRW:
		return m->closed <= 1 ? MMCSIM_CD_GAP_FIRST : MMCSIM_CD_GAP_LATER;
	case MMCSIM_P_DVDR: case MMCSIM_P_DVDRW:
		return MMCSIM_DVDR_GAP;
	case MMCSIM_P_DVDPR: case MMCSIM_P_DVDPR_DL:
		return MMCSIM_DVDPR_GAP;
	}
	return 0;
}

/**
 * mmcsim_write_target() - check a write and find the track it extends
 * @m: the medium
 * @lba: first block
 * @count: blocks
 * @track: out: the track to grow (opened here from the invisible track),
 *	NULL on overwriteable media
 *
 * Return: 0 or a sense code (MMC.md 3.15, 7.2).
 */
int mmcsim_write_target(struct mmcsim_medium *m, u32 lba, u32 count,
			struct mmcsim_track **track)
{
	struct mmcsim_track *t;
	u16 i;

	*track = NULL;
	if (mmcsim_is_rom(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x05);
	if (m->write_protected)
		return MMCSIM_SENSE(DATA_PROTECT, 0x27, 0);
	if (mmcsim_is_overwriteable(m->profile)) {
		if (!m->formatted)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x05);
		if ((u64)lba + count > m->formatted)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x21, 0);
		return 0;
	}
	if (m->finalized)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x21, 0x02);
	if ((u64)lba + count > m->capacity)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x21, 0);
	for (i = 0; i < m->ntracks; i++) {
		t = &m->tracks[i];
		/*
		 * BD-R pseudo-overwrite: the drive remaps a rewrite of
		 * recorded blocks (growisofs rewrites the volume descriptors
		 * at block 16 after each session).
		 */
		if (m->pow && lba >= t->start &&
		    (u64)lba + count <= (u64)t->start + t->recorded)
			return 0;
		if ((t->state != MMCSIM_T_INCOMPLETE &&
		     t->state != MMCSIM_T_RESERVED) || lba != t->start + t->recorded)
			continue;
		if (t->state == MMCSIM_T_RESERVED &&
		    (u64)lba + count > t->start + t->size)
			return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x63, 0);
		*track = t;
		return 0;
	}
	if (!mmcsim_has_invisible(m) || lba != m->nwa)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x21, 0x02);
	if (m->ntracks >= mmcsim_max_tracks(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x72, 0x05);
	t = &m->tracks[m->ntracks++];
	*t = (struct mmcsim_track){ .start = lba, .session = m->closed + 1,
				    .state = MMCSIM_T_INCOMPLETE };
	*track = t;
	return 0;
}

/**
 * mmcsim_close_track() - close the track being written
 * @m: the medium
 * @sao: it was written session-at-once (no CD run-out, no pre-gap after)
 *
 * CD TAO: size = data + 2 run-out, the next track starts 150 blocks later;
 * DVD/BD: size rounded up to the write unit.
 */
void mmcsim_close_track(struct mmcsim_medium *m, bool sao)
{
	u32 unit = mmcsim_write_unit(m->profile);
	bool cd = mmcsim_is_cd(m->profile);
	struct mmcsim_track *t;
	u16 i;

	for (i = 0; i < m->ntracks; i++) {
		t = &m->tracks[i];
		if (t->state == MMCSIM_T_RESERVED && t->recorded) {
			t->state = MMCSIM_T_COMPLETE;
			continue;
		}
		if (t->state != MMCSIM_T_INCOMPLETE)
			continue;
		t->state = MMCSIM_T_COMPLETE;
		if (cd)
			t->size = t->recorded + (sao ? 0 : MMCSIM_CD_RUNOUT);
		else
			t->size = round_up(t->recorded, unit);
		m->nwa = round_up(mmcsim_track_end(t) +
				  (cd && !sao ? MMCSIM_CD_PREGAP : 0), unit);
	}
}

/**
 * mmcsim_close_session() - close the open session
 * @m: the medium
 * @finalize: close the disc too (no further session)
 *
 * With no open session, @finalize still closes an appendable disc.
 */
void mmcsim_close_session(struct mmcsim_medium *m, bool finalize)
{
	u16 last = mmcsim_last_session(m);

	mmcsim_close_track(m, false);
	if (last > m->closed) {
		m->closed = last;
		m->nwa = round_up(mmcsim_track_end(&m->tracks[m->ntracks - 1]) +
				  mmcsim_next_gap(m),
				  mmcsim_write_unit(m->profile));
	}
	if (finalize && m->ntracks)
		m->finalized = true;
}

/**
 * mmcsim_blank() - BLANK: the medium becomes empty
 * @m: the medium
 */
void mmcsim_blank(struct mmcsim_medium *m)
{
	if (m->profile == MMCSIM_P_DVDRW_RO)
		m->profile = MMCSIM_P_DVDRW;
	m->ntracks = 0;
	m->closed = 0;
	m->finalized = false;
	m->nwa = 0;
	m->formatted = 0;
	m->bg = 0;
	m->packet = 0;
	m->sao_pending = false;
}

/**
 * mmcsim_reserve_track() - RESERVE TRACK at the NWA
 * @m: the medium
 * @size: its size in blocks, rounded up to the write unit
 *
 * The invisible track follows it.
 *
 * Return: 0 or a sense code.
 */
int mmcsim_reserve_track(struct mmcsim_medium *m, u32 size)
{
	u32 unit = mmcsim_write_unit(m->profile);
	struct mmcsim_track *t;

	if (!mmcsim_is_sequential(m->profile) || mmcsim_is_cd(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x30, 0x05);
	if (!mmcsim_has_invisible(m) || !size)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x2c, 0);
	size = round_up(size, unit);
	if ((u64)m->nwa + size > m->capacity)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x21, 0);
	if (m->ntracks >= mmcsim_max_tracks(m->profile))
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x72, 0x05);
	t = &m->tracks[m->ntracks++];
	*t = (struct mmcsim_track){ .start = m->nwa, .size = size,
				    .session = m->closed + 1,
				    .state = MMCSIM_T_RESERVED };
	m->nwa += size;
	return 0;
}
