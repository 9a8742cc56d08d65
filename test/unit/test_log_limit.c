// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the rate-limited log (lib/log_limit.c): a burst is printed, the rest is
 * counted and reported as "N messages suppressed", tokens come back with calls (never with
 * time), and sources are independent.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lib/print.h>

static unsigned lines;
static char last[128];

void vprintk(const char *fmt, va_list ap)
{
	lines++;
	vsnprintf(last, sizeof(last), fmt, ap);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

static void test_burst_then_suppressed_and_counted(void **state)
{
	struct log_limit l = { 0 };
	unsigned printed = 0;

	(void)state;
	lines = 0;
	for (unsigned i = 0; i < LOG_LIMIT_REFILL - 1; i++)
		printed += (unsigned)printk_limited(&l, "denied %u\n", i);
	assert_int_equal(printed, LOG_LIMIT_BURST);
	assert_int_equal(lines, LOG_LIMIT_BURST);
	assert_int_equal(l.suppressed, LOG_LIMIT_REFILL - 1 - LOG_LIMIT_BURST);
	log_limit_flush(&l, "guest9");
	assert_int_equal(lines, LOG_LIMIT_BURST + 1);
	assert_string_equal(last, "guest9: 59 messages suppressed\n");
	assert_int_equal(l.suppressed, 0);
	log_limit_flush(&l, "guest9"); /* nothing more to report */
	assert_int_equal(lines, LOG_LIMIT_BURST + 1);
}

static void test_tokens_come_back_with_calls(void **state)
{
	struct log_limit l = { 0 };
	unsigned printed = 0;

	(void)state;
	lines = 0;
	/* 10 refills' worth of calls: the burst, then one line per LOG_LIMIT_REFILL calls. */
	for (unsigned i = 0; i < 10 * LOG_LIMIT_REFILL; i++)
		printed += (unsigned)printk_limited(&l, "x\n");
	assert_int_equal(printed, LOG_LIMIT_BURST + 10);
	/* A line that is printed after drops first says how many were dropped. */
	assert_int_equal(lines, printed + 10);
}

static void test_sources_are_independent(void **state)
{
	struct log_limit noisy = { 0 }, quiet = { 0 };

	(void)state;
	for (unsigned i = 0; i < 40; i++)
		printk_limited(&noisy, "x\n");
	assert_true(printk_limited(&quiet, "first line of another source\n"));
	assert_string_equal(last, "first line of another source\n");
	assert_int_equal(noisy.suppressed, 40 - LOG_LIMIT_BURST);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burst_then_suppressed_and_counted),
		cmocka_unit_test(test_tokens_come_back_with_calls),
		cmocka_unit_test(test_sources_are_independent),
	};
	return cmocka_run_group_tests(tests, 0, 0);
}
