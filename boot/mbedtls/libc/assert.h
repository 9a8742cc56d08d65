/* SPDX-License-Identifier: BSD-3-Clause */
/* assert() for boot's mbedTLS (ta/libc's calls TEE_Panic): mbedTLS's asserts are off. */
#ifndef BOOT_ASSERT_H
#define BOOT_ASSERT_H
#define assert(x) ((void)0)
#endif
