// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Facts -> IMultisession list, per profile and medium state. Expected
 * values follow IMAPI2's documented rules (IMultisession::
 * IsSupportedOnCurrentMediaState: the mechanism can write to the medium in
 * its current state; IMultisessionSequential: previous-session addresses
 * only where a previous session exists, IsFirstDataSession when no data
 * session precedes; IMultisessionRandomWrite for overwriteable media) and
 * MMC write units (1 CD, 16 DVD, 32 BD) - not from the code.
 */
#include <errno.h>
#include <string.h>

#include "lib.h"
#include "t.h"

#define W MULTISESSION_MEDIUM_DRIVE_CAN_WRITE
#define N MULTISESSION_MEDIUM_NWA_VALID
#define O MULTISESSION_MEDIUM_OVERWRITEABLE

static struct multisession_query facts(__u16 profile, __u8 status, __u32 flags,
				       __u16 unit)
{
	struct multisession_query q;

	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.out_profile = profile;
	q.out_disc_status = status;
	q.out_medium_flags = flags;
	q.out_write_unit = unit;
	q.out_block_size = 2048;
	q.out_prev_session_start = -1;
	q.out_prev_session_last_written = -1;
	q.out_nwa = -1;
	q.out_last_possible_lead_out = -1;
	q.out_read_capacity = -1;
	q.out_formatted_capacity = -1;
	q.out_last_recorded = -1;
	q.out_volume_blocks = -1;
	memcpy(q.out_vendor, "VENDOR  ", 8);
	memcpy(q.out_product, "A DRIVE         ", 16);
	memcpy(q.out_revision, "1.0 ", 4);
	return q;
}

static const struct ms_interface *one(const struct multisession_query *q,
				      struct ms_list **list)
{
	*list = NULL;
	if (ms_list_from_facts(q, "/dev/sr0", NULL, 0, list))
		return NULL;
	EXPECT(ms_list_count(*list) == 1);	/* never an empty list */
	return ms_list_get(*list, 0);
}

/* The two elements of a pseudo-overwrite BD-R: in place, then sessions. */
static void two(const struct multisession_query *q, struct ms_list **list,
		const struct ms_interface **in_place,
		const struct ms_interface **sessions)
{
	*list = NULL;
	EXPECT(ms_list_from_facts(q, "/dev/sr0", NULL, 0, list) == 0);
	EXPECT(ms_list_count(*list) == 2);
	*in_place = ms_list_get(*list, 0);
	*sessions = ms_list_get(*list, 1);
}

static void test_blank_cd_r(void)
{
	struct multisession_query q = facts(0x09, MULTISESSION_DISC_BLANK, W | N, 1);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_nwa = 0;
	q.out_free_blocks = 359846;
	el = one(&q, &list);
	EXPECT(el && el->kind == MS_KIND_SEQUENTIAL);
	EXPECT(el && el->supported);
	EXPECT(el && el->is_first_data_session);
	EXPECT(el && !el->has_previous_session);
	EXPECT(el && el->start_address_of_previous_session == -1);
	EXPECT(el && el->last_written_address_of_previous_session == -1);
	EXPECT(el && el->next_writable_address == 0);
	EXPECT(el && el->free_sectors_on_media == 359846);
	EXPECT(el && el->write_unit_size == 1);
	EXPECT(el && !el->in_use);
	EXPECT(el && !strcmp(el->vendor, "VENDOR") && !strcmp(el->product, "A DRIVE") &&
	       !strcmp(el->revision, "1.0") && !strcmp(el->recorder, "/dev/sr0"));
	ms_list_free(list);
}

/* Case 10 of selftests/realworld: DVD+R, 5 sessions closed, appendable. */
static void test_appendable_dvd_plus_r(void)
{
	struct multisession_query q = facts(0x1b, MULTISESSION_DISC_APPENDABLE,
					    W | N, 16);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_complete_sessions = 5;
	q.out_data_tracks = 1;
	q.out_prev_session_start = 364416;
	q.out_prev_session_last_written = 367919;
	q.out_nwa = 369968;
	q.out_free_blocks = 1925136;
	el = one(&q, &list);
	EXPECT(el && el->supported && el->has_previous_session);
	EXPECT(el && !el->is_first_data_session);
	EXPECT(el && el->start_address_of_previous_session == 364416);
	EXPECT(el && el->last_written_address_of_previous_session == 367919);
	EXPECT(el && el->next_writable_address == 369968);
	EXPECT(el && el->free_sectors_on_media == 1925136);
	EXPECT(el && el->write_unit_size == 16 && el->sessions == 5);
	/* a RandomWrite property: the free count would pass for a size */
	EXPECT(el && el->total_sectors_on_media == -1);
	ms_list_free(list);
}

/*
 * A DVD+R whose second session is open with a track being written (IMAPI2:
 * a non-empty session): not supported, the addresses still told, and the
 * open session's start only where the module vouches for the field.
 */
static void test_open_session_with_data(void)
{
	struct multisession_query q = facts(0x1b, MULTISESSION_DISC_APPENDABLE,
					    W | N | MULTISESSION_MEDIUM_OPEN_SESSION, 16);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_last_session_state = MULTISESSION_SESSION_INCOMPLETE;
	q.out_complete_sessions = 1;
	q.out_data_tracks = 1;
	q.out_prev_session_start = 0;
	q.out_prev_session_last_written = 1999;
	q.out_nwa = 9056;
	q.out_free_blocks = 2286048;
	q.out_open_session_start = 4048;
	el = one(&q, &list);
	EXPECT(el && !el->supported);
	EXPECT(el && ms_list_set_in_use(list, 0, 1) == -EINVAL);
	EXPECT(el && el->next_writable_address == 9056);
	EXPECT(el && el->start_address_of_previous_session == 0);
	EXPECT(el && el->open_session_start == 4048);
	ms_list_free(list);

	/* a module from before the field leaves it 0 and the flag clear */
	q.out_medium_flags &= ~MULTISESSION_MEDIUM_OPEN_SESSION;
	q.out_open_session_start = 0;
	el = one(&q, &list);
	EXPECT(el && !el->supported && el->open_session_start == -1);
	ms_list_free(list);
}

/* Closed media cannot be written: not supported, no NWA, still one element. */
static void test_closed_bd_r(void)
{
	struct multisession_query q = facts(0x41, MULTISESSION_DISC_COMPLETE, W, 32);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_complete_sessions = 1;
	q.out_data_tracks = 1;
	q.out_prev_session_start = 0;
	q.out_prev_session_last_written = 99999;
	el = one(&q, &list);
	EXPECT(el && el->kind == MS_KIND_SEQUENTIAL && !el->supported);
	EXPECT(el && el->next_writable_address == -1 && el->free_sectors_on_media == 0);
	EXPECT(el && el->has_previous_session &&
	       el->start_address_of_previous_session == 0);
	EXPECT(el && el->write_unit_size == 32);
	EXPECT(ms_list_set_in_use(list, 0, 1) == -EINVAL);
	EXPECT(el && !el->in_use);
	ms_list_free(list);
}

static void test_rom_and_read_only_drive(void)
{
	struct multisession_query q = facts(0x10, MULTISESSION_DISC_COMPLETE, 0, 16);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_complete_sessions = 1;
	q.out_prev_session_start = 0;
	el = one(&q, &list);
	EXPECT(el && !el->supported);
	ms_list_free(list);

	/* a blank CD-R in a drive that cannot write it */
	q = facts(0x09, MULTISESSION_DISC_BLANK, N, 1);
	q.out_nwa = 0;
	el = one(&q, &list);
	EXPECT(el && !el->supported);
	ms_list_free(list);
}

/*
 * An audio CD with an open next session: the data session would be first,
 * and there is a session before it but no file system to import.
 */
static void test_audio_then_data(void)
{
	struct multisession_query q = facts(0x09, MULTISESSION_DISC_APPENDABLE,
					    W | N, 1);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_complete_sessions = 1;
	q.out_data_tracks = 0;
	q.out_prev_session_start = 0;
	q.out_prev_session_last_written = 20000;
	q.out_nwa = 20000 + 11400;
	el = one(&q, &list);
	EXPECT(el && el->is_first_data_session && !el->has_previous_session);
	EXPECT(el && el->start_address_of_previous_session == 0);
	EXPECT(el && el->supported);
	ms_list_free(list);
}

static void test_damaged(void)
{
	struct multisession_query q = facts(0x1b, MULTISESSION_DISC_APPENDABLE,
		W | N | MULTISESSION_MEDIUM_DAMAGED, 16);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_nwa = 4096;
	el = one(&q, &list);
	EXPECT(el && !el->supported && el->damaged);
	ms_list_free(list);

	q.out_medium_flags &= ~MULTISESSION_MEDIUM_DAMAGED;
	el = one(&q, &list);
	EXPECT(el && el->supported && !el->damaged);
	ms_list_free(list);
}

/*
 * A write-protected medium: IMAPI2's IsSupportedOnCurrentMediaState is
 * false (the mechanism cannot write it now), the addresses stay as the
 * medium has them, for sequential and random-write media alike.
 */
static void test_write_protected(void)
{
	struct multisession_query q = facts(0x1b, MULTISESSION_DISC_APPENDABLE,
		W | N | MULTISESSION_MEDIUM_WRITE_PROTECTED, 16);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_complete_sessions = 1;
	q.out_data_tracks = 1;
	q.out_prev_session_start = 0;
	q.out_prev_session_last_written = 2015;
	q.out_nwa = 2048;
	q.out_free_blocks = 100000;
	el = one(&q, &list);
	EXPECT(el && !el->supported && el->write_protected);
	EXPECT(el && el->next_writable_address == 2048);
	EXPECT(el && el->start_address_of_previous_session == 0);
	EXPECT(el && ms_list_set_in_use(list, 0, 1) == -EINVAL);
	ms_list_free(list);

	q.out_medium_flags &= ~MULTISESSION_MEDIUM_WRITE_PROTECTED;
	el = one(&q, &list);
	EXPECT(el && el->supported && !el->write_protected);
	ms_list_free(list);

	q = facts(0x1a, MULTISESSION_DISC_BLANK,
		  W | N | O | MULTISESSION_MEDIUM_WRITE_PROTECTED, 16);
	q.out_nwa = 0;
	q.out_formatted_capacity = 2295104;
	q.out_free_blocks = 2295104;
	el = one(&q, &list);
	EXPECT(el && el->kind == MS_KIND_RANDOM_WRITE && !el->supported);
	EXPECT(el && el->write_protected && el->total_sectors_on_media == 2295104);
	ms_list_free(list);
}

/* DVD+RW formatted with an ISO 9660 volume of 1000 blocks. */
static void test_overwriteable(void)
{
	struct multisession_query q = facts(0x1a, MULTISESSION_DISC_APPENDABLE,
		W | N | O | MULTISESSION_MEDIUM_ISO9660, 16);
	const struct ms_interface *el;
	struct ms_list *list;

	q.out_complete_sessions = 1;
	q.out_data_tracks = 1;
	q.out_prev_session_start = 0;
	q.out_prev_session_last_written = 999;
	q.out_last_recorded = 999;
	q.out_volume_blocks = 1000;
	q.out_formatted_capacity = 2295104;
	q.out_nwa = 1008;
	q.out_free_blocks = 2295104 - 1008;
	el = one(&q, &list);
	EXPECT(el && el->kind == MS_KIND_RANDOM_WRITE && el->supported);
	EXPECT(el && el->last_written_address == 999);
	EXPECT(el && el->total_sectors_on_media == 2295104);
	EXPECT(el && el->write_unit_size == 16 && !el->pow);
	EXPECT(ms_list_set_in_use(list, 0, 1) == 0 && el && el->in_use);
	EXPECT(ms_list_set_in_use(list, 0, 0) == 0 && el && !el->in_use);
	EXPECT(ms_list_set_in_use(list, 1, 1) == -EINVAL);
	ms_list_free(list);

	/* formatted, nothing written yet */
	q = facts(0x43, MULTISESSION_DISC_BLANK, W | N | O, 32);
	q.out_formatted_capacity = 11826176;
	q.out_nwa = 0;
	q.out_free_blocks = 11826176;
	el = one(&q, &list);
	EXPECT(el && el->kind == MS_KIND_RANDOM_WRITE && el->supported);
	EXPECT(el && el->last_written_address == -1 && !el->has_previous_session);
	EXPECT(el && el->total_sectors_on_media == 11826176);
	ms_list_free(list);

	/*
	 * BD-R formatted for pseudo-overwrite, as a module that reported it
	 * overwriteable gave it: the in-place element alone, flagged.
	 */
	q = facts(0x41, MULTISESSION_DISC_BLANK,
		  W | N | O | MULTISESSION_MEDIUM_POW, 32);
	q.out_formatted_capacity = 11826176;
	el = one(&q, &list);
	EXPECT(el && el->kind == MS_KIND_RANDOM_WRITE && el->pow);
	ms_list_free(list);

	/*
	 * Unformatted DVD+RW, as the module reports it (no NWA, the size a
	 * format gives): blank media begin at 0, the writer formats first.
	 */
	q = facts(0x1a, MULTISESSION_DISC_BLANK, W | O, 16);
	q.out_formatted_capacity = 2295104;
	el = one(&q, &list);
	EXPECT(el && el->supported && el->next_writable_address == 0);
	EXPECT(el && el->free_sectors_on_media == 2295104);
	ms_list_free(list);

	/* UDF at the start: its start is known, its end is not: neither */
	q = facts(0x1a, MULTISESSION_DISC_OTHER, W | O, 16);
	q.out_complete_sessions = 1;
	q.out_prev_session_start = 0;
	q.out_formatted_capacity = 2295104;
	el = one(&q, &list);
	EXPECT(el && el->start_address_of_previous_session == -1);
	EXPECT(el && el->last_written_address_of_previous_session == -1);
	EXPECT(el && !el->has_previous_session);
	ms_list_free(list);
}

static void test_arguments_and_tracks(void)
{
	struct multisession_query q = facts(0x09, MULTISESSION_DISC_APPENDABLE,
					    W | N, 1);
	struct multisession_track kt[2];
	const struct ms_track *t0, *t1;
	struct ms_list *list;

	EXPECT(ms_list_from_facts(&q, NULL, NULL, 0, NULL) == -EINVAL);
	EXPECT(ms_get_multisession_interfaces(NULL, 0, &list) == -EINVAL);
	EXPECT(ms_get_multisession_interfaces("/dev/null", 0, NULL) == -EINVAL);
	EXPECT(ms_get_multisession_interfaces_fd(0, 0x80, &list) == -EINVAL);
	EXPECT(ms_list_count(NULL) == -EINVAL);
	EXPECT(ms_list_get(NULL, 0) == NULL);
	EXPECT(ms_list_set_in_use(NULL, 0, 1) == -EINVAL);
	ms_list_free(NULL);

	EXPECT(ms_list_from_facts(&q, NULL, NULL, 0, &list) == 0);
	EXPECT(ms_list_track_count(list) == -ENODATA);
	EXPECT(ms_list_track(list, 0) == NULL);
	EXPECT(ms_list_track_count(NULL) == -EINVAL);
	EXPECT(ms_list_track(NULL, 0) == NULL);
	EXPECT(ms_list_get(list, 1) == NULL);
	EXPECT(ms_list_get(list, 0)->recorder[0] == 0);
	ms_list_free(list);

	memset(kt, 0, sizeof(kt));
	kt[0].number = 1;
	kt[0].session = 1;
	kt[0].flags = MULTISESSION_TRACK_DATA;
	kt[0].start = 0;
	kt[0].size = 300;
	kt[1].number = 2;
	kt[1].session = 2;
	kt[1].state = MULTISESSION_TRACK_BLANK;
	kt[1].start = 11700;
	kt[1].nwa = 11700;
	EXPECT(ms_list_from_facts(&q, NULL, kt, 2, &list) == 0);
	EXPECT(ms_list_track_count(list) == 2);
	t0 = ms_list_track(list, 0);
	t1 = ms_list_track(list, 1);
	EXPECT(t0 && t1 && ms_list_track(list, 2) == NULL);
	if (t0 && t1) {
		EXPECT(t0->struct_size == sizeof(*t0));
		EXPECT(t1->struct_size == sizeof(*t1));
		EXPECT(t0->data && t0->size == 300);
		EXPECT(t0->number == 1 && t1->number == 2);
		EXPECT(t1->state == MS_TRACK_BLANK && t1->session == 2);
		EXPECT(t1->next_writable_address == 11700);
	}
	ms_list_free(list);
}

/*
 * A pseudo-overwrite BD-R is written in place or in sessions: one element
 * each, in place first. Sizes from MMC: a BD write unit is 32 blocks, so a
 * volume of 1000 blocks grows at 1024; the disc's only session is open and
 * holds that volume, which IMAPI2 calls no state to append a session in.
 */
static void test_bd_r_pow(void)
{
	const struct ms_interface *in_place, *sessions;
	struct multisession_query q;
	struct ms_list *list = NULL;

	q = facts(0x41, MULTISESSION_DISC_APPENDABLE,
		  W | N | MULTISESSION_MEDIUM_POW | MULTISESSION_MEDIUM_ISO9660 |
		  MULTISESSION_MEDIUM_OPEN_SESSION, 32);
	q.out_sessions = 1;
	q.out_last_session_state = MULTISESSION_SESSION_INCOMPLETE;
	q.out_formatted_capacity = 11826176;
	q.out_volume_blocks = 1000;
	q.out_nwa = 1024;
	q.out_free_blocks = 11826176 - 1024;
	q.out_last_recorded = 999;
	q.out_open_session_start = 0;
	two(&q, &list, &in_place, &sessions);
	EXPECT(in_place && in_place->kind == MS_KIND_RANDOM_WRITE &&
	       in_place->pow && in_place->supported);
	EXPECT(in_place && in_place->has_previous_session &&
	       in_place->start_address_of_previous_session == 0 &&
	       in_place->last_written_address_of_previous_session == 999);
	EXPECT(in_place && in_place->next_writable_address == 1024 &&
	       in_place->free_sectors_on_media == 11826176 - 1024 &&
	       in_place->total_sectors_on_media == 11826176);
	EXPECT(in_place && in_place->open_session_start == -1);
	EXPECT(sessions && sessions->kind == MS_KIND_SEQUENTIAL &&
	       sessions->pow && !sessions->supported);
	EXPECT(sessions && sessions->open_session_start == 0 &&
	       sessions->total_sectors_on_media == -1 &&
	       !sessions->has_previous_session);
	/* in_use picks one mechanism, and only a supported one */
	EXPECT(ms_list_set_in_use(list, 1, 1) == -EINVAL);
	EXPECT(ms_list_set_in_use(list, 0, 1) == 0 && in_place->in_use);
	ms_list_free(list);

	/* formatted, nothing written: both ways begin at 0 */
	q = facts(0x41, MULTISESSION_DISC_BLANK,
		  W | N | MULTISESSION_MEDIUM_POW, 32);
	q.out_formatted_capacity = 11826176;
	q.out_nwa = 0;
	q.out_free_blocks = 11826176;
	two(&q, &list, &in_place, &sessions);
	EXPECT(in_place && in_place->supported &&
	       in_place->next_writable_address == 0 &&
	       in_place->free_sectors_on_media == 11826176 &&
	       !in_place->has_previous_session);
	EXPECT(sessions && sessions->supported &&
	       sessions->next_writable_address == 0);
	ms_list_free(list);

	/* another filesystem in place: no volume to grow, nor its end */
	q = facts(0x41, MULTISESSION_DISC_APPENDABLE,
		  W | N | MULTISESSION_MEDIUM_POW, 32);
	q.out_last_session_state = MULTISESSION_SESSION_INCOMPLETE;
	q.out_formatted_capacity = 11826176;
	q.out_nwa = 4096;
	q.out_free_blocks = 11826176 - 4096;
	two(&q, &list, &in_place, &sessions);
	EXPECT(in_place && in_place->disc_status == MS_DISC_OTHER &&
	       in_place->next_writable_address == -1 &&
	       in_place->start_address_of_previous_session == -1);
	ms_list_free(list);
}

int main(void)
{
	test_blank_cd_r();
	test_appendable_dvd_plus_r();
	test_open_session_with_data();
	test_closed_bd_r();
	test_rom_and_read_only_drive();
	test_audio_then_data();
	test_damaged();
	test_write_protected();
	test_overwriteable();
	test_bd_r_pow();
	test_arguments_and_tracks();
	return t_totals();
}
