// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for kernel/parse.c: the input is a series of replies,
 * each "tag, 2-byte big-endian length, bytes" (fuzz_corpus.h); every reply
 * goes through its decoder, the decoded ones through mmc_derive_facts(),
 * whose answer must keep the uapi's promises whatever the bytes were.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/multisession.h>

#include "../../kernel/parse.h"
#include "fuzz_corpus.h"

#define check(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "violated: %s\n", #cond);          \
			abort();                                           \
		}                                                          \
	} while (0)

/* What no reply may make the module report. */
static void check_facts(const struct mmc_answers *a,
			const struct multisession_query *q)
{
	struct multisession_track t;
	__u32 i;

	if (q->out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID) {
		check(q->out_nwa >= 0 && q->out_free_blocks >= 0);
		check(q->out_last_possible_lead_out < 0 ||
		      q->out_medium_flags & MULTISESSION_MEDIUM_OVERWRITEABLE ||
		      q->out_nwa <= q->out_last_possible_lead_out);
	} else {
		check(q->out_nwa == -1);
	}
	check(q->out_num_profiles <= MULTISESSION_MAX_PROFILES);
	check(q->out_disc_status <= MULTISESSION_DISC_OTHER);
	check(q->out_block_size == 2048);
	/* an address is -1 (none) or a block: never before block 0 */
	check(q->out_prev_session_start >= -1);
	check(q->out_prev_session_last_written >= -1);
	check(q->out_last_recorded >= -1);
	check(q->out_last_possible_lead_out >= -1);
	check(q->out_prev_session_last_written < 0 ||
	      q->out_prev_session_last_written >= q->out_prev_session_start);
	if (mmc_facts_from_toc_only(a))
		for (i = 0; i < q->out_tracks_total; i++)
			check(mmc_toc_track_entry(a, i, &t) == 0 && t.size >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct multisession_query q;
	static struct mmc_answers a;
	static struct mmc_toc toc;
	struct multisession_track t;
	size_t off = 0;
	int is_cd = 0;

	memset(&a, 0, sizeof(a));
	while (off + 3 <= size) {
		unsigned int tag = data[off];
		size_t len = (size_t)data[off + 1] << 8 | data[off + 2];
		const uint8_t *p = data + off + 3;

		if (len > size - off - 3)
			len = size - off - 3;
		off += 3 + len;
		switch (tag % FUZZ_TAGS) {
		case FUZZ_CONFIG:
			if (!mmc_parse_config(p, len, &a.config))
				is_cd = mmc_profile_is_cd(a.config.profile);
			break;
		case FUZZ_DISC_INFO:
			if (!mmc_parse_disc_info(p, len, is_cd, &a.disc))
				a.have |= MMC_HAVE_DISC_INFO;
			break;
		case FUZZ_PREV_FIRST:
			if (!mmc_parse_track_info(p, len, &a.prev_first))
				a.have |= MMC_HAVE_PREV_FIRST;
			break;
		case FUZZ_PREV_LAST:
			if (!mmc_parse_track_info(p, len, &a.prev_last))
				a.have |= MMC_HAVE_PREV_LAST;
			break;
		case FUZZ_NEXT:
			if (!mmc_parse_track_info(p, len, &a.next)) {
				a.have |= MMC_HAVE_NEXT;
				mmc_track_entry(&a.next, &t);
			}
			break;
		case FUZZ_TOC:
			if (!mmc_parse_toc(p, len, &toc)) {
				a.toc = &toc;
				a.have |= MMC_HAVE_TOC;
			}
			break;
		case FUZZ_TOC_SESSION:
			if (!mmc_parse_toc_session(p, len, &a.toc_session))
				a.have |= MMC_HAVE_TOC_SESSION;
			break;
		case FUZZ_FORMAT:
			if (!mmc_parse_format_capacity(p, len, &a.format))
				a.have |= MMC_HAVE_FORMAT_CAPACITY;
			break;
		case FUZZ_CAPACITY:
			if (!mmc_parse_capacity(p, len, &a.capacity))
				a.have |= MMC_HAVE_CAPACITY;
			break;
		default:
			a.volume = mmc_classify_block16(p, len, &a.volume_blocks);
			a.have |= MMC_HAVE_BLOCK16;
			break;
		}
	}
	if (!mmc_derive_facts(&a, &q))
		check_facts(&a, &q);
	return 0;
}
