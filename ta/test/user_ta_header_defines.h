// SPDX-License-Identifier: BSD-3-Clause
/* The test TA's properties, read by the TA build glue (ta/lib) and the property API. */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <ta_test.h>
#include <user_ta_header.h>

#define TA_UUID TA_TEST_UUID
/* Like xtest's os_test TA: one instance, many sessions, gone with the last session. */
#define TA_FLAGS       (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION)
#define TA_STACK_SIZE  (8 * 1024)
#define TA_DATA_SIZE   (64 * 1024) /* small on purpose: MALLOC_STRESS runs it dry */
#define TA_DESCRIPTION "Tessera test TA: client API conformance"
#define TA_VERSION     "1.0"

#endif /* USER_TA_HEADER_DEFINES_H */
