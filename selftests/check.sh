#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check`: every test layer, then one line "N passed, N failed, N skipped".
# Counts come from the kselftest totals line each test program prints; a layer
# that fails without printing one counts as one failure.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/check
rm -rf "$out"
mkdir -p "$out"

# layer NAME COMMAND...: run, log, keep its totals in $out/NAME.counts.
layer() {
	local name=$1 log=$out/$1.log st p f s
	shift
	echo "== $name"
	"$@" >"$log" 2>&1
	st=$?
	read -r p f s < <(awk '/^# Totals:/ {
		for (i = 3; i <= NF; i++) { split($i, kv, ":"); n[kv[1]] += kv[2] }
		t = 1 } END { printf "%d %d %d\n", n["pass"], n["fail"] + n["error"], n["skip"] }' "$log")
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		p=1 # a step without its own test count (a build) that succeeded
	fi
	echo "$p $f $s" >"$out/$name.counts"
	echo "   $name: $p passed, $f failed, $s skipped (log: $log)"
	if [ "$f" -ne 0 ]; then
		grep -E '^(not ok|# suite:.*exited|run.sh:)' "$log" | head -n 40
		tail -n 40 "$log"
	fi
}

[ ! -f userlib/Makefile ] || layer userlib make -C userlib test test-sanitize test-valgrind
[ ! -f selftests/parse/Makefile ] || layer parser make -C selftests/parse test fuzz-smoke
layer vm-runner selftests/vm/runner_test.sh 6.1
layer debug-kernel make debug-kernel
layer modules-all make modules-all
layer selftests-build make selftests
[ ! -f userlib/Makefile ] || layer userlib-build make -C userlib

# The testbed's own drives hold an image of a few known files.
mkdir -p "$out/iso"
echo "multisession testbed $(date +%s)" >"$out/iso/hello.txt"
genisoimage -quiet -R -V MSTEST -o "$out/qemu.iso" "$out/iso"
export MS_QEMU_ISO=$out/qemu.iso MS_QEMU_ISO_FILE=$out/iso/hello.txt
# vm_layer KERNEL: the whole suite in a VM; the benchmark's smoke run and
# the full-size scale test only on 6.12, the kernel `make bench` uses.
vm_layer() {
	local tests
	tests=$(cd selftests && ls build/*_test interop/*.sh)
	[ "$1" = 6.12 ] || tests=$(grep -v bench_smoke <<<"$tests")
	# a few hundred drives on one kernel, a few dozen on the others
	[ "$1" = 6.12 ] && MS_SCALE_DRIVES=200 || MS_SCALE_DRIVES=32
	# Each medium row on 6.12; every 2nd on 6.1 and every 4th on the
	# debug kernel (where a row costs several times as much), so that both
	# lanes end within make check's budget.
	# Detach cycles: 200 on the stock kernels (0.3 s each), 100 on the
	# debug kernel (1.4 s each; make stress does 1000). The debug suite
	# took 68 minutes beside the other lane on a 2-core machine, so its
	# VM gets 80 before it counts as hung: with packaging first, the lane
	# still ends within the 90 of .ci/run.
	local timeout=3600 cycles=200
	case $1 in
	6.12) MS_SAMPLE=1 ;;
	6.1) MS_SAMPLE=2 ;;
	*) MS_SAMPLE=4 timeout=4800 cycles=100 ;;
	esac
	MS_UNPLUG_CYCLES=$cycles MS_SCALE_DRIVES=$MS_SCALE_DRIVES MS_SAMPLE=$MS_SAMPLE \
		layer "vm-$1" selftests/vm/run.sh --kernel "$1" --timeout $timeout \
		--scsi-cd "$MS_QEMU_ISO" --ide-cd empty --ide-cd "$MS_QEMU_ISO" --usb-cd "$MS_QEMU_ISO" \
		-- selftests/vm/suite.sh $tests
}
export MS_TEST_TIMEOUT=1200
# Two lanes on the two cores: the VMs idle half the time (drive latencies,
# sleeps), so the debug kernel runs beside the stock ones, after the
# packaging test (make install, DKMS builds, the .debs and lintian, and the
# packages installed and at work in a 6.1 VM: about 10 minutes, most of it
# DKMS building the module inside the VM).
{ layer packaging selftests/packaging.sh; vm_layer debug; } &
lane=$!
vm_layer 6.1
vm_layer 6.12
wait $lane

read -r pass fail skip < <(cat "$out"/*.counts |
	awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }')
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
