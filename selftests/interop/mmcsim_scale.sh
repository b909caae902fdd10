#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Many drives on one host, as in an optical archive library (DESIGN.md
# "Scale"): MS_SCALE_DRIVES mmcsim drives (default 200; sr numbers at most
# 256) holding four kinds of appendable media, all queried at once. Every
# answer must be its preset's msc1,nwa from kernel/mmcsim/README.md's table,
# every drive must also answer cdrskin the same, and a query stuck on one
# drive must not hold up a query on another (no global lock on the path).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

n=${MS_SCALE_DRIVES:-200}
ms_msinfo_setup || { skip "scale" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "load mmcsim"; totals; exit; }
tmp=$(mktemp -d)

# preset and its msc1,nwa (README table), by drive number mod 4
preset_of() {
	case $(($1 % 4)) in
	0) echo "cdr-appendable2 13418,22336" ;;
	1) echo "dvdplusr-appendable2 4064,8128" ;;
	2) echo "dvdr-appendable1 0,30704" ;;
	3) echo "bdr-appendable1 0,2016" ;;
	esac
}

before=$(ls -d /sys/class/block/sr* 2>/dev/null | wc -l)
start=$(date +%s)
i=0 made=0
while [ $i -lt "$n" ]; do
	set -- $(preset_of $i)
	if dev=$(ms_mmcsim_attach "scale$i" "$1"); then
		echo "$dev $2" >>"$tmp/drives"
		made=$((made + 1))
	fi
	i=$((i + 1))
done
expect_eq "$n drives attached, each with its sr device" "$n" "$made"
echo "# attached $made drives in $(($(date +%s) - start)) s"
expect_eq "$n distinct sr devices" "$n" "$(cut -d' ' -f1 "$tmp/drives" | sort -u | wc -l)"

# all queries at once
start=$(date +%s)
while read -r dev want; do
	( "$msinfo" --msinfo "$dev" >"$tmp/${dev##*/}.out" 2>&1; echo $? >>"$tmp/${dev##*/}.out" ) &
done <"$tmp/drives"
wait
bad=0
while read -r dev want; do
	got=$(tr '\n' ' ' <"$tmp/${dev##*/}.out")
	if [ "$got" != "$want 0 " ]; then
		bad=$((bad + 1))
		[ $bad -gt 5 ] || echo "#   $dev: expected '$want', got '$got'"
	fi
done <"$tmp/drives"
expect_eq "$made simultaneous queries, each its own medium's msc1,nwa" 0 "$bad"
echo "# $made simultaneous queries in $(($(date +%s) - start)) s"

# an independent reader on a sample of the drives
bad=0
for k in 0 1 2 3 $((n / 2)) $((n - 1)); do
	set -- $(sed -n "$((k + 1))p" "$tmp/drives")
	[ "$(ms_cdrskin_msinfo "$1")" = "$2" ] || { bad=$((bad + 1)); echo "#   $1: cdrskin says '$(ms_cdrskin_msinfo "$1")'"; }
done
expect_eq "cdrskin -msinfo agrees on drives across the range" 0 "$bad"

# Drive 0 answers GET CONFIGURATION (the query's first command) after 4 s;
# meanwhile a query of drive 1 must finish. Both must still be right.
echo 'op=0x46 delay=4000 count=1' >"$ms_mmcsim_cfg/scale0/fault"
set -- $(sed -n 1p "$tmp/drives")
slow_dev=$1 slow_want=$2
("$msinfo" --msinfo "$slow_dev" >"$tmp/slow.out" 2>&1; echo done >>"$tmp/slow.out") &
slow=$!
sleep 1
set -- $(sed -n 2p "$tmp/drives")
fast=$("$msinfo" --msinfo "$1" 2>&1)
kill -0 $slow 2>/dev/null
expect_eq "a query of another drive finishes while drive 0's is held" "0 $2" "$? $fast"
wait $slow
expect_eq "the held query then gives drive 0's answer" "$slow_want done" "$(tr '\n' ' ' <"$tmp/slow.out" | sed 's/ $//')"

i=0
while [ $i -lt "$n" ]; do
	ms_mmcsim_detach "scale$i" 2>/dev/null
	i=$((i + 1))
done
expect_eq "every drive detached, its sr device gone" "$before" "$(ls -d /sys/class/block/sr* 2>/dev/null | wc -l)"
rm -rf "$tmp"
ms_mmcsim_unload
totals
