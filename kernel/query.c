// SPDX-License-Identifier: GPL-2.0-only
/*
 * MULTISESSION_QUERY: from the caller's fd of /dev/srN to the facts.
 *
 * Nothing is cached: a burn goes through SG_IO without moving any media
 * generation and formatting can change the profile, so every query asks the
 * drive again. Callers that arrive while a query of the same drive is in
 * flight share its answer instead of sending the same commands again.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/major.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <scsi/scsi.h>
#include <scsi/scsi_device.h>

#include "compat.h"
#include "ms_private.h"
#include "parse.h"

static void ms_cdb(u8 *cdb, u8 opcode, u16 alloc)
{
	memset(cdb, 0, 10);
	cdb[0] = opcode;
	put_unaligned_be16(alloc, cdb + 7);
}

static int ms_get_config(struct ms_drive *d, struct mmc_config *cfg)
{
	u8 cdb[10];
	int n;

	ms_cdb(cdb, MMC_GET_CONFIGURATION, MMC_CONFIG_LEN);
	n = ms_mmc(d, cdb, MMC_CONFIG_LEN);
	if (n < 0)
		return n;
	return mmc_parse_config(d->buf, n, cfg) ? -EIO : 0;
}

static int ms_disc_info(struct ms_drive *d, int is_cd, struct mmc_disc_info *di)
{
	u8 cdb[10];
	int n;

	if (d->sdev->no_read_disc_info)
		return -EOPNOTSUPP;
	ms_cdb(cdb, MMC_READ_DISC_INFO, MMC_DISC_INFO_LEN);
	n = ms_mmc(d, cdb, MMC_DISC_INFO_LEN);
	if (n < 0)
		return n;
	return mmc_parse_disc_info(d->buf, n, is_cd, di) ? -EIO : 0;
}

static int ms_track_info(struct ms_drive *d, u8 type, u32 number,
			 struct mmc_track_info *ti)
{
	u8 cdb[10];
	int n;

	ms_cdb(cdb, MMC_READ_TRACK_INFO, MMC_TRACK_INFO_LEN);
	cdb[1] = type;
	put_unaligned_be32(number, cdb + 2);
	n = ms_mmc(d, cdb, MMC_TRACK_INFO_LEN);
	if (n < 0)
		return n;
	return mmc_parse_track_info(d->buf, n, ti) ? -EIO : 0;
}

static int ms_toc(struct ms_drive *d, u8 format, u16 alloc)
{
	u8 cdb[10];

	ms_cdb(cdb, MMC_READ_TOC, alloc);
	cdb[2] = format;
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

/* Errors that end the query whatever fallback might follow. */
static bool ms_fatal(int err)
{
	return err == -ENOMEDIUM || err == -EINTR || err == -ENODEV ||
	       err == -ETIMEDOUT || err == -EBUSY || err == -EMEDIUMTYPE;
}

/*
 * Drives without usable track information (QEMU, old ROM drives): the
 * formatted TOC gives the tracks of the complete sessions and the lead-out,
 * format 1 the start of the last session. Format 1 is a stub on some drives
 * (track 0 at LBA 0); the first track then stands for the only session.
 */
static int ms_facts_from_toc(struct ms_drive *d, struct multisession_query *q)
{
	struct mmc_toc_session ts;
	struct mmc_toc *toc;
	int n, i, err = -EIO;

	n = ms_toc(d, 0, MMC_TOC_LEN);
	if (n < 0)
		return ms_fatal(n) ? n : -EIO;
	toc = kmalloc(sizeof(*toc), GFP_KERNEL);
	if (!toc)
		return -ENOMEM;
	if (mmc_parse_toc(d->buf, n, toc) || !toc->num_tracks || toc->lead_out <= 0)
		goto out_free;
	q->out_prev_session_start = toc->start[0];
	q->out_sessions = 1;
	q->out_first_track_last_session = toc->first_track;
	n = ms_toc(d, 1, MMC_TOC_SESSION_LEN);
	if (n < 0 && ms_fatal(n)) {
		err = n;
		goto out_free;
	}
	if (n >= 0 && !mmc_parse_toc_session(d->buf, n, &ts) && ts.first_track &&
	    ts.last_session) {
		q->out_prev_session_start = ts.start;
		q->out_sessions = ts.last_session;
		q->out_first_track_last_session = ts.first_track;
	}
	for (i = 0; i < toc->num_tracks; i++)
		q->out_data_tracks += !!(toc->control[i] & 4);
	q->out_medium_flags |= MULTISESSION_MEDIUM_NO_DISC_INFO;
	q->out_disc_status = MULTISESSION_DISC_COMPLETE;
	q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
	q->out_complete_sessions = q->out_sessions;
	q->out_last_track_last_session = toc->last_track;
	q->out_tracks_total = 0;
	q->out_last_possible_lead_out = -1;
	q->out_prev_session_last_written = toc->lead_out - 1;
	q->out_last_recorded = toc->lead_out - 1;
	err = 0;
out_free:
	kfree(toc);
	return err;
}

/* A CD whose last session opens with audio may still hold data before. */
static int ms_cd_data_tracks(struct ms_drive *d, struct multisession_query *q)
{
	struct mmc_toc *toc;
	int n, i;

	n = ms_toc(d, 0, MMC_TOC_LEN);
	if (n < 0)
		return ms_fatal(n) ? n : 0;
	toc = kmalloc(sizeof(*toc), GFP_KERNEL);
	if (!toc)
		return -ENOMEM;
	if (!mmc_parse_toc(d->buf, n, toc))
		for (i = 0; i < toc->num_tracks; i++)
			q->out_data_tracks += !!(toc->control[i] & 4);
	kfree(toc);
	return 0;
}

static int ms_previous_session(struct ms_drive *d, const struct mmc_disc_info *di,
			       int is_cd, struct multisession_query *q)
{
	struct mmc_track_info first, last;
	u16 last_track;
	int err;

	err = ms_track_info(d, MMC_RTI_SESSION, q->out_complete_sessions, &first);
	if (err)
		return err;
	q->out_prev_session_start = first.start;
	if (first.flags & MMC_TRACK_DAMAGE)
		q->out_medium_flags |= MULTISESSION_MEDIUM_DAMAGED;

	/* On a closed disc the last session is the previous one. */
	if (di->last_session_state == MULTISESSION_SESSION_COMPLETE)
		last_track = di->last_track_last_session;
	else
		last_track = di->first_track_last_session - 1;
	if (last_track > first.number) {
		err = ms_track_info(d, MMC_RTI_TRACK, last_track, &last);
		if (err)
			return err;
	} else {
		last = first;
	}
	q->out_prev_session_last_written = mmc_track_last_written(&last, is_cd);
	q->out_last_recorded = q->out_prev_session_last_written;

	if (is_cd && !(first.mode & 4))
		return ms_cd_data_tracks(d, q);
	q->out_data_tracks = 1;
	return 0;
}

/*
 * The invisible (blank) or incomplete track: MMC defines track FFh for it
 * on CD and DVD+R; DVD-R and BD-R drives may refuse that, but always answer
 * for its number, the last track of the last session.
 */
static int ms_next_track(struct ms_drive *d, const struct mmc_disc_info *di,
			 struct multisession_query *q)
{
	struct mmc_track_info ti;
	s64 nwa, free_blocks;
	int err = -EOPNOTSUPP;

	switch (q->out_profile) {
	case 0x09: case 0x0a: case 0x1b: case 0x2b:
		err = ms_track_info(d, MMC_RTI_TRACK, MMC_RTI_INVISIBLE, &ti);
		break;
	}
	if (err == -EOPNOTSUPP || err == -ENODATA)
		err = ms_track_info(d, MMC_RTI_TRACK,
				    di->last_track_last_session, &ti);
	if (err)
		return err;
	if (ti.flags & MMC_TRACK_DAMAGE)
		q->out_medium_flags |= MULTISESSION_MEDIUM_DAMAGED;
	if ((ti.flags & MMC_TRACK_LRA_VALID) && ti.lra >= ti.start &&
	    !(ti.flags & MMC_TRACK_BLANK))
		q->out_last_recorded = ti.lra;
	if (mmc_track_next_writable(&ti, di->last_possible_lead_out, &nwa,
				    &free_blocks))
		return 0;
	q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
	q->out_nwa = nwa;
	q->out_free_blocks = free_blocks;
	return 0;
}

static int ms_sequential(struct ms_drive *d, const struct mmc_disc_info *di,
			 int is_cd, struct multisession_query *q)
{
	int err;

	if (q->out_complete_sessions) {
		err = ms_previous_session(d, di, is_cd, q);
		if (err)
			return err;
	}
	if (q->out_disc_status == MULTISESSION_DISC_BLANK ||
	    q->out_disc_status == MULTISESSION_DISC_APPENDABLE)
		return ms_next_track(d, di, q);
	return 0;
}

/*
 * Overwriteable media have one track and no sessions; tools grow one ISO
 * 9660 volume whose primary descriptor at block 16 they rewrite after each
 * session, so its volume size is where the next session goes.
 */
static int ms_overwriteable(struct ms_drive *d, struct multisession_query *q)
{
	struct mmc_format_capacity fc;
	u8 cdb[10];
	u16 unit = q->out_write_unit;
	s64 capacity, blocks, next;
	int n;

	q->out_medium_flags |= MULTISESSION_MEDIUM_OVERWRITEABLE;
	ms_cdb(cdb, MMC_READ_FORMAT_CAPACITIES, MMC_FORMAT_CAP_LEN);
	n = ms_mmc(d, cdb, MMC_FORMAT_CAP_LEN);
	if (n >= 0 && !mmc_parse_format_capacity(d->buf, n, &fc)) {
		capacity = fc.blocks;
		if (fc.type == MMC_FORMAT_UNFORMATTED) {
			q->out_disc_status = MULTISESSION_DISC_BLANK;
			q->out_free_blocks = capacity;
			return 0;
		}
	} else if (ms_fatal(n)) {
		return n;
	} else if (ms_read_capacity(d, &capacity)) {
		return -EIO;
	}
	q->out_formatted_capacity = capacity;

	ms_cdb(cdb, MMC_READ_10, 1);
	put_unaligned_be32(16, cdb + 2);
	n = ms_mmc(d, cdb, MMC_BLOCK);
	if (n < 0 && ms_fatal(n))
		return n;
	if (n < 0 || iso9660_volume_blocks(d->buf, n, &blocks) ||
	    blocks > capacity) {
		q->out_disc_status = MULTISESSION_DISC_BLANK;
		q->out_nwa = 0;
		q->out_free_blocks = capacity;
		q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
		return 0;
	}
	next = DIV_ROUND_UP_ULL(blocks, unit) * unit;
	q->out_disc_status = MULTISESSION_DISC_APPENDABLE;
	q->out_medium_flags |= MULTISESSION_MEDIUM_ISO9660;
	q->out_volume_blocks = blocks;
	q->out_complete_sessions = 1;
	q->out_prev_session_start = 0;
	q->out_prev_session_last_written = blocks - 1;
	q->out_last_recorded = blocks - 1;
	q->out_data_tracks = 1;
	if (next <= capacity) {
		q->out_nwa = next;
		q->out_free_blocks = capacity - next;
		q->out_medium_flags |= MULTISESSION_MEDIUM_NWA_VALID;
	}
	return 0;
}

static void ms_facts_init(struct multisession_query *q)
{
	q->out_block_size = MMC_BLOCK;
	q->out_prev_session_start = -1;
	q->out_prev_session_last_written = -1;
	q->out_nwa = -1;
	q->out_last_possible_lead_out = -1;
	q->out_read_capacity = -1;
	q->out_formatted_capacity = -1;
	q->out_last_recorded = -1;
	q->out_volume_blocks = -1;
}

static int ms_read_facts(struct ms_drive *d, struct multisession_query *q)
{
	struct mmc_config cfg;
	struct mmc_disc_info di;
	enum mmc_medium_class class;
	int is_cd, err;

	err = ms_get_config(d, &cfg);
	if (err)
		return ms_fatal(err) ? err : -EIO;
	q->out_profile = cfg.profile;
	q->out_num_profiles = min_t(u16, cfg.num_profiles, MULTISESSION_MAX_PROFILES);
	memcpy(q->out_profiles, cfg.profiles, q->out_num_profiles * sizeof(u16));
	if (!cfg.profile) {
		/* No current profile: the sense of TUR says why. */
		err = ms_test_unit_ready(d);
		return err ? err : -EMEDIUMTYPE;
	}
	class = mmc_medium_class(cfg.profile, cfg.features);
	if (class == MMC_CLASS_NONE)
		return -EMEDIUMTYPE;
	is_cd = mmc_profile_is_cd(cfg.profile);
	q->out_write_unit = mmc_write_unit(cfg.profile);
	if (cfg.features & MMC_CUR_BD_R_POW)
		q->out_medium_flags |= MULTISESSION_MEDIUM_POW;
	if (mmc_drive_can_write(cfg.profile, cfg.features))
		q->out_medium_flags |= MULTISESSION_MEDIUM_DRIVE_CAN_WRITE;

	err = ms_disc_info(d, is_cd, &di);
	if (err) {
		if (ms_fatal(err) || class != MMC_CLASS_ROM)
			return ms_fatal(err) ? err : -EIO;
		return ms_facts_from_toc(d, q);
	}
	q->out_disc_status = di.disc_status;
	q->out_last_session_state = di.last_session_state;
	q->out_format_status = di.bg_format;
	q->out_sessions = di.sessions;
	q->out_first_track_last_session = di.first_track_last_session;
	q->out_last_track_last_session = di.last_track_last_session;
	q->out_last_possible_lead_out = di.last_possible_lead_out;
	q->out_tracks_total = di.last_track_last_session;
	if (di.erasable)
		q->out_medium_flags |= MULTISESSION_MEDIUM_ERASABLE;
	if (di.last_session_state == MULTISESSION_SESSION_DAMAGED)
		q->out_medium_flags |= MULTISESSION_MEDIUM_DAMAGED;

	switch (class) {
	case MMC_CLASS_OVERWRITEABLE:
		q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
		return ms_overwriteable(d, q);
	case MMC_CLASS_ROM:
		q->out_disc_status = MULTISESSION_DISC_COMPLETE;
		q->out_last_session_state = MULTISESSION_SESSION_COMPLETE;
		q->out_complete_sessions = di.sessions;
		err = ms_sequential(d, &di, is_cd, q);
		/* ROM drives and emulations often lack track information. */
		if (err && !ms_fatal(err))
			return ms_facts_from_toc(d, q);
		return err;
	default:
		q->out_complete_sessions = mmc_complete_sessions(&di);
		err = ms_sequential(d, &di, is_cd, q);
		return err && !ms_fatal(err) ? -EIO : err;
	}
}

static void ms_track_entry(const struct mmc_track_info *ti,
			   struct multisession_track *t)
{
	memset(t, 0, sizeof(*t));
	t->number = ti->number;
	t->session = ti->session;
	t->mode = ti->mode;
	t->data_mode = ti->data_mode;
	t->packet_size = ti->packet_size;
	t->start = ti->start;
	t->size = ti->size;
	t->last_recorded = (ti->flags & MMC_TRACK_LRA_VALID) ? ti->lra : -1;
	t->nwa = (ti->flags & MMC_TRACK_NWA_VALID) ? ti->nwa : -1;
	t->free_blocks = ti->free_blocks;
	if (ti->flags & MMC_TRACK_RESERVED)
		t->state = MULTISESSION_TRACK_RESERVED;
	else if (ti->flags & MMC_TRACK_BLANK)
		t->state = MULTISESSION_TRACK_BLANK;
	else if (ti->flags & MMC_TRACK_NWA_VALID)
		t->state = MULTISESSION_TRACK_INCOMPLETE;
	else
		t->state = MULTISESSION_TRACK_COMPLETE;
	if (ti->mode & 4)
		t->flags |= MULTISESSION_TRACK_DATA;
	if (ti->flags & MMC_TRACK_DAMAGE)
		t->flags |= MULTISESSION_TRACK_DAMAGED;
	if (ti->flags & MMC_TRACK_COPY)
		t->flags |= MULTISESSION_TRACK_COPY;
	if (ti->flags & MMC_TRACK_PACKET)
		t->flags |= MULTISESSION_TRACK_PACKET;
	if (ti->flags & MMC_TRACK_FIXED_PACKET)
		t->flags |= MULTISESSION_TRACK_FIXED_PACKET;
	if (ti->flags & MMC_TRACK_NWA_VALID)
		t->flags |= MULTISESSION_TRACK_NWA_VALID;
	if (ti->flags & MMC_TRACK_LRA_VALID)
		t->flags |= MULTISESSION_TRACK_LRA_VALID;
}

/* One READ TRACK INFORMATION per track, each entry copied out at once. */
static int ms_read_tracks(struct ms_drive *d, struct multisession_query *q)
{
	struct multisession_track __user *ut = u64_to_user_ptr(q->tracks_uptr);
	u32 n = min(q->tracks_capacity, q->out_tracks_total);
	struct mmc_track_info ti;
	struct multisession_track t;
	u32 i;
	int err;

	for (i = 0; i < n; i++) {
		err = ms_track_info(d, MMC_RTI_TRACK, i + 1, &ti);
		if (err)
			return ms_fatal(err) ? err : -EIO;
		ms_track_entry(&ti, &t);
		if (copy_to_user(&ut[i], &t, sizeof(t)))
			return -EFAULT;
	}
	return 0;
}

/**
 * struct ms_flight - one query in flight on one drive, shared by the
 * callers that arrive before it ends
 * @node: entry in ms_flights
 * @sdev: the drive; only compared, never dereferenced by joiners
 * @ref: the leader's and each joiner's reference
 * @done: completed when @err and @facts are final
 * @err: the query's result
 * @facts: the answer (out_* fields)
 */
struct ms_flight {
	struct list_head node;
	const struct scsi_device *sdev;
	refcount_t ref;
	struct completion done;
	int err;
	struct multisession_query facts;
};

/* Protects only the list; no I/O happens under it. */
static DEFINE_SPINLOCK(ms_flights_lock);
static LIST_HEAD(ms_flights);

static void ms_flight_put(struct ms_flight *f)
{
	if (refcount_dec_and_test(&f->ref))
		kfree(f);
}

/* Join the query in flight on @sdev, or become its leader (*leader set). */
static struct ms_flight *ms_flight_get(struct scsi_device *sdev, bool *leader)
{
	struct ms_flight *f, *fresh;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return NULL;
	spin_lock(&ms_flights_lock);
	list_for_each_entry(f, &ms_flights, node) {
		if (f->sdev == sdev) {
			refcount_inc(&f->ref);
			spin_unlock(&ms_flights_lock);
			kfree(fresh);
			*leader = false;
			return f;
		}
	}
	fresh->sdev = sdev;
	refcount_set(&fresh->ref, 1);
	init_completion(&fresh->done);
	list_add(&fresh->node, &ms_flights);
	spin_unlock(&ms_flights_lock);
	*leader = true;
	return fresh;
}

static void ms_flight_finish(struct ms_flight *f)
{
	spin_lock(&ms_flights_lock);
	list_del(&f->node);
	spin_unlock(&ms_flights_lock);
	complete_all(&f->done);
	ms_flight_put(f);
}

static void ms_copy_facts(struct multisession_query *dst,
			  const struct multisession_query *src)
{
	size_t from = offsetof(struct multisession_query, out_tracks_total);

	memcpy((u8 *)dst + from, (const u8 *)src + from, sizeof(*dst) - from);
}

static int ms_query_drive(struct scsi_device *sdev, struct multisession_query *q)
{
	struct ms_drive d = { .sdev = sdev };
	bool want_tracks = q->flags & MULTISESSION_QUERY_TRACKS;
	struct multisession_query facts = { 0 };
	struct ms_flight *f = NULL;
	bool leader = true;
	int err;

	/* A table query sends its own commands: it cannot be shared. */
	while (!want_tracks) {
		f = ms_flight_get(sdev, &leader);
		if (!f)
			return -ENOMEM;
		if (leader)
			break;
		err = wait_for_completion_killable(&f->done);
		if (!err) {
			err = f->err;
			ms_copy_facts(q, &f->facts);
			q->out_commands = 0;
		}
		ms_flight_put(f);
		/* The leader was killed: its callers are not, so ask again. */
		if (err != -EINTR || fatal_signal_pending(current))
			return err == -ERESTARTSYS ? -EINTR : err;
	}

	d.buf = kmalloc(MS_BUF_LEN, GFP_KERNEL);
	if (!d.buf) {
		err = -ENOMEM;
		goto out_flight;
	}
	ms_facts_init(&facts);
	err = ms_read_facts(&d, &facts);
	if (!err && want_tracks && !(facts.out_medium_flags &
				     MULTISESSION_MEDIUM_NO_DISC_INFO)) {
		q->out_tracks_total = facts.out_tracks_total;
		err = ms_read_tracks(&d, q);
	}
	facts.out_commands = d.commands;
	memcpy(facts.out_vendor, sdev->vendor, sizeof(facts.out_vendor));
	memcpy(facts.out_product, sdev->model, sizeof(facts.out_product));
	memcpy(facts.out_revision, sdev->rev, sizeof(facts.out_revision));
	ms_copy_facts(q, &facts);
	kfree(d.buf);
out_flight:
	if (f) {
		f->err = err;
		f->facts = facts;
		ms_flight_finish(f);
	}
	return err;
}

/*
 * Resolve the caller's fd to the sr device behind it. The caller's open
 * file keeps the gendisk and its parent scsi_device alive while we hold the
 * file reference; scsi_device_get() additionally refuses a device being
 * removed and pins the low-level driver's module during the commands.
 */
static int ms_resolve(struct file *file, struct scsi_device **sdevp)
{
	struct block_device *bdev;
	struct scsi_device *sdev;
	struct device *parent;

	if (!S_ISBLK(file_inode(file)->i_mode))
		return -ENOTBLK;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	bdev = I_BDEV(file->f_mapping->host);
	if (bdev_is_partition(bdev) || bdev->bd_disk->major != SCSI_CDROM_MAJOR)
		return -ENODEV;
	parent = disk_to_dev(bdev->bd_disk)->parent;
	if (!parent || !scsi_is_sdev_device(parent))
		return -ENODEV;
	sdev = to_scsi_device(parent);
	if (sdev->type != TYPE_ROM && sdev->type != TYPE_WORM)
		return -ENODEV;
	if (scsi_device_get(sdev))
		return -ENODEV;
	*sdevp = sdev;
	return 0;
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

	file = fget(q->cdrom_fd);
	if (!file)
		return -EBADF;
	err = ms_resolve(file, &sdev);
	if (!err) {
		err = ms_query_drive(sdev, q);
		q->out_diskseq = I_BDEV(file->f_mapping->host)->bd_disk->diskseq;
		scsi_device_put(sdev);
	}
	fput(file);
	return err;
}
