/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the kselftest programs: _test_x() returns the raw
 * result, test_x() asserts success, test_err_x() expects an errno.
 */
#ifndef MS_UTILS_H
#define MS_UTILS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/cdrom.h>
#include <linux/multisession.h>
#include <scsi/sg.h>

#include "kselftest_harness.h"

#define MS_DEV "/dev/multisession"

/* ioctl(2) with the library's convention: its result, or -errno. */
static inline int ms_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

static inline int _test_query(int ms, int cdrom_fd, struct multisession_query *q)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	q->cdrom_fd = cdrom_fd;
	return ms_ioctl(ms, MULTISESSION_QUERY, q);
}

#define test_query(ms, fd, q) ASSERT_EQ(0, _test_query(ms, fd, q))
#define test_err_query(err, ms, fd, q) ASSERT_EQ(-(err), _test_query(ms, fd, q))

/* Which drives ms_find_drive_in() takes, by the kernel's view of them. */
enum ms_drive_state { MS_DRIVE_ANY, MS_DRIVE_LOADED, MS_DRIVE_EMPTY };

/* Whether the kernel's cdrom layer sees a disc in /dev/@name. */
static inline int ms_drive_has_disc(const char *name)
{
	char path[PATH_MAX];
	int fd, st;

	snprintf(path, sizeof(path), "/dev/%s", name);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	st = ioctl(fd, CDROM_DRIVE_STATUS, CDSL_CURRENT);
	close(fd);
	return st == CDS_DISC_OK;
}

/*
 * The optical drive whose sysfs path runs through @bus ("virtio", "ata",
 * "usb", ...) and, as the kernel's cdrom layer sees it, holds a disc
 * (@state MS_DRIVE_LOADED) or none (MS_DRIVE_EMPTY), as /dev/srN in @path;
 * 0 if found.
 */
static inline int ms_find_drive_in(const char *bus, enum ms_drive_state state,
				   char *path, size_t len)
{
	char link[PATH_MAX], target[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir("/sys/class/block");
	int ret = -1;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (strncmp(e->d_name, "sr", 2))
			continue;
		snprintf(link, sizeof(link), "/sys/class/block/%s", e->d_name);
		if (!realpath(link, target))
			continue;
		snprintf(link, sizeof(link), "/%s", bus);
		if (!strstr(target, link) || strlen(e->d_name) + 6 > len)
			continue;
		if (state != MS_DRIVE_ANY &&
		    ms_drive_has_disc(e->d_name) != (state == MS_DRIVE_LOADED))
			continue;
		strcpy(path, "/dev/");
		strcat(path, e->d_name);
		ret = 0;
		break;
	}
	closedir(d);
	return ret;
}

static inline int ms_find_drive(const char *bus, char *path, size_t len)
{
	return ms_find_drive_in(bus, MS_DRIVE_ANY, path, len);
}

/*
 * cdrskin -msinfo's "msc1,nwa" (libburn's own MMC commands through SG_IO:
 * the independent oracle); 0 if it printed them.
 */
static inline int cdrskin_msinfo(const char *dev, long long *msc1, long long *nwa)
{
	char cmd[128], out[256] = "";
	FILE *p;
	int st;

	snprintf(cmd, sizeof(cmd), "cdrskin dev=%s -msinfo 2>/dev/null", dev);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	if (!fgets(out, sizeof(out), p))
		out[0] = 0;
	st = pclose(p);
	if (st || sscanf(out, "%lld,%lld", msc1, nwa) != 2)
		return -1;
	return 0;
}

/* mmcsim drives for the tests, by their configfs directory name. */
#define MMCSIM_CFG "/sys/kernel/config/mmcsim"
#define MMCSIM_DEBUGFS "/sys/kernel/debug/mmcsim"

struct ms_sg_reply {
	int status;		/* SCSI status byte, 0 GOOD, 2 CHECK CONDITION */
	int host;		/* host byte (DID_*) */
	unsigned char key, asc, ascq;
	unsigned int resid;
};

/* One command through SG_IO; the reply in *r. -errno if SG_IO itself failed. */
static inline int ms_sgio(int fd, const unsigned char *cdb, int cdb_len, int dir,
			  void *buf, unsigned int len, struct ms_sg_reply *r)
{
	unsigned char sense[32] = { 0 };
	struct sg_io_hdr h = {
		.interface_id = 'S',
		.cmdp = (unsigned char *)cdb,
		.cmd_len = cdb_len,
		.dxfer_direction = len ? dir : SG_DXFER_NONE,
		.dxferp = buf,
		.dxfer_len = len,
		.sbp = sense,
		.mx_sb_len = sizeof(sense),
		.timeout = 20000,
	};

	memset(r, 0, sizeof(*r));
	if (ioctl(fd, SG_IO, &h))
		return -errno;
	r->status = h.status;
	r->host = h.host_status;
	r->resid = h.resid;
	if (h.sb_len_wr >= 14 && (sense[0] & 0x7e) == 0x70) {	/* fixed */
		r->key = sense[2] & 0xf;
		r->asc = sense[12];
		r->ascq = sense[13];
	} else if (h.sb_len_wr >= 4 && (sense[0] & 0x7e) == 0x72) {
		r->key = sense[1] & 0xf;
		r->asc = sense[2];
		r->ascq = sense[3];
	}
	return 0;
}

/* Write @val to the sysfs, configfs or debugfs file @path: 0 or -errno. */
static inline int ms_put_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), n;

	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	n = n < 0 ? -errno : 0;
	close(fd);
	return n;
}

/* Write @val to the drive's configfs attribute @attr: 0 or -errno. */
static inline int ms_mmcsim_put(const char *drive, const char *attr,
				const char *val)
{
	char path[128];

	snprintf(path, sizeof(path), MMCSIM_CFG "/%.31s/%s", drive, attr);
	return ms_put_file(path, val);
}

/*
 * Make sure mmcsim is there, inserting it from MS_MODDIR with @params if it
 * is not: 1 if this call loaded it (the caller unloads it when done), 0 if
 * it was loaded already, -1 if it is not available.
 */
static inline int ms_mmcsim_load(const char *params)
{
	char cmd[512];

	if (!access(MMCSIM_CFG, F_OK))
		return 0;
	if (!getenv("MS_MODDIR"))
		return -1;
	snprintf(cmd, sizeof(cmd), "insmod %s/mmcsim/mmcsim.ko %s 2>/dev/null",
		 getenv("MS_MODDIR"), params);
	return system(cmd) || access(MMCSIM_CFG, F_OK) ? -1 : 1;
}

/* Power the drive off and remove it; quiet if it is not there. */
static inline void ms_mmcsim_detach(const char *drive)
{
	char path[128];

	ms_mmcsim_put(drive, "power", "0");
	snprintf(path, sizeof(path), MMCSIM_CFG "/%.31s", drive);
	rmdir(path);
}

/* The powered drive's /dev/srN in @path: 0, or -1 while it has none. */
static inline int ms_mmcsim_devpath(const char *drive, char *path, size_t len)
{
	char attr[128], dev[32] = "";
	FILE *f;

	snprintf(attr, sizeof(attr), MMCSIM_CFG "/%.31s/devname", drive);
	f = fopen(attr, "r");
	if (!f)
		return -1;
	if (!fgets(dev, sizeof(dev), f))
		dev[0] = 0;
	fclose(f);
	dev[strcspn(dev, "\n")] = 0;
	if (!dev[0])
		return -1;
	snprintf(path, len, "/dev/%s", dev);
	return 0;
}

/*
 * A new drive holding @medium, powered: its /dev/srN in @path once the
 * node exists. 0, or -1.
 */
static inline int ms_mmcsim_attach(const char *drive, const char *medium,
				   char *path, size_t len)
{
	char dir[128];

	snprintf(dir, sizeof(dir), MMCSIM_CFG "/%.31s", drive);
	if (mkdir(dir, 0755) || ms_mmcsim_put(drive, "medium", medium) ||
	    ms_mmcsim_put(drive, "power", "1") ||
	    ms_mmcsim_devpath(drive, path, len))
		return -1;
	for (int i = 0; i < 50 && access(path, F_OK); i++)
		usleep(100000);
	return access(path, F_OK) ? -1 : 0;
}

/* A fixture's drive: an mmcsim drive of its own, opened, and /dev/multisession. */
struct ms_mmcsim_fixture {
	int ms;
	int cd;
	char item[32];		/* configfs directory name */
	char path[64];		/* /dev/srN */
};

/*
 * Set up @f: a new drive named @prefix and the test's pid, holding @medium.
 * Skips the test without multisession.ko or mmcsim, fails it if the drive
 * does not come up; f->cd stays -1 unless all went well.
 */
static inline void ms_mmcsim_fixture_setup(struct __test_metadata *_metadata,
					   struct ms_mmcsim_fixture *f,
					   const char *prefix,
					   const char *medium)
{
	f->cd = -1;
	f->item[0] = 0;
	f->ms = open(MS_DEV, O_RDONLY | O_CLOEXEC);
	if (f->ms < 0)
		SKIP(return, MS_DEV " missing: multisession.ko not loaded");
	if (ms_mmcsim_load("") < 0)
		SKIP(return, "mmcsim not available");
	snprintf(f->item, sizeof(f->item), "%.15s%d", prefix, getpid());
	ASSERT_EQ(0, ms_mmcsim_attach(f->item, medium, f->path, sizeof(f->path)))
		TH_LOG("mmcsim drive with preset %s", medium);
	f->cd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, f->cd);
}

/* Undo ms_mmcsim_fixture_setup(), however far it got. */
static inline void ms_mmcsim_fixture_teardown(struct ms_mmcsim_fixture *f)
{
	if (f->cd >= 0)
		close(f->cd);
	if (f->item[0])
		ms_mmcsim_detach(f->item);
	if (f->ms >= 0)
		close(f->ms);
}

#endif /* MS_UTILS_H */
