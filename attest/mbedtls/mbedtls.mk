# SPDX-License-Identifier: BSD-3-Clause
# mbedTLS for the monitor's device attestation key (attest/attest_key.c) and the SPMC's
# SHA-256, from the same Debian source tree as the TAs' (tools/fetch-mbedtls.sh) with its own
# configuration (attest_mbedtls_config.h): a static library built as hypervisor code (general
# registers only, x9-x17 left to the lower EL like every hypervisor object (so no indirect tail
# calls: they need x16/x17; GCC 12 fails on them), one section per function for --gc-sections)
# and one for the host unit tests. Its libc: attest/mbedtls/libc (assert, stdlib, string: the
# hypervisor's own) before ta/libc/include (limits.h, as boot's build uses it). Not shared with
# boot's build (Makefile: the configuration is compiled into the objects).
#   ATTEST_MBEDTLS_LIB, ATTEST_MBEDTLS_HOST_LIB: the libraries; ATTEST_MBEDTLS_INC: include flags.
ifndef ATTEST_MBEDTLS_MK_INCLUDED
ATTEST_MBEDTLS_MK_INCLUDED := 1
include ta/wallet/mbedtls/mbedtls.mk
ATTEST_MBEDTLS_TOP := build/mbedtls/attest
ATTEST_MBEDTLS_CONFIG := attest/mbedtls/attest_mbedtls_config.h
ATTEST_MBEDTLS_MODULES := md sha256 hkdf hmac_drbg bignum ecp ecp_curves ecdsa asn1parse asn1write \
	platform platform_util constant_time memory_buffer_alloc
ATTEST_MBEDTLS_INC := -isystem $(MBEDTLS_SRC)/include -Iattest/mbedtls \
	-DMBEDTLS_CONFIG_FILE='"attest_mbedtls_config.h"'
ATTEST_MBEDTLS_LIB := $(ATTEST_MBEDTLS_TOP)/aarch64/libmbedcrypto.a
ATTEST_MBEDTLS_HOST_LIB := $(ATTEST_MBEDTLS_TOP)/host/libmbedcrypto.a
ATTEST_MBEDTLS_CFLAGS := -std=gnu11 -O2 -ffreestanding -nostdinc -isystem $(shell $(CC) \
	-print-file-name=include) -Iattest/mbedtls/libc -Ita/libc/include -Iinclude -fno-pie -fno-pic -fno-common \
	-fno-stack-protector -fno-tree-loop-distribute-patterns -mgeneral-regs-only -mstrict-align \
	-march=armv8.4-a -ffunction-sections -fdata-sections -fno-optimize-sibling-calls \
	$(foreach r,9 10 11 12 13 14 15 16 17,-ffixed-x$(r)) -Wall $(ATTEST_MBEDTLS_INC)
ATTEST_MBEDTLS_HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -fsanitize=address,undefined \
	-fno-sanitize-recover=all $(ATTEST_MBEDTLS_INC)

$(ATTEST_MBEDTLS_TOP)/aarch64/%.o: $(MBEDTLS_STAMP) $(ATTEST_MBEDTLS_CONFIG) attest/mbedtls/mbedtls.mk
	@mkdir -p $(@D)
	@echo "  CC      $@"; $(CC) $(ATTEST_MBEDTLS_CFLAGS) -c $(MBEDTLS_SRC)/library/$*.c -o $@.$$$$ && \
		mv $@.$$$$ $@
$(ATTEST_MBEDTLS_TOP)/host/%.o: $(MBEDTLS_STAMP) $(ATTEST_MBEDTLS_CONFIG) attest/mbedtls/mbedtls.mk
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"; $(HOSTCC) $(ATTEST_MBEDTLS_HOST_CFLAGS) -c $(MBEDTLS_SRC)/library/$*.c \
		-o $@.$$$$ && mv $@.$$$$ $@

$(ATTEST_MBEDTLS_LIB): $(patsubst %,$(ATTEST_MBEDTLS_TOP)/aarch64/%.o,$(ATTEST_MBEDTLS_MODULES))
	@$(CROSS)ar rcs $@.$$$$ $^ && mv $@.$$$$ $@
$(ATTEST_MBEDTLS_HOST_LIB): $(patsubst %,$(ATTEST_MBEDTLS_TOP)/host/%.o,$(ATTEST_MBEDTLS_MODULES))
	@ar rcs $@.$$$$ $^ && mv $@.$$$$ $@
endif
