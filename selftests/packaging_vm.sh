#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs inside the VM for selftests/packaging.sh: the DKMS-built module, the
# packaged msinfo and library (extracted .debs) and the example built
# against the packaged -dev files, on simulated media, against
# cdrskin -msinfo. Takes MS_PKG_ROOT (the extracted packages), MS_PKG_KO
# (the module), MS_PKG_LIBDIR (the library's directory in the package) and
# MS_PKG_EXAMPLE (the example program).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/selftests/lib.sh"

msinfo=$MS_PKG_ROOT/usr/bin/msinfo
export LD_LIBRARY_PATH="$MS_PKG_ROOT$MS_PKG_LIBDIR"

if insmod "$MS_PKG_KO"; then
	ok "insmod the DKMS-built multisession.ko"
else
	fail "insmod the DKMS-built multisession.ko"
	totals
	exit
fi
# The kernel exports the loaded module's ELF notes; its build ID must be
# the file's.
objcopy -O binary --only-section=.note.gnu.build-id "$MS_PKG_KO" /tmp/build-id
check "the loaded module is the DKMS build (build ID)" \
	cmp /tmp/build-id /sys/module/multisession/notes/.note.gnu.build-id
check "/dev/multisession exists" test -c /dev/multisession
for prog in "$msinfo" "$MS_PKG_EXAMPLE"; do
	expect_eq "${prog##*/} takes the packaged library" \
		"$MS_PKG_ROOT$MS_PKG_LIBDIR/libmultisession.so.1" \
		"$(ldd "$prog" | awk '$1 == "libmultisession.so.1" { print $3 }')"
done
ms_mmcsim_load || { fail "insmod mmcsim"; totals; exit; }

for preset in cdr-appendable1 cdr-appendable2 dvdplusr-appendable2 dvdr-appendable1 \
	bdr-appendable1 cdr-closed1; do
	dev=$(ms_mmcsim_attach "$preset" "$preset") || { fail "$preset: attach"; continue; }
	ours=$("$msinfo" --msinfo "$dev" 2>/dev/null)
	ours_st=$?
	theirs=$(cdrskin dev="$dev" -msinfo 2>/dev/null)
	theirs_st=$?
	if [ $theirs_st -eq 0 ]; then
		expect_eq "$preset: packaged msinfo --msinfo equals cdrskin -msinfo" \
			"$theirs" "$ours"
		expect_eq "$preset: example equals cdrskin -msinfo" \
			"$theirs" "$("$MS_PKG_EXAMPLE" "$dev")"
	else
		expect_eq "$preset: packaged msinfo refuses as cdrskin does" "1:" "$ours_st:$ours"
	fi
	ms_mmcsim_detach "$preset"
done
ms_mmcsim_unload || fail "rmmod mmcsim"
rmmod multisession || fail "rmmod multisession"
totals
