/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmcsim: a simulated MMC recorder. Internal header of the mmcsim files.
 */
#ifndef MMCSIM_H
#define MMCSIM_H

#include <linux/configfs.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <linux/xarray.h>

struct dentry;
struct scsi_cmnd;
struct Scsi_Host;

#define MMCSIM_BLOCK 2048
#define MMCSIM_MAX_TRACKS 128

enum mmcsim_track_state {
	MMCSIM_TRACK_COMPLETE,
	MMCSIM_TRACK_INCOMPLETE,	/* written, not yet closed */
};

/**
 * struct mmcsim_track - one recorded track
 * @start: first block
 * @size: logical size, CD track-at-once run-out included once closed
 * @written: blocks written so far
 * @session: session number
 * @state: enum mmcsim_track_state
 * @data: a data track (CONTROL 4) rather than audio
 */
struct mmcsim_track {
	u32 start;
	u32 size;
	u32 written;
	u16 session;
	u8 state;
	u8 data;
};

/* struct mmcsim_medium.disc_status, as READ DISC INFORMATION codes it */
#define MMCSIM_BLANK 0
#define MMCSIM_APPENDABLE 1
#define MMCSIM_COMPLETE 2
#define MMCSIM_OTHER 3

/**
 * struct mmcsim_medium - the disc in the tray; every reply derives from it
 * @present: a medium is loaded
 * @profile: its MMC profile
 * @capacity: last possible lead-out (writable media) or size (ROM)
 * @disc_status: MMCSIM_BLANK ... MMCSIM_OTHER
 * @sessions: complete sessions
 * @ntracks: entries used in @tracks
 * @nwa: start of the next track (the invisible one) on sequential media
 * @formatted: overwriteable media: formatted blocks, 0 if unformatted
 * @tracks: recorded tracks, in order
 */
struct mmcsim_medium {
	bool present;
	u16 profile;
	u32 capacity;
	u8 disc_status;
	u16 sessions;
	u16 ntracks;
	u32 nwa;
	u32 formatted;
	struct mmcsim_track tracks[MMCSIM_MAX_TRACKS];
};

/**
 * struct mmcsim_dev - one simulated drive
 * @group: its configfs directory
 * @name: configfs name
 * @lock: serializes commands and configuration
 * @shost: the SCSI host while powered
 * @medium: the disc model
 * @store: written blocks by LBA (sparse)
 * @preset: name of the preset last loaded
 * @unit_attention: a medium change to report on the next command
 * @media_event: a GESN new-media event to report once
 * @multisession: page 05 multi-session field (CD: 3 leaves the disc open)
 * @counts: commands received, by opcode
 * @debugfs: the device's debugfs directory
 */
struct mmcsim_dev {
	struct config_group group;
	char name[32];
	struct mutex lock;	/* serializes commands and configuration */
	struct Scsi_Host *shost;
	struct mmcsim_medium medium;
	struct xarray store;
	char preset[32];
	bool unit_attention;
	bool media_event;
	u8 multisession;
	atomic_t counts[256];
	struct dentry *debugfs;
};

/* media.c */
int mmcsim_load_preset(struct mmcsim_dev *dev, const char *name);
bool mmcsim_profile_is_cd(u16 profile);
bool mmcsim_sequential(const struct mmcsim_medium *m);
bool mmcsim_overwriteable(const struct mmcsim_medium *m);
u32 mmcsim_write_unit(u16 profile);
u32 mmcsim_session_gap(const struct mmcsim_medium *m);
void mmcsim_store_free(struct mmcsim_dev *dev);
int mmcsim_store_write(struct mmcsim_dev *dev, u32 lba, const u8 *buf);
void mmcsim_store_read(struct mmcsim_dev *dev, u32 lba, u8 *buf);
extern const char *const mmcsim_preset_names[];

/* cmd.c */
int mmcsim_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *scmd);
int mmcsim_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *scmd);
size_t mmcsim_cmd_size(void);

/* main.c */
int mmcsim_power_on(struct mmcsim_dev *dev);
void mmcsim_power_off(struct mmcsim_dev *dev);

/* configfs.c */
int mmcsim_configfs_init(void);
void mmcsim_configfs_exit(void);

#endif /* MMCSIM_H */
