// SPDX-License-Identifier: BSD-3-Clause
/*
 * Tagged console output and panic for firmware images and payloads. The text goes to the
 * output function the platform's console_init() attaches (plat/<plat>/console.c): lib/ knows no
 * UART driver. It is handed over in runs (a line's tag, a stretch of the format, a number), so
 * a character costs the driver's loop and not a call.
 */
#include <lib/print.h>
#include <lib/stack_guard.h>
#include <lib/string.h>
#include <stdbool.h>

/* Zero-initialised on purpose: boot runs from flash and has no .data. */
static console_write_fn console_write;
static uintptr_t console_dev;
static const char *console_tag; /* read at each line: its owner may rewrite it in place */
static bool mid_line;
/*
 * One printk's text goes to the driver in one burst: the worlds share one terminal, and a
 * partition preempted in the middle of a line (Non-secure interrupts go to S-EL2) would
 * otherwise have a guest's line spliced into its own.
 */
static char burst[192];
static size_t burst_len;

static void flush(void)
{
	if (burst_len)
		console_write(console_dev, burst, burst_len);
	burst_len = 0;
}

static void emit(const char *s, size_t n)
{
	while (n) {
		size_t k = sizeof(burst) - burst_len;

		if (k == 0) {
			flush();
			continue;
		}
		k = k < n ? k : n;
		memcpy(burst + burst_len, s, k);
		burst_len += k;
		s += k;
		n -= k;
	}
}

/* Each image's first call (through console_init()): it also picks the stack protector's guard
 * (see stack_guard.h). */
__attribute__((no_stack_protector)) void console_attach(console_write_fn write, uintptr_t dev,
							const char *tag)
{
	stack_guard_init();
	console_write = write;
	console_dev = dev;
	console_tag = tag;
	mid_line = false;
}

void console_set_tag(const char *tag)
{
	console_tag = tag;
}

/* At the start of a line, its tag. */
static void line_start(void)
{
	if (mid_line)
		return;
	mid_line = true;
	if (console_tag)
		emit(console_tag, strlen(console_tag));
	emit(": ", 2);
}

/* `n` characters of s; each '\n' ends a line (as "\r\n"), even an empty one with its tag. */
static void out_text(const char *s, size_t n)
{
	if (!console_write)
		return;
	while (n) {
		size_t run = 0;

		while (run < n && s[run] != '\n')
			run++;
		line_start();
		if (run)
			emit(s, run);
		if (run == n)
			return;
		emit("\r\n", 2);
		mid_line = false;
		s += run + 1;
		n -= run + 1;
	}
}

static void out_char(char c)
{
	out_text(&c, 1);
}

static void out_str(const char *s)
{
	out_text(s, strlen(s));
}

static void out_unsigned(uint64_t v, unsigned base, int width, char pad)
{
	char buf[24];
	size_t i = sizeof(buf);

	do {
		unsigned d = (unsigned)(v % base);
		buf[--i] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	while (i > 0 && sizeof(buf) - i < (size_t)width)
		buf[--i] = pad;
	out_text(buf + i, sizeof(buf) - i);
}

static uint64_t next_arg(va_list *ap, int longs, bool is_signed)
{
	if (longs > 0)
		return is_signed ? (uint64_t)va_arg(*ap, long) : va_arg(*ap, unsigned long);
	return is_signed ? (uint64_t)(int64_t)va_arg(*ap, int) : va_arg(*ap, unsigned int);
}

void vprintk(const char *fmt, va_list ap)
{
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		int width = 0, longs = 0;
		char pad = ' ';

		if (*fmt != '%') {
			size_t n = 1;

			while (fmt[n] && fmt[n] != '%')
				n++;
			out_text(fmt, n);
			fmt += n - 1;
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			longs++;
			fmt++;
		}
		switch (*fmt) {
		case 's': {
			const char *s = va_arg(args, const char *);
			out_str(s ? s : "(null)");
			break;
		}
		case 'c':
			out_char((char)va_arg(args, int));
			break;
		case 'd': {
			int64_t v = (int64_t)next_arg(&args, longs, true);
			if (v < 0) {
				out_char('-');
				v = -v;
			}
			out_unsigned((uint64_t)v, 10, width, pad);
			break;
		}
		case 'u':
			out_unsigned(next_arg(&args, longs, false), 10, width, pad);
			break;
		case 'x':
			out_unsigned(next_arg(&args, longs, false), 16, width, pad);
			break;
		case 'p':
			out_str("0x");
			out_unsigned((uintptr_t)va_arg(args, void *), 16, 0, ' ');
			break;
		case '%':
			out_char('%');
			break;
		default:
			out_char('?');
			break;
		}
	}
	va_end(args);
	flush();
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	if (mid_line)
		out_char('\n');
	out_str("PANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	out_char('\n');
	flush();
	panic_exit();
}
