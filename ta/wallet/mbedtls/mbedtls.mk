# SPDX-License-Identifier: BSD-3-Clause
# mbedTLS for the wallet TA, built from Debian's source package (tools/fetch-mbedtls.sh) with
# our configuration (tessera_mbedtls_config.h): a static library for S-EL0 (aarch64,
# freestanding, ta/libc headers only) and one for the host unit tests.
#   MBEDTLS_TA_LIB, MBEDTLS_HOST_LIB: the libraries; MBEDTLS_INC: include flags for users.
# Safe to include more than once (the Makefile and ta/wallet/ta.mk both do).
ifndef MBEDTLS_MK_INCLUDED
MBEDTLS_MK_INCLUDED := 1
MBEDTLS_TOP := build/mbedtls
MBEDTLS_SRC := $(MBEDTLS_TOP)/src
MBEDTLS_STAMP := $(MBEDTLS_SRC)/.tessera-fetched
MBEDTLS_CONFIG := ta/wallet/mbedtls/tessera_mbedtls_config.h
MBEDTLS_MODULES := md sha256 constant_time platform_util
MBEDTLS_INC := -I$(MBEDTLS_SRC)/include -Ita/wallet/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"tessera_mbedtls_config.h"'
MBEDTLS_TA_LIB := $(MBEDTLS_TOP)/aarch64/libmbedcrypto.a
MBEDTLS_HOST_LIB := $(MBEDTLS_TOP)/host/libmbedcrypto.a
# Objects and archives are written under a temporary name and renamed, so two builds running at
# once (different BUILD_NAMEs share build/mbedtls) never see a half-written file.
# Third-party code: its own warning set, not ours (-Werror stays off for it).
MBEDTLS_TA_CFLAGS := -std=gnu11 -O2 -ffreestanding -nostdinc -isystem $(shell $(CC) \
	-print-file-name=include) -Ita/libc/include -Ita/include -fno-pie -fno-pic -fno-common \
	-fno-stack-protector -fno-tree-loop-distribute-patterns -mgeneral-regs-only -mstrict-align \
	-march=armv8.4-a -Wall $(MBEDTLS_INC)
MBEDTLS_HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -fsanitize=address,undefined -fno-sanitize-recover=all \
	$(MBEDTLS_INC)

$(MBEDTLS_STAMP): tools/fetch-mbedtls.sh
	@tools/fetch-mbedtls.sh $(MBEDTLS_SRC)

$(MBEDTLS_TOP)/aarch64/%.o: $(MBEDTLS_STAMP) $(MBEDTLS_CONFIG) ta/wallet/mbedtls/mbedtls.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"; $(CC) $(MBEDTLS_TA_CFLAGS) -c $(MBEDTLS_SRC)/library/$*.c -o $@.$$$$ && \
		mv $@.$$$$ $@
$(MBEDTLS_TOP)/host/%.o: $(MBEDTLS_STAMP) $(MBEDTLS_CONFIG) ta/wallet/mbedtls/mbedtls.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"; $(HOSTCC) $(MBEDTLS_HOST_CFLAGS) -c $(MBEDTLS_SRC)/library/$*.c \
		-o $@.$$$$ && mv $@.$$$$ $@

$(MBEDTLS_TA_LIB): $(patsubst %,$(MBEDTLS_TOP)/aarch64/%.o,$(MBEDTLS_MODULES))
	@$(CROSS)ar rcs $@.$$$$ $^ && mv $@.$$$$ $@
$(MBEDTLS_HOST_LIB): $(patsubst %,$(MBEDTLS_TOP)/host/%.o,$(MBEDTLS_MODULES))
	@ar rcs $@.$$$$ $^ && mv $@.$$$$ $@

mbedtls: $(MBEDTLS_TA_LIB) $(MBEDTLS_HOST_LIB)
.PHONY: mbedtls
endif
