#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Queries racing media changes, detaches and module unloads: every answer is
# either right for a medium the drive held or a clean error; rmmod mmcsim
# while 16 callers query; unloading multisession with a user left is
# refused, without works. The runner fails the run on any kernel splat.
# MS_UNPLUG_CYCLES: detach cycles (default 20).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "unplug" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
work=$(mktemp -d)

# Two media whose answers cannot be mistaken for each other.
dev=$(ms_mmcsim_attach unplug dvdplusr-appendable2) || { fail "attach"; totals; exit; }
good="4064,8128 0,13418"
drive=unplug

query_loop() {
	while [ ! -e "$work/stop" ]; do
		# the drive comes back under a new name after each detach
		dev=/dev/$(cat "$ms_mmcsim_cfg/$drive/devname" 2>/dev/null)
		out=$("$msinfo" --msinfo "$dev" 2>"$work/err.$1")
		st=$?
		if [ $st -eq 0 ]; then
			case " $good " in
			*" $out "*) ;;
			*) echo "wrong answer: $out" >>"$work/wrong" ;;
			esac
		elif [ $st -ne 1 ] || ! grep -q "^msinfo: " "$work/err.$1"; then
			echo "unclean failure $st: $(cat "$work/err.$1")" >>"$work/wrong"
		fi
		echo x >>"$work/calls.$1"
	done
}
for i in 1 2 3 4; do
	query_loop $i &
done

cycles=0
while [ $cycles -lt "${MS_UNPLUG_CYCLES:-20}" ]; do
	# let queries run against each state for a moment
	for m in cdr-appendable1 empty dvdplusr-appendable2; do
		echo $m >"$ms_mmcsim_cfg/unplug/medium"
		sleep 0.2
	done
	echo 0 >"$ms_mmcsim_cfg/unplug/power"
	echo 1 >"$ms_mmcsim_cfg/unplug/power"
	sleep 0.2
	cycles=$((cycles + 1))
done
touch "$work/stop"
wait
calls=$(cat "$work"/calls.* | wc -l)
echo "# $cycles detach cycles, $calls queries"
[ "$calls" -gt 0 ] && ok "queries ran during the cycles" || fail "queries ran during the cycles"
expect_eq "no wrong answer, no unclean failure" "" "$(cat "$work/wrong" 2>/dev/null | sort | uniq -c)"

# rmmod mmcsim under 16 callers: refused while one holds the drive open,
# done in a gap between them, then every caller fails cleanly. The drive
# is one the module made at load (nr_devices): a configfs directory made by
# a user pins the module.
ms_mmcsim_detach unplug
rmmod mmcsim
insmod "$MS_MODDIR/mmcsim/mmcsim.ko" nr_devices=1 preset=dvdplusr-appendable2 ||
	fail "insmod mmcsim nr_devices=1"
drive=mmcsim0
rm -f "$work/stop" "$work/wrong"
for i in $(seq 16); do
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
	fail "rmmod mmcsim while 16 callers query (refused $tries times)"
	rmmod mmcsim
else
	ok "rmmod mmcsim while 16 callers query (after $tries refusals)"
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
rm -rf "$work"
totals
