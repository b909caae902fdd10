#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcsim's configfs interface refuses bad input with the errno its README
# gives and changes nothing: unknown presets, absurd layouts, out-of-range
# numbers, malformed fault rules and quirks, INQUIRY strings while
# attached, bad module parameters. Removing a drive that is open and busy
# is clean. The runner fails the run on any kernel splat.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
cfg=$ms_mmcsim_cfg/cfgtest
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# refused ERRNO-TEXT ATTR VALUE [LABEL]: writing VALUE to ATTR fails with
# that error (LABEL names VALUE in the result line)
refused() {
	local want=$1 attr=$2 value=$3 label=${4:-$3} err
	err=$( (printf '%s\n' "$value" >"$cfg/$attr") 2>&1)
	if [ $? -ne 0 ] && [[ $err == *"$want"* ]]; then
		ok "$attr='$label' refused: $want"
	else
		fail "$attr='$label' refused: $want (got: ${err:-success})"
	fi
}

mkdir "$cfg" || { fail "mkdir"; totals; exit; }
echo dvdplusr-appendable2 >"$cfg/medium"
inval="Invalid argument"
refused "$inval" medium no-such-preset
refused "$inval" medium cdr-appendable99
expect_eq "medium unchanged after the refusals" dvdplusr-appendable2 "$(cat "$cfg/medium")"
refused "$inval" layout "profile=0x1b capacity=0"
refused "$inval" layout "profile=0x1b capacity=4294967296"
refused "$inval" layout "profile=0x99 capacity=1000"
refused "$inval" layout "profile=0x1b capacity=100000 track=1,0,5000 track=1,4000,5000"
refused "$inval" layout "profile=0x1b capacity=100000 track=2,0,5000"
refused "$inval" layout "profile=0x1b capacity=1000 track=1,0,5000"
refused "$inval" layout "profile=0x1b capacity=100000 frobnicate=1"
refused "$inval" layout "profile=0x1b capacity=100000 track=1,0,5000 status=complete nwa=9000"
# fixed packets (README): a CD-RW's, on tracks that fill it
refused "$inval" layout "profile=0x1b capacity=5000 status=complete packet=32 track=1,0,5000"
refused "$inval" layout "profile=0x0a capacity=9000 status=complete packet=32 track=1,0,5000"
refused "$inval" layout "profile=0x0a capacity=5000 packet=32 track=1,0,5000"
expect_eq "medium unchanged after bad layouts" dvdplusr-appendable2 "$(cat "$cfg/medium")"
echo "profile=0x0a capacity=5000 status=complete packet=32 track=1,0,5000" >"$cfg/layout"
check "a packet-formatted CD-RW read back" grep -q ' packet=32 ' "$cfg/layout"

# Track limits (README "layout syntax"): a CD holds tracks 1..99, DVD and
# BD up to 7679 (a BD-R's limit; below, through debugfs).
# tracks PROFILE N STRIDE: a layout of N one-track sessions of 2000 blocks
# on a dual-layer BD-R's capacity
tracks() {
	local i l="profile=$1 capacity=24438784"
	for ((i = 0; i < $2; i++)); do
		l+=" track=$((i + 1)),$((i * $3)),2000"
	done
	printf '%s\n' "$l"
}
refused "$inval" layout "$(tracks 0x09 100 2000)" "CD-R, 100 tracks"
tracks 0x09 99 2000 >"$cfg/layout"
expect_eq "a CD-R with 99 tracks is taken" 99 "$(grep -c '^track=' "$cfg/layout")"
tracks 0x1b 169 4096 >"$cfg/layout"
expect_eq "a DVD+R with 169 sessions is taken" 169 "$(grep -c '^track=' "$cfg/layout")"
# the readback lists what was written: last track, the NWA after it (+ gap 2048)
expect_eq "its last track read back" "track=169,688128,2000" "$(grep '^track=' "$cfg/layout" | tail -n 1)"
check "its NWA read back" grep -q ' nwa=692176 ' "$cfg/layout"
# configfs stores at most 4095 bytes at once: a longer text is refused,
# not taken in two halves
long="$(tracks 0x1b 2 4096)$(printf '%4100s' '')"
refused "File too large" layout "$long" "2 tracks + 4100 blanks"
expect_eq "medium unchanged after a too long layout" 169 "$(grep -c '^track=' "$cfg/layout")"
# BD-R, 169 tracks at 8-digit starts: the text fits a store, its readback
# (status, closed, nwa... added) does not fit configfs's page: EFBIG, not
# a cut text
big="profile=0x41 capacity=12219392"
for ((i = 0; i < 169; i++)); do
	big+=" track=$((i + 1)),$((10000000 + i * 13000)),$((i < 100 ? 12000 : 2000))"
done
expect_eq "the BD-R layout's length" 4078 "${#big}"
printf '%s\n' "$big" >"$cfg/layout"
err=$(cat "$cfg/layout" 2>&1 >/dev/null)
check "a readback past a page fails with EFBIG ($err)" [ "$err" != "${err%File too large}" ]
if ms_mmcsim_attach cfgbig "layout:$big" >/dev/null; then
	expect_eq "debugfs layout has no page limit: the last track" \
		"track=169,12184000,2000" \
		"$(grep '^track=' /sys/kernel/debug/mmcsim/cfgbig/layout | tail -n 1)"
	# debugfs takes a layout of any size in one write (dd: one write of
	# the whole file): a BD-R's 7679 tracks, not one more
	dbg=/sys/kernel/debug/mmcsim/cfgbig/layout
	tracks 0x41 7680 2000 >"$tmp/7680"
	tracks 0x41 7679 2000 >"$tmp/7679"
	err=$(dd if="$tmp/7680" of="$dbg" bs=1M 2>&1)
	check "debugfs: a BD-R with 7680 tracks refused ($(echo "$err" | head -n 1))" \
		[ "$err" != "${err#*Invalid argument}" ]
	expect_eq "debugfs: medium unchanged after it" 169 "$(grep -c '^track=' "$dbg")"
	dd if="$tmp/7679" of="$dbg" bs=1M 2>/dev/null
	expect_eq "debugfs: a BD-R with 7679 tracks is taken" 7679 "$(grep -c '^track=' "$dbg")"
	expect_eq "debugfs: its last track read back" "track=7679,15356000,2000" \
		"$(grep '^track=' "$dbg" | tail -n 1)"
	ms_mmcsim_detach cfgbig
else
	fail "a drive with the 169-track BD-R"
fi
echo dvdplusr-appendable2 >"$cfg/medium"
refused "$inval" power 2
refused "$inval" delay_us 10000001
refused "$inval" sector_ns 100000001
refused "$inval" media_change_events 7
refused "$inval" quirks "nwa_minus150 no_such_quirk"
refused "$inval" unit_attention "zz"
refused "$inval" fault "op=0x123 sense=5/20/00"
refused "$inval" fault "op=0x51 sense=5/20"
refused "$inval" fault "op=0x51 frobnicate"
refused "$inval" fault "nth=0 garbage"
expect_eq "no fault rule kept from the refusals" "" "$(cat "$cfg/fault")"
for i in $(seq 16); do
	echo "op=0x$(printf %02x $i) sense=5/20/00" >"$cfg/fault"
done
refused "No space left on device" fault "op=0x51 garbage"
echo clear >"$cfg/fault"
expect_eq "clear removes every rule" "" "$(cat "$cfg/fault")"
refused "$inval" vendor "MUCHTOOLONGVENDOR"

# attached: INQUIRY strings are fixed, the rest stays live
echo 1 >"$cfg/power"
dev=/dev/$(cat "$cfg/devname")
refused "Device or resource busy" vendor OTHER
refused "Device or resource busy" product "Other Recorder"
check "delay_us is live while attached" sh -c "echo 1000 >'$cfg/delay_us'"
echo 0 >"$cfg/delay_us"
ms_wait_node "$dev"

# skip=N: the first N matching commands pass, then the rule fires; the
# sense is read back by sg_raw (READ BUFFER CAPACITY: nothing else sends it)
refused "$inval" fault "nth=3 skip=1 garbage"
echo "op=0x5c skip=2 sense=5/24/00 count=1" >"$cfg/fault"
out=$(mktemp)
got=
for i in 1 2 3 4; do
	sg_raw -r 12 "$dev" 5c 00 00 00 00 00 00 00 0c 00 >"$out" 2>&1 && st=passed || st=failed
	got="$got $st:$(grep -c 'Invalid field in cdb' "$out")"
done
rm -f "$out"
expect_eq "skip=2 count=1: two commands pass, the third fails with the sense, the fourth passes" \
	" passed:0 passed:0 failed:1 passed:0" "$got"
expect_eq "the rule is gone once it fired" "" "$(cat "$cfg/fault")"

# rmdir while the drive is open and reading: the drive goes, the reader
# gets an error, nothing else happens
exec 3<"$dev"
# until a read brings nothing: the end of the disc, or no disc any more
(while [ "$(dd bs=2048 count=16 status=none <&3 | wc -c)" -gt 0 ]; do :; done) &
reader=$!
sleep 0.5
echo 0 >"$cfg/power"
check "rmdir of a drive that was busy" rmdir "$cfg"
for i in $(seq 100); do kill -0 $reader 2>/dev/null || break; sleep 0.1; done
if kill -0 $reader 2>/dev/null; then
	fail "the reader ended with the drive"
	kill $reader
else
	ok "the reader ended with the drive"
fi
wait $reader
exec 3<&-

# bad module parameters fail the load; only when this test loaded it
if [ -n "$ms_mmcsim_loaded" ] && rmmod mmcsim; then
	for p in nr_devices=257 preset=no-such-preset max_store_mb=0; do
		if insmod "$MS_MODDIR/mmcsim/mmcsim.ko" $p 2>/dev/null; then
			fail "insmod mmcsim $p refused"
			rmmod mmcsim
		else
			ok "insmod mmcsim $p refused"
		fi
	done
else
	skip "module parameters" "mmcsim was loaded by someone else"
fi
totals
