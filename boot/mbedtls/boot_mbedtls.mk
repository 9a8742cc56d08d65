# SPDX-License-Identifier: BSD-3-Clause
# mbedTLS for boot (EL3): Debian's source package (tools/fetch-mbedtls.sh, shared with the
# wallet TA's build, ta/wallet/mbedtls/mbedtls.mk) built with boot's configuration
# (boot/mbedtls/boot_mbedtls_config.h: SHA-256 and RSA-2048-PSS verification only), as a
# freestanding aarch64 library linked into boot.bin and as a host library for the unit tests
# and the fuzz target (the host one with mbedTLS's C SHA-256 rounds instead of ours).
# A third build, with clang and its sanitizers, is for the fuzz target (test/fuzz/fuzz_pkg.c).
#   MBEDTLS_BOOT_LIB, MBEDTLS_BOOT_HOST_LIB, MBEDTLS_BOOT_FUZZ_LIB, MBEDTLS_BOOT_INC
include ta/wallet/mbedtls/mbedtls.mk
MBEDTLS_BOOT_MODULES := constant_time sha256 bignum rsa rsa_internal md platform_util
MBEDTLS_BOOT_INC := -isystem $(MBEDTLS_SRC)/include -Iboot/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"boot_mbedtls_config.h"'
MBEDTLS_BOOT_LIB := $(MBEDTLS_TOP)/boot/libmbedcrypto.a
MBEDTLS_BOOT_HOST_LIB := $(MBEDTLS_TOP)/boot-host/libmbedcrypto.a
MBEDTLS_BOOT_FUZZ_LIB := $(MBEDTLS_TOP)/boot-fuzz/libmbedcrypto.a
MBEDTLS_BOOT_CFLAGS := -std=gnu11 -O2 -ffreestanding -nostdinc -isystem $(shell $(CC) \
	-print-file-name=include) -Iboot/mbedtls/libc -Ita/libc/include -fno-pie -fno-pic -fno-common \
	-fno-stack-protector -fno-tree-loop-distribute-patterns -mgeneral-regs-only -mstrict-align \
	-mbranch-protection=standard -march=armv8.4-a -Wall $(MBEDTLS_BOOT_INC)
MBEDTLS_BOOT_HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -fsanitize=address,undefined \
	-fno-sanitize-recover=all -DBOOT_MBEDTLS_HOST=1 $(MBEDTLS_BOOT_INC)

$(MBEDTLS_TOP)/boot/%.o: $(MBEDTLS_STAMP) boot/mbedtls/boot_mbedtls_config.h boot/mbedtls/boot_mbedtls.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"; $(CC) $(MBEDTLS_BOOT_CFLAGS) -c $(MBEDTLS_SRC)/library/$*.c -o $@.$$$$ && \
		mv $@.$$$$ $@
$(MBEDTLS_TOP)/boot-host/%.o: $(MBEDTLS_STAMP) boot/mbedtls/boot_mbedtls_config.h boot/mbedtls/boot_mbedtls.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"; $(HOSTCC) $(MBEDTLS_BOOT_HOST_CFLAGS) -c $(MBEDTLS_SRC)/library/$*.c \
		-o $@.$$$$ && mv $@.$$$$ $@
$(MBEDTLS_BOOT_LIB): $(patsubst %,$(MBEDTLS_TOP)/boot/%.o,$(MBEDTLS_BOOT_MODULES))
	@$(CROSS)ar rcs $@.$$$$ $^ && mv $@.$$$$ $@
$(MBEDTLS_BOOT_HOST_LIB): $(patsubst %,$(MBEDTLS_TOP)/boot-host/%.o,$(MBEDTLS_BOOT_MODULES))
	@ar rcs $@.$$$$ $^ && mv $@.$$$$ $@
$(MBEDTLS_TOP)/boot-fuzz/%.o: $(MBEDTLS_STAMP) boot/mbedtls/boot_mbedtls_config.h boot/mbedtls/boot_mbedtls.mk
	@mkdir -p $(@D)
	@echo "  CLANG   $@"; clang -std=gnu11 -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		-DBOOT_MBEDTLS_HOST=1 $(MBEDTLS_BOOT_INC) -c $(MBEDTLS_SRC)/library/$*.c -o $@.$$$$ && mv $@.$$$$ $@
$(MBEDTLS_BOOT_FUZZ_LIB): $(patsubst %,$(MBEDTLS_TOP)/boot-fuzz/%.o,$(MBEDTLS_BOOT_MODULES))
	@ar rcs $@.$$$$ $^ && mv $@.$$$$ $@
