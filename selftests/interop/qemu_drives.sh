#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The testbed's own drives, seen through real tools: QEMU's scsi-cd
# (virtio-scsi), one AHCI ide-cd and the usb-storage CD hold $MS_QEMU_ISO,
# another ide-cd is empty. sr must bind each; cdrskin must call the loaded ones closed data
# media whose capacity is the image's size, the empty one no medium; the
# image's files must read back through iso9660.
set -u
. "$(dirname "$0")/../lib.sh"

iso=${MS_QEMU_ISO:?MS_QEMU_ISO names the image on the loaded drives}
blocks=$(($(stat -c %s "$iso") / 2048))

for bus in virtio ata usb; do
	dev=$(ms_drive $bus loaded) || { fail "$bus: no sr device holding the image"; continue; }
	ok "$bus: sr binds ($dev)"
	info=$(cdrskin dev="$dev" -minfo 2>&1)
	expect_eq "$bus: disk status" "complete" \
		"$(printf '%s\n' "$info" | sed -n 's/^disk status: *//p')"
	expect_eq "$bus: sessions" "1" \
		"$(printf '%s\n' "$info" | sed -n 's/^number of sessions: *//p')"
	expect_eq "$bus: read capacity = image blocks" "$blocks" \
		"$(printf '%s\n' "$info" | sed -n 's/^Read capacity: *\([0-9]*\).*/\1/p')"
	mnt=$(mktemp -d)
	if mount -t iso9660 -o ro "$dev" "$mnt" 2>/dev/null; then
		expect_eq "$bus: file reads back" "$(cat "$MS_QEMU_ISO_FILE")" \
			"$(cat "$mnt/$(basename "$MS_QEMU_ISO_FILE")")"
		umount "$mnt"
	else
		fail "$bus: mount -t iso9660 $dev"
	fi
	rmdir "$mnt"
done

dev=$(ms_drive ata empty) || fail "ata: no empty sr device"
if [ -n "${dev:-}" ]; then
	ok "ata: sr binds ($dev)"
	out=$(cdrskin dev="$dev" -minfo 2>&1)
	case $out in
	*BURN_DISC_EMPTY*) ok "ata: cdrskin reports no medium" ;;
	*) fail "ata: cdrskin reports no medium"; printf '%s\n' "$out" | sed 's/^/#   /' ;;
	esac
	out=$(xorriso -outdev "$dev" -toc 2>&1)
	case $out in
	*"Media status : is not present"*) ok "ata: xorriso reports no medium" ;;
	*) fail "ata: xorriso reports no medium"; printf '%s\n' "$out" | sed 's/^/#   /' ;;
	esac
fi
totals
