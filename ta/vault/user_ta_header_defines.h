// SPDX-License-Identifier: BSD-3-Clause
/* The vault TA's properties, read by the TA build glue (ta/lib) and the property API. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <ta_vault.h>
#include <user_ta_header.h>

#define TA_UUID TA_VAULT_UUID
/* One instance that outlives its sessions: the blobs stay until the TEE restarts. */
#define TA_FLAGS      (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION | TA_FLAG_INSTANCE_KEEP_ALIVE)
#define TA_STACK_SIZE (8 * 1024)
/*
 * The blobs live in fixed per-endpoint areas (vault_core.h, bss), not in the heap; the heap
 * holds each session's client (48 bytes with its header): room for far more sessions than
 * a trusted OS allows (42, docs/tos.md).
 */
#define TA_DATA_SIZE   (8 * 1024)
#define TA_DESCRIPTION "Tessera vault: keeps named blobs in TEE memory"
#define TA_VERSION     "1.0"

#endif /* USER_TA_HEADER_DEFINES_H */
