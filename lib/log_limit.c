// SPDX-License-Identifier: BSD-3-Clause
/*
 * Rate-limited console lines for input from a less privileged caller (see <lib/print.h>): a
 * token bucket per source, counted in calls rather than time, with a count of what it dropped.
 */
#include <lib/print.h>

/* One call of a limited source: refill, then take a token if one is left. */
static int log_limit_take(struct log_limit *l)
{
	if (++l->calls >= LOG_LIMIT_REFILL) {
		l->calls = 0;
		if (l->used)
			l->used--;
	}
	if (l->used >= LOG_LIMIT_BURST) {
		if (l->suppressed != UINT32_MAX)
			l->suppressed++;
		return 0;
	}
	l->used++;
	return 1;
}

void log_limit_flush(struct log_limit *l, const char *source)
{
	if (l->suppressed)
		printk("%s: %u messages suppressed\n", source, l->suppressed);
	l->suppressed = 0;
}

int printk_limited(struct log_limit *l, const char *fmt, ...)
{
	va_list ap;

	if (!log_limit_take(l))
		return 0;
	if (l->suppressed)
		printk("(%u messages suppressed before this one)\n", l->suppressed);
	l->suppressed = 0;
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	return 1;
}
