/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmcsim: a simulated MMC recorder. Internal header of the mmcsim files.
 *
 * media.c knows discs (no SCSI), layout.c builds them from preset names
 * and layouts, store.c the sparse block store and the ISO 9660 template,
 * cmd*.c encode replies from the model, configfs.c edits it, drive.c
 * attaches and detaches drives, fault.c and debugfs.c observe
 * and disturb commands. main.c calls configfs.c, which calls drive.c, which
 * calls cmd*.c, never the other way round.
 */
#ifndef MMCSIM_H
#define MMCSIM_H

#include <linux/atomic.h>
#include <linux/configfs.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "../mmc_defs.h"

struct dentry;
struct scsi_cmnd;
struct Scsi_Host;
struct seq_buf;
struct seq_file;

#define MMCSIM_BLOCK 2048
/*
 * Tracks a medium may hold: a BD-R in sequential recording mode up to 7679
 * (its SRR limit, the most of any medium; DVD and BD number tracks with 16
 * bits), a CD 99 (MMCSIM_MAX_CD_TRACKS). READ TOC names a track with one
 * byte whose AAh is the lead-out, so its formatted TOC lists the first
 * MMCSIM_TOC_MAX_TRACKS.
 */
#define MMCSIM_MAX_TRACKS 7679
#define MMCSIM_MAX_CD_TRACKS 99
#define MMCSIM_TOC_MAX_TRACKS 169
/* the layout text of the largest medium, tracks in their longest form */
#define MMCSIM_LAYOUT_MAX (256 + MMCSIM_MAX_TRACKS * 64)
#define MMCSIM_REPLY_MAX 8192
#define MMCSIM_MAX_FAULTS 16
#define MMCSIM_LOG_LINES 4096

/* profiles (MMC.md 2.1), by the numbers of the shared table */
#define MMCSIM_P_NONE MMC_PROFILE_NONE
#define MMCSIM_P_CDROM MMC_PROFILE_CD_ROM
#define MMCSIM_P_CDR MMC_PROFILE_CD_R
#define MMCSIM_P_CDRW MMC_PROFILE_CD_RW
#define MMCSIM_P_DVDROM MMC_PROFILE_DVD_ROM
#define MMCSIM_P_DVDR MMC_PROFILE_DVD_R
#define MMCSIM_P_DVDRAM MMC_PROFILE_DVD_RAM
#define MMCSIM_P_DVDRW_RO MMC_PROFILE_DVD_RW_RO
#define MMCSIM_P_DVDRW MMC_PROFILE_DVD_RW
#define MMCSIM_P_DVDPRW MMC_PROFILE_DVD_PLUS_RW
#define MMCSIM_P_DVDPR MMC_PROFILE_DVD_PLUS_R
#define MMCSIM_P_DVDPR_DL MMC_PROFILE_DVD_PLUS_R_DL
#define MMCSIM_P_BDROM MMC_PROFILE_BD_ROM
#define MMCSIM_P_BDR MMC_PROFILE_BD_R
#define MMCSIM_P_BDR_RRM MMC_PROFILE_BD_R_RRM
#define MMCSIM_P_BDRE MMC_PROFILE_BD_RE

/* CD geometry (MMC.md 1.3) */
#define MMCSIM_CD_RUNOUT 2
#define MMCSIM_CD_PREGAP 150
#define MMCSIM_CD_GAP_FIRST 11400
#define MMCSIM_CD_GAP_LATER 6900
#define MMCSIM_CD_LEADIN 4650	/* lead-in + pre-gap before an NWA */
#define MMCSIM_DVDR_GAP 28688
#define MMCSIM_DVDPR_GAP 2048

enum mmcsim_track_state {
	MMCSIM_T_COMPLETE,
	MMCSIM_T_INCOMPLETE,	/* written, not yet closed */
	MMCSIM_T_RESERVED,	/* RESERVE TRACK: fixed size, maybe partly written */
	MMCSIM_T_DAMAGED,
};

/**
 * struct mmcsim_track - one track on a sequential or ROM medium
 * @start: first block
 * @size: size in blocks once complete or reserved (CD TAO: run-out included)
 * @recorded: blocks written (LRA + 1 - start)
 * @session: its session number, from 1
 * @state: enum mmcsim_track_state
 * @audio: an audio track (CONTROL 0) rather than data (CONTROL 4)
 */
struct mmcsim_track {
	u32 start;
	u32 size;
	u32 recorded;
	u16 session;
	u8 state;
	u8 audio;
};

/* READ DISC INFORMATION disc status codes */
#define MMCSIM_BLANK 0
#define MMCSIM_APPENDABLE 1
#define MMCSIM_COMPLETE 2
#define MMCSIM_OTHER 3

/**
 * struct mmcsim_medium - the disc; every reply derives from it
 * @profile: its MMC profile; MMCSIM_P_NONE: no disc
 * @capacity: last possible lead-out (sequential), medium size otherwise
 * @finalized: sequential medium closed for good (disc status complete)
 * @closed: sessions closed so far (sessions after it are open)
 * @ntracks: entries used in @tracks
 * @nwa: start of the invisible track, when there is one
 * @formatted: overwriteable media and formatted BD-R: formatted blocks
 * @write_protected: the medium refuses writes
 * @erasable: READ DISC INFORMATION Erasable bit
 * @pow: BD-R formatted for pseudo-overwrite
 * @bg: DVD+RW background format status
 * @packet: blocks per fixed packet of a CD-RW formatted for them, or 0
 * @sao_pending: a cue sheet was sent; the next track is session-at-once
 * @tracks: tracks in ascending order of start
 */
struct mmcsim_medium {
	u16 profile;
	u32 capacity;
	bool finalized;
	u16 closed;
	u16 ntracks;
	u32 nwa;
	u32 formatted;
	bool write_protected;
	bool erasable;
	bool pow;
	u8 bg;
	u16 packet;
	bool sao_pending;
	struct mmcsim_track tracks[MMCSIM_MAX_TRACKS];
};

/* struct mmcsim_dev.quirks bits */
#define MMCSIM_Q_NWA_MINUS150 BIT(0)
#define MMCSIM_Q_RTI_FF_REFUSED BIT(1)
#define MMCSIM_Q_NO_RDI BIT(2)
#define MMCSIM_Q_LRA_INVALID BIT(3)
#define MMCSIM_Q_SHORT_MS_TOC BIT(4)
#define MMCSIM_Q_DVD_DAO_ONLY BIT(5)

enum mmcsim_fault_action {
	MMCSIM_F_SENSE,
	MMCSIM_F_SHORT,
	MMCSIM_F_UNREPORTED,
	MMCSIM_F_PADDED,
	MMCSIM_F_GARBAGE,
	MMCSIM_F_DELAY,
	MMCSIM_F_TIMEOUT,
	MMCSIM_F_DETACH,
};

/**
 * struct mmcsim_fault - one fault-injection rule
 * @op: opcode to match, or -1
 * @nth: fire on this command number (struct mmcsim_dev.ncmds), or 0
 * @action: enum mmcsim_fault_action
 * @arg: sense (key << 16 | asc << 8 | ascq), length or milliseconds
 * @count: times left to fire; 0 = unlimited
 * @skip: matching commands still to let through before it fires
 */
struct mmcsim_fault {
	int op;
	u64 nth;
	u8 action;
	u32 arg;
	u32 count;
	u32 skip;
};

/* A rule that cuts the reply to its length (struct mmcsim_fault.arg). */
static inline bool mmcsim_fault_truncates(const struct mmcsim_fault *f)
{
	return f->action == MMCSIM_F_SHORT || f->action == MMCSIM_F_UNREPORTED ||
	       f->action == MMCSIM_F_PADDED;
}

/**
 * struct mmcsim_log_entry - one command in the debugfs log
 * @seq: command number
 * @cdb: the CDB
 * @cdb_len: its length
 * @status: SCSI status byte, or 0xff for a host-byte failure
 * @sense: key << 16 | asc << 8 | ascq
 * @len: bytes transferred
 */
struct mmcsim_log_entry {
	u64 seq;
	u8 cdb[16];
	u8 cdb_len;
	u8 status;
	u32 sense;
	u32 len;
};

/**
 * struct mmcsim_dev - one simulated drive
 * @group: its configfs directory
 * @name: configfs name
 * @cfg_lock: serializes configuration, power on and power off
 * @lock: serializes commands and the medium
 * @shost: the SCSI host while powered
 * @dying: power off in progress: new commands fail at once
 * @medium: the disc model (in the tray, whether open or closed)
 * @tray_open: the tray is open (the medium is not accessible)
 * @locked: PREVENT MEDIUM REMOVAL in force
 * @store: written blocks by LBA
 * @stored: blocks in @store
 * @reply: reply buffer of the command being executed (under @lock)
 * @preset: name of the preset last loaded, or "layout"
 * @vendor: INQUIRY vendor
 * @product: INQUIRY product
 * @revision: INQUIRY revision
 * @ua: pending unit attention: asc << 8 | ascq, 0 if none
 * @media_event: pending GESN media event code, 0 if none
 * @media_change_events: report media changes after close/blank/format
 * @sao: session-at-once writing on CD offered
 * @page05: MODE SELECT page 05 as last set (without header)
 * @quirks: MMCSIM_Q_* bits
 * @faults: fault rules
 * @cur_fault: the rule shaping the reply of the command being executed
 * @nfaults: entries used in @faults
 * @fault_lock: protects @faults
 * @ncmds: commands received since power on
 * @delay_us: latency model: per-command delay
 * @sector_ns: latency model: per-block cost
 * @counts: commands received, by opcode
 * @log_on: log commands
 * @log: the command log ring
 * @log_head: entries ever logged
 * @log_lock: protects the log
 * @held: commands kept for a timeout fault
 * @held_lock: protects @held
 * @detach_work: surprise detach
 * @debugfs: the device's debugfs directory
 * @default_entry: on the list of drives the nr_devices parameter made
 */
struct mmcsim_dev {
	struct config_group group;
	char name[32];
	struct mutex cfg_lock;	/* configuration, power */
	struct mutex lock;	/* commands and the medium */
	struct Scsi_Host *shost;
	bool dying;
	struct mmcsim_medium medium;
	bool tray_open;
	bool locked;
	struct xarray store;
	unsigned long stored;
	u8 *reply;
	char preset[32];
	char vendor[9];
	char product[17];
	char revision[5];
	u16 ua;
	u8 media_event;
	bool media_change_events;
	bool sao;
	u8 page05[52];
	u32 quirks;
	struct mmcsim_fault faults[MMCSIM_MAX_FAULTS];
	const struct mmcsim_fault *cur_fault;
	unsigned int nfaults;
	spinlock_t fault_lock;	/* faults */
	atomic64_t ncmds;
	u32 delay_us;
	u32 sector_ns;
	atomic_t counts[256];
	bool log_on;
	struct mmcsim_log_entry *log;
	u64 log_head;
	spinlock_t log_lock;	/* log */
	struct list_head held;
	spinlock_t held_lock;	/* held */
	struct work_struct detach_work;
	struct dentry *debugfs;
	struct list_head default_entry;
};

/**
 * struct mmcsim_cmd - per-command private data (scsi_cmd_priv)
 * @work: executes the command
 * @scmd: the command
 * @entry: on struct mmcsim_dev.held for a timeout fault
 */
struct mmcsim_cmd {
	struct work_struct work;
	struct scsi_cmnd *scmd;
	struct list_head entry;
};

/* A handler's result: 0 (GOOD) or a sense code made by MMCSIM_SENSE(). */
#define MMCSIM_SENSE(key, asc, ascq) \
	(BIT(24) | (u32)(key) << 16 | (u32)(asc) << 8 | (u32)(ascq))
#define MMCSIM_SENSE_KEY(s) (((s) >> 16) & 0xf)
#define MMCSIM_SENSE_ASC(s) (((s) >> 8) & 0xff)
#define MMCSIM_SENSE_ASCQ(s) ((s) & 0xff)

/* media.c */
bool mmcsim_is_cd(u16 profile);
bool mmcsim_is_dvd(u16 profile);
bool mmcsim_is_bd(u16 profile);
bool mmcsim_is_rom(u16 profile);
bool mmcsim_is_sequential(u16 profile);
bool mmcsim_is_overwriteable(u16 profile);
u32 mmcsim_write_unit(u16 profile);
u16 mmcsim_sessions(const struct mmcsim_medium *m);
u16 mmcsim_last_session(const struct mmcsim_medium *m);
u16 mmcsim_first_track_of(const struct mmcsim_medium *m, u16 session);
bool mmcsim_has_invisible(const struct mmcsim_medium *m);
u16 mmcsim_total_tracks(const struct mmcsim_medium *m);
u16 mmcsim_toc_tracks(const struct mmcsim_medium *m);
u8 mmcsim_disc_status(const struct mmcsim_medium *m);
u8 mmcsim_last_session_state(const struct mmcsim_medium *m);
u32 mmcsim_track_end(const struct mmcsim_track *t);
u32 mmcsim_readable_end(const struct mmcsim_medium *m);
u32 mmcsim_read_capacity(const struct mmcsim_medium *m);
u32 mmcsim_next_gap(const struct mmcsim_medium *m);
int mmcsim_write_target(struct mmcsim_medium *m, u32 lba, u32 count,
			struct mmcsim_track **track);
void mmcsim_close_track(struct mmcsim_medium *m, bool sao);
void mmcsim_close_session(struct mmcsim_medium *m, bool finalize);
void mmcsim_blank(struct mmcsim_medium *m);
int mmcsim_reserve_track(struct mmcsim_medium *m, u32 size);
u16 mmcsim_max_tracks(u16 profile);

/* layout.c */
int mmcsim_preset(struct mmcsim_medium *m, const char *name, u16 *iso_sessions,
		  u32 *iso_blocks);
int mmcsim_layout_parse(struct mmcsim_medium *m, char *text, bool *iso);
void mmcsim_layout_format(const struct mmcsim_medium *m, struct seq_buf *s);
extern const char *const mmcsim_preset_names[];

/* store.c */
int mmcsim_store_init(unsigned int max_mb);
int mmcsim_store_write(struct mmcsim_dev *dev, u32 lba, const u8 *buf);
void mmcsim_store_read(struct mmcsim_dev *dev, u32 lba, u8 *buf);
void mmcsim_store_clear(struct mmcsim_dev *dev);
long mmcsim_store_total(void);
long mmcsim_store_cap(void);
int mmcsim_iso_fill(struct mmcsim_dev *dev, u16 sessions, u32 ow_blocks);

/* sense.c */
void mmcsim_set_sense(struct scsi_cmnd *scmd, u32 sense);
void mmcsim_queue_ua(struct mmcsim_dev *dev, u8 asc, u8 ascq);
u32 mmcsim_take_ua(struct mmcsim_dev *dev, u8 op);
void mmcsim_media_changed(struct mmcsim_dev *dev);

/* cmd.c */
int mmcsim_cmd_init(void);
void mmcsim_cmd_exit(void);
int mmcsim_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *scmd);
int mmcsim_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *scmd);
int mmcsim_eh_abort(struct scsi_cmnd *scmd);
void mmcsim_fail_held(struct mmcsim_dev *dev);
void mmcsim_set_dying(struct mmcsim_dev *dev);
const char *mmcsim_op_name(u8 op);
u32 mmcsim_respond(struct scsi_cmnd *scmd, const u8 *buf, u32 len, u32 alloc);

/* cmd_config.c: identification, configuration, mode pages, events */
u32 mmcsim_cmd_inquiry(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_get_configuration(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_gesn(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_mode_sense(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_mode_select(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_mechanism_status(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_get_performance(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_read_buffer_capacity(struct mmcsim_dev *dev,
				    struct scsi_cmnd *scmd);
u32 mmcsim_cmd_start_stop(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_prevent(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
void mmcsim_default_page05(struct mmcsim_dev *dev);

/* cmd_info.c: disc, track, TOC, capacities */
u32 mmcsim_cmd_read_disc_info(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_read_track_info(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_read_toc(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_read_capacity(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_read_format_capacities(struct mmcsim_dev *dev,
				      struct scsi_cmnd *scmd);
u32 mmcsim_cmd_read_dvd_structure(struct mmcsim_dev *dev,
				  struct scsi_cmnd *scmd);

/* cmd_rw.c: data and recording */
u32 mmcsim_cmd_read(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_write(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_sync_cache(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_close(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_reserve_track(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_blank(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_format_unit(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
u32 mmcsim_cmd_send_cue_sheet(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);

/* fault.c (Kbuild: MMCSIM_FAULT_INJECTION with CONFIG_MMCSIM_FAULT_INJECTION) */
#ifdef MMCSIM_FAULT_INJECTION
int mmcsim_fault_add(struct mmcsim_dev *dev, const char *rule);
void mmcsim_fault_clear(struct mmcsim_dev *dev);
ssize_t mmcsim_fault_list(struct mmcsim_dev *dev, char *page);
bool mmcsim_fault_match(struct mmcsim_dev *dev, u8 op, u64 seq,
			struct mmcsim_fault *out);
#else
static inline bool mmcsim_fault_match(struct mmcsim_dev *dev, u8 op, u64 seq,
				      struct mmcsim_fault *out)
{
	return false;
}
#endif

/* debugfs.c */
void mmcsim_debugfs_init(void);
void mmcsim_debugfs_exit(void);
void mmcsim_debugfs_add(struct mmcsim_dev *dev);
void mmcsim_debugfs_remove(struct mmcsim_dev *dev);

/* drive.c */
int mmcsim_drive_init(void);
void mmcsim_drive_exit(void);
int mmcsim_power_on(struct mmcsim_dev *dev);
void mmcsim_power_off(struct mmcsim_dev *dev);
void mmcsim_dev_init(struct mmcsim_dev *dev, const char *name);
void mmcsim_dev_free(struct mmcsim_dev *dev);
int mmcsim_insert(struct mmcsim_dev *dev, const struct mmcsim_medium *m,
		  const char *label, u16 iso_sessions, u32 iso_blocks);
int mmcsim_load_medium(struct mmcsim_dev *dev, const char *preset);
int mmcsim_load_layout(struct mmcsim_dev *dev, char *text);

/* configfs.c */
int mmcsim_configfs_init(void);
void mmcsim_configfs_exit(void);
int mmcsim_configfs_add_default(const char *name, const char *preset);

#endif /* MMCSIM_H */
