// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection (configfs "fault": one rule per write), built with
 * CONFIG_MMCSIM_FAULT_INJECTION. Rules are matched per command in cmd.c
 * before the command runs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "mmcsim.h"

static const char *const action_names[] = {
	[MMCSIM_F_SENSE] = "sense",
	[MMCSIM_F_SHORT] = "short",
	[MMCSIM_F_UNREPORTED] = "unreported",
	[MMCSIM_F_PADDED] = "padded",
	[MMCSIM_F_GARBAGE] = "garbage",
	[MMCSIM_F_DELAY] = "delay",
	[MMCSIM_F_TIMEOUT] = "timeout",
	[MMCSIM_F_DETACH] = "detach",
};

static int parse_sense(const char *s, u32 *sense)
{
	unsigned int key, asc, ascq;
	char end;

	if (sscanf(s, "%x/%x/%x%c", &key, &asc, &ascq, &end) != 3 ||
	    key > 0xf || asc > 0xff || ascq > 0xff)
		return -EINVAL;
	*sense = key << 16 | asc << 8 | ascq;
	return 0;
}

static int parse_token(struct mmcsim_fault *f, char *tok, bool *matched,
		       bool *acted, u64 *nth)
{
	char *val = strchr(tok, '=');
	int i;

	if (val)
		*val++ = 0;
	if (!strcmp(tok, "any") && !val) {
		*matched = true;
		return 0;
	}
	if (!strcmp(tok, "op") && val) {
		*matched = true;
		if (kstrtoint(val, 0, &f->op) || f->op < 0 || f->op > 0xff)
			return -EINVAL;
		return 0;
	}
	if (!strcmp(tok, "nth") && val) {
		*matched = true;
		if (kstrtou64(val, 0, nth) || !*nth)
			return -EINVAL;
		return 0;
	}
	if (!strcmp(tok, "count") && val)
		return kstrtou32(val, 0, &f->count);
	if (!strcmp(tok, "skip") && val)
		return kstrtou32(val, 0, &f->skip);
	i = match_string(action_names, ARRAY_SIZE(action_names), tok);
	if (i < 0 || *acted)
		return -EINVAL;
	*acted = true;
	f->action = i;
	switch (i) {
	case MMCSIM_F_SENSE:
		return val ? parse_sense(val, &f->arg) : -EINVAL;
	case MMCSIM_F_SHORT:
	case MMCSIM_F_UNREPORTED:
	case MMCSIM_F_PADDED:
	case MMCSIM_F_DELAY:
		if (!val || kstrtou32(val, 0, &f->arg))
			return -EINVAL;
		return i == MMCSIM_F_DELAY && f->arg > 600000 ? -EINVAL : 0;
	}
	return val ? -EINVAL : 0;
}

/**
 * mmcsim_fault_add() - add one rule (README.md, "Fault injection")
 * @dev: the drive
 * @rule: the rule's text, or "clear"
 *
 * Return: 0, -EINVAL for a malformed rule, -ENOSPC when the table is full.
 */
int mmcsim_fault_add(struct mmcsim_dev *dev, const char *rule)
{
	struct mmcsim_fault f = { .op = -1 };
	bool matched = false, acted = false;
	char *text, *cur, *tok;
	u64 nth = 0;
	int err = 0;

	text = kstrdup(rule, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	cur = strim(text);
	if (!strcmp(cur, "clear")) {
		mmcsim_fault_clear(dev);
		goto out;
	}
	while (!err && (tok = strsep(&cur, " \t\n")) != NULL)
		if (*tok)
			err = parse_token(&f, tok, &matched, &acted, &nth);
	/* nth= names one command: there is nothing to skip */
	if (!err && (!matched || !acted || (nth && f.skip)))
		err = -EINVAL;
	if (err)
		goto out;
	if (nth) {
		f.nth = atomic64_read(&dev->ncmds) + nth;
		f.count = 1;
	}
	spin_lock(&dev->fault_lock);
	if (dev->nfaults < MMCSIM_MAX_FAULTS)
		dev->faults[dev->nfaults++] = f;
	else
		err = -ENOSPC;
	spin_unlock(&dev->fault_lock);
out:
	kfree(text);
	return err;
}

void mmcsim_fault_clear(struct mmcsim_dev *dev)
{
	spin_lock(&dev->fault_lock);
	dev->nfaults = 0;
	spin_unlock(&dev->fault_lock);
}

/**
 * mmcsim_fault_list() - the rules in force, one per line, as written
 * @dev: the drive
 * @page: configfs's page
 *
 * Return: bytes written to @page.
 */
ssize_t mmcsim_fault_list(struct mmcsim_dev *dev, char *page)
{
	const struct mmcsim_fault *f;
	ssize_t n = 0;
	unsigned int i;

	spin_lock(&dev->fault_lock);
	for (i = 0; i < dev->nfaults; i++) {
		f = &dev->faults[i];
		if (f->nth)
			n += sysfs_emit_at(page, n, "nth=%llu ", f->nth);
		else if (f->op >= 0)
			n += sysfs_emit_at(page, n, "op=0x%02x ", f->op);
		else
			n += sysfs_emit_at(page, n, "any ");
		n += sysfs_emit_at(page, n, "%s", action_names[f->action]);
		if (f->action == MMCSIM_F_SENSE)
			n += sysfs_emit_at(page, n, "=%x/%02x/%02x",
					   MMCSIM_SENSE_KEY(f->arg),
					   MMCSIM_SENSE_ASC(f->arg),
					   MMCSIM_SENSE_ASCQ(f->arg));
		else if (mmcsim_fault_truncates(f) || f->action == MMCSIM_F_DELAY)
			n += sysfs_emit_at(page, n, "=%u", f->arg);
		if (f->skip)
			n += sysfs_emit_at(page, n, " skip=%u", f->skip);
		n += sysfs_emit_at(page, n, " count=%u\n", f->count);
	}
	spin_unlock(&dev->fault_lock);
	return n;
}

/**
 * mmcsim_fault_match() - the rule a command triggers, if any
 * @dev: the drive
 * @op: the command's opcode
 * @seq: its number since power on
 * @out: the rule that fired
 *
 * Return: true if a rule fired (it is used up after its count).
 */
bool mmcsim_fault_match(struct mmcsim_dev *dev, u8 op, u64 seq,
			struct mmcsim_fault *out)
{
	struct mmcsim_fault *f;
	bool hit = false;
	unsigned int i;

	spin_lock(&dev->fault_lock);
	for (i = 0; i < dev->nfaults; i++) {
		f = &dev->faults[i];
		if (f->nth ? f->nth != seq : f->op >= 0 && f->op != op)
			continue;
		if (f->skip) {
			f->skip--;
			continue;
		}
		*out = *f;
		hit = true;
		if (f->count && !--f->count) {
			memmove(f, f + 1, (dev->nfaults - i - 1) * sizeof(*f));
			dev->nfaults--;
		}
		break;
	}
	spin_unlock(&dev->fault_lock);
	return hit;
}
