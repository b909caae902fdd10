#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo's part inside the VM (see demo.sh).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
msinfo=$top/userlib/build/msinfo
export LD_LIBRARY_PATH=$top/userlib/build

show() {
	echo
	echo "=== $1 ($2)"
	if [ -x "$msinfo" ] && [ -e /dev/multisession ]; then
		"$msinfo" "$2" || true
	else
		cdrskin dev="$2" -minfo 2>&1 | sed -n '/^Mounted media type/,/^Disk type/p'
	fi
}

if [ -f "$MS_MODDIR/mmcsim/mmcsim.ko" ]; then
	insmod "$MS_MODDIR/mmcsim/mmcsim.ko"
	for p in cdr-blank dvdplusr-appendable2 bdr-closed1 dvdplusrw-iso; do
		d=/sys/kernel/config/mmcsim/$p
		mkdir "$d"
		echo "$p" >"$d/medium"
		echo 1 >"$d/power"
	done
	sleep 1
	for p in cdr-blank dvdplusr-appendable2 bdr-closed1 dvdplusrw-iso; do
		show "mmcsim $p" "/dev/$(cat /sys/kernel/config/mmcsim/$p/devname)"
	done
else
	echo "(mmcsim.ko not built: showing the QEMU drive only)"
fi
. "$top/selftests/lib.sh"
show "QEMU scsi-cd with an ISO image" "$(ms_drive virtio)"
