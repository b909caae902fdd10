// SPDX-License-Identifier: GPL-2.0-only
/*
 * How a medium is described to mmcsim: the preset names and the layout
 * language (README.md, "Preset names" and "layout"). Both only fill in a
 * struct mmcsim_medium; what a medium then does is media.c's business, and
 * they rely on it for the arithmetic of sessions (add_session()) and for
 * what a layout leaves out (the NWA after the last session).
 */
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/seq_buf.h>
#include <linux/string.h>

#include "mmcsim.h"

/* Recorded blocks of every preset session (README.md: D). */
#define PRESET_DATA 2016
#define PRESET_DAMAGED_CD 1000
#define PRESET_DAMAGED_DVD 1008
#define BD_FORMATTED 11826176

enum preset_kind { KIND_ROM, KIND_SEQ, KIND_OW };

static const struct preset_type {
	const char *name;
	u16 profile;
	u8 kind;
	u32 capacity;
	u32 formatted;
} preset_types[] = {
	{ "cdrom", MMCSIM_P_CDROM, KIND_ROM, 0, 0 },
	{ "cdr", MMCSIM_P_CDR, KIND_SEQ, 359848, 0 },
	{ "cdrw", MMCSIM_P_CDRW, KIND_SEQ, 359848, 0 },
	{ "dvdrom", MMCSIM_P_DVDROM, KIND_ROM, 0, 0 },
	{ "dvdr", MMCSIM_P_DVDR, KIND_SEQ, 2297888, 0 },
	{ "dvdrw", MMCSIM_P_DVDRW, KIND_SEQ, 2297888, 0 },
	{ "dvdrw-ro", MMCSIM_P_DVDRW_RO, KIND_OW, 2297888, 2297888 },
	{ "dvdram", MMCSIM_P_DVDRAM, KIND_OW, 2236704, 2236704 },
	{ "dvdplusrw", MMCSIM_P_DVDPRW, KIND_OW, 2295104, 2295104 },
	{ "dvdplusr", MMCSIM_P_DVDPR, KIND_SEQ, 2295104, 0 },
	{ "dvdplusr-dl", MMCSIM_P_DVDPR_DL, KIND_SEQ, 4173824, 0 },
	{ "bdrom", MMCSIM_P_BDROM, KIND_ROM, 0, 0 },
	{ "bdr", MMCSIM_P_BDR, KIND_SEQ, 12219392, BD_FORMATTED },
	{ "bdr-rrm", MMCSIM_P_BDR_RRM, KIND_OW, BD_FORMATTED, BD_FORMATTED },
	{ "bdre", MMCSIM_P_BDRE, KIND_OW, 12219392, BD_FORMATTED },
};

/* Every preset name, for the read-only "presets" attribute. */
const char *const mmcsim_preset_names[] = {
	"empty",
	"cdrom-closed1", "dvdrom-closed1", "bdrom-closed1",
	"cdr-blank", "cdr-appendable1", "cdr-appendable2", "cdr-appendable5",
	"cdr-closed1", "cdr-closed2", "cdr-damaged",
	"cdrw-blank", "cdrw-appendable1", "cdrw-appendable2", "cdrw-closed1",
	"dvdr-blank", "dvdr-appendable1", "dvdr-appendable2", "dvdr-closed1",
	"dvdrw-blank", "dvdrw-appendable1", "dvdrw-appendable2", "dvdrw-closed1",
	"dvdrw-ro-formatted", "dvdrw-ro-iso",
	"dvdram-formatted", "dvdram-iso",
	"dvdplusrw-unformatted", "dvdplusrw-formatted", "dvdplusrw-iso",
	"dvdplusr-blank", "dvdplusr-appendable1", "dvdplusr-appendable2",
	"dvdplusr-appendable5", "dvdplusr-closed1", "dvdplusr-closed2",
	"dvdplusr-damaged",
	"dvdplusr-dl-blank", "dvdplusr-dl-appendable2", "dvdplusr-dl-closed2",
	"bdr-blank", "bdr-appendable1", "bdr-appendable2", "bdr-closed1",
	"bdr-formatted", "bdr-pow", "bdr-rrm-formatted",
	"bdre-unformatted", "bdre-formatted", "bdre-iso",
	NULL,
};

/*
 * The profiles mmcsim simulates are those it has presets for: the shared
 * table also knows dual-layer DVD-R and DVD+RW, which mmcsim has no model of.
 */
static bool known_profile(u16 profile)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(preset_types); i++)
		if (preset_types[i].profile == profile)
			return true;
	return false;
}

/*
 * The Erasable bit a medium of @profile reports unless its layout says
 * otherwise; the shared profile table has no such column.
 */
static bool default_erasable(u16 profile)
{
	return profile == MMCSIM_P_CDRW || profile == MMCSIM_P_DVDRW ||
	       (mmcsim_is_overwriteable(profile) && profile != MMCSIM_P_BDR_RRM);
}

/* Appends one closed session of @blocks recorded blocks at the NWA. */
static void add_session(struct mmcsim_medium *m, u32 blocks)
{
	struct mmcsim_track *t = &m->tracks[m->ntracks++];
	u32 unit = mmcsim_write_unit(m->profile);

	*t = (struct mmcsim_track){ .start = m->nwa, .recorded = blocks,
				    .session = m->closed + 1 };
	if (mmcsim_is_cd(m->profile) && !mmcsim_is_rom(m->profile))
		t->size = blocks + MMCSIM_CD_RUNOUT;
	else
		t->size = round_up(blocks, unit);
	m->closed++;
	m->nwa = round_up(mmcsim_track_end(t) + mmcsim_next_gap(m), unit);
}

static bool parse_count(const char *s, const char *word, unsigned int *n)
{
	size_t len = strlen(word);

	if (strncmp(s, word, len) || kstrtouint(s + len, 10, n))
		return false;
	return *n >= 1 && *n <= 20;
}

/* The longest type name that prefixes @name: dvdplusr-dl over dvdplusr. */
static const struct preset_type *preset_type_of(char *name, char **state)
{
	const struct preset_type *type = NULL;
	unsigned int i;
	size_t len;

	for (i = 0; i < ARRAY_SIZE(preset_types); i++) {
		len = strlen(preset_types[i].name);
		if (!strncmp(name, preset_types[i].name, len) &&
		    name[len] == '-' && (!type || len > strlen(type->name))) {
			type = &preset_types[i];
			*state = name + len + 1;
		}
	}
	return type;
}

/* unformatted, formatted or iso: a volume at block 0 */
static int preset_overwriteable(struct mmcsim_medium *m,
				const struct preset_type *type,
				const char *state, u16 *iso_sessions)
{
	if (!strcmp(state, "unformatted") && m->profile != MMCSIM_P_DVDRAM &&
	    m->profile != MMCSIM_P_DVDRW_RO && m->profile != MMCSIM_P_BDR_RRM)
		return 0;
	if (strcmp(state, "formatted") && strcmp(state, "iso"))
		return -EINVAL;
	if (m->profile == MMCSIM_P_BDR_RRM && strcmp(state, "formatted"))
		return -EINVAL;
	m->formatted = type->formatted;
	m->bg = m->profile == MMCSIM_P_DVDPRW ? 3 : 0;
	*iso_sessions = !strcmp(state, "iso");
	return 0;
}

/* closedN: pressed with N sessions, the capacity ending with the last */
static int preset_rom(struct mmcsim_medium *m, const char *state,
		      u16 *iso_sessions)
{
	unsigned int i, n;

	if (!parse_count(state, "closed", &n))
		return -EINVAL;
	for (i = 0; i < n; i++)
		add_session(m, PRESET_DATA);
	m->finalized = true;
	m->capacity = mmcsim_track_end(&m->tracks[m->ntracks - 1]);
	*iso_sessions = n;
	return 0;
}

/* One good session, then a damaged track in an open second one. */
static void preset_damaged(struct mmcsim_medium *m)
{
	struct mmcsim_track *t;
	u32 n;

	add_session(m, PRESET_DATA);
	t = &m->tracks[m->ntracks++];
	n = mmcsim_is_cd(m->profile) ? PRESET_DAMAGED_CD : PRESET_DAMAGED_DVD;
	*t = (struct mmcsim_track){ .start = m->nwa, .size = n,
				    .recorded = n, .session = 2,
				    .state = MMCSIM_T_DAMAGED };
}

/* blank, appendableN, closedN; BD-R formatted and pow; CD-R/DVD+R damaged */
static int preset_sequential(struct mmcsim_medium *m,
			     const struct preset_type *type, const char *state,
			     u16 *iso_sessions)
{
	unsigned int i, n;

	if (!strcmp(state, "blank"))
		return 0;
	if (m->profile == MMCSIM_P_BDR &&
	    (!strcmp(state, "formatted") || !strcmp(state, "pow"))) {
		m->formatted = type->formatted;
		m->capacity = type->formatted;
		m->pow = !strcmp(state, "pow");
		return 0;
	}
	if (!strcmp(state, "damaged") &&
	    (m->profile == MMCSIM_P_CDR || m->profile == MMCSIM_P_DVDPR)) {
		preset_damaged(m);
		*iso_sessions = 1;
		return 0;
	}
	if (parse_count(state, "appendable", &n))
		m->finalized = false;
	else if (parse_count(state, "closed", &n))
		m->finalized = true;
	else
		return -EINVAL;
	for (i = 0; i < n; i++)
		add_session(m, PRESET_DATA);
	*iso_sessions = n;
	return 0;
}

/**
 * mmcsim_preset() - build a preset medium (README.md, "Preset names")
 * @m: filled in
 * @name: preset name, "empty" included
 * @iso_sessions: out: sessions to give an ISO 9660 volume (overwriteable
 *	media: 1 = a volume at block 0)
 * @iso_blocks: out: size of those volumes
 *
 * Return: 0 or -EINVAL for an unknown name.
 */
int mmcsim_preset(struct mmcsim_medium *m, const char *name, u16 *iso_sessions,
		  u32 *iso_blocks)
{
	const struct preset_type *type;
	char buf[32], *state = NULL;
	size_t len;

	memset(m, 0, sizeof(*m));
	*iso_sessions = 0;
	*iso_blocks = PRESET_DATA;
	if (!strcmp(name, "empty"))
		return 0;
	if (strscpy(buf, name, sizeof(buf)) < 0)
		return -EINVAL;
	len = strlen(buf);
	if (len > 3 && !strcmp(buf + len - 3, "-wp")) {
		buf[len - 3] = 0;
		m->write_protected = true;
	}
	type = preset_type_of(buf, &state);
	if (!type)
		return -EINVAL;
	m->profile = type->profile;
	m->capacity = type->capacity;
	m->erasable = default_erasable(m->profile);
	if (type->kind == KIND_OW)
		return preset_overwriteable(m, type, state, iso_sessions);
	if (type->kind == KIND_ROM)
		return preset_rom(m, state, iso_sessions);
	return preset_sequential(m, type, state, iso_sessions);
}

static const char *const track_states[] = {
	[MMCSIM_T_COMPLETE] = "complete",
	[MMCSIM_T_INCOMPLETE] = "incomplete",
	[MMCSIM_T_RESERVED] = "reserved",
	[MMCSIM_T_DAMAGED] = "damaged",
};

static int parse_track(struct mmcsim_medium *m, char *val)
{
	struct mmcsim_track *t;
	char *field[6] = { NULL };
	u32 num[4] = { 0 };
	int i, n = 0;

	if (m->ntracks == MMCSIM_MAX_TRACKS)
		return -EINVAL;
	while (n < 6 && val)
		field[n++] = strsep(&val, ",");
	if (n < 3 || val)
		return -EINVAL;
	for (i = 0; i < 4 && i < n; i++)
		if (kstrtou32(field[i], 0, &num[i]))
			return -EINVAL;
	t = &m->tracks[m->ntracks++];
	t->session = num[0];
	t->start = num[1];
	t->size = num[2];
	t->recorded = n > 3 ? num[3] : num[2];
	t->state = MMCSIM_T_COMPLETE;
	if (n > 4) {
		i = match_string(track_states, ARRAY_SIZE(track_states), field[4]);
		if (i < 0)
			return -EINVAL;
		t->state = i;
	}
	if (n > 5) {
		if (!strcmp(field[5], "audio"))
			t->audio = 1;
		else if (strcmp(field[5], "data"))
			return -EINVAL;
	}
	if (!t->session || t->recorded > t->size ||
	    (t->state != MMCSIM_T_INCOMPLETE && !t->size))
		return -EINVAL;
	return 0;
}

/* What a layout may say beyond the medium itself; -1: not said. */
struct layout_extra {
	int status;
	int erasable;
	long closed;
	long nwa;
	long gap;
};

/*
 * Tracks in session and address order within the capacity; before the last
 * only complete and reserved ones.
 */
static int layout_check_tracks(const struct mmcsim_medium *m)
{
	const struct mmcsim_track *t;
	u16 i;

	/* fixed packets: a CD-RW formatted whole into complete tracks */
	if (m->packet && (m->profile != MMCSIM_P_CDRW || !m->ntracks ||
			  mmcsim_track_end(&m->tracks[m->ntracks - 1]) != m->capacity))
		return -EINVAL;
	for (i = 0; m->packet && i < m->ntracks; i++)
		if (m->tracks[i].state != MMCSIM_T_COMPLETE || m->tracks[i].audio)
			return -EINVAL;
	for (i = 0; i < m->ntracks; i++) {
		t = &m->tracks[i];
		if ((u64)mmcsim_track_end(t) > m->capacity && !mmcsim_is_rom(m->profile))
			return -EINVAL;
		if (i && (t->session < t[-1].session || t->session > t[-1].session + 1 ||
			  t->start < mmcsim_track_end(&t[-1])))
			return -EINVAL;
		if (!i && t->session != 1)
			return -EINVAL;
		if (t->state != MMCSIM_T_COMPLETE && i + 1 < m->ntracks &&
		    t->state != MMCSIM_T_RESERVED)
			return -EINVAL;
	}
	return 0;
}

/*
 * Closed sessions, finalization and the NWA of a sequential medium: by
 * default the last session is closed unless a track of it is not complete,
 * and the NWA follows the last track by the gap a drive would leave.
 */
static int layout_sequential(struct mmcsim_medium *m,
			     const struct layout_extra *x)
{
	u16 i, last = mmcsim_last_session(m);
	long closed = x->closed, gap = x->gap;
	const struct mmcsim_track *t;

	if (closed < 0) {
		closed = last;
		for (i = 0; i < m->ntracks; i++)
			if (m->tracks[i].session == last &&
			    m->tracks[i].state != MMCSIM_T_COMPLETE)
				closed = last - 1;
	}
	if (closed > last || closed < last - 1 ||
	    (x->status == MMCSIM_BLANK && last))
		return -EINVAL;
	m->closed = closed;
	m->finalized = x->status == MMCSIM_COMPLETE;
	if (m->finalized && (closed != last || !last))
		return -EINVAL;
	if (m->finalized)
		return x->nwa >= 0 ? -EINVAL : 0;	/* no next session */
	if (x->nwa >= 0) {
		m->nwa = x->nwa;
	} else if (last) {
		t = &m->tracks[m->ntracks - 1];
		if (gap < 0)
			gap = closed == last ? mmcsim_next_gap(m) :
			      mmcsim_is_cd(m->profile) ? MMCSIM_CD_PREGAP : 0;
		m->nwa = round_up(mmcsim_track_end(t) + gap,
				  mmcsim_write_unit(m->profile));
	}
	if (m->nwa > m->capacity ||
	    (last && m->nwa < mmcsim_track_end(&m->tracks[m->ntracks - 1])))
		return -EINVAL;
	return 0;
}

/* Checks a parsed layout and derives what it left out. */
static int layout_finish(struct mmcsim_medium *m, const struct layout_extra *x)
{
	if (!known_profile(m->profile) || !m->capacity || m->capacity > S32_MAX ||
	    m->ntracks > mmcsim_max_tracks(m->profile))
		return -EINVAL;
	if (x->erasable >= 0)
		m->erasable = x->erasable;
	else
		m->erasable = default_erasable(m->profile);
	if (layout_check_tracks(m))
		return -EINVAL;
	if (mmcsim_is_overwriteable(m->profile)) {
		if (m->ntracks || m->formatted > m->capacity)
			return -EINVAL;
		return 0;
	}
	if (mmcsim_is_rom(m->profile)) {
		if (!m->ntracks)
			return -EINVAL;
		m->closed = mmcsim_last_session(m);
		m->finalized = true;
		return 0;
	}
	return layout_sequential(m, x);
}

static int parse_status(const char *val)
{
	if (!strcmp(val, "blank"))
		return MMCSIM_BLANK;
	if (!strcmp(val, "appendable"))
		return MMCSIM_APPENDABLE;
	if (!strcmp(val, "complete"))
		return MMCSIM_COMPLETE;
	return -EINVAL;
}

/* A keyword with a number: a field of the medium or of @x, in its range. */
static int parse_number(struct mmcsim_medium *m, struct layout_extra *x,
			bool *iso, const char *tok, const char *val)
{
	u32 v;

	if (kstrtou32(val, 0, &v))
		return -EINVAL;
	if (!strcmp(tok, "profile") && v <= 0xffff)
		m->profile = v;
	else if (!strcmp(tok, "capacity"))
		m->capacity = v;
	else if (!strcmp(tok, "formatted"))
		m->formatted = v;
	else if (!strcmp(tok, "wp") && v <= 1)
		m->write_protected = v;
	else if (!strcmp(tok, "pow") && v <= 1)
		m->pow = v;
	else if (!strcmp(tok, "bg") && v <= 3)
		m->bg = v;
	else if (!strcmp(tok, "packet") && v <= U16_MAX)
		m->packet = v;
	else if (!strcmp(tok, "erasable") && v <= 1)
		x->erasable = v;
	else if (!strcmp(tok, "iso") && v <= 1)
		*iso = v;
	else if (!strcmp(tok, "closed") && v <= MMCSIM_MAX_TRACKS)
		x->closed = v;
	else if (!strcmp(tok, "nwa") && v <= S32_MAX)
		x->nwa = v;
	else if (!strcmp(tok, "gap") && v <= S32_MAX)
		x->gap = v;
	else
		return -EINVAL;
	return 0;
}

/**
 * mmcsim_layout_parse() - build a medium from the layout language
 * @m: filled in
 * @text: the description (modified)
 * @iso: out: write ISO 9660 volumes into its sessions
 *
 * Return: 0 or -EINVAL.
 */
int mmcsim_layout_parse(struct mmcsim_medium *m, char *text, bool *iso)
{
	struct layout_extra x = {
		.status = -1, .erasable = -1, .closed = -1, .nwa = -1, .gap = -1
	};
	char *tok, *val;
	int err;

	memset(m, 0, sizeof(*m));
	*iso = false;
	while ((tok = strsep(&text, " \t\n;")) != NULL) {
		if (!*tok)
			continue;
		val = strchr(tok, '=');
		if (!val)
			return -EINVAL;
		*val++ = 0;
		if (!strcmp(tok, "track")) {
			err = parse_track(m, val);
		} else if (!strcmp(tok, "status")) {
			x.status = parse_status(val);
			err = x.status < 0 ? x.status : 0;
		} else {
			err = parse_number(m, &x, iso, tok, val);
		}
		if (err)
			return err;
	}
	return layout_finish(m, &x);
}

/**
 * mmcsim_layout_format() - the medium in the layout language
 * @m: the medium
 * @s: where to write; seq_buf_has_overflowed() tells that it did not fit
 *
 * Fields a track has at their default (recorded = size, complete, data) are
 * left out, as the parser allows: a 150-session DVD+R fits in a page.
 */
void mmcsim_layout_format(const struct mmcsim_medium *m, struct seq_buf *s)
{
	static const char *const status[] = { "blank", "appendable",
					      "complete", "complete" };
	const struct mmcsim_track *t;
	u16 i;

	if (!m->profile) {
		seq_buf_printf(s, "\n");
		return;
	}
	seq_buf_printf(s, "profile=0x%02x capacity=%u status=%s closed=%u",
		       m->profile, m->capacity, status[mmcsim_disc_status(m)],
		       m->closed);
	if (mmcsim_has_invisible(m))
		seq_buf_printf(s, " nwa=%u", m->nwa);
	if (m->formatted)
		seq_buf_printf(s, " formatted=%u", m->formatted);
	if (m->packet)
		seq_buf_printf(s, " packet=%u", m->packet);
	seq_buf_printf(s, " wp=%d erasable=%d pow=%d bg=%u\n",
		       m->write_protected, m->erasable, m->pow, m->bg);
	for (i = 0; i < m->ntracks; i++) {
		t = &m->tracks[i];
		seq_buf_printf(s, "track=%u,%u,%u", t->session, t->start, t->size);
		if (t->recorded != t->size || t->state != MMCSIM_T_COMPLETE ||
		    t->audio)
			seq_buf_printf(s, ",%u", t->recorded);
		if (t->state != MMCSIM_T_COMPLETE || t->audio)
			seq_buf_printf(s, ",%s", track_states[t->state]);
		seq_buf_printf(s, "%s\n", t->audio ? ",audio" : "");
	}
}
