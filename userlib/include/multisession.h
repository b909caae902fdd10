/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libmultisession: where a session can be appended to the medium in an
 * optical drive, as IMAPI2's IDiscFormat2Data::get_MultisessionInterfaces
 * tells it on Windows.
 *
 * Functions return 0 (or a count) on success and a negative errno on
 * failure; they never print and keep no global state.
 */
#ifndef MULTISESSION_H
#define MULTISESSION_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MS_VERSION_MAJOR 1
#define MS_VERSION_MINOR 0

/* True if the library's header is at least @major.@minor. */
#define MS_CHECK_VERSION(major, minor)                                  \
	(MS_VERSION_MAJOR > (major) ||                                  \
	 (MS_VERSION_MAJOR == (major) && MS_VERSION_MINOR >= (minor)))

/* flags of ms_get_multisession_interfaces() */
#define MS_QUERY_TRACKS 0x1u	/* also read the track table */

/* struct ms_interface.kind: the IMAPI2 interface an element stands for */
enum ms_kind {
	MS_KIND_SEQUENTIAL = 1,	/* IMultisessionSequential(2) */
	MS_KIND_RANDOM_WRITE = 2, /* IMultisessionRandomWrite */
};

/* struct ms_interface.disc_status */
enum ms_disc_status {
	MS_DISC_BLANK = 0,
	MS_DISC_APPENDABLE = 1,
	MS_DISC_COMPLETE = 2,
	MS_DISC_OTHER = 3,
};

/**
 * struct ms_interface - one element of the IMultisession list
 *
 * Allocated and owned by the list. Fields are only ever appended: @size
 * tells how many bytes this library filled, so a program built against a
 * newer header can tell which fields are there.
 */
struct ms_interface {
	uint32_t size;
	uint32_t kind;			/* enum ms_kind */
	/* IMultisession */
	int supported;			/* IsSupportedOnCurrentMediaState */
	int in_use;			/* InUse, see ms_list_set_in_use() */
	char recorder[256];		/* ImportRecorder: the device path */
	char vendor[9], product[17], revision[5];
	/* IMultisessionSequential(2) */
	int is_first_data_session;
	int has_previous_session;	/* there is a data session to import */
	int64_t start_address_of_previous_session;	 /* -1 if none */
	int64_t last_written_address_of_previous_session; /* -1 if none */
	int64_t next_writable_address;	/* -1 if none */
	int64_t free_sectors_on_media;
	uint32_t write_unit_size;	/* also IMultisessionRandomWrite's */
	/* IMultisessionRandomWrite */
	int64_t last_written_address;	/* -1 if nothing is written */
	int64_t total_sectors_on_media;
	/* beyond IMAPI2 */
	int pow;			/* BD-R pseudo-overwrite */
	uint16_t profile;		/* MMC current profile */
	uint16_t sessions;		/* complete sessions */
	uint32_t disc_status;		/* enum ms_disc_status */
	uint64_t media_generation;	/* diskseq: moves on media change only */
	uint32_t commands;		/* MMC commands the answer cost */
	int write_protected;		/* the drive says the medium is */
	int damaged;			/* the last session or a track is */
	/*
	 * The last session is open and already holds data (a track being
	 * written): its first block, -1 if not. IMAPI2 calls this state a
	 * non-empty session and supports no writing in it.
	 */
	int64_t open_session_start;
};

/* struct ms_track.state */
enum ms_track_state {
	MS_TRACK_COMPLETE = 0,
	MS_TRACK_INCOMPLETE = 1,
	MS_TRACK_BLANK = 2,
	MS_TRACK_RESERVED = 3,
};

/**
 * struct ms_track - one track of the medium (MS_QUERY_TRACKS)
 *
 * Owned by the list and reached one at a time through ms_list_track(), so
 * that it can grow as struct ms_interface does: fields are only ever
 * appended, @struct_size tells how many bytes this library filled.
 */
struct ms_track {
	uint32_t struct_size;
	uint32_t number;
	uint32_t session;
	uint32_t state;			/* enum ms_track_state */
	int data;			/* a data (not audio) track */
	int64_t start;
	int64_t size;
	int64_t last_recorded;		/* -1 if unknown */
	int64_t next_writable_address;	/* -1 if none */
	int64_t free_blocks;
};

/* struct ms_refresh.stale */
#define MS_STALE_SIZE 0x1u	/* the block device had the old disc's size */
#define MS_STALE_SESSION 0x2u	/* CDROMMULTISESSION named the old last session */

/**
 * struct ms_refresh - what ms_refresh() compared and did
 *
 * The caller sets @size to sizeof(struct ms_refresh); the library fills
 * at most that many bytes and sets @size to the number it filled, so
 * fields can be appended.
 */
struct ms_refresh {
	uint32_t size;
	uint32_t stale;			/* MS_STALE_*; 0: nothing was done */
	int64_t held_size;		/* bytes the block device had before */
	int64_t drive_size;		/* bytes sr reads now, -1: it keeps its size */
	int64_t held_session;		/* last session start the kernel had, -1: none */
	int64_t drive_session;		/* the one sr reads now, -1: none */
	uint64_t media_generation;	/* diskseq afterwards: moved iff @stale */
	uint32_t commands;		/* MMC commands the comparison cost */
};

struct ms_list;

int ms_get_multisession_interfaces(const char *device, unsigned int flags,
				   struct ms_list **list);
int ms_get_multisession_interfaces_fd(int fd, unsigned int flags,
				      struct ms_list **list);
int ms_refresh(const char *device, struct ms_refresh *result);
int ms_refresh_fd(int fd, struct ms_refresh *result);
void ms_list_free(struct ms_list *list);
int ms_list_count(const struct ms_list *list);
const struct ms_interface *ms_list_get(const struct ms_list *list,
				       unsigned int index);
int ms_list_set_in_use(struct ms_list *list, unsigned int index, int in_use);
int ms_list_track_count(const struct ms_list *list);
const struct ms_track *ms_list_track(const struct ms_list *list,
				     unsigned int index);
const char *ms_strerror(int err);
const char *ms_profile_name(uint16_t profile);
int ms_version_major(void);
int ms_version_minor(void);

#ifdef __cplusplus
}
#endif

#endif /* MULTISESSION_H */
