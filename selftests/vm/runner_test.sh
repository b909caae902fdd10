#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The VM runner's own guarantees: the command's status comes back, a kernel
# warning fails the run, a hung command is stopped at the time limit, and
# nothing is left behind (QEMU process, temporary directory).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
run=$top/selftests/vm/run.sh
kernel=${1:-6.1}

# The runner's temporary directories go to a private TMPDIR, so that VMs run
# by anyone else on the machine do not count as our leftovers.
export TMPDIR
TMPDIR=$(mktemp -d)
leftovers() {
	pgrep -f "qemu-system-x86_64.*$TMPDIR" >/dev/null && echo qemu
	ls -A "$TMPDIR"
}
"$run" --kernel "$kernel" --no-load -- sh -c 'exit 3' >/dev/null 2>&1
expect_eq "command status comes back" 3 $?

out=$("$run" --kernel "$kernel" --no-load -- sh -c 'echo "$MS_VM:$(id -u):$PWD"' 2>&1)
expect_eq "runs as root in the caller's directory" "1:0:$PWD" "$(grep -v '^# \(splats\|vm time:\) ' <<<"$out")"
expect_eq "a clean run's figures" "# splats 0, kmemleak 0, hung tasks 0" \
	"$(grep '^# splats ' <<<"$out")"

kdir=$(make -s -C "$top" --no-print-directory print-kdir KVER="$kernel")
work=$(mktemp -d)
cp "$top"/selftests/vm/splat/* "$work"
if make -s -C "$kdir" M="$work" modules >"$work/build.log" 2>&1; then
	out=$("$run" --kernel "$kernel" --no-load -- sh -c "insmod $work/splat.ko; exit 0" 2>/dev/null)
	expect_eq "kernel warning fails the run" 125 $?
	expect_eq "the warning is counted" "# splats 1, kmemleak 0, hung tasks 0" \
		"$(grep '^# splats ' <<<"$out")"
else
	fail "build the splat fixture for $kernel"
	sed 's/^/#   /' "$work/build.log"
fi
rm -rf "$work"

start=$SECONDS
"$run" --kernel "$kernel" --no-load --timeout 25 -- sleep 1000 >/dev/null 2>&1
expect_eq "hung command stopped at the limit" 124 $?
[ $((SECONDS - start)) -lt 40 ] && ok "stopped within the limit" || fail "stopped within the limit"

expect_eq "no QEMU or temporary directory left" "" "$(leftovers)"
rmdir "$TMPDIR"
totals
