// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the trusted OS's page pool (tos/pages.c) on host memory:
 * pages come out zeroed and distinct until the pool is empty, go back and
 * come out again, and freeing anything that is not an allocated pool page
 * (twice, unaligned, outside the pool) is an internal error that panics.
 * page_alloc_dirty() hands out the same pages without zeroing them, found a
 * word of the allocation bitmap at a time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lib/print.h>

#include "../../tos/pages.h"

#define NPAGES 8

static uint8_t pool[NPAGES][4096] __attribute__((aligned(4096)));
static jmp_buf on_panic;
static unsigned panics;

void panic(const char *fmt, ...)
{
	(void)fmt;
	panics++;
	longjmp(on_panic, 1);
}

static uint64_t base(void)
{
	return (uint64_t)(uintptr_t)pool;
}

static int setup(void **state)
{
	memset(pool, 0xa5, sizeof(pool));
	pages_init(base(), base() + sizeof(pool));
	panics = 0;
	return 0;
}

static void test_alloc_until_empty(void **state)
{
	uint64_t got[NPAGES];

	assert_int_equal(pages_free_count(), NPAGES);
	for (unsigned i = 0; i < NPAGES; i++) {
		got[i] = page_alloc();
		assert_true(got[i] >= base() && got[i] < base() + sizeof(pool));
		assert_int_equal(got[i] % 4096, 0);
		for (unsigned j = 0; j < i; j++)
			assert_true(got[j] != got[i]);
		for (unsigned b = 0; b < 4096; b++)
			assert_int_equal(((uint8_t *)(uintptr_t)got[i])[b], 0);
		memset((void *)(uintptr_t)got[i], 0xff, 4096);
	}
	assert_int_equal(page_alloc(), 0);
	assert_int_equal(pages_free_count(), 0);
	page_free(got[3]);
	assert_int_equal(pages_free_count(), 1);
	assert_int_equal(page_alloc(), got[3]);
	assert_int_equal(((uint8_t *)(uintptr_t)got[3])[100], 0); /* zeroed again */
}

/* More pages than one bitmap word, and a last word only partly in the pool. */
#define BIG_PAGES 130
static uint8_t big[BIG_PAGES][4096] __attribute__((aligned(4096)));

static void test_dirty_pages_over_many_words(void **state)
{
	uint64_t b = (uint64_t)(uintptr_t)big, p;

	memset(big, 0x5a, sizeof(big));
	pages_init(b, b + sizeof(big));
	for (unsigned i = 0; i < BIG_PAGES; i++) {
		p = i % 2 ? page_alloc_dirty() : page_alloc();
		assert_int_equal(p, b + (uint64_t)i * 4096); /* lowest free page first */
		assert_int_equal(((uint8_t *)(uintptr_t)p)[7],
				 i % 2 ? 0x5a : 0); /* dirty: as left */
	}
	assert_int_equal(page_alloc_dirty(), 0);
	assert_int_equal(page_alloc(), 0);
	assert_int_equal(pages_free_count(), 0);
	page_free(b + 129 * 4096);
	page_free(b + 70 * 4096);
	page_free(b + 3 * 4096);
	assert_int_equal(page_alloc_dirty(), b + 3 * 4096);
	assert_int_equal(page_alloc_dirty(), b + 70 * 4096);
	assert_int_equal(page_alloc(), b + 129 * 4096);
	assert_int_equal(page_alloc_dirty(), 0);
	/* A pool that ends inside a word: the bits past its end are never handed out. */
	pages_init(b, b + 65 * 4096);
	for (unsigned i = 0; i < 65; i++)
		assert_int_equal(page_alloc_dirty(), b + (uint64_t)i * 4096);
	assert_int_equal(page_alloc_dirty(), 0);
}

static void expect_panic(uint64_t pa)
{
	unsigned before = panics;

	if (!setjmp(on_panic))
		page_free(pa);
	assert_int_equal(panics, before + 1);
}

static void test_bad_frees_panic(void **state)
{
	uint64_t p = page_alloc();

	page_free(p);
	expect_panic(p);		 /* twice */
	expect_panic(base() + 4096 + 8); /* not page aligned */
	expect_panic(base() - 4096);	 /* below the pool */
	expect_panic(base() + sizeof(pool));
	expect_panic(0);
	assert_int_equal(pages_free_count(), NPAGES);
}

static void test_empty_and_clamped_pools(void **state)
{
	pages_init(base(), base());
	assert_int_equal(pages_free_count(), 0);
	assert_int_equal(page_alloc(), 0);
	pages_init(base() + 4096, base()); /* end below base */
	assert_int_equal(pages_free_count(), 0);
	pages_init(base(), base() + 4096 + 100); /* a partial page is not used */
	assert_int_equal(pages_free_count(), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_alloc_until_empty, setup),
		cmocka_unit_test_setup(test_bad_frees_panic, setup),
		cmocka_unit_test_setup(test_dirty_pages_over_many_words, setup),
		cmocka_unit_test_setup(test_empty_and_clamped_pools, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
