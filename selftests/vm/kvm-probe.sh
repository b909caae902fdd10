#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Exit 0 if KVM really runs a guest here. /dev/kvm can exist while every
# guest fails or hangs, so boot a real kernel with a short timeout, once per
# QEMU and host kernel, and remember the verdict.
set -eu

[ -w /dev/kvm ] || exit 1
cache=${MS_CACHE:-/var/cache/libmultisession}
key=$( { qemu-system-x86_64 --version | head -n 1; uname -r; } | sha256sum | cut -c1-16)
verdict=$cache/kvm-probe-$key
if [ ! -f "$verdict" ]; then
	mkdir -p "$cache"
	image=$(ls -v /boot/vmlinuz-* 2>/dev/null | head -n 1)
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	mkdir -p "$tmp/r/bin"
	cp /bin/busybox "$tmp/r/bin/busybox"
	printf '#!/bin/busybox sh\n/bin/busybox echo kvm-probe-ok\n/bin/busybox reboot -f\n' >"$tmp/r/init"
	chmod +x "$tmp/r/init"
	(cd "$tmp/r" && find . | cpio -o -H newc --quiet) >"$tmp/i.cpio"
	result=no
	if timeout -k 2 20 qemu-system-x86_64 -accel kvm -cpu host -M pc -m 256 -nodefaults \
		-no-reboot -display none -serial "file:$tmp/log" -kernel "$image" \
		-initrd "$tmp/i.cpio" -append "console=ttyS0 rdinit=/init panic=-1" \
		</dev/null >/dev/null 2>&1 && grep -q kvm-probe-ok "$tmp/log"; then
		result=yes
	fi
	echo "$result" >"$verdict"
fi
[ "$(cat "$verdict")" = yes ]
