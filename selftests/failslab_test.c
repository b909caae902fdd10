// SPDX-License-Identifier: GPL-2.0-only
/*
 * Allocation failures in the query's paths (FAILSLAB): for n = 1, 2, ...
 * the n-th slab allocation of this thread fails (/proc/thread-self/fail-nth)
 * during one query through /dev/multisession, until a query runs with no
 * fault left to inject. A faulted query returns ENOMEM, or -- when the
 * failed allocation had a fallback (kmemleak's emergency pool, say) -- the
 * right answer; never another errno or a wrong answer. The right answer is
 * the preset's, as kernel/mmcsim/README.md defines it. After every faulted
 * query an unfaulted one must be right again. Leaks show up in the run's
 * kmemleak scan, stack dumps are off (verbose=0) so that any splat in the
 * console is a real one.
 *
 * Needs CONFIG_FAILSLAB and CONFIG_FAULT_INJECTION_DEBUG_FS (the debug
 * kernel); skipped on stock kernels.
 */
#include <sys/stat.h>

#include "ms_utils.h"

#define CFG "/sys/kernel/config/mmcsim"
#define FS "/sys/kernel/debug/failslab"
#define NAME "failslab"
#define MAX_NTH 5000

struct medium {
	const char *name;
	__u16 profile;
	__u16 sessions, complete;
	long long msc1, nwa, free;
	__u32 tracks;	/* including the invisible one */
};

/* kernel/mmcsim/README.md, "Sessions of the presets" */
static const struct medium media[] = {
	{ "cdr-appendable2", 0x0009, 3, 2, 13418, 22336, 337512, 3 },
	{ "dvdplusr-appendable2", 0x001b, 3, 2, 4064, 8128, 2286976, 3 },
	{ "bdr-appendable1", 0x0041, 2, 1, 0, 2016, 12217376, 2 },
};

static int get(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY), n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static const char *const knobs[] = {
	"task-filter", "probability", "interval", "times", "verbose",
	"ignore-gfp-wait", "cache-filter",
};
#define NKNOBS ARRAY_SIZE(knobs)

FIXTURE(failslab) {
	int ms, cd, nth, loaded, attached;
	char saved[NKNOBS][32];
	char path[32];
};

FIXTURE_VARIANT(failslab) {
	int medium;
	int tracks;
};

FIXTURE_VARIANT_ADD(failslab, cdr) { .medium = 0 };
FIXTURE_VARIANT_ADD(failslab, cdr_tracks) { .medium = 0, .tracks = 1 };
FIXTURE_VARIANT_ADD(failslab, dvdplusr) { .medium = 1 };
FIXTURE_VARIANT_ADD(failslab, bdr_tracks) { .medium = 2, .tracks = 1 };

FIXTURE_SETUP(failslab)
{
	static const char *const want[NKNOBS] = {
		"Y", "0", "1", "-1", "0", "N", "N",
	};
	char p[128];

	self->ms = self->cd = self->nth = -1;
	self->loaded = self->attached = 0;
	memset(self->saved, 0, sizeof(self->saved));
	if (access(FS, F_OK) || access("/proc/thread-self/fail-nth", F_OK))
		SKIP(return, "no failslab or fail-nth (needs CONFIG_FAILSLAB, FAULT_INJECTION_DEBUG_FS)");
	self->ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (self->ms < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	self->loaded = ms_mmcsim_load("");
	if (self->loaded < 0)
		SKIP(return, "mmcsim not loaded");

	/* only this task, only through fail-nth, GFP_KERNEL included, quietly */
	for (unsigned int i = 0; i < NKNOBS; i++) {
		snprintf(p, sizeof(p), FS "/%s", knobs[i]);
		ASSERT_EQ(0, get(p, self->saved[i], sizeof(self->saved[i]))) TH_LOG("%s", p);
		ASSERT_EQ(0, ms_put_file(p, want[i])) TH_LOG("%s = %s", p, want[i]);
	}

	self->attached = 1;
	ASSERT_EQ(0, ms_mmcsim_attach(NAME, media[variant->medium].name,
				      self->path, sizeof(self->path)));
	self->cd = open(self->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, self->cd) TH_LOG("open %s", self->path);
	self->nth = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->nth);
}

FIXTURE_TEARDOWN(failslab)
{
	char p[128];

	if (self->nth >= 0)
		close(self->nth);
	for (unsigned int i = 0; i < NKNOBS; i++) {
		if (!self->saved[i][0])
			continue;
		snprintf(p, sizeof(p), FS "/%s", knobs[i]);
		ms_put_file(p, self->saved[i]);
	}
	if (self->cd >= 0)
		close(self->cd);
	if (self->attached)
		ms_mmcsim_detach(NAME);
	if (self->loaded > 0 && system("rmmod mmcsim"))
		TH_LOG("rmmod mmcsim failed");
	if (self->ms >= 0)
		close(self->ms);
}

static int query(int ms, int cd, int tracks, struct multisession_query *q,
		 struct multisession_track *t, __u32 cap)
{
	memset(q, 0, sizeof(*q));
	memset(t, 0, sizeof(*t) * cap);
	q->size = sizeof(*q);
	q->cdrom_fd = cd;
	if (tracks) {
		q->flags = MULTISESSION_QUERY_TRACKS;
		q->tracks_capacity = cap;
		q->tracks_uptr = (__u64)(unsigned long)t;
	}
	return ioctl(ms, MULTISESSION_QUERY, q) ? -errno : 0;
}

/* NULL if @q holds @m's facts, else the first that differs. */
static const char *wrong(const struct medium *m, int tracks,
			 const struct multisession_query *q,
			 const struct multisession_track *t)
{
	if (q->out_profile != m->profile)
		return "profile";
	if (q->out_disc_status != MULTISESSION_DISC_APPENDABLE)
		return "disc status";
	if (q->out_sessions != m->sessions || q->out_complete_sessions != m->complete)
		return "sessions";
	if (q->out_prev_session_start != m->msc1)
		return "msc1";
	if (q->out_nwa != m->nwa || !(q->out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID))
		return "nwa";
	if (q->out_free_blocks != m->free)
		return "free blocks";
	if (!tracks)
		return NULL;
	if (q->out_tracks_total != m->tracks)
		return "tracks total";
	/* track k starts where session k does; the last is the invisible one */
	for (__u32 k = 1; k < m->tracks; k++)
		if (t[k - 1].number != k || t[k - 1].state != MULTISESSION_TRACK_COMPLETE)
			return "a complete track";
	if (t[m->tracks - 2].start != m->msc1 || t[m->tracks - 1].start != m->nwa ||
	    t[m->tracks - 1].state != MULTISESSION_TRACK_BLANK ||
	    t[m->tracks - 1].free_blocks != m->free)
		return "the track table";
	return NULL;
}

TEST_F_TIMEOUT(failslab, every_allocation_fails_cleanly, 1800)
{
	const struct medium *m = &media[variant->medium];
	struct multisession_track t[8];
	struct multisession_query q;
	int n, err, injected = 0, enomem = 0, recovered = 0, clean = 0;
	char buf[32];
	const char *why;

	err = query(self->ms, self->cd, variant->tracks, &q, t, 8);
	ASSERT_EQ(0, err) TH_LOG("unfaulted query: %s", strerror(-err));
	why = wrong(m, variant->tracks, &q, t);
	ASSERT_EQ(NULL, why) TH_LOG("%s: unfaulted answer: %s", m->name, why);

	for (n = 1; n <= MAX_NTH; n++) {
		int len = snprintf(buf, sizeof(buf), "%d", n), fired;

		ASSERT_EQ(len, pwrite(self->nth, buf, len, 0));
		err = query(self->ms, self->cd, variant->tracks, &q, t, 8);
		memset(buf, 0, sizeof(buf));
		ASSERT_LT(0, pread(self->nth, buf, sizeof(buf) - 1, 0));
		fired = atoi(buf) == 0;
		ASSERT_EQ(1, pwrite(self->nth, "0", 1, 0));
		if (!fired) {
			/* nothing left to fail: the query ran to its end */
			EXPECT_EQ(0, err) TH_LOG("n=%d: no fault, %s", n, strerror(-err));
			why = err ? NULL : wrong(m, variant->tracks, &q, t);
			EXPECT_EQ(NULL, why) TH_LOG("n=%d: no fault, wrong %s", n, why);
			clean = 1;
			break;
		}
		injected++;
		if (err == -ENOMEM) {
			enomem++;
		} else if (err == 0) {
			why = wrong(m, variant->tracks, &q, t);
			EXPECT_EQ(NULL, why) TH_LOG("n=%d: fault injected, WRONG %s", n, why);
			recovered++;
		} else {
			EXPECT_EQ(-ENOMEM, err) TH_LOG("n=%d: fault injected, %s", n, strerror(-err));
		}
		/* the failure left nothing behind */
		err = query(self->ms, self->cd, variant->tracks, &q, t, 8);
		EXPECT_EQ(0, err) TH_LOG("n=%d: the query after the fault: %s", n, strerror(-err));
		why = err ? NULL : wrong(m, variant->tracks, &q, t);
		EXPECT_EQ(NULL, why) TH_LOG("n=%d: the query after the fault: wrong %s", n, why);
	}
	printf("# failslab %s%s: faults injected %d (ENOMEM %d, right answer after a fallback %d), unfaulted query at n=%d\n",
	       m->name, variant->tracks ? " with tracks" : "", injected, enomem, recovered, n);
	EXPECT_TRUE(clean) TH_LOG("still failing at n=%d", MAX_NTH);
	/* a query allocates at least its flight, drive and buffer */
	EXPECT_LE(3, injected);
	EXPECT_LE(3, enomem);
}

TEST_HARNESS_MAIN
