// SPDX-License-Identifier: BSD-3-Clause
/* The string functions the SPMC's mbedTLS uses: the hypervisor's own (lib/string.c). */
#ifndef ATTEST_LIBC_STRING_H
#define ATTEST_LIBC_STRING_H
#include <lib/string.h>
#endif
