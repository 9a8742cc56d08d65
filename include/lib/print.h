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
#include <stddef.h>
#include <stdint.h>

/* Where the text goes: `n` bytes to device `dev` (a UART driver's transmit, e.g. pl011_write). */
typedef void (*console_write_fn)(uintptr_t dev, const char *s, size_t n);

/*
 * Each image's first call: print through `write` to `dev`, each line tagged `tag`. It also picks
 * the stack protector's guard (stack_guard.h).
 */
void console_attach(console_write_fn write, uintptr_t dev, const char *tag);
/* console_attach() to the platform's UART at `uart_base` (plat/<plat>/console.c). */
void console_init(uintptr_t uart_base, const char *tag);
void console_set_tag(const char *tag);
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap);
__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Rate-limited logging for lines a less privileged caller can trigger (docs/architecture.md §8):
 * the UART is synchronous, so a guest or partition repeating a refused call must not be able to
 * keep the firmware printing. Each source (a guest, a partition, the normal world) owns one
 * struct log_limit, zero-initialised: a token bucket counted in calls, not time (tests never
 * depend on time). A source may print LOG_LIMIT_BURST lines; one more token comes back every
 * LOG_LIMIT_REFILL calls. What is dropped is counted and reported as "N messages suppressed"
 * before the next line that is printed, or by log_limit_flush() (e.g. when the source stops).
 */
#define LOG_LIMIT_BURST	 4u
#define LOG_LIMIT_REFILL 64u

struct log_limit {
	uint32_t used;	     /* tokens taken, at most LOG_LIMIT_BURST */
	uint32_t calls;	     /* calls since the last refill */
	uint32_t suppressed; /* lines dropped since the last one printed */
};

/* printk if `l` has a token; returns whether it printed. */
int printk_limited(struct log_limit *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Report (and reset) the count of suppressed lines of `l`, naming the source. */
void log_limit_flush(struct log_limit *l, const char *source);

/* What happens after a panic message: each image defines it (firmware stops the
 * machine; a payload stops itself and lets its hypervisor report it). */
__attribute__((noreturn)) void panic_exit(void);

#endif
