#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Burn a session with a real burner at the address msinfo gives, then ask
# again: the answer must move with the medium (nothing cached), agree with
# cdrskin -msinfo, and the new session must mount with its file.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
export LD_LIBRARY_PATH=$top/userlib/build
msinfo=$top/userlib/build/msinfo
cfg=/sys/kernel/config/mmcsim

[ -e /dev/multisession ] && [ -x "$msinfo" ] ||
	{ skip "burn" "module or msinfo missing"; totals; exit; }
loaded=
if [ ! -d /sys/module/mmcsim ]; then
	insmod "$MS_MODDIR/mmcsim/mmcsim.ko" || { fail "insmod mmcsim"; totals; exit; }
	loaded=1
fi
mkdir "$cfg/burn" && echo dvdplusr-appendable2 >"$cfg/burn/medium" &&
	echo 1 >"$cfg/burn/power" || { fail "attach"; totals; exit; }
dev=/dev/$(cat "$cfg/burn/devname")

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
sessions=$("$msinfo" --json "$dev" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sessions"])')
expect_eq "after: three complete sessions" 3 "$sessions"

mkdir "$work/mnt"
if mount -t iso9660 -o ro "$dev" "$work/mnt"; then
	expect_eq "the new session's file mounts" "third session $$" "$(cat "$work/mnt/third.txt")"
	umount "$work/mnt"
else
	fail "mount -t iso9660 $dev"
fi
rm -rf "$work"
echo 0 >"$cfg/burn/power"
rmdir "$cfg/burn"
[ -z "$loaded" ] || rmmod mmcsim || fail "rmmod mmcsim"
totals
