# SPDX-License-Identifier: BSD-3-Clause
# The vault TA (TEE "vault"): sources, flags and libraries for the TA build glue.
TA_vault_SRCS := ta/vault/vault_ta.c ta/vault/vault_core.c
TA_vault_CFLAGS :=
TA_vault_LIBS :=
