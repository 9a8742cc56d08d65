# SPDX-License-Identifier: BSD-3-Clause
# The Linux guest's boot pieces (docs/linux-guests.md), made from Debian 12's arm64 packages
# (tools/linux/fetch.sh: nothing prebuilt is committed) plus our GP client programs
# (guest/linux/), shared by every system and build directory:
#   DEBIAN_IMAGE    Debian's kernel Image (the built-in kernel "debian")
#   TESSERA_INITRD  the initramfs (the built-in "tessera"): /init, busybox, tee.ko/optee.ko, tee-supplicant, libteec, the
#                   C library, and tessera-demo, teec-check, teec-kill, teec-bench in /usr/bin
#   make linux-artifacts   builds both.
# A user may add or replace initramfs files with LINUX_OVERLAY=<dir> (copied over the tree).
LINUX_DIR := build/debian
DEBIAN_IMAGE := $(LINUX_DIR)/Image
TESSERA_INITRD := $(LINUX_DIR)/initrd.cpio.gz
LINUX_STAMP := $(LINUX_DIR)/.fetched
LINUX_SYSROOT := $(LINUX_DIR)/sysroot
LINUX_OVERLAY ?=
LINUX_CC ?= $(CROSS)gcc
LINUX_PROGRAMS := tessera-demo teec-check teec-kill teec-bench
LINUX_BINS := $(addprefix $(LINUX_DIR)/bin/,$(LINUX_PROGRAMS))
# Linked dynamically against Debian's libteec.so.1 (optee-client-dev / libteec1).
LINUX_CFLAGS := -std=gnu11 -O2 $(WARN) -fstack-protector-strong -D_FORTIFY_SOURCE=2 \
	-mbranch-protection=standard -isystem $(LINUX_SYSROOT)/usr/include -Ita/include
LINUX_LDFLAGS := -L$(LINUX_SYSROOT)/usr/lib/aarch64-linux-gnu -lteec -pthread -s

$(LINUX_STAMP): tools/linux/fetch.sh
	@tools/linux/fetch.sh $(LINUX_DIR)
$(DEBIAN_IMAGE) $(LINUX_DIR)/tee.ko $(LINUX_DIR)/optee.ko: $(LINUX_STAMP)
	@test -f $@ || { echo "error: $@ missing after tools/linux/fetch.sh" >&2; exit 1; }

define linux_program_rule
$(LINUX_DIR)/bin/$(1): guest/linux/$(subst -,_,$(1)).c guest/linux/teec_util.c \
		guest/linux/teec_util.h $(LINUX_STAMP) mk/linux.mk
	@mkdir -p $$(@D)
	@echo "  CC      $$@"; $$(LINUX_CC) $$(LINUX_CFLAGS) $$(filter %.c,$$^) $$(LINUX_LDFLAGS) -o $$@
endef
$(foreach p,$(LINUX_PROGRAMS),$(eval $(call linux_program_rule,$(p))))

# With an overlay the archive is always rebuilt: its files are not make prerequisites. The
# overlay's name is kept in a file, so leaving it out again rebuilds the archive too.
LINUX_OVERLAY_NOTE := $(LINUX_DIR)/.overlay
$(shell mkdir -p $(LINUX_DIR) && { [ -f $(LINUX_OVERLAY_NOTE) ] && \
	[ "$$(cat $(LINUX_OVERLAY_NOTE))" = "$(LINUX_OVERLAY)" ] || \
	echo "$(LINUX_OVERLAY)" > $(LINUX_OVERLAY_NOTE); })
$(TESSERA_INITRD): guest/linux/init tools/linux/mkinitramfs.sh $(LINUX_BINS) $(LINUX_STAMP) \
		$(LINUX_OVERLAY_NOTE) $(if $(LINUX_OVERLAY),FORCE)
	@echo "  INITRD  $@"
	@tools/linux/mkinitramfs.sh $@ $(LINUX_DIR) guest/linux/init $(LINUX_BINS) \
		$(if $(LINUX_OVERLAY),-- $(LINUX_OVERLAY))

linux-artifacts: $(DEBIAN_IMAGE) $(TESSERA_INITRD)
.PHONY: linux-artifacts
