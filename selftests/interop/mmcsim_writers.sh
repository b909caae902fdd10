#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Real burns on mmcsim drives: xorriso, cdrskin, wodim and growisofs add
# sessions as they do on a real drive; afterwards the session count and
# msinfo advance by MMC's arithmetic (kernel/mmcsim/README.md) and
# mount -t iso9660 shows the files of the last session and the earlier ones.
# Blanking, formatting and refusals of closed media too.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }
ms_msinfo_setup || msinfo=
# growisofs hands genisoimage the device as /dev/fd/N
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
work=$(mktemp -d)
mnt=$work/mnt
mkdir -p "$mnt" "$work/d1" "$work/d2"
echo one >"$work/d1/one.txt"
echo two >"$work/d2/two.txt"
# beyond libburn's 300-block minimum track, so sizes stay exact
head -c 1M /dev/urandom >"$work/d1/big1"

# mounted_has DEV FILE...: every FILE is in the mounted last session.
mounted_has() {
	d=$1
	shift
	mount -t iso9660 -o ro "$d" "$mnt" || return 1
	r=0
	for f in "$@"; do
		[ -e "$mnt/$f" ] || { echo "# missing $f:" $(ls "$mnt"); r=1; }
	done
	umount "$mnt"
	return $r
}

# These drives report a media change after closing a session (the
# media_change_events knob), so sr rereads the TOC and mount sees the new
# session, as with such a real drive.
ev=media_change_events=1

# xorriso twice: 2 sessions (+1 empty), msc1 of the second = first NWA.
for preset in cdr-blank dvdplusr-blank dvdr-blank dvdrw-blank bdr-blank; do
	dev=$(ms_mmcsim_attach x "$preset" $ev) || { fail "$preset: create"; continue; }
	xorriso -dev "$dev" -map "$work/d1" /d1 -commit >/dev/null 2>&1
	first=$(ms_cdrskin_msinfo "$dev")
	check "$preset: xorriso session 1" test -n "$first"
	xorriso -dev "$dev" -map "$work/d2" /d2 -commit >/dev/null 2>&1
	expect_eq "$preset: xorriso: sessions" 3 \
		"$(ms_minfo_field "$dev" 'number of sessions')"
	second=$(ms_cdrskin_msinfo "$dev")
	expect_eq "$preset: msc1 of session 2 = NWA after session 1" \
		"${first#*,}" "${second%,*}"
	check "$preset: mount shows both sessions' files" \
		mounted_has "$dev" d1/one.txt d2/two.txt
	ms_mmcsim_detach x
done

# CD-R with cdrskin and wodim, track at once: +2 run-out blocks, the next
# session 11400 blocks after the first lead-out, 6900 after later ones.
genisoimage -quiet -R -o "$work/s1.iso" "$work/d1" 2>/dev/null
s1=$(($(stat -c %s "$work/s1.iso") / 2048))
for burner in cdrskin wodim; do
	dev=$(ms_mmcsim_attach t cdr-blank $ev)
	check "$burner -multi -tao session 1" \
		$burner -s dev="$dev" -multi -tao -data "$work/s1.iso"
	expect_eq "$burner: msinfo after session 1" "0,$((s1 + 2 + 11400))" \
		"$(ms_cdrskin_msinfo "$dev")"
	ms=$($burner dev="$dev" -msinfo 2>/dev/null | tail -n 1)
	expect_eq "$burner -msinfo" "0,$((s1 + 2 + 11400))" "$ms"
	genisoimage -quiet -R -C "$ms" -M "$dev" -o "$work/s2.iso" "$work/d2" 2>/dev/null
	s2=$(($(stat -c %s "$work/s2.iso") / 2048))
	[ "$s2" -ge 300 ] || s2=300	# burners pad tracks to 300 blocks
	check "$burner -multi -tao session 2" \
		$burner -s dev="$dev" -multi -tao -data "$work/s2.iso"
	nwa1=${ms#*,}
	expect_eq "$burner: msinfo after session 2" \
		"$nwa1,$((nwa1 + s2 + 2 + 6900))" "$(ms_cdrskin_msinfo "$dev")"
	check "$burner: mount shows both sessions' files" \
		mounted_has "$dev" one.txt two.txt
	ms_mmcsim_detach t
done

# growisofs -Z then -M.
for preset in dvdplusr-blank dvdplusrw-unformatted dvdplusrw-formatted \
	      bdr-blank bdre-formatted bdre-unformatted; do
	dev=$(ms_mmcsim_attach g "$preset" $ev) || { fail "$preset: create"; continue; }
	check "$preset: growisofs -Z" \
		growisofs -use-the-force-luke=notray -Z "$dev" -quiet -R "$work/d1"
	first=$(ms_cdrskin_msinfo "$dev")
	vol1=$(isoinfo -d -i "$dev" 2>/dev/null | sed -n 's/^Volume size is: //p')
	check "$preset: growisofs -M" \
		growisofs -use-the-force-luke=notray -M "$dev" -quiet -R "$work/d2"
	check "$preset: mount shows both sessions' files" \
		mounted_has "$dev" one.txt two.txt
	case $preset in
	dvdplusr-*)
		# a session each: the second starts where the first left the NWA
		expect_eq "$preset: growisofs: sessions" 3 \
			"$(ms_minfo_field "$dev" 'number of sessions')"
		second=$(ms_cdrskin_msinfo "$dev")
		expect_eq "$preset: growisofs: msc1 of session 2 = NWA after session 1" \
			"${first#*,}" "${second%,*}"
		[ ! -x "$msinfo" ] || expect_eq "$preset: msinfo --msinfo as cdrskin after growisofs" \
			"$second" "$("$msinfo" --msinfo "$dev" 2>&1)"
		;;
	*)
		# One volume that grew (its descriptor at block 16, read by
		# isoinfo); the next session goes at its end, on the write unit.
		# growisofs formats a blank BD-R for pseudo-overwrite first, so
		# it too holds one growing volume, not sessions.
		vol=$(isoinfo -d -i "$dev" 2>/dev/null | sed -n 's/^Volume size is: //p')
		check "$preset: growisofs -M grew the volume ($vol1 -> $vol blocks)" \
			test "${vol:-0}" -gt "${vol1:-0}"
		# cdrskin refuses a POW-formatted BD-R: there, msinfo(1)'s
		# rule (the volume's end rounded up to 16 blocks)
		theirs=$(cdrskin dev="$dev" --grow_overwriteable_iso -msinfo 2>/dev/null)
		[ -n "$theirs" ] || theirs=0,$(((vol + 15) / 16 * 16))
		[ ! -x "$msinfo" ] || expect_eq "$preset: msinfo --msinfo after growisofs -M as cdrskin" \
			"$theirs" "$("$msinfo" --msinfo "$dev" 2>&1)"
		;;
	esac
	# The POW BD-R is also sequential media: its second element is the
	# session view, as dvd+rw-mediainfo reads the disc (MMC: SRM with
	# POW current). Its one session is open and holds the volume, which
	# is no state to append a session in.
	if [ "$preset" = bdr-blank ] && [ -x "$msinfo" ]; then
		mi=$(dvd+rw-mediainfo "$dev" 2>/dev/null)
		expect_eq "$preset: POW: dvd+rw-mediainfo's last session" incomplete \
			"$(printf '%s\n' "$mi" | sed -n 's/^ *State of Last Session: *//p')"
		expect_eq "$preset: POW: elements in place, then sessions" \
			"random_write true sequential false $(printf '%s\n' "$mi" |
				sed -n 's/^ *Next Writable Address: *\([0-9]*\)\*2KB.*/\1/p' | tail -n 1) $(printf '%s\n' "$mi" |
				sed -n 's/^ *Free Blocks: *\([0-9]*\)\*2KB.*/\1/p' | tail -n 1)" \
			"$("$msinfo" --json "$dev" | jq -r '[.interfaces[0].kind, .interfaces[0].supported,
				.interfaces[1].kind, .interfaces[1].supported,
				.interfaces[1].next_writable_address,
				.interfaces[1].free_sectors_on_media] | map(tostring) | join(" ")')"
	fi
	ms_mmcsim_detach g
done

# A volume of 1000 blocks, whose end is on a 16-block boundary but not
# on a 32-block one: --msinfo as cdrskin --grow_overwriteable_iso, on DVD
# and on BD (write unit 32).
genisoimage -quiet -R -o "$work/1000.iso" "$work/d1"
python3 - "$work/1000.iso" 1000 <<'PY'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
b = bytearray(open(path, 'rb').read())
b += bytes(n * 2048 - len(b))
# the primary volume descriptor's volume space size, both byte orders
b[16 * 2048 + 80:16 * 2048 + 88] = struct.pack('<I', n) + struct.pack('>I', n)
open(path, 'wb').write(b)
PY
for preset in dvdplusrw-formatted dvdram-formatted bdre-formatted; do
	dev=$(ms_mmcsim_attach g "$preset" $ev) || { fail "$preset: create"; continue; }
	check "$preset: growisofs -Z of a 1000-block volume" \
		growisofs -use-the-force-luke=notray -Z "$dev=$work/1000.iso"
	[ ! -x "$msinfo" ] || expect_eq "$preset: 1000 blocks: msinfo --msinfo as cdrskin" \
		"$(cdrskin dev="$dev" --grow_overwriteable_iso -msinfo 2>/dev/null)" \
		"$("$msinfo" --msinfo "$dev" 2>&1)"
	ms_mmcsim_detach g
done

# our_facts DEV: msinfo's disc status, sessions, next writable address, free
# and total sectors ("-" without msinfo).
our_facts() {
	[ -n "$msinfo" ] || { echo -; return; }
	"$msinfo" --json "$1" |
		ms_json disc_status sessions i.next_writable_address i.free_sectors_on_media \
			i.total_sectors_on_media
}
read_capacity() {
	dvd+rw-mediainfo "$1" 2>/dev/null | sed -n 's/^READ CAPACITY: *\([0-9]*\)\*.*/\1/p'
}

# Blanking and formatting. Neither moves the media-change generation, so
# the query right after must not answer from anything it saw before: each
# medium is queried once before as well.
for preset in cdrw-appendable1 dvdrw-appendable1; do
	dev=$(ms_mmcsim_attach b "$preset")
	before=$(our_facts "$dev")
	check "$preset: cdrskin blank=fast" cdrskin dev="$dev" blank=fast
	minfo=$(cdrskin dev="$dev" -minfo 2>/dev/null)
	expect_eq "$preset: blank afterwards" "empty" \
		"$(printf '%s\n' "$minfo" | ms_minfo_value 'disk status')"
	if [ -n "$msinfo" ]; then
		nwa=$(printf '%s\n' "$minfo" | ms_minfo_value 'Next writable address')
		free=$(printf '%s\n' "$minfo" | ms_minfo_value 'Remaining writable size')
		# total sectors: IMultisessionRandomWrite's, none on Sequential
		expect_eq "$preset: msinfo right after blanking (was: $before), as cdrskin -minfo" \
			"blank 0 $nwa $free -1" "$(our_facts "$dev")"
	fi
	ms_mmcsim_detach b
done
dev=$(ms_mmcsim_attach f dvdplusrw-unformatted)
before=$(our_facts "$dev")
check "DVD+RW: dvd+rw-format" dvd+rw-format -force "$dev"
cap=$(read_capacity "$dev")
expect_eq "DVD+RW formatted: READ CAPACITY" "2295104" "$cap"
# formatted, nothing written yet: writable from block 0, all of it free;
# and so it was before (IMAPI2: blank media begin at 0; writers format an
# unformatted DVD+RW first, to the size dvd+rw-format gave)
[ -z "$msinfo" ] || expect_eq "DVD+RW: msinfo right after formatting" \
	"blank 0 0 $cap $cap" "$(our_facts "$dev")"
[ -z "$msinfo" ] || expect_eq "DVD+RW unformatted: msinfo as after formatting" \
	"blank 0 0 $cap $cap" "$before"
ms_mmcsim_detach f
dev=$(ms_mmcsim_attach f bdre-unformatted)
before=$(our_facts "$dev")
check "BD-RE: xorriso -format full" xorriso -outdev "$dev" -format full
# "full" takes the default (first) format descriptor: the whole disc minus
# BD's standard spare area of 393216 blocks.
cap=$(read_capacity "$dev")
expect_eq "BD-RE formatted: READ CAPACITY" "$((12219392 - 393216))" "$cap"
[ -z "$msinfo" ] || expect_eq "BD-RE: msinfo right after formatting (was: $before)" \
	"blank 0 0 $cap $cap" "$(our_facts "$dev")"
ms_mmcsim_detach f

# Finalized and write-protected media refuse writes; the tools agree.
dev=$(ms_mmcsim_attach c dvdplusr-closed1)
if xorriso -dev "$dev" -map "$work/d2" /d2 -commit >/dev/null 2>&1; then
	fail "closed DVD+R: xorriso refuses to write"
else
	ok "closed DVD+R: xorriso refuses to write"
fi
expect_eq "closed DVD+R: xorriso media status" "is written , is closed" \
	"$(xorriso -indev "$dev" -toc 2>/dev/null | sed -n 's/^Media status : //p' | head -n 1)"
ms_mmcsim_detach c
dev=$(ms_mmcsim_attach c cdr-blank-wp)
if cdrskin dev="$dev" -tao -data "$work/s1.iso" >/dev/null 2>&1; then
	fail "write-protected CD-R: cdrskin fails"
else
	ok "write-protected CD-R: cdrskin fails"
fi
ms_mmcsim_detach c

# An open session that already holds data (a track left incomplete, as an
# interrupted burn leaves it). IMAPI2 puts this state, a non-empty session,
# in its unsupported mask: not writable now. --msinfo still answers as
# cdrskin does: on DVD and BD the open session's start, on CD the TOC's
# last complete session.
for l in \
	"profile=0x1b capacity=2295104 iso=1 closed=1 track=1,0,2000 track=2,4048,100000,5000,incomplete" \
	"profile=0x1b capacity=2295104 iso=1 closed=1 track=1,0,2000 track=2,4048,2000 track=2,6048,100000,5000,incomplete" \
	"profile=0x41 capacity=12219392 iso=1 closed=1 track=1,0,2016 track=2,4064,100000,5024,incomplete" \
	"profile=0x11 capacity=2297888 iso=1 closed=1 track=1,0,2016 track=2,30704,2016,1008,incomplete" \
	"profile=0x09 capacity=359849 iso=1 closed=1 track=1,0,2000 track=2,13400,3000,1500,incomplete"; do
	[ -n "$msinfo" ] || break
	p=${l%% *}
	dev=$(ms_mmcsim_attach o "layout:$l") || { fail "open session $p: attach"; continue; }
	expect_eq "open session with data, $p: --msinfo equals cdrskin -msinfo" \
		"$(ms_cdrskin_msinfo "$dev")" "$("$msinfo" --msinfo "$dev")"
	expect_eq "open session with data, $p: not writable now (IMAPI2)" false \
		"$("$msinfo" --json "$dev" | ms_json i.supported)"
	ms_mmcsim_detach o
done

# A DVD+RW holding UDF (its volume recognition sequence at block 16, as
# mkudffs writes it): writable in place, as cdrskin shows by writing it
# again (IMAPI2's RandomWrite: supported), but no ISO 9660 volume to grow,
# so no address, and --msinfo refuses as cdrskin --grow_overwriteable_iso
# -msinfo does.
if [ -n "$msinfo" ]; then
	head -c 131072 /dev/zero >"$work/udf.img"
	i=16
	for d in BEA01 NSR02 TEA01; do
		printf '\000%s\001' "$d" |
			dd of="$work/udf.img" bs=2048 seek=$i conv=notrunc status=none
		i=$((i + 1))
	done
	dev=$(ms_mmcsim_attach u dvdplusrw-formatted)
	check "DVD+RW: cdrskin writes a UDF start" cdrskin dev="$dev" -data "$work/udf.img"
	expect_eq "DVD+RW with UDF: other, supported, no address" \
		"other true -1" "$("$msinfo" --json "$dev" | ms_json disc_status i.supported i.next_writable_address)"
	check "DVD+RW with UDF: cdrskin writes it again" cdrskin dev="$dev" -data "$work/udf.img"
	"$msinfo" --msinfo "$dev" >/dev/null 2>"$work/err"
	expect_eq "DVD+RW with UDF: --msinfo exits 1 naming the filesystem" "1 1" \
		"$? $(grep -c 'other than ISO 9660' "$work/err")"
	expect_eq "DVD+RW with UDF: cdrskin --grow_overwriteable_iso -msinfo gives no address either" "" \
		"$(cdrskin dev="$dev" --grow_overwriteable_iso -msinfo 2>/dev/null | grep -E '^[0-9]+,[0-9]+$')"
	ms_mmcsim_detach u
fi

rm -rf "$work"
ms_mmcsim_unload
totals
