// SPDX-License-Identifier: GPL-2.0-only
/*
 * MULTISESSION_QUERY: from the caller's fd of /dev/srN to the facts.
 *
 * Nothing is cached: a burn goes through SG_IO without moving any media
 * generation and formatting can change the profile, so every query asks the
 * drive again; flight.c lets callers that arrive meanwhile share a query.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/major.h>
#include <linux/mutex.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <scsi/scsi.h>
#include <scsi/scsi_device.h>
#include <scsi/sg.h>

#include "compat.h"
#include "mmc_defs.h"
#include "ms_private.h"
#include "parse.h"

static void ms_cdb(u8 *cdb, u8 opcode, u16 alloc)
{
	memset(cdb, 0, 10);
	cdb[CDB_OPCODE] = opcode;
	put_unaligned_be16(alloc, cdb + CDB_ALLOC_LEN);
}

static int ms_get_config(struct ms_drive *d, struct mmc_config *cfg)
{
	u8 cdb[10];
	int n;

	ms_cdb(cdb, MMC_GET_CONFIGURATION, MMC_CONFIG_LEN);
	n = ms_mmc(d, cdb, MMC_CONFIG_LEN);
	if (n < 0)
		return n;
	if (mmc_reply_cut_short(d->buf, n, MMC_CONFIG_LEN, 4) ||
	    mmc_parse_config(d->buf, n, cfg))
		return -EIO;
	return 0;
}

/* READ DISC INFORMATION into d->buf: the bytes received, or an error. */
static int ms_disc_info(struct ms_drive *d)
{
	u8 cdb[10];
	int n;

	if (d->sdev->no_read_disc_info)
		return -EOPNOTSUPP;
	ms_cdb(cdb, MMC_READ_DISC_INFO, MMC_DISC_INFO_LEN);
	n = ms_mmc(d, cdb, MMC_DISC_INFO_LEN);
	if (n >= 0 && mmc_reply_cut_short(d->buf, n, MMC_DISC_INFO_LEN, 2))
		return -EIO;
	return n;
}

static int ms_track_info(struct ms_drive *d, u8 type, u32 number,
			 struct mmc_track_info *ti)
{
	u8 cdb[10];
	int n;

	ms_cdb(cdb, MMC_READ_TRACK_INFO, MMC_TRACK_INFO_LEN);
	cdb[CDB_RTI_TYPE] = type;
	put_unaligned_be32(number, cdb + CDB_RTI_NUMBER);
	n = ms_mmc(d, cdb, MMC_TRACK_INFO_LEN);
	if (n < 0)
		return n;
	if (mmc_reply_cut_short(d->buf, n, MMC_TRACK_INFO_LEN, 2) ||
	    mmc_parse_track_info(d->buf, n, ti) ||
	    !mmc_track_info_matches(ti, type, number,
				    d->a.disc.last_track_last_session))
		return -EIO;
	return 0;
}

static int ms_toc(struct ms_drive *d, u8 format, u16 alloc)
{
	u8 cdb[10];

	ms_cdb(cdb, MMC_READ_TOC, alloc);
	cdb[CDB_TOC_FORMAT] = format;
	return ms_mmc(d, cdb, alloc);
}

static int ms_read_capacity(struct ms_drive *d, s64 *blocks)
{
	u8 cdb[10] = { MMC_READ_CAPACITY };
	int n;

	n = ms_mmc(d, cdb, MMC_CAPACITY_LEN);
	if (n < 0)
		return n;
	return mmc_parse_capacity(d->buf, n, blocks) ? -EIO : 0;
}

static int ms_test_unit_ready(struct ms_drive *d)
{
	u8 cdb[6] = { MMC_TEST_UNIT_READY };
	int n = ms_mmc(d, cdb, 0);

	return n < 0 ? n : 0;
}

/*
 * Track 255 of a medium with more tracks (a BD-R holds up to 7679) is never
 * asked for by number: FFh names the invisible track. It opens the session
 * after track 254's, or else begins where track 254 ends; only a record
 * that says it is track 255 is taken.
 */
static int ms_track_255(struct ms_drive *d, u16 session_254, s64 end_254,
			struct mmc_track_info *ti)
{
	enum ms_outcome o;
	int err;

	err = ms_track_info(d, MMC_RTI_SESSION, session_254 + 1, ti);
	o = ms_outcome(err);
	if (o == MS_ANSWERED && ti->number == MMC_RTI_INVISIBLE)
		return 0;
	if (o == MS_FAILED || o == MS_ENDED)
		return err;
	err = ms_track_info(d, MMC_RTI_LBA, end_254, ti);
	if (err)
		return err;
	return ti->number == MMC_RTI_INVISIBLE ? 0 : -EIO;
}

static int ms_toc_answers(struct ms_drive *d, bool with_session)
{
	struct mmc_answers *a = &d->a;
	int n;

	n = ms_toc(d, 0, MMC_TOC_LEN);
	if (n < 0)
		return n;
	if (mmc_parse_toc(d->buf, n, &d->toc))
		return -EIO;
	a->toc = &d->toc;
	a->have |= MMC_HAVE_TOC;
	if (!with_session)
		return 0;
	n = ms_toc(d, 1, MMC_TOC_SESSION_LEN);
	if (n < 0)
		return ms_outcome(n) == MS_ENDED ? n : 0;
	if (!mmc_parse_toc_session(d->buf, n, &a->toc_session))
		a->have |= MMC_HAVE_TOC_SESSION;
	return 0;
}

/* Track @last, the last of the previous session, after its first one. */
static int ms_prev_last_track(struct ms_drive *d, u16 last)
{
	struct mmc_answers *a = &d->a;
	const struct mmc_track_info *t254 = &a->prev_first;
	int err;

	if (last != MMC_RTI_INVISIBLE)
		return ms_track_info(d, MMC_RTI_TRACK, last, &a->prev_last);
	/* track 254 is in that session too */
	if (t254->number != last - 1) {
		err = ms_track_info(d, MMC_RTI_TRACK, last - 1, &a->prev_last);
		if (err)
			return err;
		t254 = &a->prev_last;
	}
	return ms_track_255(d, t254->session, t254->start + t254->size,
			    &a->prev_last);
}

/*
 * The last complete session by session number: its first track, and its
 * last one if it has several. Drives without track information (QEMU, old
 * ROM drives) fall back to the TOC on CD and ROM media.
 */
static int ms_previous_answers(struct ms_drive *d, bool rom, bool is_cd,
			       u16 complete)
{
	struct mmc_answers *a = &d->a;
	u16 last;
	int err;

	err = ms_track_info(d, MMC_RTI_SESSION, complete, &a->prev_first);
	if (err) {
		/* not for a failing drive: only for one without the command */
		if (ms_outcome(err) != MS_LACKING || !(rom || is_cd))
			return err;
		return ms_toc_answers(d, true);
	}
	a->have |= MMC_HAVE_PREV_FIRST;
	last = mmc_prev_last_track(&a->disc);
	if (last > a->prev_first.number) {
		err = ms_prev_last_track(d, last);
		if (err)
			return err;
		a->have |= MMC_HAVE_PREV_LAST;
	}
	/* A CD session opening with audio may still hold data before it. */
	if (is_cd && !(a->prev_first.mode & MMC_CONTROL_DATA)) {
		err = ms_toc_answers(d, false);
		if (ms_outcome(err) == MS_ENDED)
			return err;
	}
	return 0;
}

/*
 * An open session that holds data and more than the track being written:
 * its first track, by session number (one more command, in this case only).
 */
static int ms_open_session_answers(struct ms_drive *d)
{
	struct mmc_answers *a = &d->a;
	int err;

	if (a->disc.last_session_state != MULTISESSION_SESSION_INCOMPLETE ||
	    a->next.number == a->disc.first_track_last_session)
		return 0;
	err = ms_track_info(d, MMC_RTI_SESSION, a->disc.sessions, &a->open_first);
	if (err)
		/* a fact for --msinfo only: its absence costs no answer */
		return ms_outcome(err) == MS_ENDED ? err : 0;
	a->have |= MMC_HAVE_OPEN_FIRST;
	return 0;
}

static int ms_next_answers(struct ms_drive *d, bool is_cd)
{
	struct mmc_answers *a = &d->a;
	int err = -EOPNOTSUPP;
	enum ms_outcome o;

	if (mmc_invisible_track_is_ff(a->config.profile))
		err = ms_track_info(d, MMC_RTI_TRACK, MMC_RTI_INVISIBLE, &a->next);
	o = ms_outcome(err);
	if (o == MS_LACKING || o == MS_NOTHING_THERE)
		err = ms_track_info(d, MMC_RTI_TRACK,
				    a->disc.last_track_last_session, &a->next);
	if (!err) {
		a->have |= MMC_HAVE_NEXT;
		return ms_open_session_answers(d);
	}
	if (ms_outcome(err) != MS_LACKING || !is_cd)
		return err;
	/* CD session arithmetic needs the last lead-out (parse.c). */
	if (!(a->have & MMC_HAVE_TOC) &&
	    a->disc.disc_status == MULTISESSION_DISC_APPENDABLE)
		return ms_toc_answers(d, false);
	return 0;
}

static int ms_overwriteable_answers(struct ms_drive *d)
{
	struct mmc_answers *a = &d->a;
	enum ms_outcome o;
	u8 cdb[10];
	int n;

	ms_cdb(cdb, MMC_READ_FORMAT_CAPACITIES, MMC_FORMAT_CAP_LEN);
	n = ms_mmc(d, cdb, MMC_FORMAT_CAP_LEN);
	if (ms_outcome(n) == MS_ENDED)
		return n;
	if (n >= 0 && !mmc_parse_format_capacity(d->buf, n, &a->format)) {
		a->have |= MMC_HAVE_FORMAT_CAPACITY;
		if (a->format.type == MMC_FORMAT_UNFORMATTED)
			return 0;
	} else if (mmc_needs_format(a->config.profile)) {
		/* only this command tells whether DVD+RW and BD-RE are formatted */
		return -EIO;
	}
	if (!(a->have & MMC_HAVE_FORMAT_CAPACITY) ||
	    a->format.type != MMC_FORMAT_FORMATTED) {
		n = ms_read_capacity(d, &a->capacity);
		if (n)
			return n;
		a->have |= MMC_HAVE_CAPACITY;
	}

	ms_cdb(cdb, MMC_READ_10, 1);
	put_unaligned_be32(16, cdb + CDB_READ10_LBA);
	n = ms_mmc(d, cdb, MMC_BLOCK);
	/* Never written and out of range read as empty; a read error does not. */
	o = ms_outcome(n);
	if (o != MS_ANSWERED && o != MS_NOTHING_THERE)
		return n;
	/* part of a block is no answer: its rest was lost on the way */
	if (n >= 0 && n < MMC_BLOCK)
		return -EIO;
	a->volume = MMC_VOLUME_EMPTY;
	if (n >= 0)
		a->volume = mmc_classify_block16(d->buf, n, &a->volume_blocks);
	a->have |= MMC_HAVE_BLOCK16;
	return 0;
}

/* The current profile, or the reason the drive has none. */
static int ms_current_profile(struct ms_drive *d)
{
	int err = ms_get_config(d, &d->a.config);

	if (err || d->a.config.profile)
		return err;
	/* No current profile: the sense of TUR says why. */
	err = ms_test_unit_ready(d);
	if (err)
		return err;
	/*
	 * Ready, yet no profile a moment ago: a medium arrived between the
	 * two commands, and its attention went to someone else's command.
	 * Ask again; a drive that stays so holds a medium we cannot use.
	 */
	d->medium_changed = true;
	return -EMEDIUMTYPE;
}

/*
 * Ask the drive what the facts need, in as few commands as the medium
 * allows: four for sequential media in the common case (disc information,
 * configuration, the last complete session, the invisible track). Disc
 * information comes first because the pass ends by asking it again
 * (ms_same_medium()): all that is asked in between is then of one medium.
 */
static int ms_gather_summary(struct ms_drive *d)
{
	struct mmc_answers *a = &d->a;
	enum mmc_medium_class class;
	int err, disc_info;
	bool is_cd, rom;
	u16 complete;

	disc_info = ms_disc_info(d);
	if (ms_outcome(disc_info) == MS_ENDED)
		return disc_info;
	if (disc_info >= 0) {
		memcpy(d->disc_info, d->buf, disc_info);
		d->disc_info_len = disc_info;
	}
	err = ms_current_profile(d);
	if (err)
		return err;
	class = mmc_medium_class(a->config.profile);
	if (class == MMC_CLASS_NONE)
		return -EMEDIUMTYPE;
	is_cd = mmc_profile_is_cd(a->config.profile);
	rom = class == MMC_CLASS_ROM;

	if (disc_info < 0) {
		/*
		 * Only a drive that does not know the command gets the TOC
		 * instead, and only for pressed media: the TOC cannot tell
		 * whether a recordable disc is still open. A transfer error
		 * (4/08/03) is no licence to guess either.
		 */
		if (ms_outcome(disc_info) != MS_LACKING)
			return disc_info;
		return rom ? ms_toc_answers(d, true) : -EIO;
	}
	if (mmc_parse_disc_info(d->disc_info, d->disc_info_len, is_cd, &a->disc))
		return -EIO;
	a->have |= MMC_HAVE_DISC_INFO;

	if (class == MMC_CLASS_OVERWRITEABLE)
		return ms_overwriteable_answers(d);
	complete = rom ? a->disc.sessions : mmc_complete_sessions(&a->disc);
	if (complete) {
		err = ms_previous_answers(d, rom, is_cd, complete);
		if (err)
			return err;
	}
	if (!rom && (a->disc.disc_status == MULTISESSION_DISC_BLANK ||
		     a->disc.disc_status == MULTISESSION_DISC_APPENDABLE)) {
		err = ms_next_answers(d, is_cd);
		if (err)
			return err;
	}
	/* written in place too: its formatted size and volume (parse.c) */
	if (a->config.features & MMC_CUR_BD_R_POW)
		return ms_overwriteable_answers(d);
	return 0;
}

/*
 * Whether the DVD or BD is write-protected, where the drive has the Write
 * Protect Feature and the answer decides whether the medium can be written
 * (parse.c): one READ DISC STRUCTURE format C0h. The feature comes with
 * that command, so a drive that has it current and refuses the command is
 * failing, not lacking it: guessing "not protected" could call a protected
 * medium writable.
 */
static int ms_write_protection(struct ms_drive *d)
{
	struct mmc_answers *a = &d->a;
	int media = mmc_write_protection_media(a);
	u8 cdb[12] = { MMC_READ_DISC_STRUCTURE };
	int n;

	if (media < 0)
		return 0;
	cdb[CDB_RDS_MEDIA] = media;
	cdb[CDB_RDS_FORMAT] = MMC_RDS_FORMAT_WRITE_PROTECTION;
	put_unaligned_be16(MMC_WRITE_PROTECTION_LEN, cdb + CDB_RDS_ALLOC_LEN);
	n = ms_mmc(d, cdb, MMC_WRITE_PROTECTION_LEN);
	if (n < 0)
		return n;
	if (mmc_parse_write_protection(d->buf, n, &a->write_protection))
		return -EIO;
	a->have |= MMC_HAVE_WRITE_PROTECTION;
	return 0;
}

static int ms_gather(struct ms_drive *d)
{
	int err = ms_gather_summary(d);

	return err ? err : ms_write_protection(d);
}

/*
 * The pass's first command once more, last in the pass, its reply compared
 * byte for byte. A medium changed meanwhile shows here even when its UNIT
 * ATTENTION went to a command of someone else (sr checks for media changes
 * from a workqueue too, and a burner's SG_IO command can take it): the
 * drive reports a change only once. A drive without disc information is
 * asked its profile again instead.
 */
static int ms_same_medium(struct ms_drive *d)
{
	struct mmc_config cfg;
	int n;

	if (!d->disc_info_len) {
		n = ms_get_config(d, &cfg);
		if (!n && cfg.profile != d->a.config.profile)
			d->medium_changed = true;
		return n;
	}
	n = ms_disc_info(d);
	if (n < 0)
		return n;
	if (!mmc_same_disc_info(d->disc_info, d->disc_info_len, d->buf, n))
		d->medium_changed = true;
	return 0;
}

/*
 * The track table: one READ TRACK INFORMATION per track not already asked
 * for the summary; from the TOC for drives that have no track information.
 */
static int ms_read_tracks(struct ms_drive *d, struct multisession_track *t,
			  u32 n)
{
	const struct mmc_answers *a = &d->a;
	const struct mmc_track_info *known;
	struct mmc_track_info ti;
	bool from_toc = mmc_facts_from_toc_only(a);
	u32 i;
	int err;

	for (i = 0; i < n; i++) {
		if (from_toc) {
			if (mmc_toc_track_entry(a, i, &t[i]))
				return -EIO;
			continue;
		}
		known = NULL;
		if ((a->have & MMC_HAVE_PREV_FIRST) && a->prev_first.number == i + 1)
			known = &a->prev_first;
		else if ((a->have & MMC_HAVE_PREV_LAST) &&
			 a->prev_last.number == i + 1)
			known = &a->prev_last;
		else if ((a->have & MMC_HAVE_NEXT) && a->next.number == i + 1)
			known = &a->next;
		if (!known) {
			if (i + 1 == MMC_RTI_INVISIBLE)
				err = ms_track_255(d, t[i - 1].session,
						   t[i - 1].start + t[i - 1].size,
						   &ti);
			else
				err = ms_track_info(d, MMC_RTI_TRACK, i + 1, &ti);
			if (err)
				return err;
			known = &ti;
		}
		mmc_track_entry(known, &t[i]);
	}
	return 0;
}

/* Only the errnos the uapi header documents leave the module. */
int ms_user_errno(int err)
{
	switch (err) {
	case 0:
	case -ENOMEDIUM:
	case -EBUSY:
	case -EMEDIUMTYPE:
	case -EIO:
	case -ETIMEDOUT:
	case -EINTR:
	case -ENOMEM:
	case -EFAULT:
	case -ENODEV: /* the drive went away during the query */
		return err;
	default:
		return -EIO;
	}
}

/* Passes of one query that may each meet a medium change before giving up. */
#define MS_CHANGE_PASSES 3

/*
 * One pass, the disk's open_mutex held: the commands, the facts, the table
 * if @q asks for it (*@tracks, replacing an earlier pass's), and the
 * closing check, whose finding is d->medium_changed.
 */
static int ms_query_pass(struct ms_drive *d, const struct multisession_query *q,
			 struct multisession_query *facts,
			 struct multisession_track **tracks, u32 *ntracks)
{
	int err, same;

	memset(&d->a, 0, sizeof(d->a));
	d->medium_changed = false;
	d->disc_info_len = 0;
	err = ms_gather(d);
	if (!err)
		err = mmc_derive_facts(&d->a, facts);
	/* the table's own commands may meet the change too */
	if (!err && (q->flags & MULTISESSION_QUERY_TRACKS)) {
		kvfree(*tracks);
		*ntracks = min(q->tracks_capacity, facts->out_tracks_total);
		*tracks = kvcalloc(*ntracks, sizeof(**tracks), GFP_KERNEL);
		err = *tracks ? ms_read_tracks(d, *tracks, *ntracks) : -ENOMEM;
	}
	/*
	 * A failure may come from a torn pass as well: a command for what the
	 * old medium had (its second session, say) refused by the new one.
	 * See which, unless the failure ends the request anyway (no medium,
	 * the device gone, a signal: ms_outcome()).
	 */
	if (ms_outcome(err) != MS_ENDED &&
	    (d->disc_info_len || d->a.config.profile)) {
		same = ms_same_medium(d);
		if (same && !err)
			err = same;
	}
	return err;
}

/*
 * Ask the drive; fill @facts and, if @q asks for it, *@tracksp with the
 * first *@ntracksp entries of the track table (the caller frees it).
 * *answered: when the last command the answer rests on was sent.
 */
int ms_query_once(struct scsi_device *sdev, struct gendisk *disk,
		  const struct multisession_query *q,
			 struct multisession_query *facts, u64 *answered,
			 struct multisession_track **tracksp, u32 *ntracksp)
{
	struct multisession_track *tracks = NULL;
	struct ms_drive *d;
	u32 ntracks = 0;
	int pass, err;
	u64 seq = 0;

	mmc_facts_init(facts);
	d = ms_drive_alloc(sdev);
	if (!d)
		return -ENOMEM;
	/*
	 * A medium change between two commands would mix two discs in one
	 * answer: ask again while the drive (UNIT ATTENTION) or the block
	 * layer (diskseq) saw one during the pass, the track table's commands
	 * included. The drive reports the change once, to whoever sends the
	 * next command; the pass holds the disk's open_mutex so that sr's
	 * media check at open (TEST UNIT READY), which takes it too, cannot
	 * take the attention away between two of our commands, and so that
	 * two of our own passes on one drive do not take it from each other.
	 */
	for (pass = 0;; pass++) {
		err = mutex_lock_killable(&disk->open_mutex);
		if (err)
			break;
		seq = READ_ONCE(disk->diskseq);
		err = ms_query_pass(d, q, facts, &tracks, &ntracks);
		mutex_unlock(&disk->open_mutex);
		if (!d->medium_changed && READ_ONCE(disk->diskseq) == seq)
			break;
		if (pass == MS_CHANGE_PASSES) {
			if (err != -EMEDIUMTYPE)
				err = -EBUSY;
			break;
		}
	}
	if (err) {
		kvfree(tracks);
		tracks = NULL;
		ntracks = 0;
	}
	*tracksp = tracks;
	*ntracksp = ntracks;
	/* the generation that held for the whole answer, not a later one */
	facts->out_diskseq = seq;
	facts->out_commands = d->commands;
	*answered = d->last_sent;
	memcpy(facts->out_vendor, sdev->vendor, sizeof(facts->out_vendor));
	memcpy(facts->out_product, sdev->model, sizeof(facts->out_product));
	memcpy(facts->out_revision, sdev->rev, sizeof(facts->out_revision));
	ms_drive_free(d);
	return ms_user_errno(err);
}

/*
 * Resolve the caller's fd to the sr device behind it. What pins what during
 * a query: our file reference keeps the caller's open block device, hence
 * its gendisk and the parent scsi_device, alive; scsi_device_get() refuses
 * a device being removed and pins the low-level driver's module until
 * scsi_device_put(); the open /dev/multisession file pins this module
 * (fops owner). Nothing is kept once the ioctl returns.
 */
static int ms_resolve(struct file *file, struct scsi_device **sdevp)
{
	struct block_device *bdev;
	struct scsi_device *sdev;
	struct device *parent;
	int err;

	if (!S_ISBLK(file_inode(file)->i_mode))
		return -ENOTBLK;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	bdev = ms_file_bdev(file);
	if (bdev_is_partition(bdev) || bdev->bd_disk->major != SCSI_CDROM_MAJOR)
		return -ENODEV;
	parent = disk_to_dev(bdev->bd_disk)->parent;
	if (!parent || !scsi_is_sdev_device(parent))
		return -ENODEV;
	sdev = to_scsi_device(parent);
	if (sdev->type != TYPE_ROM && sdev->type != TYPE_WORM)
		return -ENODEV;
	/*
	 * A query commands the drive as SG_IO on this file would, so it takes
	 * the same security decision: an LSM's ioctl rule, a Landlock domain
	 * that withholds LANDLOCK_ACCESS_FS_IOCTL_DEV.
	 */
	err = security_file_ioctl(file, SG_IO, 0);
	if (err)
		return err;
	if (scsi_device_get(sdev))
		return -ENODEV;
	*sdevp = sdev;
	return 0;
}

/**
 * ms_drive_get() - the caller's drive, pinned for one request
 * @fd: the caller's descriptor of /dev/srN
 * @filep: out: its file, referenced
 * @sdevp: out: the drive, referenced
 *
 * Return: 0, or -EBADF or an errno of ms_resolve(), with nothing held.
 */
int ms_drive_get(int fd, struct file **filep, struct scsi_device **sdevp)
{
	struct file *file = fget(fd);
	int err;

	if (!file)
		return -EBADF;
	err = ms_resolve(file, sdevp);
	if (err) {
		fput(file);
		return err;
	}
	*filep = file;
	return 0;
}

void ms_drive_put(struct file *file, struct scsi_device *sdev)
{
	scsi_device_put(sdev);
	fput(file);
}

/**
 * ms_ioctl_query() - MULTISESSION_QUERY on validated arguments
 * @q: the caller's struct, input fields checked; out_* fields are filled
 *
 * Return: 0 or a negative errno as the uapi header documents.
 */
long ms_ioctl_query(struct multisession_query *q)
{
	struct scsi_device *sdev;
	struct file *file;
	int err;

	err = ms_drive_get(q->cdrom_fd, &file, &sdev);
	if (err)
		return err;
	err = ms_query_drive(sdev, ms_file_bdev(file)->bd_disk, q);
	ms_drive_put(file, sdev);
	return err;
}
