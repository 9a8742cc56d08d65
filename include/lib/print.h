/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Console output for every firmware image and payload: one UART, a tag
 * printed at the start of each line ("S monitor", "N guest1", ...), so the
 * interleaved output of both worlds stays readable. Supports %s %c %d %u %x
 * %p with optional 'l'/'ll' and a zero-padded width.
 */
#ifndef LIB_PRINT_H
#define LIB_PRINT_H

#include <stdarg.h>
#include <stdint.h>

void console_init(uintptr_t uart_base, const char *tag);
void console_set_tag(const char *tag);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);
__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* What happens after a panic message: each image defines it (firmware stops the
 * machine; a payload stops itself and lets its hypervisor report it). */
__attribute__((noreturn)) void panic_exit(void);

#endif
