#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make stress`: the long runs that make check bounds or leaves to one
# kernel for time's sake, in two VMs side by side, then 10^7 parser inputs.
#
#   debug kernel  10^5 fuzzed ioctls per caller; the fault matrix with the
#                 slow faults (commands that never complete) on thirteen
#                 media; 10 minutes of stress and 1000 detach cycles;
#                 failed allocations; 200 module reloads under callers;
#                 burns with a drive pulled; configfs input; every media
#                 test; burns with refreshes, udev and a mount (make
#                 check: stress 30 s and 50 cycles, the fault matrix's
#                 fast faults on two media, single flight only, no
#                 refresh.sh)
#   6.1           every test with every row (make check runs there only
#                 what meets a kernel-version difference)
#   6.12          then, alone: the stress test until 10^7 calls (make
#                 check: 30 s), the proof that a query's one closing READ
#                 DISC INFORMATION lets no torn or stale answer through
#
# Ends with "N passed, N failed, N skipped"; logs in build/stress/.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/stress
rm -rf "$out"
mkdir -p "$out"

for k in debug 6.1 6.12; do
	make --no-print-directory modules KVER=$k >"$out/build-$k.log" 2>&1 ||
		{ cat "$out/build-$k.log"; exit 1; }
done
make --no-print-directory -C userlib all m32 >"$out/build.log" 2>&1 &&
	make --no-print-directory selftests >>"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; exit 1; }
genisoimage -quiet -R -o "$out/stress.iso" README.md

drives=(--scsi-cd "$out/stress.iso" --ide-cd empty --ide-cd "$out/stress.iso"
	--usb-cd "$out/stress.iso")
MS_QEMU_ISO=$out/stress.iso MS_QEMU_ISO_FILE=$top/README.md
export MS_QEMU_ISO MS_QEMU_ISO_FILE MS_TEST_TIMEOUT=10800

start=$SECONDS
MS_FUZZ_CALLS=100000 MS_FAULT_FULL=1 MS_UNPLUG_CYCLES=1000 MS_STRESS_SECONDS=600 \
MS_RELOAD_CYCLES=200 MS_SCALE_DRIVES=32 \
MS_FAULT_MEDIA="cdr-appendable2 cdr-closed1 cdr-damaged dvdplusr-appendable2 dvdr-blank dvdrw-appendable1 dvdplusr-dl-appendable2 bdr-closed1 bdr-pow dvdplusrw-iso dvdplusrw-unformatted bdre-unformatted dvdram-iso" \
	selftests/vm/run.sh --kernel debug --timeout 14400 "${drives[@]}" -- \
	selftests/vm/suite.sh build/ioctl_fuzz_test build/fault_matrix_test \
	build/stress_test build/failslab_test build/media_test interop/unplug.sh \
	interop/mmcsim_burn_unplug.sh interop/mmcsim_configfs.sh interop/refresh.sh \
	>"$out/debug.log" 2>&1 &
debug=$!
MS_UNPLUG_CYCLES=200 MS_SCALE_DRIVES=200 \
	selftests/vm/run.sh --kernel 6.1 --timeout 10800 "${drives[@]}" -- \
	selftests/vm/suite.sh >"$out/6.1.log" 2>&1 &
v61=$!
make --no-print-directory -C selftests/parse fuzz-smoke FUZZ_RUNS=10000000 \
	FUZZ_SECONDS=3600 >"$out/parser.log" 2>&1
parser=$?
wait $v61
st61=$?
wait $debug
stdebug=$?

# Alone on the machine, a stock guest with both CPUs: 10^7 calls took
# 1467 s under TCG.
MS_STRESS_CALLS=${MS_STRESS_CALLS:-10000000} MS_TEST_TIMEOUT=22800 \
	selftests/vm/run.sh --kernel 6.12 --timeout 23400 -- selftests/vm/suite.sh \
	"build/stress_test -t queries_during_swaps_and_burns" >"$out/6.12-calls.log" 2>&1
st612=$?

read -r pd fd sd < <(awk -v st=$stdebug -f selftests/totals.awk "$out/debug.log")
read -r p1 f1 s1 < <(awk -v st=$st61 -f selftests/totals.awk "$out/6.1.log")
read -r p2 f2 s2 < <(awk -v st=$st612 -f selftests/totals.awk "$out/6.12-calls.log")
pass=$((pd + p1 + p2 + (parser == 0)))
fail=$((fd + f1 + f2 + (parser != 0)))
skip=$((sd + s1 + s2))
grep -h '^# suite:.*took\|^# splats\|^# vm time\|^# stress:' "$out/debug.log" "$out/6.1.log" \
	"$out/6.12-calls.log"
echo "stress: $(((SECONDS - start) / 60)) min (logs: $out)"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
