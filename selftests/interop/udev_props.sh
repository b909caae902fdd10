#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# multisession_id under Debian's own udevd (selftests/udev.sh: the stock
# rules plus dist/61-multisession-id.rules). For a medium of each family
# the ID_MULTISESSION_* properties that udev holds after the drive's add
# event must be exactly what multisession_id(8) derives from msinfo --json
# on the same drive (the oracle): the same values, booleans as 1/0,
# addresses left out where msinfo says -1. Each medium's row also gives
# what the preset defines (kind, appendable, write protection, POW), and
# one value is checked against a reader of its own: cdrom_id's session
# count and last session offset (READ DISC INFORMATION and the TOC, same
# event) on sequential media, the kernel's capacity (sr's READ CAPACITY)
# on overwriteable ones, cdrskin -msinfo on some appendable ones. An empty
# drive gets no property, runs nothing of ours and makes udevd log no
# error; a disc loaded into it and then ejected adds the properties and
# takes them away again through the block layer's media polling.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
. "$top/selftests/udev.sh"

helper=$top/userlib/build/multisession_id
cfg=$ms_mmcsim_cfg
tmp=$(mktemp -d /tmp/udev_props.XXXXXX)

ms_msinfo_setup || { skip "udev properties" "module or msinfo missing"; totals; exit; }
[ -x "$helper" ] || { skip "udev properties" "no $helper (make -C userlib)"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
# a test killed by its time limit leaves no udevd to the next one
trap 'ms_udevd_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
poll_before=$(cat "$ms_udevd_poll")
if ms_udevd_start 2>"$tmp/start"; then
	ok "udevd started; stock rules and ours applied to every block device"
else
	fail "udevd started; stock rules and ours applied to every block device"
	sed 's/^/#   /' "$tmp/start"
	ms_mmcsim_unload
	totals
	exit
fi
expect_eq "the stock 60-block.rules turned media polling on" 2000 "$(cat "$ms_udevd_poll")"

# read_props DEV: $p, udev's properties of DEV (one udevadm for a row's
# checks: in a TCG guest each run costs a tenth of a second)
read_props() {
	p=$(udevadm info -q property "$1")
}

# props: the ID_MULTISESSION_* properties in $p, sorted, on one line
props() {
	printf '%s\n' "$p" | grep '^ID_MULTISESSION' | LC_ALL=C sort | paste -sd ' ' -
}

# prop KEY: the value of one property in $p, empty if none (shell builtins
# only: a row asks for a dozen)
prop() {
	local rest="$p" line
	while [ -n "$rest" ]; do
		line=${rest%%"$nl"*}
		case $line in "$1="*) echo "${line#*=}"; return ;; esac
		[ "$line" != "$rest" ] || return
		rest=${rest#*"$nl"}
	done
}
nl='
'

# want_props: from msinfo --json on stdin, the properties multisession_id(8)
# promises, sorted, on one line
want_props() {
	jq -r 'def b: if . then 1 else 0 end;
	def addr($k; $v): if $v >= 0 then "ID_MULTISESSION_\($k)=\($v)" else empty end;
	.interfaces[0] as $i |
	["ID_MULTISESSION=1",
	 "ID_MULTISESSION_KIND=\($i.kind)",
	 "ID_MULTISESSION_APPENDABLE=\($i.supported | b)",
	 addr("NWA"; $i.next_writable_address),
	 "ID_MULTISESSION_FREE_SECTORS=\($i.free_sectors_on_media)",
	 "ID_MULTISESSION_WRITE_UNIT=\($i.write_unit_size)",
	 "ID_MULTISESSION_WRITE_PROTECTED=\($i.write_protected | b)",
	 "ID_MULTISESSION_POW=\($i.pow | b)",
	 (if $i.has_previous_session then
		addr("PREVIOUS_START"; $i.start_address_of_previous_session),
		addr("PREVIOUS_LAST_WRITTEN"; $i.last_written_address_of_previous_session)
	  else empty end),
	 (if $i.kind == "random_write" then
		addr("LAST_WRITTEN"; $i.last_written_address),
		addr("TOTAL_SECTORS"; $i.total_sectors_on_media)
	  else empty end),
	 "ID_MULTISESSION_PROFILE=\(.profile)",
	 "ID_MULTISESSION_SESSIONS=\(.sessions)"] | sort | join(" ")'
}

# same_as_msinfo WHAT DEV: udev's properties of DEV ($p) are msinfo --json's
same_as_msinfo() {
	local want
	want=$("$msinfo" --json "$2" | want_props)
	[ -n "$want" ] || want="(msinfo --json failed)"
	expect_eq "$1: every ID_MULTISESSION_* value as msinfo --json has it" "$want" "$(props)"
}

# wait_props DEV yes|no: up to 15 s for udev to have (or not) the properties
# of DEV, after a media change that only the kernel's polling reports
wait_props() {
	local i=0 has
	while [ $i -lt 30 ]; do
		udevadm settle
		read_props "$1"
		has=no
		[ -z "$(prop ID_MULTISESSION)" ] || has=yes
		[ "$has" = "$2" ] && return 0
		sleep 0.5
		i=$((i + 1))
	done
	return 1
}

# preset  kind appendable write_protected pow  cdrskin
# (the first four as the preset defines them: kernel/mmcsim/README.md)
while read -r preset kind appendable wp pow peer; do
	dev=$(ms_mmcsim_attach "$preset" "$preset") || { fail "$preset: attach"; continue; }
	udevadm settle
	read_props "$dev"
	expect_eq "$preset: udev ran cdrom_id, which found the disc" "1 1" \
		"$(prop ID_CDROM) $(prop ID_CDROM_MEDIA)"
	same_as_msinfo "$preset" "$dev"
	expect_eq "$preset: kind, appendable, write protection, POW as the preset defines them" \
		"$kind $appendable $wp $pow" \
		"$(prop ID_MULTISESSION_KIND) $(prop ID_MULTISESSION_APPENDABLE) $(prop ID_MULTISESSION_WRITE_PROTECTED) $(prop ID_MULTISESSION_POW)"

	sessions=$(prop ID_MULTISESSION_SESSIONS)
	start=$(prop ID_MULTISESSION_PREVIOUS_START)
	if [ "$kind" = sequential ]; then
		# cdrom_id counts READ DISC INFORMATION's sessions, which
		# include the open (empty) one on a disc not yet closed, and
		# gives the last session's byte offset from the TOC when it is
		# not the first
		open=1
		[ "$(prop ID_CDROM_MEDIA_STATE)" != complete ] || open=0
		want_offset=
		[ "${start:-0}" -eq 0 ] || want_offset=$((start * 2048))
		expect_eq "$preset: sessions and previous session start as cdrom_id reads them" \
			"$((sessions + open)) $want_offset" \
			"$(prop ID_CDROM_MEDIA_SESSION_COUNT) $(prop ID_CDROM_MEDIA_SESSION_LAST_OFFSET)"
	elif [ "$pow" = 0 ]; then
		# a formatted overwriteable disc: sr's READ CAPACITY at the
		# media change is the formatted size
		expect_eq "$preset: total sectors as the kernel's capacity" \
			"$(prop ID_MULTISESSION_TOTAL_SECTORS)" \
			"$(($(cat "/sys/class/block/${dev#/dev/}/size") / 4))"
	fi
	if [ "$peer" = cdrskin ]; then
		expect_eq "$preset: previous session start and NWA as cdrskin -msinfo" \
			"$(ms_cdrskin_msinfo "$dev")" \
			"$start,$(prop ID_MULTISESSION_NWA)"
	fi
	ms_mmcsim_detach "$preset"
done <<'TABLE'
cdr-appendable2 sequential 1 0 0 cdrskin
dvdplusr-appendable2 sequential 1 0 0 cdrskin
dvdrw-appendable1 sequential 1 0 0 -
bdr-appendable1 sequential 1 0 0 cdrskin
bdr-pow random_write 1 0 1 -
dvdplusrw-iso random_write 1 0 0 -
dvdram-iso random_write 1 0 0 -
bdre-iso random_write 1 0 0 -
dvdplusr-blank sequential 1 0 0 -
cdr-closed2 sequential 0 0 0 -
dvdplusr-appendable2-wp sequential 0 1 0 -
TABLE

# --- an empty drive, then a disc in it, then ejected -----------------------
log_start=$(($(wc -l <"$ms_udevd_log") + 1))
if dev=$(ms_mmcsim_attach udev-empty empty); then
	udevadm settle
	read_props "$dev"
	name=${dev#/dev/}
	expect_eq "empty drive: udev ran cdrom_id, which found no disc" "1 " \
		"$(prop ID_CDROM) $(prop ID_CDROM_MEDIA)"
	expect_eq "empty drive: no ID_MULTISESSION_* property" "" "$(props)"
	# udevd's debug log of the drive's add event: our rule ran nothing
	# and no program failed. (It also notes, at debug level, what the
	# stock rules could not do without a disc: no error.)
	tail -n +"$log_start" "$ms_udevd_log" | grep "^$name: " >"$tmp/log"
	check "empty drive: udevd processed its add event" grep -q 'ACTION=add' "$tmp/log"
	expect_eq "empty drive: udev ran no multisession_id" "" \
		"$(grep multisession_id "$tmp/log")"
	expect_eq "empty drive: no program of any rule failed" "" \
		"$(grep -E "Process '.*' (failed|terminated|timed out)|returned [0-9]+ \(error\)" "$tmp/log")"
	# What udevd logs at its default level (info, which is what reaches a
	# journal): nothing at all for another event on the empty drive.
	udevadm control --log-level=info
	log_start=$(($(wc -l <"$ms_udevd_log") + 1))
	udevadm trigger --action=change --settle "$dev"
	expect_eq "empty drive: udevd at its default log level logged nothing for it" "" \
		"$(tail -n +"$log_start" "$ms_udevd_log" | grep "$name")"
	udevadm control --log-level=debug
	# and the helper itself, as a rule without the ID_CDROM_MEDIA test
	# would run it: nothing to say, no complaint
	out=$("$helper" "$dev" 2>"$tmp/err")
	st=$?
	expect_eq "empty drive: multisession_id exits 0, prints nothing" "0||" \
		"$st|$out|$(cat "$tmp/err")"

	# A disc arrives: sr's media polling sees it (UNIT ATTENTION and a
	# GESN new-media event), the change event runs cdrom_id and us.
	echo cdr-appendable1 >"$cfg/udev-empty/medium"
	if wait_props "$dev" yes; then
		ok "disc loaded: the change event adds the properties"
		same_as_msinfo "disc loaded" "$dev"
	else
		fail "disc loaded: the change event adds the properties"
	fi
	# The tray opens (GESN media removal): no disc, no property left.
	echo open >"$cfg/udev-empty/tray"
	if wait_props "$dev" no; then
		ok "tray opened: the change event takes the properties away"
	else
		fail "tray opened: the change event takes the properties away"
		echo "#   $(props)"
	fi
	ms_mmcsim_detach udev-empty
else
	fail "empty drive: attach"
fi

expect_eq "udevd logged no failure of multisession_id, nor anything it wrote on stderr" "" \
	"$(ms_udevd_helper_errors)"
udevd_pid=$ms_udevd_pid
ms_udevd_stop
expect_eq "after ms_udevd_stop: udevd gone, our rule gone, polling as before" \
	"no no $poll_before" \
	"$(ms_udevd_alive "$udevd_pid" && echo yes || echo no) $([ -e "$ms_udevd_rule" ] && echo yes || echo no) $(cat "$ms_udevd_poll")"
ms_mmcsim_unload || fail "rmmod mmcsim"
totals
