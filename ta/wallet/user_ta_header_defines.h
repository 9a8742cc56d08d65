// SPDX-License-Identifier: BSD-3-Clause
/* The wallet TA's properties, read by the TA build glue (ta/lib) and the property API. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <ta_wallet.h>
#include <user_ta_header.h>

#define TA_UUID TA_WALLET_UUID
/* One instance that outlives its sessions: the key is made once and kept. */
#define TA_FLAGS       (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION | TA_FLAG_INSTANCE_KEEP_ALIVE)
#define TA_STACK_SIZE  (16 * 1024)
#define TA_DATA_SIZE   (32 * 1024)
#define TA_DESCRIPTION "Tessera wallet: authenticates payments with a key it keeps"
#define TA_VERSION     "1.0"

#endif /* USER_TA_HEADER_DEFINES_H */
