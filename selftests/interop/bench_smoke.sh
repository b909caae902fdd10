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
# medium, then ioctl, msinfo and table as <commands>/<ms>, msinfo's
# msc1,nwa, then the peers. The answers: the preset table of
# kernel/mmcsim/README.md, and for the layout of two sessions (2016 blocks
# at 0; two tracks of 2016 at 4064) the second session's start and the
# DVD+R gap of 2048 after its end, 8096.
while read -r m want; do
	check "$m: a row of measurements, msinfo says $want" \
		grep -qE "^$m +[0-9]+/ *[0-9]+ms +[0-9]+/ *[0-9]+ms +[0-9]+/ *[0-9]+ms +$want +\|" <<<"$report"
done <<'ROWS'
cdr-appendable2 13418,22336
dvdplusr-2trk-last 4064,10144
dvdplusrw-iso 0,2016
ROWS
check "concurrency lines" grep -qE '^ +8 +[0-9]+ +[0-9.]+ +[0-9.]+ +[0-9.]+$' <<<"$report"
check "host-side cost" grep -qE '^ioctl: [0-9.]+ us per query' <<<"$report"
expect_eq "six targets reported (the flat cost needs the session series)" 6 "$(grep -cE ': (holds|DOES NOT HOLD)$' <<<"$report")"
totals
