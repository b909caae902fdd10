// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcsim at the SCSI level: commands sent straight to the drive through
 * SG_IO, each reply judged by what MMC (../shared/MMC.md sections 3 and 4)
 * says a drive answers -- the sense key, ASC and ASCQ of a refusal, the
 * status bytes of GET EVENT STATUS NOTIFICATION and READ DISC INFORMATION
 * -- not by what mmcsim answered before. Covers: unknown opcodes and
 * reserved fields, an empty and an open tray, the UNIT ATTENTION after a
 * medium change, writes refused by closed and write-protected media, and
 * the module-wide store cap (reloads mmcsim with max_store_mb=1).
 */
#include <sys/stat.h>

#include "ms_utils.h"

#define CFG MMCSIM_CFG
#define NAME "cmdtest"

static int put(const char *attr, const char *val)
{
	return ms_mmcsim_put(NAME, attr, val);
}

static void detach(void)
{
	ms_mmcsim_detach(NAME);
}

/*
 * A drive holding @medium, its /dev/srN open in *fd, the attention of the
 * medium's arrival already taken (so each test starts from a ready drive)
 * and sr's event polling off, so that nobody else takes the next one.
 */
static int attach(const char *medium, int *fd)
{
	char path[64], poll[96];
	unsigned char tur[6] = { 0 };
	struct ms_sg_reply r;
	FILE *f;
	int i;

	if (ms_mmcsim_load("") < 0)
		return -1;
	detach();
	if (ms_mmcsim_attach(NAME, medium, path, sizeof(path)))
		return -1;
	snprintf(poll, sizeof(poll), "/sys/block/%s/events_poll_msecs",
		 path + strlen("/dev/"));
	f = fopen(poll, "w");
	if (f) {
		fputs("0\n", f);
		fclose(f);
	}
	*fd = open(path, O_RDONLY | O_NONBLOCK);
	if (*fd < 0)
		return -1;
	for (i = 0; i < 4; i++)
		if (!ms_sgio(*fd, tur, 6, SG_DXFER_NONE, NULL, 0, &r) && r.status != 2)
			break;
	return 0;
}

static const unsigned char tur_cdb[6] = { 0x00 };

/* disc status (READ DISC INFORMATION byte 2 bits 1-0); -1 on failure */
static int disc_status(int fd)
{
	unsigned char cdb[10] = { 0x51, 0, 0, 0, 0, 0, 0, 0, 34, 0 };
	unsigned char b[34];
	struct ms_sg_reply r;

	if (ms_sgio(fd, cdb, 10, SG_DXFER_FROM_DEV, b, sizeof(b), &r) || r.status)
		return -1;
	return b[2] & 3;
}

/* WRITE(10) of @blocks blocks at @lba */
static int write10(int fd, unsigned int lba, unsigned int blocks, struct ms_sg_reply *r)
{
	unsigned char cdb[10] = { 0x2a, 0, lba >> 24, lba >> 16, lba >> 8, lba,
				  0, blocks >> 8, blocks, 0 };
	size_t len = (size_t)blocks * 2048;
	unsigned char *buf = malloc(len);
	int err;

	if (!buf)
		return -ENOMEM;
	for (size_t i = 0; i < len; i++)
		buf[i] = (unsigned char)(lba + i / 2048);
	err = ms_sgio(fd, cdb, 10, SG_DXFER_TO_DEV, buf, len, r);
	free(buf);
	return err;
}

#define ASSERT_SENSE(r, k, a, q) do {				\
	ASSERT_EQ(2, (r).status);				\
	ASSERT_EQ(k, (r).key);					\
	ASSERT_EQ(a, (r).asc);					\
	ASSERT_EQ(q, (r).ascq);					\
} while (0)

FIXTURE(drive) {
	int fd;
};

FIXTURE_SETUP(drive)
{
	self->fd = -1;
	if (getuid())
		SKIP(return, "needs root");
}

FIXTURE_TEARDOWN(drive)
{
	if (self->fd >= 0)
		close(self->fd);
	detach();
}

/* MMC 3: an opcode the drive does not implement is 05/20/00. */
TEST_F(drive, unknown_opcode)
{
	unsigned char cdb[10] = { 0xe7 };
	struct ms_sg_reply r;

	ASSERT_EQ(0, attach("cdr-blank", &self->fd));
	ASSERT_EQ(0, ms_sgio(self->fd, cdb, 10, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_SENSE(r, 5, 0x20, 0x00);
	/* the drive is not left in a bad state */
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_EQ(0, r.status);
}

/* MMC 3: a format the command does not define is 05/24/00. */
TEST_F(drive, invalid_field)
{
	/* READ TOC/PMA/ATIP format 0Fh: reserved */
	unsigned char toc[10] = { 0x43, 0, 0x0f, 0, 0, 0, 0, 0, 12, 0 };
	/* GET EVENT STATUS NOTIFICATION without Polled: asynchronous, refused */
	unsigned char gesn[10] = { 0x4a, 0, 0, 0, 0x10, 0, 0, 0, 8, 0 };
	unsigned char b[12];
	struct ms_sg_reply r;

	ASSERT_EQ(0, attach("cdr-appendable1", &self->fd));
	ASSERT_EQ(0, ms_sgio(self->fd, toc, 10, SG_DXFER_FROM_DEV, b, sizeof(b), &r));
	ASSERT_SENSE(r, 5, 0x24, 0x00);
	ASSERT_EQ(0, ms_sgio(self->fd, gesn, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_SENSE(r, 5, 0x24, 0x00);
}

/*
 * MMC 3 and 4: no medium is 02/3A/01 with the tray closed and 02/3A/02 with
 * it open; GET CONFIGURATION still answers (current profile 0000h) and GET
 * EVENT STATUS NOTIFICATION's media status tells Door open / Media present.
 */
TEST_F(drive, empty_and_open_tray)
{
	unsigned char gesn[10] = { 0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8, 0 };
	unsigned char conf[10] = { 0x46, 2, 0, 0, 0, 0, 0, 0, 8, 0 };
	unsigned char b[8];
	struct ms_sg_reply r;

	ASSERT_EQ(0, attach("empty", &self->fd));
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_SENSE(r, 2, 0x3a, 0x01);
	ASSERT_EQ(0, ms_sgio(self->fd, gesn, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0x04, b[2] & 0x07);	/* media class */
	ASSERT_EQ(0x00, b[5] & 0x03);	/* closed, no medium */
	ASSERT_EQ(0, ms_sgio(self->fd, conf, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0, b[6] << 8 | b[7]);

	/* a disc goes in, the tray opens: Door open, 02/3A/02 */
	ASSERT_EQ(0, put("medium", "dvdplusr-blank"));
	ASSERT_EQ(0, put("tray", "open"));
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	if (r.key == 6)	/* the arrival's attention, reported first */
		ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_SENSE(r, 2, 0x3a, 0x02);
	ASSERT_EQ(0, ms_sgio(self->fd, gesn, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0x01, b[5] & 0x03);	/* door open, no medium present */

	/* closed again: the disc is there, profile DVD+R */
	ASSERT_EQ(0, put("tray", "closed"));
	ASSERT_EQ(0, ms_sgio(self->fd, gesn, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0x02, b[5] & 0x03);
	ASSERT_EQ(2, b[4] & 0x0f);	/* event: new media */
	ASSERT_EQ(0, ms_sgio(self->fd, conf, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0x001b, b[6] << 8 | b[7]);
}

/*
 * MMC 3: after a medium change the next command gets 06/28/00, except the
 * commands that never report an attention (INQUIRY, GET CONFIGURATION);
 * it is reported once.
 */
TEST_F(drive, unit_attention_after_change)
{
	unsigned char inq[6] = { 0x12, 0, 0, 0, 36, 0 };
	unsigned char conf[10] = { 0x46, 2, 0, 0, 0, 0, 0, 0, 8, 0 };
	unsigned char gesn[10] = { 0x4a, 1, 0, 0, 0x10, 0, 0, 0, 8, 0 };
	unsigned char b[36];
	struct ms_sg_reply r;

	ASSERT_EQ(0, attach("cdr-blank", &self->fd));
	ASSERT_EQ(0, put("medium", "bdr-blank"));
	ASSERT_EQ(0, ms_sgio(self->fd, inq, 6, SG_DXFER_FROM_DEV, b, 36, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0x05, b[0] & 0x1f);	/* MMC device */
	ASSERT_EQ(0, ms_sgio(self->fd, conf, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0x0041, b[6] << 8 | b[7]);
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_SENSE(r, 6, 0x28, 0x00);
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_EQ(0, r.status);

	/*
	 * One queued by hand: power on / reset. The new-media event is taken
	 * first, or the drive would still owe its 06/28/00 after the reset.
	 */
	ASSERT_EQ(0, ms_sgio(self->fd, gesn, 10, SG_DXFER_FROM_DEV, b, 8, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(2, b[4] & 0x0f);	/* new media */
	ASSERT_EQ(0, put("unit_attention", "29/00"));
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_SENSE(r, 6, 0x29, 0x00);
	ASSERT_EQ(0, ms_sgio(self->fd, tur_cdb, 6, SG_DXFER_NONE, NULL, 0, &r));
	ASSERT_EQ(0, r.status);
}

/*
 * A closed disc has no writable address: a write anywhere is refused with
 * ILLEGAL REQUEST (05/21/02 invalid address for write, 05/21/00 out of
 * range, 05/30/05 cannot write medium or 05/72/xx session fixation), and
 * the disc stays complete.
 */
static void closed_refuses(struct __test_metadata *_metadata, int *fd,
			   const char *preset, unsigned int lba)
{
	struct ms_sg_reply r;

	ASSERT_EQ(0, attach(preset, fd));
	ASSERT_EQ(2, disc_status(*fd));
	ASSERT_EQ(0, write10(*fd, lba, 16, &r));
	ASSERT_EQ(2, r.status);
	ASSERT_EQ(5, r.key);
	ASSERT_TRUE(r.asc == 0x21 || (r.asc == 0x30 && r.ascq == 0x05) || r.asc == 0x72)
		TH_LOG("%s: sense 5/%02x/%02x", preset, r.asc, r.ascq);
	ASSERT_EQ(2, disc_status(*fd));
}

TEST_F(drive, closed_cd_refuses_write)
{
	closed_refuses(_metadata, &self->fd, "cdr-closed1", 2018);
}

TEST_F(drive, closed_dvdplusr_refuses_write)
{
	closed_refuses(_metadata, &self->fd, "dvdplusr-closed1", 2016);
}

TEST_F(drive, closed_bdr_refuses_write)
{
	closed_refuses(_metadata, &self->fd, "bdr-closed1", 2016);
}

/* MMC 4: a write-protected medium refuses writes with 07/27/00. */
TEST_F(drive, write_protected)
{
	struct ms_sg_reply r;

	ASSERT_EQ(0, attach("cdr-blank-wp", &self->fd));
	ASSERT_EQ(0, write10(self->fd, 0, 16, &r));
	ASSERT_SENSE(r, 7, 0x27, 0x00);
	ASSERT_EQ(0, disc_status(self->fd));	/* still blank */
	close(self->fd);
	detach();

	/* the attribute on a rewritable disc, while attached */
	ASSERT_EQ(0, attach("dvdplusrw-formatted", &self->fd));
	ASSERT_EQ(0, write10(self->fd, 0, 16, &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0, put("write_protect", "1"));
	ASSERT_EQ(0, write10(self->fd, 16, 16, &r));
	ASSERT_SENSE(r, 7, 0x27, 0x00);
}

/*
 * The store cap: with max_store_mb=1 a write past 512 blocks fails with a
 * write error (03/0C/00), never an allocation failure in the kernel log,
 * and what was written before stays readable.
 */
TEST_F(drive, store_cap)
{
	unsigned char rd[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 1, 0 };
	unsigned char b[2048];
	unsigned int lba = 0;
	struct ms_sg_reply r;

	detach();	/* what a failed test before may have left */
	if (system("rmmod mmcsim 2>/dev/null") && !access(CFG, F_OK))
		SKIP(return, "mmcsim in use: cannot reload it with a small cap");
	ASSERT_LE(0, ms_mmcsim_load("max_store_mb=1"));
	ASSERT_EQ(0, attach("bdre-formatted", &self->fd));
	for (; lba < 1024; lba += 32) {
		ASSERT_EQ(0, write10(self->fd, lba, 32, &r));
		if (r.status)
			break;
	}
	ASSERT_SENSE(r, 3, 0x0c, 0x00);
	ASSERT_EQ(512, lba);	/* 1 MiB = 512 blocks of 2048 bytes */
	ASSERT_EQ(0, ms_sgio(self->fd, rd, 10, SG_DXFER_FROM_DEV, b, sizeof(b), &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(0, b[0]);
	rd[5] = 100;
	ASSERT_EQ(0, ms_sgio(self->fd, rd, 10, SG_DXFER_FROM_DEV, b, sizeof(b), &r));
	ASSERT_EQ(0, r.status);
	ASSERT_EQ(100, b[2047]);
	close(self->fd);
	self->fd = -1;
	detach();
	/* the next tests get the default cap back */
	ASSERT_EQ(0, system("rmmod mmcsim"));
	ASSERT_LE(0, ms_mmcsim_load(""));
}

TEST_HARNESS_MAIN
