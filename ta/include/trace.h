// SPDX-License-Identifier: BSD-3-Clause
/*
 * Trace messages from a Trusted Application, OP-TEE style: EMSG (error), IMSG (info),
 * DMSG (debug, only with TA_TRACE_LEVEL >= 3). Formatting happens in the TA (ta/libc
 * tee_user_printf: %d %i %u %x %X %p %s %c %%, with l/ll/z, the '-' and '0' flags and a
 * width up to 64; at most 255 characters a line); the line goes out through tee_user_log(),
 * and the trusted OS prefixes it with the TA's name.
 */
#ifndef TRACE_H
#define TRACE_H

#include <stdarg.h>
#include <stddef.h>

#define TA_TRACE_ERROR 1
#define TA_TRACE_INFO  2
#define TA_TRACE_DEBUG 3

#ifndef TA_TRACE_LEVEL
#define TA_TRACE_LEVEL TA_TRACE_INFO
#endif

/* Formats into a bounded line buffer (longer output is cut) and logs it. */
void tee_user_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int tee_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int tee_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define TA_TRACE(level, prefix, ...)                                                               \
	do {                                                                                       \
		if (TA_TRACE_LEVEL >= (level))                                                     \
			tee_user_printf(prefix __VA_ARGS__);                                       \
	} while (0)

#define EMSG(...) TA_TRACE(TA_TRACE_ERROR, "E/TA: ", __VA_ARGS__)
#define IMSG(...) TA_TRACE(TA_TRACE_INFO, "I/TA: ", __VA_ARGS__)
#define DMSG(...) TA_TRACE(TA_TRACE_DEBUG, "D/TA: ", __VA_ARGS__)

#endif /* TRACE_H */
