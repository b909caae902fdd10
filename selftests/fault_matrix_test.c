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
#include <stdarg.h>
#include <sys/stat.h>

#include "ms_utils.h"

#define CFG MMCSIM_CFG
#define NAME "faultmx"

static const char *const faults[] = {
	"sense=2/04/01 count=1",	/* becoming ready once: retried */
	"sense=2/04/01",		/* stays becoming ready */
	"sense=2/3a/00",		/* medium gone */
	"sense=3/11/00",		/* unrecovered read error */
	"sense=4/08/03",		/* LUN communication CRC error */
	"sense=5/24/00",		/* invalid field in CDB */
	"sense=5/20/00",		/* invalid command operation code */
	"sense=6/28/00 count=1",	/* medium may have changed */
	"sense=6/29/00 count=1",	/* power on / reset */
	"short=0", "short=4", "short=8", "short=20",
	"garbage", "garbage count=1",
	"delay=1500",
	"detach",
	"timeout", "delay=40000",	/* MS_FAULT_FULL only */
};
#define NFAST 17

static int pass, fail, cases, cases_passed;

static void report(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%s %d ", ok ? "ok" : "not ok", pass + fail + 1);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	ok ? pass++ : fail++;
}

static int put(const char *attr, const char *val)
{
	return ms_mmcsim_put(NAME, attr, val);
}

static void detach(void)
{
	ms_mmcsim_detach(NAME);
}

/* A drive holding @medium; its /dev/srN opened in *fd. */
static int attach(const char *medium, char *path, size_t len, int *fd)
{
	if (ms_mmcsim_attach(NAME, medium, path, len))
		return -1;
	*fd = open(path, O_RDONLY | O_NONBLOCK);
	return *fd < 0 ? -1 : 0;
}

static int query(int ms, int fd, struct multisession_query *q)
{
	return _test_query(ms, fd, q);
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
 * BD-R POW). Return how many, or -1 if the log is not as README.md
 * describes it.
 */
static int sequence(int ms, int fd, const char *medium, unsigned int *ops, int max)
{
	unsigned long long seq, prev = 0;
	unsigned int op, status, key, asc, ascq, len, cdb0;
	struct multisession_query q;
	char line[256], cdb[80];
	int n = 0, bad = 0;
	FILE *f;

	if (put("log", "1"))
		return -1;
	f = fopen(MMCSIM_DEBUGFS "/" NAME "/log", "w");
	if (!f)
		return -1;
	fputs("clear\n", f);
	fclose(f);
	query(ms, fd, &q);
	put("log", "0");
	f = fopen(MMCSIM_DEBUGFS "/" NAME "/log", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llu op=0x%x cdb=%79s status=0x%x sense=%x/%x/%x len=%u",
			   &seq, &op, cdb, &status, &key, &asc, &ascq, &len) != 8 ||
		    sscanf(cdb, "%2x", &cdb0) != 1 || cdb0 != op ||
		    (n && seq != prev + 1) ||
		    (status ? status != 2 || key != 5 : key || asc || ascq)) {
			printf("# %s: log line: %s", medium, line);
			bad = 1;
		}
		prev = seq;
		if (n < max)
			ops[n] = op;
		n++;
	}
	fclose(f);
	report(!bad && n == (int)q.out_commands && n <= max,
	       "%s: the command log holds the query's %u commands in order, each GOOD or 05/xx",
	       medium, q.out_commands);
	return bad || n > max ? -1 : n;
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

/* The query's outcome with the reply of command @i of @ops alone cut by @how. */
static int query_cut(int ms, int fd, const unsigned int *ops, int i,
		     const char *how, unsigned int len, struct multisession_query *q)
{
	char rule[96];
	int err;

	if (first_of_opcode(ops, i))
		snprintf(rule, sizeof(rule), "op=0x%02x %s=%u count=1", ops[i], how, len);
	else
		snprintf(rule, sizeof(rule), "nth=%d %s=%u", i + 1, how, len);
	put("fault", rule);
	err = query(ms, fd, q);
	put("fault", "clear");
	return err;
}

/*
 * A reply cut short by a transport that reports no residual (libata's
 * ATAPI path) leaves the rest of the buffer as it was: the query must take
 * it exactly as the same bytes followed by zeros that a drive sent, never
 * read an earlier reply's bytes there.
 */
static void unreported_is_padded(int ms, int fd, const char *medium,
				 const unsigned int *ops, int nops)
{
	static const unsigned int lens[] = { 4, 8, 20 };
	struct multisession_query qu, qp;
	const char *what;
	int eu, ep;

	for (int i = 0; i < nops; i++) {
		for (size_t k = 0; k < ARRAY_SIZE(lens); k++) {
			eu = query_cut(ms, fd, ops, i, "unreported", lens[k], &qu);
			ep = query_cut(ms, fd, ops, i, "padded", lens[k], &qp);
			what = eu || ep ? NULL : differs(&qu, &qp);
			report(eu == ep && !what,
			       "%s: command %d (0x%02x) cut to %u bytes without a residual = with zeros sent: %s / %s%s%s",
			       medium, i + 1, ops[i], lens[k],
			       eu ? strerror(-eu) : "answer", ep ? strerror(-ep) : "answer",
			       what ? ": " : "", what ? what : "");
		}
	}
}

static void run_medium(int ms, const char *medium, int nfaults)
{
	struct multisession_query clean, q;
	unsigned int ops[16];
	long long msc1, nwa;
	char path[64], rule[96];
	int fd, nops, clean_err, err, i, j;
	/* a preset whose last track is damaged: nothing may follow it */
	int damaged = strstr(medium, "-damaged") != NULL;

	if (attach(medium, path, sizeof(path), &fd)) {
		report(0, "%s: attach", medium);
		detach();
		return;
	}
	clean_err = query(ms, fd, &clean);
	if (clean_err)
		report(0, "%s: unfaulted query: %s", medium, strerror(-clean_err));
	else if (clean.out_medium_flags & MULTISESSION_MEDIUM_OVERWRITEABLE)
		report(1, "%s: unfaulted query (overwriteable, volume of %lld blocks)",
		       medium, (long long)clean.out_volume_blocks);
	else if (!cdrskin_msinfo(path, &msc1, &nwa) && damaged)
		/* cdrskin gives the drive's NWA past the damaged track */
		report(msc1 == clean.out_prev_session_start && clean.out_nwa == -1,
		       "%s: unfaulted answer %lld,%lld = cdrskin -msinfo's msc1 %lld, no NWA",
		       medium, (long long)clean.out_prev_session_start,
		       (long long)clean.out_nwa, msc1);
	else if (!cdrskin_msinfo(path, &msc1, &nwa))
		report(msc1 == clean.out_prev_session_start && nwa == clean.out_nwa,
		       "%s: unfaulted answer %lld,%lld = cdrskin -msinfo %lld,%lld",
		       medium, (long long)clean.out_prev_session_start,
		       (long long)clean.out_nwa, msc1, nwa);
	else
		report(clean.out_prev_session_start == -1 || clean.out_nwa == -1,
		       "%s: unfaulted answer: nothing to continue, as cdrskin says",
		       medium);
	/*
	 * A command's first instance: the fault on every command of its
	 * opcode (count=1: on the first only). A later instance of an opcode
	 * (another READ TRACK INFORMATION, the pass's closing READ DISC
	 * INFORMATION): the fault on that one command alone (nth=).
	 */
	nops = sequence(ms, fd, medium, ops, 16);
	for (i = 0; i < nops; i++) {
		for (j = 0; j < nfaults; j++) {
			const char *f = faults[j];
			const char *what;
			int gone = 0, right, failed_before = fail;

			if (first_of_opcode(ops, i))
				snprintf(rule, sizeof(rule), "op=0x%02x %s", ops[i], f);
			else if (strstr(f, "count="))
				continue;	/* nth= fires once anyway */
			else
				snprintf(rule, sizeof(rule), "nth=%d %s", i + 1, f);
			cases++;
			put("fault", rule);
			err = query(ms, fd, &q);
			put("fault", "clear");
			what = err ? NULL : differs(&q, &clean);
			right = err == clean_err && !what;
			if (!strcmp(f, "detach")) {
				close(fd);
				gone = access(path, F_OK) != 0;
				detach();
				if (attach(medium, path, sizeof(path), &fd)) {
					report(0, "%s: attach again", medium);
					detach();
					return;
				}
			}
			if (right)
				report(1, "%s: %s: right answer", medium, rule);
			else if (err && documented(err))
				report(1, "%s: %s: %s", medium, rule, strerror(-err));
			else if (err)
				report(0, "%s: %s: undocumented %s%s", medium, rule,
				       strerror(-err), gone ? " (drive gone)" : "");
			else
				report(0, "%s: %s: WRONG answer: %s", medium, rule,
				       what ? what : "succeeded where it failed");
			err = query(ms, fd, &q);
			if (err != clean_err || (!err && differs(&q, &clean)))
				report(0, "%s: %s: afterwards the answer is not the unfaulted one (err %d)",
				       medium, rule, err);
			if (fail == failed_before)
				cases_passed++;
		}
	}
	unreported_is_padded(ms, fd, medium, ops, nops);
	close(fd);
	detach();
}

int main(void)
{
	const char *env = getenv("MS_FAULT_MEDIA");
	char media[512], *m, *save;
	int full = getenv("MS_FAULT_FULL") && !strcmp(getenv("MS_FAULT_FULL"), "1");
	int ms = open(MS_DEV, O_RDONLY), loaded = ms_mmcsim_load("");

	printf("TAP version 13\n");
	if (ms < 0 || loaded < 0) {
		printf("ok 1 # SKIP multisession.ko or mmcsim not loaded\n");
		printf("# Totals: pass:0 fail:0 xfail:0 xpass:0 skip:1 error:0\n");
		return 0;
	}
	/* make stress names more: MS_FAULT_MEDIA */
	snprintf(media, sizeof(media), "%s", env ? env :
		 "cdr-appendable2 dvdplusr-appendable2 dvdplusrw-iso bdre-unformatted");
	for (m = strtok_r(media, " ", &save); m; m = strtok_r(NULL, " ", &save))
		run_medium(ms, m, full ? (int)ARRAY_SIZE(faults) : NFAST);
	if (loaded > 0 && system("rmmod mmcsim"))
		report(0, "rmmod mmcsim");
	printf("# fault matrix: cases run %d, cases passed %d (%d checks failed)\n",
	       cases, cases_passed, fail);
	printf("1..%d\n", pass + fail);
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n", pass, fail);
	return fail != 0;
}
