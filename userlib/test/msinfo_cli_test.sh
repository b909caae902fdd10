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

if [ -e /dev/multisession ]; then
	skip "module missing message" "/dev/multisession exists here"
else
	run /dev/null
	expect_eq "module missing exits 1" 1 $st
	case $err in
	*"modprobe multisession"*) ok "module missing says to modprobe" ;;
	*) fail "module missing says to modprobe"; echo "#   $err" ;;
	esac
fi
rm -f "$lib/stderr"
totals
