// SPDX-License-Identifier: GPL-2.0-only
/*
 * The timing half of `make bench` (selftests/vm/bench.sh counts the drive's
 * commands): one line of numbers per run, microseconds.
 *
 *   ms_bench query DEV N       N summary queries on one open fd: mean per query
 *   ms_bench table DEV         one query with the session/track table
 *   ms_bench sgio DEV N        N bare SG_IO READ DISC INFORMATION commands
 *                              on one open fd: mean per command, the
 *                              reference for the ioctl path's own cost
 *   ms_bench cdrom DEV         the same answer through the kernel's cdrom
 *                              ioctls: CDROMMULTISESSION (msc1, from sr's
 *                              cache) and CDROM_NEXT_WRITABLE, open included
 *   ms_bench concurrent DEV T COUNTS
 *                              T threads, each with its own open fd, query
 *                              at once: p50 p99 max, and the commands the
 *                              drive saw meanwhile (mmcsim's debugfs COUNTS,
 *                              reset once every fd is open)
 *   ms_bench concurrent-table DEV T COUNTS
 *                              the same with the track table
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include <linux/cdrom.h>
#include <linux/multisession.h>
#include <scsi/sg.h>

#define MS_DEV "/dev/multisession"
#define MAX_THREADS 1024
#define MAX_TRACKS 512

static const char *dev;
static int ms_fd;
static bool with_table;
static pthread_barrier_t start;
static double latency[MAX_THREADS];

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void die(const char *what)
{
	fprintf(stderr, "ms_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int open_drive(void)
{
	int fd = open(dev, O_RDONLY | O_NONBLOCK);

	if (fd < 0)
		die(dev);
	return fd;
}

static int query(int fd, struct multisession_track *tracks, unsigned int cap,
		 struct multisession_query *q)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->cdrom_fd = fd;
	if (tracks) {
		q->flags = MULTISESSION_QUERY_TRACKS;
		q->tracks_uptr = (uintptr_t)tracks;
		q->tracks_capacity = cap;
	}
	return ioctl(ms_fd, MULTISESSION_QUERY, q);
}

static void *concurrent_caller(void *arg)
{
	long i = (long)arg;
	struct multisession_track *tracks = NULL;
	struct multisession_query q;
	int fd = open_drive();
	double t;

	if (with_table) {
		tracks = calloc(MAX_TRACKS, sizeof(*tracks));
		if (!tracks)
			die("calloc");
	}
	pthread_barrier_wait(&start);	/* all open */
	pthread_barrier_wait(&start);	/* counters reset */
	t = now_us();
	if (query(fd, tracks, MAX_TRACKS, &q))
		die("MULTISESSION_QUERY");
	latency[i] = now_us() - t;
	pthread_barrier_wait(&start);	/* counters read */
	pthread_barrier_wait(&start);
	close(fd);
	free(tracks);
	return NULL;
}

static void read_disc_information(int fd)
{
	unsigned char cdb[10] = { 0x51, [8] = 34 }, reply[34], sense[32];
	struct sg_io_hdr io = {
		.interface_id = 'S',
		.dxfer_direction = SG_DXFER_FROM_DEV,
		.cmd_len = sizeof(cdb),
		.mx_sb_len = sizeof(sense),
		.dxfer_len = sizeof(reply),
		.dxferp = reply,
		.cmdp = cdb,
		.sbp = sense,
		.timeout = 10000,
	};

	if (ioctl(fd, SG_IO, &io))
		die("SG_IO");
	if (io.status || io.host_status || io.driver_status) {
		errno = EIO;
		die("READ DISC INFORMATION");
	}
}

/* mmcsim's per-opcode counters: "0xNN count" lines; writing resets them */
static long drive_commands(const char *counts, bool reset)
{
	FILE *f = fopen(counts, reset ? "w" : "r");
	unsigned int op;
	long n, sum = 0;

	if (!f)
		die(counts);
	if (reset)
		fputs("reset\n", f);
	else
		while (fscanf(f, "%x %ld", &op, &n) == 2)
			sum += n;
	if (fclose(f))
		die(counts);
	return sum;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void usage(void)
{
	fprintf(stderr, "usage: ms_bench query|table|sgio|cdrom DEV [N]\n"
		"       ms_bench concurrent|concurrent-table DEV THREADS COUNTS\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct multisession_track tracks[MAX_TRACKS];
	struct multisession_query q;
	long n = argc > 3 ? strtol(argv[3], NULL, 10) : 1;
	double t;
	int fd;

	if (argc < 3 || n < 1 || n > MAX_THREADS)
		usage();
	dev = argv[2];
	if (!strcmp(argv[1], "cdrom")) {
		struct cdrom_multisession ms = { .addr_format = CDROM_LBA };
		long nwa = -1;

		t = now_us();
		fd = open_drive();
		if (ioctl(fd, CDROMMULTISESSION, &ms))
			die("CDROMMULTISESSION");
		/* fails on closed media: no next writable address */
		ioctl(fd, CDROM_NEXT_WRITABLE, &nwa);
		close(fd);
		printf("%.0f %d %ld\n", now_us() - t, ms.addr.lba, nwa);
		return 0;
	}
	if (!strcmp(argv[1], "sgio")) {
		long i;

		fd = open_drive();
		t = now_us();
		for (i = 0; i < n; i++)
			read_disc_information(fd);
		printf("%.1f\n", (now_us() - t) / n);
		return 0;
	}
	ms_fd = open(MS_DEV, O_RDONLY);
	if (ms_fd < 0)
		die(MS_DEV);
	if (!strcmp(argv[1], "query") || !strcmp(argv[1], "table")) {
		bool table = argv[1][0] == 't';
		long i;

		fd = open_drive();
		t = now_us();
		for (i = 0; i < n; i++)
			if (query(fd, table ? tracks : NULL, MAX_TRACKS, &q))
				die("MULTISESSION_QUERY");
		printf("%.1f %u %u\n", (now_us() - t) / n, q.out_commands,
		       q.out_tracks_total);
		return 0;
	}
	with_table = !strcmp(argv[1], "concurrent-table");
	if ((with_table || !strcmp(argv[1], "concurrent")) && argc == 5) {
		pthread_t th[MAX_THREADS];
		long i, cmds;

		pthread_barrier_init(&start, NULL, n + 1);
		for (i = 0; i < n; i++)
			if (pthread_create(&th[i], NULL, concurrent_caller, (void *)i))
				die("pthread_create");
		pthread_barrier_wait(&start);
		drive_commands(argv[4], true);
		pthread_barrier_wait(&start);
		pthread_barrier_wait(&start);
		cmds = drive_commands(argv[4], false);
		pthread_barrier_wait(&start);
		for (i = 0; i < n; i++)
			pthread_join(th[i], NULL);
		qsort(latency, n, sizeof(latency[0]), cmp_double);
		printf("%.0f %.0f %.0f %ld\n", latency[(n - 1) / 2],
		       latency[(n * 99 + 99) / 100 - 1], latency[n - 1], cmds);
		return 0;
	}
	usage();
	return 2;
}
