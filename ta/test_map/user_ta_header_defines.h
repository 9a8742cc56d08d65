// SPDX-License-Identifier: BSD-3-Clause
/*
 * The mapping test TA's properties: the test TA with TA_FLAG_MAP_MEMREFS, so its
 * registered-memory memrefs are mapped into it (docs/tos.md §4.3); the memref benchmarks use it.
 */
#ifndef USER_TA_HEADER_DEFINES_H
#define USER_TA_HEADER_DEFINES_H

#include <ta_test.h>
#include <user_ta_header.h>

#define TA_UUID	       TA_TEST_MAP_UUID
#define TA_FLAGS       (TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION | TA_FLAG_MAP_MEMREFS)
#define TA_STACK_SIZE  (8 * 1024)
#define TA_DATA_SIZE   (64 * 1024)
#define TA_DESCRIPTION "Tessera test TA: client API conformance, memrefs mapped"
#define TA_VERSION     "1.0"

#endif /* USER_TA_HEADER_DEFINES_H */
