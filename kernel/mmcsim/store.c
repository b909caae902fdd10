// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sparse block store (an xarray of 2048-byte blocks per drive, under a
 * module-wide cap) and the ISO 9660 template that gives preset sessions real
 * file systems.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "mmcsim.h"
#include "mmcsim_compat.h"

static atomic_long_t stored_blocks = ATOMIC_LONG_INIT(0);
static long store_cap;

/**
 * mmcsim_store_init() - set the module-wide cap
 * @max_mb: MiB all drives together may hold
 *
 * Return: 0.
 */
int mmcsim_store_init(unsigned int max_mb)
{
	store_cap = (long)max_mb * (SZ_1M / MMCSIM_BLOCK);
	return 0;
}

long mmcsim_store_total(void)
{
	return atomic_long_read(&stored_blocks);
}

long mmcsim_store_cap(void)
{
	return store_cap;
}

/**
 * mmcsim_store_clear() - drop every block of a drive
 * @dev: the drive; its command lock held or no commands possible
 */
void mmcsim_store_clear(struct mmcsim_dev *dev)
{
	unsigned long index;
	void *block;

	xa_for_each(&dev->store, index, block) {
		xa_erase(&dev->store, index);
		kfree(block);
		atomic_long_dec(&stored_blocks);
	}
	dev->stored = 0;
}

/**
 * mmcsim_store_write() - store one block
 * @dev: the drive, command lock held
 * @lba: its address
 * @buf: 2048 bytes
 *
 * Past the cap, or when memory is short, the write fails with -ENOSPC and
 * no allocation warning: the caller answers with a sense code.
 *
 * Return: 0 or -ENOSPC.
 */
int mmcsim_store_write(struct mmcsim_dev *dev, u32 lba, const u8 *buf)
{
	u8 *block = xa_load(&dev->store, lba);

	if (!block) {
		if (atomic_long_inc_return(&stored_blocks) > store_cap)
			goto err_uncount;
		block = kmalloc(MMCSIM_BLOCK, GFP_KERNEL | __GFP_NOWARN);
		if (!block)
			goto err_uncount;
		if (xa_err(xa_store(&dev->store, lba, block,
				    GFP_KERNEL | __GFP_NOWARN)))
			goto err_free;
		dev->stored++;
	}
	memcpy(block, buf, MMCSIM_BLOCK);
	return 0;

err_free:
	kfree(block);
err_uncount:
	atomic_long_dec(&stored_blocks);
	return -ENOSPC;
}

/**
 * mmcsim_store_read() - read one block; never written blocks read as zeros
 * @dev: the drive, command lock held
 * @lba: its address
 * @buf: 2048 bytes
 */
void mmcsim_store_read(struct mmcsim_dev *dev, u32 lba, u8 *buf)
{
	const u8 *block = xa_load(&dev->store, lba);

	if (block)
		memcpy(buf, block, MMCSIM_BLOCK);
	else
		memset(buf, 0, MMCSIM_BLOCK);
}

/* ---- ISO 9660 template (ECMA-119) ---- */

#define ISO_PVD 16
#define ISO_TERM 17
#define ISO_LPATH 18
#define ISO_MPATH 19
#define ISO_ROOT 20
#define ISO_FILE 21
#define ISO_MIN_BLOCKS 22

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

/* A directory record; returns its length. */
static u32 iso_record(u8 *r, u32 extent, u32 size, bool dir, const char *name,
		      u8 name_len)
{
	u32 len = 33 + name_len + !(name_len & 1);

	r[0] = len;
	put_both32(r + 2, extent);
	put_both32(r + 10, size);
	r[18] = 126;			/* 2026-01-01 00:00:00 UTC */
	r[19] = 1;
	r[20] = 1;
	r[25] = dir ? 2 : 0;
	put_both16(r + 28, 1);
	r[32] = name_len;
	memcpy(r + 33, name, name_len);
	return len;
}

static void iso_content(char *text, size_t size, u16 k)
{
	snprintf(text, size, "mmcsim session %u\n", k);
}

/* The primary volume descriptor: volume MMCSIM_S<k>, @blocks long. */
static int iso_pvd(struct mmcsim_dev *dev, u8 *b, u32 start, u32 blocks,
		   u16 k)
{
	char name[16];

	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 1;
	memcpy(b + 1, "CD001", 5);
	b[6] = 1;
	memset(b + 8, ' ', 64);
	snprintf(name, sizeof(name), "MMCSIM_S%u", k);
	memcpy(b + 40, name, strlen(name));
	put_both32(b + 80, blocks);
	put_both16(b + 120, 1);
	put_both16(b + 124, 1);
	put_both16(b + 128, MMCSIM_BLOCK);
	put_both32(b + 132, 10);
	put_unaligned_le32(start + ISO_LPATH, b + 140);
	put_unaligned_be32(start + ISO_MPATH, b + 148);
	iso_record(b + 156, start + ISO_ROOT, MMCSIM_BLOCK, true, "", 1);
	memset(b + 190, ' ', 623);
	memset(b + 813, '0', 16);
	memset(b + 830, '0', 16);
	memset(b + 847, '0', 16);
	memset(b + 864, '0', 16);
	b[881] = 1;
	return mmcsim_store_write(dev, start + ISO_PVD, b);
}

/* Little- and big-endian path tables, each naming only the root. */
static int iso_path_tables(struct mmcsim_dev *dev, u8 *b, u32 start)
{
	int err;

	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 1;
	put_unaligned_le32(start + ISO_ROOT, b + 2);
	b[6] = 1;
	err = mmcsim_store_write(dev, start + ISO_LPATH, b);
	if (err)
		return err;
	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 1;
	put_unaligned_be32(start + ISO_ROOT, b + 2);
	b[7] = 1;
	return mmcsim_store_write(dev, start + ISO_MPATH, b);
}

/* The root directory: S1.TXT .. Sk.TXT where their sessions put them. */
static int iso_root(struct mmcsim_dev *dev, u8 *b, u32 start, u16 k,
		    const u32 *starts)
{
	u32 root = start + ISO_ROOT, len;
	char name[16], text[32];
	u16 i;

	memset(b, 0, MMCSIM_BLOCK);
	len = iso_record(b, root, MMCSIM_BLOCK, true, "", 1);
	b[33] = 0;
	len += iso_record(b + len, root, MMCSIM_BLOCK, true, "\1", 1);
	for (i = 1; i <= k && len < MMCSIM_BLOCK - 48; i++) {
		if (starts[i - 1] == U32_MAX)
			continue;
		snprintf(name, sizeof(name), "S%u.TXT;1", i);
		iso_content(text, sizeof(text), i);
		len += iso_record(b + len, starts[i - 1] + ISO_FILE, strlen(text),
				  false, name, strlen(name));
	}
	return mmcsim_store_write(dev, root, b);
}

/*
 * One volume for session @k starting at @start, @blocks long: descriptors at
 * start + 16/17, path tables at 18/19, the root at 20 with S1.TXT .. Sk.TXT
 * (earlier files stay where earlier sessions put them), Sk.TXT at 21.
 */
static int iso_volume(struct mmcsim_dev *dev, u8 *b, u32 start, u32 blocks,
		      u16 k, const u32 *starts)
{
	int err;

	err = iso_pvd(dev, b, start, blocks, k);
	if (err)
		return err;
	memset(b, 0, MMCSIM_BLOCK);
	b[0] = 255;
	memcpy(b + 1, "CD001", 5);
	b[6] = 1;
	err = mmcsim_store_write(dev, start + ISO_TERM, b);
	if (!err)
		err = iso_path_tables(dev, b, start);
	if (!err)
		err = iso_root(dev, b, start, k, starts);
	if (err)
		return err;
	memset(b, 0, MMCSIM_BLOCK);
	iso_content(b, MMCSIM_BLOCK, k);
	return mmcsim_store_write(dev, start + ISO_FILE, b);
}

/**
 * mmcsim_iso_fill() - write ISO 9660 volumes for a freshly loaded medium
 * @dev: the drive, command lock held
 * @sessions: closed sessions to fill (sequential/ROM media), or 1 for a
 *	volume at block 0 of an overwriteable medium
 * @ow_blocks: that volume's size
 *
 * Sessions whose first track is too short or audio are skipped.
 *
 * Return: 0 or -ENOSPC/-ENOMEM.
 */
int mmcsim_iso_fill(struct mmcsim_dev *dev, u16 sessions, u32 ow_blocks)
{
	const struct mmcsim_medium *m = &dev->medium;
	const struct mmcsim_track *t;
	int err = 0;
	u32 *starts;
	u16 k, n;
	u8 *b;

	if (!sessions)
		return 0;
	b = kmalloc(MMCSIM_BLOCK, GFP_KERNEL);
	starts = kvmalloc_array(MMCSIM_MAX_TRACKS, sizeof(*starts), GFP_KERNEL);
	if (!b || !starts) {
		err = -ENOMEM;
		goto out;
	}
	if (mmcsim_is_overwriteable(m->profile)) {
		starts[0] = 0;
		err = iso_volume(dev, b, 0, ow_blocks, 1, starts);
		goto out;
	}
	for (k = 1; k <= sessions && !err; k++) {
		n = mmcsim_first_track_of(m, k);
		if (!n)
			break;
		t = &m->tracks[n - 1];
		starts[k - 1] = t->start;
		if (t->audio || t->recorded < ISO_MIN_BLOCKS) {
			starts[k - 1] = U32_MAX;
			continue;
		}
		err = iso_volume(dev, b, t->start, t->recorded, k, starts);
	}
out:
	kvfree(starts);
	kfree(b);
	return err;
}
