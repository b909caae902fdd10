# SPDX-License-Identifier: GPL-2.0-only
#
# Debian's own udevd inside a test VM (selftests/vm/run.sh), with its stock
# rules and this tree's 61-multisession-id.rules. Source it after lib.sh,
# with $top set to the tree's root:
#
#   ms_udevd_start || { skip ...; }   # udevd running, every block device
#                                     # replayed through the rules
#   ... mmcsim drives, udevadm settle, udevadm info -q property ...
#   ms_udevd_stop                     # udevd gone, the VM as it was
#
# The guest chroots into this machine's root, read-only, with /run on
# tmpfs: udevd reads rules from /run/udev/rules.d too, so our rule goes
# there, naming the build tree's helper. udevd runs with debug logging into
# $ms_udevd_log (it logs a helper's failure and its stderr at debug level
# only); ms_udevd_helper_errors reads what it said about our helper.

ms_udevd_bin=/lib/systemd/systemd-udevd
ms_udevd_rule=/run/udev/rules.d/61-multisession-id.rules
ms_udevd_log=/run/ms-udevd.log
ms_udevd_poll=/sys/module/block/parameters/events_dfl_poll_msecs
ms_udevd_pid=
ms_udevd_poll_saved=

# udevd and udevadm refuse to act in a chroot unless told to go ahead.
export SYSTEMD_IGNORE_CHROOT=1

# ms_udevd_main_pid: the pid of the running udevd manager, empty if none.
# Its program is udevadm's binary under another name, so it is told by its
# name (comm), and from its workers by its parent, which is not a udevd.
# Builtins only: a TCG guest has a hundred processes to look at.
ms_udevd_main_pid() {
	local p comm ppid key val
	for p in /proc/[0-9]*; do
		read -r comm 2>/dev/null <"$p/comm" || continue
		[ "$comm" = systemd-udevd ] || continue
		ppid=
		while read -r key val; do
			[ "$key" != PPid: ] || { ppid=$val; break; }
		done 2>/dev/null <"$p/status"
		comm=
		[ -z "$ppid" ] || read -r comm 2>/dev/null <"/proc/$ppid/comm"
		[ "$comm" != systemd-udevd ] || continue
		echo "${p#/proc/}"
		return 0
	done
	return 1
}

# ms_udevd_start: udevd running with the stock rules and ours, every block
# device replayed (add) and settled, block-event polling on. Fails (with a
# reason on stderr, and no udevd of ours left running) outside a VM,
# without udevd or the helper, or when a udevd is already running.
ms_udevd_start() {
	local helper="$top/userlib/build/multisession_id" lib="$top/userlib/build"
	if [ -z "${MS_VM:-}" ]; then
		echo "ms_udevd_start: only inside a test VM (selftests/vm/run.sh)" >&2
		return 1
	fi
	[ -x "$ms_udevd_bin" ] || { echo "ms_udevd_start: no $ms_udevd_bin" >&2; return 1; }
	[ -x "$helper" ] || { echo "ms_udevd_start: no $helper (make -C userlib)" >&2; return 1; }
	if [ -n "$(ms_udevd_main_pid)" ]; then
		echo "ms_udevd_start: a udevd is running already" >&2
		return 1
	fi
	# udev splits a program's command line on blanks
	case $top in
	*[[:space:]]*)
		echo "ms_udevd_start: the tree's path has a blank: $top" >&2
		return 1 ;;
	esac

	# Our rule as installed, but naming the build tree's helper. udev
	# gives a program the device's properties as its whole environment,
	# so the library's directory travels through env(1).
	mkdir -p "${ms_udevd_rule%/*}"
	sed "s|IMPORT{program}=\"multisession_id |IMPORT{program}=\"/usr/bin/env LD_LIBRARY_PATH=$lib $helper |" \
		"$top/dist/61-multisession-id.rules" >"$ms_udevd_rule" || return 1
	if ! grep -q "$helper \$devnode" "$ms_udevd_rule"; then
		echo "ms_udevd_start: dist/61-multisession-id.rules has no IMPORT{program}=\"multisession_id ...\" to point at the tree" >&2
		rm -f "$ms_udevd_rule"
		return 1
	fi

	# --debug keeps udevd's stderr (without it --daemon points it at
	# /dev/null) and logs what a helper wrote on stderr and how it ended.
	"$ms_udevd_bin" --daemon --debug >"$ms_udevd_log" 2>&1 || {
		echo "ms_udevd_start: $ms_udevd_bin --daemon failed:" >&2
		tail -n 5 "$ms_udevd_log" >&2
		rm -f "$ms_udevd_rule"
		return 1
	}
	ms_udevd_pid=$(ms_udevd_main_pid)
	if [ -z "$ms_udevd_pid" ]; then
		echo "ms_udevd_start: udevd started but is not running:" >&2
		tail -n 5 "$ms_udevd_log" >&2
		rm -f "$ms_udevd_rule"
		return 1
	fi

	# Debian's 60-block.rules turns the block layer's media polling on
	# (2000 ms) on the add event of the built-in module "block", which
	# only the boot's replay of every device delivers. This udevd came
	# later: replay that event so that the stock rule does it. Without
	# polling, sr sends no change event when a disc comes or goes.
	ms_udevd_poll_saved=$(cat "$ms_udevd_poll")
	udevadm trigger --action=add /sys/module/block
	udevadm trigger --action=add --subsystem-match=block
	udevadm settle --timeout=60 || echo "ms_udevd_start: udevadm settle timed out" >&2
	if [ "$(cat "$ms_udevd_poll")" = 0 ]; then
		echo "ms_udevd_start: the stock rules left $ms_udevd_poll at 0" >&2
		ms_udevd_stop
		return 1
	fi
	return 0
}

# ms_udevd_alive PID: PID is a process that has not exited (an exited one
# stays a zombie until the VM's init reaps it)
ms_udevd_alive() {
	local key val
	while read -r key val; do
		[ "$key" != State: ] || { [ "${val%% *}" != Z ]; return; }
	done 2>/dev/null <"/proc/$1/status"
	return 1
}

# ms_udevd_stop: udevd gone (asked to exit, killed by its pid after 10 s),
# our rule removed, block-event polling as it was before ms_udevd_start, so
# that tests after this one in the same VM find the machine unchanged.
ms_udevd_stop() {
	local i=0
	[ -n "$ms_udevd_pid" ] || return 0
	udevadm settle --timeout=30
	udevadm control --exit 2>/dev/null
	while ms_udevd_alive "$ms_udevd_pid" && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if ms_udevd_alive "$ms_udevd_pid"; then
		echo "ms_udevd_stop: udevd $ms_udevd_pid did not exit; killing it" >&2
		kill -9 "$ms_udevd_pid"
	fi
	ms_udevd_pid=
	rm -f "$ms_udevd_rule"
	[ -z "$ms_udevd_poll_saved" ] || echo "$ms_udevd_poll_saved" >"$ms_udevd_poll"
	ms_udevd_poll_saved=
}

# ms_udevd_helper_errors: what udevd logged about multisession_id failing
# or writing to stderr since ms_udevd_start; empty if nothing.
ms_udevd_helper_errors() {
	grep 'multisession_id' "$ms_udevd_log" | grep -Ei "\(err\)|fail|error|timed out|killed"
}
