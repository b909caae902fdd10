#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# msinfo on the testbed's QEMU drives, against real tools and the image:
# cdrskin refuses -msinfo on the closed CD and so must msinfo; --json
# describes the image's one session; bad devices get one clear line.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "msinfo" "module or msinfo missing"; totals; exit; }
iso=${MS_QEMU_ISO:?}
blocks=$(($(stat -c %s "$iso") / 2048))
dev=$(ms_drive virtio) || { fail "virtio drive"; totals; exit; }

json=$("$msinfo" --json "$dev")
expect_eq "--json exits 0" 0 $?
facts=$(printf '%s' "$json" | ms_json profile_name disc_status sessions i.kind i.supported \
	i.start_address_of_previous_session i.last_written_address_of_previous_session \
	i.next_writable_address)
expect_eq "--json: closed CD-ROM, the image is the one session" \
	"CD-ROM complete 1 sequential false 0 $((blocks - 1)) -1" "$facts"

"$msinfo" "$dev" >/dev/null
expect_eq "human summary exits 0" 0 $?
expect_eq "default device is the first drive" "$("$msinfo" /dev/sr0)" "$("$msinfo")"

cdrskin dev="$dev" -msinfo >/dev/null 2>&1
cdr=$?
err=$("$msinfo" --msinfo "$dev" 2>&1 >/dev/null)
ms=$?
[ $cdr -ne 0 ] && [ $ms -eq 1 ] && ok "--msinfo refuses the closed disc as cdrskin does" ||
	fail "--msinfo refuses the closed disc as cdrskin does (cdrskin $cdr, msinfo $ms)"
expect_eq "--msinfo refusal is one line" "msinfo: $dev: medium is closed: no session can be appended" "$err"

bad() {
	err=$("$msinfo" "$2" 2>&1 >/dev/null)
	st=$?
	case "$st:$err" in
	"1:msinfo: $2: $3"*) ok "$1" ;;
	*) fail "$1"; echo "#   exit $st: $err" ;;
	esac
}
bad "a directory" /tmp "not a block device"
bad "a disk" /dev/vda "not an optical drive"
bad "a partition" /dev/vda1 "not an optical drive"
empty=$(ms_drive ata empty) && bad "an empty drive" "$empty" "no medium in the drive"
# Only who can open the drive may query it.
err=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$msinfo" "$dev" 2>&1 >/dev/null)
expect_eq "a drive the caller may not open" \
	"1:msinfo: $dev: permission denied (EACCES; IMAPI2: E_ACCESSDENIED)" "$?:$err"
totals
