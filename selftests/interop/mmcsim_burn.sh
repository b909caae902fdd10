#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Burn a session with a real burner at the address msinfo gives, then ask
# again: the answer must move with the medium (nothing cached), agree with
# cdrskin -msinfo, and the new session must mount with its file.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "burn" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
dev=$(ms_mmcsim_attach burn dvdplusr-appendable2) || { fail "attach"; totals; exit; }

before=$("$msinfo" --msinfo "$dev")
expect_eq "before: --msinfo equals cdrskin -msinfo" \
	"$(cdrskin dev="$dev" -msinfo 2>/dev/null)" "$before"

work=$(mktemp -d)
mkdir "$work/s3"
echo "third session $$" >"$work/s3/third.txt"
# growisofs -M finds msc1 and the NWA itself; its log names where it
# writes, in 32 KiB units (16 blocks).
if growisofs -M "$dev" -R "$work/s3" >"$work/log" 2>&1; then
	ok "growisofs -M appends a session"
else
	fail "growisofs -M appends a session"
	sed 's/^/#   /' "$work/log"
fi
grep -q "seek=$(( ${before#*,} / 16 ))" "$work/log" &&
	ok "growisofs wrote at the NWA msinfo gave" ||
	fail "growisofs wrote at the NWA msinfo gave (${before#*,})"

after=$("$msinfo" --msinfo "$dev")
expect_eq "after: --msinfo equals cdrskin -msinfo" \
	"$(cdrskin dev="$dev" -msinfo 2>/dev/null)" "$after"
expect_eq "after: the new session starts at the old NWA" "${before#*,}" "${after%,*}"
# a cdrecord command line with only the program name changed
expect_eq "after: 'msinfo -msinfo dev=DEV' as 'cdrskin -msinfo dev=DEV'" \
	"$(cdrskin -msinfo dev="$dev" 2>/dev/null)" "$("$msinfo" -msinfo dev="$dev")"
sessions=$("$msinfo" --json "$dev" | ms_json sessions)
expect_eq "after: three complete sessions" 3 "$sessions"

mkdir "$work/mnt"
if mount -t iso9660 -o ro "$dev" "$work/mnt"; then
	expect_eq "the new session's file mounts" "third session $$" "$(cat "$work/mnt/third.txt")"
	umount "$work/mnt"
else
	fail "mount -t iso9660 $dev"
fi
ms_mmcsim_detach burn

# A CD-R session written by cdrskin track-at-once from a genisoimage -C
# image made with our address. cdrskin does not reload the tray, so the
# kernel's view of the disc stays old until the reload below; ours must
# be right at once.
dev=$(ms_mmcsim_attach cd cdr-appendable1) || { fail "attach cd"; totals; exit; }
before=$("$msinfo" --msinfo "$dev")
mkdir "$work/cd2"
echo "cd session 2 $$" >"$work/cd2/two.txt"
if genisoimage -quiet -R -C "$before" -M "$dev" -o "$work/cd2.iso" "$work/cd2" 2>/dev/null &&
	cdrskin dev="$dev" -multi -tao -data "$work/cd2.iso" >"$work/log" 2>&1; then
	ok "cdrskin -multi -tao burns a genisoimage -C image at our address"
else
	fail "cdrskin -multi -tao burns a genisoimage -C image at our address"
	sed 's/^/#   /' "$work/log"
fi
after=$("$msinfo" --msinfo "$dev")
expect_eq "CD after: --msinfo equals cdrskin -msinfo" \
	"$(cdrskin dev="$dev" -msinfo 2>/dev/null)" "$after"
expect_eq "CD after: the new session starts at the old NWA" "${before#*,}" "${after%,*}"
# The kernel's size and session offset of the disc move only with a media
# change.
ms_reload_tray "$dev" || fail "reload the tray"
if mount -t iso9660 -o ro "$dev" "$work/mnt"; then
	expect_eq "CD: the new session's file mounts" "cd session 2 $$" \
		"$(cat "$work/mnt/two.txt")"
	umount "$work/mnt"
else
	fail "mount -t iso9660 $dev"
fi
ms_mmcsim_detach cd
rm -rf "$work"
ms_mmcsim_unload || fail "rmmod mmcsim"
totals
