#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (once) the debug kernel described by debug.config from Debian's
# linux-source-6.12 and print the directory holding it. The result is cached
# outside the clone, keyed by everything that shapes it: the fragment, this
# script, the source package version and the compiler.
#
#   debug-kernel.sh          build if missing, print the build directory
#   debug-kernel.sh --path   print the directory without building
set -eu

here=$(cd "$(dirname "$0")" && pwd)
cache=${MS_CACHE:-/var/cache/libmultisession}
tarball=$(ls /usr/src/linux-source-6.12*.tar.xz 2>/dev/null | tail -n 1)
[ -n "$tarball" ] || { echo "debug-kernel: linux-source-6.12 missing (make deps)" >&2; exit 1; }
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12)
key=$( { cat "$here/debug.config" "$0"; echo "$srcver"; gcc --version | head -n 1; } |
	sha256sum | cut -c1-16)
out=$cache/debug-kernel-$key

if [ "${1:-}" = --path ]; then
	echo "$out"
	exit 0
fi
if [ -f "$out/arch/x86/boot/bzImage" ] && [ -f "$out/.done" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
src=${tarball%.tar.xz}
[ -f "$src/Makefile" ] || { echo "debug-kernel: $src not unpacked (make deps)" >&2; exit 1; }
tmp=$cache/.build-$key.$$
trap 'rm -rf "$tmp"' EXIT INT TERM
rm -rf "$tmp"
mkdir -p "$tmp"
log=$cache/debug-kernel-$key.log
echo "debug-kernel: building $src into $out (log: $log)" >&2
{
	make -C "$src" O="$tmp" ARCH=x86_64 tinyconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$tmp" "$tmp/.config" "$here/debug.config"
	make -C "$src" O="$tmp" ARCH=x86_64 olddefconfig
} >"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }

# Every option the fragment asks for must have survived olddefconfig:
# a silently dropped KASAN or lockdep would make the debug runs meaningless.
missing=$(grep -E '^CONFIG_[A-Z0-9_]+=' "$here/debug.config" | while read -r line; do
	grep -qx "$line" "$tmp/.config" || echo "$line"
done)
if [ -n "$missing" ]; then
	echo "debug-kernel: options not accepted by Kconfig:" $missing >&2
	exit 1
fi

make -C "$src" O="$tmp" ARCH=x86_64 -j"$(nproc)" bzImage modules >>"$log" 2>&1 ||
	{ tail -n 30 "$log" >&2; exit 1; }
touch "$tmp/.done"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT INT TERM
echo "$out"
