// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ABI rules of uapi/linux/multisession.h, one violation per check with
 * everything else valid: struct sizes, flags, reserved fields, bad pointers
 * and every kind of wrong file descriptor.
 */
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <linux/landlock.h>

#include "ms_utils.h"

FIXTURE(abi) {
	int ms;
	int cd;
	char cd_path[64];
};

FIXTURE_SETUP(abi)
{
	self->ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (self->ms < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	self->cd = -1;
	/* The testbed's scsi-cd holds an image: a valid drive and medium. */
	if (!ms_find_drive("virtio", self->cd_path, sizeof(self->cd_path)))
		self->cd = open(self->cd_path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

FIXTURE_TEARDOWN(abi)
{
	if (self->cd >= 0)
		close(self->cd);
	if (self->ms >= 0)
		close(self->ms);
}

#define NEED_CD()                                                     \
	do {                                                          \
		if (self->cd < 0)                                     \
			SKIP(return, "no scsi-cd with a medium");     \
	} while (0)

TEST_F(abi, get_info)
{
	struct multisession_info info = { .size = sizeof(info) };

	ASSERT_EQ(0, ioctl(self->ms, MULTISESSION_GET_INFO, &info));
	EXPECT_EQ((__u32)MULTISESSION_API_VERSION, info.out_api_version);
	EXPECT_EQ(sizeof(struct multisession_query), info.out_query_size);
	EXPECT_EQ(sizeof(struct multisession_track), info.out_track_size);
	EXPECT_EQ((__u64)MULTISESSION_QUERY_TRACKS, info.out_query_flags);
	info.flags = 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_GET_INFO, &info));
}

/* iommufd's cmd_length pattern. */
TEST_F(abi, query_length)
{
	struct {
		struct multisession_query q;
		__u8 extra;
	} big;
	struct multisession_query ref;

	NEED_CD();
	test_query(self->ms, self->cd, &ref);

	memset(&big, 0, sizeof(big));
	big.q.cdrom_fd = self->cd;
	big.q.size = MULTISESSION_QUERY_SIZE_VER0 - 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_QUERY, &big));

	big.q.size = sizeof(big.q) + 1;
	big.extra = 0xaa;
	EXPECT_EQ(-E2BIG, ms_ioctl(self->ms, MULTISESSION_QUERY, &big));

	big.extra = 0;
	ASSERT_EQ(0, ioctl(self->ms, MULTISESSION_QUERY, &big));
	EXPECT_EQ(0, big.extra);
	EXPECT_EQ(ref.out_profile, big.q.out_profile);
	EXPECT_EQ(ref.out_prev_session_start, big.q.out_prev_session_start);
	EXPECT_EQ(ref.out_prev_session_last_written,
		  big.q.out_prev_session_last_written);
}

/*
 * A size past a page is refused before any byte of it is read, even when
 * every byte is zero: 4 GiB of zero pages would otherwise be scanned.
 */
TEST_F(abi, size_bounded_by_page)
{
	const size_t page = sysconf(_SC_PAGESIZE);
	/* a 32-bit build (ioctl_abi_test32) has no room for 4 GiB */
	const size_t huge = sizeof(void *) == 4 ? 0x40000000UL : 0xfffff000UL;
	struct multisession_info *info;
	struct multisession_query *q;
	void *map;

	map = mmap(NULL, huge, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_NE(MAP_FAILED, map);
	info = map;
	info->size = page;
	EXPECT_EQ(0, ioctl(self->ms, MULTISESSION_GET_INFO, info));
	info->size = page + 1;
	EXPECT_EQ(-E2BIG, ms_ioctl(self->ms, MULTISESSION_GET_INFO, info));
	info->size = huge;
	EXPECT_EQ(-E2BIG, ms_ioctl(self->ms, MULTISESSION_GET_INFO, info));

	memset(map, 0, page);
	q = map;
	q->size = huge;
	q->cdrom_fd = self->cd;
	EXPECT_EQ(-E2BIG, ms_ioctl(self->ms, MULTISESSION_QUERY, q));
	munmap(map, huge);
}

/* The reply covers the caller's struct and not a byte more. */
TEST_F(abi, query_writes_within_size)
{
	__u8 buf[sizeof(struct multisession_query) + 16];
	struct multisession_query *q = (void *)buf;

	NEED_CD();
	memset(buf, 0x5a, sizeof(buf));
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->cdrom_fd = self->cd;
	ASSERT_EQ(0, ioctl(self->ms, MULTISESSION_QUERY, q));
	EXPECT_EQ(0x5a, buf[sizeof(*q)]);
	EXPECT_EQ(0x5a, buf[sizeof(buf) - 1]);
	EXPECT_EQ(sizeof(*q), q->size);
}

TEST_F(abi, query_flags_and_reserved)
{
	struct multisession_query q;
	unsigned int bit;

	NEED_CD();
	for (bit = 1; bit < 32; bit++) {
		memset(&q, 0, sizeof(q));
		q.size = sizeof(q);
		q.cdrom_fd = self->cd;
		q.flags = 1U << bit;
		EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
	}
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.cdrom_fd = self->cd;
	q.__reserved = 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
	q.__reserved = 0;
	/* an entry size without the table it is the stride of */
	q.track_entry_size = MULTISESSION_TRACK_SIZE_VER0;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
	q.track_entry_size = 0;
	q.__reserved0 = 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
	q.__reserved0 = 0;
	/* a table buffer without the flag that asks for it */
	q.tracks_capacity = 4;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
}

TEST_F(abi, bad_pointers)
{
	struct multisession_query q;
	void *ro;

	EXPECT_EQ(-EFAULT, ms_ioctl(self->ms, MULTISESSION_QUERY, NULL));
	EXPECT_EQ(-EFAULT, ms_ioctl(self->ms, MULTISESSION_QUERY, (void *)8));

	NEED_CD();
	/* struct on a read-only page: the answer cannot be written back */
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		  -1, 0);
	ASSERT_NE(MAP_FAILED, ro);
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.cdrom_fd = self->cd;
	memcpy(ro, &q, sizeof(q));
	ASSERT_EQ(0, mprotect(ro, 4096, PROT_READ));
	EXPECT_EQ(-EFAULT, ms_ioctl(self->ms, MULTISESSION_QUERY, ro));
	munmap(ro, 4096);

	/* track table pointer unmapped, and missing with a capacity */
	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.cdrom_fd = self->cd;
	q.flags = MULTISESSION_QUERY_TRACKS;
	q.tracks_capacity = 1;
	EXPECT_EQ(-EFAULT, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
}

/*
 * The table never grows past tracks_capacity, whatever the total: guard
 * entries filled with 0x77 stay so. The testbed image is one data track
 * (the kernel's CDROMREADTOCHDR says how many).
 */
TEST_F(abi, track_table_capacity)
{
	struct cdrom_tochdr hdr;
	struct multisession_track t[4];
	struct multisession_query q;
	unsigned int cap, tracks;
	size_t i;

	NEED_CD();
	ASSERT_EQ(0, ioctl(self->cd, CDROMREADTOCHDR, &hdr));
	tracks = hdr.cdth_trk1 - hdr.cdth_trk0 + 1;
	ASSERT_GE(3, tracks);
	for (cap = 0; cap <= 3; cap++) {
		memset(t, 0x77, sizeof(t));
		memset(&q, 0, sizeof(q));
		q.size = sizeof(q);
		q.cdrom_fd = self->cd;
		q.flags = MULTISESSION_QUERY_TRACKS;
		q.tracks_capacity = cap;
		q.tracks_uptr = (unsigned long)t;
		ASSERT_EQ(0, ioctl(self->ms, MULTISESSION_QUERY, &q));
		/* the total whatever the capacity */
		EXPECT_EQ(tracks, q.out_tracks_total);
		for (i = (cap < tracks ? cap : tracks) * sizeof(t[0]);
		     i < sizeof(t); i++)
			ASSERT_EQ(0x77, ((__u8 *)t)[i]);
		if (cap) {
			EXPECT_EQ(hdr.cdth_trk0, t[0].number);
			EXPECT_EQ(0, t[0].start);
		}
	}

	/* a read-only table is a bad buffer */
	q.tracks_capacity = 1;
	q.tracks_uptr = (unsigned long)mmap(NULL, 4096, PROT_READ,
					    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE((unsigned long)MAP_FAILED, q.tracks_uptr);
	EXPECT_EQ(-EFAULT, ms_ioctl(self->ms, MULTISESSION_QUERY, &q));
	munmap((void *)(unsigned long)q.tracks_uptr, 4096);
}

/*
 * The caller's stride (track_entry_size) on a medium of six tracks:
 * mmcsim's dvdplusr-appendable5, five closed sessions of one track each,
 * 4064 blocks apart (2016 data blocks, DVD+R's 2048-block gap: the preset
 * definition), then the invisible track. Each entry is the kernel's 64
 * bytes followed by zeros up to the stride; nothing past capacity entries
 * is written, whatever the stride; a stride below the first version's
 * size is refused before anything is written.
 */
FIXTURE(stride) {
	struct ms_mmcsim_fixture sim;
};

FIXTURE_SETUP(stride)
{
	ms_mmcsim_fixture_setup(_metadata, &self->sim, "abi",
				"dvdplusr-appendable5");
}

FIXTURE_TEARDOWN(stride)
{
	ms_mmcsim_fixture_teardown(&self->sim);
}

#define STRIDE_TRACKS 6
#define STRIDE_GUARD 0x77

static int table_query(int ms, int cd, void *buf, __u32 capacity,
		       __u32 entry_size, struct multisession_query *q)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->cdrom_fd = cd;
	q->flags = MULTISESSION_QUERY_TRACKS;
	q->tracks_capacity = capacity;
	q->tracks_uptr = (unsigned long)buf;
	q->track_entry_size = entry_size;
	return ms_ioctl(ms, MULTISESSION_QUERY, q);
}

TEST_F(stride, entry_sizes)
{
	static const __u32 sizes[] = { 0, 64, 72, 128, 4096 };
	static __u8 buf[(STRIDE_TRACKS + 2) * 4096];
	struct multisession_track t;
	struct multisession_query q;
	unsigned int s, cap, i;
	size_t stride, off, k, written;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		stride = sizes[s] ? sizes[s] : MULTISESSION_TRACK_SIZE_VER0;
		/* too small a table, and one with room to spare */
		for (cap = 2; cap <= STRIDE_TRACKS + 2; cap += STRIDE_TRACKS) {
			memset(buf, STRIDE_GUARD, sizeof(buf));
			ASSERT_EQ(0, table_query(self->sim.ms, self->sim.cd,
						 buf, cap, sizes[s], &q));
			EXPECT_EQ(STRIDE_TRACKS, q.out_tracks_total);
			EXPECT_EQ(sizes[s], q.track_entry_size);
			written = cap < STRIDE_TRACKS ? cap : STRIDE_TRACKS;
			for (i = 0; i < written; i++) {
				off = i * stride;
				memcpy(&t, buf + off, sizeof(t));
				EXPECT_EQ(i + 1, t.number);
				EXPECT_EQ((__s64)i * 4064, t.start);
				EXPECT_EQ(0, t.__reserved0);
				for (k = sizeof(t); k < stride; k++)
					ASSERT_EQ(0, buf[off + k])
						TH_LOG("size %zu entry %u byte %zu",
						       stride, i, k);
			}
			for (k = written * stride; k < sizeof(buf); k++)
				ASSERT_EQ(STRIDE_GUARD, buf[k])
					TH_LOG("size %zu cap %u: byte %zu written",
					       stride, cap, k);
		}
	}
	/* the last entry is the invisible track, open for writing */
	memcpy(&t, buf + (STRIDE_TRACKS - 1) * 4096, sizeof(t));
	EXPECT_EQ(MULTISESSION_TRACK_BLANK, t.state);

	/* below the first version, above the limit: refused, nothing written */
	for (s = 0; s < 3; s++) {
		static const __u32 bad[] = { 1, MULTISESSION_TRACK_SIZE_VER0 - 1,
					     MULTISESSION_TRACK_SIZE_MAX + 1 };

		memset(buf, STRIDE_GUARD, sizeof(buf));
		EXPECT_EQ(-EINVAL, table_query(self->sim.ms, self->sim.cd, buf,
					       2, bad[s], &q));
		for (k = 0; k < sizeof(buf); k++)
			ASSERT_EQ(STRIDE_GUARD, buf[k]);
	}
}

/* The stride applies to the fault check too: the last byte must be writable. */
TEST_F(stride, stride_past_mapping)
{
	struct multisession_query q;
	__u8 *page;

	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, page);
	ASSERT_EQ(0, mprotect(page + 4096, 4096, PROT_READ));
	/* two 2048-byte entries fill the writable page: fine */
	EXPECT_EQ(0, table_query(self->sim.ms, self->sim.cd, page, 2, 2048, &q));
	/* a third runs into the read-only page */
	EXPECT_EQ(-EFAULT, table_query(self->sim.ms, self->sim.cd, page, 3, 2048, &q));
	munmap(page, 8192);
}

/*
 * A medium change reported while the track table is read makes the whole
 * query ask again (the table must not mix two discs), and the diskseq
 * reported is the one that held for that answer. On an overwriteable
 * medium (dvdplusrw-iso) the summary sends no READ TRACK INFORMATION and
 * the table one, so a UNIT ATTENTION 06/28/00 on that opcode lands in the
 * table: the query then costs two passes.
 */
TEST_F(stride, change_during_table)
{
	struct multisession_track t[4];
	struct multisession_query q;
	__u64 before, after;
	__u32 base;
	int i, err = -1;

	ASSERT_EQ(0, ms_mmcsim_put(self->sim.item, "medium", "dvdplusrw-iso"));
	/* the swap's own UNIT ATTENTION is consumed by a first query */
	for (i = 0; i < 5 && err; i++)
		err = table_query(self->sim.ms, self->sim.cd, t, 4, 0, &q);
	ASSERT_EQ(0, err);
	ASSERT_EQ(0, table_query(self->sim.ms, self->sim.cd, t, 4, 0, &q));
	ASSERT_EQ(1, q.out_tracks_total);
	base = q.out_commands;

	ASSERT_EQ(0, ms_mmcsim_put(self->sim.item, "fault", "op=0x52 sense=6/28/00 count=1"));
	ASSERT_EQ(0, ioctl(self->sim.cd, BLKGETDISKSEQ, &before));
	memset(t, 0, sizeof(t));
	ASSERT_EQ(0, table_query(self->sim.ms, self->sim.cd, t, 4, 0, &q));
	ASSERT_EQ(0, ioctl(self->sim.cd, BLKGETDISKSEQ, &after));
	ms_mmcsim_put(self->sim.item, "fault", "clear");
	EXPECT_GE(q.out_commands, 2 * base)
		TH_LOG("one pass costs %u, this query %u", base, q.out_commands);
	/* the one track of overwriteable media, from block 0 */
	EXPECT_EQ(1, q.out_tracks_total);
	EXPECT_EQ(1, t[0].number);
	EXPECT_EQ(0, t[0].start);
	if (before == after)
		EXPECT_EQ(before, q.out_diskseq);
}

TEST_F(abi, wrong_fds)
{
	struct multisession_query q;
	int pipefd[2], sv[2], fd;
	char path[] = "/tmp/ms_abi_XXXXXX";

	test_err_query(EBADF, self->ms, -1, &q);
	test_err_query(EBADF, self->ms, 100000, &q);

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	unlink(path);
	test_err_query(ENOTBLK, self->ms, fd, &q);
	close(fd);
	test_err_query(EBADF, self->ms, fd, &q);

	ASSERT_EQ(0, pipe(pipefd));
	test_err_query(ENOTBLK, self->ms, pipefd[0], &q);
	close(pipefd[0]);
	close(pipefd[1]);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	test_err_query(ENOTBLK, self->ms, sv[0], &q);
	close(sv[0]);
	close(sv[1]);

	fd = open("/tmp", O_RDONLY | O_DIRECTORY);
	test_err_query(ENOTBLK, self->ms, fd, &q);
	close(fd);
	test_err_query(ENOTBLK, self->ms, self->ms, &q);
	fd = open("/dev/null", O_RDONLY);
	test_err_query(ENOTBLK, self->ms, fd, &q);
	close(fd);

	/* a disk and a partition: block devices, but not optical drives */
	fd = open("/dev/vda", O_RDONLY | O_NONBLOCK);
	if (fd >= 0) {
		test_err_query(ENODEV, self->ms, fd, &q);
		close(fd);
	}
	fd = open("/dev/vda1", O_RDONLY | O_NONBLOCK);
	if (fd >= 0) {
		test_err_query(ENODEV, self->ms, fd, &q);
		close(fd);
	}
	/* O_PATH grants nothing */
	fd = open("/dev/vda", O_PATH);
	if (fd >= 0) {
		test_err_query(EBADF, self->ms, fd, &q);
		close(fd);
	}
}

/* Opening the drive for reading is the authorization. */
TEST_F(abi, write_only_fd)
{
	struct multisession_query q;
	int fd;

	NEED_CD();
	fd = open(self->cd_path, O_WRONLY | O_NONBLOCK);
	if (fd < 0)
		SKIP(return, "sr refuses O_WRONLY here (%s)", strerror(errno));
	test_err_query(EACCES, self->ms, fd, &q);
	close(fd);
}

#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15) /* Landlock ABI 5, 6.10 */
#endif

/*
 * In a child whose Landlock domain withholds ioctls on devices, with the
 * drive opened inside it: sr itself refuses it a CDROM ioctl, and so must a
 * query through /dev/multisession (opened before, so Landlock lets the
 * query's own ioctl through). Unrestricted, the same child code answers.
 */
static int sandboxed_query(int ms, const char *path, int restrict_ioctl)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_IOCTL_DEV,
	};
	struct multisession_query q;
	int ruleset, cd, err;

	if (restrict_ioctl) {
		ruleset = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
		if (ruleset < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		    syscall(__NR_landlock_restrict_self, ruleset, 0))
			return 10;
		close(ruleset);
	}
	cd = open(path, O_RDONLY | O_NONBLOCK);
	if (cd < 0)
		return 11;
	err = ms_ioctl(cd, CDROM_GET_CAPABILITY, NULL);
	if (restrict_ioctl != (err == -EACCES))
		return 12;	/* Landlock did not act as its ABI says */
	err = _test_query(ms, cd, &q);
	return restrict_ioctl ? (err == -EACCES ? 0 : 13) : (err ? 14 : 0);
}

TEST_F(abi, landlock_ioctl_dev)
{
	int abi, restrict_ioctl, st;
	pid_t pid;

	NEED_CD();
	abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
		      LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 5)
		SKIP(return, "Landlock ABI %d: no LANDLOCK_ACCESS_FS_IOCTL_DEV", abi);
	for (restrict_ioctl = 0; restrict_ioctl <= 1; restrict_ioctl++) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0)
			_exit(sandboxed_query(self->ms, self->cd_path, restrict_ioctl));
		ASSERT_EQ(pid, waitpid(pid, &st, 0));
		EXPECT_TRUE(WIFEXITED(st));
		EXPECT_EQ(0, WEXITSTATUS(st))
			TH_LOG("restricted %d: status 10 Landlock, 11 open, 12 sr's "
			       "ioctl, 13 query not EACCES, 14 query failed",
			       restrict_ioctl);
	}
}

static int _test_refresh(int ms, int cd, struct multisession_refresh *r)
{
	memset(r, 0, sizeof(*r));
	r->size = sizeof(*r);
	r->cdrom_fd = cd;
	return ms_ioctl(ms, MULTISESSION_REFRESH, r);
}

/*
 * MULTISESSION_REFRESH keeps the same rules, and on a disc the kernel read
 * when it went in (the testbed's image) finds nothing to do: what it says
 * the kernel holds is what the block and cdrom layers' own ioctls give.
 */
TEST_F(abi, refresh)
{
	struct cdrom_multisession cms = { .addr_format = CDROM_LBA };
	struct {
		struct multisession_refresh r;
		__u8 extra;
	} big;
	struct multisession_refresh r;
	__u64 bytes, seq;
	int fd;

	EXPECT_EQ(-EBADF, _test_refresh(self->ms, -1, &r));
	fd = open("/dev/null", O_RDONLY);
	EXPECT_EQ(-ENOTBLK, _test_refresh(self->ms, fd, &r));
	close(fd);
	fd = open("/dev/vda", O_RDONLY | O_NONBLOCK);
	if (fd >= 0) {
		EXPECT_EQ(-ENODEV, _test_refresh(self->ms, fd, &r));
		close(fd);
	}
	NEED_CD();
	fd = open(self->cd_path, O_WRONLY | O_NONBLOCK);
	if (fd >= 0) {
		EXPECT_EQ(-EACCES, _test_refresh(self->ms, fd, &r));
		close(fd);
	}

	memset(&big, 0, sizeof(big));
	big.r.cdrom_fd = self->cd;
	big.r.size = MULTISESSION_REFRESH_SIZE_VER0 - 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_REFRESH, &big));
	big.r.size = sizeof(big.r) + 1;
	big.extra = 0xaa;
	EXPECT_EQ(-E2BIG, ms_ioctl(self->ms, MULTISESSION_REFRESH, &big));
	big.extra = 0;
	big.r.flags = 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_REFRESH, &big));
	big.r.flags = 0;
	big.r.__reserved = 1;
	EXPECT_EQ(-EINVAL, ms_ioctl(self->ms, MULTISESSION_REFRESH, &big));

	ASSERT_EQ(0, _test_refresh(self->ms, self->cd, &r));
	ASSERT_EQ(0, ioctl(self->cd, BLKGETSIZE64, &bytes));
	ASSERT_EQ(0, ioctl(self->cd, BLKGETDISKSEQ, &seq));
	ASSERT_EQ(0, ioctl(self->cd, CDROMMULTISESSION, &cms));
	EXPECT_EQ(0, r.out_stale);
	EXPECT_EQ(bytes / 512, r.out_held_sectors);
	EXPECT_EQ((__s64)r.out_held_sectors, r.out_drive_sectors);
	EXPECT_EQ(cms.addr.lba, r.out_held_session);
	EXPECT_EQ(r.out_held_session, r.out_drive_session);
	EXPECT_EQ(seq, r.out_diskseq);
	EXPECT_LT(0, r.out_commands);
}

TEST_F(abi, unknown_ioctl)
{
	struct multisession_query q = { .size = sizeof(q) };

	EXPECT_EQ(-ENOTTY, ms_ioctl(self->ms, _IO(MULTISESSION_TYPE, 0x7f), &q));
	EXPECT_EQ(-ENOTTY, ms_ioctl(self->ms, _IOR(MULTISESSION_TYPE,
						   MULTISESSION_CMD_QUERY, int), &q));
	EXPECT_EQ(-ENOTTY, ms_ioctl(self->ms, _IO('x', MULTISESSION_CMD_QUERY), &q));
}

TEST_HARNESS_MAIN
