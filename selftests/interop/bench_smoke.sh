#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The quick run of `make bench`: it measures, prints its table, the
# concurrency and host-cost lines and the targets. No timing is asserted;
# its output is kept in the log.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "bench smoke" "module or msinfo missing"; totals; exit; }
report=$("$top/selftests/vm/bench.sh" --quick 2>&1)
st=$?
printf '%s\n' "$report" | sed 's/^/# /'
expect_eq "bench.sh --quick exits 0" 0 "$st"
for m in cdr-appendable2 dvdplusrw-iso; do
	# medium, then ioctl, msinfo and table as <commands>/<ms>, then peers
	check "$m: a row of measurements" grep -qE "^$m +[0-9]+/ *[0-9]+ms +[0-9]+/ *[0-9]+ms +[0-9]+/ *[0-9]+ms \|" <<<"$report"
done
check "concurrency lines" grep -qE '^ +8 +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$' <<<"$report"
check "host-side cost" grep -qE '^ioctl: [0-9.]+ us per query' <<<"$report"
expect_eq "five targets reported" 5 "$(grep -cE ': (holds|DOES NOT HOLD)$' <<<"$report")"
totals
