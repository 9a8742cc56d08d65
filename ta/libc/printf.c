// SPDX-License-Identifier: BSD-3-Clause
/*
 * Bounded formatting for TAs (trace.h): tee_vsnprintf/tee_snprintf and tee_user_printf,
 * which formats one line and hands it to the trusted OS with tee_user_log(). Supports
 * %d %i %u %x %X %p %s %c %% with the l, ll, z length modifiers, '0' padding and a field
 * width; anything else is printed as-is. Output is always NUL-terminated when size > 0;
 * the return value is the length the full output would have had (as C's snprintf).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <tee_internal_api.h>

#define LOG_LINE_MAX 256

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced, including those that did not fit */
};

static void put(struct out *o, char c)
{
	if (o->size && o->len < o->size - 1)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, unsigned width, char pad)
{
	for (size_t i = n; i < width; i++)
		put(o, pad);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
}

static void put_number(struct out *o, uint64_t v, bool negative, unsigned base, bool upper,
		       unsigned width, char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	if (negative) {
		if (pad == '0') {
			put(o, '-');
			width = width ? width - 1 : 0;
		} else {
			tmp[sizeof(tmp) - 1 - n++] = '-';
		}
	}
	put_padded(o, tmp + sizeof(tmp) - n, n, width, pad);
}

/* Reads the argument for an integer conversion of the given length (0, 1 = l, 2 = ll). */
static uint64_t arg_unsigned(va_list *ap, int length)
{
	if (length >= 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static int64_t arg_signed(va_list *ap, int length)
{
	if (length >= 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void put_signed(struct out *o, int64_t v, unsigned width, char pad)
{
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	put_number(o, mag, v < 0, 10, false, width, pad);
}

static void put_string(struct out *o, const char *s, unsigned width)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	put_padded(o, s, n, width, ' ');
}

static void put_conversion(struct out *o, char conv, int length, unsigned width, char pad,
			   va_list *ap)
{
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		put_signed(o, arg_signed(ap, length), width, pad);
		break;
	case 'u':
		put_number(o, arg_unsigned(ap, length), false, 10, false, width, pad);
		break;
	case 'x':
	case 'X':
		put_number(o, arg_unsigned(ap, length), false, 16, conv == 'X', width, pad);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_number(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, width, pad);
		break;
	case 's':
		put_string(o, va_arg(*ap, const char *), width);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, &c, 1, width, ' ');
		break;
	case '%':
		put(o, '%');
		break;
	default:
		put(o, '%');
		put(o, conv);
		break;
	}
}

int tee_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		char pad = ' ';
		unsigned width = 0;
		int length = 0;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '0')
			pad = '0';
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			if (width < 64) /* a silly width is capped, not an overflow */
				width = width * 10 + (unsigned)(*fmt - '0');
		while (*fmt == 'l' || *fmt == 'z') {
			length = *fmt == 'z' ? 1 : length + 1;
			fmt++;
		}
		if (!*fmt)
			break;
		put_conversion(&o, *fmt++, length, width, pad, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int tee_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tee_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void tee_user_printf(const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = tee_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	tee_user_log(line, (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1);
}
