// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Every MMC profile x disc state through the mapping. The expectations are
 * written from the design's table (DESIGN.md "Mapping") and IMAPI2's rule
 * for IsSupportedOnCurrentMediaState, per profile, not from the code:
 *  - RandomWrite for DVD-RAM, DVD-RW restricted overwrite, DVD+RW(+DL),
 *    BD-R RRM, BD-RE; Sequential for everything else;
 *  - supported only on blank or appendable media that the drive writes,
 *    and on overwriteable media holding something else (UDF): RandomWrite
 *    writes in place whatever the medium holds.
 */
#include <errno.h>
#include <string.h>

#include "lib.h"
#include "t.h"

static const struct {
	uint16_t profile;
	int random_write;	/* DESIGN.md mapping */
	int rom;		/* pressed media: the drive never writes them */
} profiles[] = {
	{ 0x08, 0, 1 }, { 0x09, 0, 0 }, { 0x0a, 0, 0 }, { 0x10, 0, 1 },
	{ 0x11, 0, 0 }, { 0x12, 1, 0 }, { 0x13, 1, 0 }, { 0x14, 0, 0 },
	{ 0x15, 0, 0 }, { 0x1a, 1, 0 }, { 0x1b, 0, 0 }, { 0x2a, 1, 0 },
	{ 0x2b, 0, 0 }, { 0x40, 0, 1 }, { 0x41, 0, 0 }, { 0x42, 1, 0 },
	{ 0x43, 1, 0 },
};

int main(void)
{
	unsigned int i, status, writer;

	for (i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
		for (status = 0; status < 4; status++) {
			for (writer = 0; writer < 2; writer++) {
				struct multisession_query q;
				const struct ms_interface *el;
				struct ms_list *list = NULL;
				int expect;

				memset(&q, 0, sizeof(q));
				q.out_profile = profiles[i].profile;
				q.out_disc_status = profiles[i].rom ?
					MULTISESSION_DISC_COMPLETE : status;
				q.out_prev_session_start = -1;
				q.out_prev_session_last_written = -1;
				q.out_nwa = -1;
				q.out_formatted_capacity = -1;
				q.out_last_recorded = -1;
				if (profiles[i].random_write)
					q.out_medium_flags |= MULTISESSION_MEDIUM_OVERWRITEABLE;
				if (writer && !profiles[i].rom)
					q.out_medium_flags |= MULTISESSION_MEDIUM_DRIVE_CAN_WRITE;
				if (q.out_disc_status != MULTISESSION_DISC_COMPLETE) {
					q.out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
					q.out_nwa = 0;
				}
				EXPECT(ms_list_from_facts(&q, NULL, NULL, 0, &list) == 0);
				if (!list)
					continue;
				el = ms_list_get(list, 0);
				expect = writer && !profiles[i].rom &&
					 (q.out_disc_status < MULTISESSION_DISC_COMPLETE ||
					  (profiles[i].random_write &&
					   q.out_disc_status == MULTISESSION_DISC_OTHER));
				EXPECT(ms_list_count(list) == 1);
				EXPECT(el->kind == (profiles[i].random_write ?
						    MS_KIND_RANDOM_WRITE :
						    MS_KIND_SEQUENTIAL));
				EXPECT(el->supported == expect);
				EXPECT(el->profile == profiles[i].profile);
				EXPECT(ms_list_set_in_use(list, 0, 1) ==
				       (expect ? 0 : -EINVAL));
				ms_list_free(list);
			}
		}
	}
	return t_totals();
}
