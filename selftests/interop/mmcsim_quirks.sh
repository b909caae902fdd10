#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Drive quirks seen in the wild (MMC.md section 6), each given by mmcsim's
# `quirks` attribute: the query must see through them to the medium the
# preset defines (kernel/mmcsim/README.md's table) where the standard leaves
# another way to the facts, and otherwise fail -- never present a wrong
# address as valid.
#
#   right  the preset's disc status, msc1 and NWA
#   fail   msinfo fails (the module's documented EIO): nothing else tells
#   either one of the two
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "quirks" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "load mmcsim"; totals; exit; }

# preset -> "disc_status msc1 nwa" from the README table (msc1 -1: none)
want_of() {
	case $1 in
	cdr-blank | dvdplusr-blank) echo "blank -1 0" ;;
	cdr-appendable2) echo "appendable 13418 22336" ;;
	dvdplusr-appendable2) echo "appendable 4064 8128" ;;
	dvdr-appendable1) echo "appendable 0 30704" ;;
	bdr-appendable1) echo "appendable 0 2016" ;;
	cdrom-closed1) echo "complete 0 -1" ;;
	esac
}

while read -r quirk preset expect why; do
	dev=$(ms_mmcsim_attach q "$preset" "quirks=$quirk" log=1) || { fail "$quirk $preset: attach"; continue; }
	expect_eq "$quirk on $preset: the drive has the quirk" "$quirk" "$(cat "$ms_mmcsim_cfg/q/quirks")"
	echo >/sys/kernel/debug/mmcsim/q/log
	want=$(want_of "$preset")
	got=$("$msinfo" --json "$dev" 2>/dev/null |
		ms_json disc_status i.start_address_of_previous_session i.next_writable_address 2>/dev/null)
	st=$?
	[ $st -eq 0 ] || got=fail
	case $expect:$got in
	right:* | fail:*) expect_eq "$quirk on $preset: $why" "$([ "$expect" = fail ] && echo fail || echo "$want")" "$got" ;;
	either:fail) ok "$quirk on $preset: $why (refused)" ;;
	either:*) expect_eq "$quirk on $preset: $why" "$want" "$got" ;;
	esac
	# the refusal reached the query (on BD-R it asks by number first)
	case $quirk:$preset in
	rti_ff_refused:bdr*) ;;
	rti_ff_refused:*) expect_eq "$quirk on $preset: track FFh refused" 1 \
		"$(grep -c 'op=0x52 cdb=5201000000ff.*sense=5/24/00' /sys/kernel/debug/mmcsim/q/log)" ;;
	esac
	ms_mmcsim_detach q
done <<'TABLE'
nwa_minus150 cdr-blank either a blank disc starts at 0; -150 is no address
nwa_minus150 dvdplusr-blank either a blank disc starts at 0; -150 is no address
rti_ff_refused dvdplusr-appendable2 right the incomplete track by its number instead
rti_ff_refused bdr-appendable1 right the incomplete track by its number instead
rti_ff_refused dvdplusr-blank right the incomplete track by its number instead
rti_ff_refused cdr-appendable2 right the incomplete track by its number instead
no_rdi cdrom-closed1 right a pressed disc is closed, the TOC has its session
no_rdi cdr-appendable2 fail the TOC cannot tell an open disc from a closed one
no_rdi dvdplusr-appendable2 fail nothing else tells the disc status
lra_invalid cdr-appendable2 right the start and NWA do not need the LRA
lra_invalid dvdplusr-appendable2 right the start and NWA do not need the LRA
lra_invalid dvdr-appendable1 right the start and NWA do not need the LRA
short_ms_toc cdr-appendable2 right the query does not read the session TOC
TABLE

# A drive that writes DVD-R only disc-at-once (002Fh current, 0021h not):
# the facts stand, but no session can be appended now -- cdrskin finds no
# write mode for a multi-session job on it, and does on the same disc in a
# drive that records incrementally. A blank disc it can still write whole.
work=$(mktemp -d)
head -c 65536 /dev/zero >"$work/img"
for q in "" dvd_dao_only; do
	want=true
	[ -n "$q" ] && want=false
	dev=$(ms_mmcsim_attach dao dvdr-appendable1 "quirks=$q") ||
		{ fail "dvd_dao_only: attach ($q)"; continue; }
	expect_eq "DVD-R appendable, quirks '$q': supported, msc1, nwa" \
		"$want 0 30704" "$("$msinfo" --json "$dev" |
			ms_json i.supported i.start_address_of_previous_session i.next_writable_address)"
	cdrskin dev="$dev" -dummy -multi -data "$work/img" >"$work/log" 2>&1
	expect_eq "DVD-R appendable, quirks '$q': cdrskin finds a write mode to append" \
		"$want" "$(grep -q 'no suitable write mode' "$work/log" && echo false || echo true)"
	ms_mmcsim_detach dao
done
dev=$(ms_mmcsim_attach dao dvdr-blank "quirks=dvd_dao_only") &&
	expect_eq "DVD-R blank, dvd_dao_only: supported (disc-at-once writes it)" true \
		"$("$msinfo" --json "$dev" | ms_json i.supported)" &&
	ms_mmcsim_detach dao
rm -rf "$work"

ms_mmcsim_unload
totals
