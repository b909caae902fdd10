// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault matrix: every command multisession.ko sends for a medium, times each
 * fault mmcsim can inject into it. The query must then give the right
 * answer -- the one the drive gives without faults, itself checked against
 * cdrskin -msinfo -- or fail with an errno <linux/multisession.h> documents
 * for a misbehaving drive: never a wrong answer presented as valid. After
 * each fault the drive answers right again. The runner fails on any splat.
 * A reply cut short without a residual must read as one padded with zeros.
 *
 * MS_FAULT_MEDIA: the presets to run (default: four families);
 * MS_FAULT_FULL=1 adds the slow faults (a command that never completes, a
 * delay past the module's timeout), which wait out the SCSI error handler.
 */
#include <sys/stat.h>

#include "ms_utils.h"

#define NAME "faultmx"

/* slow: waits out the SCSI error handler; runs with MS_FAULT_FULL=1 only */
static const struct fault {
	const char *rule;
	bool slow;
} faults[] = {
	{ "sense=2/04/01 count=1", false },	/* becoming ready once: retried */
	{ "sense=2/04/01", false },		/* stays becoming ready */
	{ "sense=2/3a/00", false },		/* medium gone */
	{ "sense=3/11/00", false },		/* unrecovered read error */
	{ "sense=4/08/03", false },		/* LUN communication CRC error */
	{ "sense=5/24/00", false },		/* invalid field in CDB */
	{ "sense=5/20/00", false },		/* invalid command operation code */
	{ "sense=6/28/00 count=1", false },	/* medium may have changed */
	{ "sense=6/29/00 count=1", false },	/* power on / reset */
	{ "short=0", false },
	{ "short=4", false },
	{ "short=8", false },
	{ "short=20", false },
	{ "garbage", false },
	{ "garbage count=1", false },
	{ "delay=1500", false },
	{ "detach", false },
	{ "timeout", true },
	{ "delay=40000", true },
};

/* Lengths a reply is cut to, with and without a residual. */
static const unsigned int cut_lens[] = { 4, 8, 20 };

#define MAX_MEDIA 32
#define MAX_OPS 16

/*
 * What main() learns of each medium before the rows are registered: the
 * unfaulted answer and the commands the query sends, from which the fault
 * rows follow.
 */
static struct medium_run {
	const char *name;
	int clean_err;
	struct multisession_query clean;
	int nops;			/* -1: the command log was not readable */
	unsigned int ops[MAX_OPS];
	char log_problem[300];		/* empty if the log was as described */
} runs[MAX_MEDIA];
static int nruns;

static int ms = -1, loaded = -1;

/*
 * The drive the rows share (each row runs in a process of its own, so
 * this lives in shared memory): attaching one per row would cost more
 * than the row.
 */
static struct attached {
	char medium[64];
	char path[64];
} *attached;

static int put(const char *attr, const char *val)
{
	return ms_mmcsim_put(NAME, attr, val);
}

static void detach(void)
{
	ms_mmcsim_detach(NAME);
	attached->medium[0] = 0;
}

/* The drive holds @medium, as attached->path: 0, or -1. */
static int attach(const char *medium)
{
	if (!strcmp(attached->medium, medium) && !access(attached->path, F_OK))
		return 0;
	detach();
	if (ms_mmcsim_attach(NAME, medium, attached->path, sizeof(attached->path)))
		return -1;
	snprintf(attached->medium, sizeof(attached->medium), "%s", medium);
	return 0;
}

static int open_drive(void)
{
	return open(attached->path, O_RDONLY | O_NONBLOCK);
}

/* The facts a caller acts on: the first that differs, or NULL. */
static const char *differs(const struct multisession_query *a,
			   const struct multisession_query *b)
{
	static char why[96];

#define SAME(f)								\
	do {								\
		if (a->f != b->f) {					\
			snprintf(why, sizeof(why), #f " %lld, not %lld",	\
				 (long long)a->f, (long long)b->f);	\
			return why;					\
		}							\
	} while (0)
	SAME(out_profile);
	SAME(out_disc_status);
	SAME(out_last_session_state);
	SAME(out_sessions);
	SAME(out_complete_sessions);
	SAME(out_prev_session_start);
	/* "not known" is no wrong answer: a drive without track records */
	if (a->out_prev_session_last_written != -1)
		SAME(out_prev_session_last_written);
	SAME(out_nwa);
	SAME(out_free_blocks);
	SAME(out_volume_blocks);
	SAME(out_medium_flags);
	SAME(out_write_unit);
#undef SAME
	return NULL;
}

static int documented(int err)
{
	switch (-err) {
	case ENOMEDIUM: case EBUSY: case EMEDIUMTYPE: case EIO:
	case ETIMEDOUT: case EINTR: case ENODEV:
		return 1;
	}
	return 0;
}

/*
 * The commands one query sends, in order, from mmcsim's command log (which
 * this also checks: one line per command the module counted, numbered one
 * after another, the CDB starting with the opcode, each GOOD or refused
 * with ILLEGAL REQUEST -- what a medium has not got, which a query asks of
 * some: track FFh after a damaged track, the volume descriptor of an empty
 * BD-R POW). Fills r->ops and r->nops, -1 if the log is not readable;
 * r->log_problem says what was not as README.md describes it.
 */
static void sequence(int fd, struct medium_run *r)
{
	unsigned long long seq, prev = 0;
	unsigned int op, status, key, asc, ascq, len, cdb0;
	struct multisession_query q;
	char line[256], cdb[80];
	int n = 0;
	FILE *f;

	r->nops = -1;
	snprintf(r->log_problem, sizeof(r->log_problem), "no command log");
	if (put("log", "1"))
		return;
	f = fopen(MMCSIM_DEBUGFS "/" NAME "/log", "w");
	if (!f)
		return;
	fputs("clear\n", f);
	fclose(f);
	_test_query(ms, fd, &q);
	put("log", "0");
	f = fopen(MMCSIM_DEBUGFS "/" NAME "/log", "r");
	if (!f)
		return;
	r->log_problem[0] = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llu op=0x%x cdb=%79s status=0x%x sense=%x/%x/%x len=%u",
			   &seq, &op, cdb, &status, &key, &asc, &ascq, &len) != 8 ||
		    sscanf(cdb, "%2x", &cdb0) != 1 || cdb0 != op ||
		    (n && seq != prev + 1) ||
		    (status ? status != 2 || key != 5 : key || asc || ascq))
			snprintf(r->log_problem, sizeof(r->log_problem),
				 "log line: %s", line);
		prev = seq;
		if (n < MAX_OPS)
			r->ops[n] = op;
		n++;
	}
	fclose(f);
	if (!r->log_problem[0] && n != (int)q.out_commands)
		snprintf(r->log_problem, sizeof(r->log_problem),
			 "%d lines for the query's %u commands", n, q.out_commands);
	if (!r->log_problem[0] && n > MAX_OPS)
		snprintf(r->log_problem, sizeof(r->log_problem),
			 "%d commands, more than %d", n, MAX_OPS);
	if (!r->log_problem[0])
		r->nops = n;
}

/* Whether @i is the first command of its opcode in @ops. */
static int first_of_opcode(const unsigned int *ops, int i)
{
	int j;

	for (j = 0; j < i; j++)
		if (ops[j] == ops[i])
			return 0;
	return 1;
}

/* The fault rule @f on command @i of @r's query, in @rule. */
static void fault_rule(const struct medium_run *r, int i, const char *f,
		       char *rule, size_t len)
{
	/*
	 * A command's first instance: the fault on every command of its
	 * opcode (count=1: on the first only). A later instance of an opcode
	 * (another READ TRACK INFORMATION, the pass's closing READ DISC
	 * INFORMATION): the fault on that one command alone (nth=).
	 */
	if (first_of_opcode(r->ops, i))
		snprintf(rule, len, "op=0x%02x %s", r->ops[i], f);
	else
		snprintf(rule, len, "nth=%d %s", i + 1, f);
}

/* The query's outcome with the reply of command @i alone cut by @how. */
static int query_cut(int fd, const struct medium_run *r, int i,
		     const char *how, unsigned int len,
		     struct multisession_query *q)
{
	char rule[96];
	int err;

	fault_rule(r, i, how, rule, sizeof(rule));
	snprintf(rule + strlen(rule), sizeof(rule) - strlen(rule), "=%u%s", len,
		 first_of_opcode(r->ops, i) ? " count=1" : "");
	put("fault", rule);
	err = _test_query(ms, fd, q);
	put("fault", "clear");
	return err;
}

/* A row's drive: the medium's, opened. */
#define MATRIX_FIXTURE(fx)						\
	FIXTURE(fx) {							\
		int fd;							\
	};								\
	FIXTURE_SETUP(fx)						\
	{								\
		self->fd = -1;						\
		if (ms < 0 || loaded < 0)				\
			SKIP(return, "multisession.ko or mmcsim not loaded"); \
		if (!variant)						\
			SKIP(return, "no command log to take rows from"); \
		ASSERT_EQ(0, attach(runs[variant->medium].name))	\
			TH_LOG("attach %s", runs[variant->medium].name); \
		self->fd = open_drive();				\
		ASSERT_LE(0, self->fd);					\
	}								\
	FIXTURE_TEARDOWN(fx)						\
	{								\
		if (self->fd >= 0)					\
			close(self->fd);				\
	}

/* Rows of each medium: its unfaulted answer and its command log. */
FIXTURE_VARIANT(medium) {
	int medium;
};
MATRIX_FIXTURE(medium)

TEST_F(medium, unfaulted)
{
	const struct medium_run *r = &runs[variant->medium];
	const struct multisession_query *clean = &r->clean;
	/* a preset whose last track is damaged: nothing may follow it */
	int damaged = strstr(r->name, "-damaged") != NULL;
	long long msc1, nwa;

	ASSERT_EQ(0, r->clean_err) TH_LOG("%s", strerror(-r->clean_err));
	if (clean->out_medium_flags & MULTISESSION_MEDIUM_OVERWRITEABLE) {
		TH_LOG("overwriteable, volume of %lld blocks",
		       (long long)clean->out_volume_blocks);
	} else if (!cdrskin_msinfo(attached->path, &msc1, &nwa)) {
		/* on a damaged track cdrskin gives the drive's NWA past it */
		EXPECT_EQ(msc1, clean->out_prev_session_start);
		EXPECT_EQ(damaged ? -1 : nwa, clean->out_nwa)
			TH_LOG("cdrskin -msinfo %lld,%lld", msc1, nwa);
	} else {
		/* nothing to continue, as cdrskin says */
		EXPECT_TRUE(clean->out_prev_session_start == -1 ||
			    clean->out_nwa == -1);
	}
}

TEST_F(medium, command_log)
{
	const struct medium_run *r = &runs[variant->medium];

	/* the command log holds the query's commands in order, each GOOD or 05/xx */
	EXPECT_EQ(0, r->log_problem[0]) TH_LOG("%s", r->log_problem);
	EXPECT_LE(0, r->nops);
}

/* One fault on one command of a medium's query. */
FIXTURE_VARIANT(fault) {
	int medium;
	char rule[96];
};
MATRIX_FIXTURE(fault)

TEST_F_TIMEOUT(fault, answer, 600)
{
	const struct medium_run *r = &runs[variant->medium];
	struct multisession_query q;
	const char *what;
	int err, right, gone = 0;

	put("fault", variant->rule);
	err = _test_query(ms, self->fd, &q);
	put("fault", "clear");
	what = err ? NULL : differs(&q, &r->clean);
	right = err == r->clean_err && !what;
	if (strstr(variant->rule, "detach")) {
		close(self->fd);
		gone = access(attached->path, F_OK) != 0;
		detach();
		ASSERT_EQ(0, attach(r->name)) TH_LOG("attach again");
		self->fd = open_drive();
		ASSERT_LE(0, self->fd);
	}
	if (right) {
		TH_LOG("right answer");
	} else if (err) {
		TH_LOG("%s", strerror(-err));
		EXPECT_TRUE(documented(err))
			TH_LOG("undocumented%s", gone ? " (drive gone)" : "");
	} else {
		EXPECT_TRUE(right)
			TH_LOG("WRONG answer: %s",
			       what ? what : "succeeded where it failed");
	}
	/* afterwards the answer is the unfaulted one */
	err = _test_query(ms, self->fd, &q);
	EXPECT_EQ(r->clean_err, err);
	what = err ? NULL : differs(&q, &r->clean);
	EXPECT_EQ(NULL, what) TH_LOG("afterwards: %s", what);
}

/*
 * A reply cut short by a transport that reports no residual (libata's
 * ATAPI path) leaves the rest of the buffer as it was: the query must take
 * it exactly as the same bytes followed by zeros that a drive sent, never
 * read an earlier reply's bytes there.
 */
FIXTURE_VARIANT(cut) {
	int medium;
	int command;
	unsigned int len;
};
MATRIX_FIXTURE(cut)

TEST_F(cut, unreported_is_padded)
{
	const struct medium_run *r = &runs[variant->medium];
	struct multisession_query qu, qp;
	const char *what;
	int eu, ep;

	eu = query_cut(self->fd, r, variant->command, "unreported", variant->len, &qu);
	ep = query_cut(self->fd, r, variant->command, "padded", variant->len, &qp);
	what = eu || ep ? NULL : differs(&qu, &qp);
	TH_LOG("%s / %s", eu ? strerror(-eu) : "answer", ep ? strerror(-ep) : "answer");
	EXPECT_EQ(eu, ep);
	EXPECT_EQ(NULL, what) TH_LOG("%s", what);
}

/* Last: the shared drive goes, and mmcsim if this program loaded it. */
FIXTURE(done) {};
FIXTURE_SETUP(done) {}
FIXTURE_TEARDOWN(done) {}

TEST_F(done, detach)
{
	if (ms < 0 || loaded < 0)
		SKIP(return, "multisession.ko or mmcsim not loaded");
	detach();
	if (loaded > 0)
		EXPECT_EQ(0, system("rmmod mmcsim"));
}

/* A row of @fixture (the harness's own record of a variant), named @fmt. */
#define ADD_ROW(fixture, fmt, ...)					\
	do {								\
		struct __fixture_variant_metadata *m_ = calloc(1, sizeof(*m_)); \
		FIXTURE_VARIANT(fixture) *v_ = calloc(1, sizeof(*v_));	\
									\
		if (!m_ || !v_ || asprintf((char **)&m_->name, fmt, ##__VA_ARGS__) < 0) \
			return KSFT_FAIL;				\
		m_->data = v_;						\
		__register_fixture_variant(&_##fixture##_fixture_object, m_); \
		row = v_;						\
	} while (0)

/*
 * The rows follow from each medium's command sequence, which only the
 * drive knows: run the unfaulted query and read the command log first,
 * then hand the rows to the harness.
 */
static int add_rows(const char *media, int full)
{
	char list[512], *m, *save;
	int fd, i;

	snprintf(list, sizeof(list), "%s", media);
	for (m = strtok_r(list, " ", &save); m && nruns < MAX_MEDIA;
	     m = strtok_r(NULL, " ", &save)) {
		struct medium_run *r = &runs[nruns];
		FIXTURE_VARIANT(medium) *row;

		r->name = strdup(m);
		r->nops = -1;
		ADD_ROW(medium, "%s", m);
		row->medium = nruns++;
		if (ms < 0 || loaded < 0)
			continue;
		if (attach(m) || (fd = open_drive()) < 0) {
			r->clean_err = -ENODEV;
			snprintf(r->log_problem, sizeof(r->log_problem), "no drive");
			continue;
		}
		r->clean_err = _test_query(ms, fd, &r->clean);
		sequence(fd, r);
		close(fd);
	}
	for (struct medium_run *r = runs; r < runs + nruns; r++) {
		for (i = 0; i < r->nops; i++) {
			for (size_t j = 0; j < ARRAY_SIZE(faults); j++) {
				FIXTURE_VARIANT(fault) *row;
				char rule[96];

				if (faults[j].slow && !full)
					continue;
				/* nth= fires once anyway */
				if (!first_of_opcode(r->ops, i) &&
				    strstr(faults[j].rule, "count="))
					continue;
				fault_rule(r, i, faults[j].rule, rule, sizeof(rule));
				ADD_ROW(fault, "%s: %s", r->name, rule);
				row->medium = r - runs;
				snprintf(row->rule, sizeof(row->rule), "%s", rule);
			}
		}
	}
	for (struct medium_run *r = runs; r < runs + nruns; r++) {
		for (i = 0; i < r->nops; i++) {
			for (size_t k = 0; k < ARRAY_SIZE(cut_lens); k++) {
				FIXTURE_VARIANT(cut) *row;

				ADD_ROW(cut, "%s: command %d (0x%02x) to %u bytes",
					r->name, i + 1, r->ops[i], cut_lens[k]);
				row->medium = r - runs;
				row->command = i;
				row->len = cut_lens[k];
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *media = getenv("MS_FAULT_MEDIA");
	const char *full = getenv("MS_FAULT_FULL");

	attached = mmap(NULL, sizeof(*attached), PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (attached == MAP_FAILED)
		return KSFT_FAIL;
	ms = open(MS_DEV, O_RDONLY);
	if (ms >= 0)
		loaded = ms_mmcsim_load("");
	/* make stress names more: MS_FAULT_MEDIA */
	if (add_rows(media ? media : "cdr-appendable2 dvdplusr-appendable2 dvdplusrw-iso bdre-unformatted",
		     full && !strcmp(full, "1")))
		return KSFT_FAIL;
	return test_harness_run(argc, argv);
}
