// SPDX-License-Identifier: GPL-2.0-only
/*
 * The disc model: presets and the sparse block store. Knows discs, not SCSI.
 *
 * Layout arithmetic follows real drives (shared/realworld): CD track-at-once
 * tracks carry 2 run-out blocks in their size and the next session starts
 * 11400 blocks after the first session's end, 6900 after later ones; DVD+R
 * sessions are 2048 blocks apart; DVD-R borders 28688.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mmcsim.h"

static unsigned int max_store_mb = 256;
module_param(max_store_mb, uint, 0444);
MODULE_PARM_DESC(max_store_mb, "MiB of written data all devices may hold (default 256)");

static atomic_long_t mmcsim_stored_blocks = ATOMIC_LONG_INIT(0);

enum mmcsim_kind { MMCSIM_ROM, MMCSIM_SEQ, MMCSIM_OW };

static const struct mmcsim_type {
	const char *name;
	u16 profile;
	u8 kind;
	u32 capacity;
} mmcsim_types[] = {
	{ "cdrom", 0x08, MMCSIM_ROM, 333000 },
	{ "cdr", 0x09, MMCSIM_SEQ, 359848 },
	{ "cdrw", 0x0a, MMCSIM_SEQ, 359848 },
	{ "dvdrom", 0x10, MMCSIM_ROM, 2295104 },
	{ "dvdr", 0x11, MMCSIM_SEQ, 2297888 },
	{ "dvdram", 0x12, MMCSIM_OW, 2236704 },
	{ "dvdplusrw", 0x1a, MMCSIM_OW, 2295104 },
	{ "dvdplusr", 0x1b, MMCSIM_SEQ, 2295104 },
	{ "dvdplusr-dl", 0x2b, MMCSIM_SEQ, 4173824 },
	{ "bdrom", 0x40, MMCSIM_ROM, 12219392 },
	{ "bdr", 0x41, MMCSIM_SEQ, 12219392 },
	{ "bdre", 0x43, MMCSIM_OW, 11826176 },
};

/* Every preset name, for the read-only "presets" attribute. */
const char *const mmcsim_preset_names[] = {
	"empty",
	"cdrom-closed1", "dvdrom-closed1", "bdrom-closed1",
	"cdr-blank", "cdr-appendable1", "cdr-appendable2", "cdr-closed1",
	"cdr-closed2", "cdrw-blank", "cdrw-appendable1", "cdrw-closed1",
	"dvdr-blank", "dvdr-appendable1", "dvdr-closed1",
	"dvdplusr-blank", "dvdplusr-appendable1", "dvdplusr-appendable2",
	"dvdplusr-closed1", "dvdplusr-closed2",
	"dvdplusr-dl-blank", "dvdplusr-dl-appendable2",
	"bdr-blank", "bdr-appendable1", "bdr-closed1",
	"dvdplusrw-unformatted", "dvdplusrw-formatted", "dvdplusrw-iso",
	"dvdram-formatted", "dvdram-iso", "bdre-formatted", "bdre-iso",
	NULL,
};

/* Blocks of data in each preset session: a small ISO 9660 volume. */
#define MMCSIM_PRESET_SESSION 2016

bool mmcsim_profile_is_cd(u16 profile)
{
	return profile >= 0x08 && profile <= 0x0a;
}

bool mmcsim_sequential(const struct mmcsim_medium *m)
{
	switch (m->profile) {
	case 0x09: case 0x0a: case 0x11: case 0x1b: case 0x2b: case 0x41:
		return true;
	}
	return false;
}

bool mmcsim_overwriteable(const struct mmcsim_medium *m)
{
	return m->profile == 0x12 || m->profile == 0x1a || m->profile == 0x43;
}

u32 mmcsim_write_unit(u16 profile)
{
	if (profile >= 0x40)
		return 32;
	return profile >= 0x10 ? 16 : 1;
}

/* Blocks between a closed session's end and the next session's start. */
u32 mmcsim_session_gap(const struct mmcsim_medium *m)
{
	switch (m->profile) {
	case 0x09: case 0x0a:
		return m->sessions <= 1 ? 11400 : 6900;
	case 0x11:
		return 28688;
	case 0x1b: case 0x2b:
		return 2048;
	default:
		return 0;
	}
}

void mmcsim_store_free(struct mmcsim_dev *dev)
{
	unsigned long index;
	void *block;

	xa_for_each(&dev->store, index, block) {
		xa_erase(&dev->store, index);
		kfree(block);
		atomic_long_dec(&mmcsim_stored_blocks);
	}
}

/*
 * Stores one block; -ENOSPC past the module-wide cap so that a burn fails
 * with a sense code, never with an allocation warning.
 */
int mmcsim_store_write(struct mmcsim_dev *dev, u32 lba, const u8 *buf)
{
	u8 *block = xa_load(&dev->store, lba);
	long cap = (long)max_store_mb * (SZ_1M / MMCSIM_BLOCK);
	int err;

	if (!block) {
		if (atomic_long_inc_return(&mmcsim_stored_blocks) > cap) {
			atomic_long_dec(&mmcsim_stored_blocks);
			return -ENOSPC;
		}
		block = kmalloc(MMCSIM_BLOCK, GFP_KERNEL | __GFP_NOWARN);
		if (!block) {
			atomic_long_dec(&mmcsim_stored_blocks);
			return -ENOSPC;
		}
		err = xa_err(xa_store(&dev->store, lba, block,
				      GFP_KERNEL | __GFP_NOWARN));
		if (err) {
			kfree(block);
			atomic_long_dec(&mmcsim_stored_blocks);
			return -ENOSPC;
		}
	}
	memcpy(block, buf, MMCSIM_BLOCK);
	return 0;
}

void mmcsim_store_read(struct mmcsim_dev *dev, u32 lba, u8 *buf)
{
	const u8 *block = xa_load(&dev->store, lba);

	if (block)
		memcpy(buf, block, MMCSIM_BLOCK);
	else
		memset(buf, 0, MMCSIM_BLOCK);
}

static void put_both16(u8 *p, u16 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 8;
	p[3] = v;
}

static void put_both32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
	p[4] = v >> 24;
	p[5] = v >> 16;
	p[6] = v >> 8;
	p[7] = v;
}

/* A directory record for "." or ".." of the root at @extent. */
static void iso_root_record(u8 *r, u32 extent, u8 name)
{
	r[0] = 34;
	put_both32(r + 2, extent);
	put_both32(r + 10, MMCSIM_BLOCK);
	r[25] = 2;		/* directory */
	put_both16(r + 28, 1);
	r[32] = 1;
	r[33] = name;
}

/*
 * A minimal ISO 9660 volume for a session starting at @start whose volume
 * ends at @end: descriptors at start + 16 and 17, path tables at 18 and 19,
 * the empty root directory at 20. Enough for mount and for tools that read
 * the volume size.
 */
static int iso_write_volume(struct mmcsim_dev *dev, u32 start, u32 end)
{
	u8 *b = kzalloc(MMCSIM_BLOCK, GFP_KERNEL);
	u32 root = start + 20;
	int err;

	if (!b)
		return -ENOMEM;
	b[0] = 1;
	memcpy(b + 1, "CD001", 5);
	b[6] = 1;
	memset(b + 8, ' ', 64);
	memcpy(b + 40, "MMCSIM", 6);
	put_both32(b + 80, end);
	put_both16(b + 120, 1);
	put_both16(b + 124, 1);
	put_both16(b + 128, MMCSIM_BLOCK);
	put_both32(b + 132, 10);
	b[140] = (start + 18) & 0xff;	/* L path table, little endian */
	b[141] = (start + 18) >> 8;
	b[142] = (start + 18) >> 16;
	b[143] = (start + 18) >> 24;
	b[148] = (start + 19) >> 24;	/* M path table, big endian */
	b[149] = (start + 19) >> 16;
	b[150] = (start + 19) >> 8;
	b[151] = (start + 19) & 0xff;
	iso_root_record(b + 156, root, 0);
	memset(b + 190, ' ', 623);
	b[881] = 1;
	err = mmcsim_store_write(dev, start + 16, b);

	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 255;
	memcpy(b + 1, "CD001", 5);
	b[6] = 1;
	err = err ?: mmcsim_store_write(dev, start + 17, b);

	/* path tables: the root only */
	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 1;
	b[2] = root & 0xff;
	b[3] = root >> 8;
	b[4] = root >> 16;
	b[5] = root >> 24;
	b[6] = 1;
	err = err ?: mmcsim_store_write(dev, start + 18, b);
	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 1;
	b[2] = root >> 24;
	b[3] = root >> 16;
	b[4] = root >> 8;
	b[5] = root & 0xff;
	b[7] = 1;
	err = err ?: mmcsim_store_write(dev, start + 19, b);

	memset(b, 0, MMCSIM_BLOCK);
	iso_root_record(b, root, 0);
	iso_root_record(b + 34, root, 1);
	err = err ?: mmcsim_store_write(dev, root, b);
	kfree(b);
	return err;
}

/* Appends one closed session of @blocks data blocks at the NWA. */
static int mmcsim_add_session(struct mmcsim_dev *dev, u32 blocks)
{
	struct mmcsim_medium *m = &dev->medium;
	struct mmcsim_track *t = &m->tracks[m->ntracks];
	u32 unit = mmcsim_write_unit(m->profile);
	int err;

	t->start = m->nwa;
	t->written = blocks;
	t->size = mmcsim_profile_is_cd(m->profile) ? blocks + 2 :
						      round_up(blocks, unit);
	t->session = m->sessions + 1;
	t->state = MMCSIM_TRACK_COMPLETE;
	t->data = 1;
	err = iso_write_volume(dev, t->start, t->start + blocks);
	if (err)
		return err;
	m->ntracks++;
	m->sessions++;
	m->nwa = round_up(t->start + t->size + mmcsim_session_gap(m), unit);
	return 0;
}

/**
 * mmcsim_load_preset() - put the named preset medium in the tray
 * @dev: the drive, locked
 * @name: "<medium>-<state>" from mmcsim_preset_names, or "empty"
 *
 * Return: 0, -EINVAL for an unknown name, -ENOSPC if the store is full.
 */
int mmcsim_load_preset(struct mmcsim_dev *dev, const char *name)
{
	struct mmcsim_medium *m = &dev->medium;
	const struct mmcsim_type *type = NULL;
	const char *state = NULL;
	unsigned int i, n = 0;
	int err = 0;

	for (i = 0; mmcsim_preset_names[i]; i++)
		if (!strcmp(name, mmcsim_preset_names[i]))
			break;
	if (!mmcsim_preset_names[i])
		return -EINVAL;

	mmcsim_store_free(dev);
	memset(m, 0, sizeof(*m));
	strscpy(dev->preset, name, sizeof(dev->preset));
	dev->unit_attention = true;
	dev->media_event = true;
	if (!strcmp(name, "empty"))
		return 0;

	/* the longest type name that prefixes @name: dvdplusr-dl over dvdplusr */
	for (i = 0; i < ARRAY_SIZE(mmcsim_types); i++) {
		size_t len = strlen(mmcsim_types[i].name);

		if (!strncmp(name, mmcsim_types[i].name, len) && name[len] == '-' &&
		    (!type || len > strlen(type->name))) {
			type = &mmcsim_types[i];
			state = name + len + 1;
		}
	}
	m->present = true;
	m->profile = type->profile;
	m->capacity = type->capacity;

	if (type->kind == MMCSIM_OW) {
		m->disc_status = MMCSIM_OTHER;
		if (!strcmp(state, "unformatted"))
			return 0;
		m->formatted = type->capacity;
		if (!strcmp(state, "iso"))
			err = iso_write_volume(dev, 0, MMCSIM_PRESET_SESSION);
		return err;
	}

	if (!strncmp(state, "appendable", 10) || !strncmp(state, "closed", 6))
		n = state[strlen(state) - 1] - '0';
	for (i = 0; i < n && !err; i++)
		err = mmcsim_add_session(dev, MMCSIM_PRESET_SESSION);
	if (err)
		return err;
	if (type->kind == MMCSIM_ROM || !strncmp(state, "closed", 6)) {
		m->disc_status = MMCSIM_COMPLETE;
		m->capacity = m->tracks[m->ntracks - 1].start +
			      m->tracks[m->ntracks - 1].size;
	} else {
		m->disc_status = n ? MMCSIM_APPENDABLE : MMCSIM_BLANK;
	}
	return 0;
}
