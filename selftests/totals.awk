# SPDX-License-Identifier: GPL-2.0-only
#
# "pass fail skip" summed over the kselftest totals lines of a log; with
# -v st=STATUS, a run that exited non-zero without a failing test in its
# totals (a build error, a timeout, a splat) counts one failure.
/^# Totals:/ {
	for (i = 3; i <= NF; i++) {
		split($i, kv, ":")
		n[kv[1]] += kv[2]
	}
}
END {
	f = n["fail"] + n["error"]
	if (st != 0 && f == 0)
		f = 1
	printf "%d %d %d\n", n["pass"], f, n["skip"]
}
