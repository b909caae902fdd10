#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# multisession_id's command line on this host (no module, no drive): usage
# errors exit 2; a machine without the module or a drive without a disc is
# no error for udev -- exit 0, nothing printed; other failures exit 1 with
# one line "multisession_id: <device>: <reason>" on stderr. Takes msinfo's
# path, as runner.sh gives it: the helper is built beside it.
set -u
. "$(dirname "$0")/../../selftests/lib.sh"
lib=$(dirname "$1")
helper=$lib/multisession_id
export LD_LIBRARY_PATH=$lib

run() {
	out=$("$helper" "$@" 2>"$lib/stderr")
	st=$?
	err=$(cat "$lib/stderr")
}

run
expect_eq "no device exits 2" 2 $st
run /dev/sr0 /dev/sr1
expect_eq "two devices exit 2" 2 $st
run --bogus /dev/sr0
expect_eq "unknown option exits 2" 2 $st
case $err in
*"usage: multisession_id DEVNODE"*) ok "a usage error shows the usage" ;;
*) fail "a usage error shows the usage"; echo "#   $err" ;;
esac
run --help
expect_eq "--help exits 0, nothing on stderr" "0 " "$st $err"
case $out in *"usage: multisession_id DEVNODE"*) ok "--help prints usage" ;; *) fail "--help prints usage" ;; esac

run /nonexistent/sr9
expect_eq "missing device: exit 1, one line naming it" \
	"1 multisession_id: /nonexistent/sr9: no such device" "$st ${err%% (*}"
expect_eq "nothing on stdout after a failure" "" "$out"
run /dev/null
expect_eq "a character device: exit 1, not a block device" \
	"1 multisession_id: /dev/null: not a block device" "$st ${err%% (*}"

# An sr node (major 11) on a machine without the module: ENOPKG, which a
# desktop without multisession-dkms sees at every disc. udev must log
# nothing: exit 0 and no word on either stream.
nodes=$(mktemp -d "$lib/nodes.XXXXXX")
if [ -e /dev/multisession ]; then
	skip "module missing: silent" "/dev/multisession exists here"
elif mknod "$nodes/sr" b 11 0 2>/dev/null; then
	run "$nodes/sr"
	expect_eq "module missing: exit 0, nothing printed" "0||" "$st|$out|$err"
else
	skip "module missing: silent" "mknod not permitted here"
fi
rm -rf "$nodes" "$lib/stderr"
totals
