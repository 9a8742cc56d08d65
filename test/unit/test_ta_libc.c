// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of ta/libc: the bounded formatter behind trace.h, and the string functions
 * (built for this test with a ta_ prefix so they do not replace the host's).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "test_ta_shim.h"

void *ta_memcpy(void *dst, const void *src, size_t n);
void *ta_memmove(void *dst, const void *src, size_t n);
void *ta_memset(void *dst, int c, size_t n);
int ta_memcmp(const void *a, const void *b, size_t n);
void *ta_memchr(const void *s, int c, size_t n);
size_t ta_strlen(const char *s);
size_t ta_strnlen(const char *s, size_t max);
int ta_strcmp(const char *a, const char *b);
int ta_strncmp(const char *a, const char *b, size_t n);
int ta_snprintf(char *buf, size_t size, const char *fmt, ...);
void *ta_malloc(size_t size);
void *ta_calloc(size_t count, size_t size);
void *ta_realloc(void *ptr, size_t size);
void ta_free(void *ptr);
void ta_abort(void);

/* Hides a format from the compiler's checks, for the cases that test misuse. */
static const char *unchecked(const char *fmt)
{
	const char *volatile opaque = fmt;

	return opaque;
}

static void test_format_conversions(void **state)
{
	char buf[128];
	int n;

	(void)state;
	n = tee_snprintf(buf, sizeof(buf), "%d %i %u %x %X %s %c %%", -42, 7, 4000000000u, 0xbeefu,
			 0xbeefu, "str", 'c');
	assert_string_equal(buf, "-42 7 4000000000 beef BEEF str c %");
	assert_int_equal(n, (int)strlen(buf));
	tee_snprintf(buf, sizeof(buf), "%ld %lu %llx %zu", -9000000000L, 18446744073709551615UL,
		     0x123456789abcdefULL, (size_t)12345);
	assert_string_equal(buf, "-9000000000 18446744073709551615 123456789abcdef 12345");
	tee_snprintf(buf, sizeof(buf), unchecked("[%5d] [%05d] [%-3d] [%08x] [%3s] [%s]"), 42, -42,
		     1, 0xab, "a", (char *)NULL);
	assert_string_equal(buf, "[   42] [-0042] [1  ] [000000ab] [  a] [(null)]");
	tee_snprintf(buf, sizeof(buf), "%p", (void *)0x1000);
	assert_string_equal(buf, "0x1000");
	tee_snprintf(buf, sizeof(buf), "%d", INT32_MIN);
	assert_string_equal(buf, "-2147483648");
	tee_snprintf(buf, sizeof(buf), unchecked("%99999999999999999999d|"), 1);
	assert_int_equal(strlen(buf), 65); /* the width is capped at 64 */
	tee_snprintf(buf, sizeof(buf), unchecked("%q %d"), 3);
	assert_string_equal(buf, "%q 3"); /* unknown: printed, no argument used */
	tee_snprintf(buf, sizeof(buf), unchecked("[%-4s][%03c]"), "ab", 'z');
	assert_string_equal(buf, "[ab  ][  z]");
	tee_snprintf(buf, sizeof(buf), unchecked("trailing %"));
	assert_string_equal(buf, "trailing ");
}

static void test_format_truncates(void **state)
{
	char buf[8];
	char canary[4] = "xyz";

	(void)state;
	memset(buf, 'Z', sizeof(buf));
	assert_int_equal(tee_snprintf(buf, 5, "%s", "abcdefgh"), 8);
	assert_string_equal(buf, "abcd");
	assert_int_equal(buf[5], 'Z');
	assert_int_equal(tee_snprintf(NULL, 0, "%d", 12345), 5);
	assert_int_equal(tee_snprintf(canary, 1, "abc"), 3);
	assert_int_equal(canary[0], '\0');
	assert_int_equal(canary[1], 'y');
}

static void test_user_printf_logs_one_line(void **state)
{
	char long_text[400];

	(void)state;
	tee_user_printf("value %u", 5u);
	assert_string_equal(shim_last_log, "value 5");
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	tee_user_printf("%s", long_text);
	assert_int_equal(strlen(shim_last_log), 255); /* bounded by the line buffer */
}

static void test_string_functions(void **state)
{
	char buf[16] = "0123456789";
	char out[16];

	(void)state;
	assert_ptr_equal(ta_memcpy(out, "abc", 4), out);
	assert_string_equal(out, "abc");
	ta_memmove(buf + 2, buf, 5); /* overlapping, forwards */
	assert_memory_equal(buf, "0101234789", 10);
	ta_memmove(buf, buf + 3, 5); /* overlapping, backwards */
	assert_memory_equal(buf, "1234734789", 10);
	ta_memset(out, 'x', 3);
	assert_memory_equal(out, "xxx", 3);
	assert_int_equal(ta_memcmp("abc", "abd", 3), -1);
	assert_int_equal(ta_memcmp("abd", "abc", 3), 1);
	assert_int_equal(ta_memcmp("ab\xff", "ab\x01", 2), 0);
	assert_true(ta_memcmp("\xff", "\x01", 1) > 0); /* unsigned bytes */
	assert_ptr_equal(ta_memchr("hello", 'l', 5), (const char *)"hello" + 2);
	assert_null(ta_memchr("hello", 'z', 5));
	assert_int_equal(ta_strlen(""), 0);
	assert_int_equal(ta_strlen("four"), 4);
	assert_int_equal(ta_strnlen("four", 2), 2);
	assert_int_equal(ta_strcmp("a", "a"), 0);
	assert_true(ta_strcmp("a", "b") < 0);
	assert_true(ta_strcmp("ab", "a") > 0);
	assert_int_equal(ta_strncmp("abcX", "abcY", 3), 0);
	assert_true(ta_strncmp("abcX", "abcY", 4) < 0);
}

static void test_c_names(void **state)
{
	char buf[16];
	uint8_t *p;

	(void)state;
	shim_reset();
	assert_int_equal(ta_snprintf(buf, sizeof(buf), "%s-%u", "id", 7u), 4);
	assert_string_equal(buf, "id-7");
	p = ta_calloc(4, 8);
	assert_non_null(p);
	for (int i = 0; i < 32; i++)
		assert_int_equal(p[i], 0);
	assert_null(ta_calloc(SIZE_MAX / 2, 4)); /* the multiplication overflows */
	p = ta_realloc(p, 64);
	assert_non_null(p);
	ta_free(p);
	p = ta_malloc(10);
	assert_non_null(p);
	ta_free(p);
	ta_free(NULL);
	assert_int_equal(shim_heap_used, 0);
	shim_panic_armed = 1;
	if (!setjmp(shim_panic_jmp)) {
		ta_abort();
		fail_msg("abort returned");
	}
	assert_int_equal(shim_panic_code, TEE_ERROR_GENERIC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_conversions),
		cmocka_unit_test(test_format_truncates),
		cmocka_unit_test(test_user_printf_logs_one_line),
		cmocka_unit_test(test_string_functions),
		cmocka_unit_test(test_c_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
