#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# check-kernel-doc.sh KSRC: the uapi header's comments are kernel-doc clean,
# and every kernel-doc directive of Documentation/userspace-api/
# multisession.rst names a file here and comments that kernel-doc finds in
# it, as the kernel's Sphinx build would resolve them. Directive paths are
# the kernel tree's: include/uapi/linux/ is uapi/linux/ here.
set -eu
kdoc=$1/scripts/kernel-doc
cd "$(dirname "$0")/.."
rst=Documentation/userspace-api/multisession.rst
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0

out=$(perl "$kdoc" -none -Wall uapi/linux/multisession.h 2>&1)
if [ -n "$out" ]; then
	printf '%s\n' "$out" >&2
	bad=1
fi

# One line per name a directive asks for (an :identifiers: list may go on
# over more indented lines), the file's path first; a directive without
# names is the whole file. kernel-doc is run once per name: with several
# -function arguments it reports none that is missing.
awk '
function flush() { if (path != "" && !named) print path; path = ""; ids = 0 }
function add(list,  n, i, id) { n = split(list, id, " ")
	for (i = 1; i <= n; i++) print path "\t" id[i]; named = 1 }
/^\.\. kernel-doc::/ { flush(); path = $3; named = 0; next }
path != "" && /^ +:identifiers:/ { sub(/^ +:identifiers: */, ""); add($0); ids = 1; next }
path != "" && /^ +:doc:/ { sub(/^ +:doc: */, ""); print path "\t" $0; named = 1; ids = 0; next }
path != "" && /^ +:/ { ids = 0; next }
ids && /^ +[^ :]/ { add($0); next }
{ flush() }
END { flush() }' "$rst" >"$tmp/names"
[ -s "$tmp/names" ] || { echo "$rst: no kernel-doc directive" >&2; bad=1; }

while IFS='	' read -r path name; do
	file=$(printf '%s\n' "$path" | sed 's|^include/uapi/|uapi/|')
	if [ ! -f "$file" ]; then
		echo "$rst: kernel-doc:: $path: no such file here ($file)" >&2
		bad=1
		continue
	fi
	if ! perl "$kdoc" -rst -sphinx-version 3.0 ${name:+-function "$name"} "$file" \
		>"$tmp/out" 2>"$tmp/err" || [ -s "$tmp/err" ] || [ ! -s "$tmp/out" ]; then
		echo "$rst: kernel-doc:: $path ${name:-(whole file)}: does not resolve" >&2
		cat "$tmp/err" >&2
		bad=1
	fi
done <"$tmp/names"

[ $bad = 0 ] && echo "kernel-doc: clean, the $(wc -l <"$tmp/names") names that $rst asks for resolve"
exit $bad
