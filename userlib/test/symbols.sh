#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
# symbols.sh LIB MAP MANDIR: the library exports exactly the map's symbols,
# each with its version node, and every one has a man page.
set -u
. "$(dirname "$0")/../../selftests/lib.sh"
lib=$1 map=$2 man=$3

exported=$(nm -D --defined-only "$lib" | awk '$2 == "T" { print $3 }' | sort)
listed=$(sed -n 's/^[[:space:]]*\(ms_[a-z_0-9]*\);/\1/p' "$map" | sort)
versioned=$(nm -D --defined-only "$lib" | awk '$2 == "T" && $3 !~ /@@LIBMULTISESSION_1\.0$/' | wc -l)
pages=$(ls "$man" | sed -n 's/\.3$//p' | sort)

expect_eq "exported symbols = map" "$(echo "$listed" | tr '\n' ' ')" \
	"$(echo "$exported" | sed 's/@@.*//' | tr '\n' ' ')"
expect_eq "every symbol versioned LIBMULTISESSION_1.0" 0 "$versioned"
expect_eq "every symbol has a man page" "$(echo "$listed" | tr '\n' ' ')" \
	"$(echo "$pages" | tr '\n' ' ')"
totals
