// SPDX-License-Identifier: BSD-3-Clause
/*
 * Bounded formatting for TAs (trace.h): tee_vsnprintf/tee_snprintf and tee_user_printf,
 * which formats one line and hands it to the trusted OS with tee_user_log(). Supports
 * %d %i %u %x %X %p %s %c %% with the l, ll, z length modifiers, the '-' and '0' flags and
 * a field width (capped at 64). An unknown conversion is printed as-is and consumes no
 * argument. Output is always NUL-terminated when size > 0; the return value is the length
 * the full output would have had (as C's snprintf).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <tee_internal_api.h>

#define LOG_LINE_MAX 256
#define WIDTH_MAX    64

struct out {
	char *buf;
	size_t size;
	size_t len; /* characters produced, including those that did not fit */
};

struct spec {
	unsigned width;
	bool zero_pad;
	bool left;
	int length; /* 0: int, 1: long (l, z), 2: long long */
};

static void put(struct out *o, char c)
{
	if (o->size && o->len < o->size - 1)
		o->buf[o->len] = c;
	o->len++;
}

static void put_chars(struct out *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
}

static void put_fill(struct out *o, char c, size_t n, unsigned width)
{
	for (size_t i = n; i < width; i++)
		put(o, c);
}

/* s[0..n) padded to the field width; zero padding goes after a leading sign. */
static void put_field(struct out *o, const char *s, size_t n, const struct spec *sp)
{
	if (sp->left) {
		put_chars(o, s, n);
		put_fill(o, ' ', n, sp->width);
	} else if (sp->zero_pad) {
		if (n && s[0] == '-') {
			put(o, '-');
			s++;
			put_fill(o, '0', n, sp->width);
			put_chars(o, s, n - 1);
			return;
		}
		put_fill(o, '0', n, sp->width);
		put_chars(o, s, n);
	} else {
		put_fill(o, ' ', n, sp->width);
		put_chars(o, s, n);
	}
}

static void put_number(struct out *o, uint64_t v, bool negative, unsigned base, bool upper,
		       const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = 0;

	do {
		tmp[sizeof(tmp) - 1 - n++] = digits[v % base];
		v /= base;
	} while (v);
	if (negative)
		tmp[sizeof(tmp) - 1 - n++] = '-';
	put_field(o, tmp + sizeof(tmp) - n, n, sp);
}

static uint64_t arg_unsigned(va_list *ap, const struct spec *sp)
{
	if (sp->length >= 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static void put_signed(struct out *o, va_list *ap, const struct spec *sp)
{
	int64_t v = sp->length >= 1 ? va_arg(*ap, long) : va_arg(*ap, int);
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	put_number(o, mag, v < 0, 10, false, sp);
}

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	struct spec plain = *sp;
	size_t n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	plain.zero_pad = false;
	put_field(o, s, n, &plain);
}

static void put_conversion(struct out *o, char conv, const struct spec *sp, va_list *ap)
{
	char c;

	switch (conv) {
	case 'd':
	case 'i':
		put_signed(o, ap, sp);
		break;
	case 'u':
		put_number(o, arg_unsigned(ap, sp), false, 10, false, sp);
		break;
	case 'x':
	case 'X':
		put_number(o, arg_unsigned(ap, sp), false, 16, conv == 'X', sp);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_number(o, (uintptr_t)va_arg(*ap, void *), false, 16, false, sp);
		break;
	case 's':
		put_string(o, va_arg(*ap, const char *), sp);
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_string(o, (char[2]){ c, '\0' }, sp);
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

/* Parses flags, width and length after a '%'; returns where the conversion letter is. */
static const char *parse_spec(const char *fmt, struct spec *sp)
{
	*sp = (struct spec){ 0 };
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero_pad = true;
		else
			break;
	}
	for (; *fmt >= '0' && *fmt <= '9'; fmt++)
		if (sp->width < WIDTH_MAX) /* a silly width is capped, not an overflow */
			sp->width = sp->width * 10 + (unsigned)(*fmt - '0');
	if (sp->width > WIDTH_MAX)
		sp->width = WIDTH_MAX;
	for (; *fmt == 'l' || *fmt == 'z'; fmt++)
		sp->length = *fmt == 'z' ? 1 : sp->length + 1;
	return fmt;
}

int tee_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp);
		if (!*fmt)
			break;
		put_conversion(&o, *fmt++, &sp, &args);
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
