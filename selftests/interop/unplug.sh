#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# msinfo racing module unloads: every answer is right or a clean error;
# rmmod mmcsim while callers query; unloading multisession with a user
# left is refused, without works, and under callers lands between two
# queries; reload loops. (Queries racing detaches: stress_test.) The runner
# fails the run on any kernel splat.
#
# MS_UNLOAD_CALLERS: msinfo loops racing each unload (default 16). Each is a
# shell spawning a process per query: on the debug kernel under TCG, 16 of
# them made this test 230 s of an idle 2-core machine's time, most of it
# the loops starving rmmod; a few find the same races there.
# MS_RELOAD_CYCLES: unload/reload cycles of both modules (default 5).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "unplug" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
work=$(mktemp -d)

# The drives here hold dvdplusr-appendable2 (README: msc1 4064, NWA 8128).
good="4064,8128"

query_loop() {
	while [ ! -e "$work/stop" ]; do
		# a drive that comes back has a new name
		dev=/dev/$(cat "$ms_mmcsim_cfg/$drive/devname" 2>/dev/null)
		out=$("$msinfo" --msinfo "$dev" 2>"$work/err.$1")
		st=$?
		if [ $st -eq 0 ]; then
			[ "$out" = "$good" ] || echo "wrong answer: $out" >>"$work/wrong"
		elif [ $st -ne 1 ] || ! grep -q "^msinfo: " "$work/err.$1"; then
			echo "unclean failure $st: $(cat "$work/err.$1")" >>"$work/wrong"
		else
			echo x >>"$work/failed.$1"
		fi
		echo x >>"$work/calls.$1"
	done
}

callers=${MS_UNLOAD_CALLERS:-16}

# rmmod mmcsim under callers: refused while one holds the drive open,
# done in a gap between them, then every caller fails cleanly. The drive
# is one the module made at load (nr_devices): a configfs directory made by
# a user pins the module.
rmmod mmcsim
insmod "$MS_MODDIR/mmcsim/mmcsim.ko" nr_devices=1 preset=dvdplusr-appendable2 ||
	fail "insmod mmcsim nr_devices=1"
drive=mmcsim0
rm -f "$work/stop" "$work/wrong"
for i in $(seq "$callers"); do
	query_loop $i &
done
sleep 1
tries=0
until rmmod mmcsim 2>/dev/null; do
	tries=$((tries + 1))
	[ $tries -lt 200 ] || break
	sleep 0.05
done
sleep 1
touch "$work/stop"
wait
if [ -d /sys/module/mmcsim ]; then
	fail "rmmod mmcsim while $callers callers query (refused $tries times)"
	rmmod mmcsim
else
	ok "rmmod mmcsim while $callers callers query (after $tries refusals)"
fi
expect_eq "callers around the unload: no wrong answer, no unclean failure" "" \
	"$(cat "$work/wrong" 2>/dev/null | sort | uniq -c)"
[ -n "$ms_mmcsim_loaded" ] || ms_mmcsim_load

exec 3</dev/multisession
rmmod multisession 2>/dev/null && fail "rmmod multisession refused while open" ||
	ok "rmmod multisession refused while open"
exec 3<&-
if rmmod multisession; then
	ok "rmmod multisession once closed"
	insmod "$MS_MODDIR/multisession.ko" && ok "insmod multisession again" ||
		fail "insmod multisession again"
else
	fail "rmmod multisession once closed"
fi

# rmmod multisession under callers: each msinfo holds /dev/multisession
# for its own query only, so the unload lands between two of them; until
# the module is back every caller fails cleanly, then answers right again.
drive=unplug
[ -d /sys/module/mmcsim ] || insmod "$MS_MODDIR/mmcsim/mmcsim.ko"
if ms_mmcsim_attach unplug dvdplusr-appendable2 >/dev/null; then
	rm -f "$work/stop" "$work/wrong" "$work"/calls.* "$work"/failed.*
	for i in $(seq "$callers"); do
		query_loop $i &
	done
	sleep 1
	tries=0
	until rmmod multisession 2>/dev/null; do
		tries=$((tries + 1))
		[ $tries -lt 400 ] || break
		sleep 0.02
	done
	if [ -d /sys/module/multisession ]; then
		fail "rmmod multisession while $callers callers query (refused $tries times)"
	else
		ok "rmmod multisession while $callers callers query (after $tries refusals)"
		# up to 30 s for callers to find it gone (a query takes seconds
		# on the debug kernel)
		i=0
		while [ -z "$(cat "$work"/failed.* 2>/dev/null)" ] && [ $i -lt 300 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		gone=$(cat "$work"/failed.* 2>/dev/null | wc -l)
		[ "$gone" -gt 0 ] && ok "callers fail cleanly while it is gone ($gone failures)" ||
			fail "callers fail cleanly while it is gone (none failed)"
		insmod "$MS_MODDIR/multisession.ko" || fail "insmod multisession under callers"
		sleep 1
	fi
	touch "$work/stop"
	wait
	calls=$(cat "$work"/calls.* | wc -l)
	echo "# rmmod multisession: $calls queries around the unload"
	expect_eq "callers around rmmod multisession: no wrong answer, no unclean failure" "" \
		"$(cat "$work/wrong" 2>/dev/null | sort | uniq -c)"
	expect_eq "a query once it is back" 4064,8128 \
		"$("$msinfo" --msinfo "/dev/$(cat "$ms_mmcsim_cfg/unplug/devname")" 2>&1)"
	ms_mmcsim_detach unplug
else
	fail "attach for rmmod multisession under callers"
fi

# Reload loops: both modules out, both back (mmcsim first on odd cycles,
# multisession first on even ones), then one query must give the preset's
# answer (README: dvdplusr-appendable2 is msc1 4064, NWA 8128).
reload_cycles=${MS_RELOAD_CYCLES:-5}
reload_bad=0
c=0
[ -d /sys/module/multisession ] || insmod "$MS_MODDIR/multisession.ko"
while [ $c -lt "$reload_cycles" ]; do
	c=$((c + 1))
	why=
	rmmod multisession || why="rmmod multisession"
	[ ! -d /sys/module/mmcsim ] || rmmod mmcsim || why="$why rmmod mmcsim"
	if [ $((c % 2)) -eq 1 ]; then
		insmod "$MS_MODDIR/mmcsim/mmcsim.ko" nr_devices=1 preset=dvdplusr-appendable2 &&
			insmod "$MS_MODDIR/multisession.ko" || why="$why insmod (mmcsim first)"
	else
		insmod "$MS_MODDIR/multisession.ko" &&
			insmod "$MS_MODDIR/mmcsim/mmcsim.ko" nr_devices=1 preset=dvdplusr-appendable2 ||
			why="$why insmod (multisession first)"
	fi
	i=0
	dev=
	while [ $i -lt 50 ]; do
		dev=/dev/$(cat "$ms_mmcsim_cfg/mmcsim0/devname" 2>/dev/null)
		[ -b "$dev" ] && [ -e /dev/multisession ] && break
		sleep 0.1
		i=$((i + 1))
	done
	out=$("$msinfo" --msinfo "$dev" 2>&1)
	[ "$out" = "4064,8128" ] || why="$why query gave '$out'"
	if [ -n "$why" ]; then
		reload_bad=$((reload_bad + 1))
		echo "# reload cycle $c:$why"
	fi
done
echo "# $c reload cycles of both modules, $reload_bad bad"
[ "$reload_bad" -eq 0 ] && ok "$c reload cycles of both modules, a right answer after each" ||
	fail "$c reload cycles of both modules ($reload_bad bad)"
# leave mmcsim as this test found it
[ ! -d /sys/module/mmcsim ] || rmmod mmcsim
[ -n "$ms_mmcsim_loaded" ] || insmod "$MS_MODDIR/mmcsim/mmcsim.ko"
[ -d /sys/module/multisession ] || insmod "$MS_MODDIR/multisession.ko"
rm -rf "$work"
totals
