// SPDX-License-Identifier: BSD-3-Clause
/*
 * No FILE streams in a TA: formatted output goes to the trusted OS console through trace.h
 * (tee_user_printf). snprintf/vsnprintf are the bounded formatter of ta/libc/printf.c under
 * their C names (ta/libc/stdio.c), with its subset of conversions (trace.h).
 */
#ifndef TA_LIBC_STDIO_H
#define TA_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif /* TA_LIBC_STDIO_H */
