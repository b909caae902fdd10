#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Burn, refresh, mount -- with no eject. Three burners append sessions
# without reloading the tray, as real drives leave a disc after a burn: the
# kernel keeps the old disc's size and last session until something makes
# it re-read. After `msinfo --refresh` the new session must mount, the
# kernel's CDROMMULTISESSION must give cdrskin -msinfo's msc1, udev (the
# real systemd-udevd with Debian's rules) must show the new session count,
# offset and label, and the kernel's view must equal the one an eject and
# reload gives. A refresh of an unchanged disc must change nothing, and a
# mounted disc must be refused without disturbing the mount.
#
# MS_REFRESH_ROWS: which burners (default "cdrskin growisofs xorriso").
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
. "$top/selftests/udev.sh"

ms_msinfo_setup || { skip "refresh" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
ms_udevd_start || { fail "start systemd-udevd"; totals; exit; }
kview=$top/selftests/build/ms_kview
work=$(mktemp -d)
mkdir "$work/mnt"

# kv DEV FIELD: size, session or diskseq as the kernel holds them
kv() {
	"$kview" "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# udev_prop DEV NAME: a property from udev's database
udev_prop() {
	udevadm info -q property -n "$1" | sed -n "s/^$2=//p"
}

# session_dir N: the tree burned as session N, one file that names it
session_dir() {
	rm -rf "$work/s$1"
	mkdir "$work/s$1"
	echo "session $1 of $$" >"$work/s$1/s$1.txt"
	echo "$work/s$1"
}

# burn ROW DEV N: append session N (labelled S<N>) with the row's burner,
# leaving the tray as it is
burn() {
	local row=$1 dev=$2 n=$3 dir ms
	dir=$(session_dir "$n")
	case $row in
	cdrskin)
		if [ "$n" = 1 ]; then
			genisoimage -quiet -R -V "S$n" -o "$work/s.iso" "$dir"
		else
			ms=$(ms_cdrskin_msinfo "$dev") &&
			genisoimage -quiet -R -V "S$n" -C "$ms" -M "$dev" -o "$work/s.iso" "$dir"
		fi && cdrskin dev="$dev" -multi -tao -data "$work/s.iso" ;;
	growisofs)
		# notray: growisofs otherwise reloads the tray itself
		growisofs -use-the-force-luke=notray "$([ "$n" = 1 ] && echo -Z || echo -M)" \
			"$dev" -R -V "S$n" "$dir" ;;
	xorriso)
		xorriso -dev "$dev" -volid "S$n" -map "$dir" "/s$n" -commit ;;
	esac >"$work/log" 2>&1 || { sed 's/^/#   /' "$work/log"; return 1; }
}

# check_session ROW DEV N: after session N and a refresh, everything sees it
check_session() {
	local row=$1 dev=$2 n=$3 msc1 seq file
	msc1=$(ms_cdrskin_msinfo "$dev")
	msc1=${msc1%,*}
	expect_eq "$row: session $n: CDROMMULTISESSION gives cdrskin -msinfo's msc1" \
		"${msc1:-none}" "$(kv "$dev" session)"
	udevadm settle
	# cdrom_id counts sessions as READ DISC INFORMATION does, the open
	# empty one of an appendable disc included, and gives an offset only
	# when it is not 0
	expect_eq "$row: session $n: udev's ID_CDROM_MEDIA_SESSION_COUNT" \
		"$((n + 1))" "$(udev_prop "$dev" ID_CDROM_MEDIA_SESSION_COUNT)"
	[ "$msc1" = 0 ] && msc1=
	expect_eq "$row: session $n: udev's ID_CDROM_MEDIA_SESSION_LAST_OFFSET" \
		"${msc1:+$((msc1 * 2048))}" "$(udev_prop "$dev" ID_CDROM_MEDIA_SESSION_LAST_OFFSET)"
	expect_eq "$row: session $n: udev's ID_FS_LABEL (blkid)" \
		"S$n" "$(udev_prop "$dev" ID_FS_LABEL)"
	expect_eq "$row: session $n: udev's ID_MULTISESSION_SESSIONS (multisession_id)" \
		"$("$msinfo" --json "$dev" | ms_json sessions)" \
		"$(udev_prop "$dev" ID_MULTISESSION_SESSIONS)"
	expect_eq "$row: session $n: udev's ID_MULTISESSION_NWA is cdrskin -msinfo's nwa" \
		"$(ms_cdrskin_msinfo "$dev" | cut -d, -f2)" \
		"$(udev_prop "$dev" ID_MULTISESSION_NWA)"
	if mount -t iso9660 -o ro "$dev" "$work/mnt" 2>"$work/log"; then
		# xorriso maps each session's tree into a directory of its own
		file=$work/mnt/s$n.txt
		[ "$row" = xorriso ] && file=$work/mnt/s$n/s$n.txt
		expect_eq "$row: session $n: its file mounts without eject" \
			"session $n of $$" "$(cat "$file" 2>&1)"
		# refused while mounted, and the mount goes on working
		seq=$(kv "$dev" diskseq)
		"$msinfo" --refresh "$dev" >/dev/null 2>"$work/log"
		expect_eq "$row: session $n: a refresh of the mounted disc exits 1" 1 $?
		grep -q "EBUSY" "$work/log" && ok "$row: session $n: ... naming EBUSY" ||
			fail "$row: session $n: ... naming EBUSY ($(cat "$work/log"))"
		expect_eq "$row: session $n: ... and leaves diskseq" "$seq" "$(kv "$dev" diskseq)"
		[ -n "$(ls -R "$work/mnt")" ] && ok "$row: session $n: the mount still reads" ||
			fail "$row: session $n: the mount still reads"
		umount "$work/mnt"
	else
		fail "$row: session $n: mount -t iso9660 ($(cat "$work/log"))"
	fi
}

# unchanged DEV ROW: a second refresh does nothing: no uevent, same diskseq
unchanged() {
	local dev=$1 row=$2 seq out mon
	seq=$(kv "$dev" diskseq)
	udevadm monitor --kernel --subsystem-match=block >"$work/uevents" 2>/dev/null &
	mon=$!
	sleep 0.5
	out=$("$msinfo" --refresh --json "$dev")
	expect_eq "$row: a second refresh finds the kernel current" false \
		"$(echo "$out" | jq -r .refreshed)"
	sleep 0.5
	kill "$mon" 2>/dev/null
	wait "$mon" 2>/dev/null
	grep -q "change.*/${dev#/dev/} " "$work/uevents" &&
		fail "$row: ... and sends no uevent ($(grep change "$work/uevents"))" ||
		ok "$row: ... and sends no uevent"
	expect_eq "$row: ... and leaves diskseq" "$seq" "$(kv "$dev" diskseq)"
}

row() {
	local row=$1 medium=$2 dev n out before after f
	dev=$(ms_mmcsim_attach "refresh-$row" "$medium") || { fail "$row: attach $medium"; return; }
	for n in 1 2 3; do
		burn "$row" "$dev" "$n" || { fail "$row: burn session $n"; break; }
		before=$("$kview" "$dev")
		out=$("$msinfo" --refresh --json "$dev") ||
			{ fail "$row: session $n: msinfo --refresh"; break; }
		after=$("$kview" "$dev")
		# the first session may come with a reload (growisofs -Z does)
		if [ "$n" -gt 1 ]; then
			expect_eq "$row: session $n: the kernel's view was stale after the burn" \
				true "$(echo "$out" | jq -r .refreshed)"
			for f in size session diskseq; do
				[ "$(echo "$before" | tr ' ' '\n' | grep "^$f=")" != \
					"$(echo "$after" | tr ' ' '\n' | grep "^$f=")" ] &&
					ok "$row: session $n: the refresh moved $f" ||
					fail "$row: session $n: the refresh moved $f ($before / $after)"
			done
		fi
		check_session "$row" "$dev" "$n"
	done
	unchanged "$dev" "$row"
	# the kernel's own re-reading after a reload is the oracle for ours
	after=$("$kview" "$dev")
	ms_reload_tray "$dev" || fail "$row: reload the tray"
	before=$("$kview" "$dev")
	expect_eq "$row: size and session after the refresh equal those after a reload" \
		"${after% diskseq=*}" "${before% diskseq=*}"
	ms_mmcsim_detach "refresh-$row"
}

for r in ${MS_REFRESH_ROWS:-cdrskin growisofs xorriso}; do
	case $r in
	cdrskin) row cdrskin cdr-blank ;;
	growisofs) row growisofs dvdplusr-blank ;;
	xorriso) row xorriso bdr-blank ;;
	*) fail "MS_REFRESH_ROWS: unknown row $r" ;;
	esac
done
ms_udevd_stop
ms_mmcsim_unload
rm -rf "$work"
totals
