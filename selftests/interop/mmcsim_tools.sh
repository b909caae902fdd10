#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Every mmcsim preset seen through the real tools: udev's cdrom_id, cdrskin,
# dvd+rw-mediainfo, xorriso and cd-info must report what
# kernel/mmcsim/README.md defines for it. The expected values are the
# README's table, derived from MMC and real-drive arithmetic (D = 2016
# blocks per session; CD TAO +2 run-out, next session +11400 then +6900;
# DVD-R +28688; DVD+R +2048; BD-R +0), never from mmcsim's own output.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }

# udev property of the last cdrom_id run
prop() {
	printf '%s\n' "$ids" | sed -n "s/^$1=//p"
}

# The MMC profile (hex) of a DVD or BD preset: kernel/mmcsim/README.md's
# preset types, keyed by cdrom_id's name for the medium.
profile_of() {
	case $1:$2 in
	bdr-rrm*) echo 42 ;;
	*:DVD_R) echo 11 ;;
	*:DVD_RW_SEQ) echo 14 ;;
	*:DVD_RW_RO) echo 13 ;;
	*:DVD_RAM) echo 12 ;;
	*:DVD_PLUS_RW) echo 1A ;;
	*:DVD_PLUS_R) echo 1B ;;
	*:DVD_PLUS_R_DL) echo 2B ;;
	*:BD_R) echo 41 ;;
	*:BD_RE) echo 43 ;;
	esac
}

# preset  cdrom_id-media  state  sessions  tracks  msc1  nwa  free  capacity
# ("-": none; capacity = READ CAPACITY last LBA + 1, 0 when it says 0).
# cdrom_id's state: it reads blocks 0 and 16 of formatted DVD+RW, DVD-RW RO
# and DVD-RAM to tell blank from complete; DVD-RAM reports "other" (11b).
while read -r preset media state sess tracks msc1 nwa free cap; do
	[ -n "$preset" ] || continue
	ms_sampled || continue
	dev=$(ms_mmcsim_attach p "$preset") || { fail "$preset: create"; continue; }
	ids=$(/lib/udev/cdrom_id "$dev" 2>/dev/null)
	expect_eq "$preset: cdrom_id media" 1 "$(prop "ID_CDROM_MEDIA_$media")"
	if [ "$media" != CD ]; then
		# cdrom_id reads no disc information for the CD-ROM profile
		expect_eq "$preset: cdrom_id state" "$state" "$(prop ID_CDROM_MEDIA_STATE)"
		expect_eq "$preset: cdrom_id sessions" "$sess" \
			"$(prop ID_CDROM_MEDIA_SESSION_COUNT)"
		expect_eq "$preset: cdrom_id tracks" "$tracks" \
			"$(prop ID_CDROM_MEDIA_TRACK_COUNT)"
	fi
	# printed only for a last session that does not start at 0
	if [ "$msc1" != - ] && [ "$msc1" != 0 ]; then
		expect_eq "$preset: cdrom_id last session offset" "$((msc1 * 2048))" \
			"$(prop ID_CDROM_MEDIA_SESSION_LAST_OFFSET)"
	fi
	case $preset in
	*-damaged)
		# cdrskin counts the damaged session and falls back to a
		# lead-out + 6900 guess (MMC.md 6, quirk 11): nothing to compare
		;;
	*)
		if [ "$nwa" != - ] && [ "$msc1" != - ]; then
			expect_eq "$preset: cdrskin -msinfo" "$msc1,$nwa" "$(ms_cdrskin_msinfo "$dev")"
		else
			expect_eq "$preset: cdrskin -msinfo refused" "" "$(ms_cdrskin_msinfo "$dev")"
		fi
		;;
	esac
	if [ "$nwa" != - ]; then
		minfo=$(cdrskin dev="$dev" -minfo 2>/dev/null)
		expect_eq "$preset: cdrskin next writable address" "$nwa" \
			"$(printf '%s\n' "$minfo" | ms_minfo_value 'Next writable address')"
		expect_eq "$preset: cdrskin remaining writable size" "$free" \
			"$(printf '%s\n' "$minfo" | ms_minfo_value 'Remaining writable size')"
	fi
	case $preset in
	*rom*) ;;	# dvd+rw-mediainfo exits on ROM profiles
	dvd* | bd*)
		mi=$(dvd+rw-mediainfo "$dev" 2>/dev/null)
		expect_eq "$preset: dvd+rw-mediainfo profile" "$(profile_of "$preset" "$media")" \
			"$(printf '%s\n' "$mi" | sed -n 's/^ Mounted Media: *\([0-9A-F]*\)h,.*/\1/p')"
		# READ DISC INFORMATION's status, on media that record sessions
		[ "$nwa" = - ] && [ "$msc1" = - ] ||
			expect_eq "$preset: dvd+rw-mediainfo disc status" "$state" \
			"$(printf '%s\n' "$mi" | sed -n 's/^ Disc status: *//p')"
		expect_eq "$preset: dvd+rw-mediainfo READ CAPACITY" "$cap" \
			"$(printf '%s\n' "$mi" | sed -n 's/^READ CAPACITY: *\([0-9]*\)\*.*/\1/p')"
		expect_eq "$preset: dvd+rw-mediainfo sessions" "$sess" \
			"$(printf '%s\n' "$mi" | sed -n 's/^ Number of Sessions: *//p')"
		;;
	esac
	# xorriso (libburn): the media status and the recorded sessions, on
	# sequential and pressed media (it tells overwriteables by content)
	toc=
	case $preset:$nwa:$msc1 in
	*-damaged:*) ;;
	*:-:-) ;;
	*)
		case $preset:$state in
		# libburn takes a formatted, empty BD-R for blank (MMC.md quirk 9)
		# and will not write pseudo-overwrite BD-R at all
		bdr-pow:*) want="is unsuitable , is POW formatted" rec=0 ;;
		*:blank | bdr-formatted:*) want="is blank" rec=0 ;;
		*:appendable) want="is written , is appendable" rec=$((sess - 1)) ;;
		*:complete) want="is written , is closed" rec=$sess ;;
		esac
		toc=$(xorriso -outdev "$dev" -toc 2>&1)
		expect_eq "$preset: xorriso -toc media status" "$want" \
			"$(printf '%s\n' "$toc" | sed -n 's/^Media status : //p' | head -n 1)"
		expect_eq "$preset: xorriso -toc sessions" "$rec" \
			"$(printf '%s\n' "$toc" | sed -n 's/^Media summary: \([0-9]*\) session.*/\1/p' | head -n 1)"
		;;
	esac
	# xorriso names the current profile (libburn's names for CD profiles)
	case $media in
	CD_R) want=CD-R ;;
	CD_RW) want=CD-RW ;;
	CD) want=CD-ROM ;;
	*) want= ;;
	esac
	[ -z "$want" ] || [ -n "$toc" ] || toc=$(xorriso -outdev "$dev" -toc 2>&1)
	[ -z "$want" ] || expect_eq "$preset: xorriso media current" "$want" \
		"$(printf '%s\n' "$toc" | sed -n 's/^Media current: //p' | head -n 1)"
	# cd-info (libcdio) reads the TOC of a recorded CD: its complete tracks
	case $preset:$state in
	cd*:appendable | cd*:complete)
		[ "$state" = appendable ] && want=$((tracks - 1)) || want=$tracks
		expect_eq "$preset: cd-info track list" "1 - $want" \
			"$(cd-info --no-cddb --no-device-info --no-analyze "$dev" 2>/dev/null |
			   sed -n 's/^CD-ROM Track List (\(.*\))$/\1/p')"
		;;
	esac
	ms_mmcsim_detach p
done <<'TABLE'
cdr-blank CD_R blank 1 1 - 0 359848 0
cdr-appendable1 CD_R appendable 2 2 0 13418 346430 2018
cdr-appendable2 CD_R appendable 3 3 13418 22336 337512 15436
cdr-appendable5 CD_R appendable 6 6 40172 49090 310758 42190
cdr-closed1 CD_R complete 1 1 0 - 0 2018
cdr-closed2 CD_R complete 2 2 13418 - 0 15436
cdr-damaged CD_R appendable 2 2 0 - 0 2018
cdrw-blank CD_RW blank 1 1 - 0 359848 0
cdrw-appendable1 CD_RW appendable 2 2 0 13418 346430 2018
cdrw-appendable2 CD_RW appendable 3 3 13418 22336 337512 15436
cdrw-closed1 CD_RW complete 1 1 0 - 0 2018
cdr-appendable2-wp CD_R appendable 3 3 13418 22336 337512 15436
cdrom-closed1 CD complete 1 1 0 - 0 2016
dvdr-blank DVD_R blank 1 1 - 0 2297888 0
dvdr-appendable1 DVD_R appendable 2 2 0 30704 2267184 2016
dvdr-appendable2 DVD_R appendable 3 3 30704 61408 2236480 32720
dvdr-closed1 DVD_R complete 1 1 0 - 0 2016
dvdrw-blank DVD_RW_SEQ blank 1 1 - 0 2297888 0
dvdrw-appendable1 DVD_RW_SEQ appendable 2 2 0 30704 2267184 2016
dvdrw-appendable2 DVD_RW_SEQ appendable 3 3 30704 61408 2236480 32720
dvdrw-closed1 DVD_RW_SEQ complete 1 1 0 - 0 2016
dvdplusr-blank DVD_PLUS_R blank 1 1 - 0 2295104 0
dvdplusr-appendable1 DVD_PLUS_R appendable 2 2 0 4064 2291040 2016
dvdplusr-appendable2 DVD_PLUS_R appendable 3 3 4064 8128 2286976 6080
dvdplusr-appendable5 DVD_PLUS_R appendable 6 6 16256 20320 2274784 18272
dvdplusr-closed1 DVD_PLUS_R complete 1 1 0 - 0 2016
dvdplusr-closed2 DVD_PLUS_R complete 2 2 4064 - 0 6080
dvdplusr-damaged DVD_PLUS_R appendable 2 2 0 - 0 2016
dvdplusr-dl-blank DVD_PLUS_R_DL blank 1 1 - 0 4173824 0
dvdplusr-dl-appendable2 DVD_PLUS_R_DL appendable 3 3 4064 8128 4165696 6080
dvdplusr-dl-closed2 DVD_PLUS_R_DL complete 2 2 4064 - 0 6080
bdr-blank BD_R blank 1 1 - 0 12219392 0
bdr-appendable1 BD_R appendable 2 2 0 2016 12217376 2016
bdr-appendable2 BD_R appendable 3 3 2016 4032 12215360 4032
bdr-closed1 BD_R complete 1 1 0 - 0 2016
bdr-formatted BD_R appendable 1 1 - 0 11826176 0
bdr-pow BD_R appendable 1 1 - 0 11826176 0
dvdrom-closed1 DVD complete 1 1 0 - 0 2016
bdrom-closed1 BD complete 1 1 0 - 0 2016
dvdplusrw-unformatted DVD_PLUS_RW blank 1 1 - - - 0
dvdplusrw-formatted DVD_PLUS_RW blank 1 1 - - - 2295104
dvdplusrw-iso DVD_PLUS_RW complete 1 1 - - - 2295104
dvdram-formatted DVD_RAM blank 1 1 - - - 2236704
dvdram-iso DVD_RAM other 1 1 - - - 2236704
dvdrw-ro-formatted DVD_RW_RO blank 1 1 - - - 2297888
dvdrw-ro-iso DVD_RW_RO complete 1 1 - - - 2297888
bdre-unformatted BD_RE blank 1 1 - - - 0
bdre-formatted BD_RE complete 1 1 - - - 11826176
bdre-iso BD_RE complete 1 1 - - - 11826176
bdr-rrm-formatted BD_R complete 1 1 - - - 11826176
TABLE

ms_mmcsim_unload
totals
