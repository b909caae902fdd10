#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the VM (make bench): MMC commands and wall time of our query
# and of its peers on the same mmcsim drive, measured side by side in one
# run. Commands are mmcsim's own per-opcode counters; the drive's latency
# model is on (MS_BENCH_DELAY_US per command, MS_BENCH_SECTOR_NS per block
# read). Ratios are peer / msinfo. Each peer's answer is kept and compared
# with msinfo's: only a peer that gives the same answer counts as the one
# to beat on time.
#
#   bench.sh [--quick] [--media NAME]...
#
# --quick: a few media, fewer callers (the smoke run of make check);
# --media: only those media (names as in the table), e.g. for a targeted run.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/selftests/lib.sh"
quick=0
only=()
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--media) only+=("$2"); shift ;;
	*) echo "usage: bench.sh [--quick] [--media NAME]..." >&2; exit 2 ;;
	esac
	shift
done
delay_us=${MS_BENCH_DELAY_US:-5000}
sector_ns=${MS_BENCH_SECTOR_NS:-100000}
bench=$top/selftests/build/ms_bench
cfg=/sys/kernel/config/mmcsim/bench
dbg=/sys/kernel/debug/mmcsim/bench
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

ms_msinfo_setup && [ -x "$bench" ] || { echo "bench: module, msinfo or ms_bench missing" >&2; exit 1; }
ms_mmcsim_load || { echo "bench: insmod mmcsim failed" >&2; exit 1; }

# calc EXPR: awk arithmetic, 2 decimals; holds EXPR: its truth as an exit status
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
holds() { awk "BEGIN { exit !($1) }"; }

# opcount OP: the drive's count of opcode OP (0xNN) since the last reset
opcount() {
	awk -v op="$1" '$1 == op { n = $2 } END { print n + 0 }' "$dbg/counts"
}

# commands since the last reset, and reset
drained() {
	awk '{ n += $2 } END { print n + 0 }' "$dbg/counts"
	echo reset >"$dbg/counts"
}

# ms_time CMD...: run it; sets t_cmds (commands the drive saw), t_ms (wall
# time, at least 1), t_st (exit status) and t_out (its standard output)
ms_time() {
	local t0 t1
	drained >/dev/null
	t0=$(date +%s%N)
	"$@" >"$tmp/out" 2>/dev/null
	t_st=$?
	t1=$(date +%s%N)
	t_cmds=$(drained)
	t_ms=$(((t1 - t0) / 1000000))
	[ $t_ms -gt 0 ] || t_ms=1
	t_out=$(<"$tmp/out")
}

# answer TOOL: "msc1,nwa" as TOOL's output in t_out/t_st gives them, "-"
# when it gives none (blank or closed medium, or a failure)
answer() {
	local a=
	case $1 in
	msinfo | cdrskin | wodim)
		[ "$t_st" = 0 ] && a=$(grep -E '^[0-9]+,[0-9]+$' <<<"$t_out" | tail -n 1) ;;
	xorriso)
		local msc1 nwa
		msc1=$(sed -n 's/^[A-Za-z]* session *: *[0-9]* *, *\([0-9]*\) *,.*/\1/p' <<<"$t_out" | tail -n 1)
		nwa=$(sed -n 's/^Media nwa *: *\([0-9]*\)s.*/\1/p' <<<"$t_out")
		[ "$t_st" != 0 ] || [ -z "$msc1" ] || [ -z "$nwa" ] || a=$msc1,$nwa ;;
	dvd+rw-mediainfo)
		local msc1 nwa
		msc1=$(sed -n 's/.*Multi-session Info: *#[0-9]*@\([0-9]*\).*/\1/p' <<<"$t_out" | tail -n 1)
		nwa=$(sed -n 's/.*Next Writable Address: *\([0-9]*\)\*2KB/\1/p' <<<"$t_out" | tail -n 1)
		[ "$t_st" != 0 ] || [ -z "$msc1" ] || [ -z "$nwa" ] || a=$msc1,$nwa ;;
	cdrom)
		# "<us> <msc1> <nwa>"; nwa -1: CDROM_NEXT_WRITABLE failed
		[ "$t_st" = 0 ] && a=$(awk '$3 >= 0 { print $2 "," $3 }' <<<"$t_out") ;;
	esac
	echo "${a:--}"
}

# A layout of N closed sessions of 2016 blocks, one track each, GAP blocks
# apart (the family's gap between sessions, MMC.md; mmcsim README).
sessions_layout() {
	local profile=$1 cap=$2 gap=$3 n=$4 i s=0 l
	l="profile=$profile capacity=$cap"
	for ((i = 1; i <= n; i++)); do
		l+=" track=$i,$s,2016"
		s=$((s + 2016 + gap))
	done
	echo "layout:$l"
}

# medium NAME: what to attach: a preset, or a layout for the names
# <family>-<N>sess (N one-track sessions) and dvdplusr-2trk-last (two
# one-track sessions... the second holding two tracks)
medium() {
	case $1 in
	dvdplusr-*sess) sessions_layout 0x1b 2295104 2048 "${1//[^0-9]/}" ;;
	dvdr-*sess) sessions_layout 0x11 2297888 28688 "${1//[^0-9]/}" ;;
	dvdrw-*sess) sessions_layout 0x14 2297888 28688 "${1//[^0-9]/}" ;;
	bdr-*sess) sessions_layout 0x41 12219392 0 "${1//[^0-9]/}" ;;
	dvdplusr-2trk-last)
		echo "layout:profile=0x1b capacity=2295104 track=1,0,2016 track=2,4064,2016 track=2,6080,2016" ;;
	*) echo "$1" ;;
	esac
}

# sessions of one track each per name, for the scaling series; empty: not
# part of one
series_sessions() {
	case $1 in
	*-appendable1) echo 1 ;;
	*-appendable2) echo 2 ;;
	*-[0-9]*sess) echo "${1//[^0-9]/}" ;;
	esac
}

attach() {
	local spec
	spec=$(medium "$1")
	ms_mmcsim_detach bench 2>/dev/null
	dev=$(ms_mmcsim_attach bench "$spec" delay_us=$delay_us sector_ns=$sector_ns) || {
		echo "bench: cannot attach $1" >&2
		exit 1
	}
	# sr's own probing after attach is not part of any tool's cost
	sleep 1
	drained >/dev/null
}

media=(cdr-blank cdr-appendable1 cdr-appendable2 cdr-closed2
       dvdplusr-blank dvdplusr-appendable1 dvdplusr-appendable2 dvdplusr-closed2
       dvdplusr-50sess dvdplusr-150sess dvdplusr-2trk-last dvdplusr-dl-appendable2
       dvdr-blank dvdr-appendable1 dvdr-appendable2 dvdr-closed2 dvdr-50sess
       dvdrw-blank dvdrw-appendable1 dvdrw-appendable2 dvdrw-closed2 dvdrw-50sess
       bdr-blank bdr-appendable1 bdr-appendable2 bdr-closed1 bdr-50sess bdr-150sess
       bdr-pow dvdplusrw-iso dvdrw-ro-iso dvdram-iso bdre-iso dvdrom-closed1)
[ $quick = 1 ] && media=(cdr-appendable2 dvdplusr-2trk-last dvdplusrw-iso)
[ ${#only[@]} = 0 ] || media=("${only[@]}")

peers=(cdrskin wodim xorriso dvd+rw-mediainfo cdrom_id cdrom)
printf '# latency model: %d us per command, %d ns per block\n' "$delay_us" "$sector_ns"
printf '# cmds/ms: MMC commands the drive saw / wall time; ioctl: a summary query\n'
printf '# (mean of 10); msinfo: a whole msinfo --msinfo run, open included;\n'
printf '# answer: its msc1,nwa\n'
printf '# (- none: blank or closed). Peers: cmds, then peer/msinfo for commands and\n'
printf '# time, then their answer: = the same msc1,nwa, ! another one, F none where\n'
printf '# msinfo has one (failed), . not compared (cdrom_id has no msc1,nwa).\n'
printf '# cdrom = open, CDROMMULTISESSION (sr'"'"'s cached msc1), CDROM_NEXT_WRITABLE\n'
printf '%-24s %11s %11s %11s %-15s|' medium ioctl msinfo table answer
printf ' %-18s' "${peers[@]}"
echo
fewer_than_all=1 worst_ratio=999 max_msinfo=0 no_peer_agrees=() differ=()
summary_bad=() max_summary=0 gather_bad=() max_gather=0
declare -A scaling ow
for m in "${media[@]}"; do
	attach "$m"
	# the mean of 10 summary queries: the scaling check compares times
	read -r q_us q_cmds ntracks < <("$bench" query "$dev" 10)
	# of each of those, by opcode: what it asks only to keep a torn answer
	# out (the closing GET CONFIGURATION and READ DISC INFORMATION,
	# query.c) or for write protection (READ DISC STRUCTURE)
	q_extra=$((($(opcount 0x46) + $(opcount 0x51) + $(opcount 0xad) - 20) / 10))
	ms_time "$msinfo" --msinfo "$dev"
	ms=("$t_cmds" "$t_ms")
	ours=$(answer msinfo)
	read -r tab_us tab_cmds ntracks < <("$bench" table "$dev")
	drained >/dev/null
	row=$(printf '%-24s %5s/%4.0fms %5s/%4sms %5s/%4.0fms %-15s|' "$m" "$q_cmds" \
		"$(calc "$q_us/1000")" "${ms[0]}" "${ms[1]}" "$tab_cmds" \
		"$(calc "$tab_us/1000")" "$ours")
	best=-1
	for peer in "${peers[@]}"; do
		case $peer in
		cdrskin | wodim) ms_time "$peer" dev="$dev" -msinfo ;;
		xorriso) ms_time xorriso -outdev "$dev" -toc ;;
		dvd+rw-mediainfo) ms_time dvd+rw-mediainfo "$dev" ;;
		cdrom_id) ms_time /lib/udev/cdrom_id "$dev" ;;
		cdrom) ms_time "$bench" cdrom "$dev" ;;
		esac
		# dvd+rw-mediainfo refuses CDs and has no msc1,nwa for
		# overwriteable media; cdrom_id never tells them
		case $peer:$m in
		cdrom_id:* | dvd+rw-mediainfo:cd* | dvd+rw-mediainfo:*-iso | \
		dvd+rw-mediainfo:bdr-pow) mark=. ;;
		*)
			theirs=$(answer "$peer")
			if [ "$theirs" = "$ours" ]; then
				mark==
			elif [ "$theirs" = - ]; then
				mark=F
			else
				mark=!
			fi
			[ $mark = = ] || differ+=("$m $peer: $theirs (exit $t_st)") ;;
		esac
		row+=$(printf ' %4s %4.1fx/%4.1fx %s ' "$t_cmds" \
			"$(calc "$t_cmds/${ms[0]}")" "$(calc "$t_ms/${ms[1]}")" "$mark")
		# fewer commands than every peer that ran to its end
		[ "$t_st" != 0 ] || [ "$t_cmds" -gt "${ms[0]}" ] || fewer_than_all=0
		# the time target: the fastest peer that gives the same answer
		if [ "$mark" = = ] && { [ $best -lt 0 ] || [ "$t_ms" -lt $best ]; }; then
			best=$t_ms
		fi
	done
	echo "$row"
	if [ $best -ge 0 ]; then
		r=$(calc "$best/${ms[1]}")
		holds "$r < $worst_ratio" && worst_ratio=$r
	else
		no_peer_agrees+=("$m")
	fi
	# the summary: 4 commands, 5 where the previous session holds several
	# tracks (one more READ TRACK INFORMATION for its last track)
	limit=4
	[ "$m" != dvdplusr-2trk-last ] || limit=5
	[ "$q_cmds" -le $limit ] || summary_bad+=("$m:$q_cmds>$limit")
	[ $((q_cmds - q_extra)) -le $limit ] || gather_bad+=("$m:$((q_cmds - q_extra))>$limit")
	[ $((q_cmds - q_extra)) -gt $max_gather ] && max_gather=$((q_cmds - q_extra))
	[ "$q_cmds" -gt $max_summary ] && max_summary=$q_cmds
	[ "${ms[0]}" -gt $max_msinfo ] && max_msinfo=${ms[0]}
	scaling[$m]="$q_cmds $q_us $tab_cmds $tab_us $ntracks $q_extra"
	case $m in *-iso | bdr-pow) ow[$m]=1 ;; esac
done

echo "# peers whose answer is not msinfo's (msc1,nwa as they give it, - none):"
[ ${#differ[@]} = 0 ] && echo "#   none" || printf '#   %s\n' "${differ[@]}"

echo
echo "# scaling: summary and full-table commands and time versus tracks"
echo "# (tracks: the table's entries, the invisible/incomplete track included;"
echo "# overwriteable media have one track and no history: not counted;"
echo "# x: the closing re-read and READ DISC STRUCTURE, see the targets)"
printf '%-24s %7s %8s %9s %8s %9s %11s %12s\n' medium tracks summary ms table ms \
	"table<=1+t" "table-x<=2+t"
table1_bad=() table2_bad=()
for k in "${media[@]}"; do
	read -r s sus t tus n x <<<"${scaling[$k]}"
	v1=- v2=-
	if [ -z "${ow[$k]:-}" ]; then
		v1=yes v2=yes
		[ "$t" -le $((1 + n)) ] || { v1=NO; table1_bad+=("$k:$t>1+$n"); }
		[ $((t - x)) -le $((2 + n)) ] || { v2=NO; table2_bad+=("$k:$t-$x>2+$n"); }
	fi
	printf '%-24s %7s %8s %9.1f %8s %9.1f %11s %12s\n' "$k" "$n" "$s" \
		"$(calc "$sus/1000")" "$t" "$(calc "$tus/1000")" "$v1" "$v2"
done

# flat summary cost: per family measured at several session counts, the
# same commands and a time within 1.25x from the fewest to the most sessions
flat_lines=() flat_ok=1 flat_seen=0
for fam in cdr dvdplusr dvdr dvdrw bdr; do
	pts=() cmds=() lo= hi= n_lo= n_hi=
	for k in "${media[@]}"; do
		[ "${k%-*}" = "$fam" ] || continue
		n=$(series_sessions "$k")
		[ -n "$n" ] || continue
		read -r s sus _ <<<"${scaling[$k]}"
		pts+=("$n:$s/$(calc "$sus/1000")ms")
		cmds+=("$s")
		[ -n "$n_lo" ] && [ "$n" -ge "$n_lo" ] || { n_lo=$n; lo=$sus; }
		[ -n "$n_hi" ] && [ "$n" -le "$n_hi" ] || { n_hi=$n; hi=$sus; }
	done
	[ ${#pts[@]} -ge 2 ] || continue
	flat_seen=1
	same=$(printf '%s\n' "${cmds[@]}" | sort -u | wc -l)
	r=$(calc "$hi/$lo")
	v=flat
	{ [ "$same" = 1 ] && holds "$r <= 1.25"; } || { v="NOT flat"; flat_ok=0; }
	flat_lines+=("$fam sessions:commands/time ${pts[*]}: ${n_hi}/${n_lo} sessions time x$r: $v")
done

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
read -r sg_us < <("$bench" sgio "$dev" 200)
printf 'ioctl: %.1f us per query (%s commands each, %.1f us per command)\n' \
	"$us" "$cmds" "$(calc "$us / $cmds")"
printf 'bare SG_IO READ DISC INFORMATION on the same drive: %.1f us per command\n' "$sg_us"
printf 'ioctl path per command / bare SG_IO: %sx\n' "$(calc "$us / $cmds / $sg_us")"
ms_mmcsim_detach bench

echo
yn() { holds "$1" && echo holds || echo "DOES NOT HOLD"; }
echo "# targets (issue 8), each as the issue states it"
echo "summary query <= 4 MMC commands, <= 5 where the previous session holds several tracks: max $max_summary${summary_bad[*]:+ (${summary_bad[*]})}: $(yn "${#summary_bad[@]} == 0")"
if [ ${#summary_bad[@]} != 0 ]; then
	echo "#   not met: each query ends by asking GET CONFIGURATION and READ DISC"
	echo "#   INFORMATION once more and compares them with its first (query.c):"
	echo "#   a drive reports a medium change once, to whichever command comes"
	echo "#   next, and that may be sr's own check or another program's, so only"
	echo "#   asking again shows a change in the middle of a query. Writable DVD"
	echo "#   and BD in a drive with the Write Protect Feature add READ DISC"
	echo "#   STRUCTURE C0h, the one command that tells write protection."
	echo "#   without those: max $max_gather${gather_bad[*]:+ (${gather_bad[*]})}: $([ ${#gather_bad[@]} = 0 ] && echo yes || echo NO)"
fi
echo "msinfo run <= 10 commands and fewer than every peer that ran to its end: max $max_msinfo: $(yn "$max_msinfo <= 10 && $fewer_than_all")"
[ $worst_ratio = 999 ] && worst_ratio=0
echo "msinfo >= 3x faster than the fastest peer that gives the same answer: worst ${worst_ratio}x: $(yn "$worst_ratio >= 3")"
[ ${#no_peer_agrees[@]} = 0 ] ||
	echo "#   (no peer gives msinfo's answer on: ${no_peer_agrees[*]}; not counted)"
if [ $flat_seen = 1 ]; then
	echo "summary cost flat from 1 to 150 sessions (same commands, time within 1.25x): $(yn "$flat_ok")"
	printf '#   %s\n' "${flat_lines[@]}"
else
	echo "summary cost flat from 1 to 150 sessions: not measured (no series of sessions in this run)"
fi
# the offenders: how many, and the one with the most tracks
ntab=0
for k in "${media[@]}"; do [ -n "${ow[$k]:-}" ] || ntab=$((ntab + 1)); done
worst_tab=$(printf '%s\n' "${table1_bad[@]}" | sort -t+ -k2 -n | tail -n 1)
echo "full table <= 1 + number of tracks commands${table1_bad[*]:+ (not on ${#table1_bad[@]} of $ntab media, e.g. $worst_tab)}: $(yn "${#table1_bad[@]} == 0")"
if [ ${#table1_bad[@]} != 0 ]; then
	echo "#   not met: before the first record the query needs the current profile"
	echo "#   (GET CONFIGURATION) and the track count and disc status (READ DISC"
	echo "#   INFORMATION), then one READ TRACK INFORMATION per track, the records"
	echo "#   of the summary reused, none asked twice: 2 + tracks is the fewest that"
	echo "#   answers every entry (READ TOC lacks sizes, NWA and free blocks),"
	echo "#   plus the x commands of the summary target's note above."
	echo "#   2 + tracks on every medium${table2_bad[*]:+ (not: ${table2_bad[*]})}: $([ ${#table2_bad[@]} = 0 ] && echo yes || echo NO)"
	echo "#   (query.c: the table reuses the summary's records; nothing to drop)"
fi
echo "${callers[-1]} concurrent callers: $last_cmds commands (one query: $single_cmds), p99/single $last_ratio: $(yn "$last_cmds <= $single_cmds && $last_ratio <= 1.5")"
ms_mmcsim_unload
