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
FIXTURE_VARIANT_ADD(qemu, usb_cd) { .bus = "usb" };

FIXTURE_SETUP(qemu)
{
	self->cd = -1;
	self->ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (self->ms < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	if (!getenv("MS_QEMU_ISO") ||
	    ms_find_drive(variant->bus, self->path, sizeof(self->path)))
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

	/* the summary costs a handful of commands, not dozens */
	EXPECT_LE(q.out_commands, 6);
	EXPECT_GE(q.out_commands, 2);
}

/* Asking twice gives the same answer: nothing drifts between queries. */
TEST_F(qemu, stable_answer)
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

TEST(empty_drive)
{
	struct multisession_query q;
	char path[64];
	int ms, cd;

	ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (ms < 0)
		SKIP(return, MS_DEV " missing");
	if (ms_find_drive("ata", path, sizeof(path)))
		SKIP(return, "no empty ide-cd in this VM");
	cd = open(path, O_RDONLY | O_NONBLOCK);
	ASSERT_LE(0, cd);
	/* the kernel's own view: no disc */
	EXPECT_EQ(CDS_NO_DISC, ioctl(cd, CDROM_DRIVE_STATUS, CDSL_CURRENT));
	test_err_query(ENOMEDIUM, ms, cd, &q);
	close(cd);
	close(ms);
}

TEST_HARNESS_MAIN
