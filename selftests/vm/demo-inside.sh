#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo's part inside the VM (see demo.sh): simulated recorders holding
# a blank CD-R, a DVD+R that growisofs gives two sessions, a closed BD-R and
# a formatted DVD+RW with an ISO volume, plus QEMU's scsi-cd; msinfo for
# each; then one more session on the DVD+R at the address msinfo gives;
# then two sessions onto the CD-R with cdrskin, each followed by a refresh
# instead of an eject, and the second mounted.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
export LD_LIBRARY_PATH=$top/userlib/build
msinfo=$top/userlib/build/msinfo

say() {
	printf '\n$ %s\n' "$*"
}

ms_mmcsim_load
for p in cdr-blank dvdplusr-blank bdr-closed1 dvdplusrw-iso; do
	ms_mmcsim_attach "$p" "$p" >/dev/null
done
dev() { echo "/dev/$(cat "$ms_mmcsim_cfg/$1/devname")"; }
dvd=$(dev dvdplusr-blank)
work=$(mktemp -d)
mkdir "$work/s1" "$work/s2" "$work/s3" "$work/mnt"
echo "written in session 1" >"$work/s1/one.txt"
echo "written in session 2" >"$work/s2/two.txt"
echo "written in session 3" >"$work/s3/three.txt"

echo "== Two sessions onto the blank DVD+R with growisofs"
growisofs -Z "$dvd" -R "$work/s1" >/dev/null 2>&1
growisofs -M "$dvd" -R "$work/s2" >/dev/null 2>&1

for p in cdr-blank dvdplusr-blank bdr-closed1 dvdplusrw-iso; do
	say msinfo "$(dev $p)" "   # mmcsim: $p"
	"$msinfo" "$(dev $p)"
done
qemu=$(ms_drive virtio)
say msinfo "$qemu" "   # QEMU scsi-cd holding an ISO image"
"$msinfo" "$qemu"

echo
echo "== A third session onto the DVD+R, where msinfo says it goes"
say msinfo --msinfo "$dvd"
addr=$("$msinfo" --msinfo "$dvd")
echo "$addr"
say growisofs -M "$dvd" -R "$work/s3"
growisofs -M "$dvd" -R "$work/s3" 2>&1 | grep -E "genisoimage -C|builtin_dd"
echo "(growisofs seeks in 32 KiB units: seek=$(( ${addr#*,} / 16 )) is block ${addr#*,})"
say msinfo --sessions "$dvd"
"$msinfo" --sessions "$dvd"
say mount -t iso9660 "$dvd" /mnt '&&' cat /mnt/*.txt
mount -t iso9660 -o ro "$dvd" "$work/mnt"
for f in "$work"/mnt/*.txt; do
	printf '%s: %s\n' "$(basename "$f")" "$(cat "$f")"
done
umount "$work/mnt"

echo
echo "== Two sessions onto the blank CD-R with cdrskin: refresh, no eject"
cd=$(dev cdr-blank)
genisoimage -quiet -R -o "$work/cd1.iso" "$work/s1"
cdrskin dev="$cd" -multi -tao -data "$work/cd1.iso" >/dev/null 2>&1
"$msinfo" --refresh "$cd" >/dev/null
addr=$("$msinfo" --msinfo "$cd")
say genisoimage -R -C "$addr" -M "$cd" -o cd2.iso s2/ '&&' cdrskin dev="$cd" -multi -tao cd2.iso
genisoimage -quiet -R -C "$addr" -M "$cd" -o "$work/cd2.iso" "$work/s2"
cdrskin dev="$cd" -multi -tao -data "$work/cd2.iso" >/dev/null 2>&1
say blockdev --getsize64 "$cd" "   # the kernel still has the one-session disc"
blockdev --getsize64 "$cd"
say msinfo --refresh "$cd"
"$msinfo" --refresh "$cd"
say mount -t iso9660 "$cd" /mnt '&&' cat /mnt/*.txt
mount -t iso9660 -o ro "$cd" "$work/mnt"
for f in "$work"/mnt/*.txt; do
	printf '%s: %s\n' "$(basename "$f")" "$(cat "$f")"
done
umount "$work/mnt"
rm -rf "$work"
