#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# msinfo's command line on this host: usage errors exit 2, failures exit 1
# with one line "msinfo: <device>: <reason>" on stderr.
set -u
. "$(dirname "$0")/../../selftests/lib.sh"
msinfo=$1
lib=$(dirname "$msinfo")
export LD_LIBRARY_PATH=$lib

run() {
	out=$("$msinfo" "$@" 2>"$lib/stderr")
	st=$?
	err=$(cat "$lib/stderr")
}

run --bogus
expect_eq "unknown option exits 2" 2 $st
run /dev/sr0 /dev/sr1
expect_eq "two devices exit 2" 2 $st
run --json --msinfo
expect_eq "--json with --msinfo exits 2" 2 $st
run --msinfo --sessions
expect_eq "--msinfo with --sessions exits 2" 2 $st
case $err in
*"msinfo --msinfo [DEVICE]"*) ok "usage shows --msinfo alone" ;;
*) fail "usage shows --msinfo alone"; echo "#   $err" ;;
esac
run -json -msinfo
expect_eq "single-dash -json with -msinfo exits 2" 2 $st
run --help
expect_eq "--help exits 0" 0 $st
case $out in *"usage: msinfo"*) ok "--help prints usage" ;; *) fail "--help prints usage" ;; esac
run --version
expect_eq "--version names the VERSION file's release" \
	"msinfo (libmultisession) $(cut -d. -f1-2 "$lib/../../VERSION")" "$out"

run /nonexistent/sr9
expect_eq "missing device exits 1" 1 $st
case $err in
"msinfo: /nonexistent/sr9: no such device"*) ok "missing device named in one line" ;;
*) fail "missing device named in one line"; echo "#   $err" ;;
esac
expect_eq "nothing on stdout after a failure" "" "$out"
run -msinfo dev=/nonexistent/sr9
expect_eq "cdrecord spelling: -msinfo dev=DEVICE names DEVICE" \
	"1 msinfo: /nonexistent/sr9: no such device" "$st ${err%% (*}"

# What is wrong is named in the order a user needs it, whether or not the
# module is loaded: not a block device, not an optical drive (a loop
# device's node, major 7), module missing (an sr node, major 11).
run /dev/null
expect_eq "a character device: not a block device" \
	"1 msinfo: /dev/null: not a block device" "$st ${err%% (*}"
nodes=$(mktemp -d "$lib/nodes.XXXXXX")
if mknod "$nodes/loop" b 7 0 2>/dev/null && mknod "$nodes/sr" b 11 0 2>/dev/null; then
	run "$nodes/loop"
	expect_eq "a disk: not an optical drive" \
		"1 msinfo: $nodes/loop: not an optical drive" "$st ${err%%,*}"
	if [ -e /dev/multisession ]; then
		skip "module missing message" "/dev/multisession exists here"
	else
		run "$nodes/sr"
		expect_eq "an optical drive without the module: says to modprobe" \
			"1 msinfo: /dev/multisession missing: load the kernel module with 'modprobe multisession'" \
			"$st $err"
	fi
else
	skip "device nodes" "mknod not permitted here"
fi
rm -rf "$nodes" "$lib/stderr"
totals
