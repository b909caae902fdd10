#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The top-level VERSION file is the version of the module, the library and
# the packages. The build fills it in where it can (MODULE_VERSION through
# Kbuild, dkms.conf and the .pc file by sed, the soname's major); the files
# that must spell it themselves are compared with it here, and any other
# file that spells it is reported, so that a new copy cannot go unseen.
set -eu
cd "$(dirname "$0")/.."
v=$(cat VERSION)
major=${v%%.*}
minor=${v#*.}
minor=${minor%%.*}
bad=0
differs() {
	echo "check-version: $1: $2, VERSION says $3" >&2
	bad=1
}

h=userlib/include/multisession.h
got=$(sed -n 's/^#define MS_VERSION_MAJOR \([0-9]*\)$/\1/p' $h)
[ "$got" = "$major" ] || differs $h "MS_VERSION_MAJOR $got" "$major"
got=$(sed -n 's/^#define MS_VERSION_MINOR \([0-9]*\)$/\1/p' $h)
[ "$got" = "$minor" ] || differs $h "MS_VERSION_MINOR $got" "$minor"

# dpkg-buildpackage takes the packages' version from the changelog's top
# entry; a Debian revision (-1) would be a packaging-only release.
got=$(sed -n '1s/^libmultisession (\([^)-]*\)\(-[^)]*\)\{0,1\}).*/\1/p' debian/changelog)
[ "$got" = "$v" ] || differs debian/changelog "top entry $got" "$v"

for f in $(grep -l '^\.TH' userlib/man/*.[378] userlib/msinfo/msinfo.1); do
	got=$(sed -n 's/^\.TH [^"]*"libmultisession \([^"]*\)".*/\1/p' "$f")
	[ "$got" = "$v" ] || differs "$f" ".TH libmultisession $got" "$v"
done

# The package file names, paths and dkms commands README shows.
for got in $(grep -oE '(multisession|msinfo)[-_/][0-9]+\.[0-9]+\.[0-9]+' README.md |
	sed 's/.*[-_/]//' | sort -u); do
	[ "$got" = "$v" ] || differs README.md "$got" "$v"
done

grep -q '^PACKAGE_VERSION="@VERSION@"$' dkms.conf ||
	differs dkms.conf "PACKAGE_VERSION not @VERSION@" "$v"
grep -q '^Version: @VERSION@$' userlib/libmultisession.pc.in ||
	differs userlib/libmultisession.pc.in "Version not @VERSION@" "$v"
grep -q '^MODULE_VERSION(MS_VERSION);$' kernel/main.c ||
	differs kernel/main.c "no MODULE_VERSION(MS_VERSION)" "$v"

# Every other spelling: libmultisession1.symbols names the version that
# brought each symbol, which stays when VERSION moves on.
if command -v git >/dev/null && git rev-parse --git-dir >/dev/null 2>&1; then
	others=$(git grep -lF "$v" -- . ':!VERSION' ':!debian/changelog' \
		':!debian/libmultisession1.symbols' ':!README.md' ':!userlib/man' \
		':!userlib/msinfo/msinfo.1' ':!selftests/realworld' || true)
	for f in $others; do
		differs "$f" "spells the version itself" "$v (derive it or check it here)"
	done
fi

[ $bad = 0 ] && echo "check-version: $v everywhere"
exit $bad
