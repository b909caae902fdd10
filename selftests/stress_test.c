// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stress: 64 callers query 4 mmcsim drives (16 each) while one controller
 * per drive swaps media and burns sessions. A burn is the load of the next
 * preset of a series (appendable N -> N+1, blank -> appendable1): to the
 * drive and to sr it is the same media change a finished session is.
 *
 * Each answer is checked against the facts of the medium that was in the
 * drive, as kernel/mmcsim/README.md defines the presets (its formulas for
 * session starts, NWA and free blocks), never against an earlier answer.
 * The controller bumps its drive's generation before and after each change;
 * a query that saw the same even generation before and after ran against
 * one medium and must give exactly its facts (an answer right for an
 * earlier medium is "stale"); one that overlapped changes must give the
 * facts of one of the media the drive held meanwhile, or ENOMEDIUM/EBUSY.
 * Half the callers keep their drive open, half open it anew every 32
 * queries (sr then checks for a media change itself, as at any open).
 * Beside them one refresher per drive asks MULTISESSION_REFRESH over and
 * over: a swap the kernel has not re-read yet is what it is for, and it
 * must end in success, ENOMEDIUM or EBUSY, never disturb the answers.
 *
 * queries_during_detach_cycles pulls one drive and plugs it back, again
 * and again, under 8 callers: a query through a node whose drive has gone
 * must fail with ENODEV, every other answer is judged the same way.
 *
 * track_array_fault_holds_no_lock puts a table query's array on a page
 * whose fault stays pending (userfaultfd): another open of the drive and
 * the drive's removal must not wait for it.
 *
 * MS_STRESS_SECONDS: duration (default 60). MS_STRESS_CALLS: run until that
 * many calls are made instead (make stress: 10^7), for at most
 * MS_STRESS_SECONDS or six hours; falling short of them fails.
 * MS_UNPLUG_CYCLES: detach cycles (default 20).
 */
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <scsi/scsi.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "ms_utils.h"

#define CFG MMCSIM_CFG
#define DRIVES 4
#define CALLERS 64
#define HIST 4096
#define MAXERR 256

struct family {
	const char *prefix;
	__u16 profile;
	long long capacity;
};

static const struct family families[DRIVES] = {
	{ "cdr", 0x0009, 359848 },
	{ "dvdplusr", 0x001b, 2295104 },
	{ "dvdr", 0x0011, 2297888 },
	{ "bdr", 0x0041, 12219392 },
};

/* README "Sessions of the presets": first block of session k (1-based). */
static long long session_start(int fam, int k)
{
	switch (fam) {
	case 0:
		return k == 1 ? 0 : 13418 + (long long)(k - 2) * 8918;
	case 1:
		return (long long)(k - 1) * 4064;
	case 2:
		return (long long)(k - 1) * 30704;
	default:
		return (long long)(k - 1) * 2016;
	}
}

enum state { BLANK, APPENDABLE, CLOSED, EMPTY };

struct medium {
	char name[40];
	int err;		/* expected -errno, or 0 */
	__u16 profile;
	__u8 disc, last;
	__u16 sessions, complete;
	long long msc1, nwa, free;
};

#define NSERIES 8		/* blank, appendable1..5, closed1, closed2 */
#define NMEDIA (DRIVES * NSERIES + 1)
static struct medium media[NMEDIA];

static void define_medium(struct medium *m, int fam, enum state st, int n)
{
	const struct family *f = &families[fam];

	memset(m, 0, sizeof(*m));
	switch (st) {
	case EMPTY:
		snprintf(m->name, sizeof(m->name), "empty");
		m->err = -ENOMEDIUM;
		return;
	case BLANK:
		snprintf(m->name, sizeof(m->name), "%s-blank", f->prefix);
		m->disc = MULTISESSION_DISC_BLANK;
		m->last = MULTISESSION_SESSION_EMPTY;
		m->sessions = 1;
		m->msc1 = -1;
		m->nwa = 0;
		m->free = f->capacity;
		break;
	case APPENDABLE:
		snprintf(m->name, sizeof(m->name), "%s-appendable%d", f->prefix, n);
		m->disc = MULTISESSION_DISC_APPENDABLE;
		m->last = MULTISESSION_SESSION_EMPTY;
		m->sessions = n + 1;
		m->complete = n;
		m->msc1 = session_start(fam, n);
		m->nwa = session_start(fam, n + 1);
		m->free = f->capacity - m->nwa;
		break;
	case CLOSED:
		snprintf(m->name, sizeof(m->name), "%s-closed%d", f->prefix, n);
		m->disc = MULTISESSION_DISC_COMPLETE;
		m->last = MULTISESSION_SESSION_COMPLETE;
		m->sessions = n;
		m->complete = n;
		m->msc1 = session_start(fam, n);
		m->nwa = -1;
		m->free = 0;
		break;
	}
	m->profile = f->profile;
}

/* media[fam * NSERIES + i]: blank, appendable1..5, closed1, closed2 */
static void define_media(void)
{
	for (int fam = 0; fam < DRIVES; fam++) {
		struct medium *m = &media[fam * NSERIES];

		define_medium(&m[0], fam, BLANK, 0);
		for (int n = 1; n <= 5; n++)
			define_medium(&m[n], fam, APPENDABLE, n);
		define_medium(&m[6], fam, CLOSED, 1);
		define_medium(&m[7], fam, CLOSED, 2);
	}
	define_medium(&media[NMEDIA - 1], 0, EMPTY, 0);
}

/* The answer holds exactly @m's facts. */
static int matches(const struct medium *m, int err, const struct multisession_query *q)
{
	if (m->err || err)
		return m->err == err;
	return q->out_profile == m->profile && q->out_disc_status == m->disc &&
	       q->out_last_session_state == m->last &&
	       q->out_sessions == m->sessions &&
	       q->out_complete_sessions == m->complete &&
	       q->out_prev_session_start == m->msc1 && q->out_nwa == m->nwa &&
	       q->out_free_blocks == m->free &&
	       !!(q->out_medium_flags & MULTISESSION_MEDIUM_NWA_VALID) == (m->nwa >= 0);
}

struct drive {
	char name[16];
	char path[32];
	int fam;
	atomic_ulong gen;		/* odd while a change is under way */
	atomic_int hist[HIST];		/* medium index of even generation 2i */
	atomic_int stable_seen;		/* queries that ran on this medium alone */
	unsigned long changes, burns;
};

static struct drive drives[DRIVES];
static atomic_int stop;
static atomic_ulong calls, stable_calls, wrong, stale, bad_errors;
static atomic_ulong errs[MAXERR];
static atomic_int reported[3];
static int ms_fd;
/* Every caller has its drive open before the first change. */
static pthread_barrier_t opened;
static atomic_int caller_seq;
#define REOPEN_EVERY 32

static int attach(struct drive *d, int medium)
{
	return ms_mmcsim_attach(d->name, media[medium].name, d->path,
				sizeof(d->path));
}

/* Up to 8 of each kind (@kind 0..2) are shown, each in one write. */
static void describe(int kind, const char *what, const struct drive *d, unsigned long g1,
		     unsigned long g2, int err, const struct multisession_query *q)
{
	char line[512];
	int n;

	if (atomic_fetch_add(&reported[kind], 1) >= 8)
		return;
	n = snprintf(line, sizeof(line), "# %s on %s (generations %lu..%lu, medium %s",
		     what, d->name, g1, g2,
		     media[atomic_load(&d->hist[(g1 / 2) % HIST])].name);
	if (g2 != g1)
		n += snprintf(line + n, sizeof(line) - n, " .. %s",
			      media[atomic_load(&d->hist[((g2 + 1) / 2) % HIST])].name);
	if (err)
		snprintf(line + n, sizeof(line) - n, "): %s\n", strerror(-err));
	else
		snprintf(line + n, sizeof(line) - n,
			 "): profile %#x disc %u last %u sessions %u/%u msc1 %lld nwa %lld free %lld, %s\n",
			 q->out_profile, q->out_disc_status, q->out_last_session_state,
			 q->out_complete_sessions, q->out_sessions,
			 (long long)q->out_prev_session_start, (long long)q->out_nwa,
			 (long long)q->out_free_blocks,
			 q->out_commands ? "its own commands" : "shared answer");
	fputs(line, stdout);
}

/*
 * Count the answer to a query on @d that began at generation @g1 and ended
 * at @g2, and report it unless it is right for a medium @d held meanwhile
 * (or, across a change, one of the errors a change may give).
 */
static void judge(struct drive *d, unsigned long g1, unsigned long g2, int err,
		  const struct multisession_query *q)
{
	unsigned long lo = g1 / 2, hi = (g2 + 1) / 2, i;
	int ok = 0, stable = g1 == g2 && !(g1 & 1);

	atomic_fetch_add(&calls, 1);
	if (err)
		atomic_fetch_add(&errs[-err < MAXERR ? -err : 0], 1);
	if (stable) {
		atomic_fetch_add(&stable_calls, 1);
		atomic_fetch_add(&d->stable_seen, 1);
	}
	for (i = lo; i <= hi && !ok; i++)
		ok = matches(&media[atomic_load(&d->hist[i % HIST])], err, q);
	if (ok || (!stable && (err == -ENOMEDIUM || err == -EBUSY)))
		return;
	/* right for a medium the drive held before the call: stale */
	for (i = lo; i-- > 0 && i + 8 > lo && !ok;)
		ok = matches(&media[atomic_load(&d->hist[i % HIST])], err, q);
	if (ok) {
		atomic_fetch_add(&stale, 1);
		describe(0, stable ? "STALE answer" : "STALE answer across a change",
			 d, g1, g2, err, q);
	} else if (err) {
		atomic_fetch_add(&bad_errors, 1);
		describe(1, stable ? "error on an unchanged medium" :
			 "undocumented error across a change", d, g1, g2, err, q);
	} else {
		atomic_fetch_add(&wrong, 1);
		describe(2, stable ? "WRONG answer" : "WRONG answer across a change",
			 d, g1, g2, err, q);
	}
}

static void *caller(void *arg)
{
	struct drive *d = arg;
	struct multisession_query q;
	int fd = open(d->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	/* half the callers open the drive anew now and then, as msinfo does */
	int reopen = atomic_fetch_add(&caller_seq, 1) % 2;
	unsigned long n = 0;

	if (fd < 0)
		atomic_fetch_add(&bad_errors, 1);
	pthread_barrier_wait(&opened);
	if (fd < 0)
		return NULL;
	while (!atomic_load(&stop)) {
		unsigned long g1, g2;
		int err;

		if (reopen && ++n % REOPEN_EVERY == 0) {
			close(fd);
			fd = open(d->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
			if (fd < 0) {
				atomic_fetch_add(&bad_errors, 1);
				printf("# reopen %s: %s\n", d->path, strerror(errno));
				return NULL;
			}
		}
		g1 = atomic_load(&d->gen);
		err = _test_query(ms_fd, fd, &q);
		g2 = atomic_load(&d->gen);
		judge(d, g1, g2, err, &q);
	}
	close(fd);
	return NULL;
}

static atomic_ulong refreshes, refreshes_stale;

static void *refresher(void *arg)
{
	struct drive *d = arg;
	int fd = open(d->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0) {
		atomic_fetch_add(&bad_errors, 1);
		return NULL;
	}
	while (!atomic_load(&stop)) {
		struct multisession_refresh r = { .size = sizeof(r), .cdrom_fd = fd };

		if (!ioctl(ms_fd, MULTISESSION_REFRESH, &r)) {
			atomic_fetch_add(&refreshes, 1);
			atomic_fetch_add(&refreshes_stale, r.out_stale != 0);
		} else if (errno != ENOMEDIUM && errno != EBUSY) {
			atomic_fetch_add(&bad_errors, 1);
			printf("# refresh %s: %s\n", d->path, strerror(errno));
		}
		usleep(10000);
	}
	close(fd);
	return NULL;
}

/* The next medium: a burn (next of the series) or another medium. */
static int next_medium(struct drive *d, int cur, unsigned int *seed)
{
	int base = d->fam * NSERIES, idx = cur - base, n;

	if (cur != NMEDIA - 1 && idx >= 0 && idx < 5 && rand_r(seed) % 2) {
		d->burns++;
		return cur + 1;
	}
	do {
		n = rand_r(seed) % (NSERIES + 2);
		if (n == NSERIES)
			n = NMEDIA - 1;				/* empty */
		else if (n == NSERIES + 1)			/* another family's */
			n = ((d->fam + 1 + rand_r(seed) % (DRIVES - 1)) % DRIVES) *
				NSERIES + rand_r(seed) % NSERIES;
		else
			n += base;
	} while (n == cur);
	return n;
}

/* Power cycles of the detach test's drive, twice each: odd during one. */
static atomic_ulong epoch;

/*
 * Once @seen queries have run on @d's present state alone (or @wait_ms
 * passed), load @medium, or power cycle the drive (@medium is then what it
 * holds), under an odd generation: 1 if they had run, 0 if not, -1 if
 * mmcsim refused.
 */
static int change_state(struct drive *d, int medium, int power, int seen, int wait_ms)
{
	unsigned long g = atomic_load(&d->gen);
	int answered, err;

	for (int t = 0; t < wait_ms / 5 && atomic_load(&d->stable_seen) < seen; t++)
		usleep(5000);
	answered = atomic_load(&d->stable_seen) >= seen;
	atomic_store(&d->stable_seen, 0);
	atomic_store(&d->hist[((g + 2) / 2) % HIST], medium);
	atomic_store(&d->gen, g + 1);
	if (power) {
		atomic_fetch_add(&epoch, 1);
		err = ms_mmcsim_put(d->name, "power", "0");
		if (!err)
			err = ms_mmcsim_put(d->name, "power", "1");
		atomic_fetch_add(&epoch, 1);
	} else {
		err = ms_mmcsim_put(d->name, "medium", media[medium].name);
	}
	atomic_store(&d->gen, g + 2);
	if (err)
		printf("# %s: %s failed: %s\n", d->name, power ? "power cycle" : media[medium].name,
		       strerror(-err));
	return err ? -1 : answered;
}

static void *controller(void *arg)
{
	struct drive *d = arg;
	unsigned int seed = 1234 + d->fam;
	int cur = atomic_load(&d->hist[0]);

	while (!atomic_load(&stop)) {
		int n = next_medium(d, cur, &seed);

		/* let some queries run on this medium (on a slow kernel, 8) */
		usleep(20000 + rand_r(&seed) % 80000);
		if (change_state(d, n, 0, 8, 1000) < 0) {
			atomic_fetch_add(&bad_errors, 1);
			atomic_store(&stop, 1);
		}
		d->changes++;
		cur = n;
	}
	return NULL;
}

static void print_errors(const char *what)
{
	printf("# %s: errors by errno:", what);
	for (int e = 0; e < MAXERR; e++)
		if (atomic_load(&errs[e]))
			printf(" %s %lu", e ? strerrorname_np(e) : "other", atomic_load(&errs[e]));
	printf("\n");
}

FIXTURE(stress) {
	int loaded;
	int attached;
};

FIXTURE_SETUP(stress)
{
	self->attached = 0;
	ms_fd = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (ms_fd < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	self->loaded = ms_mmcsim_load("");
	if (self->loaded < 0)
		SKIP(return, "mmcsim not loaded");
	define_media();
	for (int i = 0; i < DRIVES; i++) {
		struct drive *d = &drives[i];

		snprintf(d->name, sizeof(d->name), "stress%d", i);
		d->fam = i;
		atomic_store(&d->hist[0], i * NSERIES + 2);	/* appendable2 */
		ASSERT_EQ(0, attach(d, i * NSERIES + 2)) TH_LOG("attach %s", d->name);
		self->attached++;
	}
}

FIXTURE_TEARDOWN(stress)
{
	for (int i = 0; i < self->attached; i++)
		ms_mmcsim_detach(drives[i].name);
	if (self->loaded > 0 && system("rmmod mmcsim"))
		TH_LOG("rmmod mmcsim failed");
	if (ms_fd >= 0)
		close(ms_fd);
}

/* The oracle itself, unraced: every medium of the set, on drive 0. */
TEST_F(stress, presets_as_defined)
{
	struct multisession_query q;
	int fd, err;

	fd = open(drives[0].path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, fd);
	for (int i = 0; i < NMEDIA; i++) {
		ASSERT_EQ(0, ms_mmcsim_put(drives[0].name, "medium", media[i].name));
		err = _test_query(ms_fd, fd, &q);
		EXPECT_TRUE(matches(&media[i], err, &q))
			describe(2, "answer differs from the definition", &drives[0], 0, 0, err, &q);
	}
	close(fd);
}

/* Commands of opcode @op the drive has received, from its debugfs counts. */
static int op_count(const char *drive, unsigned int op)
{
	char path[96], line[64];
	unsigned int o;
	int n, count = 0;
	FILE *f;

	snprintf(path, sizeof(path), MMCSIM_DEBUGFS "/%s/counts", drive);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%x %d", &o, &n) == 2 && o == op)
			count = n;
	fclose(f);
	return count;
}

struct thief {
	const struct drive *d;
	int fd, to, di_before;	/* READ DISC INFORMATIONs before the query */
	int loaded, sent;
	struct ms_sg_reply tur;
};

/*
 * While the query's READ DISC INFORMATION is held at completion: change
 * the medium, and take its UNIT ATTENTION with a command of our own, as a
 * burner's SG_IO or sr's event check after any close can.
 */
static void *steal_attention(void *arg)
{
	struct thief *t = arg;

	for (int i = 0; i < 1000 && op_count(t->d->name, 0x51) <= t->di_before; i++)
		usleep(2000);
	usleep(100000);
	t->loaded = ms_mmcsim_put(t->d->name, "medium", media[t->to].name);
	t->sent = ms_sgio(t->fd, (const unsigned char[6]){ 0 }, 6, SG_DXFER_NONE,
			  NULL, 0, &t->tur);
	return NULL;
}

/*
 * A medium change that nobody reports to the query: its attention went to
 * another program's command between two of ours. From a DVD+R with two
 * sessions to one with one session, right after READ DISC INFORMATION:
 * the query then asks the new medium for the old one's second session and
 * is refused. That must be seen as the change it is, and answered for the
 * new medium, not reported as a drive error.
 */
TEST_F(stress, change_whose_attention_another_took)
{
	struct multisession_query q;
	struct thief t = { .d = &drives[1], .to = 1 * NSERIES + 6 };
	const int from = 1 * NSERIES + 7;	/* dvdplusr-closed2 -> closed1 */
	pthread_t th;
	int fd, err = 0;

	fd = open(t.d->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, fd);
	t.fd = open(t.d->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, t.fd);
	/* the thief can miss its moment on a slow kernel: try again then */
	for (int try = 0; try < 3; try++) {
		ASSERT_EQ(0, ms_mmcsim_put(t.d->name, "medium", media[from].name));
		/* this query gets that medium's own attention */
		err = _test_query(ms_fd, fd, &q);
		ASSERT_TRUE(matches(&media[from], err, &q));
		t.di_before = op_count(t.d->name, 0x51);
		ASSERT_LE(0, t.di_before);
		ASSERT_EQ(0, ms_mmcsim_put(t.d->name, "fault", "op=0x51 count=1 delay=3000"));
		ASSERT_EQ(0, pthread_create(&th, NULL, steal_attention, &t));
		err = _test_query(ms_fd, fd, &q);
		pthread_join(th, NULL);
		ASSERT_EQ(0, ms_mmcsim_put(t.d->name, "fault", "clear"));
		ASSERT_EQ(0, t.loaded);
		ASSERT_EQ(0, t.sent);
		if (t.tur.key == UNIT_ATTENTION && t.tur.asc == 0x28)
			break;
	}
	ASSERT_TRUE(t.tur.key == UNIT_ATTENTION && t.tur.asc == 0x28)
		TH_LOG("the medium's attention did not go to the other program (TUR: %x/%02x/%02x)",
		       t.tur.key, t.tur.asc, t.tur.ascq);
	EXPECT_TRUE(matches(&media[t.to], err, &q))
		TH_LOG("%s, not the facts of %s (%d sessions, msc1 %lld)",
		       err ? strerror(-err) : "another answer", media[t.to].name,
		       q.out_sessions, (long long)q.out_prev_session_start);
	close(t.fd);
	close(fd);
}

#define STRESS_MAX_SECONDS (6 * 3600)
TEST_F_TIMEOUT(stress, queries_during_swaps_and_burns, STRESS_MAX_SECONDS + 600)
{
	pthread_t callers[CALLERS], ctl[DRIVES], refr[DRIVES];
	const char *env = getenv("MS_STRESS_SECONDS");
	const char *calls_env = getenv("MS_STRESS_CALLS");
	unsigned long want = calls_env ? strtoul(calls_env, NULL, 10) : 0;
	int seconds = env ? atoi(env) : want ? STRESS_MAX_SECONDS : 60;
	unsigned long changes = 0, burns = 0;
	int ran;

	ASSERT_LE(seconds, STRESS_MAX_SECONDS);
	ASSERT_EQ(0, pthread_barrier_init(&opened, NULL, CALLERS + 1));
	for (int i = 0; i < CALLERS; i++)
		ASSERT_EQ(0, pthread_create(&callers[i], NULL, caller, &drives[i % DRIVES]));
	pthread_barrier_wait(&opened);
	for (int i = 0; i < DRIVES; i++) {
		ASSERT_EQ(0, pthread_create(&ctl[i], NULL, controller, &drives[i]));
		ASSERT_EQ(0, pthread_create(&refr[i], NULL, refresher, &drives[i]));
	}
	for (ran = 0; ran < seconds && !atomic_load(&stop); ran++) {
		if (want && atomic_load(&calls) >= want)
			break;
		sleep(1);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < DRIVES; i++) {
		pthread_join(ctl[i], NULL);
		pthread_join(refr[i], NULL);
		changes += drives[i].changes;
		burns += drives[i].burns;
	}
	for (int i = 0; i < CALLERS; i++)
		pthread_join(callers[i], NULL);

	printf("# stress: %d callers on %d drives for %d s: calls made %lu (%lu on an unchanged medium), refreshes %lu (%lu re-read the disc), media changes %lu (%lu of them burns), wrong answers %lu, stale answers %lu, unexpected errors %lu\n",
	       CALLERS, DRIVES, ran, atomic_load(&calls), atomic_load(&stable_calls),
	       atomic_load(&refreshes), atomic_load(&refreshes_stale),
	       changes, burns, atomic_load(&wrong), atomic_load(&stale),
	       atomic_load(&bad_errors));
	print_errors("stress");
	EXPECT_LT(0, atomic_load(&stable_calls));
	if (want)
		EXPECT_LE(want, atomic_load(&calls));
	EXPECT_LT(DRIVES, changes);
	EXPECT_LT(0, atomic_load(&refreshes));
	EXPECT_EQ(0, atomic_load(&wrong));
	EXPECT_EQ(0, atomic_load(&stale));
	EXPECT_EQ(0, atomic_load(&bad_errors));
}

/*
 * Detach cycles: drive 1 holds a CD-R, no medium, its DVD+R again, and is
 * then pulled and plugged back, while callers query it through whatever
 * node it has. A query through a node whose drive has gone since it was
 * opened must fail with ENODEV; every other answer is judged as in the
 * stress test, a power cycle counting as a change. After each return the
 * drive must answer again.
 */
static atomic_ulong gone_calls, opens_refused;
#define UNPLUG_CALLERS 8

static void *unplug_caller(void *arg)
{
	struct drive *d = arg;
	struct multisession_query q;
	char path[32];

	while (!atomic_load(&stop)) {
		unsigned long e = atomic_load(&epoch);
		int fd = -1;

		if (e & 1) {
			usleep(10000);
			continue;
		}
		if (!ms_mmcsim_devpath(d->name, path, sizeof(path)))
			fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0 && atomic_load(&epoch) != e) {
			close(fd);	/* which drive it opened is not known */
			continue;
		}
		if (fd < 0) {
			atomic_fetch_add(&opens_refused, 1);
			usleep(10000);
			continue;
		}
		for (int n = 0; n < REOPEN_EVERY && !atomic_load(&stop); n++) {
			unsigned long g1 = atomic_load(&d->gen), g2;
			int err = _test_query(ms_fd, fd, &q);

			g2 = atomic_load(&d->gen);
			if (err == -ENODEV && atomic_load(&epoch) != e) {
				atomic_fetch_add(&gone_calls, 1);
				break;
			}
			judge(d, g1, g2, err, &q);
		}
		close(fd);
	}
	return NULL;
}

TEST_F_TIMEOUT(stress, queries_during_detach_cycles, 7200)
{
	const char *env = getenv("MS_UNPLUG_CYCLES");
	const int cycles = env ? atoi(env) : 20;
	struct drive *d = &drives[1];
	const int dvd = 1 * NSERIES + 2;	/* what the fixture loaded */
	const int states[] = { 0 * NSERIES + 1, NMEDIA - 1, dvd };
	pthread_t th[UNPLUG_CALLERS];
	int done = 0, back = 0, st = 0;
	time_t start = time(NULL);

	for (int i = 0; i < UNPLUG_CALLERS; i++)
		ASSERT_EQ(0, pthread_create(&th[i], NULL, unplug_caller, d));
	while (done < cycles && st >= 0) {
		/* a query must answer on the drive just plugged back */
		st = change_state(d, states[0], 0, 2, 30000);
		back += st > 0;
		for (int i = 1; i < 3 && st >= 0; i++)
			st = change_state(d, states[i], 0, 2, 1000);
		if (st >= 0)
			st = change_state(d, dvd, 1, 2, 1000);
		done += st >= 0;
	}
	/* and after the last cycle */
	back += change_state(d, dvd, 0, 2, 30000) > 0;
	atomic_store(&stop, 1);
	for (int i = 0; i < UNPLUG_CALLERS; i++)
		pthread_join(th[i], NULL);

	printf("# detach: %d cycles in %lld s with %d callers: calls made %lu (%lu on an unchanged medium, %lu through a node whose drive had gone), opens refused %lu, answered after each return %d, wrong answers %lu, stale answers %lu, unexpected errors %lu\n",
	       done, (long long)(time(NULL) - start), UNPLUG_CALLERS,
	       atomic_load(&calls) + atomic_load(&gone_calls),
	       atomic_load(&stable_calls), atomic_load(&gone_calls),
	       atomic_load(&opens_refused), back, atomic_load(&wrong), atomic_load(&stale),
	       atomic_load(&bad_errors));
	print_errors("detach");
	EXPECT_EQ(cycles, done);
	EXPECT_EQ(cycles, back - 1);
	EXPECT_EQ(0, atomic_load(&wrong));
	EXPECT_EQ(0, atomic_load(&stale));
	EXPECT_EQ(0, atomic_load(&bad_errors));
}

/* A child's exit status once it exits within @ms, -1 while it has not. */
static int exited_within(pid_t pid, int ms)
{
	int status;

	for (int i = 0; i < ms / 10; i++) {
		if (waitpid(pid, &status, WNOHANG) == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
		usleep(10000);
	}
	return -1;
}

/* @path opened (and closed) in a child process, or @val written to it. */
static pid_t in_child(const char *path, const char *val)
{
	pid_t pid = fork();

	if (!pid) {
		int fd = open(path, val ? O_WRONLY : O_RDONLY | O_NONBLOCK);

		_exit(fd < 0 || (val && write(fd, val, strlen(val)) < 0));
	}
	return pid;
}

struct table_query {
	int ms, fd, err;
	struct multisession_query q;
};

static void *table_query(void *arg)
{
	struct table_query *t = arg;

	/* not _test_query(): that clears the track array's fields */
	t->q.size = sizeof(t->q);
	t->q.cdrom_fd = t->fd;
	t->err = ioctl(t->ms, MULTISESSION_QUERY, &t->q) ? -errno : 0;
	return NULL;
}

/*
 * The module must not touch the caller's memory while it holds the disk's
 * open_mutex: a fault that never resolves (userfaultfd here; a FUSE-backed
 * mapping does the same for any user) would keep every open of the drive
 * and its removal waiting. While the fault on the track array is pending,
 * another process opens the drive and the drive is deleted through sysfs;
 * both must finish. Once the fault is resolved, the query completes (its
 * commands were sent before) or fails with ENODEV.
 */
TEST(track_array_fault_holds_no_lock)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffdio_zeropage zero = { 0 };
	long page = sysconf(_SC_PAGESIZE);
	struct table_query t = { 0 };
	struct pollfd pfd;
	struct uffd_msg msg;
	char path[32], delete[96];
	pid_t opener, remover;
	pthread_t th;
	int uffd, loaded, opened, removed;
	void *area;

	t.ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (t.ms < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	uffd = syscall(__NR_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0)
		SKIP(return, "userfaultfd: %s", strerror(errno));
	loaded = ms_mmcsim_load("");
	ASSERT_LE(0, loaded) TH_LOG("mmcsim not available");
	ASSERT_EQ(0, ms_mmcsim_attach("uffd0", "cdr-appendable2", path, sizeof(path)));
	t.fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, t.fd);

	ASSERT_EQ(0, ioctl(uffd, UFFDIO_API, &api));
	area = mmap(NULL, page, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, area);
	reg.range.start = (unsigned long)area;
	reg.range.len = page;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_REGISTER, &reg));

	t.q.flags = MULTISESSION_QUERY_TRACKS;
	t.q.tracks_uptr = (unsigned long)area;
	t.q.tracks_capacity = page / sizeof(struct multisession_track);
	t.q.track_entry_size = sizeof(struct multisession_track);
	ASSERT_EQ(0, pthread_create(&th, NULL, table_query, &t));

	/* the query reaches the array: its fault is now pending */
	pfd = (struct pollfd){ .fd = uffd, .events = POLLIN };
	ASSERT_EQ(1, poll(&pfd, 1, 20000)) TH_LOG("the query never wrote its track array");
	ASSERT_EQ(sizeof(msg), read(uffd, &msg, sizeof(msg)));
	ASSERT_EQ(UFFD_EVENT_PAGEFAULT, msg.event);

	opener = in_child(path, NULL);
	opened = exited_within(opener, 5000);
	snprintf(delete, sizeof(delete), "/sys/class/block/%s/device/delete", path + 5);
	remover = in_child(delete, "1");
	removed = exited_within(remover, 5000);

	zero.range = reg.range;
	ASSERT_EQ(0, ioctl(uffd, UFFDIO_ZEROPAGE, &zero));
	ASSERT_EQ(0, pthread_join(th, NULL));
	/* both finish once nothing is pending: collect them either way */
	if (opened < 0)
		TH_LOG("open waited for the fault: %d", exited_within(opener, 20000));
	if (removed < 0)
		TH_LOG("removal waited for the fault: %d", exited_within(remover, 20000));
	EXPECT_EQ(0, opened) TH_LOG("another open of %s during the fault", path);
	EXPECT_EQ(0, removed) TH_LOG("delete of %s during the fault", path);
	EXPECT_TRUE(t.err == 0 || t.err == -ENODEV) TH_LOG("query: %s", strerror(-t.err));
	if (!t.err) {
		const struct multisession_track *tr = area;

		/* cdr-appendable2: two closed sessions and the invisible track */
		EXPECT_EQ(3, t.q.out_tracks_total);
		EXPECT_EQ(1, tr[0].number);
		EXPECT_EQ(3, tr[2].number);
	}
	munmap(area, page);
	close(uffd);
	close(t.fd);
	close(t.ms);
	ms_mmcsim_detach("uffd0");
	if (loaded > 0 && system("rmmod mmcsim"))
		TH_LOG("rmmod mmcsim failed");
}

TEST_HARNESS_MAIN
