/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmcsim: every kernel-version difference mmcsim meets, in one place.
 */
#ifndef MMCSIM_COMPAT_H
#define MMCSIM_COMPAT_H

/*
 * <linux/unaligned.h> replaced <asm/unaligned.h> in 6.12; sparse 0.6.4 has
 * no __has_include, so Kbuild says which one the tree has.
 */
#ifdef MMCSIM_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* MMCSIM_COMPAT_H */
