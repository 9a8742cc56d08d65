# SPDX-License-Identifier: BSD-3-Clause
# Tessera top-level build.
#   make run           install what is missing, build the demo system, boot it in QEMU
#   make test          host unit tests + QEMU system tests, ends with a summary line
#   make images SYS=x  build the flash image of system x (config/systems or test/sys/systems)
#                      (a test build loads the *_test variants of spmc, nshyp and tos)
#   make check-format  clang-format check
#   make structure-check  the layout rules of docs/architecture.md §12
.DEFAULT_GOAL := all
SYS ?= demo
SYS_SRC := $(firstword $(wildcard config/systems/$(SYS).c test/sys/systems/$(SYS).c \
	bench/systems/$(SYS).c))
# SYS_DEFS: extra -D flags for the system description; BUILD_NAME: its build directory.
SYS_DEFS ?=
BUILD_NAME ?= $(SYS)
B := build/$(BUILD_NAME)
CROSS ?= aarch64-linux-gnu-
CC := $(CROSS)gcc
OBJCOPY := $(CROSS)objcopy
HOSTCC ?= gcc
PYTHON := /usr/bin/python3

WARN := -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wvla -Wundef \
	-Wno-unused-parameter
# Hardening (docs/architecture.md §8): stack canaries against a per-build guard (made once per
# build directory, lib/stack_protector.c), PAC/BTI instructions (hint space: NOPs until an EL
# enables them, see docs/architecture.md §8), and -Wconversion for every image and TA (host tests: WARN only).
STACK_GUARD := $(shell f=$(B)/stack_guard; [ -s $$f ] || { mkdir -p $(B); \
	od -An -N8 -tx8 /dev/urandom | tr -d ' \n' > $$f; }; cat $$f)
HARDEN := -fstack-protector-strong -DSTACK_GUARD_SEED=0x$(STACK_GUARD)ull -mbranch-protection=standard \
	-Wconversion
FW_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdlib -fno-pie -fno-pic -fno-common \
	$(HARDEN) -fno-strict-aliasing -fno-tree-loop-distribute-patterns -mgeneral-regs-only -mstrict-align -march=armv8.4-a $(WARN) \
	-Iinclude -Iconfig/include -Iplat/qemu_virt/include -Iarch/aarch64/include
FW_LDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-rwx-segments

# The port contract (include/port/) is implemented by arch/aarch64/port.c; the console's UART
# driver is the platform's choice (plat/qemu_virt/console.c).
LIB_SRCS := lib/string.c lib/print.c lib/log_limit.c lib/stack_protector.c drivers/pl011/pl011.c \
	plat/qemu_virt/console.c arch/aarch64/semihost.c arch/aarch64/port.c
SYS_CFLAGS = $(if $(filter config/%,$(SYS_SRC)),,-Iconfig/systems)
# Linux guests' kernel and initramfs from Debian packages: DEBIAN_IMAGE, TESSERA_INITRD (mk/linux.mk).
include mk/linux.mk
# mbedTLS for the monitor's device attestation key and the SPMC's SHA-256 (docs/attestation.md):
# ATTEST_MBEDTLS_LIB, ATTEST_MBEDTLS_INC. Boot has its own (boot/mbedtls/boot_mbedtls.mk, below):
# one source tree, two builds of the objects they share (bignum, sha256, platform_util,
# constant_time), because mbedTLS's configuration header is compiled into each object (which
# functions and struct fields exist: RSA-PSS verification for boot, HKDF/ECDSA P-256 with a
# static allocator for the monitor) and the flags differ (boot's branch protection; the
# monitor's and SPMC's x9-x17 left to the lower EL, one section per function).
include attest/mbedtls/mbedtls.mk

# ---- images ------------------------------------------------------------------
# Boot verifies the signed package (docs/secure-boot.md) with mbedTLS (boot/mbedtls/).
include boot/mbedtls/boot_mbedtls.mk
BOOT_VERIFY_SRCS := boot/pkg_verify.c boot/crypto.c
boot_SRCS := boot/arch/aarch64/entry.S boot/boot.c boot/mem.c boot/rollback.c $(BOOT_VERIFY_SRCS) \
	boot/arch/aarch64/sha256_ce.S boot/arch/aarch64/flash_cfi.S $(LIB_SRCS)
boot_LD := boot/boot.ld
boot_FLAGS := -Iboot/include -I$(B)/gen $(MBEDTLS_BOOT_INC)
boot_LIBS := $(MBEDTLS_BOOT_LIB)
# Signing keys: KEYS=<dir> (root.pem, platform.pem, <vendor>.pem); without it, development keys
# made once in build/keys (never committed: build/ is ignored). Boot holds the root key's hash.
KEYS ?=
KEYS_DIR := $(or $(KEYS),build/keys)
KEYS_GEN := $(if $(KEYS),,--generate)
# SVN="<signer>=<n> ...": the security versions of the signers' manifests (default 0).
SVN ?=

monitor_SRCS := monitor/arch/aarch64/entry.S monitor/arch/aarch64/exceptions.S monitor/main.c \
	monitor/smc.c monitor/psci.c monitor/spmd.c monitor/arch/aarch64/world_arch.c \
	monitor/arch/aarch64/world_regs.S $(B)/gen/monitor_view.c \
	drivers/gicv3/gicv3.c $(LIB_SRCS) monitor/attest_smc.c attest/attest_key.c
monitor_LD := monitor/monitor.ld
# The device attestation key (docs/attestation.md): mbedTLS, unused parts dropped.
monitor_LIBS := $(ATTEST_MBEDTLS_LIB)
monitor_LDFLAGS := -Wl,--gc-sections -Wl,-Map=$(B)/monitor.map
# MONITOR_DEFS: extra -D flags for the monitor (test_el3.py: MONITOR_CHECK_EXTRA).
MONITOR_DEFS ?=
monitor_FLAGS := -DARCH_EL=3 -Imonitor/include -Imonitor/arch/aarch64/include $(MONITOR_DEFS) \
	$(ATTEST_MBEDTLS_INC)

HYP_SRCS := hyp/arch/aarch64/entry.S hyp/arch/aarch64/exceptions.S hyp/core/vm.c hyp/core/common.c \
	hyp/arch/aarch64/vm_arch.c hyp/arch/aarch64/vcpu_regs.S hyp/arch/aarch64/fp.S hyp/core/rxtx.c \
	lib/xlat/s2.c hyp/arch/aarch64/stage1.c $(LIB_SRCS)
# Unreferenced functions are dropped from the hypervisors: what only a test hook calls
# (e.g. arch_hyp_state_check) is not in the product images.
# x9-x17 belong to the lower EL (hyp/arch/aarch64/exceptions.S): no hypervisor C code uses
# them, so an exit saves only what C can clobber (x0-x8, x18, x29, x30) and a vCPU's x9-x17
# stay live in the registers until it is switched away; hypervisor assembly must not write them
# either (only the vCPU frame save/restore does). Not x8: struct returns (AAPCS64) use it.
HYP_FIXED_REGS := $(foreach r,9 10 11 12 13 14 15 16 17,-ffixed-x$(r)) -DHYP_FIXED_X9_X17=1
HYP_FLAGS := -DARCH_EL=2 -Ihyp/include -Ihyp/arch/aarch64/include -ffunction-sections -fdata-sections \
	$(HYP_FIXED_REGS)
HYP_LDFLAGS := -Wl,--gc-sections
# The attestation service the SPMC hosts (docs/attestation.md): claims, CBOR, COSE.
ATTEST_SRCS := attest/cbor.c attest/token.c attest/attest_service.c
spmc_SRCS := $(HYP_SRCS) hyp/role/spmc/spmc.c hyp/role/spmc/ffa_spmc.c hyp/role/spmc/mem_spmc.c \
	hyp/role/spmc/irq_spmc.c hyp/role/spmc/notif_spmc.c hyp/role/spmc/msg_spmc.c \
	hyp/core/mem_share.c hyp/role/spmc/arch/aarch64/other_world.S $(B)/gen/spmc_view.c \
	hyp/role/spmc/spmc_hooks.c hyp/role/spmc/arch/aarch64/spmc_arch.c $(ATTEST_SRCS) \
	attest/attest_spmc.c
spmc_LD := hyp/hyp.ld
spmc_FLAGS := $(HYP_FLAGS) -DHYP_BASE=PLAT_SPMC_BASE -DHYP_SIZE=PLAT_SPMC_SIZE -I$(B)/gen \
	$(ATTEST_MBEDTLS_INC)
spmc_LDFLAGS := $(HYP_LDFLAGS)
spmc_LIBS := $(ATTEST_MBEDTLS_LIB)
# These include mbedTLS's headers: the source tree must be there first.
$(B)/obj/monitor/attest_attest_key.c.o $(foreach i,spmc spmc_test,$(B)/obj/$(i)/attest_attest_spmc.c.o): \
	| $(MBEDTLS_STAMP)
nshyp_SRCS := $(HYP_SRCS) hyp/role/nshyp/nshyp.c hyp/role/nshyp/guest_calls.c hyp/role/nshyp/notif_nshyp.c hyp/role/nshyp/vm_msg.c hyp/role/nshyp/msg_nshyp.c \
	hyp/role/nshyp/sched.c hyp/role/nshyp/irq.c hyp/role/nshyp/vcons.c \
	hyp/role/nshyp/optee_mediator.c hyp/role/nshyp/mem_nshyp.c hyp/role/nshyp/vm_mem.c hyp/core/mem_share.c lib/ffa_mem_client.c \
	drivers/gicv3/gicv3_ns.c $(B)/gen/nshyp_view.c hyp/role/nshyp/vgic.c \
	hyp/role/nshyp/nshyp_hooks.c hyp/role/nshyp/arch/aarch64/nshyp_arch.c \
	hyp/role/nshyp/arch/aarch64/vgic_arch.c
nshyp_LD := hyp/hyp.ld
nshyp_FLAGS := $(HYP_FLAGS) -DHYP_BASE=PLAT_NSHYP_BASE -DHYP_SIZE=PLAT_NSHYP_SIZE -I$(B)/gen
nshyp_LDFLAGS := $(HYP_LDFLAGS)
# nsclient: a bare NS-EL2 test client run in place of nshyp (system field ns_el2_image).
nsclient_SRCS := test/payloads/nsclient/entry.S test/payloads/nsclient/nsclient.c lib/bench.c $(LIB_SRCS)
nsclient_LD := test/payloads/nsclient/nsclient.ld
nsclient_FLAGS := -DARCH_EL=2
# The secure-interrupt tests' partition (S-EL1) and normal world (NS-EL2, in nshyp's window):
# test payloads only, named by test systems (docs/testing.md).
irq_sp_SRCS := test/payloads/irq_sp/entry.S test/payloads/irq_sp/irq_sp.c $(LIB_SRCS)
irq_sp_LD := test/payloads/irq_sp/irq_sp.ld
irq_sp_FLAGS := -DARCH_EL=1 -Itest/payloads/irq_sp
irq_ns_SRCS := test/payloads/nsclient/entry.S test/payloads/irq_ns/irq_ns.c \
	test/payloads/irq_ns/spin.S $(LIB_SRCS)
irq_ns_LD := test/payloads/nsclient/nsclient.ld
irq_ns_FLAGS := -DARCH_EL=2

PAYLOAD_SRCS := lib/ffa_mem_client.c $(LIB_SRCS)
# Test helpers of the payloads (probes, random calls, state checks): in the test guest and in
# the trusted OS's test variant, never in a product image. Their header: <payload/state_check.h>.
PAYLOAD_TEST_SRCS := test/payloads/arch/aarch64/el1_call_check.S test/payloads/arch/aarch64/el1_state.c \
	test/payloads/arch/aarch64/fault_probe.S \
	lib/smccc_probe.c \
	lib/hostile.c
PAYLOAD_TEST_FLAGS := -Itest/payloads/arch/aarch64/include
TOS_CORE_SRCS := tos/tos.c tos/ffa_bufs.c tos/arch/aarch64/entry.S \
	tos/arch/aarch64/mmu.c tos/arch/aarch64/cpu.c tos/pages.c tos/msg.c tos/shm.c tos/ta_mgr.c tos/syscall.c \
	tos/optee_server.c tos/attest.c $(PAYLOAD_SRCS)
tos_SRCS := $(TOS_CORE_SRCS) $(B)/gen/ta_blobs.S
tos_LD := tos/arch/aarch64/tos.ld
tos_FLAGS := -DPAYLOAD_BASE=0x10000000 -DPAYLOAD_MAX=0x100000 -Itos/include -Ita/include \
	$(ATTEST_MBEDTLS_INC)
# SHA-256 of a TA's image for TEE_Attest (tos/attest.c): mbedTLS's sha256 only.
tos_LIBS := $(ATTEST_MBEDTLS_LIB)

# ---- test variants (a description with test_build loads these; docs/testing.md) ----------
# The same sources with TESSERA_TEST_BUILD, plus the test-only files: the trusted OS's
# diagnostic protocol and test commands (tos/test/), the test TA, and the hypervisors' test
# hypercalls (hyp/core/test_calls.c).
TEST_FLAGS := -DTESSERA_TEST_BUILD=1
tos_test_SRCS := $(TOS_CORE_SRCS) tos/test/diag.c tos/test/indirect.c tos/test/selftest.c tos/test/memtest.c \
	test/payloads/tos/attest_probe.c \
	$(PAYLOAD_TEST_SRCS) $(B)/gen/ta_blobs_test.S
tos_test_LD := $(tos_LD)
tos_test_FLAGS := $(tos_FLAGS) $(TEST_FLAGS) $(PAYLOAD_TEST_FLAGS)
tos_test_LIBS := $(tos_LIBS)
$(foreach h,spmc nshyp,$(eval $(h)_test_SRCS := $($(h)_SRCS) hyp/core/test_calls.c) \
	$(eval $(h)_test_LD := $($(h)_LD)) $(eval $(h)_test_FLAGS := $($(h)_FLAGS) $(TEST_FLAGS)) \
	$(eval $(h)_test_LDFLAGS := $($(h)_LDFLAGS)) $(eval $(h)_test_LIBS := $($(h)_LIBS)))
# nshyp_test prints the boot time of the first Linux guest for make bench.
nshyp_test_SRCS += hyp/role/nshyp/test_bench.c

# Trusted Applications (docs/tos.md §4): every ta/<name>/ta.mk (TA_<name>_SRCS, _CFLAGS, _LIBS)
# is linked with ta/lib and ta/libc at TA_VA_BASE and built into the tos image.
-include ta/libc/libc.mk
TA_NAMES := $(patsubst ta/%/ta.mk,%,$(wildcard ta/*/ta.mk))
$(foreach t,$(TA_NAMES),$(eval include ta/$(t)/ta.mk))
TA_LIB_SRCS := ta/lib/ta_entry.c ta/lib/tee_api.c ta/lib/malloc.c ta/lib/property.c \
	ta/lib/stack_protector.c
TA_CFLAGS := -std=gnu11 -O2 -g -ffreestanding -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
	-fno-pie -fno-pic -fno-common $(HARDEN) -fno-strict-aliasing \
	-fno-tree-loop-distribute-patterns -mgeneral-regs-only -mstrict-align -march=armv8.4-a $(WARN) \
	$(TA_LIBC_INC) -Ita/include -Itos/include -Ita/lib
define ta_obj_rule
$(B)/ta/$(1)/$(subst /,_,$(2)).o: $(2) Makefile | $$(TA_$(1)_LIBS)
	@mkdir -p $$(@D)
	@echo "  CC      $$@"; $$(CC) $$(TA_CFLAGS) -Ita/$(1) -DTA_NAME='"$(1)"' $$(TA_$(1)_CFLAGS) -MMD -MP -c $$< -o $$@
endef
define ta_rules
ta_$(1)_OBJS := $$(patsubst %,$(B)/ta/$(1)/%.o,$$(subst /,_,$$(TA_$(1)_SRCS) $(TA_LIB_SRCS) $(TA_LIBC_SRCS)))
$$(foreach s,$$(TA_$(1)_SRCS) $(TA_LIB_SRCS) $(TA_LIBC_SRCS),$$(eval $$(call ta_obj_rule,$(1),$$(s))))
$(B)/ta/$(1).elf: $$(ta_$(1)_OBJS) ta/lib/ta.ld $$(TA_$(1)_LIBS)
	$$(CC) $$(FW_LDFLAGS) -T ta/lib/ta.ld $$(ta_$(1)_OBJS) $$(TA_$(1)_LIBS) -lgcc -o $$@
$(B)/ta/$(1).bin: $(B)/ta/$(1).elf
	$$(OBJCOPY) -O binary $$< $$@
-include $$(ta_$(1)_OBJS:.o=.d)
endef
$(foreach t,$(TA_NAMES),$(eval $(call ta_rules,$(t))))
# The test TA is built into the trusted OS's test variant only.
TA_TEST_NAMES := test test_map
define ta_blobs_rule
$(B)/gen/$(1): $(foreach t,$(2),$(B)/ta/$(t).bin) Makefile
	@mkdir -p $$(@D)
	@{ echo '/* Generated by the Makefile: the TA images built into the trusted OS. */'; \
	  echo '.section .rodata.ta_blobs, "a"'; echo '.balign 8'; \
	  echo '.global ta_blob_table, ta_blob_count'; \
	  echo 'ta_blob_count: .word $(words $(2))'; echo '.balign 8'; echo 'ta_blob_table:'; \
	  $(foreach t,$(2),echo '.quad ta_$(t)_start, ta_$(t)_end';) \
	  $(foreach t,$(2),echo '.balign 16'; echo 'ta_$(t)_start: .incbin "$(B)/ta/$(t).bin"'; \
	    echo 'ta_$(t)_end:';) } > $$@
endef
$(eval $(call ta_blobs_rule,ta_blobs.S,$(filter-out $(TA_TEST_NAMES),$(TA_NAMES))))
$(eval $(call ta_blobs_rule,ta_blobs_test.S,$(TA_NAMES)))

# libteec (GP TEE Client API) with its FF-A transport, linked into the test guest.
LIBTEEC_SRCS := client/libteec/teec_api.c client/libteec/teec_marshal.c client/libteec/teec_pages.c \
	client/libteec/teec_names.c client/libteec/ffa_transport.c
# The one bare-metal guest image: the product part (guest/: entry, scenario switch, demo app)
# and the test suites it switches to (test/payloads/guest/).
GUEST_TEST_SRCS := $(addprefix test/payloads/guest/,bench.c conformance.c hostile.c state.c \
	leak_probe.c smccc_regs.c hardening.c attacker.c mem_test.c s2_drain.c mem_quota.c lifecycle.c \
	teec_conformance.c optee_raw.c product_probe.c optee_smc.c preempt.c sched.c fp_regs.S tally.c \
	bench_irq.S bench_attest.c vm_msg.c vm_mem.c npi.c npi_irq.S indirect.c)
guest_SRCS := guest/arch/aarch64/entry.S $(B)/gen/tee_directory.c guest/guest.c guest/demo_app.c \
	lib/bench.c $(GUEST_TEST_SRCS) $(LIBTEEC_SRCS) $(PAYLOAD_SRCS) $(PAYLOAD_TEST_SRCS)
guest_LD := guest/arch/aarch64/guest.ld
guest_FLAGS := -DPAYLOAD_BASE=0x40000000 -DPAYLOAD_MAX=0x200000 -Iclient/libteec/include -Ita/include \
	$(PAYLOAD_TEST_FLAGS)

IMAGES := boot monitor spmc nshyp nsclient tos guest spmc_test nshyp_test tos_test irq_sp irq_ns

# One object rule per (image, source): the same source may be built with different flags per image.
define obj_rule
$(B)/obj/$(1)/$(subst /,_,$(2)).o: $(2) Makefile
	@mkdir -p $$(@D)
	@echo "  CC      $$@"; $$(CC) $$(FW_CFLAGS) $$($(1)_FLAGS) $(if $(filter %.S,$(2)),-D__ASSEMBLER__) -MMD -MP -c $$< -o $$@
endef

define image_rules
$(1)_OBJS := $(patsubst %,$(B)/obj/$(1)/%.o,$(subst /,_,$($(1)_SRCS)))
$(foreach s,$($(1)_SRCS),$(eval $(call obj_rule,$(1),$(s))))
$(B)/$(1).ld: $($(1)_LD) plat/qemu_virt/include/plat/plat_def.h
	@mkdir -p $$(@D)
	$$(CC) -E -P -x c $$(FW_CFLAGS) $$($(1)_FLAGS) $$< -o $$@
$(B)/$(1).elf: $$($(1)_OBJS) $(B)/$(1).ld $$($(1)_LIBS)
	$$(CC) $$(FW_LDFLAGS) $$($(1)_LDFLAGS) -T $(B)/$(1).ld $$($(1)_OBJS) $$($(1)_LIBS) -lgcc -o $$@
$(B)/$(1).bin: $(B)/$(1).elf
	$$(OBJCOPY) -O binary $$< $$@
-include $$($(1)_OBJS:.o=.d)
endef
$(foreach i,$(IMAGES),$(eval $(call image_rules,$(i))))

# The platform constants the hypervisor core uses (CONFIG_MAX_CPUS, CONFIG_STACK_SIZE) reach it
# through a generated header, <config/platform.h>, so that it includes no platform header
# (docs/architecture.md §12): their values, read from the platform's plat_def.h.
PLAT_DEF := plat/qemu_virt/include/plat/plat_def.h
PLAT_CONFIG := MAX_CPUS STACK_SIZE
define platform_config_rule
$(1)/config/platform.h: $(PLAT_DEF) Makefile
	@mkdir -p $$(@D)
	@{ echo '/* Generated from $(PLAT_DEF) by the Makefile. Do not edit. */'; \
	  echo '#ifndef CONFIG_PLATFORM_H'; echo '#define CONFIG_PLATFORM_H'; \
	  printf '#include <plat/plat_def.h>\n$(foreach k,$(PLAT_CONFIG),CONFIG_$(k) PLAT_$(k)\n)' | \
	    $(HOSTCC) -E -P -I$(dir $(PLAT_DEF)).. -x c - | sed -n 's/^ *CONFIG_/#define CONFIG_/p'; \
	  echo '#endif'; } > $$@
endef
$(eval $(call platform_config_rule,$(B)/gen))
$(eval $(call platform_config_rule,build/host/gen))
HOST_CONFIG := build/host/gen/config/platform.h
$(foreach i,spmc nshyp spmc_test nshyp_test,$($(i)_OBJS)): $(B)/gen/config/platform.h
# The root key's hash boot is built with (always regenerated: the keys are not make targets).
$(B)/gen/boot_rotpk.h: tools/mkpkg.py FORCE
	@mkdir -p $(@D)
	@$(PYTHON) tools/mkpkg.py rotpk $(KEYS_GEN) $(KEYS_DIR) $@.new && \
		{ cmp -s $@.new $@ && rm $@.new || mv $@.new $@; }
$(boot_OBJS): $(B)/gen/boot_rotpk.h $(MBEDTLS_STAMP)

# ---- system description ------------------------------------------------------
# Linux guests (docs/system-description.md): the built-in kernel "debian" and initramfs
# "tessera" (mk/linux.mk builds them), and overrides from the make command line applied to every
# Linux guest of the system: LINUX_KERNEL=<Image> LINUX_INITRD=<cpio> LINUX_CMDLINE="<text>".
# The built-ins are DEBIAN_IMAGE and TESSERA_INITRD (mk/linux.mk); a user's files are never
# make targets, only prerequisites.
sh_quote = '$(subst ','\'',$(1))'
CFGTOOL_LINUX := --builtin-kernel debian=$(DEBIAN_IMAGE) --builtin-initrd tessera=$(TESSERA_INITRD) \
	$(if $(LINUX_KERNEL),--kernel $(call sh_quote,$(LINUX_KERNEL))) \
	$(if $(LINUX_INITRD),--initrd $(call sh_quote,$(LINUX_INITRD))) \
	$(if $(LINUX_CMDLINE),--cmdline $(call sh_quote,$(LINUX_CMDLINE)))
# A product description (config/systems/) must not be a test build: cfgtool --product refuses it.
CFGTOOL_FLAGS := $(if $(filter config/%,$(SYS_SRC)),--product)
CFGTOOL_ARGS := $(strip $(CFGTOOL_FLAGS) $(CFGTOOL_LINUX))
# cfgtool's options are recorded in a file that changes only with them, so that a new override
# on the command line reruns it.
ifneq ($(file < $(B)/gen/cfgtool.args),$(CFGTOOL_ARGS))
$(shell mkdir -p $(B)/gen)
$(file > $(B)/gen/cfgtool.args,$(CFGTOOL_ARGS))
endif

CFGTOOL_SRCS := tools/cfgtool/cfgtool.c tools/cfgtool/linux.c config/validate.c
$(B)/cfgtool: $(CFGTOOL_SRCS) tools/cfgtool/cfgtool.h $(SYS_SRC) config/include/config/system.h \
		config/include/config/s2_budget.h config/systems/common.h include/abi/scenario.h \
		plat/qemu_virt/include/plat/plat_def.h include/abi/pkg.h
	@test -n "$(SYS_SRC)" || { echo "error: no system description named '$(SYS)'" >&2; exit 1; }
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 $(WARN) -Iinclude -Iconfig/include -Iplat/qemu_virt/include $(SYS_CFLAGS) $(SYS_DEFS) \
		$(CFGTOOL_SRCS) $(SYS_SRC) -o $@
# images.mk (cfgtool --deps): what must exist before the gen step: SYS_IMAGES (the built-in
# images the package loads), SYS_LINUX_FILES (the Linux guests' kernels and initramfs images,
# which the gen step reads) and SYS_DTBS.
$(B)/gen/images.mk: $(B)/cfgtool $(B)/gen/cfgtool.args
	$(B)/cfgtool --deps $(CFGTOOL_ARGS) $(SYS_SRC) $(B)/gen
# Included before the rules that use its lists (a rule's prerequisites expand when it is read).
# SYS_IMAGES holds product or test variants; only those are built for the flash image.
ifneq ($(filter all images $(B)/%,$(or $(MAKECMDGOALS),all)),)
include $(B)/gen/images.mk
endif
$(B)/gen/spmc_view.c $(B)/gen/nshyp_view.c $(B)/gen/monitor_view.c $(B)/gen/images.txt \
		$(B)/gen/tee_directory.c: \
		$(B)/gen/.stamp
	@: # written by the .stamp recipe; a recipe makes make look at their new dates
# The built-in Linux files are made by their rules; a user's file that is missing is for cfgtool
# to report (in one sentence), not for make.
LINUX_BUILTIN_FILES := $(DEBIAN_IMAGE) $(TESSERA_INITRD)
$(B)/gen/.stamp: $(B)/cfgtool $(B)/gen/cfgtool.args $(filter $(LINUX_BUILTIN_FILES),$(SYS_LINUX_FILES)) \
		$(wildcard $(filter-out $(LINUX_BUILTIN_FILES),$(SYS_LINUX_FILES)))
	@mkdir -p $(@D)
	$(B)/cfgtool $(CFGTOOL_ARGS) $(SYS_SRC) $(B)/gen
	@touch $@
# Each Linux guest's device tree: cfgtool writes the source, dtc compiles it.
.PRECIOUS: $(B)/gen/%.dts
$(B)/gen/%.dts: $(B)/gen/.stamp
	@:
$(B)/gen/%.dtb: $(B)/gen/%.dts
	dtc -I dts -O dtb -o $@ $<

# Always repacked: a user-supplied raw image (a path in the description) is not a make prerequisite.
$(B)/flash.bin: $(foreach i,boot $(SYS_IMAGES),$(B)/$(i).bin) $(SYS_DTBS) $(B)/gen/.stamp \
		tools/mkpkg.py FORCE
	@$(PYTHON) tools/mkpkg.py --keys $(KEYS_DIR) $(KEYS_GEN) $(foreach v,$(SVN),--svn $(v)) \
		$(foreach d,images.txt spmc_view.c nshyp_view.c,--desc $(B)/gen/$(d)) \
		--measurements $(B)/measurements.json \
		$(B)/gen/images.txt $(B) $(B)/boot.bin $@
	@$(PYTHON) tools/attest_provision.py $(B) $@

images: $(B)/flash.bin
all: images

# ---- running ----------------------------------------------------------------
deps:
	@tools/install-deps.sh

# The bank's side of the demo: every attestation token a guest printed is checked by
# tools/verify-token against the build's reference values (docs/attestation.md).
run: deps
	$(MAKE) images SYS=$(SYS)
	@{ tools/qemu.sh $(B)/flash.bin; echo $$? > $(B)/run.rc; } | tee $(B)/run.log; \
	rc=$$(cat $(B)/run.rc); [ "$$rc" = 0 ] || exit $$rc; \
	if grep -q "attest token end" $(B)/run.log; then \
		echo "the bank verifies the wallet's attestation tokens (tools/verify-token):"; \
		tools/verify-token --reference $(B)/attest/reference.json --log $(B)/run.log --tee pay \
			--ta wallet; \
	fi

# ---- tests --------------------------------------------------------------------
HOST_TEST_FLAGS := -std=gnu11 -g -O1 $(WARN) -fsanitize=address,undefined -fno-sanitize-recover=all \
	-Iinclude -Iconfig/include -Iplat/qemu_virt/include
UNIT_TESTS := test_s2_fake test_s2_aarch64 test_validate test_smccc test_spmc test_nshyp test_vm_msg test_mem_share \
	test_tos_msg test_tos_shm test_tos_syscall test_tos_pages test_tos_ta_mgr test_tos_server \
	test_libteec test_libteec_ffa test_ta_vault test_ta_wallet test_ta_test test_ta_libc test_mem_spmc \
	test_ta_property \
	test_mem_nshyp test_log_limit test_optee_mediator test_vgic test_ffa_conformance test_notif_spmc test_msg_spmc test_msg_nshyp \
	test_pkg_verify \
	test_attest
build/host/test_s2_fake: test/unit/test_s2.c lib/xlat/s2.c lib/string.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Iarch/fake/include $^ -lcmocka -o $@
build/host/test_s2_aarch64: test/unit/test_s2.c lib/xlat/s2.c lib/string.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -DTEST_AARCH64_PTE -Iarch/aarch64/include $^ -lcmocka -o $@
build/host/test_validate: test/unit/test_validate.c config/validate.c config/systems/common.h include/abi/scenario.h \
		config/include/config/system.h include/abi/pkg.h plat/qemu_virt/include/plat/plat_def.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# The SPMC's secure-interrupt bookkeeping with the host's model of its GIC hooks, and its
# notifications (every host build of the dispatcher links both).
SPMC_IRQ_HOST_SRCS := hyp/role/spmc/irq_spmc.c test/fuzz/spmc_gic_fake.c hyp/role/spmc/notif_spmc.c \
	hyp/role/spmc/msg_spmc.c
HOST_HYP_FLAGS := -Iarch/fake/include -Ihyp/include -Ihyp/arch/fake/include -Ibuild/host/gen
# The host's side of the port contract (include/port/): arch/fake/port.c, which calls the
# harness's fake_smc() (so only where lib/ffa_mem_client.c is linked).
HOST_PORT_SRCS := arch/fake/port.c
# The SPMC with its real memory management, in the host model of test/fuzz/spmc_world.c.
MEM_SPMC_SRCS := test/fuzz/spmc_world.c test/fuzz/spmc_host.c hyp/arch/fake/exceptions.c test/fuzz/fake_phys.c hyp/role/spmc/ffa_spmc.c hyp/role/spmc/mem_spmc.c \
	$(SPMC_IRQ_HOST_SRCS) \
	hyp/core/mem_share.c lib/ffa_mem_client.c test/fuzz/host_stubs.c lib/log_limit.c hyp/core/rxtx.c \
	hyp/core/vm.c hyp/arch/fake/vm_arch.c lib/xlat/s2.c $(HOST_PORT_SRCS)
MEM_SPMC_DEPS := test/fuzz/spmc_world.h test/fuzz/spmc_host.h test/fuzz/fake_phys.h hyp/role/spmc/spmc.h hyp/include/hyp/mem_share.h \
	include/abi/ffa_mem.h include/lib/ffa_mem_client.h arch/fake/include/arch/smc.h \
	arch/fake/include/arch/sysreg.h $(HOST_CONFIG)
build/host/test_mem_spmc: test/unit/test_mem_spmc.c $(MEM_SPMC_SRCS) hyp/role/spmc/spmc_hooks.c $(MEM_SPMC_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# nshyp's memory management for two guests, in front of that SPMC (test/fuzz/nshyp_world.c).
# Both roles in one process: test/fuzz/two_roles.c gives each VM its own role's hook.
MEM_NSHYP_SRCS := $(MEM_SPMC_SRCS) test/fuzz/nshyp_world.c hyp/role/nshyp/guest_calls.c hyp/role/nshyp/notif_nshyp.c hyp/role/nshyp/vm_msg.c hyp/role/nshyp/msg_nshyp.c \
	hyp/role/nshyp/optee_mediator.c hyp/role/nshyp/mem_nshyp.c hyp/role/nshyp/vm_mem.c test/fuzz/two_roles.c
MEM_NSHYP_DEPS := $(MEM_SPMC_DEPS) test/fuzz/nshyp_world.h hyp/role/nshyp/nshyp.h hyp/role/nshyp/vm_msg.h hyp/role/nshyp/vm_mem.h
build/host/test_mem_nshyp: test/unit/test_mem_nshyp.c $(MEM_NSHYP_SRCS) $(MEM_NSHYP_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# nshyp's OP-TEE SMC ABI mediator with its real memory sharing, against a stub secure world.
build/host/test_optee_mediator: test/unit/test_optee_mediator.c hyp/role/nshyp/guest_calls.c hyp/role/nshyp/notif_nshyp.c hyp/role/nshyp/vm_msg.c hyp/role/nshyp/msg_nshyp.c \
		hyp/role/nshyp/optee_mediator.c hyp/role/nshyp/mem_nshyp.c hyp/role/nshyp/vm_mem.c hyp/core/mem_share.c \
		lib/ffa_mem_client.c test/fuzz/host_stubs.c lib/log_limit.c hyp/core/rxtx.c hyp/core/vm.c \
		hyp/arch/fake/vm_arch.c lib/xlat/s2.c hyp/role/nshyp/nshyp.h hyp/role/nshyp/vm_msg.h \
		hyp/role/nshyp/optee_mediator.h include/abi/optee_smc.h hyp/role/nshyp/nshyp_hooks.c \
		$(HOST_PORT_SRCS) $(HOST_CONFIG)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
build/host/test_spmc: test/unit/test_spmc.c hyp/role/spmc/ffa_spmc.c $(SPMC_IRQ_HOST_SRCS) test/fuzz/spmc_host.c hyp/arch/fake/exceptions.c test/fuzz/spmc_host.h test/fuzz/host_stubs.c lib/log_limit.c test/fuzz/mem_stubs.c \
		hyp/core/rxtx.c hyp/core/vm.c hyp/arch/fake/vm_arch.c lib/xlat/s2.c hyp/role/spmc/spmc.h \
		hyp/role/spmc/spmc_hooks.c $(HOST_CONFIG)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# FF-A v1.1 conformance of the SPMC's dispatcher (issue 16), and its notifications, in the
# test_spmc harness's model.
build/host/test_ffa_conformance build/host/test_notif_spmc: build/host/%: test/unit/%.c hyp/role/spmc/ffa_spmc.c $(SPMC_IRQ_HOST_SRCS) \
		test/fuzz/spmc_host.c hyp/arch/fake/exceptions.c test/fuzz/spmc_host.h test/fuzz/host_stubs.c \
		lib/log_limit.c test/fuzz/mem_stubs.c hyp/core/rxtx.c hyp/core/vm.c hyp/arch/fake/vm_arch.c \
		lib/xlat/s2.c hyp/role/spmc/spmc.h hyp/role/spmc/spmc_hooks.c $(HOST_CONFIG)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# Indirect messages at the SPMC, the same model with the host's NS RAM (VMs' buffers).
build/host/test_msg_spmc: test/unit/test_msg_spmc.c hyp/role/spmc/ffa_spmc.c $(SPMC_IRQ_HOST_SRCS) \
		test/fuzz/spmc_host.c hyp/arch/fake/exceptions.c test/fuzz/spmc_host.h test/fuzz/host_stubs.c \
		lib/log_limit.c test/fuzz/mem_stubs.c hyp/core/rxtx.c hyp/core/vm.c hyp/arch/fake/vm_arch.c \
		lib/xlat/s2.c test/fuzz/fake_phys.c hyp/role/spmc/spmc.h hyp/role/spmc/spmc_hooks.c $(HOST_CONFIG)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
build/host/test_nshyp: test/unit/test_nshyp.c hyp/role/nshyp/guest_calls.c hyp/role/nshyp/notif_nshyp.c hyp/role/nshyp/vm_msg.c hyp/role/nshyp/msg_nshyp.c hyp/role/nshyp/sched.c hyp/role/nshyp/optee_mediator.c test/fuzz/host_stubs.c lib/log_limit.c test/fuzz/mem_stubs.c \
		hyp/core/rxtx.c hyp/core/vm.c hyp/arch/fake/vm_arch.c lib/xlat/s2.c hyp/role/nshyp/nshyp.h hyp/role/nshyp/vm_msg.h \
		hyp/role/nshyp/nshyp_hooks.c $(HOST_CONFIG)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# nshyp's VM-to-VM direct messages (vm_msg.c) through its call handler, four guests.
build/host/test_vm_msg build/host/test_msg_nshyp: build/host/%: test/unit/%.c hyp/role/nshyp/guest_calls.c hyp/role/nshyp/notif_nshyp.c hyp/role/nshyp/vm_msg.c hyp/role/nshyp/msg_nshyp.c \
		hyp/role/nshyp/optee_mediator.c test/fuzz/host_stubs.c lib/log_limit.c test/fuzz/mem_stubs.c \
		hyp/core/rxtx.c hyp/core/vm.c hyp/arch/fake/vm_arch.c lib/xlat/s2.c hyp/role/nshyp/nshyp.h \
		hyp/role/nshyp/vm_msg.h test/fuzz/host_guests.h hyp/role/nshyp/nshyp_hooks.c $(HOST_CONFIG)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(HOST_HYP_FLAGS) $(filter %.c,$^) -lcmocka -o $@
build/host/test_tos_msg: test/unit/test_tos_msg.c tos/msg.c tos/msg.h include/abi/optee_msg.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(filter %.c,$^) -lcmocka -o $@
build/host/test_tos_shm: test/unit/test_tos_shm.c tos/shm.c tos/shm.h tos/quota.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(filter %.c,$^) -lcmocka -o $@
build/host/test_tos_syscall: test/unit/test_tos_syscall.c tos/syscall.c test/unit/stub_tos_attest.c tos/syscall.h \
		tos/ta_internal.h tos/include/tos/ta_abi.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Itos/include -Ita/include $(filter %.c,$^) -lcmocka -o $@
build/host/test_tos_pages: test/unit/test_tos_pages.c tos/pages.c tos/pages.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(filter %.c,$^) -lcmocka -o $@
build/host/test_tos_ta_mgr: test/unit/test_tos_ta_mgr.c tos/ta_mgr.c tos/syscall.c test/unit/stub_tos_attest.c tos/pages.c lib/log_limit.c \
		tos/ta_mgr.h tos/ta_internal.h tos/syscall.h tos/include/tos/ta_abi.h tos/quota.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Itos/include -Ita/include $(filter %.c,$^) -lcmocka -o $@
build/host/test_tos_server: test/unit/test_tos_server.c tos/optee_server.c tos/msg.c \
		tos/optee_server.h tos/ta_mgr.h tos/msg.h tos/shm.h tos/quota.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Itos/include -Ita/include $(filter %.c,$^) -lcmocka -o $@
build/host/test_smccc: test/unit/test_smccc.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $^ -lcmocka -o $@
build/host/test_vgic: test/unit/test_vgic.c hyp/role/nshyp/vgic.c hyp/role/nshyp/vgic.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(filter %.c,$^) -lcmocka -o $@
# The attestation service with the device key over the host build of its mbedTLS.
build/host/test_attest: test/unit/test_attest.c attest/cbor.c attest/token.c attest/attest_service.c \
		attest/attest_key.c tos/attest.c attest/cbor.h attest/token.h attest/attest_service.h \
		attest/attest_key.h tos/attest.h include/abi/attest.h include/abi/evlog.h \
		$(ATTEST_MBEDTLS_HOST_LIB)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(ATTEST_MBEDTLS_INC) -Iarch/fake/include -Itos/include -Ita/include \
		$(filter %.c,$^) $(ATTEST_MBEDTLS_HOST_LIB) -lcmocka -o $@
build/host/test_log_limit: test/unit/test_log_limit.c lib/log_limit.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $^ -lcmocka -o $@
build/host/test_mem_share: test/unit/test_mem_share.c hyp/core/mem_share.c \
		hyp/include/hyp/mem_share.h include/abi/ffa_mem.h arch/fake/include/arch/sysreg.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Iarch/fake/include -Ihyp/include $(filter %.c,$^) -lcmocka -o $@

LIBTEEC_CORE_SRCS := client/libteec/teec_api.c client/libteec/teec_marshal.c client/libteec/teec_pages.c
build/host/test_libteec: test/unit/test_libteec.c $(LIBTEEC_CORE_SRCS) client/libteec/teec_private.h \
		client/libteec/include/tee_client_api.h include/abi/optee_msg.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Iclient/libteec/include $(filter %.c,$^) -lcmocka -o $@
build/host/test_libteec_ffa: test/unit/test_libteec_ffa.c $(LIBTEEC_CORE_SRCS) \
		client/libteec/ffa_transport.c client/libteec/teec_private.h include/abi/optee_ffa.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Iarch/fake/include -Iclient/libteec/include $(filter %.c,$^) \
		-lcmocka -o $@

# Boot's package verifier on the host, over a package mkpkg signs (test/unit/pkg_fixture.py).
PKG_FIXTURE := build/host/pkg/flash.bin
$(PKG_FIXTURE): test/unit/pkg_fixture.py tools/mkpkg.py
	@$(PYTHON) test/unit/pkg_fixture.py $(@D)
BOOT_HOST_FLAGS := -Iboot/include -Ibuild/host/pkg $(MBEDTLS_BOOT_INC) -DBOOT_MBEDTLS_HOST=1 \
	-DFIXTURE='"$(PKG_FIXTURE)"'
build/host/test_pkg_verify: test/unit/test_pkg_verify.c $(BOOT_VERIFY_SRCS) boot/include/boot/pkg_verify.h \
		include/abi/pkg.h $(PKG_FIXTURE) $(MBEDTLS_BOOT_HOST_LIB)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) $(BOOT_HOST_FLAGS) $(filter %.c,$^) $(MBEDTLS_BOOT_HOST_LIB) -lcmocka -o $@

# TAs on the host: their code over a shim of the TA library (test/unit/test_ta_shim.c).
include ta/wallet/mbedtls/mbedtls.mk
TA_HOST_DEPS := test/unit/test_ta_shim.c test/unit/test_ta_shim.h ta/libc/printf.c \
	$(wildcard ta/include/*.h)
build/host/test_ta_vault: test/unit/test_ta_vault.c ta/vault/vault_core.c ta/vault/vault_ta.c \
		ta/vault/vault_core.h $(TA_HOST_DEPS) test/unit/test_ta_hostile.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Ita/include $(filter %.c,$^) -lcmocka -o $@
build/host/test_ta_wallet: test/unit/test_ta_wallet.c ta/wallet/wallet_core.c ta/wallet/wallet_ta.c \
		ta/wallet/wallet_core.h $(TA_HOST_DEPS) test/unit/test_ta_hostile.c $(MBEDTLS_HOST_LIB)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Ita/include $(MBEDTLS_INC) $(filter %.c %.a,$^) -lcmocka -o $@
build/host/test_ta_test: test/unit/test_ta_test.c ta/test/test_ta.c ta/test/test_sys.c \
		ta/test/test_ta.h $(TA_HOST_DEPS) test/unit/test_ta_hostile.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Ita/include -Ita/test $(filter %.c,$^) -lcmocka -o $@
# ta/lib's property API, its system call replaced by the test's (test_ta_property.h).
build/host/test_ta_property: test/unit/test_ta_property.c ta/lib/property.c test/unit/test_ta_property.h \
		ta/lib/ta_lib.h tos/include/tos/ta_abi.h $(wildcard ta/include/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Ita/include -Itos/include -include test/unit/test_ta_property.h \
		$(filter %.c,$^) -lcmocka -o $@
# ta/libc's C-named functions get a ta_ prefix here so they do not replace the host's.
TA_LIBC_RENAME := $(foreach f,memcpy memmove memset memcmp memchr strlen strnlen strcmp strncmp \
	snprintf vsnprintf malloc calloc realloc free abort,-D$(f)=ta_$(f))
build/host/ta_libc_%.o: ta/libc/%.c $(wildcard ta/libc/include/*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -fno-builtin $(TA_LIBC_RENAME) -Ita/libc/include -Ita/include -c $< -o $@
build/host/test_ta_libc: test/unit/test_ta_libc.c build/host/ta_libc_string.o build/host/ta_libc_stdio.o \
		build/host/ta_libc_stdlib.o $(TA_HOST_DEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOST_TEST_FLAGS) -Ita/include $(filter %.c %.o,$^) -lcmocka -o $@

# ---- fuzzing (libFuzzer, clang) --------------------------------------------------------
FUZZ_TIME ?= 60
FUZZ_FLAGS := -std=gnu11 -g -O1 $(WARN) -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iinclude -Iconfig/include -Iplat/qemu_virt/include \
	-Iarch/fake/include -Ihyp/include -Ihyp/arch/fake/include -Ibuild/host/gen
FUZZ_HYP_SRCS := test/fuzz/host_stubs.c lib/log_limit.c test/fuzz/mem_stubs.c hyp/core/rxtx.c hyp/core/vm.c hyp/arch/fake/vm_arch.c \
	lib/xlat/s2.c $(HOST_CONFIG)
FUZZ_TARGETS := fuzz_spmc fuzz_nshyp fuzz_mem fuzz_mem_spmc fuzz_mem_nshyp fuzz_tos_msg fuzz_pkg fuzz_attest
# Boot's package parser and verifier; seeded with the unit tests' signed package.
build/host/fuzz_pkg: test/fuzz/fuzz_pkg.c $(BOOT_VERIFY_SRCS) boot/include/boot/pkg_verify.h \
		include/abi/pkg.h $(PKG_FIXTURE) $(MBEDTLS_BOOT_FUZZ_LIB)
	clang $(FUZZ_FLAGS) $(BOOT_HOST_FLAGS) $(filter %.c,$^) $(MBEDTLS_BOOT_FUZZ_LIB) -o $@
	@mkdir -p build/fuzz/fuzz_pkg && cp build/host/pkg/pkg.bin build/fuzz/fuzz_pkg/seed-package
build/host/fuzz_spmc: test/fuzz/fuzz_spmc.c hyp/role/spmc/ffa_spmc.c $(SPMC_IRQ_HOST_SRCS) test/fuzz/spmc_host.c hyp/arch/fake/exceptions.c test/fuzz/spmc_host.h hyp/role/spmc/mem_spmc.c \
		hyp/core/mem_share.c test/fuzz/fake_phys.c $(filter-out test/fuzz/mem_stubs.c,$(FUZZ_HYP_SRCS)) \
		test/fuzz/fuzz_input.h test/fuzz/fake_phys.h hyp/role/spmc/spmc.h hyp/role/spmc/spmc_hooks.c
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(filter %.c,$^) -o $@
build/host/fuzz_nshyp: test/fuzz/fuzz_nshyp.c hyp/role/nshyp/guest_calls.c hyp/role/nshyp/notif_nshyp.c hyp/role/nshyp/vm_msg.c hyp/role/nshyp/msg_nshyp.c hyp/role/nshyp/optee_mediator.c $(FUZZ_HYP_SRCS) \
		test/fuzz/fuzz_input.h hyp/role/nshyp/nshyp.h hyp/role/nshyp/vm_msg.h hyp/role/nshyp/nshyp_hooks.c
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(filter %.c,$^) -o $@
build/host/fuzz_attest: test/fuzz/fuzz_attest.c attest/attest_service.c attest/token.c attest/cbor.c \
		attest/attest_service.h attest/token.h attest/cbor.h include/abi/attest.h include/abi/evlog.h
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -D_GNU_SOURCE $(filter %.c,$^) -o $@
build/host/fuzz_tos_msg: test/fuzz/fuzz_tos_msg.c tos/msg.c tos/msg.h include/abi/optee_msg.h
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(filter %.c,$^) -o $@
build/host/fuzz_mem: test/fuzz/fuzz_mem.c hyp/core/mem_share.c test/fuzz/fuzz_input.h \
		hyp/include/hyp/mem_share.h include/abi/ffa_mem.h arch/fake/include/arch/sysreg.h
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -Iarch/fake/include $(filter %.c,$^) -o $@

build/host/fuzz_mem_spmc: test/fuzz/fuzz_mem_spmc.c $(MEM_SPMC_SRCS) hyp/role/spmc/spmc_hooks.c $(MEM_SPMC_DEPS) \
		test/fuzz/fuzz_input.h
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(filter %.c,$^) -o $@
build/host/fuzz_mem_nshyp: test/fuzz/fuzz_mem_nshyp.c $(MEM_NSHYP_SRCS) $(MEM_NSHYP_DEPS) \
		test/fuzz/fuzz_input.h
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(filter %.c,$^) -o $@

# `make fuzz FUZZ_TIME=<seconds>` runs each target that long; make test runs them briefly.
fuzz: $(addprefix build/host/,$(FUZZ_TARGETS))
	@tools/fuzz.sh $(FUZZ_TIME) $(FUZZ_TARGETS)

test-unit: $(addprefix build/host/,$(UNIT_TESTS))
	@for t in $^; do echo "== $$t"; $$t || exit 1; done

test-sys: deps
	$(PYTHON) -m pytest -q test/sys

test: deps
	@tools/run-tests.sh

size:
	@$(PYTHON) tools/size.py

size-check:
	@$(PYTHON) tools/size.py --check

# Secure boot's exhaustive sweep: every bit of the signed metadata, 256 positions per image, each a
# QEMU boot (docs/secure-boot.md; test_secure_boot.py runs a sample by default).
test-secure-boot-full:
	TESSERA_SB_FULL=1 $(PYTHON) -m pytest -q -p no:cacheprovider test/sys/test_secure_boot.py

bench: deps
	@$(PYTHON) bench/run.py

# The layout rules of docs/architecture.md ("Structure check") over includes and image sources.
structure-check:
	@$(PYTHON) tools/structure_check.py

# Each image's source list, one line each ("<image>: <sources>"), for tools/structure_check.py.
structure-srcs:
	@$(foreach i,$(IMAGES),echo '$(i): $($(i)_SRCS)';)

check-format:
	clang-format --dry-run --Werror $$(git ls-files '*.c' '*.h')

clean:
	rm -rf build

FORCE:
.PHONY: all images deps run test test-unit test-sys check-format clean fuzz size size-check bench test-secure-boot-full \
	structure-check structure-srcs
