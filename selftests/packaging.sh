#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Packaging, end to end: make install/uninstall under DESTDIR, the example
# built against that install through pkg-config, DKMS builds for Debian's
# 6.1 and 6.12 headers in a scratch DKMS tree, the four .debs (from a copy
# of the tree; results in build/packaging/), lintian, their contents, and a
# VM on 6.1 that installs them with dpkg -i (the postinst's DKMS build),
# loads the module through modules-load.d, applies the udev rule, runs the
# installed msinfo as nobody against cdrskin -msinfo and purges them again
# (selftests/packaging_vm.sh). Nothing is installed into this machine.
# Needs the build dependencies (make deps); builds what else it uses.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/selftests/lib.sh"
cd "$top" || exit 1

version=$(cat VERSION)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
results=$top/build/packaging
# Under /tmp: the VM sees the host's /tmp.
tmp=$(mktemp -d /tmp/ms-packaging.XXXXXX)
[ -n "${MS_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
# dkms signs what it builds when the kernel's sign-file exists, creating a
# key in /var/lib/dkms first; a sign-file that does not exist keeps the
# host untouched.
export sign_file=/nonexistent

# --- make install / uninstall ---------------------------------------------
root=$tmp/root
prefix=/usr/local
src=/usr/src/multisession-$version
# What make install must put under DESTDIR, derived from the tree.
expected() {
	for f in libmultisession.so.1 libmultisession.so libmultisession.a \
		pkgconfig/libmultisession.pc; do
		echo "$prefix/lib/$f"
	done
	echo "$prefix/include/multisession.h"
	echo "$prefix/include/linux/multisession.h"
	echo "$prefix/bin/msinfo"
	echo "$prefix/share/man/man1/msinfo.1"
	echo "$prefix/share/man/man7/libmultisession.7"
	echo "$prefix/share/man/man8/multisession_id.8"
	for f in userlib/man/*.3; do
		echo "$prefix/share/man/man3/${f##*/}"
	done
	echo /lib/udev/multisession_id
	echo /lib/udev/rules.d/60-multisession.rules
	echo /lib/udev/rules.d/61-multisession-id.rules
	echo /usr/lib/modules-load.d/multisession.conf
	echo "$src/dkms.conf"
	echo "$src/uapi/linux/multisession.h"
	git ls-files kernel | grep -E '(\.[ch]|/Kbuild)$' | sed "s|^|$src/|"
}
installed() {
	(cd "$root" && find . -type f -o -type l) | sed 's|^\.||' | sort
}

if make install DESTDIR="$root" >"$tmp/install.log" 2>&1; then
	ok "make install DESTDIR=..."
else
	fail "make install DESTDIR=..."
	sed 's/^/#   /' "$tmp/install.log"
fi
expected | sort >"$tmp/expected"
# comm: "-" before a missing file, "+" before one that should not be there.
expect_eq "make install: exactly the expected files" "" \
	"$(installed | comm -3 "$tmp/expected" - | sed 's/^\t/+/; t; s/^/-/')"
expect_eq "libmultisession.so links to the soname" libmultisession.so.1 \
	"$(readlink "$root$prefix/lib/libmultisession.so")"
check "uapi header installed as <linux/multisession.h>" \
	cmp uapi/linux/multisession.h "$root$prefix/include/linux/multisession.h"
expect_eq "dkms.conf carries VERSION" "PACKAGE_VERSION=\"$version\"" \
	"$(grep '^PACKAGE_VERSION=' "$root$src/dkms.conf")"
expect_eq "libmultisession.pc: install paths and VERSION" \
	"$prefix/lib $prefix/include $version" \
	"$(sed -n 's/^libdir=//p; s/^includedir=//p; s/^Version: //p' \
		"$root$prefix/lib/pkgconfig/libmultisession.pc" | tr '\n' ' ' | sed 's/ $//')"

make uninstall DESTDIR="$root" >"$tmp/uninstall.log" 2>&1 ||
	sed 's/^/#   /' "$tmp/uninstall.log"
expect_eq "make uninstall removes every file" "" "$(installed)"
make install DESTDIR="$root" >"$tmp/install.log" 2>&1

# --- the example, built outside the tree against the install --------------
# build_example ROOT LIBDIR: copy examples/ to a scratch dir and build it
# with only ROOT's pkg-config file in reach.
build_example() {
	rm -rf "$tmp/example"
	cp -r examples "$tmp/example" &&
		PKG_CONFIG_SYSROOT_DIR=$1 PKG_CONFIG_LIBDIR=$1$2/pkgconfig \
			make -C "$tmp/example" append_point
}
check "example builds with pkg-config against DESTDIR" \
	build_example "$root" "$prefix/lib"
export LD_LIBRARY_PATH="$root$prefix/lib"
expect_eq "example takes the installed library" "$root$prefix/lib/libmultisession.so.1" \
	"$(ldd "$tmp/example/append_point" | awk '$1 == "libmultisession.so.1" { print $3 }')"
"$tmp/example/append_point" --help >"$tmp/o" 2>&1
st=$?
expect_eq "example --help: usage and library version" \
	"0 libmultisession ${version%.*}" "$st $(tail -n 1 "$tmp/o")"
"$tmp/example/append_point" /dev/ms-no-such-drive >"$tmp/o" 2>&1
st=$?
# ms_strerror() adds the errno and IMAPI2 names in parentheses.
expect_eq "example without a drive: exit 1 and one clear line" \
	"1 append_point: /dev/ms-no-such-drive: no such device" \
	"$st $(cut -d '(' -f 1 "$tmp/o" | sed 's/ $//')"
unset LD_LIBRARY_PATH
echo '#include <linux/multisession.h>' >"$tmp/uapi.c"
expect_eq "pkg-config --cflags finds the installed uapi header" 1 \
	"$(PKG_CONFIG_SYSROOT_DIR=$root PKG_CONFIG_LIBDIR=$root$prefix/lib/pkgconfig \
		sh -c 'cc $(pkg-config --cflags libmultisession) -E "$0"' "$tmp/uapi.c" |
		grep -c "^# 1 \"$root$prefix/include/linux/multisession.h\"")"

# --- DKMS builds in a scratch tree ----------------------------------------
# dkms_build SOURCETREE DKMSTREE RELEASE: add and build; prints the module.
dkms_build() {
	mkdir -p "$2"
	[ -d "$2/multisession/$version" ] ||
		dkms --dkmstree "$2" --sourcetree "$1" add -m multisession -v "$version" >&2 ||
		return 1
	dkms --dkmstree "$2" --sourcetree "$1" build -m multisession -v "$version" \
		-k "$3" >&2 || return 1
	ls "$2/multisession/$version/$3/x86_64/module/multisession.ko"* 2>/dev/null
}
for k in 6.1 6.12; do
	kdir=$(make -s print-kdir KVER=$k)
	rel=$(basename "$(dirname "$kdir")")
	if [ -z "$kdir" ]; then
		fail "dkms build for $k: no headers (make deps)"
		continue
	fi
	ko=$(dkms_build "$root/usr/src" "$tmp/dkms" "$rel" 2>"$tmp/dkms-$k.log")
	if [ -n "$ko" ]; then
		ok "dkms build for $rel"
		expect_eq "dkms $rel: vermagic" "$rel" "$(modinfo -F vermagic "$ko" | cut -d ' ' -f 1)"
	else
		fail "dkms build for $rel"
		tail -n 30 "$tmp/dkms-$k.log" | sed 's/^/#   /'
		tail -n 30 "$tmp/dkms/multisession/$version/build/make.log" 2>/dev/null | sed 's/^/#   /'
	fi
done
expect_eq "dkms builds multisession.ko only" "" \
	"$(find "$tmp/dkms" -name '*.ko*' ! -name 'multisession.ko*')"

# --- Debian packages --------------------------------------------------------
debs="multisession-dkms_${version}_all libmultisession1_${version}_amd64
libmultisession-dev_${version}_amd64 msinfo_${version}_amd64"
rm -rf "$results"
mkdir -p "$results" "$tmp/deb/src"
git ls-files -co --exclude-standard | cpio -pdm --quiet "$tmp/deb/src"
if (cd "$tmp/deb/src" && dpkg-buildpackage -us -uc -b) >"$results/dpkg-buildpackage.log" 2>&1; then
	ok "dpkg-buildpackage -us -uc -b"
else
	fail "dpkg-buildpackage -us -uc -b (log: $results/dpkg-buildpackage.log)"
	tail -n 30 "$results/dpkg-buildpackage.log" | sed 's/^/#   /'
fi
find "$tmp/deb" -maxdepth 1 -type f -exec mv {} "$results/" \;
for d in $debs; do
	check "$d.deb built" test -f "$results/$d.deb"
done

check "lintian: no error or warning that is not overridden" \
	lintian --fail-on error,warning --pedantic "$results/libmultisession_${version}_amd64.changes"
# An override without a comment above it is not justified.
unjustified=$(awk 'FNR == 1 { c = 0 } /^#/ { c = 1; next } /^$/ { c = 0; next }
	{ if (!c) print FILENAME ": " $0 }' debian/*lintian-overrides debian/source/lintian-overrides 2>/dev/null)
expect_eq "lintian overrides: each one justified by a comment" "" "$unjustified"

# deb_has DEB PATH...: each PATH is in DEB's listing.
deb_has() {
	deb=$results/$1.deb
	shift
	list=$(dpkg -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|')
	for p in "$@"; do
		printf '%s\n' "$list" | grep -qx "$p" || { echo "$deb lacks $p"; return 1; }
	done
}
lib=/usr/lib/$multiarch
check "multisession-dkms contents" deb_has "multisession-dkms_${version}_all" \
	"$src/dkms.conf" "$src/kernel/Kbuild" "$src/kernel/main.c" \
	"$src/uapi/linux/multisession.h" /lib/udev/rules.d/60-multisession.rules \
	/usr/lib/modules-load.d/multisession.conf
check "libmultisession1 contents" deb_has "libmultisession1_${version}_amd64" \
	"$lib/libmultisession.so.1"
check "libmultisession-dev contents" deb_has "libmultisession-dev_${version}_amd64" \
	/usr/include/multisession.h /usr/include/linux/multisession.h \
	"$lib/libmultisession.so" "$lib/libmultisession.a" \
	"$lib/pkgconfig/libmultisession.pc" /usr/share/man/man3/ms_strerror.3.gz \
	/usr/share/man/man7/libmultisession.7.gz
check "msinfo contents" deb_has "msinfo_${version}_amd64" \
	/usr/bin/msinfo /usr/share/man/man1/msinfo.1.gz /lib/udev/multisession_id \
	/lib/udev/rules.d/61-multisession-id.rules /usr/share/man/man8/multisession_id.8.gz

# --- the packages at work, in a VM on 6.1 ---------------------------------
# The VM's root is an overlay of this machine's, so dpkg -i there installs
# for real (maintainer scripts, DKMS build, triggers) and leaves no trace
# here. mmcsim is not packaged: the VM loads one built from the tree, in a
# build directory of its own so that make check's 6.1 lane, which runs
# beside this test, keeps build/6.1.
if make modules KVER=6.1 BUILD="$tmp/build" >"$tmp/modules.log" 2>&1; then
	ok "mmcsim.ko for 6.1 (make modules)"
else
	fail "mmcsim.ko for 6.1 (make modules)"
	tail -n 20 "$tmp/modules.log" | sed 's/^/#   /'
fi
debfiles=
for d in $debs; do
	debfiles="$debfiles $results/$d.deb"
done
missing=$(for f in $debfiles "$tmp/build/6.1/kernel/mmcsim/mmcsim.ko"; do [ -f "$f" ] || echo "$f"; done)
if [ -z "$missing" ]; then
	MS_PKG_DEBS=${debfiles# } MS_PKG_VERSION=$version \
		selftests/vm/run.sh --kernel 6.1 --cpus 1 --rw-root --no-load --timeout 1800 \
		--modules "$tmp/build/6.1/kernel" -- \
		selftests/packaging_vm.sh
	expect_eq "VM on 6.1: the installed packages (exit status)" 0 $?
else
	skip "VM on 6.1" "missing: $(echo "$missing" | tr "\n" " ")"
fi
totals
