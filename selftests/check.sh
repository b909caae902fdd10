#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make check`: every test layer, then one line "N passed, N failed, N skipped".
# Counts come from the kselftest totals line each test program prints; a layer
# that fails without printing one counts as one failure.
#
# After a short build phase the work runs as concurrent lanes: four VMs at
# a time (a pool of slots, see vm_slot_get), the packaging test and the
# host tests beside them, each lane with a time budget whose overrun prints
# a warning. Each test runs where it can find something the others cannot
# (see the lanes below): every test on 6.12; on 6.1 what touches a
# kernel-version difference; on the debug kernel what exercises memory,
# locking and object lifetimes. `make stress` (stress.sh) runs in full what
# is bounded or kept to one kernel here.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=$top/build/check
rm -rf "$out"
mkdir -p "$out"
t0=$SECONDS

# layer NAME COMMAND...: run, log, keep its totals in $out/NAME.counts and
# its wall time in $out/NAME.secs.
layer() {
	local name=$1 log=$out/$1.log st p f s start=$SECONDS
	shift
	echo "== $name (at $(((SECONDS - t0) / 60)) min)"
	"$@" >"$log" 2>&1
	st=$?
	read -r p f s < <(awk -v st="$st" -f selftests/totals.awk "$log")
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		p=1 # a step without its own test count (a build) that succeeded
	fi
	echo "$((SECONDS - start))" >"$out/$name.secs"
	echo "$p $f $s" >"$out/$name.counts"
	echo "   $name: $p passed, $f failed, $s skipped, $((SECONDS - start)) s (log: $log)"
	if [ "$f" -ne 0 ]; then
		grep -E '^(not ok|# suite:.*exited|run.sh:)' "$log" | head -n 40
		tail -n 40 "$log"
	fi
	[ "$f" -eq 0 ]
}

# after LAYER...: wait until those layers have finished; false if one failed.
after() {
	local l p f s
	for l; do
		while [ ! -f "$out/$l.counts" ]; do
			sleep 2
		done
		read -r p f s <"$out/$l.counts"
		[ "$f" -eq 0 ] || return 1
	done
}

# blocked NAME WHY: a layer that cannot run because one it needs failed.
blocked() {
	echo "# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0" >"$out/$1.log"
	echo "$1: not run, $2" >>"$out/$1.log"
	echo 0 >"$out/$1.secs"
	echo "0 1 0" >"$out/$1.counts"
	echo "   $1: not run, $2"
}

# lane NAME BUDGET_MINUTES FUNCTION: run FUNCTION in the background as one
# lane; its wall time and budget are kept for the summary. Lanes started
# first have their VMs started first.
lanes=()
lane() {
	lanes+=("$1")
	echo "$2" >"$out/lane-$1.budget"
	{
		local start=$SECONDS
		lane_rank=$(printf '%03d' ${#lanes[@]})
		"$3"
		echo "$((SECONDS - start))" >"$out/lane-$1.secs"
	} &
}

# At most MS_CHECK_VMS (4) VMs of the lanes run at once. A stock guest
# running these tests waits much of the time (drive latencies, timers, 9p
# round trips) but not all of it: with four lane VMs beside the packaging
# test, a stock guest's host CPU was a quarter of its wall time, and with
# seven the lanes took 1.7 times as long (the preset table's half: 351-371 s
# with four, 624-643 s with seven). A lane waits for a slot; the waiting
# lane started first takes the next one.
vm_slots=${MS_CHECK_VMS:-4}
mkdir -p "$out/queue"
vm_slot_get() {
	local i
	touch "$out/queue/$lane_rank"
	for (( ; ; )); do
		if [ "$(ls "$out/queue" | sort | head -n 1)" = "$lane_rank" ]; then
			for ((i = 1; i <= vm_slots; i++)); do
				if mkdir "$out/slot.$i" 2>/dev/null; then
					rm "$out/queue/$lane_rank"
					vm_slot=$i
					return
				fi
			done
		fi
		sleep 1
	done
}

# vm NAME KERNEL TIMEOUT TEST...: a VM on KERNEL runs the tests (relative to
# selftests/, each with its arguments as one word) with the testbed's
# drives, once that kernel's modules are built.
vm() {
	local name=$1 kernel=$2 timeout=$3
	shift 3
	after "modules-$kernel" selftests-build userlib-build ||
		{ blocked "$name" "a build it needs failed"; return; }
	vm_slot_get
	layer "$name" selftests/vm/run.sh --kernel "$kernel" --timeout "$timeout" \
		--cpus "${MS_VM_CPUS:-2}" \
		--scsi-cd "$MS_QEMU_ISO" --ide-cd empty --ide-cd "$MS_QEMU_ISO" --usb-cd "$MS_QEMU_ISO" \
		-- selftests/vm/suite.sh "$@"
	rmdir "$out/slot.$vm_slot"
}

# The testbed's own drives hold an image of a few known files.
mkdir -p "$out/iso"
echo "multisession testbed $(date +%s)" >"$out/iso/hello.txt"
genisoimage -quiet -R -V MSTEST -o "$out/qemu.iso" "$out/iso"
export MS_QEMU_ISO=$out/qemu.iso MS_QEMU_ISO_FILE=$out/iso/hello.txt
export MS_TEST_TIMEOUT=1200

# --- build phase: what the VMs load, each kernel's modules built once with
# W=1 and sparse (a warning fails the build). The debug kernel (cached,
# about 13 minutes to build beside the lanes when it is not) only holds up
# the debug lane.
pids=()
layer checkpatch make checkpatch &
pids+=($!)
layer userlib-build make -C userlib all m32 &
pids+=($!)
layer selftests-build make selftests &
pids+=($!)
for k in 6.12 6.1; do
	layer "modules-$k" make modules KVER=$k KBUILD_EXTRA="W=1 C=1" &
	pids+=($!)
done
debug_modules() {
	layer debug-kernel make debug-kernel &&
		layer modules-debug make modules KVER=debug KBUILD_EXTRA="W=1 C=1" ||
		{ [ -f "$out/modules-debug.counts" ] || blocked modules-debug "no debug kernel"; }
}
debug_modules &
# With the debug kernel cached, its modules are built before any lane
# starts too, so that the debug lane queues for a VM slot in its turn.
[ ! -f "$(selftests/vm/debug-kernel.sh --path)/.done" ] || pids+=($!)
wait "${pids[@]}"

# --- the lanes ----------------------------------------------------------
# Budgets are the lane's own share of the 30 minutes a warm make check may
# take; a lane past its budget prints a warning, not a failure.
#
# Stock guests get one CPU (MS_VM_CPUS=1): with six VMs on two host cores
# a two-CPU TCG guest spins on locks whose holder's vCPU is not running,
# and the same work cost 1.3 times the host CPU (warm make check: 48.8
# user minutes with two, 38.2 with one; 31.4 and 27.3 minutes of wall
# time). The debug guests keep two, for the races lockdep and KASAN are
# there to see.
#
# 6.12 runs every test program and script (failslab_test only skips
# there: it needs the debug kernel's fault injection, so it runs there
# alone), over four VMs. The two long medium tables (presets, tools: real
# tools on every preset) are split in halves that run at once
# (MS_SAMPLE=2 with offsets 0 and 1: every row, each once). Each medium
# row runs on 6.12 only: the parser and the drive are the same code on
# every kernel, so the kernel version cannot change a row's answer.
lane_612a() {
	MS_VM_CPUS=1 MS_SAMPLE=2 MS_SAMPLE_OFFSET=0 vm vm-6.12a 6.12 2400 \
		interop/mmcsim_presets.sh interop/mmcsim_tools.sh build/media_test \
		interop/udev_props.sh
}
lane_612b() {
	MS_VM_CPUS=1 MS_SAMPLE=2 MS_SAMPLE_OFFSET=1 MS_UNPLUG_CYCLES=200 MS_STRESS_SECONDS=30 \
	vm vm-6.12b 6.12 2400 \
		interop/mmcsim_presets.sh interop/mmcsim_tools.sh build/stress_test \
		build/ioctl_abi_test build/ioctl_abi_test32 interop/compat32.sh \
		build/mmcsim_cmd_test interop/refresh.sh interop/mmcsim_quirks.sh
}
lane_612c() {
	MS_VM_CPUS=1 MS_FAULT_MEDIA="dvdplusr-appendable2 bdre-unformatted" vm vm-6.12c 6.12 2400 \
		interop/mmcsim_writers.sh build/fault_matrix_test interop/mmcsim_realworld.sh \
		interop/bench_smoke.sh interop/mmcsim_mixed.sh
}
lane_612d() {
	MS_VM_CPUS=1 MS_SCALE_DRIVES=100 vm vm-6.12d 6.12 2400 \
		interop/mmcsim_burn_unplug.sh interop/mmcsim_scale.sh interop/unplug.sh \
		interop/mmcsim_burn.sh interop/mmcsim_configfs.sh interop/qemu_drives.sh \
		interop/msinfo_qemu.sh build/ioctl_fuzz_test
}
# 6.1: what meets a kernel-version difference. The SCSI command path
# (scsi_execute_req before 6.3) and the block device of a file: every
# query, here on the three real transports (media_test's qemu fixture,
# qemu_drives, msinfo_qemu) and on an empty drive; sr's open, close and
# media-change events, which changed between 6.1 and 6.12 (stress_test: a
# unit attention another program took, swaps, and drives pulled under
# callers, whose removal states differ; a burn followed by a reload,
# mmcsim_burn); module unload under callers (unplug); mmcsim as a SCSI
# host (mmcsim_cmd_test); the ABI (ioctl_abi_test); a refresh after
# burns, which leans on sr's media-change handling and the block layer's
# open path (refresh: opening a disk, blkdev_get_by_dev() before 6.9). The
# packages are installed and used in a 6.1 VM in a lane of their own.
lane_61() {
	MS_VM_CPUS=1 MS_UNPLUG_CYCLES=200 vm vm-6.1 6.1 2400 \
		build/ioctl_abi_test "build/media_test -f qemu -t empty_drive" \
		build/mmcsim_cmd_test build/stress_test interop/qemu_drives.sh \
		interop/msinfo_qemu.sh interop/mmcsim_burn.sh interop/unplug.sh \
		interop/refresh.sh
}
lane_packaging() {
	layer packaging selftests/packaging.sh
}
# Debug kernel (KASAN, kmemleak, lockdep, UBSAN, failslab): what exercises
# memory, locking and object lifetimes -- the stress test (64 callers,
# swaps, burns and refreshes for 30 s, 50 detach cycles), failed
# allocations, the single flight of concurrent callers, the ioctl fuzzer,
# the fault matrix, module unloads under four querying loops (unplug.sh
# says why not 16 here) and two reload cycles of both modules (make
# stress: 200; 6.1 and 6.12: 5), in one VM: a debug guest's boot and
# closing leak scan cost minutes, and a second VM for the unloads alone
# cost 435 s of host CPU. The fault matrix's four media are split between
# 6.12 and here (the errors it injects take the same paths on both), so
# each medium's faults run once. A guest here costs several times a stock
# one (a KASAN kernel under TCG), so what is no memory or locking test
# stays on 6.12: burns with a drive pulled (mmcsim_burn_unplug: the
# burner's path, not ours, dominates it), mmcsim's configfs input;
# refresh.sh's burns with udev and a mount run on 6.1 and 6.12 and, on this
# kernel, in make stress (udevd's coldplug under KASAN alone timed out its
# 60 s settle), while the refresh ioctl meets KASAN and lockdep here in the
# stress test's refreshers.
lane_debug() {
	MS_UNPLUG_CYCLES=50 MS_STRESS_SECONDS=30 MS_RELOAD_CYCLES=2 MS_UNLOAD_CALLERS=4 \
	MS_FAULT_MEDIA="cdr-appendable2 dvdplusrw-iso" vm vm-debug debug 2400 \
		build/stress_test build/failslab_test "build/media_test -t single_flight -t shared_table" \
		build/ioctl_fuzz_test build/fault_matrix_test interop/unplug.sh
}
# The host's own tests, beside the VMs: the library (plain, ASan/UBSan,
# valgrind), the parser (plain, sanitized, valgrind, 60 s of fuzzing) and
# the VM runner's own guarantees.
lane_host() {
	layer userlib make -C userlib test test-sanitize test-valgrind
	layer parser make -C selftests/parse test fuzz-smoke
	after modules-6.1 && layer vm-runner selftests/vm/runner_test.sh 6.1
}

# Longest first. The budget counts from the lane's start, its wait for a
# VM slot included.
lane packaging 25 lane_packaging
lane host 15 lane_host
lane debug 25 lane_debug
lane 6.12b 25 lane_612b
lane 6.12a 25 lane_612a
lane 6.12c 25 lane_612c
lane 6.12d 28 lane_612d
lane 6.1 28 lane_61
wait

# --- summary --------------------------------------------------------------
echo "== times"
for f in "$out"/*.secs; do
	n=${f##*/}
	n=${n%.secs}
	case $n in lane-*) continue ;; esac
	printf '   %-16s %5d s\n' "$n" "$(cat "$f")"
done
grep -H '^# vm time:' "$out"/vm-*.log | sed 's|^.*/\(vm-.*\)\.log:# vm time:|   \1:|'
for l in "${lanes[@]}"; do
	secs=$(cat "$out/lane-$l.secs" 2>/dev/null || echo 0)
	budget=$(cat "$out/lane-$l.budget")
	printf '   lane %-11s %5d s (budget %d min)\n' "$l" "$secs" "$budget"
	[ "$secs" -le $((budget * 60)) ] ||
		echo "warning: lane $l took $((secs / 60)) min, over its budget of $budget"
done
total=$((SECONDS - t0))
echo "   total            $total s ($((total / 60)) min)"
read -r pass fail skip < <(cat "$out"/*.counts |
	awk '{ p += $1; f += $2; s += $3 } END { print p + 0, f + 0, s + 0 }')
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
