/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Internal to libmultisession: the list's layout and the pure mapping from
 * the kernel's facts to the IMultisession list, which the tests call
 * directly.
 */
#ifndef MS_LIB_H
#define MS_LIB_H

#include <linux/multisession.h>

#include "multisession.h"

#define MS_EXPORT __attribute__((visibility("default")))

struct ms_list {
	unsigned int count;
	unsigned int num_tracks;
	int have_tracks;
	struct ms_interface *elements;
	struct ms_track *tracks;
};

int ms_list_from_facts(const struct multisession_query *q, const char *recorder,
		       const struct multisession_track *tracks,
		       unsigned int num_tracks, struct ms_list **out);

#endif /* MS_LIB_H */
