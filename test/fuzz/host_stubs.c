// SPDX-License-Identifier: BSD-3-Clause
/* Host versions of the firmware's console and panic for the fuzz targets and host tests. */
#include <lib/print.h>
#include <stdio.h>
#include <stdlib.h>

void printk(const char *fmt, ...)
{
	va_list ap;

	if (!getenv("TESSERA_FUZZ_VERBOSE"))
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void vprintk(const char *fmt, va_list ap)
{
	if (getenv("TESSERA_FUZZ_VERBOSE"))
		vprintf(fmt, ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort(); /* a panic reachable from input is a finding */
}

void console_init(uintptr_t uart_base, const char *tag)
{
	(void)uart_base;
	(void)tag;
}
