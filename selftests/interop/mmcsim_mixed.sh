#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Mixed-mode CDs: audio tracks before (or without) a data session. The next
# session is the first data session exactly when no data track precedes it
# (IMAPI2's IsFirstDataSession), whatever the number of sessions; msc1 is
# the start of the last data session, as cdrskin -msinfo and the kernel's
# CDROMMULTISESSION say, and Linux mounts the ISO 9660 volume there. The
# layouts define the media; the tools read them from the drive.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "mixed-mode CDs" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
bench=$top/selftests/build/ms_bench
mnt=$(mktemp -d)

# facts DEV: msinfo's sessions, is_first_data_session, has_previous_session
facts() {
	"$msinfo" --json "$1" | ms_json sessions i.is_first_data_session i.has_previous_session
}

# cdrskin -minfo's track table: "<track> <session> <type>" per track
track_types() {
	cdrskin dev="$1" -minfo 2>/dev/null |
		awk '/^ *[0-9]+ +[0-9]+ +(Audio|Data) / { print $1, $2, $3 }'
}

# medium NAME LAYOUT TRACKS FACTS: attach LAYOUT; cdrskin -minfo must read
# TRACKS ("<track> <session> <type>" lines) from the drive, msinfo give
# FACTS ("<sessions> <first data session> <something to import>") and the
# msc1,nwa cdrskin -msinfo gives (in $ours afterwards).
medium() {
	dev=$(ms_mmcsim_attach mixed "layout:$2") || { fail "$1: attach"; totals; exit; }
	expect_eq "$1: cdrskin -minfo's tracks" "$3" "$(track_types "$dev")"
	expect_eq "$1: sessions, first data session, something to import" \
		"$4" "$(facts "$dev")"
	theirs=$(ms_cdrskin_msinfo "$dev")
	ours=$("$msinfo" --msinfo "$dev" 2>/dev/null)
	expect_eq "$1: msinfo --msinfo as cdrskin -msinfo" "${theirs:-none}" "${ours:-none}"
}

# One audio session of two tracks, appendable: nothing to import, the next
# session is the first data session.
medium "audio-only CD-R" \
	"profile=0x09 capacity=359848 track=1,0,20000,20000,complete,audio track=1,20150,15000,15000,complete,audio" \
	"1 1 Audio
2 1 Audio" "1 true false"
ms_mmcsim_detach mixed

# An audio session, then a data session holding an ISO 9660 volume (CD
# Extra), appendable: session 2 is a data session to continue from.
medium "CD Extra" \
	"profile=0x09 capacity=359848 iso=1 track=1,0,20000,20000,complete,audio track=2,31400,2018,2016" \
	"1 1 Audio
2 2 Data" "2 false true"
expect_eq "CD Extra: msc1 is the data session's start" 31400 "${ours%,*}"
if [ -x "$bench" ]; then
	read -r _ kmsc1 _ < <("$bench" cdrom "$dev")
	expect_eq "CD Extra: msc1 as the kernel's CDROMMULTISESSION" "$kmsc1" "${ours%,*}"
fi
if mount -t iso9660 -o ro "$dev" "$mnt" 2>/dev/null; then
	ok "CD Extra: Linux mounts the data session's volume"
	umount "$mnt"
else
	fail "CD Extra: Linux mounts the data session's volume"
fi
# READ(10) cannot read audio sectors (05/64/00), the data session reads.
check "CD Extra: the data session's volume descriptor reads" \
	dd if="$dev" of=/dev/null bs=2048 skip=$((31400 + 16)) count=1 iflag=direct
if dd if="$dev" of=/dev/null bs=2048 skip=100 count=1 iflag=direct 2>/dev/null; then
	fail "CD Extra: READ(10) of an audio sector fails"
else
	ok "CD Extra: READ(10) of an audio sector fails"
fi
ms_mmcsim_detach mixed

rmdir "$mnt"
ms_mmcsim_unload
totals
