#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `make demo`: build everything, boot the 6.1 VM with simulated recorders
# (mmcsim) and a QEMU scsi-cd, and show what each medium allows.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

mkdir -p build
make --no-print-directory modules KVER=6.1 >build/demo.log 2>&1 || { cat build/demo.log; exit 1; }
if [ -f userlib/Makefile ]; then
	make --no-print-directory -C userlib >>build/demo.log 2>&1 || { cat build/demo.log; exit 1; }
fi
rm -f build/demo.log

mkdir -p build/demo/iso
echo "a file on a pressed disc" >build/demo/iso/readme.txt
genisoimage -quiet -R -V DEMO -o build/demo/qemu.iso build/demo/iso
exec selftests/vm/run.sh --kernel 6.1 --scsi-cd build/demo/qemu.iso -- selftests/vm/demo-inside.sh
