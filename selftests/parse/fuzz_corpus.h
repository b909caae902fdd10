/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fuzz target's input format, shared with parse_test, which writes its
 * byte vectors as the seed corpus: records of "tag, 2-byte big-endian
 * length, reply bytes".
 */
#ifndef FUZZ_CORPUS_H
#define FUZZ_CORPUS_H

enum fuzz_tag {
	FUZZ_CONFIG,
	FUZZ_DISC_INFO,
	FUZZ_PREV_FIRST,
	FUZZ_PREV_LAST,
	FUZZ_NEXT,
	FUZZ_TOC,
	FUZZ_TOC_SESSION,
	FUZZ_FORMAT,
	FUZZ_CAPACITY,
	FUZZ_BLOCK16,
	FUZZ_TAGS
};

#endif /* FUZZ_CORPUS_H */
