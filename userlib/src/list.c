// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The IMultisession list built from the kernel's facts, with IMAPI2's rules:
 * always at least one element; supported means "this mechanism can write to
 * the medium as it is now" (a Sequential element then has its NWA; a
 * RandomWrite one has an address to grow from only on an ISO 9660 volume); blank media are no error and begin at 0;
 * previous-session addresses are -1 where there is no previous session;
 * properties an IMAPI2 interface does not have are -1 on its elements.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lib.h"

static void copy_padded(char *dst, const __u8 *src, size_t len)
{
	memcpy(dst, src, len);
	dst[len] = 0;
	while (len && dst[len - 1] == ' ')
		dst[--len] = 0;
}

static void fill_element(struct ms_interface *el,
			 const struct multisession_query *q, const char *recorder)
{
	__u32 f = q->out_medium_flags;
	int writable_state = q->out_disc_status == MULTISESSION_DISC_BLANK ||
			     q->out_disc_status == MULTISESSION_DISC_APPENDABLE;
	int previous, can_write = (f & MULTISESSION_MEDIUM_DRIVE_CAN_WRITE) &&
			!(f & MULTISESSION_MEDIUM_DAMAGED) &&
			!(f & MULTISESSION_MEDIUM_WRITE_PROTECTED);

	el->size = sizeof(*el);
	if (recorder)
		strncpy(el->recorder, recorder, sizeof(el->recorder) - 1);
	copy_padded(el->vendor, q->out_vendor, sizeof(q->out_vendor));
	copy_padded(el->product, q->out_product, sizeof(q->out_product));
	copy_padded(el->revision, q->out_revision, sizeof(q->out_revision));

	/* both addresses or neither (a UDF volume has a start, no end) */
	previous = q->out_complete_sessions > 0 &&
		   q->out_prev_session_start >= 0 &&
		   q->out_prev_session_last_written >= 0;
	el->start_address_of_previous_session =
		previous ? q->out_prev_session_start : -1;
	el->last_written_address_of_previous_session =
		previous ? q->out_prev_session_last_written : -1;
	el->is_first_data_session = q->out_data_tracks == 0;
	/* audio sessions hold no file system to import */
	el->has_previous_session = previous && !el->is_first_data_session;
	if (f & MULTISESSION_MEDIUM_NWA_VALID) {
		el->next_writable_address = q->out_nwa;
		el->free_sectors_on_media = q->out_free_blocks;
	} else {
		el->next_writable_address = -1;
		el->free_sectors_on_media = 0;
	}
	el->write_unit_size = q->out_write_unit;
	el->last_written_address = q->out_last_recorded;
	/* IMultisessionRandomWrite's property: Sequential has none */
	el->total_sectors_on_media = -1;

	el->pow = !!(f & MULTISESSION_MEDIUM_POW);
	el->write_protected = !!(f & MULTISESSION_MEDIUM_WRITE_PROTECTED);
	el->damaged = !!(f & MULTISESSION_MEDIUM_DAMAGED);
	el->profile = q->out_profile;
	el->sessions = q->out_complete_sessions;
	el->disc_status = q->out_disc_status;
	el->media_generation = q->out_diskseq;
	el->commands = q->out_commands;
	/* a module that predates the field never sets the flag */
	el->open_session_start = f & MULTISESSION_MEDIUM_OPEN_SESSION ?
				 q->out_open_session_start : -1;

	if (f & MULTISESSION_MEDIUM_OVERWRITEABLE) {
		el->kind = MS_KIND_RANDOM_WRITE;
		/*
		 * Written in place whatever it holds (IMAPI2): another
		 * filesystem (UDF) is writable too, by its own driver; only
		 * an ISO 9660 volume gives an address to grow from.
		 */
		el->supported = can_write &&
				q->out_disc_status != MULTISESSION_DISC_COMPLETE;
		el->total_sectors_on_media = q->out_formatted_capacity >= 0 ?
			q->out_formatted_capacity : q->out_free_blocks;
		/*
		 * Blank media begin at 0 (IMAPI2), unformatted ones too: the
		 * writer formats them first (growisofs, cdrskin do).
		 */
		if (q->out_disc_status == MULTISESSION_DISC_BLANK &&
		    el->next_writable_address < 0) {
			el->next_writable_address = 0;
			el->free_sectors_on_media = el->total_sectors_on_media;
		}
	} else {
		el->kind = MS_KIND_SEQUENTIAL;
		/* IMAPI2: a non-empty open session is no state to write in */
		el->supported = can_write && writable_state &&
				(f & MULTISESSION_MEDIUM_NWA_VALID) &&
				q->out_last_session_state != MULTISESSION_SESSION_INCOMPLETE;
	}
}

static void fill_track(struct ms_track *t, const struct multisession_track *k)
{
	t->struct_size = sizeof(*t);
	t->number = k->number;
	t->session = k->session;
	t->state = k->state;
	t->data = !!(k->flags & MULTISESSION_TRACK_DATA);
	t->start = k->start;
	t->size = k->size;
	t->last_recorded = k->last_recorded;
	t->next_writable_address = k->nwa;
	t->free_blocks = k->free_blocks;
}

/*
 * The in-place view of a BD-R formatted for pseudo-overwrite: the facts an
 * overwriteable medium of its formatted size would have, with the ISO 9660
 * volume at its start as the previous session (the kernel reports the
 * disc's sessions in @q and the volume beside them).
 */
static void pow_in_place_view(const struct multisession_query *q,
			      struct multisession_query *v)
{
	__s64 next, unit = q->out_write_unit ? q->out_write_unit : 1;

	*v = *q;
	v->out_medium_flags = (q->out_medium_flags &
			       ~(MULTISESSION_MEDIUM_NWA_VALID |
				 MULTISESSION_MEDIUM_OPEN_SESSION)) |
			      MULTISESSION_MEDIUM_OVERWRITEABLE;
	v->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
	v->out_prev_session_start = -1;
	v->out_prev_session_last_written = -1;
	v->out_nwa = -1;
	v->out_free_blocks = 0;
	v->out_last_recorded = -1;
	v->out_data_tracks = 0;
	v->out_complete_sessions = 0;
	if (q->out_disc_status == MULTISESSION_DISC_BLANK ||
	    q->out_formatted_capacity <= 0)
		return;
	v->out_complete_sessions = 1;
	v->out_prev_session_start = 0;
	if (!(q->out_medium_flags & MULTISESSION_MEDIUM_ISO9660)) {
		/* someone else's data: nothing to grow */
		if (q->out_disc_status != MULTISESSION_DISC_COMPLETE)
			v->out_disc_status = MULTISESSION_DISC_OTHER;
		return;
	}
	v->out_prev_session_last_written = q->out_volume_blocks - 1;
	v->out_last_recorded = q->out_volume_blocks - 1;
	v->out_data_tracks = 1;
	/* a closed disc is closed to both ways */
	if (q->out_disc_status == MULTISESSION_DISC_COMPLETE)
		return;
	v->out_disc_status = MULTISESSION_DISC_APPENDABLE;
	next = (q->out_volume_blocks + unit - 1) / unit * unit;
	if (next < q->out_formatted_capacity) {
		v->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
		v->out_nwa = next;
		v->out_free_blocks = q->out_formatted_capacity - next;
	}
}

/*
 * Builds the list for one medium. @tracks may be NULL when the table was
 * not asked for; @recorder may be NULL when the device path is unknown.
 */
int ms_list_from_facts(const struct multisession_query *q, const char *recorder,
		       const struct multisession_track *tracks,
		       unsigned int num_tracks, struct ms_list **out)
{
	struct ms_list *list;
	unsigned int i;

	if (!q || !out)
		return -EINVAL;
	list = calloc(1, sizeof(*list));
	if (!list)
		return -ENOMEM;
	/*
	 * One element per way the medium can be written. A pseudo-overwrite
	 * BD-R: in place first, the way its formatting chose (and what an
	 * earlier module, reporting it overwriteable, gave alone), then in
	 * sessions.
	 */
	list->count = 1;
	if ((q->out_medium_flags & MULTISESSION_MEDIUM_POW) &&
	    !(q->out_medium_flags & MULTISESSION_MEDIUM_OVERWRITEABLE))
		list->count = 2;
	list->elements = calloc(list->count, sizeof(*list->elements));
	if (!list->elements)
		goto err_free_list;
	if (list->count == 2) {
		struct multisession_query in_place;

		pow_in_place_view(q, &in_place);
		fill_element(&list->elements[0], &in_place, recorder);
		fill_element(&list->elements[1], q, recorder);
	} else {
		fill_element(&list->elements[0], q, recorder);
	}
	if (tracks) {
		list->have_tracks = 1;
		if (num_tracks) {
			list->tracks = calloc(num_tracks, sizeof(*list->tracks));
			if (!list->tracks)
				goto err_free_elements;
		}
		list->num_tracks = num_tracks;
		for (i = 0; i < num_tracks; i++)
			fill_track(&list->tracks[i], &tracks[i]);
	}
	*out = list;
	return 0;

err_free_elements:
	free(list->elements);
err_free_list:
	free(list);
	return -ENOMEM;
}

MS_EXPORT void ms_list_free(struct ms_list *list)
{
	if (!list)
		return;
	free(list->tracks);
	free(list->elements);
	free(list);
}

MS_EXPORT int ms_list_count(const struct ms_list *list)
{
	return list ? (int)list->count : -EINVAL;
}

MS_EXPORT const struct ms_interface *ms_list_get(const struct ms_list *list,
						 unsigned int index)
{
	if (!list || index >= list->count)
		return NULL;
	return &list->elements[index];
}

/*
 * IMAPI2's rule: at most one element in use, and only one that is supported
 * on the medium as it is now.
 */
MS_EXPORT int ms_list_set_in_use(struct ms_list *list, unsigned int index,
				 int in_use)
{
	unsigned int i;

	if (!list || index >= list->count)
		return -EINVAL;
	if (!in_use) {
		list->elements[index].in_use = 0;
		return 0;
	}
	if (!list->elements[index].supported)
		return -EINVAL;
	for (i = 0; i < list->count; i++)
		list->elements[i].in_use = i == index;
	return 0;
}

MS_EXPORT int ms_list_track_count(const struct ms_list *list)
{
	if (!list)
		return -EINVAL;
	if (!list->have_tracks)
		return -ENODATA;
	return (int)list->num_tracks;
}

MS_EXPORT const struct ms_track *ms_list_track(const struct ms_list *list,
					       unsigned int index)
{
	if (!list || index >= list->num_tracks)
		return NULL;
	return &list->tracks[index];
}
