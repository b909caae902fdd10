#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the VM (make bench): MMC commands and wall time of our query
# and of its peers on the same mmcsim drive, measured side by side in one
# run. Commands are mmcsim's own per-opcode counters; the drive's latency
# model is on (MS_BENCH_DELAY_US per command, MS_BENCH_SECTOR_NS per block
# read). Ratios are peer / msinfo. Each peer's answer is kept and compared
# with msinfo's: only a peer that gives the same answer counts as the one
# to beat on time. The targets at the end are the project's own.
#
#   bench.sh [--quick] [--media NAME]...
#   bench.sh --chart SVG <OUTPUT
#
# --quick: a few media, fewer callers (the smoke run of make check);
# --media: only those media (names as in the table), e.g. for a targeted run;
# --chart: on the host, draw SVG with gnuplot from the "data" lines of a
# run's output (the guest cannot write into the tree: make bench does this).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
quick=0
only=()
chart=
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1 ;;
	--media) only+=("$2"); shift ;;
	--chart) chart=$2; shift ;;
	*) echo "usage: bench.sh [--quick] [--media NAME]... | --chart SVG <OUTPUT" >&2; exit 2 ;;
	esac
	shift
done

# gp_plot SPEC...: one gnuplot plot command of the curves SPEC, comma-joined
gp_plot() {
	local IFS=,
	printf 'plot %s\n' "$*"
}

# draw SVG: per medium, commands and wall time of msinfo beside each peer
# (log scale); summary query and msinfo commands versus sessions.
draw_chart() {
	local d
	d=$(mktemp -d) || return 1
	# data MEDIUM SESSIONS TOOL COMMANDS MS
	sed -n 's/^data //p' >"$d/all"
	[ -s "$d/all" ] || { echo "bench: no data lines in the output" >&2; rm -rf "$d"; return 1; }
	local tools=(msinfo cdrskin wodim xorriso dvd+rw-mediainfo cdrom_id cdrom)
	# one row per medium, one column pair (commands, ms) per tool
	awk -v tools="${tools[*]}" '
	BEGIN { n = split(tools, t, " ") }
	!($1 in seen) { seen[$1] = 1; order[++m] = $1 }
	{ c[$1, $3] = $4; w[$1, $3] = $5 }
	END {
		for (i = 1; i <= m; i++) {
			row = order[i]
			for (j = 1; j <= n; j++)
				row = row " " (((order[i], t[j]) in c) ? c[order[i], t[j]] " " w[order[i], t[j]] : "NaN NaN")
			print row
		}
	}' "$d/all" >"$d/media"
	# sessions series, sorted by sessions: FAMILY-TOOL SESSIONS COMMANDS,
	# the summary query and msinfo on every family, the peers on DVD+R
	awk '$2 != "-" {
		fam = $1; sub(/-[^-]*$/, "", fam)
		if ($3 == "query" || $3 == "msinfo" || fam == "dvdplusr")
			print fam "-" $3, $2, $4 }' "$d/all" | sort -k1,1 -k2,2n >"$d/series"
	local nmedia plots=() i series=()
	nmedia=$(wc -l <"$d/media")
	for i in "${!tools[@]}"; do
		plots+=("'$d/media' using $((2 * i + 2)):xtic(1) title '${tools[$i]}'")
	done
	mapfile -t series < <(cut -d ' ' -f 1 "$d/series" | uniq)
	{
		echo "set terminal svg size $((400 + 60 * nmedia)),1300 dynamic noenhanced font 'sans,11'"
		echo "set output '$chart'"
		echo "set multiplot layout 3,1"
		echo "set style data histograms; set style histogram clustered gap 2"
		echo "set style fill solid 0.8 border -1; set boxwidth 0.9"
		echo "set logscale y; set grid ytics; set key outside right top"
		echo "set xtics rotate by -40 font ',10'"
		echo "set title 'MMC commands: a whole msinfo --msinfo run, open included, beside each peer'"
		echo "set ylabel 'commands'"
		gp_plot "${plots[@]}"
		echo "set title 'wall time (latency model on): msinfo beside each peer'"
		echo "set ylabel 'ms'"
		plots=()
		for i in "${!tools[@]}"; do
			plots+=("'$d/media' using $((2 * i + 3)):xtic(1) title '${tools[$i]}'")
		done
		gp_plot "${plots[@]}"
		echo "set style data linespoints; set xtics norotate font ',11'"
		echo "set logscale x; set xlabel 'sessions (one track each)'"
		echo "set title 'commands versus sessions: the summary query, a whole msinfo run and (DVD+R) the peers'"
		echo "set ylabel 'commands'; set yrange [1:*]"
		plots=()
		for i in "${series[@]}"; do
			plots+=("'< grep \"^$i \" $d/series' using 2:3 title '$i'")
		done
		gp_plot "${plots[@]}"
		echo "unset multiplot"
	} >"$d/plot.gp"
	gnuplot "$d/plot.gp"
	local st=$?
	rm -rf "$d"
	return $st
}
if [ -n "$chart" ]; then
	draw_chart
	exit
fi

. "$top/selftests/lib.sh"
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
	local spec long=
	spec=$(medium "$1")
	ms_mmcsim_detach bench 2>/dev/null
	# configfs takes under 4095 bytes in one store: a longer layout goes
	# to debugfs in one write, over the family's blank medium
	if [ ${#spec} -ge 4000 ]; then
		long=${spec#layout:}
		spec=${1%%-*}-blank
	fi
	dev=$(ms_mmcsim_attach bench "$spec" delay_us=$delay_us sector_ns=$sector_ns) || {
		echo "bench: cannot attach $1" >&2
		exit 1
	}
	if [ -n "$long" ]; then
		printf '%s\n' "$long" >"$tmp/layout"
		dd if="$tmp/layout" of="$dbg/layout" bs=1M status=none || {
			echo "bench: cannot lay out $1" >&2
			exit 1
		}
		# an open takes the media change the new layout raised
		: <"$dev"
	fi
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
       bdr-300sess
       bdr-pow dvdplusrw-iso dvdrw-ro-iso dvdram-iso bdre-iso dvdrom-closed1)
[ $quick = 1 ] && media=(cdr-appendable2 dvdplusr-2trk-last dvdplusrw-iso)
[ ${#only[@]} = 0 ] || media=("${only[@]}")

peers=(cdrskin wodim xorriso dvd+rw-mediainfo cdrom_id cdrom)
# run_peer PEER: one run of it through ms_time
run_peer() {
	case $1 in
	cdrskin | wodim) ms_time "$1" dev="$dev" -msinfo ;;
	xorriso) ms_time xorriso -outdev "$dev" -toc ;;
	dvd+rw-mediainfo) ms_time dvd+rw-mediainfo "$dev" ;;
	cdrom_id) ms_time /lib/udev/cdrom_id "$dev" ;;
	cdrom) ms_time "$bench" cdrom "$dev" ;;
	esac
}
# median5 MS CMD...: the median wall time of MS, a run already made, and
# four more runs of CMD through ms_time
median5() {
	local i
	{
		echo "$1"
		shift
		for ((i = 0; i < 4; i++)); do
			"$@"
			echo "$t_ms"
		done
	} | sort -n | sed -n 3p
}
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
worst_ratio=999 worst_ratio_at= max_msinfo=0 msinfo_bad=() no_peer_agrees=() differ=()
summary_bad=() max_summary=0 data=() load_max=0
declare -A scaling
for m in "${media[@]}"; do
	attach "$m"
	# the mean of 10 summary queries: the scaling check compares times
	read -r q_us q_cmds ntracks < <("$bench" query "$dev" 10)
	# of each of those, by opcode: what it asks only to keep a torn answer
	# out (the closing READ DISC INFORMATION, query.c) or for write
	# protection (READ DISC STRUCTURE)
	q_extra=$((($(opcount 0x46) + $(opcount 0x51) + $(opcount 0xad) - 20) / 10))
	q_rds=$(($(opcount 0xad) / 10))
	ms_time "$msinfo" --msinfo "$dev"
	ms=("$t_cmds" "$t_ms")
	ours=$(answer msinfo)
	read -r tab_us tab_cmds ntracks < <("$bench" table "$dev")
	drained >/dev/null
	row=$(printf '%-24s %5s/%4.0fms %5s/%4sms %5s/%4.0fms %-15s|' "$m" "$q_cmds" \
		"$(calc "$q_us/1000")" "${ms[0]}" "${ms[1]}" "$tab_cmds" \
		"$(calc "$tab_us/1000")" "$ours")
	best=-1 best_peer=
	nsess=$(series_sessions "$m")
	data+=("$m ${nsess:--} query $q_cmds $(calc "$q_us/1000")"
	       "$m ${nsess:--} msinfo ${ms[0]} ${ms[1]}")
	for peer in "${peers[@]}"; do
		run_peer "$peer"
		data+=("$m ${nsess:--} $peer $t_cmds $t_ms")
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
		# the time target: the fastest peer that gives the same answer
		if [ "$mark" = = ] && { [ $best -lt 0 ] || [ "$t_ms" -lt $best ]; }; then
			best=$t_ms best_peer=$peer
		fi
	done
	echo "$row"
	if [ $best -ge 0 ]; then
		# the time target compares medians of 5 runs, these included
		mine=$(median5 "${ms[1]}" ms_time "$msinfo" --msinfo "$dev")
		theirs=$(median5 "$best" run_peer "$best_peer")
		r=$(calc "$theirs/$mine")
		echo "#   time, median of 5: msinfo ${mine}ms, $best_peer ${theirs}ms: ${r}x"
		holds "$r < $worst_ratio" && worst_ratio=$r worst_ratio_at="$m, $best_peer"
	else
		no_peer_agrees+=("$m")
	fi
	load=$(cut -d ' ' -f 1 /proc/loadavg)
	holds "$load > $load_max" && load_max=$load
	# in-place media ask READ FORMAT CAPACITIES and block 16 (the volume),
	# which a BD-R POW asks beside its sequential facts
	inplace=0
	case $m in *-iso | bdr-pow) inplace=2 ;; esac
	# the summary: 5 commands, the closing re-read included; one more
	# where the previous session holds several tracks (READ TRACK
	# INFORMATION for its last one), one more where write protection is
	# asked (READ DISC STRUCTURE C0h), the two in-place ones on a BD-R POW
	limit=$((5 + q_rds))
	[ "$m" = dvdplusr-2trk-last ] && limit=$((limit + 1))
	[ "$m" = bdr-pow ] && limit=$((limit + inplace))
	[ "$q_cmds" -le $limit ] || summary_bad+=("$m:$q_cmds>$limit")
	[ "$q_cmds" -gt $max_summary ] && max_summary=$q_cmds
	[ "${ms[0]}" -le 10 ] || msinfo_bad+=("$m:${ms[0]}")
	[ "${ms[0]}" -gt $max_msinfo ] && max_msinfo=${ms[0]}
	scaling[$m]="$q_cmds $q_us $tab_cmds $tab_us $ntracks $q_extra $((q_rds + inplace))"
done

echo "# peers whose answer is not msinfo's (msc1,nwa as they give it, - none):"
[ ${#differ[@]} = 0 ] && echo "#   none" || printf '#   %s\n' "${differ[@]}"

echo
echo "# scaling: summary and full-table commands and time versus tracks"
echo "# tracks: the table's entries, the invisible/incomplete track included;"
echo "# x: of the summary's commands, the closing re-read and READ DISC STRUCTURE;"
echo "# limit: the table's, 3 + tracks, + 1 for READ DISC STRUCTURE C0h, + 2 on"
echo "# in-place media (READ FORMAT CAPACITIES, block 16)"
printf '%-24s %7s %8s %9s %8s %9s %4s %10s\n' medium tracks summary ms table ms x \
	"limit"
table_bad=()
for k in "${media[@]}"; do
	read -r s sus t tus n x more <<<"${scaling[$k]}"
	v=$((3 + n + more))
	[ "$t" -le "$v" ] || { table_bad+=("$k:$t>$v"); v="$v NO"; }
	printf '%-24s %7s %8s %9.1f %8s %9.1f %4s %10s\n' "$k" "$n" "$s" \
		"$(calc "$sus/1000")" "$t" "$(calc "$tus/1000")" "$x" "$v"
done

# flat summary cost: DVD+R from 1 to 150 sessions, BD-R from 1 to 300
# one-track sessions; the same commands and a time within 1.25x from the
# fewest to the most
flat_lines=() flat_ok=1 flat_missing=()
for fam_to in dvdplusr:150 bdr:300; do
	fam=${fam_to%:*} to=${fam_to#*:}
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
	if [ ${#pts[@]} -lt 2 ] || [ "$n_lo" != 1 ] || [ "$n_hi" != "$to" ]; then
		flat_missing+=("$fam 1..$to")
		continue
	fi
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
read -r _ single_tab _ < <("$bench" table "$dev")
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
# Table callers: threads let go at once, as the summary callers above
tab_callers=${callers[-1]}
read -r _ _ _ tab_cmds < <("$bench" concurrent-table "$dev" "$tab_callers" "$dbg/counts")
printf '%8s table callers: %s commands (one table query: %s)\n' \
	"$tab_callers" "$tab_cmds" "$single_tab"

# what an open and a close cost by themselves: sr's own commands, which
# every tool pays (msinfo opens O_NONBLOCK, the cheapest open there is)
ms_time dd if="$dev" of=/dev/null iflag=nonblock count=0 status=none
open_cmds=$t_cmds

echo
echo "# host-side cost of the ioctl path (latency model off)"
echo 0 >"$cfg/delay_us"
echo 0 >"$cfg/sector_ns"
read -r us cmds _ < <("$bench" query "$dev" 200)
read -r sg_us < <("$bench" sgio "$dev" 200)
host_ratio=$(calc "$us / $cmds / $sg_us")
printf 'ioctl: %.1f us per query (%s commands each, %.1f us per command)\n' \
	"$us" "$cmds" "$(calc "$us / $cmds")"
printf 'bare SG_IO READ DISC INFORMATION on the same drive: %.1f us per command\n' "$sg_us"
printf 'ioctl path per command / bare SG_IO: %sx\n' "$host_ratio"
ms_mmcsim_detach bench

echo
echo "# chart data: medium sessions tool commands ms (make bench draws bench.svg)"
printf 'data %s\n' "${data[@]}"

echo
yn() { holds "$1" && echo holds || echo "DOES NOT HOLD"; }
echo "# targets, as measured in this run"
echo "summary query <= 5 MMC commands on every medium, consistency check included (one more where the previous session holds several tracks, one more where write protection needs READ DISC STRUCTURE C0h, two more on BD-R POW for its in-place element): max $max_summary${summary_bad[*]:+ (${summary_bad[*]})}: $(yn "${#summary_bad[@]} == 0")"
worst_tab=$(printf '%s\n' "${table_bad[@]}" | sort -t: -k2 -n | tail -n 1)
echo "full table <= 3 + tracks commands on every medium, consistency check included (one more where write protection needs READ DISC STRUCTURE C0h, two more where an in-place element needs READ FORMAT CAPACITIES and block 16)${table_bad[*]:+ (not on ${#table_bad[@]} of ${#media[@]} media, e.g. $worst_tab)}: $(yn "${#table_bad[@]} == 0")"
if [ ${#table_bad[@]} != 0 ]; then
	echo "#   the table asks the disc (READ DISC INFORMATION), the profile (GET"
	echo "#   CONFIGURATION) and one READ TRACK INFORMATION per track, then the"
	echo "#   closing READ DISC INFORMATION that shows a medium changed in the"
	echo "#   middle: 3 + tracks, READ DISC STRUCTURE C0h on top where write"
	echo "#   protection is asked, one more for a track 255 (query.c)"
fi
echo "$tab_callers concurrent table callers -> the commands of one query: $tab_cmds (one: $single_tab): $(yn "$tab_cmds <= $single_tab")"
if ! holds "$tab_cmds <= $single_tab"; then
	echo "#   a table caller shares only a table query in flight whose entries"
	echo "#   cover its own; the others send their own (query.c): ${callers[-1]} summary"
	echo "#   callers: $last_cmds commands (one: $single_cmds), p99/single $last_ratio"
fi
echo "msinfo --msinfo run <= 10 commands, open included, on every medium: max $max_msinfo${msinfo_bad[*]:+ (${msinfo_bad[*]})}: $(yn "${#msinfo_bad[@]} == 0")"
if [ ${#msinfo_bad[@]} != 0 ]; then
	echo "#   an O_NONBLOCK open and close alone cost $open_cmds commands, all sr's: GET"
	echo "#   EVENT STATUS NOTIFICATION and TEST UNIT READY at open, PREVENT ALLOW"
	echo "#   MEDIUM REMOVAL and the event check again at close; the rest is the"
	echo "#   summary query (ioctl column)"
fi
[ $worst_ratio = 999 ] && worst_ratio=0
load_note=
host_load=${MS_BENCH_HOST_LOAD:-}
if holds "$load_max > 1" || { [ -n "$host_load" ] && holds "$host_load > 1"; }; then
	load_note=" (load average ${host_load:+$host_load on the host before the run, }$load_max here at most: above 1, this figure is not trustworthy)"
fi
[ "$delay_us" = 5000 ] || load_note+=" (latency model ${delay_us} us, not the target's 5 ms)"
echo "msinfo wall time >= 3x less than the fastest peer giving the same answer, 5 ms per command, median of 5 runs: worst ${worst_ratio}x${worst_ratio_at:+ ($worst_ratio_at)}$load_note: $(yn "$worst_ratio >= 3")"
[ ${#no_peer_agrees[@]} = 0 ] ||
	echo "#   (no peer gives msinfo's answer on: ${no_peer_agrees[*]}; not counted)"
echo "host cost of the ioctl path per command <= 1.2x a bare SG_IO of the same command: ${host_ratio}x: $(yn "$host_ratio <= 1.2")"
if [ ${#flat_lines[@]} != 0 ]; then
	echo "summary cost flat from 1 to 150 sessions (DVD+R) and to 300 tracks (BD-R), same commands and time within 1.25x${flat_missing[*]:+ (not measured: ${flat_missing[*]})}: $(yn "$flat_ok")"
	printf '#   %s\n' "${flat_lines[@]}"
else
	echo "summary cost flat from 1 to 150 sessions (DVD+R) and to 300 tracks (BD-R): not measured (no series in this run)"
fi
ms_mmcsim_unload
