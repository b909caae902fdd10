#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside a VM started with --rw-root for selftests/packaging.sh: the
# four .debs installed with dpkg -i as a user would (the multisession-dkms
# postinst builds and installs the module with DKMS for the running kernel),
# the module loaded through the installed modules-load.d entry, the
# installed udev rule applied by a real udevd, the installed msinfo and the
# example built against the installed -dev package run as nobody against
# mmcsim drives (the tree's mmcsim.ko) and compared with cdrskin -msinfo,
# then the packages purged and their traces checked gone. Takes MS_PKG_DEBS
# (the .deb files) and MS_PKG_VERSION.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/selftests/lib.sh"

kver=$(uname -r)
version=$MS_PKG_VERSION
pkgs="multisession-dkms libmultisession1 libmultisession-dev msinfo"
log=/tmp/packaging-vm.log
export DEBIAN_FRONTEND=noninteractive

# elapsed START: seconds since START (from date +%s).
elapsed() { echo $(($(date +%s) - $1)); }

if ! touch /.ms-rw-probe 2>/dev/null; then
	fail "the root is writable (run.sh --rw-root)"
	totals
	exit
fi
rm -f /.ms-rw-probe
for p in $pkgs; do
	if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q 'installed'; then
		fail "$p is not installed before the test"
		totals
		exit
	fi
done

# The postinst builds for the running kernel and for the newest one in
# /boot. packaging.sh builds for 6.12 with dkms on the host already; here
# the machine has only the running kernel, which halves the build under TCG.
for c in /boot/config-*; do
	[ "$c" = "/boot/config-$kver" ] || rm -f "$c"
done
# man-db/auto-update false, as on many servers: the man-db trigger would
# reindex every page over 9p, which says nothing about these packages.
rm -f /var/lib/man-db/auto-update

# --- dpkg -i ----------------------------------------------------------------
t=$(date +%s)
# shellcheck disable=SC2086 # a list of paths without blanks
if dpkg -i $MS_PKG_DEBS >$log 2>&1; then
	ok "dpkg -i the four packages ($(elapsed "$t") s)"
else
	fail "dpkg -i the four packages"
	sed 's/^/#   /' $log
	tail -n 40 /var/lib/dkms/multisession/"$version"/build/make.log 2>/dev/null |
		sed 's/^/#   /'
fi
for p in $pkgs; do
	expect_eq "$p: dpkg status" "install ok installed $version" \
		"$(dpkg-query -W -f '${Status} ${Version}' "$p" 2>&1)"
done
expect_eq "dkms status: built and installed by the postinst for $kver" \
	"multisession/$version, $kver, x86_64: installed" \
	"$(dkms status -m multisession -k "$kver" 2>&1)"
ko=/lib/modules/$kver/updates/dkms/multisession.ko
expect_eq "modprobe finds the DKMS module" "$ko" "$(modinfo -n multisession 2>&1)"
expect_eq "DKMS module: vermagic" "$kver" \
	"$(modinfo -F vermagic "$ko" 2>&1 | cut -d ' ' -f 1)"

# --- modules-load.d and udev -------------------------------------------------
# A running udevd sees the module's device appear, and later mmcsim's.
# udevd and udevadm do nothing in a chroot unless told to go ahead.
export SYSTEMD_IGNORE_CHROOT=1
/lib/systemd/systemd-udevd --daemon >/dev/null 2>&1 ||
	fail "systemd-udevd --daemon"
check "/dev/multisession absent before loading" test ! -e /dev/multisession
check "systemd-modules-load loads the installed modules-load.d entry" \
	/lib/systemd/systemd-modules-load /usr/lib/modules-load.d/multisession.conf
udevadm settle
check "multisession is loaded" test -d /sys/module/multisession
# The kernel exports the loaded module's ELF notes; its build ID must be
# the installed file's.
objcopy -O binary --only-section=.note.gnu.build-id "$ko" /tmp/build-id
check "the loaded module is the DKMS-installed file (build ID)" \
	cmp /tmp/build-id /sys/module/multisession/notes/.note.gnu.build-id
# The module asks for 0666 itself; take that away and let udev, replaying
# the device's add event, restore it from the installed rule.
chmod 600 /dev/multisession
udevadm trigger --settle --action=add /sys/class/misc/multisession
expect_eq "udev applies the installed rule: /dev/multisession mode 666" \
	"666 root" "$(stat -c '%a %U' /dev/multisession 2>&1)"
udevadm test /sys/class/misc/multisession >$log 2>&1
n=$(grep -c 'rules\.d/60-multisession\.rules:[0-9]* MODE 0666' $log)
expect_eq "udevadm test: the MODE comes from the installed 60-multisession.rules" 1 "$n"
[ "$n" = 1 ] || grep -i 'multisession\|MODE' $log | sed 's/^/#   /'

# --- the installed programs, as nobody --------------------------------------
lib=/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
rm -rf /tmp/example
cp -r "$top/examples" /tmp/example
t=$(date +%s)
if make -C /tmp/example append_point >$log 2>&1; then
	ok "example builds with pkg-config against the installed -dev ($(elapsed "$t") s)"
else
	fail "example builds with pkg-config against the installed -dev"
	sed 's/^/#   /' $log
fi
example=/tmp/example/append_point
# /lib is /usr/lib on a merged-/usr system: compare the files, not the names.
for prog in /usr/bin/msinfo $example; do
	expect_eq "${prog##*/} takes the installed library" \
		"$(readlink -f "$lib/libmultisession.so.1")" \
		"$(readlink -f "$(ldd "$prog" | awk '$1 == "libmultisession.so.1" { print $3 }')")"
done
# nobody in group cdrom: what a desktop user is; udev gives /dev/srN that group.
as_user() { setpriv --reuid=nobody --regid=nogroup --groups=cdrom -- "$@"; }

ms_mmcsim_load || { fail "insmod the tree's mmcsim"; totals; exit; }
for preset in cdr-appendable1 cdr-appendable2 dvdplusr-appendable2 dvdr-appendable1 \
	bdr-appendable1 cdr-closed1; do
	dev=$(ms_mmcsim_attach "$preset" "$preset") || { fail "$preset: attach"; continue; }
	udevadm settle
	expect_eq "$preset: udev gives $dev group cdrom" cdrom "$(stat -c %G "$dev")"
	# the installed 61-multisession-id.rules ran the installed helper
	# (multisession_id(8): an address that is -1 in the JSON is left out)
	props=$(udevadm info -q property "$dev")
	expect_eq "$preset: installed udev helper: ID_MULTISESSION, its NWA as msinfo --json's" \
		"1 $(/usr/bin/msinfo --json "$dev" | ms_json i.next_writable_address | sed 's/^-1$//')" \
		"$(printf '%s\n' "$props" | sed -n 's/^ID_MULTISESSION=//p') $(printf '%s\n' "$props" | sed -n 's/^ID_MULTISESSION_NWA=//p')"
	ours=$(as_user /usr/bin/msinfo --msinfo "$dev" 2>&1)
	ours_st=$?
	theirs=$(cdrskin dev="$dev" -msinfo 2>/dev/null)
	theirs_st=$?
	if [ $theirs_st -eq 0 ]; then
		expect_eq "$preset: installed msinfo --msinfo as nobody equals cdrskin -msinfo" \
			"$theirs" "$ours"
		expect_eq "$preset: example as nobody equals cdrskin -msinfo" \
			"$theirs" "$(as_user "$example" "$dev" 2>&1)"
	else
		expect_eq "$preset: installed msinfo refuses as cdrskin does" "1:" \
			"$ours_st:$(as_user /usr/bin/msinfo --msinfo "$dev" 2>/dev/null)"
	fi
	ms_mmcsim_detach "$preset"
done
ms_mmcsim_unload || fail "rmmod mmcsim"
udevadm settle
udevadm control --exit
rmmod multisession || fail "rmmod multisession"

# --- dpkg --purge -----------------------------------------------------------
# Every file the packages installed, read before they go.
files=$(for p in $pkgs; do dpkg-query -L "$p"; done | sort -u |
	while read -r f; do [ -d "$f" ] || echo "$f"; done)
t=$(date +%s)
# shellcheck disable=SC2086
if dpkg --purge $pkgs >$log 2>&1; then
	ok "dpkg --purge the four packages ($(elapsed "$t") s)"
else
	fail "dpkg --purge the four packages"
	sed 's/^/#   /' $log
fi
expect_eq "dkms status: nothing left for multisession" "" \
	"$(dkms status -m multisession 2>&1)"
check "no DKMS build left for multisession" test ! -e "/var/lib/dkms/multisession/$version"
check "the installed module is gone" test ! -e "$ko"
check "modprobe no longer finds multisession" sh -c '! modinfo -n multisession'
left=$(for f in $files; do [ ! -e "$f" ] && [ ! -L "$f" ] || echo "$f"; done)
expect_eq "every packaged file is gone ($(echo "$files" | wc -l) files)" "" "$left"
check "/usr/src/multisession-$version is gone" test ! -e "/usr/src/multisession-$version"

# --- make install / uninstall on this root, registered with DKMS ------------
# make uninstall must unregister the version from DKMS before removing its
# source, or dkms status keeps an entry whose source is gone.
if make -C "$top" install >$log 2>&1 && dkms add "multisession/$version" >>$log 2>&1; then
	ok "make install; dkms add multisession/$version"
else
	fail "make install; dkms add multisession/$version"
	tail -n 20 $log | sed 's/^/#   /'
fi
expect_eq "dkms status: the make install source is registered" \
	"multisession/$version: added" "$(dkms status -m multisession 2>&1)"
if make -C "$top" uninstall >$log 2>&1; then
	ok "make uninstall"
else
	fail "make uninstall"
	tail -n 20 $log | sed 's/^/#   /'
fi
expect_eq "make uninstall: dkms status has nothing left" "" \
	"$(dkms status -m multisession 2>&1)"
check "make uninstall: /usr/src/multisession-$version is gone" \
	test ! -e "/usr/src/multisession-$version"
check "make uninstall: msinfo is gone" test ! -e /usr/local/bin/msinfo
totals
