#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The IMultisession list for simulated media, against two oracles: the
# layout each preset is defined with (kernel/mmcsim/README.md: sessions of
# 2016 data blocks; CD track-at-once tracks 2 blocks longer and sessions
# 11400 then 6900 blocks apart; DVD+R 2048, DVD-R 28688, BD-R 0; NWAs on
# the write unit) and cdrskin -msinfo, whose output --msinfo must equal
# byte for byte wherever cdrskin answers, and wodim -msinfo (CD),
# dvd+rw-mediainfo (DVD, BD), xorriso -toc and the kernel's
# CDROMMULTISESSION (CD). Also: our module sends no write-class command.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"

ms_msinfo_setup || { skip "mmcsim presets" "module or msinfo missing"; totals; exit; }
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }

# preset  kind status sessions msc1 nwa free last_written total
while read -r preset kind status sessions msc1 nwa free lw total; do
	ms_sampled || continue
	dev=$(ms_mmcsim_attach "$preset" "$preset") || { fail "$preset: attach"; continue; }
	echo reset >"/sys/kernel/debug/mmcsim/$preset/counts"
	json=$("$msinfo" --json "$dev")
	got=$(printf '%s' "$json" | ms_json i.kind disc_status sessions \
		i.start_address_of_previous_session i.next_writable_address i.free_sectors_on_media \
		i.last_written_address_of_previous_session i.total_sectors_on_media)
	expect_eq "$preset: facts as the preset defines them" \
		"$kind $status $sessions $msc1 $nwa $free $lw $total" "$got"

	# Only commands that read: MMC's read-class opcodes (TEST UNIT READY,
	# REQUEST SENSE, INQUIRY, READ FORMAT CAPACITIES, READ CAPACITY,
	# READ(10), READ TOC, GET CONFIGURATION, READ DISC/TRACK INFORMATION,
	# MODE SENSE(10), READ DISC STRUCTURE, MECHANISM STATUS), plus what sr
	# itself sends at open and last close (GET EVENT STATUS NOTIFICATION,
	# PREVENT ALLOW MEDIUM REMOVAL). Anything else -- a write, a close, a
	# MODE SELECT, a speed setting -- fails the check.
	others=$(awk '$2 > 0 && $1 !~ /^0x(00|03|12|23|25|28|43|46|51|52|5a|ad|bd|4a|1e)$/' \
		"/sys/kernel/debug/mmcsim/$preset/counts")
	expect_eq "$preset: only read-class commands reached the drive" "" "$others"

	# Write protection as the preset defines it (-wp), where MMC has a
	# status for it (READ DISC STRUCTURE C0h: DVD and BD, asked only of
	# media that could otherwise be written): flagged, and then no
	# mechanism is supported (IMAPI2); never flagged without -wp.
	case $preset in
	*-closed*) want_wp=false ;; # closed: nothing to ask, not writable
	dvd*-wp|bd*-wp) want_wp="true false" ;;
	*) want_wp=false ;;
	esac
	got_wp=$(printf '%s' "$json" | ms_json i.write_protected i.supported)
	case $got_wp in false*) got_wp=false ;; esac
	expect_eq "$preset: write protection (flag, supported)" "$want_wp" "$got_wp"
	# A damaged last session, as the preset defines it (-damaged)
	case $preset in *-damaged) want_dmg=true ;; *) want_dmg=false ;; esac
	expect_eq "$preset: damaged as the preset defines it" "$want_dmg" \
		"$(printf '%s' "$json" | ms_json i.damaged)"
	case $preset in
	dvdram*)
		# dvd+rw-mediainfo reads DVD-RAM's protection status itself
		case $preset in *-wp) pwp=on ;; *) pwp=off ;; esac
		expect_eq "$preset: dvd+rw-mediainfo's write protection" \
			"Persistent Write Protection is $pwp" \
			"$(dvd+rw-mediainfo "$dev" 2>/dev/null | sed -n 's/^ *\(Persistent Write Protection is [a-z]*\).*/\1/p')" ;;
	esac

	ours=$("$msinfo" --msinfo "$dev" 2>/dev/null)
	ours_st=$?
	theirs=$(cdrskin dev="$dev" -msinfo 2>/dev/null)
	theirs_st=$?
	if [ $theirs_st -eq 0 ] && [ "${preset%-damaged}" != "$preset" ]; then
		# cdrskin guesses an address past the damaged session (MMC.md 6,
		# quirk 11); its track has no valid NWA, so there is none
		expect_eq "$preset: refused, no NWA after a damaged session" "1:" "$ours_st:$ours"
	elif [ $theirs_st -eq 0 ]; then
		expect_eq "$preset: --msinfo equals cdrskin -msinfo" "$theirs" "$ours"
	elif [ "$kind" = random_write ]; then
		# cdrskin needs --grow_overwriteable_iso here; msinfo(1) says so
		ok "$preset: cdrskin -msinfo refuses overwriteable media"
	else
		expect_eq "$preset: refused as cdrskin refuses" "1:" "$ours_st:$ours"
	fi

	case $preset in
	cd*-appendable*)
		# wodim answers for appendable CDs only
		expect_eq "$preset: --msinfo equals wodim -msinfo" \
			"$(wodim -msinfo dev="$dev" 2>/dev/null)" "$ours" ;;
	dvdrom*|bdrom*)
		;; # dvd+rw-mediainfo prints no session information for ROM
	dvd*|bd*)
		# dvd+rw-mediainfo: the blank track's NWA and the last session's
		# start. (wodim's DVD driver prints nwa 0 for DVD+R: the MMC
		# READ TRACK INFORMATION of the invisible track, which
		# dvd+rw-mediainfo shows, decides.)
		info=$(dvd+rw-mediainfo "$dev" 2>/dev/null)
		if [ "$nwa" -ge 0 ] && [ "$kind" = sequential ]; then
			expect_eq "$preset: NWA as dvd+rw-mediainfo reads it" "$nwa" \
				"$(printf '%s\n' "$info" | sed -n 's/.*Next Writable Address: *\([0-9]*\)\*2KB/\1/p' | tail -n 1)"
		fi
		if [ "$msc1" -ge 0 ] && [ "$kind" = sequential ]; then
			expect_eq "$preset: msc1 as dvd+rw-mediainfo reads it" "$msc1" \
				"$(printf '%s\n' "$info" | sed -n 's/.*Multi-session Info: *#[0-9]*@\([0-9]*\).*/\1/p')"
		fi ;;
	esac
	# xorriso (libburn's own reading): the last recorded session's start
	# and the next writable address
	if [ "$kind" = sequential ]; then
		toc=$(xorriso -outdev "$dev" -toc 2>/dev/null)
		[ "$msc1" -lt 0 ] || expect_eq "$preset: msc1 as xorriso -toc reads it" "$msc1" \
			"$(printf '%s\n' "$toc" | sed -n 's/^[A-Za-z]* session *: *[0-9]* *, *\([0-9]*\) *,.*/\1/p' | tail -n 1)"
		# (no NWA line for blank media, as realworld case 27 shows)
		[ "$nwa" -lt 0 ] || [ "$msc1" -lt 0 ] ||
			expect_eq "$preset: NWA as xorriso -toc reads it" "$nwa" \
			"$(printf '%s\n' "$toc" | sed -n 's/^Media nwa *: *\([0-9]*\)s.*/\1/p')"
	fi
	# the kernel's own CDROMMULTISESSION on a recorded CD (sr reads the
	# TOC when the disc arrives)
	case $preset:$msc1 in
	cd*:-1) ;;
	cd*)
		expect_eq "$preset: msc1 as CDROMMULTISESSION gives it" "$msc1" \
			"$("$top/selftests/build/ms_bench" cdrom "$dev" | awk '{ print $2 }')" ;;
	esac
	ms_mmcsim_detach "$preset"
done <<'TABLE'
cdr-blank sequential blank 0 -1 0 359848 -1 -1
cdr-appendable1 sequential appendable 1 0 13418 346430 2015 -1
cdr-appendable2 sequential appendable 2 13418 22336 337512 15433 -1
cdr-closed1 sequential complete 1 0 -1 0 2015 -1
dvdplusr-blank sequential blank 0 -1 0 2295104 -1 -1
dvdplusr-appendable1 sequential appendable 1 0 4064 2291040 2015 -1
dvdplusr-appendable2 sequential appendable 2 4064 8128 2286976 6079 -1
dvdplusr-dl-appendable2 sequential appendable 2 4064 8128 4165696 6079 -1
dvdr-appendable1 sequential appendable 1 0 30704 2267184 2015 -1
bdr-appendable1 sequential appendable 1 0 2016 12217376 2015 -1
bdr-closed1 sequential complete 1 0 -1 0 2015 -1
dvdrom-closed1 sequential complete 1 0 -1 0 2015 -1
dvdplusrw-iso random_write appendable 1 0 2016 2293088 2015 2295104
bdre-formatted random_write blank 0 -1 0 11826176 -1 11826176
cdr-appendable5 sequential appendable 5 40172 49090 310758 42187 -1
cdr-closed2 sequential complete 2 13418 -1 0 15433 -1
cdr-damaged sequential appendable 1 0 -1 0 2015 -1
cdrw-appendable1 sequential appendable 1 0 13418 346430 2015 -1
cdrw-closed1 sequential complete 1 0 -1 0 2015 -1
cdrom-closed1 sequential complete 1 0 -1 0 2015 -1
dvdr-blank sequential blank 0 -1 0 2297888 -1 -1
dvdr-appendable2 sequential appendable 2 30704 61408 2236480 32719 -1
dvdr-closed1 sequential complete 1 0 -1 0 2015 -1
dvdrw-blank sequential blank 0 -1 0 2297888 -1 -1
dvdrw-appendable1 sequential appendable 1 0 30704 2267184 2015 -1
dvdplusr-appendable5 sequential appendable 5 16256 20320 2274784 18271 -1
dvdplusr-closed2 sequential complete 2 4064 -1 0 6079 -1
dvdplusr-damaged sequential appendable 1 0 -1 0 2015 -1
dvdplusr-dl-blank sequential blank 0 -1 0 4173824 -1 -1
bdr-blank sequential blank 0 -1 0 12219392 -1 -1
bdr-appendable2 sequential appendable 2 2016 4032 12215360 4031 -1
bdrom-closed1 sequential complete 1 0 -1 0 2015 -1
dvdplusrw-formatted random_write blank 0 -1 0 2295104 -1 2295104
dvdram-formatted random_write blank 0 -1 0 2236704 -1 2236704
dvdram-iso random_write appendable 1 0 2016 2234688 2015 2236704
dvdrw-ro-formatted random_write blank 0 -1 0 2297888 -1 2297888
dvdrw-ro-iso random_write appendable 1 0 2016 2295872 2015 2297888
bdre-iso random_write appendable 1 0 2016 11824160 2015 11826176
bdr-rrm-formatted random_write blank 0 -1 0 11826176 -1 11826176
dvdram-iso-wp random_write appendable 1 0 2016 2234688 2015 2236704
dvdplusr-blank-wp sequential blank 0 -1 0 2295104 -1 -1
dvdplusr-appendable2-wp sequential appendable 2 4064 8128 2286976 6079 -1
bdr-appendable1-wp sequential appendable 1 0 2016 12217376 2015 -1
dvdplusrw-iso-wp random_write appendable 1 0 2016 2293088 2015 2295104
dvdplusr-closed1-wp sequential complete 1 0 -1 0 2015 -1
TABLE
ms_mmcsim_unload || fail "rmmod mmcsim"
totals
