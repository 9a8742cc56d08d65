// SPDX-License-Identifier: BSD-3-Clause
/* Nothing of stdlib for the SPMC's mbedTLS: it allocates from memory_buffer_alloc's arena. */
#ifndef ATTEST_LIBC_STDLIB_H
#define ATTEST_LIBC_STDLIB_H
#include <stddef.h>
#endif
