// SPDX-License-Identifier: BSD-3-Clause
/*
 * No FILE streams in a TA: formatted output goes through trace.h (tee_user_printf) and
 * tee_snprintf. Present so portable sources that include <stdio.h> compile.
 */
#ifndef TA_LIBC_STDIO_H
#define TA_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#endif /* TA_LIBC_STDIO_H */
