#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot a kernel under QEMU with this machine's root mounted read-only over 9p,
# run one command in a chroot of it and exit with the command's status. Kernel
# code of this project only ever runs here, never in the machine's own kernel.
set -euo pipefail

usage() {
	cat <<'EOF'
usage: run.sh [options] -- COMMAND [ARGS...]

  --kernel K        6.1 | 6.12 | debug  (default 6.1)
  --timeout SEC     whole-run limit, boot included (default 600)
  --scsi-cd ISO     add a scsi-cd on virtio-scsi; ISO is an image or "empty"
  --ide-cd ISO      add an ide-cd on an AHCI controller (libata ATAPI)
  --usb-cd ISO      add a USB mass-storage CD on qemu-xhci
  --modules DIR     project modules for this kernel (default build/<K>/kernel)
  --no-load         do not insmod multisession.ko before COMMAND
  --rw-root         make the whole root writable: an overlay of the host root
                    with its writes kept in VM memory (to install packages)
  --append ARGS     extra kernel command line
  --mem MB          guest memory (default 2048)
  --cpus N          guest CPUs (default 2)
  --log FILE        keep the serial console log there
  -h, --help        this text

Inside the VM COMMAND runs as root in a chroot of the host root, in the
current directory, with /run on tmpfs, /tmp an overlay of the host's /tmp
(host files visible, writes stay in the VM); with --rw-root the same holds
for the whole root. These variables are set:
  MS_VM=1  MS_KVER=<release>  MS_MODDIR=<DIR>  MS_SCRATCH=<dir shared with host>
and every MS_* variable of the caller.
A virtio-blk disk with one partition is always attached (/dev/vda, /dev/vda1).
Exit status: COMMAND's; 124 on timeout; 125 on a kernel splat (BUG, WARNING,
Oops, KASAN, UBSAN, lockdep, kmemleak, hung task) or a VM that did not finish.
EOF
}

top=$(cd "$(dirname "$0")/../.." && pwd)
kernel=6.1
timeout=600
moddir=
load=1
rw_root=0
append=
mem=2048
cpus=2
keep_log=
drives=()

while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--scsi-cd | --ide-cd | --usb-cd) drives+=("${1#--}=$2"); shift 2 ;;
	--modules) moddir=$2; shift 2 ;;
	--no-load) load=0; shift ;;
	--rw-root) rw_root=1; shift ;;
	--append) append=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--cpus) cpus=$2; shift 2 ;;
	--log) keep_log=$2; shift 2 ;;
	-h | --help) usage; exit 0 ;;
	--) shift; break ;;
	*) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done
[ $# -gt 0 ] || { echo "run.sh: no command given" >&2; usage >&2; exit 2; }

newest() { ls -v $1 2>/dev/null | tail -n 1; }

case $kernel in
6.1 | 6.12)
	image=$(newest "/boot/vmlinuz-$kernel.[0-9]*-amd64")
	[ -n "$image" ] || image=$(newest "/boot/vmlinuz-$kernel.[0-9]*+deb12-amd64")
	[ -n "$image" ] || { echo "run.sh: no /boot/vmlinuz-$kernel.* (make deps)" >&2; exit 2; }
	kver=${image#/boot/vmlinuz-}
	;;
debug)
	kdir=$("$top/selftests/vm/debug-kernel.sh" --path)
	image=$kdir/arch/x86/boot/bzImage
	[ -f "$image" ] || { echo "run.sh: debug kernel not built (make debug-kernel)" >&2; exit 2; }
	kver=$(cat "$kdir/include/config/kernel.release")
	;;
*) echo "run.sh: unknown kernel '$kernel'" >&2; exit 2 ;;
esac
[ -n "$moddir" ] || moddir=$top/build/$kernel/kernel
moddir=$(cd "$moddir" 2>/dev/null && pwd || echo "$moddir")

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ms-vm.XXXXXX")
qemu_pid=
tail_pid=
cleanup() {
	[ -z "$qemu_pid" ] || kill -9 "$qemu_pid" 2>/dev/null || true
	[ -z "$tail_pid" ] || kill "$tail_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- initramfs: busybox, the stock modules the VM needs, an init script ---
root=$tmp/initramfs
mkdir -p "$root/bin" "$root/lib/modules" "$root/proc" "$root/sys" "$root/dev" "$root/host"
cp /bin/busybox "$root/bin/busybox"
: >"$root/modules.order"
if [ "$kernel" != debug ]; then
	n=0
	for m in virtio_pci virtio_blk virtio_scsi 9pnet_virtio 9p configfs cdrom sr_mod sg \
		isofs udf overlay ahci xhci_pci usb_storage; do
		modprobe -S "$kver" --show-depends "$m" 2>/dev/null | awk '$1 == "insmod" { print $2 }'
	done | awk '!seen[$0]++' | while read -r ko; do
		n=$((n + 1))
		name=$(printf '%02d-%s' "$n" "$(basename "${ko%.xz}")")
		case $ko in
		*.xz) xz -dc "$ko" >"$root/lib/modules/$name" ;;
		*) cp "$ko" "$root/lib/modules/$name" ;;
		esac
		echo "$name" >>"$root/modules.order"
	done
fi

echo "${#drives[@]}" >"$root/expect_sr"
echo "$rw_root" >"$root/rw_root"

scratch=$tmp/scratch
mkdir -p "$scratch"
{
	printf 'cd %q || exit 125\n' "$PWD"
	printf 'export MS_VM=1 MS_KVER=%q MS_MODDIR=%q MS_SCRATCH=/tmp/ms-scratch\n' "$kver" "$moddir"
	# The caller's MS_* variables carry test parameters into the VM.
	while IFS= read -r var; do
		case $var in MS_VM | MS_KVER | MS_MODDIR | MS_SCRATCH | MS_CACHE) continue ;; esac
		printf 'export %s=%q\n' "$var" "${!var}"
	done < <(compgen -e | grep '^MS_' || true)
	printf 'export HOME=/tmp PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n'
	if [ "$load" = 1 ]; then
		printf 'if [ -f "$MS_MODDIR/multisession.ko" ]; then insmod "$MS_MODDIR/multisession.ko" || exit 125; fi\n'
	fi
	printf 'exec'
	printf ' %q' "$@"
	printf '\n'
} >"$scratch/cmd.sh"

cat >"$root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules.order); do
	insmod /lib/modules/$m || echo "vm-init: insmod $m failed"
done
echo "vm-init: modules loaded"
# USB and AHCI drives enumerate asynchronously: wait for all of them.
want=$(cat /expect_sr)
i=0
while [ "$(ls -d /sys/class/block/sr* 2>/dev/null | wc -l)" -lt "$want" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
h=/host
# lower: the host root as the 9p server gives it, read-only.
lower=$h
mkdir -p /ovl
mount -t tmpfs tmpfs /ovl
if [ "$(cat /rw_root)" = 1 ]; then
	lower=/lower
	mkdir -p $lower /ovl/root /ovl/rootwork
fi
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=512000 hostroot $lower ||
	echo "vm-init: 9p root failed"
# --rw-root: the host's files show through, writes stay in the VM.
if [ $lower != $h ]; then
	mount -t overlay overlay -o lowerdir=$lower,upperdir=/ovl/root,workdir=/ovl/rootwork $h ||
		echo "vm-init: overlay root failed"
fi
# /tmp: likewise, and always.
mkdir -p /ovl/upper /ovl/work
mount -t overlay overlay -o lowerdir=$lower/tmp,upperdir=/ovl/upper,workdir=/ovl/work $h/tmp ||
	mount -t tmpfs tmpfs $h/tmp
mount -t tmpfs tmpfs $h/run
mount -t proc proc $h/proc
mount -t sysfs sys $h/sys
mount -t devtmpfs dev $h/dev
mkdir -p $h/dev/pts $h/dev/shm
ln -s /proc/self/fd $h/dev/fd
ln -s /proc/self/fd/0 $h/dev/stdin
ln -s /proc/self/fd/1 $h/dev/stdout
ln -s /proc/self/fd/2 $h/dev/stderr
mount -t devpts devpts $h/dev/pts
mount -t tmpfs tmpfs $h/dev/shm
mount -t configfs configfs $h/sys/kernel/config 2>/dev/null
mount -t debugfs debugfs $h/sys/kernel/debug 2>/dev/null
mkdir -p $h/tmp/ms-scratch
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 scratch $h/tmp/ms-scratch
echo "vm-init: running command at $(cut -d ' ' -f 1 /proc/uptime)"
chroot $h /bin/sh /tmp/ms-scratch/cmd.sh >$h/tmp/ms-scratch/out 2>&1 </dev/null
echo $? >$h/tmp/ms-scratch/rc
echo "vm-init: command done at $(cut -d ' ' -f 1 /proc/uptime)"
# Report leaks now rather than relying on the periodic scanner.
if [ -w /sys/kernel/debug/kmemleak ] || [ -w $h/sys/kernel/debug/kmemleak ]; then
	k=$h/sys/kernel/debug/kmemleak
	echo scan >$k; sleep 1; echo scan >$k
	cat $k
fi
sync
umount $h/tmp/ms-scratch
echo "vm-init: done at $(cut -d ' ' -f 1 /proc/uptime)"
reboot -f
EOF
chmod +x "$root/init"
(cd "$root" && find . | cpio -o -H newc --quiet) >"$tmp/initramfs.cpio"

# --- disk with an MBR partition table: one Linux partition from LBA 2048 ---
truncate -s 4M "$tmp/disk.img"
printf '\x00\x20\x21\x00\x83\x00\x00\x00\x00\x08\x00\x00\x00\x18\x00\x00' |
	dd of="$tmp/disk.img" bs=1 seek=446 conv=notrunc status=none
printf '\x55\xaa' | dd of="$tmp/disk.img" bs=1 seek=510 conv=notrunc status=none

# --- QEMU ---
accel=(-accel tcg -cpu max)
"$top/selftests/vm/kvm-probe.sh" && accel=(-accel kvm -cpu host)

args=(-M pc -smp "$cpus" -m "$mem" "${accel[@]}" -nodefaults -no-reboot -display none
	-monitor none -serial "file:$tmp/console.log"
	-kernel "$image" -initrd "$tmp/initramfs.cpio"
	# no_timer_check: on a loaded host a TCG guest may miss the IO-APIC
	# timer test's deadline and panic at boot ("IO-APIC + timer doesn't
	# work"); the emulated timer is fine, the check is not for guests.
	-append "console=ttyS0 rdinit=/init no_timer_check panic=-1 oops=panic loglevel=6 $append"
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,path=$scratch,mount_tag=scratch,security_model=none,multidevs=remap"
	-drive "if=virtio,file=$tmp/disk.img,format=raw")
i=0
for d in "${drives[@]}"; do
	kind=${d%%=*}
	iso=${d#*=}
	file=
	if [ "$iso" != empty ]; then
		[ -r "$iso" ] || { echo "run.sh: cannot read image '$iso'" >&2; exit 2; }
		file=",file=$(realpath "$iso"),format=raw,readonly=on"
	fi
	args+=(-drive "if=none,id=cd$i,media=cdrom$file")
	case $kind in
	scsi-cd) args+=(-device "virtio-scsi-pci,id=vscsi$i" -device "scsi-cd,drive=cd$i,bus=vscsi$i.0") ;;
	ide-cd) args+=(-device "ahci,id=ahci$i" -device "ide-cd,drive=cd$i,bus=ahci$i.0") ;;
	usb-cd) args+=(-device "qemu-xhci,id=xhci$i" -device "usb-storage,drive=cd$i,bus=xhci$i.0,removable=on") ;;
	esac
	i=$((i + 1))
done

: >"$scratch/out"
tail -n +1 -f "$scratch/out" &
tail_pid=$!
qemu-system-x86_64 "${args[@]}" </dev/null >"$tmp/qemu.out" 2>&1 &
qemu_pid=$!
timed_out=0
deadline=$((SECONDS + timeout))
cpu_ticks=0
while kill -0 "$qemu_pid" 2>/dev/null; do
	# the VM's host CPU time so far (utime + stime), for the summary
	read -r -a stat <"/proc/$qemu_pid/stat" 2>/dev/null &&
		cpu_ticks=$((stat[13] + stat[14]))
	if [ $SECONDS -ge $deadline ]; then
		timed_out=1
		kill -9 "$qemu_pid" 2>/dev/null || true
		break
	fi
	sleep 0.2
done
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
sleep 0.3
kill "$tail_pid" 2>/dev/null || true
wait "$tail_pid" 2>/dev/null || true
tail_pid=

[ -z "$keep_log" ] || cp "$tmp/console.log" "$keep_log"
logcopy=$top/build/vm-logs/console-$kernel-$(date +%s)-$$.log
show_log() {
	mkdir -p "$(dirname "$logcopy")"
	cp "$tmp/console.log" "$logcopy"
	echo "run.sh: $1; console log: $logcopy" >&2
	grep -v '^$' "$tmp/qemu.out" >&2 || true
	tail -n 60 "$tmp/console.log" >&2
}

splat='(BUG:|WARNING:|Oops|general protection fault|Kernel panic|kernel BUG|KASAN:|UBSAN:|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|unreferenced object|blocked for more than|soft lockup|hard LOCKUP|Call Trace:)'
# The run's figures, counted: a splat is a report's first line (or a stack
# dump without one: a Call Trace that no hung task accounts for); kmemleak
# prints one "unreferenced object" per leak, the hung task detector one
# "blocked for more than" per task.
count() { grep -Ec "$1" "$tmp/console.log" 2>/dev/null || true; }
n_leaks=$(count 'unreferenced object')
n_hung=$(count 'blocked for more than')
n_splats=$(count '(BUG:|WARNING:|Oops|general protection fault|Kernel panic|kernel BUG|KASAN:|UBSAN:|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|soft lockup|hard LOCKUP)')
n_traces=$(($(count 'Call Trace:') - n_hung))
[ "$n_traces" -le "$n_splats" ] || n_splats=$n_traces
echo "# splats $n_splats, kmemleak $n_leaks, hung tasks $n_hung"
# Where the run's time went, in guest seconds: boot, the command, and the
# leak scan with the shutdown after it.
awk '/^vm-init: running command at/ { b = $NF } /^vm-init: command done at/ { c = $NF }
	/^vm-init: done at/ { d = $NF }
	END { if (b != "" && c != "" && d != "")
		printf "# vm time: boot %d s, command %d s, leak scan and shutdown %d s, host CPU %d s\n",
			b, c - b, d - c, cpu }' cpu=$((cpu_ticks / $(getconf CLK_TCK))) "$tmp/console.log"
if grep -Eq "$splat" "$tmp/console.log"; then
	show_log "kernel splat in the console"
	exit 125
fi
if [ $timed_out = 1 ]; then
	show_log "timed out after ${timeout}s"
	exit 124
fi
if [ ! -s "$scratch/rc" ]; then
	show_log "the VM stopped before the command finished"
	exit 125
fi
rc=$(cat "$scratch/rc")
[ "$rc" = 0 ] || [ -z "${MS_VM_VERBOSE:-}" ] || show_log "command exited $rc"
exit "$rc"
