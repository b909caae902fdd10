/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Multisession facts of the medium in a CD/DVD/BD drive.
 *
 * Copyright (C) 2026 The libmultisession authors
 */
#ifndef _UAPI_LINUX_MULTISESSION_H
#define _UAPI_LINUX_MULTISESSION_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

/**
 * DOC: General ioctl format
 *
 * Every ioctl on /dev/multisession takes one struct whose first two fields
 * are ``__u32 size`` (sizeof the struct as the caller compiled it) and
 * ``__u32 flags``. The kernel accepts shorter structs from older callers
 * (missing input fields read as zero, missing output fields are not written)
 * and longer ones from newer callers as long as the bytes it does not know
 * are zero.
 *
 * Errors:
 *
 * - ENOTTY: unknown ioctl number.
 * - EINVAL: size below the first version of the struct, an unknown flag
 *   bit, a non-zero reserved field, or a field value out of range.
 * - E2BIG: the struct is longer than the kernel's and its tail is not zero,
 *   or @size is larger than the page size (sysconf(_SC_PAGESIZE), 4096
 *   bytes at least), which no version of a struct will reach.
 * - EFAULT: the struct or a buffer it points to is not accessible.
 * - EBADF: @cdrom_fd is not an open file descriptor.
 * - ENOTBLK: @cdrom_fd is not a block device.
 * - ENODEV: @cdrom_fd is a block device but not a SCSI/ATAPI optical drive
 *   driven by sr (a disk, a partition, a loop device, ...), or its drive
 *   has been unplugged (before or during the query).
 * - EACCES: @cdrom_fd was not opened for reading, or the caller may not
 *   ioctl it: a query is checked as SG_IO on @cdrom_fd would be, by every
 *   LSM (an SELinux ioctl rule, a Landlock domain that withholds
 *   LANDLOCK_ACCESS_FS_IOCTL_DEV).
 * - ENOMEDIUM: the drive holds no medium or its tray is open.
 * - EBUSY: the drive stayed "becoming ready" past the retry budget, or the
 *   medium kept changing while it was asked.
 * - EMEDIUMTYPE: the medium is not one the drive can read (incompatible).
 * - EIO: the drive failed a command that the answer cannot do without.
 * - ETIMEDOUT: the drive did not answer a command in time.
 * - EINTR: a fatal signal arrived while waiting for the drive.
 * - ENOMEM: out of memory.
 */

/*
 * 0xB9 is free: Documentation/userspace-api/ioctl/ioctl-number.rst of Linux
 * 6.12 lists 0xB8 (uapi/misc/mrvl_cn10k_dpi.h) and then 0xC0, nothing between.
 */
#define MULTISESSION_TYPE 0xB9

enum {
	MULTISESSION_CMD_BASE = 0x00,
	MULTISESSION_CMD_GET_INFO = MULTISESSION_CMD_BASE,
	MULTISESSION_CMD_QUERY,
	MULTISESSION_CMD_REFRESH
};

/**
 * struct multisession_info - what this kernel module understands
 * @size: sizeof(struct multisession_info)
 * @flags: must be 0
 * @out_api_version: MULTISESSION_API_VERSION of the module
 * @out_query_size: sizeof(struct multisession_query) in the module
 * @out_track_size: sizeof(struct multisession_track) in the module
 * @__reserved: must be 0
 * @out_query_flags: every MULTISESSION_QUERY_* flag the module accepts
 *
 * Lets a library tell which fields a kernel fills: a field that ends past
 * @out_query_size is absent (it reads as zero).
 */
struct multisession_info {
	__u32 size;
	__u32 flags;
	__u32 out_api_version;
	__u32 out_query_size;
	__u32 out_track_size;
	__u32 __reserved;
	__aligned_u64 out_query_flags;
};

#define MULTISESSION_INFO_SIZE_VER0 32
#define MULTISESSION_API_VERSION 1

#define MULTISESSION_GET_INFO _IO(MULTISESSION_TYPE, MULTISESSION_CMD_GET_INFO)

/* clang-format off */
/* struct multisession_query.flags */
#define MULTISESSION_QUERY_TRACKS	_BITUL(0) /* fill @tracks_uptr */

/* struct multisession_query.out_disc_status: READ DISC INFORMATION's values */
#define MULTISESSION_DISC_BLANK		0
#define MULTISESSION_DISC_APPENDABLE	1
#define MULTISESSION_DISC_COMPLETE	2
#define MULTISESSION_DISC_OTHER		3 /* random-access, e.g. DVD-RAM */

/* struct multisession_query.out_last_session_state */
#define MULTISESSION_SESSION_EMPTY	0
#define MULTISESSION_SESSION_INCOMPLETE	1
#define MULTISESSION_SESSION_DAMAGED	2
#define MULTISESSION_SESSION_COMPLETE	3

/* struct multisession_query.out_medium_flags */
#define MULTISESSION_MEDIUM_ERASABLE		_BITUL(0)
#define MULTISESSION_MEDIUM_POW			_BITUL(1) /* BD-R pseudo-overwrite */
#define MULTISESSION_MEDIUM_OVERWRITEABLE	_BITUL(2) /* random writes */
#define MULTISESSION_MEDIUM_NWA_VALID		_BITUL(3) /* @out_nwa usable */
#define MULTISESSION_MEDIUM_DRIVE_CAN_WRITE	_BITUL(4) /* drive writes it now */
#define MULTISESSION_MEDIUM_ISO9660		_BITUL(5) /* volume at the start */
#define MULTISESSION_MEDIUM_DAMAGED		_BITUL(6) /* damaged track/session */
#define MULTISESSION_MEDIUM_NO_DISC_INFO	_BITUL(7) /* facts from the TOC only */
#define MULTISESSION_MEDIUM_WRITE_PROTECTED	_BITUL(8) /* see below */
#define MULTISESSION_MEDIUM_OPEN_SESSION	_BITUL(9) /* see below */

/* struct multisession_query.out_format_status (READ DISC INFO BG format) */
#define MULTISESSION_FORMAT_NONE	0
#define MULTISESSION_FORMAT_SUSPENDED	1
#define MULTISESSION_FORMAT_RUNNING	2
#define MULTISESSION_FORMAT_COMPLETE	3

/* struct multisession_track.state */
#define MULTISESSION_TRACK_COMPLETE	0
#define MULTISESSION_TRACK_INCOMPLETE	1 /* being written: has an NWA */
#define MULTISESSION_TRACK_BLANK	2 /* invisible or empty track */
#define MULTISESSION_TRACK_RESERVED	3 /* reserved, not yet written */

/* struct multisession_track.flags */
#define MULTISESSION_TRACK_DATA		_BITUL(0) /* CONTROL bit 2: data */
#define MULTISESSION_TRACK_DAMAGED	_BITUL(1)
#define MULTISESSION_TRACK_COPY		_BITUL(2)
#define MULTISESSION_TRACK_PACKET	_BITUL(3)
#define MULTISESSION_TRACK_FIXED_PACKET	_BITUL(4)
#define MULTISESSION_TRACK_NWA_VALID	_BITUL(5)
#define MULTISESSION_TRACK_LRA_VALID	_BITUL(6)

#define MULTISESSION_MAX_PROFILES	16

/* struct multisession_refresh.out_stale */
#define MULTISESSION_STALE_SIZE	_BITUL(0) /* the block device's size */
#define MULTISESSION_STALE_SESSION	_BITUL(1) /* CDROMMULTISESSION's start */
/* clang-format on */

/**
 * struct multisession_track - one track of the medium
 * @number: track number (1..)
 * @session: session number the track belongs to (1..), 0 if the drive
 *	does not tell (track table built from a multi-session TOC)
 * @state: MULTISESSION_TRACK_COMPLETE ... _RESERVED
 * @mode: CD CONTROL nibble / MMC track mode (bits 3-0)
 * @data_mode: MMC data mode: 1 mode 1, 2 mode 2, 15 unknown
 * @__reserved0: must be 0
 * @flags: MULTISESSION_TRACK_* bits
 * @start: first logical block of the track
 * @size: logical track size in blocks (CD TAO: includes 2 run-out blocks),
 *	0 if it cannot be measured (TOC-only table, track before a session)
 * @last_recorded: last recorded block, -1 if none or unknown
 * @nwa: next writable address, -1 if the track takes no more data
 * @free_blocks: blocks still writable in the track
 * @packet_size: fixed packet size / blocking factor, 0 if none
 * @__reserved1: must be 0
 */
struct multisession_track {
	__u16 number;
	__u16 session;
	__u8 state;
	__u8 mode;
	__u8 data_mode;
	__u8 __reserved0;
	__u32 flags;
	__u32 packet_size;
	__s64 start;
	__s64 size;
	__s64 last_recorded;
	__s64 nwa;
	__s64 free_blocks;
	__u32 __reserved1[2];
};

#define MULTISESSION_TRACK_SIZE_VER0 64
#define MULTISESSION_TRACK_SIZE_MAX 4096

/**
 * struct multisession_query - everything the IMultisession list needs
 * @size: sizeof(struct multisession_query)
 * @flags: MULTISESSION_QUERY_* bits
 * @cdrom_fd: open file descriptor of the optical block device (/dev/srN),
 *	opened with read access (O_RDONLY|O_NONBLOCK is enough): it is the
 *	authorization to query the drive
 * @tracks_capacity: with MULTISESSION_QUERY_TRACKS, entries @tracks_uptr
 *	has room for
 * @tracks_uptr: with MULTISESSION_QUERY_TRACKS, user array of
 *	@tracks_capacity entries of @track_entry_size bytes each; at most
 *	@tracks_capacity entries are written, once the drive has answered
 *	and is no longer locked, and only when the query succeeds
 * @out_tracks_total: number of tracks on the medium (including the
 *	invisible/incomplete one), whatever @tracks_capacity is: a caller
 *	whose array was too small resizes and asks again
 * @out_profile: current MMC profile (0 if none)
 * @out_disc_status: MULTISESSION_DISC_*, normalized: ROM media are
 *	complete; overwriteable media are blank when unformatted or empty at
 *	the start, appendable (the volume can grow) with an ISO 9660 volume
 *	there, and other with anything else (e.g. UDF)
 * @out_last_session_state: MULTISESSION_SESSION_*
 * @out_format_status: MULTISESSION_FORMAT_*
 * @out_num_profiles: number of entries used in @out_profiles
 * @out_profiles: profiles the drive supports, as its profile list orders them
 * @out_sessions: sessions as READ DISC INFORMATION counts them (includes
 *	the empty or incomplete last session of appendable media)
 * @out_complete_sessions: recorded, closed sessions
 * @out_data_tracks: non-zero if complete sessions hold data tracks (the
 *	last session's first track, or any track on a CD whose last session
 *	starts with audio); 0: a session appended now is the first data session
 * @out_first_track_last_session: first track of the last session
 * @out_last_track_last_session: last track of the last session
 * @out_write_unit: blocks per write unit (1 CD, 16 DVD, 32 BD)
 * @__reserved0: must be 0
 * @out_medium_flags: MULTISESSION_MEDIUM_* bits.
 *	MULTISESSION_MEDIUM_DRIVE_CAN_WRITE: a write feature of the profile
 *	is current, and on a DVD-R/-RW that already holds data the one that
 *	appends (Incremental Streaming Writable, 0021h): a drive that writes
 *	them only disc-at-once cannot add a session.
 *	MULTISESSION_MEDIUM_WRITE_PROTECTED: the drive reports the DVD or BD
 *	medium write-protected (READ DISC STRUCTURE format C0h: software,
 *	persistent, cartridge or media-specific write protection). It is
 *	asked only of drives whose Write Protect Feature (0004h) is current,
 *	and only where it decides whether the medium can be written now: a
 *	blank, appendable or overwriteable medium in a drive that writes its
 *	profile; such a drive that then fails the command fails the query
 *	(EIO). Absent otherwise, which is no proof that writes would pass.
 * @out_block_size: bytes per logical block (2048)
 * @out_prev_session_start: first block of the last complete session
 *	(msc1), -1 if none
 * @out_prev_session_last_written: last recorded block of the last complete
 *	session, -1 if none
 * @out_nwa: next writable address (valid with MULTISESSION_MEDIUM_NWA_VALID),
 *	-1 if none
 * @out_free_blocks: blocks that can still be written, 0 if none
 * @out_last_possible_lead_out: capacity of writable media (READ DISC
 *	INFORMATION), -1 if not reported
 * @out_read_capacity: READ CAPACITY's last block + 1, -1 if not read
 *	(it is read on media without track information only)
 * @out_formatted_capacity: formatted blocks of overwriteable media and of
 *	a BD-R formatted for pseudo-overwrite, -1 if none
 * @out_last_recorded: last recorded block of the whole medium, -1 if none
 * @out_volume_blocks: blocks of the ISO 9660 volume found at the start of
 *	overwriteable media or of a pseudo-overwrite BD-R, -1 if none. A
 *	pseudo-overwrite BD-R is reported as sequential media (sessions,
 *	NWA) with MULTISESSION_MEDIUM_POW, this and @out_formatted_capacity
 *	for writing it in place (an earlier module set
 *	MULTISESSION_MEDIUM_OVERWRITEABLE on it and gave those facts alone)
 * @out_diskseq: the disk's media-change sequence number (diskseq, as
 *	BLKGETDISKSEQ and udev's DISKSEQ give it), the one that held for the
 *	whole of the query the answer comes from. It moves when the block
 *	layer sees a medium change, and only then: it does not move on a burn,
 *	a blank or a format (they go through SG_IO), so it never tells whether
 *	an earlier answer is still right; every query reads the drive afresh.
 * @out_vendor: INQUIRY vendor, space padded, not NUL terminated
 * @out_product: INQUIRY product, space padded, not NUL terminated
 * @out_revision: INQUIRY revision, space padded, not NUL terminated
 * @out_commands: MMC commands the drive received for this answer (0 if the
 *	answer was shared with a query already in flight)
 * @track_entry_size: with MULTISESSION_QUERY_TRACKS, the stride of
 *	@tracks_uptr in bytes: sizeof(struct multisession_track) as the caller
 *	compiled it; 0 means MULTISESSION_TRACK_SIZE_VER0. The kernel writes
 *	min(@track_entry_size, its own entry size) bytes per entry and zeroes
 *	the rest of a longer entry, so entries may grow without overrunning an
 *	older caller's array. Below MULTISESSION_TRACK_SIZE_VER0 or above
 *	MULTISESSION_TRACK_SIZE_MAX: EINVAL. Must be 0 without the flag.
 * @__reserved: must be 0
 * @out_open_session_start: with MULTISESSION_MEDIUM_OPEN_SESSION (set by
 *	modules that fill this field), the first block of the last session,
 *	which is open and already holds data: READ DISC INFORMATION calls it
 *	incomplete (a track being written, or tracks of a session not yet
 *	closed). -1 otherwise.
 */
struct multisession_query {
	__u32 size;
	__u32 flags;
	__s32 cdrom_fd;
	__u32 tracks_capacity;
	__aligned_u64 tracks_uptr;
	__u32 out_tracks_total;
	__u16 out_profile;
	__u8 out_disc_status;
	__u8 out_last_session_state;
	__u8 out_format_status;
	__u8 out_num_profiles;
	__u16 out_profiles[MULTISESSION_MAX_PROFILES];
	__u16 out_sessions;
	__u16 out_complete_sessions;
	__u16 out_data_tracks;
	__u16 out_first_track_last_session;
	__u16 out_last_track_last_session;
	__u16 out_write_unit;
	__u16 __reserved0;
	__u32 out_medium_flags;
	__u32 out_block_size;
	__s64 out_prev_session_start;
	__s64 out_prev_session_last_written;
	__s64 out_nwa;
	__s64 out_free_blocks;
	__s64 out_last_possible_lead_out;
	__s64 out_read_capacity;
	__s64 out_formatted_capacity;
	__s64 out_last_recorded;
	__s64 out_volume_blocks;
	__aligned_u64 out_diskseq;
	__u8 out_vendor[8];
	__u8 out_product[16];
	__u8 out_revision[4];
	__u32 out_commands;
	__u32 track_entry_size;
	__u32 __reserved;
	__s64 out_open_session_start;
};

#define MULTISESSION_QUERY_SIZE_VER0 208
#define MULTISESSION_QUERY_SIZE_VER1 216

#define MULTISESSION_QUERY _IO(MULTISESSION_TYPE, MULTISESSION_CMD_QUERY)

/**
 * struct multisession_refresh - make the kernel re-read a changed disc
 * @size: sizeof(struct multisession_refresh)
 * @flags: must be 0
 * @cdrom_fd: open file descriptor of the optical block device, with read
 *	access, as for MULTISESSION_QUERY (the same authorization: a refresh
 *	sends only read-only commands)
 * @out_stale: MULTISESSION_STALE_* bits: what the kernel held that the
 *	drive no longer reports. 0: the kernel's view is current and nothing
 *	was done, no uevent, @out_diskseq unchanged
 * @out_held_sectors: the disk's size in 512-byte sectors as the block
 *	layer held it (BLKGETSIZE64 / 512)
 * @out_drive_sectors: the size sr takes from the drive when it re-reads
 *	the disc, -1 if it would keep the one it has (READ CAPACITY fails)
 * @out_held_session: start of the last session as the cdrom layer held it
 *	(CDROMMULTISESSION, what isofs mounts), -1 if sr keeps none for this
 *	drive
 * @out_drive_session: the same as sr reads it from the drive now, -1 if
 *	sr keeps none
 * @out_diskseq: the disk's diskseq once the refresh is done: it moved
 *	if and only if @out_stale is not 0
 * @out_commands: MMC commands this module sent (the cdrom layer's reading
 *	of the last written block and sr's own re-reading come on top)
 * @__reserved: must be 0
 *
 * Where @out_stale is not 0 the disc is re-read before the ioctl returns,
 * as after an eject and reload: the block device has the new size,
 * CDROMMULTISESSION gives the new last session, diskseq moved and a change
 * uevent with DISK_MEDIA_CHANGE=1 went out, on which udev re-runs cdrom_id
 * and blkid.
 *
 * Errors: those of MULTISESSION_QUERY, and EBUSY when the disc is held
 * exclusively (a mounted filesystem, an O_EXCL open such as a burner's):
 * a media change would drop a mounted filesystem's caches under it.
 */
struct multisession_refresh {
	__u32 size;
	__u32 flags;
	__s32 cdrom_fd;
	__u32 out_stale;
	__aligned_u64 out_held_sectors;
	__s64 out_drive_sectors;
	__s64 out_held_session;
	__s64 out_drive_session;
	__aligned_u64 out_diskseq;
	__u32 out_commands;
	__u32 __reserved;
};

#define MULTISESSION_REFRESH_SIZE_VER0 64

#define MULTISESSION_REFRESH _IO(MULTISESSION_TYPE, MULTISESSION_CMD_REFRESH)

#endif /* _UAPI_LINUX_MULTISESSION_H */
