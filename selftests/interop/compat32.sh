#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# 32-bit callers on the 64-bit kernel (the compat ioctl path): msinfo and
# its library built with gcc -m32 must print what the 64-bit build prints,
# byte for byte and with the same exit status -- the answer, the session
# table (the track array), msc1,nwa, and the same refusals -- on media of
# each family, an empty drive and devices that are no optical drive.
# build/ioctl_abi_test32 (the ABI test as a 32-bit program) runs beside it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "32-bit msinfo" "module or msinfo missing"; totals; exit; }
m32=$top/userlib/build/m32
if [ "$(od -An -tx1 -j4 -N1 "$m32/msinfo" 2>/dev/null)" != " 01" ]; then
	fail "a 32-bit msinfo in $m32 (make -C userlib m32)"
	totals
	exit
fi
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }

# both ARGS...: "64-bit output, exit status" then the same of the 32-bit run
both() {
	local a b
	a=$("$msinfo" "$@" 2>&1; echo "exit $?")
	b=$(LD_LIBRARY_PATH=$m32 "$m32/msinfo" "$@" 2>&1; echo "exit $?")
	printf '%s\n' "$a" >"$tmp/64"
	printf '%s\n' "$b" >"$tmp/32"
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for preset in cdr-appendable2 dvdplusr-appendable2 bdr-appendable1 dvdplusrw-iso \
	dvdplusr-closed1 cdr-blank; do
	dev=$(ms_mmcsim_attach c32 "$preset") || { fail "$preset: attach"; continue; }
	for args in "--json --sessions" "--sessions" "--msinfo"; do
		# shellcheck disable=SC2086 # the options are split on purpose
		both $args "$dev"
		expect_eq "$preset: msinfo $args, 32-bit as 64-bit" "$(cat "$tmp/64")" \
			"$(cat "$tmp/32")"
		# an answer, not two equal failures (--msinfo refuses closed
		# and blank media, as cdrskin does)
		[ "$args" = --msinfo ] ||
			expect_eq "$preset: msinfo $args answered" "exit 0" "$(tail -n 1 "$tmp/64")"
	done
	ms_mmcsim_detach c32
done

empty=$(ms_drive ata empty)
for dev in $empty /dev/vda /dev/null /nonexistent; do
	both "$dev"
	expect_eq "$dev: the same refusal from 32 and 64 bits" "$(cat "$tmp/64")" \
		"$(cat "$tmp/32")"
	check "$dev: refused" grep -qx 'exit 1' "$tmp/64"
done
ms_mmcsim_unload
totals
