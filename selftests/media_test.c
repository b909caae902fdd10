// SPDX-License-Identifier: GPL-2.0-only
/*
 * End-to-end answers for the testbed's QEMU drives, checked against
 * independent oracles: the image QEMU serves (its size), the kernel's own
 * cdrom ioctls (CDROMMULTISESSION, CDROMREADTOCENTRY, BLKGETDISKSEQ) and the
 * drive's INQUIRY strings in sysfs.
 */
#include <pthread.h>
#include <sys/stat.h>
#include <linux/cdrom.h>
#include <linux/fs.h>

#include "ms_utils.h"

FIXTURE(qemu) {
	int ms;
	int cd;
	char path[64];
};

FIXTURE_VARIANT(qemu) {
	const char *bus;
};

FIXTURE_VARIANT_ADD(qemu, scsi_cd) { .bus = "virtio" };
FIXTURE_VARIANT_ADD(qemu, ide_cd) { .bus = "ata" };
FIXTURE_VARIANT_ADD(qemu, usb_cd) { .bus = "usb" };

FIXTURE_SETUP(qemu)
{
	self->cd = -1;
	self->ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (self->ms < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	if (!getenv("MS_QEMU_ISO") ||
	    ms_find_drive_in(variant->bus, MS_DRIVE_LOADED, self->path,
			     sizeof(self->path)))
		SKIP(return, "no QEMU %s drive holding $MS_QEMU_ISO", variant->bus);
	self->cd = open(self->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, self->cd);
}

FIXTURE_TEARDOWN(qemu)
{
	if (self->cd >= 0)
		close(self->cd);
	if (self->ms >= 0)
		close(self->ms);
}

static void sysfs_string(const char *dev, const char *attr, char *out, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "/sys/class/block/%s/device/%s", dev + 5, attr);
	out[0] = 0;
	f = fopen(path, "r");
	if (!f)
		return;
	if (!fgets(out, len, f))
		out[0] = 0;
	fclose(f);
	out[strcspn(out, "\n")] = 0;
}

/* The space-padded INQUIRY field equals sysfs's string, padding aside. */
static int same_padded(const __u8 *field, size_t len, const char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == ' ')
		n--;
	if (n > len || memcmp(field, s, n))
		return 0;
	for (; n < len; n++)
		if (field[n] != ' ')
			return 0;
	return 1;
}

TEST_F(qemu, closed_data_disc)
{
	struct cdrom_multisession ms = { .addr_format = CDROM_LBA };
	struct cdrom_tocentry te = { .cdte_track = 1, .cdte_format = CDROM_LBA };
	struct multisession_query q;
	char vendor[32], model[32];
	struct stat st;
	__u64 seq;

	ASSERT_EQ(0, stat(getenv("MS_QEMU_ISO"), &st));
	test_query(self->ms, self->cd, &q);

	/* QEMU presents images below ~700 MB as a closed CD-ROM */
	EXPECT_EQ(0x08, q.out_profile);
	EXPECT_EQ(MULTISESSION_DISC_COMPLETE, q.out_disc_status);
	EXPECT_EQ(1, q.out_complete_sessions);
	EXPECT_FALSE(q.out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID);
	EXPECT_FALSE(q.out_medium_flags & MULTISESSION_MEDIUM_DRIVE_CAN_WRITE);
	EXPECT_EQ(-1, q.out_nwa);
	EXPECT_EQ(0, q.out_free_blocks);
	EXPECT_EQ(1, q.out_write_unit);
	EXPECT_EQ(2048, q.out_block_size);

	/* the image is the one session: it ends where the file ends */
	EXPECT_EQ(st.st_size / 2048 - 1, q.out_prev_session_last_written);
	EXPECT_EQ(st.st_size / 2048 - 1, q.out_last_recorded);

	/* the kernel's cdrom layer agrees on the session start and data */
	ASSERT_EQ(0, ioctl(self->cd, CDROMMULTISESSION, &ms));
	EXPECT_EQ(ms.addr.lba, q.out_prev_session_start);
	ASSERT_EQ(0, ioctl(self->cd, CDROMREADTOCENTRY, &te));
	EXPECT_EQ(!!(te.cdte_ctrl & CDROM_DATA_TRACK), !!q.out_data_tracks);

	ASSERT_EQ(0, ioctl(self->cd, BLKGETDISKSEQ, &seq));
	EXPECT_EQ(seq, q.out_diskseq);

	sysfs_string(self->path, "vendor", vendor, sizeof(vendor));
	sysfs_string(self->path, "model", model, sizeof(model));
	EXPECT_TRUE(same_padded(q.out_vendor, sizeof(q.out_vendor), vendor));
	EXPECT_TRUE(same_padded(q.out_product, sizeof(q.out_product), model));

	/*
	 * the summary costs a handful of commands, not dozens: QEMU's
	 * answers and its fallbacks, then disc information (or, where the
	 * drive has none, the configuration) again to see that the medium
	 * stayed
	 */
	EXPECT_LE(q.out_commands, 8);
	EXPECT_GE(q.out_commands, 2);
}

/* One "name: value" line of cdrskin -minfo, as a number; -2 if absent. */
static long long minfo_value(const char *out, const char *name)
{
	const char *p = strstr(out, name);

	return p ? strtoll(p + strlen(name), NULL, 10) : -2;
}

/*
 * cdrskin (libburn: its own MMC commands through SG_IO) reads the same
 * disc: sessions, the last session's tracks and start, its lead-out and
 * the track table agree with ours.
 */
TEST_F(qemu, cdrskin_agrees)
{
	static char out[16384];
	struct multisession_track t[8];
	struct multisession_query q;
	char cmd[128], *line;
	unsigned int i, rows = 0;
	size_t n;
	FILE *p;

	if (system("command -v cdrskin >/dev/null"))
		SKIP(return, "cdrskin not installed");
	snprintf(cmd, sizeof(cmd), "cdrskin dev=%s -minfo 2>/dev/null",
		 self->path);
	p = popen(cmd, "r");
	ASSERT_NE(NULL, p);
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = 0;
	pclose(p);
	ASSERT_NE(NULL, strstr(out, "Last session start address:"));

	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.cdrom_fd = self->cd;
	q.flags = MULTISESSION_QUERY_TRACKS;
	q.tracks_capacity = 8;
	q.tracks_uptr = (unsigned long)t;
	ASSERT_EQ(0, ioctl(self->ms, MULTISESSION_QUERY, &q));

	EXPECT_NE(NULL, strstr(out, "disk status:              complete"));
	EXPECT_EQ(MULTISESSION_DISC_COMPLETE, q.out_disc_status);
	EXPECT_EQ(minfo_value(out, "number of sessions:"), q.out_sessions);
	EXPECT_EQ(minfo_value(out, "first track in last sess:"),
		  q.out_first_track_last_session);
	EXPECT_EQ(minfo_value(out, "last track in last sess:"),
		  q.out_last_track_last_session);
	EXPECT_EQ(minfo_value(out, "Last session start address:"),
		  q.out_prev_session_start);
	EXPECT_EQ(minfo_value(out, "Last session leadout start address:"),
		  q.out_prev_session_last_written + 1);

	/* "Track Sess Type Start End Size" rows */
	line = strstr(out, "==========");
	ASSERT_NE(NULL, line);
	for (line = strchr(line, '\n'); line && rows < 8; rows++) {
		unsigned int num, sess;
		long long start, end, size;
		char type[16];

		if (sscanf(line + 1, "%u %u %15s %lld %lld %lld", &num, &sess,
			   type, &start, &end, &size) != 6)
			break;
		ASSERT_GT(q.out_tracks_total, rows);
		EXPECT_EQ(num, t[rows].number);
		EXPECT_EQ(start, t[rows].start);
		EXPECT_EQ(size, t[rows].size);
		EXPECT_EQ(!strcmp(type, "Data"),
			  !!(t[rows].flags & MULTISESSION_TRACK_DATA));
		line = strchr(line + 1, '\n');
	}
	EXPECT_EQ(rows, q.out_tracks_total);
	for (i = 0; i < q.out_tracks_total; i++)
		EXPECT_EQ(MULTISESSION_TRACK_COMPLETE, t[i].state);

	/* a closed disc: cdrskin refuses -msinfo, we give no NWA */
	snprintf(cmd, sizeof(cmd), "cdrskin dev=%s -msinfo >/dev/null 2>&1",
		 self->path);
	EXPECT_NE(0, system(cmd));
	EXPECT_FALSE(q.out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID);
}

/*
 * Asking twice gives the same answer: nothing drifts between queries. 201
 * queries through usb-storage take over the harness's default 30 s on a
 * loaded TCG host.
 */
TEST_F_TIMEOUT(qemu, stable_answer, 180)
{
	struct multisession_query a, b;
	size_t from = offsetof(struct multisession_query, out_tracks_total);
	size_t to = offsetof(struct multisession_query, out_commands);
	int i;

	test_query(self->ms, self->cd, &a);
	for (i = 0; i < 200; i++) {
		test_query(self->ms, self->cd, &b);
		ASSERT_EQ(0, memcmp((char *)&a + from, (char *)&b + from, to - from));
	}
}

struct flight_arg {
	int ms, cd;
	pthread_barrier_t *start;
	struct multisession_query q;
	int err;
};

static void *flight_thread(void *p)
{
	struct flight_arg *a = p;

	pthread_barrier_wait(a->start);
	a->err = _test_query(a->ms, a->cd, &a->q);
	return NULL;
}

/*
 * Callers arriving together share one query: every answer is the same and
 * some of them cost the drive no command at all.
 */
TEST_F(qemu, single_flight)
{
	enum { N = 32 };
	static struct flight_arg args[N];
	size_t from = offsetof(struct multisession_query, out_tracks_total);
	size_t to = offsetof(struct multisession_query, out_commands);
	pthread_t th[N];
	pthread_barrier_t start;
	int i, shared = 0;

	pthread_barrier_init(&start, NULL, N);
	for (i = 0; i < N; i++) {
		args[i] = (struct flight_arg){ .ms = self->ms, .cd = self->cd,
					       .start = &start };
		ASSERT_EQ(0, pthread_create(&th[i], NULL, flight_thread, &args[i]));
	}
	for (i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	for (i = 0; i < N; i++) {
		ASSERT_EQ(0, args[i].err);
		EXPECT_EQ(0, memcmp((char *)&args[0].q + from,
				    (char *)&args[i].q + from, to - from));
		shared += args[i].q.out_commands == 0;
	}
	TH_LOG("%d of %d callers shared a query in flight", shared, N);
	EXPECT_GT(shared, 0);
}

/*
 * mmcsim presets (kernel/mmcsim): each preset name says the medium and
 * its state; the expected profile, write unit and status come from MMC
 * (MMC.md 1.2, 2.1, 3.5), msc1/NWA from cdrskin -msinfo (libburn's own
 * commands through SG_IO) and MMC's CD session overhead (MMC.md 1.3).
 */
FIXTURE(mmcsim) {
	struct ms_mmcsim_fixture sim;
};

FIXTURE_VARIANT(mmcsim) {
	const char *preset;
	__u16 profile;
	__u16 write_unit;
	__u8 status;		/* normalized MULTISESSION_DISC_* */
	__u16 complete;		/* recorded sessions */
	int wp;			/* -wp: C0h reports it write-protected */
};

#define MS_APP MULTISESSION_DISC_APPENDABLE
FIXTURE_VARIANT_ADD(mmcsim, cdr_blank) { "cdr-blank", 0x09, 1, 0, 0 };
FIXTURE_VARIANT_ADD(mmcsim, cdr_appendable1) { "cdr-appendable1", 0x09, 1, MS_APP, 1 };
FIXTURE_VARIANT_ADD(mmcsim, cdr_appendable2) { "cdr-appendable2", 0x09, 1, MS_APP, 2 };
FIXTURE_VARIANT_ADD(mmcsim, cdr_closed2) { "cdr-closed2", 0x09, 1, 2, 2 };
FIXTURE_VARIANT_ADD(mmcsim, cdrw_appendable1) { "cdrw-appendable1", 0x0a, 1, MS_APP, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdr_appendable1) { "dvdr-appendable1", 0x11, 16, MS_APP, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusr_blank) { "dvdplusr-blank", 0x1b, 16, 0, 0 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusr_appendable2) { "dvdplusr-appendable2", 0x1b, 16, MS_APP, 2 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusr_closed1) { "dvdplusr-closed1", 0x1b, 16, 2, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusr_dl_appendable2) { "dvdplusr-dl-appendable2", 0x2b, 16, MS_APP, 2 };
FIXTURE_VARIANT_ADD(mmcsim, bdr_blank) { "bdr-blank", 0x41, 32, 0, 0 };
FIXTURE_VARIANT_ADD(mmcsim, bdr_appendable1) { "bdr-appendable1", 0x41, 32, MS_APP, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdrom_closed1) { "dvdrom-closed1", 0x10, 16, 2, 1 };
FIXTURE_VARIANT_ADD(mmcsim, bdrom_closed1) { "bdrom-closed1", 0x40, 32, 2, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusrw_iso) { "dvdplusrw-iso", 0x1a, 16, MS_APP, 1 };
FIXTURE_VARIANT_ADD(mmcsim, bdre_iso) { "bdre-iso", 0x43, 32, MS_APP, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusr_blank_wp) { "dvdplusr-blank-wp", 0x1b, 16, 0, 0, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusr_appendable2_wp) { "dvdplusr-appendable2-wp", 0x1b, 16, MS_APP, 2, 1 };
FIXTURE_VARIANT_ADD(mmcsim, bdr_appendable1_wp) { "bdr-appendable1-wp", 0x41, 32, MS_APP, 1, 1 };
FIXTURE_VARIANT_ADD(mmcsim, dvdplusrw_iso_wp) { "dvdplusrw-iso-wp", 0x1a, 16, MS_APP, 1, 1 };

FIXTURE_SETUP(mmcsim)
{
	ms_mmcsim_fixture_setup(_metadata, &self->sim, "mst", variant->preset);
}

FIXTURE_TEARDOWN(mmcsim)
{
	ms_mmcsim_fixture_teardown(&self->sim);
}

static void check_preset(struct __test_metadata *_metadata,
			 const FIXTURE_VARIANT(mmcsim) *variant,
			 const struct multisession_query *q, const char *path,
			 __u8 status, __u16 complete)
{
	int nwa_valid = !!(q->out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID);
	long long msc1, nwa;
	int have_cdrskin = !system("command -v cdrskin >/dev/null");

	EXPECT_EQ(variant->profile, q->out_profile);
	EXPECT_EQ(variant->write_unit, q->out_write_unit);
	EXPECT_EQ(status, q->out_disc_status);
	EXPECT_EQ(complete, q->out_complete_sessions);
	/*
	 * the summary costs at most four commands, the write protection
	 * status (mmcsim has the Write Protect Feature) and disc information
	 * read again to see that the medium stayed
	 */
	EXPECT_GE(q->out_commands, 2);
	EXPECT_LE(q->out_commands, 6);
	/* the preset's -wp, as READ DISC STRUCTURE C0h reports it */
	EXPECT_EQ(variant->wp, !!(q->out_medium_flags &
				  MULTISESSION_MEDIUM_WRITE_PROTECTED));
	switch (status) {
	case MULTISESSION_DISC_BLANK:
		/* MMC: the invisible track starts at 0 and spans the disc */
		EXPECT_TRUE(nwa_valid);
		EXPECT_EQ(0, q->out_nwa);
		EXPECT_EQ(q->out_last_possible_lead_out, q->out_free_blocks);
		EXPECT_EQ(-1, q->out_prev_session_start);
		break;
	case MULTISESSION_DISC_APPENDABLE:
		EXPECT_TRUE(nwa_valid);
		EXPECT_EQ(0, q->out_nwa % variant->write_unit);
		EXPECT_LT(q->out_prev_session_last_written, q->out_nwa);
		if (variant->profile == 0x09 || variant->profile == 0x0a) {
			/*
			 * lead-out = last readable + 1, + 2 run-out blocks
			 * after a track-at-once track (the presets; xorriso
			 * writes session-at-once: none)
			 */
			long long gap = q->out_nwa -
					q->out_prev_session_last_written - 1;
			long long want = complete == 1 ? 11400 : 6900;

			EXPECT_TRUE(gap == want + 2 || gap == want)
				TH_LOG("NWA - last written - 1 = %lld", gap);
		}
		if (!have_cdrskin || (q->out_medium_flags &
				      MULTISESSION_MEDIUM_OVERWRITEABLE))
			break;
		ASSERT_EQ(0, cdrskin_msinfo(path, &msc1, &nwa));
		EXPECT_EQ(msc1, q->out_prev_session_start);
		EXPECT_EQ(nwa, q->out_nwa);
		break;
	default:
		EXPECT_FALSE(nwa_valid);
		EXPECT_EQ(-1, q->out_nwa);
		EXPECT_EQ(0, q->out_free_blocks);
		if (have_cdrskin)
			EXPECT_NE(0, cdrskin_msinfo(path, &msc1, &nwa));
		break;
	}
}

TEST_F(mmcsim, preset)
{
	struct multisession_query q;
	__u64 seq;

	test_query(self->sim.ms, self->sim.cd, &q);
	check_preset(_metadata, variant, &q, self->sim.path, variant->status,
		     variant->complete);
	ASSERT_EQ(0, ioctl(self->sim.cd, BLKGETDISKSEQ, &seq));
	EXPECT_EQ(seq, q.out_diskseq);
}

/*
 * Freshness: a burn goes through SG_IO and moves no media generation, yet
 * the next query shows the new session, as cdrskin -msinfo does. Closed,
 * pressed and write-protected media refuse the burn and the answer stays;
 * overwriteable media grow their one ISO 9660 volume.
 */
TEST_F(mmcsim, burn_then_query)
{
	struct multisession_query before, after;
	char cmd[512];
	int rc;

	if (system("command -v xorriso >/dev/null"))
		SKIP(return, "xorriso not installed");
	test_query(self->sim.ms, self->sim.cd, &before);
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p /tmp/msburn && echo %d >/tmp/msburn/f%d && "
		 "xorriso -dev %s -map /tmp/msburn /b -commit >/dev/null 2>&1",
		 getpid(), getpid(), self->sim.path);
	rc = system(cmd);
	test_query(self->sim.ms, self->sim.cd, &after);
	EXPECT_EQ(before.out_diskseq, after.out_diskseq);
	/* a write-protected medium refuses xorriso's writes (07/27/00) too */
	if (variant->status == MULTISESSION_DISC_COMPLETE || variant->wp) {
		EXPECT_NE(0, rc);
		check_preset(_metadata, variant, &after, self->sim.path,
			     variant->status, variant->complete);
		EXPECT_EQ(before.out_prev_session_start,
			  after.out_prev_session_start);
		EXPECT_EQ(before.out_read_capacity, after.out_read_capacity);
	} else if (before.out_medium_flags & MULTISESSION_MEDIUM_OVERWRITEABLE) {
		ASSERT_EQ(0, rc);
		check_preset(_metadata, variant, &after, self->sim.path,
			     variant->status, variant->complete);
		EXPECT_GT(after.out_volume_blocks, before.out_volume_blocks);
	} else {
		ASSERT_EQ(0, rc);
		check_preset(_metadata, variant, &after, self->sim.path,
			     MULTISESSION_DISC_APPENDABLE, variant->complete + 1);
		EXPECT_EQ(before.out_nwa, after.out_prev_session_start);
	}
}

/*
 * A BD-R holds up to 7679 tracks (its SRR limit in sequential recording),
 * so track 255 is a track like any other there, while READ TRACK
 * INFORMATION's track number FFh names the invisible track (MMC; mmcsim
 * answers so on every medium). The layout the test writes is the oracle:
 * tracks of 2016 blocks end to end (BD's write unit of 32 leaves no gap
 * between sessions), the invisible track after the last. In one variant
 * track 255 is one of 300 one-track sessions (the table finds it); in the
 * other it is the second track of the last complete session (the summary
 * finds it).
 */
FIXTURE(bdr_tracks) {
	struct ms_mmcsim_fixture sim;
};

FIXTURE_VARIANT(bdr_tracks) {
	int tracks;
	int sessions;		/* the last session holds the remaining tracks */
};

FIXTURE_VARIANT_ADD(bdr_tracks, one_track_sessions_300) { 300, 300 };
FIXTURE_VARIANT_ADD(bdr_tracks, track_255_ends_session) { 255, 254 };

#define BDR_TRACK_SIZE 2016
#define BDR_CAPACITY 12219392

FIXTURE_SETUP(bdr_tracks)
{
	char dbg[128], *layout, *p;
	int i;

	ms_mmcsim_fixture_setup(_metadata, &self->sim, "msb", "bdr-blank");
	if (self->sim.cd < 0)
		return;
	/* more than configfs takes in one store: debugfs, in one write */
	layout = malloc(64 + variant->tracks * 40);
	ASSERT_NE(NULL, layout);
	p = layout + sprintf(layout, "profile=0x41 capacity=%d", BDR_CAPACITY);
	for (i = 0; i < variant->tracks; i++)
		p += sprintf(p, " track=%d,%d,%d",
			     i < variant->sessions ? i + 1 : variant->sessions,
			     i * BDR_TRACK_SIZE, BDR_TRACK_SIZE);
	snprintf(dbg, sizeof(dbg), MMCSIM_DEBUGFS "/%s/layout", self->sim.item);
	ASSERT_EQ(0, ms_put_file(dbg, layout));
	free(layout);
	/* a new open takes the media change the new layout raised */
	close(self->sim.cd);
	self->sim.cd = open(self->sim.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, self->sim.cd);
}

FIXTURE_TEARDOWN(bdr_tracks)
{
	ms_mmcsim_fixture_teardown(&self->sim);
}

TEST_F(bdr_tracks, summary_and_table)
{
	int n = variant->tracks, last_first = variant->sessions;
	struct multisession_track t[400], *e;
	struct multisession_query sum, q;
	int i, bad = 0;

	test_query(self->sim.ms, self->sim.cd, &sum);
	EXPECT_EQ(0x41, sum.out_profile);
	EXPECT_EQ(MULTISESSION_DISC_APPENDABLE, sum.out_disc_status);
	EXPECT_EQ(variant->sessions, sum.out_complete_sessions);
	EXPECT_EQ(n + 1, sum.out_tracks_total);
	EXPECT_EQ((long long)(last_first - 1) * BDR_TRACK_SIZE,
		  sum.out_prev_session_start);
	EXPECT_EQ((long long)n * BDR_TRACK_SIZE - 1,
		  sum.out_prev_session_last_written);
	EXPECT_EQ((long long)n * BDR_TRACK_SIZE, sum.out_nwa);
	EXPECT_EQ(BDR_CAPACITY - (long long)n * BDR_TRACK_SIZE,
		  sum.out_free_blocks);

	memset(&q, 0, sizeof(q));
	memset(t, 0xa5, sizeof(t));
	q.size = sizeof(q);
	q.cdrom_fd = self->sim.cd;
	q.flags = MULTISESSION_QUERY_TRACKS;
	q.tracks_capacity = ARRAY_SIZE(t);
	q.tracks_uptr = (__u64)(uintptr_t)t;
	q.track_entry_size = sizeof(t[0]);
	ASSERT_EQ(0, ioctl(self->sim.ms, MULTISESSION_QUERY, &q)) TH_LOG("%m");
	ASSERT_EQ(n + 1, q.out_tracks_total);
	for (i = 0; i < n && !bad; i++) {
		e = &t[i];
		if (e->number != i + 1 || e->start != (long long)i * BDR_TRACK_SIZE ||
		    e->session != (i < variant->sessions ? i + 1 : variant->sessions) ||
		    e->size != BDR_TRACK_SIZE ||
		    e->state != MULTISESSION_TRACK_COMPLETE)
			bad = i + 1;
	}
	e = &t[bad ? bad - 1 : 0];
	EXPECT_EQ(0, bad)
		TH_LOG("entry %d: track %u session %u start %lld size %lld state %u",
		       bad, e->number, e->session, (long long)e->start,
		       (long long)e->size, e->state);
	/* the invisible track: after the last, in the session after */
	e = &t[n];
	EXPECT_EQ(n + 1, e->number);
	EXPECT_EQ(variant->sessions + 1, e->session);
	EXPECT_EQ(MULTISESSION_TRACK_BLANK, e->state);
	EXPECT_EQ((long long)n * BDR_TRACK_SIZE, e->nwa);
	/*
	 * One READ TRACK INFORMATION per track the summary did not read
	 * already, and one more to find track 255 (a number that cannot be
	 * asked).
	 */
	TH_LOG("summary %u commands, table of %u tracks %u", sum.out_commands,
	       q.out_tracks_total, q.out_commands);
	EXPECT_LE(q.out_commands, sum.out_commands + q.out_tracks_total - 1);
}

struct table_arg {
	int ms, cd;
	pthread_barrier_t *start;
	struct multisession_query q;
	struct multisession_track t[400];
	int err;
};

static void *table_thread(void *p)
{
	struct table_arg *a = p;

	memset(&a->q, 0, sizeof(a->q));
	a->q.size = sizeof(a->q);
	a->q.cdrom_fd = a->cd;
	a->q.flags = MULTISESSION_QUERY_TRACKS;
	a->q.tracks_capacity = ARRAY_SIZE(a->t);
	a->q.tracks_uptr = (__u64)(uintptr_t)a->t;
	a->q.track_entry_size = sizeof(a->t[0]);
	pthread_barrier_wait(a->start);
	a->err = ioctl(a->ms, MULTISESSION_QUERY, &a->q) ? errno : 0;
	return NULL;
}

/*
 * Table callers arriving together share one query as summary callers do:
 * every table is the one a lone caller reads, and the drive sees far
 * fewer commands than one table query per caller.
 */
TEST_F(bdr_tracks, shared_table)
{
	enum { N = 16 };
	static struct table_arg args[N + 1];
	pthread_barrier_t start;
	unsigned int commands = 0, shared = 0;
	pthread_t th[N];
	int i;

	pthread_barrier_init(&start, NULL, 1);
	args[N] = (struct table_arg){ .ms = self->sim.ms, .cd = self->sim.cd,
				      .start = &start };
	table_thread(&args[N]);
	pthread_barrier_destroy(&start);
	ASSERT_EQ(0, args[N].err);
	ASSERT_LT(0, args[N].q.out_commands);
	pthread_barrier_init(&start, NULL, N);
	for (i = 0; i < N; i++) {
		args[i] = (struct table_arg){ .ms = self->sim.ms, .cd = self->sim.cd,
					      .start = &start };
		ASSERT_EQ(0, pthread_create(&th[i], NULL, table_thread, &args[i]));
	}
	for (i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	for (i = 0; i < N; i++) {
		ASSERT_EQ(0, args[i].err);
		ASSERT_EQ(args[N].q.out_tracks_total, args[i].q.out_tracks_total);
		EXPECT_EQ(0, memcmp(args[N].t, args[i].t,
				    args[N].q.out_tracks_total * sizeof(args[N].t[0])));
		commands += args[i].q.out_commands;
		shared += args[i].q.out_commands == 0;
	}
	TH_LOG("%u of %d table callers shared a query: %u commands, %u alone",
	       shared, N, commands, args[N].q.out_commands);
	EXPECT_LT(0, shared);
	EXPECT_GT(N / 2 * args[N].q.out_commands, commands);
}

TEST(empty_drive)
{
	struct multisession_query q;
	char path[64];
	int ms, cd;

	ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (ms < 0)
		SKIP(return, MS_DEV " missing");
	if (ms_find_drive_in("ata", MS_DRIVE_EMPTY, path, sizeof(path)))
		SKIP(return, "no empty ide-cd in this VM");
	/* the kernel's own view chose it: no disc */
	cd = open(path, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, cd);
	test_err_query(ENOMEDIUM, ms, cd, &q);
	close(cd);
	close(ms);
}

TEST_HARNESS_MAIN
