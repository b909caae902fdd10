#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the VM (make bench): MMC commands and wall time of our query
# and of its peers on the same mmcsim drive, measured side by side in one
# run. Commands are mmcsim's own per-opcode counters; the drive's latency
# model is on (MS_BENCH_DELAY_US per command, MS_BENCH_SECTOR_NS per block
# read). Ratios are peer / msinfo. --quick: a few media, fewer callers
# (the smoke run of make check).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
quick=0
[ "${1:-}" = --quick ] && quick=1
delay_us=${MS_BENCH_DELAY_US:-5000}
sector_ns=${MS_BENCH_SECTOR_NS:-100000}
bench=$top/selftests/build/ms_bench
cfg=/sys/kernel/config/mmcsim/bench
dbg=/sys/kernel/debug/mmcsim/bench

ms_msinfo_setup && [ -x "$bench" ] || { echo "bench: module, msinfo or ms_bench missing" >&2; exit 1; }
ms_mmcsim_load || { echo "bench: insmod mmcsim failed" >&2; exit 1; }

# calc EXPR: awk arithmetic, 2 decimals; holds EXPR: its truth as an exit status
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
holds() { awk "BEGIN { exit !($1) }"; }

# commands since the last reset, and reset
drained() {
	awk '{ n += $2 } END { print n + 0 }' "$dbg/counts"
	echo reset >"$dbg/counts"
}

# ms_time CMD...: run it; prints "<commands> <milliseconds>"
ms_time() {
	local t0 t1
	drained >/dev/null
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo "$(drained) $(((t1 - t0) / 1000000))"
}

# a layout with N closed DVD+R sessions of 2016 blocks, 2048 apart
many_sessions() {
	local n=$1 i s=0 l="profile=0x1b capacity=2295104"
	for ((i = 1; i <= n; i++)); do
		l="$l track=$i,$s,2016"
		s=$((s + 2016 + 2048))
	done
	echo "layout:$l"
}

attach() {
	ms_mmcsim_detach bench 2>/dev/null
	dev=$(ms_mmcsim_attach bench "$1" delay_us=$delay_us sector_ns=$sector_ns) || {
		echo "bench: cannot attach $1" >&2
		exit 1
	}
	# sr's own probing after attach is not part of any tool's cost
	sleep 1
	drained >/dev/null
}

media=(cdr-blank cdr-appendable1 cdr-appendable2 cdr-closed2 dvdplusr-appendable2
       dvdr-appendable2 dvdplusr-dl-appendable2 bdr-appendable2 bdr-closed1
       dvdplusrw-iso bdre-iso dvdrom-closed1)
[ $quick = 1 ] && media=(cdr-appendable2 dvdplusrw-iso)
if [ $quick = 0 ]; then
	media+=("$(many_sessions 50)" "$(many_sessions 150)")
fi

printf '# latency model: %d us per command, %d ns per block\n' "$delay_us" "$sector_ns"
printf '# cmds = MMC commands the drive saw; ms = wall time; x = peer/msinfo (cmds, time)\n'
printf '# cdrom = open, CDROMMULTISESSION (sr'"'"'s cached msc1), CDROM_NEXT_WRITABLE\n'
printf '%-24s %11s %11s %11s | %-17s %-17s %-17s %-17s %-17s %-17s\n' medium \
	ioctl msinfo table cdrskin wodim xorriso dvd+rw-mi cdrom_id cdrom
fewer_than_all=1 worst_ratio=999 max_summary=0 max_msinfo=0
declare -A scaling ow
for m in "${media[@]}"; do
	attach "$m"
	name=$m
	case $m in layout:*) name="dvd+r-$(grep -o 'track=' <<<"$m" | wc -l)sess" ;; esac
	read -r q_us q_cmds ntracks < <("$bench" query "$dev" 1)
	read -r -a ms < <(ms_time "$msinfo" --msinfo "$dev")
	own=$((ms[1] > 0 ? ms[1] : 1))
	read -r t_us t_cmds ntracks < <("$bench" table "$dev")
	drained >/dev/null
	row=$(printf '%-24s %5s/%4.0fms %5s/%4sms %5s/%4.0fms |' "$name" "$q_cmds" \
		"$(calc "$q_us/1000")" "${ms[0]}" "${ms[1]}" "$t_cmds" "$(calc "$t_us/1000")")
	best=-1
	for peer in "cdrskin dev=$dev -msinfo" "wodim dev=$dev -msinfo" \
		    "xorriso -outdev $dev -toc" "dvd+rw-mediainfo $dev" \
		    "/lib/udev/cdrom_id $dev" "$bench cdrom $dev"; do
		read -r -a p < <(ms_time $peer)
		t=$((p[1] > 0 ? p[1] : 1))
		row+=$(printf ' %4s %4.1fx/%4.1fx  ' "${p[0]}" \
			"$(calc "${p[0]}/${ms[0]}")" "$(calc "$t/$own")")
		[ "${p[0]}" -gt "${ms[0]}" ] || fewer_than_all=0
		# the time target compares with the fastest peer that tells
		# where to append on this medium: not cdrom_id, and not
		# dvd+rw-mediainfo on a CD (it refuses CDs)
		case $peer:$m in
		*cdrom_id*:* | dvd+rw-mediainfo*:cd*) ;;
		*) [ $best -ge 0 ] && [ $t -ge $best ] || best=$t ;;
		esac
	done
	echo "$row"
	r=$(calc "$best/$own")
	holds "$r < $worst_ratio" && worst_ratio=$r
	[ "$q_cmds" -gt $max_summary ] && max_summary=$q_cmds
	[ "${ms[0]}" -gt $max_msinfo ] && max_msinfo=${ms[0]}
	scaling[$name]="$q_cmds $t_cmds $ntracks $q_us"
	case $m in *rw-iso | *re-iso) ow[$name]=1 ;; esac
done

echo
echo "# scaling: summary and full-table commands versus tracks"
echo "# (a table needs the profile, the disc information and one record per"
echo "# track: 2 + tracks; overwriteable media have one track and no history)"
printf '%-24s %8s %8s %8s %12s\n' medium tracks summary table "table<=2+t"
for k in "${!scaling[@]}"; do
	read -r s t n us <<<"${scaling[$k]}"
	v=$([ "$t" -le $((2 + n)) ] && echo yes || echo NO)
	[ -z "${ow[$k]:-}" ] || v=-
	printf '%-24s %8s %8s %8s %12s\n' "$k" "$n" "$s" "$t" "$v"
done | sort -k2 -n
table_ok=$(for k in "${!scaling[@]}"; do
	read -r s t n us <<<"${scaling[$k]}"
	[ -n "${ow[$k]:-}" ] || [ "$t" -le $((2 + n)) ] || echo 0
done | head -n 1)
# DVD+R with 2, 50 and 150 sessions: one summary cost for all
flat=$(for k in "${!scaling[@]}"; do
	read -r s t n us <<<"${scaling[$k]}"
	case $k in dvdplusr-appendable2 | dvd+r-*sess) echo "$s" ;; esac
done | sort -un | wc -l)

echo
echo "# concurrency: callers on one drive (cdr-appendable2)"
attach cdr-appendable2
read -r single_us single_cmds _ < <("$bench" query "$dev" 1)
callers=(1 8 64)
[ $quick = 1 ] && callers=(1 8)
printf '%8s %10s %10s %10s %10s\n' callers commands p50_ms p99_ms p99/single
for c in "${callers[@]}"; do
	read -r p50 p99 max cmds < <("$bench" concurrent "$dev" "$c" "$dbg/counts")
	last_ratio=$(calc "$p99/$single_us")
	printf '%8s %10s %10.1f %10.1f %10.2f\n' "$c" "$cmds" "$(calc "$p50/1000")" \
		"$(calc "$p99/1000")" "$last_ratio"
	last_cmds=$cmds
done

echo
echo "# host-side cost of the ioctl path (latency model off)"
echo 0 >"$cfg/delay_us"
echo 0 >"$cfg/sector_ns"
read -r us cmds _ < <("$bench" query "$dev" 200)
printf 'ioctl: %.1f us per query (%s commands each)\n' "$us" "$cmds"
ms_mmcsim_detach bench

echo
yn() { holds "$1" && echo holds || echo "DOES NOT HOLD"; }
echo "# targets"
echo "summary query <= 4 MMC commands (5 with a multi-track last session): max $max_summary: $(yn "$max_summary <= 5")"
echo "msinfo run <= 10 commands and fewer than every peer: max $max_msinfo: $(yn "$max_msinfo <= 10 && $fewer_than_all")"
echo "msinfo >= 3x faster than the fastest peer that finds the NWA: worst ${worst_ratio}x: $(yn "$worst_ratio >= 3")"
echo "DVD+R summary cost the same for 2 to 150 sessions, table <= 2 + tracks: $(yn "$flat <= 1 && ${table_ok:-1}")"
echo "${callers[-1]} concurrent callers: $last_cmds commands (one query: $single_cmds), p99/single $last_ratio: $(yn "$last_cmds <= $single_cmds && $last_ratio <= 1.5")"
ms_mmcsim_unload
