# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for shell tests. Source it, report each check with ok/fail/skip and
# end with `totals`, which prints the kselftest totals line that `make check`
# adds up and returns non-zero if anything failed.

ms_pass=0
ms_fail=0
ms_skip=0
ms_n=0

ok() {
	ms_n=$((ms_n + 1))
	ms_pass=$((ms_pass + 1))
	echo "ok $ms_n $*"
}

fail() {
	ms_n=$((ms_n + 1))
	ms_fail=$((ms_fail + 1))
	echo "not ok $ms_n $*"
}

skip() {
	ms_n=$((ms_n + 1))
	ms_skip=$((ms_skip + 1))
	echo "ok $ms_n # SKIP $*"
}

# check NAME COMMAND...: ok if COMMAND succeeds, else fail with its output.
check() {
	name=$1
	shift
	if out=$("$@" 2>&1); then
		ok "$name"
	else
		fail "$name"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		fail "$1"
		echo "#   expected: '$2'"
		echo "#   actual:   '$3'"
	fi
}

totals() {
	echo "# Totals: pass:$ms_pass fail:$ms_fail xfail:0 xpass:0 skip:$ms_skip error:0"
	[ "$ms_fail" -eq 0 ]
}

# ms_drive BUS: the /dev/srN whose sysfs path runs through BUS (virtio, ata,
# usb, or mmcsim's host name); empty if none.
ms_drive() {
	for d in /sys/class/block/sr*; do
		[ -e "$d" ] || continue
		case $(readlink -f "$d") in
		*/$1*) echo "/dev/${d##*/}"; return 0 ;;
		esac
	done
	return 1
}
