# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for shell tests. Source it, report each check with ok/fail/skip and
# end with `totals`, which prints the kselftest totals line that `make check`
# adds up and returns non-zero if anything failed.

ms_pass=0
ms_fail=0
ms_skip=0
ms_n=0

ok() {
	ms_n=$((ms_n + 1))
	ms_pass=$((ms_pass + 1))
	echo "ok $ms_n $*"
}

fail() {
	ms_n=$((ms_n + 1))
	ms_fail=$((ms_fail + 1))
	echo "not ok $ms_n $*"
}

skip() {
	ms_n=$((ms_n + 1))
	ms_skip=$((ms_skip + 1))
	echo "ok $ms_n # SKIP $*"
}

# check NAME COMMAND...: ok if COMMAND succeeds, else fail with its output.
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		fail "$name"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1"
		echo "#   expected: '$2'"
		echo "#   actual:   '$3'"
	fi
}

# ms_sampled: true for the table rows a test runs: every row, or with
# MS_SAMPLE=N every Nth one, starting with row MS_SAMPLE_OFFSET + 1 (make
# check splits a long table over N VMs that run at once, offsets 0..N-1).
ms_row=0
ms_sampled() {
	ms_row=$((ms_row + 1))
	[ "${MS_SAMPLE:-1}" -le 1 ] ||
		[ $(((ms_row - 1) % MS_SAMPLE)) -eq "${MS_SAMPLE_OFFSET:-0}" ]
}

totals() {
	echo "# Totals: pass:$ms_pass fail:$ms_fail xfail:0 xpass:0 skip:$ms_skip error:0"
	[ "$ms_fail" -eq 0 ]
}

# ms_drive BUS [loaded|empty]: the /dev/srN whose sysfs path runs through
# BUS (virtio, ata, usb, or mmcsim's host name) and, if asked, that holds a
# medium or none (whether the kernel reads its first block; sysfs gives an
# empty drive a capacity too); empty if none.
ms_drive() {
	local d has
	for d in /sys/class/block/sr*; do
		[ -e "$d" ] || continue
		case $(readlink -f "$d") in
		*/$1*) ;;
		*) continue ;;
		esac
		if [ -n "${2:-}" ]; then
			dd if="/dev/${d##*/}" of=/dev/null bs=2048 count=1 iflag=direct \
				2>/dev/null && has=loaded || has=empty
			[ "$has" = "$2" ] || continue
		fi
		echo "/dev/${d##*/}"
		return 0
	done
	return 1
}

# ms_msinfo_setup: $msinfo is the tree's msinfo, its library on the path;
# false if it or /dev/multisession is missing. Needs $top, the tree's root.
ms_msinfo_setup() {
	msinfo=$top/userlib/build/msinfo
	export LD_LIBRARY_PATH="$top/userlib/build"
	[ -e /dev/multisession ] && [ -x "$msinfo" ]
}

# mmcsim helpers for the VM tests: load the module unless an earlier test
# did (and unload it at the end only then), attach a drive with a preset.
ms_mmcsim_cfg=/sys/kernel/config/mmcsim
ms_mmcsim_loaded=

ms_mmcsim_load() {
	[ -d /sys/module/mmcsim ] && return 0
	insmod "$MS_MODDIR/mmcsim/mmcsim.ko" || return 1
	ms_mmcsim_loaded=1
}

ms_mmcsim_unload() {
	[ -z "$ms_mmcsim_loaded" ] || rmmod mmcsim
}

# ms_mmcsim_attach NAME MEDIUM [ATTR=VALUE...]: a new drive with those
# configfs attributes, holding MEDIUM (a preset, or "layout:<text>"); prints
# /dev/srN once the node exists.
ms_mmcsim_attach() {
	local d=$ms_mmcsim_cfg/$1 medium=$2 a
	shift 2
	mkdir "$d" || return 1
	for a in "$@"; do
		printf '%s\n' "${a#*=}" >"$d/${a%%=*}" || { rmdir "$d"; return 1; }
	done
	case $medium in
	layout:*) printf '%s\n' "${medium#layout:}" >"$d/layout" ;;
	*) echo "$medium" >"$d/medium" ;;
	esac || { rmdir "$d"; return 1; }
	echo 1 >"$d/power" || { rmdir "$d"; return 1; }
	a=/dev/$(cat "$d/devname") || { ms_mmcsim_detach "$1"; return 1; }
	ms_wait_node "$a"
	echo "$a"
}

# ms_wait_node DEV: up to 5 s for udev to make the block device node
ms_wait_node() {
	local i=0
	while [ ! -b "$1" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

ms_mmcsim_detach() {
	echo 0 >"$ms_mmcsim_cfg/$1/power"
	rmdir "$ms_mmcsim_cfg/$1"
}

# ms_cdrskin_msinfo DEV: cdrskin -msinfo's "msc1,nwa", empty if it refuses.
ms_cdrskin_msinfo() {
	cdrskin dev="$1" -msinfo 2>/dev/null | tail -n 1 | grep -E '^[0-9]+,[0-9]+$'
}

# ms_minfo_value LABEL: from cdrskin -minfo's output on stdin, the value of
# its "LABEL: value" line (run cdrskin once for several labels: in a TCG
# guest it takes seconds).
ms_minfo_value() {
	sed -n "s/^$1: *\(.*[^ ]\) *$/\1/p" | head -n 1
}

# ms_minfo_field DEV LABEL: the value of cdrskin -minfo's "LABEL: value" line.
ms_minfo_field() {
	cdrskin dev="$1" -minfo 2>/dev/null | ms_minfo_value "$2"
}

# ms_reload_tray DEV: eject and reload, as growisofs does after its burns:
# the kernel reads a disc's size and session offset only when it arrives.
ms_reload_tray() {
	python3 -c '
import fcntl, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
fcntl.ioctl(fd, 0x5309)  # CDROMEJECT
fcntl.ioctl(fd, 0x5319)  # CDROMCLOSETRAY
' "$1"
}

# ms_json KEY...: from msinfo --json on stdin, the values of KEYs on one line:
# a top-level key, or i.KEY for the first interface's; booleans true/false.
# Fails on no JSON at all, as a failed msinfo leaves. (jq, not python3: in
# a TCG guest python3 takes seconds to start.)
ms_json() {
	local k filter= json
	json=$(cat)
	[ -n "$json" ] || return 1
	for k; do
		case $k in
		i.*) filter="$filter, .interfaces[0].${k#i.}" ;;
		*) filter="$filter, .$k" ;;
		esac
	done
	printf '%s' "$json" | jq -r "[${filter#, }] | map(tostring) | join(\" \")"
}
