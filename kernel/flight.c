// SPDX-License-Identifier: GPL-2.0-only
/*
 * One query in flight per drive: callers that arrive while it runs share
 * its answer instead of sending the same commands again (query.c sends
 * them).
 */
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <scsi/scsi_device.h>

#include "ms_private.h"
#include "parse.h"

/* In the caller's stride: a longer entry's tail reads as zero. */
static int ms_copy_tracks(const struct multisession_query *q,
			  const struct multisession_track *t, u32 n)
{
	u8 __user *ut = u64_to_user_ptr(q->tracks_uptr);
	size_t stride = q->track_entry_size ?: MULTISESSION_TRACK_SIZE_VER0;
	size_t copy = min(stride, sizeof(*t));
	u32 i;

	for (i = 0; i < n; i++, ut += stride) {
		if (copy_to_user(ut, &t[i], copy) ||
		    clear_user(ut + copy, stride - copy))
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
 * @done: completed when @err, @answered and @facts are final
 * @err: the query's result
 * @answered: ktime_get_ns() when the last command behind the answer was
 *	sent (the drive read the medium after that)
 * @facts: the answer (out_* fields)
 * @table: the query reads the track table too; only such a query can
 *	answer a caller who asked for the table, any can answer the others
 * @tracks: the first @ntracks entries of the table, for a @table query
 * @ntracks: entries in @tracks
 */
struct ms_flight {
	struct list_head node;
	const struct scsi_device *sdev;
	refcount_t ref;
	struct completion done;
	int err;
	u64 answered;
	struct multisession_query facts;
	bool table;
	struct multisession_track *tracks;
	u32 ntracks;
};

/* Protects only the list; no I/O happens under it. */
static DEFINE_SPINLOCK(ms_flights_lock);
static LIST_HEAD(ms_flights);

static void ms_flight_put(struct ms_flight *f)
{
	if (refcount_dec_and_test(&f->ref)) {
		kvfree(f->tracks);
		kfree(f);
	}
}

/*
 * Join the query in flight on @sdev (one that reads the table, if @table),
 * or become the leader of a new one (*leader set). *joined: when a joiner
 * joined, for ms_query_drive() to tell whether the answer it gets was read
 * after that.
 */
static struct ms_flight *ms_flight_get(struct scsi_device *sdev, bool table,
				       bool *leader, u64 *joined)
{
	struct ms_flight *f, *fresh;

	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return NULL;
	spin_lock(&ms_flights_lock);
	list_for_each_entry(f, &ms_flights, node) {
		if (f->sdev == sdev && (f->table || !table)) {
			refcount_inc(&f->ref);
			*joined = ktime_get_ns();
			spin_unlock(&ms_flights_lock);
			kfree(fresh);
			*leader = false;
			return f;
		}
	}
	fresh->sdev = sdev;
	fresh->table = table;
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

/* The answer only: the caller's inputs at the tail are not ours to change. */
static void ms_copy_facts(struct multisession_query *dst,
			  const struct multisession_query *src)
{
	size_t from = offsetof(struct multisession_query, out_tracks_total);
	size_t to = offsetofend(struct multisession_query, out_commands);

	memcpy((u8 *)dst + from, (const u8 *)src + from, to - from);
	/* appended after the inputs (MULTISESSION_QUERY_SIZE_VER1) */
	dst->out_open_session_start = src->out_open_session_start;
}

/*
 * Callers that arrive while a query of the same drive is in flight share
 * its answer, and its track table if they asked for one and it read as
 * many entries as they have room for. The caller's array is written only
 * with the drive unlocked and after the others have their answer: a fault
 * on it that never resolves (userfaultfd, a FUSE-backed mapping) must not
 * keep anyone from opening or removing the drive, nor hold up the joiners.
 */
int ms_query_drive(struct scsi_device *sdev, struct gendisk *disk,
		   struct multisession_query *q)
{
	bool table = q->flags & MULTISESSION_QUERY_TRACKS;
	struct ms_flight *f;
	u64 joined;
	bool leader, stale;
	u32 want;
	int err;

	for (;;) {
		f = ms_flight_get(sdev, table, &leader, &joined);
		if (!f)
			return -ENOMEM;
		if (leader)
			break;
		err = wait_for_completion_killable(&f->done);
		/*
		 * An answer whose last command was sent before this caller
		 * arrived may describe a medium taken out since: ask again.
		 * So too if the table read holds fewer entries than wanted.
		 */
		want = err ? 0 : min(q->tracks_capacity,
				     f->facts.out_tracks_total);
		stale = !err && (f->answered <= joined ||
				 (table && !f->err && f->ntracks < want));
		if (!err && !stale) {
			err = f->err;
			ms_copy_facts(q, &f->facts);
			q->out_commands = 0;
			if (!err && table)
				err = ms_copy_tracks(q, f->tracks, want);
		}
		ms_flight_put(f);
		if (stale)
			continue;
		/* The leader was killed: its callers are not, so ask again. */
		if (err != -EINTR || fatal_signal_pending(current))
			return err == -ERESTARTSYS ? -EINTR : err;
	}
	err = ms_query_once(sdev, disk, q, &f->facts, &f->answered,
			    &f->tracks, &f->ntracks);
	f->err = err;
	ms_copy_facts(q, &f->facts);
	refcount_inc(&f->ref);
	ms_flight_finish(f);
	if (!err && table)
		err = ms_copy_tracks(q, f->tracks, f->ntracks);
	ms_flight_put(f);
	return err;
}
