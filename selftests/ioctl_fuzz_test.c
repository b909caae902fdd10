// SPDX-License-Identifier: GPL-2.0-only
/*
 * ioctl fuzzer: random and mutated ioctl numbers, struct sizes, flags,
 * reserved fields, buffer pointers and file descriptors of every kind (the
 * drive, the drive opened write-only, a disk, a partition, files, a pipe, a
 * socket, /dev/multisession, closed ones), from root and from an
 * unprivileged user (with no descriptor of a drive left open: it must
 * hold none), while another thread closes and reopens one of the
 * descriptors. Every call must return 0 or an errno that
 * uapi/linux/multisession.h documents; only a readable drive's descriptor
 * may give an answer, so an unprivileged caller never gets one; the kernel
 * must stay quiet (run.sh fails on any splat).
 *
 * MS_FUZZ_CALLS sets the number of calls (default 10000), MS_FUZZ_SEED the
 * seed (default: time), printed so that a failure can be replayed.
 */
#include <dirent.h>
#include <grp.h>
#include <linux/major.h>
#include <pthread.h>
#include <pwd.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>

#include "ms_utils.h"

#define NFDS 16

static int fds[NFDS];
static int race_slot;			/* index in fds[] the racer churns */
static atomic_int stop_racer;
static unsigned long long seed;
static char *page_ro, *page_end, *unmapped;

static unsigned long long rnd(void)
{
	/* xorshift64*: reproducible from MS_FUZZ_SEED */
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return seed * 2685821657736338717ULL;
}

static void *racer(void *arg)
{
	int fd = fds[race_slot];

	(void)arg;
	while (!atomic_load(&stop_racer)) {
		int p[2];

		/* the slot is a drive fd, then closed, then a pipe */
		close(fd);
		if (pipe(p) == 0) {
			dup2(p[0], fd);
			close(p[0]);
			close(p[1]);
		}
		close(fd);
		dup2(fds[0], fd);
	}
	return NULL;
}

static int documented(int err)
{
	switch (err) {
	case 0: case ENOTTY: case EINVAL: case E2BIG: case EFAULT: case EBADF:
	case ENOTBLK: case ENODEV: case EACCES: case ENOMEDIUM: case EBUSY:
	case EMEDIUMTYPE: case EIO: case ETIMEDOUT: case EINTR: case ENOMEM:
		return 1;
	}
	return 0;
}

/* One mutated struct somewhere: valid memory, read-only, unmapped, ... */
static void *pick_buffer(void *valid, size_t len)
{
	switch (rnd() % 8) {
	case 0:
		return NULL;
	case 1:
		return unmapped;
	case 2:
		return page_ro;
	case 3:
		/* the struct runs into an inaccessible page */
		return page_end - (rnd() % (len ? len : 1));
	case 4:
		return (void *)(uintptr_t)rnd();
	default:
		return valid;
	}
}

static unsigned long pick_cmd(void)
{
	switch (rnd() % 10) {
	case 0:
		return rnd();
	case 1:
		return _IO(MULTISESSION_TYPE, rnd() % 16);
	case 2:
		return _IOWR(MULTISESSION_TYPE, rnd() % 4, struct multisession_query);
	case 3:
		return MULTISESSION_GET_INFO;
	default:
		return MULTISESSION_QUERY;
	}
}

/*
 * Run @calls calls; return how many gave an errno the header does not list
 * or an answer through a descriptor that is not a readable drive.
 */
static long fuzz(int ms, long calls, long *answers)
{
	static struct multisession_track tracks[64];
	union {
		struct multisession_query q;
		struct multisession_info i;
		__u8 raw[512];
	} u;
	long bad = 0, n;

	for (n = 0; n < calls; n++) {
		unsigned long cmd = pick_cmd();
		size_t i;
		void *arg;
		int ret;

		memset(&u, 0, sizeof(u));
		u.q.size = sizeof(u.q);
		u.q.cdrom_fd = fds[rnd() % NFDS];
		switch (rnd() % 8) {
		case 0:
			u.q.size = rnd() % sizeof(u.raw);
			break;
		case 1:
			u.q.flags = 1u << (rnd() % 32);
			break;
		case 2:
			u.q.tracks_uptr = (uintptr_t)pick_buffer(tracks, sizeof(tracks));
			u.q.tracks_capacity = rnd() % 2 ? rnd() : 64;
			u.q.flags = MULTISESSION_QUERY_TRACKS;
			break;
		case 3:
			/* a byte set past the known fields, or in a reserved one */
			i = rnd() % sizeof(u.raw);
			u.raw[i] = rnd() | 1;
			if (rnd() % 2)
				u.q.size = sizeof(u.raw);
			break;
		case 4:
			u.q.cdrom_fd = (int)rnd();
			break;
		}
		if (cmd == MULTISESSION_GET_INFO)
			u.i.size = rnd() % 3 ? sizeof(u.i) : rnd() % 64;
		arg = pick_buffer(&u, u.q.size);
		ret = ms_ioctl(ms, cmd, arg);
		if (ret == 0 && cmd == MULTISESSION_QUERY)
			(*answers)++;
		/* only a readable drive's fd may give an answer */
		if (ret == 0 && cmd == MULTISESSION_QUERY && arg == (void *)&u &&
		    u.q.cdrom_fd != fds[0] && u.q.cdrom_fd != fds[race_slot]) {
			fprintf(stderr, "# answer through fd %d, not a readable drive\n",
				u.q.cdrom_fd);
			bad++;
		}
		if (ret < 0 && !documented(-ret)) {
			fprintf(stderr, "# undocumented: cmd %#lx fd %d size %u flags %#x -> %s\n",
				cmd, u.q.cdrom_fd, u.q.size, u.q.flags, strerror(-ret));
			bad++;
		}
	}
	return bad;
}

static void setup_fds(void)
{
	char path[64];
	int p[2], i;

	for (i = 0; i < NFDS; i++)
		fds[i] = -1;
	if (!ms_find_drive("virtio", path, sizeof(path)) ||
	    !ms_find_drive("ata", path, sizeof(path)) ||
	    !ms_find_drive("", path, sizeof(path)))
		fds[0] = open(path, O_RDONLY | O_NONBLOCK);
	if (pipe(p) == 0) {
		fds[1] = p[0];
		fds[2] = p[1];
	}
	fds[3] = open("/proc/self/status", O_RDONLY);
	fds[4] = open("/dev/null", O_RDWR);
	fds[5] = open(MS_DEV, O_RDONLY);
	fds[6] = open("/", O_RDONLY | O_DIRECTORY);
	fds[7] = socket(AF_UNIX, SOCK_STREAM, 0);
	fds[8] = open("/dev/zero", O_RDONLY);
	fds[9] = 9999;			/* never open */
	fds[10] = fds[0] >= 0 ? dup(fds[0]) : -1;
	race_slot = 10;
	fds[11] = -1;
	/* block devices that are not optical drives: the VM's disk and its
	 * partition; the drive opened write-only; a file on a disk */
	fds[12] = open("/dev/vda", O_RDONLY | O_NONBLOCK);
	fds[13] = open("/dev/vda1", O_RDONLY | O_NONBLOCK);
	fds[14] = fds[0] >= 0 ? open(path, O_WRONLY | O_NONBLOCK) : -1;
	fds[15] = open("/etc/passwd", O_RDONLY);
}

/* Whether this process holds a descriptor of an sr drive. */
static int holds_drive_fd(void)
{
	struct dirent *e;
	struct stat st;
	int found = 0;
	DIR *dir;

	dir = opendir("/proc/self/fd");
	if (!dir)
		return 1;
	while ((e = readdir(dir)))
		if (e->d_name[0] != '.' && !fstat(atoi(e->d_name), &st) &&
		    S_ISBLK(st.st_mode) && major(st.st_rdev) == SCSI_CDROM_MAJOR)
			found = 1;
	closedir(dir);
	return found;
}

/*
 * In a child as user nobody, with root's drive descriptors closed: no
 * drive fd to be had, so never an answer. Their numbers stay in the table
 * and are tried, closed.
 */
static int unprivileged(int ms, long calls)
{
	struct passwd *nobody = getpwnam("nobody");
	long answers = 0, bad;
	char path[64];
	int denied = 1;

	if (!nobody || setgroups(0, NULL) || setgid(nobody->pw_gid) ||
	    setuid(nobody->pw_uid))
		return 3;
	if (!ms_find_drive("", path, sizeof(path)))
		denied = open(path, O_RDONLY | O_NONBLOCK) < 0 &&
			 (errno == EACCES || errno == EPERM);
	/* root's descriptors of the drive are not this user's to pass */
	close(fds[0]);
	close(fds[10]);
	close(fds[14]);
	if (holds_drive_fd())
		return 7;
	bad = fuzz(ms, calls, &answers);
	return !denied ? 4 : bad ? 5 : answers ? 6 : 0;
}

/* The suite's own time limit decides: the fuzzer may be asked for 10^5 calls. */
#define FUZZ_TIMEOUT 10800

FIXTURE(fuzz) {
	int ms;
	long calls;
};

FIXTURE_SETUP(fuzz)
{
	const char *env = getenv("MS_FUZZ_CALLS");

	self->calls = env ? atol(env) : 10000;
	env = getenv("MS_FUZZ_SEED");
	seed = env ? strtoull(env, NULL, 0) : (unsigned long long)time(NULL);
	seed |= 1;
	self->ms = open(MS_DEV, O_RDONLY);
	if (self->ms < 0)
		SKIP(return, MS_DEV " missing");
	page_ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	page_end = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unmapped = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, page_ro);
	ASSERT_NE(MAP_FAILED, page_end);
	ASSERT_NE(MAP_FAILED, unmapped);
	ASSERT_EQ(0, munmap(unmapped, 4096));
	ASSERT_EQ(0, mprotect(page_end + 4096, 4096, PROT_NONE));
	page_end += 4096;
	setup_fds();
	TH_LOG("seed %llu, %ld calls per caller", seed, self->calls);
}

FIXTURE_TEARDOWN(fuzz)
{
	if (self->ms >= 0)
		close(self->ms);
}

TEST_F_TIMEOUT(fuzz, root, FUZZ_TIMEOUT)
{
	long answers = 0, bad;
	pthread_t th;

	ASSERT_EQ(0, pthread_create(&th, NULL, racer, NULL));
	bad = fuzz(self->ms, self->calls, &answers);
	atomic_store(&stop_racer, 1);
	pthread_join(th, NULL);
	TH_LOG("%ld calls, %ld answers, %ld undocumented errnos", self->calls,
	       answers, bad);
	EXPECT_EQ(0, bad);
}

TEST_F_TIMEOUT(fuzz, unprivileged, FUZZ_TIMEOUT)
{
	pid_t pid;
	int st;

	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(unprivileged(self->ms, self->calls));
	ASSERT_EQ(pid, waitpid(pid, &st, 0));
	ASSERT_TRUE(WIFEXITED(st));
	EXPECT_EQ(0, WEXITSTATUS(st))
		TH_LOG("status 3 no user nobody, 4 drive not refused, 5 undocumented errno, "
		       "6 an answer, 7 a drive descriptor left open");
}

TEST_F(fuzz, get_info_intact)
{
	struct multisession_info info = { .size = sizeof(info) };

	ASSERT_EQ(0, ms_ioctl(self->ms, MULTISESSION_GET_INFO, &info));
	EXPECT_EQ(MULTISESSION_API_VERSION, info.out_api_version);
}

TEST_HARNESS_MAIN
