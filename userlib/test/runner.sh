#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# runner.sh DIR TEST...: run each test program (under valgrind when
# MS_VALGRIND is set) and, given MSINFO, the shell tests of that msinfo;
# each prints its totals line.
set -u
dir=$1
shift
rc=0
for t in "$@"; do
	echo "# $t"
	if [ -n "${MS_VALGRIND:-}" ]; then
		valgrind -q --error-exitcode=99 --leak-check=full \
			--errors-for-leak-kinds=all "$dir/$t" || rc=1
	else
		"$dir/$t" || rc=1
	fi
done
here=$(dirname "$0")
[ -n "${MSINFO:-}" ] || exit $rc
for s in "$here"/*_test.sh; do
	[ -f "$s" ] || continue
	echo "# $(basename "$s")"
	sh "$s" "$MSINFO" || rc=1
done
exit $rc
