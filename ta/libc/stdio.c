// SPDX-License-Identifier: BSD-3-Clause
/* snprintf/vsnprintf for TA code written against libc: the ta/libc formatter (printf.c). */
#include <stdio.h>
#include <trace.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	return tee_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tee_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
