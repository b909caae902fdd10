// SPDX-License-Identifier: GPL-2.0-only
/*
 * Command dispatch: an opcode table (CDB length, allowed-bit mask, flags,
 * handler) in the manner of scsi_debug, run from a work item per command so
 * handlers may sleep and allocate. Replies are built in the drive's reply
 * buffer and copied truncated to the allocation length, residual set.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cdrom.h>
#include <linux/delay.h>
#include <linux/random.h>
#include <linux/workqueue.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_proto.h>

#include "mmcsim.h"
#include "mmcsim_compat.h"

/* struct mmcsim_op.flags */
#define F_MEDIUM BIT(0)		/* needs a medium in the closed tray */
#define F_RW BIT(1)		/* READ/WRITE: the per-block latency applies */

/**
 * struct mmcsim_op - one supported opcode
 * @name: for the debugfs counters
 * @len: CDB length
 * @flags: F_*
 * @mask: allowed bits of CDB bytes 1..len-1 (byte 0 is the opcode)
 * @fn: handler: 0 or a sense code
 */
struct mmcsim_op {
	const char *name;
	u8 len;
	u8 flags;
	u8 mask[15];
	u32 (*fn)(struct mmcsim_dev *dev, struct scsi_cmnd *scmd);
};

static u32 cmd_request_sense(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	u8 *b = dev->reply;

	/* autosense already delivered every error: nothing is pending */
	b[0] = 0x70;
	b[7] = 10;
	mmcsim_respond(scmd, b, 18, scmd->cmnd[4]);
	return 0;
}

/* TEST UNIT READY and the commands accepted without effect */
static u32 cmd_nop(struct mmcsim_dev *dev, struct scsi_cmnd *scmd)
{
	return 0;
}

#define ALL 0xff
static const struct mmcsim_op mmcsim_ops[256] = {
	[TEST_UNIT_READY] = { "TEST UNIT READY", 6, F_MEDIUM,
		{ 0, 0, 0, 0, ALL }, cmd_nop },
	[REQUEST_SENSE] = { "REQUEST SENSE", 6, 0,
		{ 0x01, 0, 0, ALL, ALL }, cmd_request_sense },
	[FORMAT_UNIT] = { "FORMAT UNIT", 6, F_MEDIUM,
		{ ALL, ALL, ALL, ALL, ALL }, mmcsim_cmd_format_unit },
	[INQUIRY] = { "INQUIRY", 6, 0,
		{ 0x01, ALL, ALL, ALL, ALL }, mmcsim_cmd_inquiry },
	[START_STOP] = { "START STOP UNIT", 6, 0,
		{ 0x01, 0, 0x0f, 0xf3, ALL }, mmcsim_cmd_start_stop },
	[ALLOW_MEDIUM_REMOVAL] = { "PREVENT ALLOW MEDIUM REMOVAL", 6, 0,
		{ 0, 0, 0, 0x03, ALL }, mmcsim_cmd_prevent },
	[GPCMD_READ_FORMAT_CAPACITIES] = { "READ FORMAT CAPACITIES", 10, F_MEDIUM,
		{ 0, 0, 0, 0, 0, 0, ALL, ALL, ALL },
		mmcsim_cmd_read_format_capacities },
	[READ_CAPACITY] = { "READ CAPACITY", 10, F_MEDIUM,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL },
		mmcsim_cmd_read_capacity },
	[READ_10] = { "READ(10)", 10, F_MEDIUM | F_RW,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL }, mmcsim_cmd_read },
	[WRITE_10] = { "WRITE(10)", 10, F_MEDIUM | F_RW,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL }, mmcsim_cmd_write },
	[SYNCHRONIZE_CACHE] = { "SYNCHRONIZE CACHE", 10, F_MEDIUM,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL },
		mmcsim_cmd_sync_cache },
	[READ_TOC] = { "READ TOC/PMA/ATIP", 10, F_MEDIUM,
		{ 0x02, 0x0f, 0, 0, 0, ALL, ALL, ALL, ALL }, mmcsim_cmd_read_toc },
	[GPCMD_GET_CONFIGURATION] = { "GET CONFIGURATION", 10, 0,
		{ 0x03, ALL, ALL, 0, 0, 0, ALL, ALL, ALL },
		mmcsim_cmd_get_configuration },
	[GPCMD_GET_EVENT_STATUS_NOTIFICATION] = { "GET EVENT STATUS NOTIFICATION",
		10, 0, { 0x01, 0, 0, ALL, 0, 0, ALL, ALL, ALL }, mmcsim_cmd_gesn },
	[GPCMD_READ_DISC_INFO] = { "READ DISC INFORMATION", 10, F_MEDIUM,
		{ 0x07, 0, 0, 0, 0, 0, ALL, ALL, ALL }, mmcsim_cmd_read_disc_info },
	[GPCMD_READ_TRACK_RZONE_INFO] = { "READ TRACK INFORMATION", 10, F_MEDIUM,
		{ 0x07, ALL, ALL, ALL, ALL, 0, ALL, ALL, ALL },
		mmcsim_cmd_read_track_info },
	[GPCMD_RESERVE_RZONE_TRACK] = { "RESERVE TRACK", 10, F_MEDIUM,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL },
		mmcsim_cmd_reserve_track },
	[GPCMD_SEND_OPC] = { "SEND OPC INFORMATION", 10, F_MEDIUM,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL }, cmd_nop },
	[MODE_SELECT_10] = { "MODE SELECT(10)", 10, 0,
		{ 0x11, 0, 0, 0, 0, 0, ALL, ALL, ALL }, mmcsim_cmd_mode_select },
	[GPCMD_CLOSE_TRACK] = { "CLOSE TRACK/SESSION", 10, F_MEDIUM,
		{ 0x03, 0x07, 0, ALL, ALL, 0, 0, 0, ALL }, mmcsim_cmd_close },
	[GPCMD_READ_BUFFER_CAPACITY] = { "READ BUFFER CAPACITY", 10, 0,
		{ 0x01, 0, 0, 0, 0, 0, ALL, ALL, ALL },
		mmcsim_cmd_read_buffer_capacity },
	[GPCMD_SEND_CUE_SHEET] = { "SEND CUE SHEET", 10, F_MEDIUM,
		{ 0, 0, 0, 0, 0, ALL, ALL, ALL, ALL }, mmcsim_cmd_send_cue_sheet },
	[MODE_SENSE_10] = { "MODE SENSE(10)", 10, 0,
		{ 0x18, ALL, ALL, 0, 0, 0, ALL, ALL, ALL }, mmcsim_cmd_mode_sense },
	[GPCMD_BLANK] = { "BLANK", 12, F_MEDIUM,
		{ 0x17, ALL, ALL, ALL, ALL, 0, 0, 0, 0, 0, ALL }, mmcsim_cmd_blank },
	[READ_12] = { "READ(12)", 12, F_MEDIUM | F_RW,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL },
		mmcsim_cmd_read },
	[WRITE_12] = { "WRITE(12)", 12, F_MEDIUM | F_RW,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL },
		mmcsim_cmd_write },
	[GPCMD_GET_PERFORMANCE] = { "GET PERFORMANCE", 12, 0,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL },
		mmcsim_cmd_get_performance },
	[GPCMD_READ_DVD_STRUCTURE] = { "READ DISC STRUCTURE", 12, F_MEDIUM,
		{ 0x0f, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, 0xc0, ALL },
		mmcsim_cmd_read_dvd_structure },
	[GPCMD_SET_STREAMING] = { "SET STREAMING", 12, 0,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL }, cmd_nop },
	[GPCMD_SET_SPEED] = { "SET CD SPEED", 12, 0,
		{ ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL, ALL }, cmd_nop },
	[GPCMD_MECHANISM_STATUS] = { "MECHANISM STATUS", 12, 0,
		{ 0, 0, 0, 0, 0, 0, 0, ALL, ALL, 0, ALL },
		mmcsim_cmd_mechanism_status },
};

static struct workqueue_struct *mmcsim_wq;

static struct mmcsim_dev *to_dev(struct scsi_cmnd *scmd)
{
	return *(struct mmcsim_dev **)shost_priv(scmd->device->host);
}

/**
 * mmcsim_op_name() - the command's name for debugfs
 * @op: opcode
 *
 * Return: its name, or NULL for an unsupported opcode.
 */
const char *mmcsim_op_name(u8 op)
{
	return mmcsim_ops[op].name;
}

/**
 * mmcsim_respond() - copy a reply truncated to the allocation length
 * @scmd: the command
 * @buf: the complete reply (may be modified by a garbage fault)
 * @len: its length
 * @alloc: the CDB's allocation length
 *
 * Never fails for a short allocation length; sets the residual.
 *
 * Return: bytes transferred.
 */
u32 mmcsim_respond(struct scsi_cmnd *scmd, const u8 *buf, u32 len, u32 alloc)
{
	u32 n = min3(len, alloc, scsi_bufflen(scmd));
	struct mmcsim_dev *dev = to_dev(scmd);
	const struct mmcsim_fault *f = dev->cur_fault;

	if (f && mmcsim_fault_truncates(f))
		n = min(n, f->arg);
	if (f && (f->action == MMCSIM_F_GARBAGE || f->action == MMCSIM_F_PADDED)) {
		if (buf != dev->reply) {
			memcpy(dev->reply, buf, n);
			buf = dev->reply;
		}
	}
	if (f && f->action == MMCSIM_F_GARBAGE)
		get_random_bytes(dev->reply, n);
	if (f && f->action == MMCSIM_F_PADDED) {
		/* zeros sent up to the allocation length, as if they were data */
		len = min3(alloc, scsi_bufflen(scmd), (u32)MMCSIM_REPLY_MAX);
		memset(dev->reply + n, 0, len - n);
		n = len;
	}
	n = scsi_sg_copy_from_buffer(scmd, buf, n);
	/* libata's ATAPI path reports no residual: the rest is left as it was */
	scsi_set_resid(scmd, f && f->action == MMCSIM_F_UNREPORTED ?
			     0 : scsi_bufflen(scmd) - n);
	return n;
}

/* The first CDB bit outside the allowed mask: byte << 3 | bit, or -1. */
static int check_mask(const struct mmcsim_op *info, const u8 *cdb)
{
	u8 bad;
	int i;

	for (i = 1; i < info->len; i++) {
		bad = cdb[i] & ~info->mask[i - 1];
		if (bad)
			return i << 3 | __fls(bad);
	}
	return -1;
}

static u32 execute(struct mmcsim_dev *dev, struct scsi_cmnd *scmd,
		   const struct mmcsim_fault *f)
{
	const struct mmcsim_op *info = &mmcsim_ops[scmd->cmnd[0]];
	const struct mmcsim_medium *m = &dev->medium;
	u32 sense;
	int bit;

	if (!info->fn)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x20, 0);
	if (scmd->cmd_len < info->len)
		return MMCSIM_SENSE(ILLEGAL_REQUEST, 0x20, 0);
	bit = check_mask(info, scmd->cmnd);
	if (bit >= 0) {
		mmcsim_set_sense(scmd, MMCSIM_SENSE(ILLEGAL_REQUEST, 0x24, 0));
		scsi_set_sense_field_pointer(scmd->sense_buffer,
					     SCSI_SENSE_BUFFERSIZE, bit >> 3,
					     bit & 7, true);
		return 0;
	}
	sense = mmcsim_take_ua(dev, scmd->cmnd[0]);
	if (sense)
		return sense;
	if (f && f->action == MMCSIM_F_SENSE)
		return BIT(24) | f->arg;
	if ((info->flags & F_MEDIUM) && (!m->profile || dev->tray_open))
		return MMCSIM_SENSE(NOT_READY, 0x3a, dev->tray_open ? 2 : 1);
	memset(dev->reply, 0, MMCSIM_REPLY_MAX);
	dev->cur_fault = f;
	sense = info->fn(dev, scmd);
	dev->cur_fault = NULL;
	return sense;
}

static u32 blocks_of(const struct scsi_cmnd *scmd)
{
	if (scmd->cmnd[0] == READ_12 || scmd->cmnd[0] == WRITE_12)
		return get_unaligned_be32(scmd->cmnd + 6);
	return get_unaligned_be16(scmd->cmnd + 7);
}

/*
 * Records a finished command (@scmd, result set; @sense: the sense code it
 * got, or 0) in the drive's log when logging is on; debugfs shows the log.
 */
static void log_cmd(struct mmcsim_dev *dev, u64 seq, struct scsi_cmnd *scmd,
		    u32 sense)
{
	struct mmcsim_log_entry *e;

	if (!READ_ONCE(dev->log_on))
		return;
	spin_lock(&dev->log_lock);
	if (dev->log) {
		e = &dev->log[dev->log_head++ % MMCSIM_LOG_LINES];
		e->seq = seq;
		e->cdb_len = min_t(u8, scmd->cmd_len, sizeof(e->cdb));
		memcpy(e->cdb, scmd->cmnd, e->cdb_len);
		e->status = get_host_byte(scmd) ? 0xff : scmd->result & 0xff;
		if (!sense && (scmd->result & 0xff) == SAM_STAT_CHECK_CONDITION)
			sense = (scmd->sense_buffer[2] & 0xf) << 16 |
				scmd->sense_buffer[12] << 8 | scmd->sense_buffer[13];
		e->sense = sense & 0xfffff;
		e->len = scsi_bufflen(scmd) - scsi_get_resid(scmd);
	}
	spin_unlock(&dev->log_lock);
}

static void finish_no_connect(struct mmcsim_dev *dev, struct scsi_cmnd *scmd,
			      u64 seq)
{
	set_host_byte(scmd, DID_NO_CONNECT);
	log_cmd(dev, seq, scmd, 0);
	scsi_done(scmd);
}

static void mmcsim_work(struct work_struct *work)
{
	struct mmcsim_cmd *c = container_of(work, struct mmcsim_cmd, work);
	struct scsi_cmnd *scmd = c->scmd;
	struct mmcsim_dev *dev = to_dev(scmd);
	u8 op = scmd->cmnd[0];
	struct mmcsim_fault f;
	bool fault, held = false;
	u64 seq, delay;
	u32 sense;

	seq = atomic64_inc_return(&dev->ncmds);
	atomic_inc(&dev->counts[op]);
	fault = mmcsim_fault_match(dev, op, seq, &f);
	scmd->result = 0;
	scsi_set_resid(scmd, 0);
	if (fault && f.action == MMCSIM_F_TIMEOUT) {
		spin_lock(&dev->held_lock);
		if (!dev->dying) {
			list_add_tail(&c->entry, &dev->held);
			held = true;
		}
		spin_unlock(&dev->held_lock);
		if (held) {
			log_cmd(dev, seq, scmd, 0);
			return;
		}
	}
	if (fault && f.action == MMCSIM_F_DETACH) {
		/*
		 * Gone from this command on: a burner that gets the error must
		 * not close its session before the work below has run.
		 */
		mmcsim_set_dying(dev);
		queue_work(mmcsim_wq, &dev->detach_work);
	}
	if (READ_ONCE(dev->dying)) {
		finish_no_connect(dev, scmd, seq);
		return;
	}

	mutex_lock(&dev->lock);
	sense = execute(dev, scmd, fault ? &f : NULL);
	mutex_unlock(&dev->lock);
	if (sense)
		mmcsim_set_sense(scmd, sense);
	log_cmd(dev, seq, scmd, sense);

	delay = READ_ONCE(dev->delay_us);
	if (mmcsim_ops[op].flags & F_RW)
		delay += div_u64((u64)READ_ONCE(dev->sector_ns) * blocks_of(scmd),
				 1000);
	if (fault && f.action == MMCSIM_F_DELAY)
		delay += (u64)f.arg * 1000;
	if (delay)
		fsleep(delay);
	scsi_done(scmd);
}

/**
 * mmcsim_set_dying() - from now on, new commands fail with DID_NO_CONNECT
 * @dev: the drive
 *
 * Under held_lock: once it is set, no command is held by a timeout fault
 * any more, so mmcsim_fail_held() leaves none behind.
 */
void mmcsim_set_dying(struct mmcsim_dev *dev)
{
	spin_lock(&dev->held_lock);
	WRITE_ONCE(dev->dying, true);
	spin_unlock(&dev->held_lock);
}

/**
 * mmcsim_fail_held() - complete commands held by a timeout fault
 * @dev: the drive, being powered off
 */
void mmcsim_fail_held(struct mmcsim_dev *dev)
{
	struct mmcsim_cmd *c;

	/*
	 * One at a time under the lock: mmcsim_eh_abort() may take an entry
	 * off the list meanwhile, so the list is never handed elsewhere.
	 */
	for (;;) {
		spin_lock(&dev->held_lock);
		c = list_first_entry_or_null(&dev->held, struct mmcsim_cmd, entry);
		if (c)
			list_del_init(&c->entry);
		spin_unlock(&dev->held_lock);
		if (!c)
			break;
		set_host_byte(c->scmd, DID_NO_CONNECT);
		scsi_done(c->scmd);
	}
}

/**
 * mmcsim_eh_abort() - SCSI error handling gave up on a command
 * @scmd: the command
 *
 * After this the command is never completed by us: its work is cancelled
 * or finished, and a held command is dropped.
 *
 * Return: SUCCESS.
 */
int mmcsim_eh_abort(struct scsi_cmnd *scmd)
{
	struct mmcsim_cmd *c = scsi_cmd_priv(scmd);
	struct mmcsim_dev *dev = to_dev(scmd);

	cancel_work_sync(&c->work);
	spin_lock(&dev->held_lock);
	list_del_init(&c->entry);
	spin_unlock(&dev->held_lock);
	return SUCCESS;
}

/**
 * mmcsim_init_cmd_priv() - prepare a command's private data, once per command
 * @shost: the drive's host
 * @scmd: the command
 *
 * Return: 0.
 */
int mmcsim_init_cmd_priv(struct Scsi_Host *shost, struct scsi_cmnd *scmd)
{
	struct mmcsim_cmd *c = scsi_cmd_priv(scmd);

	INIT_WORK(&c->work, mmcsim_work);
	INIT_LIST_HEAD(&c->entry);
	c->scmd = scmd;
	return 0;
}

/**
 * mmcsim_queuecommand() - queue a command to the drive's work item
 * @shost: the drive's host
 * @scmd: the command
 *
 * The work item may sleep; it completes the command.
 *
 * Return: 0.
 */
int mmcsim_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *scmd)
{
	struct mmcsim_cmd *c = scsi_cmd_priv(scmd);

	queue_work(mmcsim_wq, &c->work);
	return 0;
}

/**
 * mmcsim_cmd_init() - create the command workqueue
 *
 * Return: 0 or -ENOMEM.
 */
int mmcsim_cmd_init(void)
{
	mmcsim_wq = alloc_workqueue("mmcsim", WQ_UNBOUND, 0);
	return mmcsim_wq ? 0 : -ENOMEM;
}

void mmcsim_cmd_exit(void)
{
	destroy_workqueue(mmcsim_wq);
}
