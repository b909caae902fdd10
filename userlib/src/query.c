// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one place that talks to the kernel: open /dev/multisession, one
 * MULTISESSION_QUERY, and the facts go to list.c; or one
 * MULTISESSION_REFRESH.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "lib.h"

#define MS_CONTROL "/dev/multisession"
#define MS_FIRST_TRACKS 128
/* every Linux optical drive is a SCSI CD-ROM (sr) */
#define MS_SR_MAJOR 11

/*
 * What a caller needs to hear first: that the file is no drive at all,
 * before that the module is missing or that the drive has no medium.
 */
static int ms_check_drive(const struct stat *st)
{
	if (!S_ISBLK(st->st_mode))
		return -ENOTBLK;
	if (major(st->st_rdev) != MS_SR_MAJOR)
		return -ENODEV;
	return 0;
}

static int ms_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

/* Queries once, again with a larger table if the first one was too small. */
static int ms_query(int ms, int fd, unsigned int flags,
		    struct multisession_query *q,
		    struct multisession_track **tracks)
{
	__u32 capacity = MS_FIRST_TRACKS;
	struct multisession_track *t = NULL, *bigger;
	int err;

	for (;;) {
		memset(q, 0, sizeof(*q));
		q->size = sizeof(*q);
		q->cdrom_fd = fd;
		if (flags & MS_QUERY_TRACKS) {
			bigger = realloc(t, capacity * sizeof(*t));
			if (!bigger) {
				free(t);
				return -ENOMEM;
			}
			t = bigger;
			q->flags = MULTISESSION_QUERY_TRACKS;
			q->tracks_capacity = capacity;
			q->tracks_uptr = (uintptr_t)t;
			/* our stride: entries may grow in later kernels */
			q->track_entry_size = sizeof(*t);
		}
		err = ms_ioctl(ms, MULTISESSION_QUERY, q);
		if (err || q->out_tracks_total <= capacity || !t)
			break;
		capacity = q->out_tracks_total;
	}
	if (err) {
		free(t);
		return err;
	}
	*tracks = t;
	return 0;
}

/* /dev/multisession for a request on the drive whose inode is @st. */
static int ms_open_control(const struct stat *st)
{
	int ms = ms_check_drive(st);

	if (ms)
		return ms;
	ms = open(MS_CONTROL, O_RDONLY | O_CLOEXEC);
	if (ms < 0)
		return errno == ENOENT ? -ENOPKG : -errno;
	return ms;
}

static int ms_open_control_fd(int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		return -errno;
	return ms_open_control(&st);
}

/*
 * /dev/multisession and @device for a request. The device is judged by
 * its inode first, which needs no permission on it.
 */
static int ms_open_device(const char *device, int *ms, int *fd)
{
	struct stat st;
	int err;

	if (stat(device, &st))
		return -errno;
	*ms = ms_open_control(&st);
	if (*ms < 0)
		return *ms;
	*fd = open(device, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (*fd < 0) {
		err = -errno;
		close(*ms);
		return err;
	}
	return 0;
}

static int ms_get(int ms, int fd, const char *recorder, unsigned int flags,
		  struct ms_list **list)
{
	struct multisession_track *tracks = NULL;
	struct multisession_query q;
	int err;

	err = ms_query(ms, fd, flags, &q, &tracks);
	if (err)
		return err;
	err = ms_list_from_facts(&q, recorder, tracks,
				 tracks ? q.out_tracks_total : 0, list);
	free(tracks);
	return err;
}

MS_EXPORT int ms_get_multisession_interfaces_fd(int fd, unsigned int flags,
						struct ms_list **list)
{
	char link[64], path[PATH_MAX];
	ssize_t n;
	int ms, err;

	if (!list || flags & ~MS_QUERY_TRACKS)
		return -EINVAL;
	ms = ms_open_control_fd(fd);
	if (ms < 0)
		return ms;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	path[n > 0 ? n : 0] = 0;
	err = ms_get(ms, fd, n > 0 ? path : NULL, flags, list);
	close(ms);
	return err;
}

MS_EXPORT int ms_get_multisession_interfaces(const char *device,
					     unsigned int flags,
					     struct ms_list **list)
{
	int fd, ms, err;

	if (!device || !list || flags & ~MS_QUERY_TRACKS)
		return -EINVAL;
	err = ms_open_device(device, &ms, &fd);
	if (err)
		return err;
	err = ms_get(ms, fd, device, flags, list);
	close(fd);
	close(ms);
	return err;
}

/* The part of struct ms_refresh that every version has. */
#define MS_REFRESH_MIN_SIZE (2 * sizeof(uint32_t))

static int ms_refresh_on(int ms, int fd, struct ms_refresh *result)
{
	struct multisession_refresh r = { .size = sizeof(r), .cdrom_fd = fd };
	struct ms_refresh out = { .size = sizeof(out) };
	int err;

	err = ms_ioctl(ms, MULTISESSION_REFRESH, &r);
	if (err || !result)
		return err;
	if (r.out_stale & MULTISESSION_STALE_SIZE)
		out.stale |= MS_STALE_SIZE;
	if (r.out_stale & MULTISESSION_STALE_SESSION)
		out.stale |= MS_STALE_SESSION;
	out.held_size = (int64_t)r.out_held_sectors * 512;
	out.drive_size = r.out_drive_sectors < 0 ? -1 : r.out_drive_sectors * 512;
	out.held_session = r.out_held_session;
	out.drive_session = r.out_drive_session;
	out.media_generation = r.out_diskseq;
	out.commands = r.out_commands;
	if (result->size < out.size)
		out.size = result->size;
	memcpy(result, &out, out.size);
	return 0;
}

MS_EXPORT int ms_refresh_fd(int fd, struct ms_refresh *result)
{
	int ms, err;

	if (result && result->size < MS_REFRESH_MIN_SIZE)
		return -EINVAL;
	ms = ms_open_control_fd(fd);
	if (ms < 0)
		return ms;
	err = ms_refresh_on(ms, fd, result);
	close(ms);
	return err;
}

MS_EXPORT int ms_refresh(const char *device, struct ms_refresh *result)
{
	int fd, ms, err;

	if (!device || (result && result->size < MS_REFRESH_MIN_SIZE))
		return -EINVAL;
	err = ms_open_device(device, &ms, &fd);
	if (err)
		return err;
	err = ms_refresh_on(ms, fd, result);
	close(fd);
	close(ms);
	return err;
}
