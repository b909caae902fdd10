#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the VM: every kselftest program in selftests/build/ and every
# interop script (or only the ones named, relative to selftests/, each one
# word that may carry the program's arguments: "build/media_test -t
# single_flight"), each with its own time limit. A program that dies
# without printing its totals line is counted as one failure.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top/selftests" || exit 1
limit=${MS_TEST_TIMEOUT:-600}
rc=0

[ $# -gt 0 ] || set -- build/*_test build/*_test32 interop/*.sh
for t in "$@"; do
	prog=${t%% *}
	if [ ! -x "$prog" ]; then
		echo "# suite: $prog: no such test"
		echo "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0"
		rc=1
		continue
	fi
	echo "# suite: $t ($MS_KVER)"
	log=/tmp/suite.log
	start=$(date +%s)
	# shellcheck disable=SC2086 # the arguments are split on purpose
	timeout -k 10 "$limit" ./$t >"$log" 2>&1
	st=$?
	cat "$log"
	echo "# suite: $t took $(($(date +%s) - start)) s"
	if ! grep -q '^# Totals:' "$log"; then
		echo "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0"
	fi
	if [ $st -ne 0 ]; then
		echo "# suite: $t exited $st"
		rc=1
	fi
done
exit $rc
