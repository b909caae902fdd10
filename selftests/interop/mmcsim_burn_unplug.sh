#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Real burns with callers querying all along. A session burned to its end:
# every answer during it is a state the drive had (the old session, the
# NWA moving on as the burner writes, then the new session), none stale
# once it is done. Then a drive pulled in the middle of the next burn: the
# burner fails and ends (no hang), every caller gets an answer or a clean
# error, and once the drive is back nothing written before is lost: the
# sessions mount with their files, and msinfo's msc1 and NWA are the
# kernel's and cdrskin's. The runner fails the run on any kernel splat.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "burn unplug" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
work=$(mktemp -d)
mkdir "$work/mnt"
drive=bunplug

devnode() {
	echo "/dev/$(cat "$ms_mmcsim_cfg/$drive/devname" 2>/dev/null)"
}

# query_loop N: msinfo over and over, each answer in answers.N
query_loop() {
	while [ ! -e "$work/stop" ]; do
		out=$("$msinfo" --msinfo "$(devnode)" 2>"$work/err.$1")
		st=$?
		if [ $st -eq 0 ]; then
			echo "$out" >>"$work/answers.$1"
		elif [ $st -gt 1 ] || ! grep -q "^msinfo: " "$work/err.$1"; then
			echo "unclean failure $st: $(cat "$work/err.$1")" >>"$work/unclean"
		fi
		echo x >>"$work/calls"
	done
}

# wrong_answers MEDIUM BEFORE [AFTER]: the answers given during a burn that
# no state of the drive had, each caller's in the order it got them. Until
# the new session closes, msc1 is BEFORE's, or once the open session holds
# data, on DVD and BD, that session's start (BEFORE's NWA), as cdrskin
# -msinfo names it; the NWA only moves on from BEFORE's as the burner
# writes. Once closed (AFTER, if the burn ended so), the answer is AFTER,
# and stays so.
wrong_answers() {
	local f open=
	case $1 in cdr*) ;; *) open=${2#*,} ;; esac
	for f in "$work"/answers.*; do
		[ -e "$f" ] || continue
		awk -F, -v before="$2" -v after="${3:-}" -v open="$open" '
			BEGIN { split(before, b, ","); last = b[2] }
			done && $0 != after { print "stale: " $0 " after " after; next }
			$0 == after { done = 1; next }
			($1 != b[1] && $1 != open) || $2 < last { print "wrong: " $0 " after " last }
			{ last = $2 }' "$f"
	done
}

# start_queries / stop_queries: four callers querying meanwhile
start_queries() {
	rm -f "$work/stop" "$work/unclean" "$work/calls" "$work"/answers.*
	for i in 1 2 3 4; do
		query_loop $i &
	done
}
stop_queries() {
	touch "$work/stop"
	wait
	echo "# $1: $(wc -l <"$work/calls") queries around the burn"
	expect_eq "$1: callers during the burn: answers or clean errors" "" \
		"$(sort "$work/unclean" 2>/dev/null | uniq -c)"
	n=$(cat "$work"/answers.* 2>/dev/null | wc -l)
	distinct=$(cat "$work"/answers.* 2>/dev/null | sort -u | wc -l)
	[ "$n" -gt 0 ] && ok "$1: answers during the burn ($n, $distinct different)" ||
		fail "$1: answers during the burn (none)"
}

# writes: how many WRITE(10) commands the drive has seen
writes() {
	sed -n 's/^0x2a //p' "/sys/kernel/debug/mmcsim/$drive/counts" 2>/dev/null
}

# burn MEDIUM DEV DIR [SLOW]: a session of DIR added with the burner that
# medium's users take: cdrskin track-at-once from a genisoimage image on
# CD-R, xorriso on DVD+R and BD-R. SLOW: 1 ms a block while writing, so
# that a session of 4 MiB takes seconds.
burn() {
	local msc ms=
	case $1 in
	cdr*)
		# after the first session: an image that continues the last one
		msc=$(ms_cdrskin_msinfo "$2") && ms="-C $msc -M $2"
		# shellcheck disable=SC2086
		genisoimage -quiet -R $ms -o "$work/image/s.iso" "$3" || return
		echo "${4:-0}" >"$ms_mmcsim_cfg/$drive/sector_ns"
		cdrskin dev="$2" -multi -tao -data "$work/image/s.iso" || return
		# genisoimage -M reads the last session through the kernel
		ms_reload_tray "$2" ;;
	*)
		echo "${4:-0}" >"$ms_mmcsim_cfg/$drive/sector_ns"
		xorriso -dev "$2" -map "$3" / -commit ;;
	esac
}

for medium in cdr-blank dvdplusr-blank bdr-blank; do
	dev=$(ms_mmcsim_attach "$drive" "$medium") || { fail "$medium: attach"; continue; }
	rm -rf "$work/image" "$work"/s[123]
	mkdir "$work/image" "$work/s1" "$work/s2" "$work/s3"
	echo "first session $medium $$" >"$work/s1/one.txt"
	echo "second session $medium $$" >"$work/s2/two.txt"
	head -c 4194304 /dev/urandom >"$work/s2/big.bin"
	head -c 4194304 /dev/urandom >"$work/s3/big3.bin"
	if ! burn "$medium" "$dev" "$work/s1" >"$work/log" 2>&1; then
		fail "$medium: the first session burns"
		sed 's/^/#   /' "$work/log"
		ms_mmcsim_detach "$drive"
		continue
	fi

	# a session burned to its end, slowly, with callers asking
	first=$("$msinfo" --msinfo "$dev")
	start_queries
	if burn "$medium" "$dev" "$work/s2" 1000000 >"$work/log" 2>&1; then
		ok "$medium: the second session burns with callers querying"
	else
		fail "$medium: the second session burns with callers querying"
		sed 's/^/#   /' "$work/log"
	fi
	second=$("$msinfo" --msinfo "$dev")
	stop_queries "$medium, a whole session"
	expect_eq "$medium: after the burn, --msinfo equals cdrskin -msinfo" \
		"$(ms_cdrskin_msinfo "$dev")" "$second"
	expect_eq "$medium: the new session starts at the NWA given before" \
		"${first#*,}" "${second%,*}"
	expect_eq "$medium: answers during the burn follow the medium ($first, then $second)" "" \
		"$(wrong_answers "$medium" "$first" "$second" | sort | uniq -c)"

	# the next one, pulled in the middle: the ninth WRITE is held for 20 s
	# once done, so that the drive goes while the burner is part way in at
	# any pace, and with a command in flight
	before=$(writes)
	echo "op=0x2a skip=8 delay=20000" >"$ms_mmcsim_cfg/$drive/fault"
	start_queries
	burn "$medium" "$dev" "$work/s3" 1000000 >"$work/log" 2>&1 &
	burner=$!
	i=0
	while [ "$(writes)" -le $((before + 8)) ] && [ $i -lt 1200 ] &&
		kill -0 $burner 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $burner 2>/dev/null && [ "$(writes)" -gt $((before + 8)) ]; then
		ok "$medium: the drive is pulled during the burner's ninth WRITE"
		# counted as it starts: let it reach its hold first
		sleep 1
	else
		fail "$medium: the drive is pulled during the burner's ninth WRITE ($(($(writes) - before)) writes)"
		sed 's/^/#   /' "$work/log"
	fi
	echo 0 >"$ms_mmcsim_cfg/$drive/power"
	echo clear >"$ms_mmcsim_cfg/$drive/fault"
	i=0
	while kill -0 $burner 2>/dev/null && [ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 $burner 2>/dev/null; then
		fail "$medium: the burner ends once the drive is gone (still running after 120 s)"
		kill -9 $burner
		wait $burner
	elif wait $burner; then
		fail "$medium: the burner fails once the drive is gone (it reported success)"
		sed 's/^/#   /' "$work/log"
	else
		ok "$medium: the burner fails once the drive is gone (exit $?)"
	fi
	stop_queries "$medium, pulled"
	expect_eq "$medium: answers during the pulled burn follow the medium ($second before)" "" \
		"$(wrong_answers "$medium" "$second" | sort | uniq -c)"

	# back, at normal speed: the medium as the interrupted burn left it
	echo 0 >"$ms_mmcsim_cfg/$drive/sector_ns"
	echo 1 >"$ms_mmcsim_cfg/$drive/power" || { fail "$medium: power on again"; continue; }
	dev=$(devnode)
	ms_wait_node "$dev"
	# The session the burn left open is no previous session: the
	# element's previous session is the last complete one, as the
	# kernel's CDROMMULTISESSION (READ TOC format 1, what mount uses)
	# gives it, and it cannot be written now (IMAPI2: a non-empty
	# session). --msinfo answers as cdrskin -msinfo: on DVD and BD msc1 is
	# the open session's start, once it holds recorded blocks.
	prev=$("$msinfo" --json "$dev" | ms_json i.start_address_of_previous_session)
	ours=$("$msinfo" --msinfo "$dev" 2>&1) || ours="refused"
	theirs=$(ms_cdrskin_msinfo "$dev") || theirs="refused"
	expect_eq "$medium: after the drive is back, the previous session as the kernel's CDROMMULTISESSION" \
		"$("$top/selftests/build/ms_bench" cdrom "$dev" | awk '{ print $2 }')" "$prev"
	expect_eq "$medium: after the drive is back, the previous session is still the second" \
		"${second%,*}" "$prev"
	expect_eq "$medium: after the drive is back, --msinfo as cdrskin -msinfo" \
		"$theirs" "$ours"
	if mount -t iso9660 -o ro "$dev" "$work/mnt" 2>"$work/log"; then
		expect_eq "$medium: both sessions' files are intact" \
			"first session $medium $$ second session $medium $$" \
			"$(cat "$work/mnt/one.txt" "$work/mnt/two.txt" 2>&1 | tr '\n' ' ' | sed 's/ $//')"
		umount "$work/mnt"
	else
		fail "$medium: the sessions mount after the interrupted burn"
		sed 's/^/#   /' "$work/log"
	fi
	ms_mmcsim_detach "$drive"
done
rm -rf "$work"
ms_mmcsim_unload || fail "rmmod mmcsim"
totals
