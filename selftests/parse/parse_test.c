// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host unit tests of kernel/parse.c. Replies are built byte by byte from the
 * MMC layouts (MMC-5 via ../shared/MMC.md) with the values real drives gave
 * in ../shared/realworld/<case>; expectations are the facts those cases
 * record (facts.env), never values computed by the code under test.
 */
#include <stdio.h>
#include <string.h>
#include <errno.h>

#include "../../kernel/parse.h"

static int passed, failed;

#define EXPECT(cond)                                                        \
	do {                                                                \
		if (cond) {                                                 \
			passed++;                                           \
		} else {                                                    \
			failed++;                                           \
			printf("not ok %s:%d %s: %s\n", __FILE__, __LINE__, \
			       __func__, #cond);                            \
		}                                                           \
	} while (0)

static void put16(__u8 *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(__u8 *p, unsigned long v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* READ DISC INFORMATION, 34 bytes (MMC.md 3.5). */
static void rdi(__u8 *b, __u8 status, unsigned int sessions,
		unsigned int first_last, unsigned int last_last,
		unsigned long lead_out)
{
	memset(b, 0, 34);
	put16(b, 32);
	b[2] = status;
	b[3] = 1;
	b[4] = sessions;
	b[9] = sessions >> 8;
	b[5] = first_last;
	b[10] = first_last >> 8;
	b[6] = last_last;
	b[11] = last_last >> 8;
	b[7] = 0x20;
	put32(b + 16, 0xffffffff);
	put32(b + 20, lead_out);
}

#define BLANK 0x40
#define PACKET 0x20
#define NWA_V 1
#define LRA_V 2

/* READ TRACK INFORMATION, 48 bytes (MMC.md 3.6). */
static void rti(__u8 *b, unsigned int track, unsigned int session, __u8 mode,
		__u8 flags, __u8 valid, long start, long nwa,
		unsigned long free_blocks, unsigned long size, long lra)
{
	memset(b, 0, 48);
	put16(b, 46);
	b[2] = track;
	b[32] = track >> 8;
	b[3] = session;
	b[33] = session >> 8;
	b[5] = mode;
	b[6] = flags;
	b[7] = valid;
	put32(b + 8, start);
	put32(b + 12, nwa);
	put32(b + 16, free_blocks);
	put32(b + 24, size);
	put32(b + 28, lra);
}

/* Case 01: DVD+R DL, 4 closed sessions, empty fifth (dvd+rw-mediainfo). */
static void test_case01_dvdplusr_dl_appendable(void)
{
	struct mmc_disc_info di;
	struct mmc_track_info prev, next;
	__s64 nwa, free_blocks;
	__u8 b[48];

	rdi(b, 0x01, 5, 5, 5, 4173824);
	EXPECT(mmc_parse_disc_info(b, 34, 0, &di) == 0);
	EXPECT(di.disc_status == 1 && di.last_session_state == 0);
	EXPECT(di.sessions == 5);
	EXPECT(mmc_complete_sessions(&di) == 4);	/* SESSIONS_CLOSED */
	EXPECT(di.last_possible_lead_out == 4173824);

	rti(b, 4, 4, 0x07, 0x01, 0, 1745088, 0, 0, 1043552, 0);
	EXPECT(mmc_parse_track_info(b, 48, &prev) == 0);
	EXPECT(prev.start == 1745088);			/* MSC1 */
	/* READ CAPACITY 2788640 = end of the last closed session */
	EXPECT(mmc_track_last_written(&prev, 0) == 2788640 - 1);

	rti(b, 5, 5, 0x07, BLANK | 0x01, NWA_V, 2790688, 2790688, 1383136,
	    1383136, 0);
	EXPECT(mmc_parse_track_info(b, 48, &next) == 0);
	EXPECT(mmc_track_next_writable(&next, di.last_possible_lead_out, &nwa,
				       &free_blocks) == 0);
	EXPECT(nwa == 2790688);				/* NWA */
	EXPECT(free_blocks == 1383136);			/* FREE */
	EXPECT(mmc_write_unit(0x2b) == 16);
}

/* Case 10: DVD+R with 5 closed sessions (xorriso -toc). */
static void test_case10_dvdplusr_appendable(void)
{
	struct mmc_disc_info di;
	struct mmc_track_info prev, next;
	__s64 nwa, free_blocks;
	__u8 b[48];

	rdi(b, 0x01, 6, 6, 6, 2295104);
	EXPECT(mmc_parse_disc_info(b, 34, 0, &di) == 0);
	EXPECT(mmc_complete_sessions(&di) == 5);	/* SESSIONS */
	rti(b, 5, 5, 0x07, 0x01, 0, 364416, 0, 0, 3504, 0);
	EXPECT(mmc_parse_track_info(b, 48, &prev) == 0);
	EXPECT(prev.start == 364416);			/* MSC1 */
	EXPECT(mmc_track_last_written(&prev, 0) + 1 == 367920); /* READABLE */
	rti(b, 6, 6, 0x07, BLANK | 0x01, NWA_V, 369968, 369968, 1925136,
	    1925136, 0);
	EXPECT(mmc_parse_track_info(b, 48, &next) == 0);
	EXPECT(mmc_track_next_writable(&next, di.last_possible_lead_out, &nwa,
				       &free_blocks) == 0);
	EXPECT(nwa == 369968 && free_blocks == 1925136);
}

/*
 * Case 04: closed DVD-RW whose track size is garbage (0xFFFD0000) while
 * LRA is sane: the last written address is the LRA, and without a valid LRA
 * there is no answer rather than a wrong one.
 */
static void test_case04_garbage_track_size(void)
{
	struct mmc_disc_info di;
	struct mmc_track_info ti;
	__s64 nwa, free_blocks;
	__u8 b[48];

	rdi(b, 0x1e, 1, 1, 1, 0xffffffff);
	EXPECT(mmc_parse_disc_info(b, 34, 0, &di) == 0);
	EXPECT(di.disc_status == 2 && di.last_session_state == 3);
	EXPECT(di.erasable == 1);
	EXPECT(mmc_complete_sessions(&di) == 1);
	EXPECT(di.last_possible_lead_out == -1);

	rti(b, 1, 1, 0x05, 0x01, LRA_V, 0, 0, 0, 0xfffd0000UL, 2285853);
	EXPECT(mmc_parse_track_info(b, 48, &ti) == 0);
	EXPECT(mmc_track_last_written(&ti, 0) == 2285853);	/* LRA */
	EXPECT(mmc_track_next_writable(&ti, -1, &nwa, &free_blocks) == -ENODATA);
	ti.flags &= ~MMC_TRACK_LRA_VALID;
	EXPECT(mmc_track_last_written(&ti, 0) == -1);
}

/* Case 05: blank DVD-RW (READ CAPACITY 1 is irrelevant to sequential media). */
static void test_case05_blank_dvd_rw(void)
{
	struct mmc_disc_info di;
	struct mmc_track_info ti;
	__s64 nwa, free_blocks, blocks;
	__u8 b[48] = { 0, 0, 0, 0, 0, 0, 8, 0 };

	EXPECT(mmc_parse_capacity(b, 8, &blocks) == 0 && blocks == 1);
	rdi(b, 0x10, 1, 1, 1, 2297888);
	EXPECT(mmc_parse_disc_info(b, 34, 0, &di) == 0);
	EXPECT(di.disc_status == 0 && mmc_complete_sessions(&di) == 0);
	rti(b, 1, 1, 0x07, BLANK | PACKET | 0x01, NWA_V, 0, 0, 2297888,
	    2297888, 0);
	EXPECT(mmc_parse_track_info(b, 48, &ti) == 0);
	EXPECT(mmc_track_next_writable(&ti, di.last_possible_lead_out, &nwa,
				       &free_blocks) == 0);
	EXPECT(nwa == 0 && free_blocks == 2297888);	/* NWA, FREE */
}

/* Case 27: blank CD-R; lead-out 79:59:73 is MSF on CD. */
static void test_case27_blank_cd_r(void)
{
	struct mmc_disc_info di;
	__u8 b[34];

	rdi(b, 0x00, 1, 1, 1, 0);
	b[21] = 79;
	b[22] = 59;
	b[23] = 73;
	EXPECT(mmc_parse_disc_info(b, 34, 1, &di) == 0);
	EXPECT(di.last_possible_lead_out == 359848);	/* ATIP_LEADOUT_LAST */
	EXPECT(mmc_write_unit(0x09) == 1 && mmc_profile_is_cd(0x09));
}

/* Case 26: closed CD-RW, TAO track of 157156 blocks, 157154 readable. */
static void test_case26_cd_tao_run_out(void)
{
	struct mmc_track_info ti;
	__s64 nwa, free_blocks;
	__u8 b[48];

	rti(b, 1, 1, 0x04, 0x01, 0, 0, 0, 0, 157156, 0);
	EXPECT(mmc_parse_track_info(b, 48, &ti) == 0);
	EXPECT(mmc_track_last_written(&ti, 1) + 1 == 157154);	/* READABLE */
	/* NWA not valid on a closed CD-RW: no address is presented */
	EXPECT(mmc_track_next_writable(&ti, -1, &nwa, &free_blocks) == -ENODATA);
}

/* Some drives report NWA = -150 on blank media (MMC.md quirk 1). */
static void test_quirk_nwa_minus_150(void)
{
	struct mmc_track_info ti;
	__s64 nwa, free_blocks;
	__u8 b[48];

	rti(b, 1, 1, 0x07, BLANK | 0x01, NWA_V, 0, -150, 12219392, 12219392, 0);
	EXPECT(mmc_parse_track_info(b, 48, &ti) == 0);
	EXPECT(ti.nwa == -150);
	EXPECT(mmc_track_next_writable(&ti, 12219392, &nwa, &free_blocks) == 0);
	EXPECT(nwa == 0 && free_blocks == 12219392);
	/* an NWA past the capacity is never presented as writable */
	rti(b, 1, 1, 0x07, BLANK | 0x01, NWA_V, 0, 20000000, 5, 5, 0);
	EXPECT(mmc_parse_track_info(b, 48, &ti) == 0);
	EXPECT(mmc_track_next_writable(&ti, 12219392, &nwa, &free_blocks) ==
	       -ENODATA);
}

static void test_short_replies(void)
{
	struct mmc_disc_info di;
	struct mmc_track_info ti;
	struct mmc_toc_session ts;
	struct mmc_config cfg;
	__s64 blocks;
	__u8 b[48];

	rdi(b, 0x01, 2, 2, 2, 1000);
	EXPECT(mmc_parse_disc_info(b, 11, 0, &di) == -EINVAL);
	put16(b, 8);	/* announces less than the fixed part */
	EXPECT(mmc_parse_disc_info(b, 34, 0, &di) == -EINVAL);
	rdi(b, 0x01 | 0x20, 2, 2, 2, 1000);	/* track resources, not ours */
	EXPECT(mmc_parse_disc_info(b, 34, 0, &di) == -ENODATA);
	/* lead-out cut off by the transfer: absent, not garbage */
	rdi(b, 0x01, 2, 2, 2, 1000);
	EXPECT(mmc_parse_disc_info(b, 22, 0, &di) == 0);
	EXPECT(di.last_possible_lead_out == -1);

	rti(b, 1, 1, 4, 1, LRA_V, 0, 0, 0, 300, 299);
	EXPECT(mmc_parse_track_info(b, 27, &ti) == -EINVAL);
	EXPECT(mmc_parse_track_info(b, 28, &ti) == 0);
	EXPECT(ti.lra == -1 && !(ti.flags & MMC_TRACK_LRA_VALID));
	EXPECT(mmc_parse_track_info(b, 32, &ti) == 0 && ti.lra == 299);

	memset(b, 0, sizeof(b));
	put16(b, 6);	/* a short format-1 reply, which sr would trust */
	EXPECT(mmc_parse_toc_session(b, 12, &ts) == -EINVAL);
	EXPECT(mmc_parse_toc_session(b, 8, &ts) == -EINVAL);
	EXPECT(mmc_parse_capacity(b, 7, &blocks) == -EINVAL);
	EXPECT(mmc_parse_config(b, 7, &cfg) == -EINVAL);
}

static void test_config(void)
{
	struct mmc_config cfg;
	__u8 b[64] = { 0 };
	unsigned int n = 8;

	put16(b + 6, 0x1b);			/* DVD+R current */
	put16(b + n, 0x0000);			/* profile list */
	b[n + 2] = 0x03;
	b[n + 3] = 8;
	put16(b + n + 4, 0x1b);
	b[n + 6] = 1;
	put16(b + n + 8, 0x10);
	n += 12;
	put16(b + n, 0x002b);			/* DVD+R, current, Write */
	b[n + 2] = 0x01;
	b[n + 3] = 4;
	b[n + 4] = 1;
	n += 8;
	put16(b + n, 0x0038);			/* BD-R POW, not current */
	b[n + 3] = 4;
	n += 8;
	put16(b + n, 0x0021);			/* additional length past the end */
	b[n + 2] = 0x01;
	b[n + 3] = 200;
	n += 4;
	put32(b, n - 4);
	EXPECT(mmc_parse_config(b, n, &cfg) == 0);
	EXPECT(cfg.profile == 0x1b);
	EXPECT(cfg.num_profiles == 2 && cfg.profiles[0] == 0x1b &&
	       cfg.profiles[1] == 0x10);
	EXPECT(cfg.features & MMC_CUR_DVD_PLUS_R_WRITE);
	EXPECT(!(cfg.features & MMC_CUR_BD_R_POW));
	EXPECT(cfg.features & MMC_CUR_INCREMENTAL);
	EXPECT(mmc_drive_can_write(0x1b, cfg.features));
	EXPECT(mmc_medium_class(0x1b, cfg.features) == MMC_CLASS_SEQUENTIAL);
	/* a read-only drive (case 18) reports no write feature current */
	EXPECT(!mmc_drive_can_write(0x10, 0) && !mmc_drive_can_write(0x1b, 0));
	EXPECT(mmc_medium_class(0x41, MMC_CUR_BD_R_POW) == MMC_CLASS_OVERWRITEABLE);
	EXPECT(mmc_medium_class(0x41, 0) == MMC_CLASS_SEQUENTIAL);
	EXPECT(mmc_medium_class(0x1a, 0) == MMC_CLASS_OVERWRITEABLE);
	EXPECT(mmc_medium_class(0x10, 0) == MMC_CLASS_ROM);
	EXPECT(mmc_medium_class(0x00, 0) == MMC_CLASS_NONE);
}

static void test_toc(void)
{
	static struct mmc_toc toc;
	struct mmc_toc_session ts;
	__u8 b[64] = { 0 };

	/* Case 01's fabricated TOC: 4 tracks, lead-out 2788640 */
	static const unsigned long starts[] = { 0, 2240, 699520, 1745088 };
	unsigned int i;

	put16(b, 2 + 8 * 5);
	b[2] = 1;
	b[3] = 4;
	for (i = 0; i < 4; i++) {
		b[4 + 8 * i + 1] = 0x14;
		b[4 + 8 * i + 2] = i + 1;
		put32(b + 4 + 8 * i + 4, starts[i]);
	}
	b[36 + 1] = 0x14;
	b[36 + 2] = 0xaa;
	put32(b + 36 + 4, 2788640);
	EXPECT(mmc_parse_toc(b, 44, &toc) == 0);
	EXPECT(toc.num_tracks == 4 && toc.lead_out == 2788640);
	EXPECT(toc.start[3] == 1745088 && (toc.control[3] & 4));
	EXPECT(mmc_parse_toc(b, 30, &toc) == 0 && toc.num_tracks == 3 &&
	       toc.lead_out == -1);

	/* Multi-session Info: #4@1745088 */
	memset(b, 0, sizeof(b));
	put16(b, 10);
	b[2] = 1;
	b[3] = 4;
	b[5] = 0x14;
	b[6] = 4;
	put32(b + 8, 1745088);
	EXPECT(mmc_parse_toc_session(b, 12, &ts) == 0);
	EXPECT(ts.last_session == 4 && ts.first_track == 4 &&
	       ts.start == 1745088 && ts.control == 4);
}

static void test_iso9660(void)
{
	static __u8 b[2048];
	__s64 blocks;

	b[0] = 1;
	memcpy(b + 1, "CD001", 5);
	b[6] = 1;
	b[80] = 0x40;	/* 0x00012340 blocks, both byte orders */
	b[81] = 0x23;
	b[82] = 0x01;
	put32(b + 84, 0x12340);
	b[128] = 0x00;
	b[129] = 0x08;
	put16(b + 130, 2048);
	EXPECT(iso9660_volume_blocks(b, 2048, &blocks) == 0 && blocks == 0x12340);
	b[87] = 0x41;	/* the two halves disagree: not a volume descriptor */
	EXPECT(iso9660_volume_blocks(b, 2048, &blocks) == -ENODATA);
	b[87] = 0x40;
	b[1] = 'X';
	EXPECT(iso9660_volume_blocks(b, 2048, &blocks) == -ENODATA);
	b[1] = 'C';
	EXPECT(iso9660_volume_blocks(b, 100, &blocks) == -ENODATA);
}

static void test_format_capacity(void)
{
	struct mmc_format_capacity fc;
	__u8 b[20] = { 0 };

	/* Case 16: blank BD-R, unformatted 12219392 */
	b[3] = 16;
	put32(b + 4, 12219392);
	b[8] = 1;
	EXPECT(mmc_parse_format_capacity(b, 20, &fc) == 0);
	EXPECT(fc.type == MMC_FORMAT_UNFORMATTED && fc.blocks == 12219392);
	b[3] = 0;
	EXPECT(mmc_parse_format_capacity(b, 20, &fc) == -EINVAL);
}

int main(void)
{
	test_case01_dvdplusr_dl_appendable();
	test_case10_dvdplusr_appendable();
	test_case04_garbage_track_size();
	test_case05_blank_dvd_rw();
	test_case27_blank_cd_r();
	test_case26_cd_tao_run_out();
	test_quirk_nwa_minus_150();
	test_short_replies();
	test_config();
	test_toc();
	test_iso9660();
	test_format_capacity();
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n",
	       passed, failed);
	return failed != 0;
}
