# SPDX-License-Identifier: BSD-3-Clause
# The wallet TA (TEE "pay"): sources, flags and libraries for the TA build glue.
include ta/wallet/mbedtls/mbedtls.mk
TA_wallet_SRCS := ta/wallet/wallet_ta.c ta/wallet/wallet_core.c
TA_wallet_CFLAGS := $(MBEDTLS_INC)
TA_wallet_LIBS := $(MBEDTLS_TA_LIB)
