#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Install with apt-get everything the build, the VM testbed and the tests
# need. Quick when all is present: dpkg-query decides, apt runs only for
# what is missing.
set -eu

PKGS="
build-essential gcc make bc flex bison libelf-dev libssl-dev dwarves sparse
pkg-config kmod cpio busybox-static qemu-system-x86 qemu-utils
linux-headers-amd64 linux-image-amd64
linux-headers-6.12-amd64 linux-image-6.12-amd64 linux-source-6.12
dkms dh-dkms debhelper lintian dpkg-dev fakeroot
xorriso cdrskin wodim genisoimage growisofs dvd+rw-tools libcdio-utils udev sg3-utils jq
valgrind clang libclang-rt-14-dev mandoc man-db gcc-multilib gnuplot-nox
"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = installed ] || missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing packages:$missing (run as root to install)" >&2
		exit 1
	fi
	echo "deps: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	# A stale package list names versions the archive no longer has.
	apt-get update -qq
	# shellcheck disable=SC2086
	if ! apt-get install -y -qq --no-install-recommends $missing; then
		echo "deps: apt-get could not install:$missing" >&2
		exit 1
	fi
fi

# linux-source ships a tarball; unpack it once beside it for checkpatch,
# kselftest_harness.h and the debug kernel.
tarball=$(ls /usr/src/linux-source-6.12*.tar.xz 2>/dev/null | tail -n 1)
if [ -z "$tarball" ]; then
	echo "deps: linux-source-6.12 tarball not found in /usr/src" >&2
	exit 1
fi
src=${tarball%.tar.xz}
if [ ! -f "$src/.unpacked" ]; then
	echo "deps: unpacking $tarball"
	tar -C /usr/src -xf "$tarball"
	touch "$src/.unpacked"
fi
