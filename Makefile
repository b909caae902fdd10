# SPDX-License-Identifier: GPL-2.0-only
#
# libmultisession: top-level targets. Kernel modules are built with kbuild in
# a per-kernel copy under build/<kver>/ so that one tree builds for several
# kernels side by side; userspace lives in userlib/ with its own Makefile.

KVER ?= 6.1
SRCDIR := $(CURDIR)
BUILD := $(SRCDIR)/build
KSRC := $(firstword $(wildcard /usr/src/linux-source-6.12))

# Kernel release and build tree for each name KVER may take.
kdir_of = $(if $(filter debug,$(1)),$(shell $(SRCDIR)/selftests/vm/debug-kernel.sh --path),$(lastword $(sort $(wildcard /lib/modules/$(1).[0-9]*-amd64/build /lib/modules/$(1).[0-9]*+deb12-amd64/build))))
KDIR ?= $(call kdir_of,$(KVER))

# The one version of the module, the library and the packages.
VERSION := $(shell cat $(SRCDIR)/VERSION)
KBUILD_VARS := CONFIG_MULTISESSION=m CONFIG_MMCSIM=m CONFIG_MMCSIM_FAULT_INJECTION=y \
	MS_VERSION=$(VERSION)

.PHONY: all deps modules modules-all checkpatch userlib selftests debug-kernel print-kdir \
	check demo bench stress install uninstall clean

all: modules userlib

deps:
	@sh $(SRCDIR)/scripts/deps.sh

# A fresh copy each time: kbuild writes its objects beside the sources.
modules:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || { echo "no kernel build tree for KVER=$(KVER) (make deps)" >&2; exit 1; }
	@rm -rf $(BUILD)/$(KVER)
	@mkdir -p $(BUILD)/$(KVER)
	@cp -r $(SRCDIR)/kernel $(SRCDIR)/uapi $(BUILD)/$(KVER)/
	$(MAKE) -C $(KDIR) M=$(BUILD)/$(KVER)/kernel $(KBUILD_VARS) $(KBUILD_EXTRA) modules

# Every installed header set plus the debug kernel, with W=1 and sparse; any
# warning fails the build.
modules-all: checkpatch
	@set -e; for k in 6.1 6.12 debug; do \
		echo "== modules for $$k (W=1, sparse)"; \
		$(MAKE) --no-print-directory modules KVER=$$k KBUILD_EXTRA="W=1 C=1" \
			>$(BUILD)/modules-$$k.log 2>&1 || { cat $(BUILD)/modules-$$k.log; exit 1; }; \
		if grep -E 'warning:|error:|: sparse:' $(BUILD)/modules-$$k.log; then \
			echo "modules-all: warnings building for $$k" >&2; exit 1; fi; \
	done

# checkpatch, then the uapi header's kernel-doc and the directives of
# Documentation/userspace-api/multisession.rst, then VERSION against every
# file that spells it.
CHECKPATCH_FILES = $(shell find $(SRCDIR)/kernel $(SRCDIR)/uapi -name '*.[ch]' | sort)
checkpatch:
	@mkdir -p $(BUILD)
	@test -n "$(KSRC)" || { echo "linux-source-6.12 missing (make deps)" >&2; exit 1; }
	@# From inside the kernel tree, so that its headers' CamelCase
	@# identifiers (struct Scsi_Host) are known and not reported.
	@cd $(KSRC) && perl scripts/checkpatch.pl --strict --terse --show-types -f \
		$(CHECKPATCH_FILES) | grep -E 'ERROR|WARNING|CHECK' && exit 1 || echo "checkpatch: clean"
	@sh $(SRCDIR)/scripts/check-kernel-doc.sh $(KSRC)
	@sh $(SRCDIR)/scripts/check-version.sh

userlib:
	$(MAKE) -C userlib

selftests:
	$(MAKE) -C selftests

# Install paths. udev, systemd and DKMS read fixed system directories, so
# those do not follow PREFIX: udev's rules and its helper programs
# (multisession_id, which a rule names without a path) among them.
PREFIX ?= /usr/local
INCLUDEDIR ?= $(PREFIX)/include
UDEVDIR ?= /lib/udev
UDEVRULESDIR ?= $(UDEVDIR)/rules.d
MODULESLOADDIR ?= /usr/lib/modules-load.d
DKMSSRCDIR ?= /usr/src/multisession-$(VERSION)
DESTDIR ?=
KERNEL_SRCS := Kbuild $(sort $(notdir $(wildcard $(SRCDIR)/kernel/*.[ch])))
MMCSIM_SRCS := Kbuild $(sort $(notdir $(wildcard $(SRCDIR)/kernel/mmcsim/*.[ch])))

# The library, its headers, msinfo, the udev helper and man pages come from
# userlib; here the uapi header, the udev rules, the modules-load.d snippet
# and the DKMS source (kernel/ with mmcsim/, which kbuild's clean descends
# into, and uapi/).
install:
	$(MAKE) -C userlib install PREFIX=$(PREFIX) INCLUDEDIR=$(INCLUDEDIR) UDEVDIR=$(UDEVDIR) \
		DESTDIR=$(DESTDIR)
	install -d $(DESTDIR)$(INCLUDEDIR)/linux $(DESTDIR)$(UDEVRULESDIR) \
		$(DESTDIR)$(MODULESLOADDIR) $(DESTDIR)$(DKMSSRCDIR)/kernel/mmcsim \
		$(DESTDIR)$(DKMSSRCDIR)/uapi/linux
	install -m 644 uapi/linux/multisession.h $(DESTDIR)$(INCLUDEDIR)/linux/
	install -m 644 dist/60-multisession.rules dist/61-multisession-id.rules \
		$(DESTDIR)$(UDEVRULESDIR)/
	install -m 644 dist/multisession.conf $(DESTDIR)$(MODULESLOADDIR)/
	install -m 644 $(addprefix kernel/,$(KERNEL_SRCS)) $(DESTDIR)$(DKMSSRCDIR)/kernel/
	install -m 644 $(addprefix kernel/mmcsim/,$(MMCSIM_SRCS)) $(DESTDIR)$(DKMSSRCDIR)/kernel/mmcsim/
	install -m 644 uapi/linux/multisession.h $(DESTDIR)$(DKMSSRCDIR)/uapi/linux/
	sed 's/@VERSION@/$(VERSION)/' dkms.conf >$(DESTDIR)$(DKMSSRCDIR)/dkms.conf

# DKMS keeps its builds of a registered source under /var/lib/dkms, and
# removing only the source would leave them (and the installed modules)
# behind: dkms remove goes first when this version is registered. A
# DESTDIR install is never registered with the system's DKMS.
uninstall:
	@if [ -z "$(DESTDIR)" ] && command -v dkms >/dev/null && \
		[ -n "$$(dkms status -m multisession -v $(VERSION) 2>/dev/null)" ]; then \
		echo "dkms remove multisession/$(VERSION) --all"; \
		dkms remove multisession/$(VERSION) --all; \
	fi
	$(MAKE) -C userlib uninstall PREFIX=$(PREFIX) INCLUDEDIR=$(INCLUDEDIR) UDEVDIR=$(UDEVDIR) \
		DESTDIR=$(DESTDIR)
	rm -f $(DESTDIR)$(INCLUDEDIR)/linux/multisession.h \
		$(DESTDIR)$(UDEVRULESDIR)/60-multisession.rules \
		$(DESTDIR)$(UDEVRULESDIR)/61-multisession-id.rules \
		$(DESTDIR)$(MODULESLOADDIR)/multisession.conf
	rm -rf $(DESTDIR)$(DKMSSRCDIR)

print-kdir:
	@echo $(KDIR)

debug-kernel:
	@$(SRCDIR)/selftests/vm/debug-kernel.sh >/dev/null

check: deps
	@$(SRCDIR)/selftests/check.sh

demo: deps
	@$(SRCDIR)/selftests/vm/demo.sh

# The long runs, which make check bounds or keeps to one kernel: see
# selftests/stress.sh (the debug kernel's long runs beside every test on
# 6.1, and 10^7 parser inputs).
stress: deps debug-kernel
	@$(SRCDIR)/selftests/stress.sh

# MMC commands and time of a query against its peers, on stock 6.12 in a VM.
# The guest cannot write into the tree: its output is kept in
# build/bench/bench.out and the chart drawn from it here. The host's load
# before the VM starts goes in with it: the time target is void above 1.
bench: deps
	@mkdir -p $(BUILD)/bench
	@$(MAKE) --no-print-directory modules KVER=6.12 >$(BUILD)/bench-build.log 2>&1 || { cat $(BUILD)/bench-build.log; exit 1; }
	@$(MAKE) --no-print-directory userlib selftests >>$(BUILD)/bench-build.log 2>&1 || { cat $(BUILD)/bench-build.log; exit 1; }
	@{ MS_BENCH_HOST_LOAD=$$(cut -d ' ' -f 1 /proc/loadavg) \
		$(SRCDIR)/selftests/vm/run.sh --kernel 6.12 --timeout 3000 -- selftests/vm/bench.sh $(BENCH_ARGS); \
		echo $$? >$(BUILD)/bench/rc; } | tee $(BUILD)/bench/bench.out
	@$(SRCDIR)/selftests/vm/bench.sh --chart $(BUILD)/bench/bench.svg <$(BUILD)/bench/bench.out && \
		echo "bench: chart in $(BUILD)/bench/bench.svg"
	@exit $$(cat $(BUILD)/bench/rc)

clean:
	rm -rf $(BUILD)
	-$(MAKE) -C userlib clean
	-$(MAKE) -C selftests clean
