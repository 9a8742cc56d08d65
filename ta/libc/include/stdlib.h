// SPDX-License-Identifier: BSD-3-Clause
/*
 * Deliberately almost empty: a TA allocates with TEE_Malloc/TEE_Free (mbedTLS is configured
 * to do the same). Present so portable sources that include <stdlib.h> compile.
 */
#ifndef TA_LIBC_STDLIB_H
#define TA_LIBC_STDLIB_H

#include <stddef.h>

#endif /* TA_LIBC_STDLIB_H */
