#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Realism against real drives: for every selftests/realworld case whose dump
# shows a medium's layout, build that medium on an mmcsim drive with the
# `layout` attribute (from the case's hand-derived facts.env) and run the
# tool the poster ran. Each medium-describing line of the real dump must
# appear, the same, in mmcsim's: disc status, sessions, track states,
# starts, sizes, NWA, free blocks, READ CAPACITY. Fields a case's QUIRKS
# name as drive garbage are left out (listed below with the reason).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

cases=${MS_REALWORLD:-$top/selftests/realworld}
[ -d "$cases" ] || { fail "realworld cases: no $cases"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }

# The lines that describe the medium, one per line, "section key: value".
facts_mediainfo() {
	tr '*' ' ' | awk '
		/^READ DISC INFORMATION/ { s = "RDI"; next }
		/^READ TRACK INFORMATION/ { s = "RTI" substr($3, 12); next }
		/^READ CAPACITY/ { print "CAP " $3; next }
		/^[A-Z]/ { s = ""; next }
		s != "" {
			sub(/^ +/, ""); sub(/ +$/, ""); gsub(/  +/, " ")
			if ($0 ~ /^(Disc status|Number of Sessions|State of Last Session|Number of Tracks|Track State|Track Start Address|Next Writable Address|Free Blocks|Track Size):/)
				print s " " $0
		}'
}

facts_xorriso() {
	sed -n -e 's/  */ /g' -e 's/[ .]*$//' -e '/^Media \(status\|blocks\|nwa\|summary\) *:/p' \
		-e '/^\(ISO\|Other\) session *:/p'
}

facts_cdrskin() {
	sed -n -e 's/  */ /g' -e 's/ *$//' \
		-e '/^\(disk status\|session status\|number of sessions\):/p' \
		-e '/^Last session \(start\|leadout start\) address:/p' \
		-e '/^Read capacity:/p' -e '/^ *[0-9]\+ \+[0-9]\+ Data /p'
}

# xorriso -check_media: the medium's status and summary, and the read
# quality of each region
facts_check_media() {
	sed -n -e 's/  */ /g' -e 's/ *$//' -e 's/^ //' \
		-e '/^Media \(current\|status\|summary\|region\) *:/p'
}

# mediainfo_rest DEV: what dvd+rw-mediainfo before 7.1 went on to print on
# a pressed DVD-ROM, where 7.1 stops after the physical format: READ DISC
# INFORMATION, READ TRACK INFORMATION of each track and READ CAPACITY, the
# replies fetched with sg_raw and decoded per MMC in that tool's format.
mediainfo_rest() {
	local st=(blank appendable complete other) ss=(empty incomplete reserved/damaged complete)
	local ts=(complete "complete incremental" blank "invisible incremental" partial
		"partial incremental" reserved "reserved incremental")
	local b i n state cap
	reply() {
		sg_raw -R -b -r "$1" "$dev" "${@:2}" 2>/dev/null | od -An -tu1 -v | tr -s ' \n' ' '
	}
	be32() { echo $(((b[$1] << 24) | (b[$1 + 1] << 16) | (b[$1 + 2] << 8) | b[$1 + 3])); }
	read -ra b <<<"$(reply 32 51 00 00 00 00 00 00 00 20 00)"
	[ ${#b[@]} -ge 12 ] || return
	echo "READ DISC INFORMATION:"
	echo " Disc status:           ${st[b[2] & 3]}"
	echo " Number of Sessions:    $(((b[9] << 8) | b[4]))"
	echo " State of Last Session: ${ss[(b[2] >> 2) & 3]}"
	n=$(((b[11] << 8) | b[6]))
	echo " Number of Tracks:      $n"
	for ((i = 1; i <= n; i++)); do
		read -ra b <<<"$(reply 32 52 01 00 00 00 "$(printf %02x $i)" 00 00 20 00)"
		[ ${#b[@]} -ge 28 ] || return
		echo "READ TRACK INFORMATION[#$i]:"
		state=${ts[b[6] >> 5]}
		[ $((b[6] >> 5)) -ne 1 ] || [ $((b[7] & 1)) -eq 0 ] || state=in$state
		[ $((b[5] & 0x20)) -eq 0 ] || state=$state,damaged
		echo " Track State:           $state"
		echo " Track Start Address:   $(be32 8)*2KB"
		[ $((b[7] & 1)) -eq 0 ] || echo " Next Writable Address: $(be32 12)*2KB"
		echo " Free Blocks:           $(be32 16)*2KB"
		echo " Track Size:            $(be32 24)*2KB"
	done
	read -ra b <<<"$(reply 8 25 00 00 00 00 00 00 00 00 00)"
	[ ${#b[@]} -ge 8 ] || return
	cap=$(be32 0)
	[ "$cap" -eq 0 ] || cap=$((cap + 1))
	echo "READ CAPACITY:          $cap*$(be32 4)=$((cap * $(be32 4)))"
}

# what dvd+rw-mediainfo prints of a DVD's kind and size before the disc
# information
facts_mediainfo_head() {
	sed -n -e 's/  */ /g' -e 's/^ //' -e '/^\(Mounted Media\|Media Book Type\|Legacy lead-out at\):/p'
}

# book_type: the Media Book Type line of READ DVD STRUCTURE format 00h, as
# the older dvd+rw-mediainfo printed it. 7.1 prints there a byte left in its
# buffer by an earlier command (it takes the book type before asking), 00h
# on every conforming drive.
book_type() {
	local b brand
	b=$(sg_raw -R -b -r 36 "$dev" ad 00 00 00 00 00 00 00 00 24 00 00 2>/dev/null |
		od -An -tu1 -j4 -N1 | tr -d ' ')
	[ -n "$b" ] || return
	case $((b >> 4)) in
	0) brand=-ROM ;; 1) brand=-RAM ;; 2) brand=-R ;; 3) brand=-RW ;;
	9) brand=+RW ;; 10) brand=+R ;; 14) brand="+R DL" ;; *) brand= ;;
	esac
	printf ' Media Book Type:       %02Xh, DVD%s book [revision %d]\n' "$b" "$brand" $((b & 15))
}

# One command and the drive's reply from a SCSI log ("From drive: Nb"
# then the bytes), a byte a line. Bytes 0-1, the reply's length, are left
# out: the drive of case 24 answers READ TRACK INFORMATION with MMC-2's 36
# bytes, mmcsim with MMC-5's 48.
facts_raw() {
	awk '/From drive:/ { f = 1; next }
		f { for (i = 1; i <= NF; i++) { if (n >= 2) print "byte " n ": " $i; n++ } }'
}

# layout: the layout attribute for the case in facts.env (sourced).
layout() {
	local p=$((PROFILE)) starts=${TRACK_STARTS:-} sizes=${TRACK_SIZES:-${TRACK_SIZE:-}}
	local cap l i s n
	if [ -n "${FIXED_PACKET_SIZE:-}" ]; then	# a CD-RW formatted whole
		echo "profile=$PROFILE capacity=$((TRACK_START + TRACK_SIZE)) status=complete" \
			"packet=$FIXED_PACKET_SIZE track=1,$TRACK_START,$TRACK_SIZE"
		return
	fi
	case $p in
	$((0x1a)) | $((0x12)) | $((0x13)) | $((0x43)))	# overwriteable
		cap=${READ_CAPACITY:-0}
		[ "$cap" -gt 0 ] || cap=$FREE
		l="profile=$PROFILE capacity=$cap formatted=${READ_CAPACITY:-0}"
		[ "$cap" != 0 ] || l="profile=$PROFILE capacity=$FREE"
		echo "$l"
		return
		;;
	esac
	if [ -z "$starts" ] && [ -n "${toc_sessions:-}" ]; then
		starts=$(printf '%s\n' "$toc_sessions" | awk '{print $1}')
		sizes=$(printf '%s\n' "$toc_sessions" | awk '{print $2}')
	fi
	# a one-track dump without a start column starts at 0
	[ -n "$starts" ] || [ -z "$sizes" ] || starts=0
	# the invisible track (start = NWA) is not a track of the layout
	set -- $sizes
	l="profile=$PROFILE"
	n=0
	for s in $starts; do
		i=$1
		shift
		if [ -n "${NWA:-}" ] && [ "$s" = "$NWA" ]; then
			break
		fi
		# a garbage size (>= 2^31, QUIRKS) is replaced by what the
		# drive's READ CAPACITY gives
		[ "$i" -lt 2147483648 ] || i=$((READ_CAPACITY - s))
		n=$((n + 1))
		l="$l track=$n,$s,$i"
		# a one-track case (TRACK_SIZE) that says how much of it reads
		[ -z "${TRACK_SIZE:-}" ] || [ -z "${READABLE:-}" ] || l="$l,$READABLE"
		cap=$((s + i))
	done
	case $DISC_STATUS in
	blank) cap=$FREE ;;
	appendable) cap=$((NWA + FREE)); l="$l nwa=$NWA" ;;
	complete) l="$l status=complete"; [ -n "${cap:-}" ] || cap=$READ_CAPACITY ;;
	esac
	echo "$l capacity=$cap"
}

# Cases the dump cannot be rebuilt from, and fields that are drive garbage.
declare -A unbuildable=(
	[11]="xorriso could not read the TOC: the dump shows no layout"
	[20]="READ DISC INFORMATION failed: no layout (the parser test covers it)"
)
declare -A garbage=(
	[04]="RTI[#1]: Track Size"	# 0xFFFD0000
	[05]="CAP"		# 1 on a blank disc
	[18]="Read capacity"	# ROM drive, DVD+RW: 494080 vs the track's 2295104
)

for dir in "$cases"/[0-9]*; do
	id=$(basename "$dir")
	n=${id%%-*}
	ms_sampled || continue
	if [ -n "${unbuildable[$n]:-}" ]; then
		skip "$id" "${unbuildable[$n]}"
		continue
	fi
	unset PROFILE DISC_STATUS NWA FREE READ_CAPACITY TRACK_STARTS TRACK_SIZES TRACK_SIZE \
		READABLE TOOL CDB REPLY_LEN FIXED_PACKET_SIZE TRACK_START
	. "$dir/facts.env"
	case $TOOL in
	dvd+rw-mediainfo) extract=facts_mediainfo ;;
	"xorriso -toc") extract=facts_xorriso ;;
	"cdrskin -minfo") extract=facts_cdrskin ;;
	"xorriso -check_media") extract=facts_check_media ;;
	"xorriso -scsi_log on") extract=facts_raw ;;
	*) skip "$id" "tool $TOOL not rerun here"; continue ;;
	esac
	toc_sessions=$(sed -n 's/^\(ISO\|Other\) session *: *[0-9]* *, *\([0-9]*\) *, *\([0-9]*\)s.*/\2 \3/p' \
		"$dir/output.txt")
	l=$(layout)
	dev=$(ms_mmcsim_attach rw "layout:$l") || { fail "$id: layout $l"; continue; }
	case $TOOL in
	dvd+rw-mediainfo)
		out=$(dvd+rw-mediainfo "$dev" 2>&1)
		if [ "$(printf '%s\n' "$out" | tail -n 1)" = "DVD-ROM media detected, exiting..." ]; then
			expect_eq "$id: dvd+rw-mediainfo 7.1 on mmcsim shows the real drive's medium" \
				"$(facts_mediainfo_head <"$dir/output.txt")" \
				"$(printf '%s\n' "$out" | grep -v '^ Media Book Type:' |
					sed "/^READ DVD STRUCTURE\[#0h\]:/r"<(book_type) |
					facts_mediainfo_head)"
			out=$(printf '%s\n' "$out"; mediainfo_rest)
		fi
		;;
	"xorriso -toc") out=$(xorriso -outdev "$dev" -toc 2>&1) ;;
	"cdrskin -minfo") out=$(cdrskin dev="$dev" -minfo 2>&1) ;;
	"xorriso -scsi_log on")
		# the logged command, sent as the drive got it
		# shellcheck disable=SC2086
		out=$(echo "From drive: ${REPLY_LEN}b"
			sg_raw -R -b -r "$REPLY_LEN" "$dev" $CDB 2>/dev/null | od -An -tx1 -v) ;;
	"xorriso -check_media")
		# as the poster ran it
		out=$(xorriso -read_speed max -outdev "$dev" -check_media use=outdev -- 2>&1) ;;
	esac
	want=$($extract <"$dir/output.txt")
	got=$(printf '%s\n' "$out" | $extract)
	missing=$(printf '%s\n' "$want" | while IFS= read -r line; do
		case $line in "${garbage[$n]:-#}"*) continue ;; esac
		printf '%s\n' "$got" | grep -qxF -- "$line" || printf '%s\n' "$line"
	done)
	if [ -n "$want" ] && [ -z "$missing" ]; then
		ok "$id: $TOOL on mmcsim shows the real drive's $(printf '%s\n' "$want" | wc -l) lines"
	else
		fail "$id: $TOOL on mmcsim differs from the real drive"
		echo "#   layout: $l"
		printf '%s\n' "$missing" | sed 's/^/#   missing: /'
		printf '%s\n' "${got:-$out}" | sed 's/^/#   mmcsim:  /'
	fi
	ms_mmcsim_detach rw
done

ms_mmcsim_unload
totals
