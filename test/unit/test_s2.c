// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the generic stage-2 table builder (lib/xlat/s2.c). The file is built twice: with
 * arch/fake/include (test_s2_fake), whose descriptor layout shares nothing with AArch64, which
 * shows the walker relies only on the <arch/s2_pte.h> interface; and with -DTEST_AARCH64_PTE
 * -Iarch/aarch64/include (test_s2_aarch64), which adds checks of the exact AArch64 descriptor
 * bits (bringup.md §3.4). Tables come from a static, 4 KiB-aligned pool; since s2.c hands them
 * out in order, a test can tell from pool.used whether a range became blocks or pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arch/s2_pte.h>
#include <lib/s2.h>

#define PAGE	    0x1000ull
#define BLOCK	    0x200000ull
#define GiB	    (1ull << 30)
#define POOL_TABLES 16

static s2_table_t tables[POOL_TABLES] __attribute__((aligned(4096)));
static struct s2_pool pool;
static struct s2_space space;

/* Break-before-make calls of s2.c: how many, and whether the old descriptor was gone each time. */
static unsigned bbm_calls, bbm_bad;
static uint64_t bbm_last_ipa;
static struct s2_space *bbm_space = &space;

void arch_s2_tlb_inval(uint64_t ipa)
{
	bbm_calls++;
	bbm_last_ipa = ipa;
	/* The entry was written invalid before the invalidation: nothing translates there now. */
	if (s2_lookup(bbm_space, ipa, NULL, NULL))
		bbm_bad++;
}

/* A fresh space whose pool holds `count` tables, the root already taken. */
static void fresh_space(unsigned count)
{
	pool = (struct s2_pool){ .tables = tables, .count = count, .used = 0 };
	bbm_calls = bbm_bad = 0;
	assert_int_equal(s2_init(&space, &pool), S2_OK);
	assert_int_equal(pool.used, 1);
}

static int setup(void **state)
{
	fresh_space(POOL_TABLES);
	return 0;
}

/* Assert that `ipa` translates to `pa` with attributes `attr`. */
static void expect_map(uint64_t ipa, uint64_t pa, unsigned attr)
{
	uint64_t got_pa = ~0ull;
	unsigned got_attr = ~0u;

	assert_true(s2_lookup(&space, ipa, &got_pa, &got_attr));
	assert_int_equal(got_pa, pa);
	assert_int_equal(got_attr, attr);
}

static void expect_map_in(const struct s2_space *s, uint64_t ipa, uint64_t pa)
{
	uint64_t got = ~0ull;

	assert_true(s2_lookup(s, ipa, &got, NULL));
	assert_int_equal(got, pa);
}

static void expect_unmapped(uint64_t ipa)
{
	uint64_t pa = 0x5a5a5000;
	unsigned attr = 0x5a;

	assert_false(s2_lookup(&space, ipa, &pa, &attr));
	assert_false(s2_lookup(&space, ipa, NULL, NULL));
}

static void test_init(void **state)
{
	struct s2_pool empty = { .tables = tables, .count = 0, .used = 0 };
	struct s2_space s;

	assert_int_equal(s2_init(&s, &empty), S2_ENOMEM);
	assert_int_equal(empty.used, 0);

	tables[0][0] = ~0ull; /* s2_init must hand out a zeroed root */
	fresh_space(1);
	assert_int_equal(s2_root_pa(&space), (uint64_t)(uintptr_t)tables[0]);
	assert_int_equal(tables[0][0], 0);
	expect_unmapped(0);
	expect_unmapped(0xfffff000);
}

static void test_map_page(void **state)
{
	assert_int_equal(s2_map(&space, 0x40000000, 0x80001000, PAGE, S2_RW), S2_OK);
	assert_int_equal(pool.used, 3); /* root, level 2, level 3 */
	expect_map(0x40000000, 0x80001000, S2_RW);
	expect_map(0x40000abc, 0x80001abc, S2_RW);
	expect_map(0x40000fff, 0x80001fff, S2_RW);
	expect_unmapped(0x40001000);
	expect_unmapped(0x3ffff000);
	expect_unmapped(0x00000000);

	/* A second page in the same 2 MiB region reuses the level-3 table. */
	assert_int_equal(s2_map(&space, 0x401ff000, 0x12345000, PAGE, S2_READ), S2_OK);
	assert_int_equal(pool.used, 3);
	expect_map(0x401ff010, 0x12345010, S2_READ);
	expect_map(0x40000000, 0x80001000, S2_RW);
}

static void test_map_block(void **state)
{
	assert_int_equal(s2_map(&space, 0x10000000, 0x0e200000, BLOCK, S2_RWX), S2_OK);
	assert_int_equal(pool.used, 2); /* a 2 MiB block needs no level-3 table */
	expect_map(0x10000000, 0x0e200000, S2_RWX);
	expect_map(0x10001234, 0x0e201234, S2_RWX);
	expect_map(0x100ff000, 0x0e2ff000, S2_RWX);
	expect_map(0x101fffff, 0x0e3fffff, S2_RWX);
	expect_unmapped(0x10200000);
	expect_unmapped(0x0ffff000);

	/* Two blocks in a row; the pa above 4 GiB is kept whole. */
	assert_int_equal(s2_map(&space, 0x80000000, 0x8c0000000, 2 * BLOCK, S2_READ), S2_OK);
	assert_int_equal(pool.used, 3); /* another level-2 table, still no level 3 */
	expect_map(0x80000000, 0x8c0000000, S2_READ);
	expect_map(0x803fffff, 0x8c03fffff, S2_READ);
	expect_unmapped(0x80400000);
}

/* A 2 MiB-aligned range whose pa is only 4 KiB-aligned cannot use blocks. */
static void test_block_needs_aligned_pa(void **state)
{
	assert_int_equal(s2_map(&space, 0x00200000, 0x80001000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(pool.used, 3);
	for (uint64_t off = 0; off < BLOCK; off += PAGE)
		expect_map(0x00200000 + off + 0x10, 0x80001000 + off + 0x10, S2_RW);
	expect_unmapped(0x00400000);
	expect_unmapped(0x001ff000);
}

/* Pages up to a 2 MiB boundary, a block, then pages again. */
static void test_map_mixed(void **state)
{
	const uint64_t ipa = 0x001fe000, pa = 0x801fe000, size = 2 * PAGE + BLOCK + PAGE;

	assert_int_equal(s2_map(&space, ipa, pa, size, S2_RW), S2_OK);
	/* root, level 2, level 3 for 0x1fe000..0x1fffff, block, level 3 for 0x400000. */
	assert_int_equal(pool.used, 4);
	expect_unmapped(ipa - PAGE);
	for (uint64_t off = 0; off < size; off += PAGE)
		expect_map(ipa + off + 0x123, pa + off + 0x123, S2_RW);
	expect_unmapped(ipa + size);
}

/* Pages either side of a 1 GiB boundary live under different level-1 entries. */
static void test_cross_1g(void **state)
{
	assert_int_equal(s2_map(&space, GiB - PAGE, 0x70000000, 2 * PAGE, S2_RW), S2_OK);
	assert_int_equal(pool.used, 5);
	expect_map(GiB - PAGE, 0x70000000, S2_RW);
	expect_map(GiB, 0x70001000, S2_RW);
	expect_unmapped(GiB - 2 * PAGE);
	expect_unmapped(GiB + PAGE);
}

/* The whole 4 GiB IPA space in blocks: four level-2 tables, nothing else. */
static void test_map_whole_space(void **state)
{
	assert_int_equal(s2_map(&space, 0, 4 * GiB, 4 * GiB, S2_RW), S2_OK);
	assert_int_equal(pool.used, 5);
	expect_map(0, 4 * GiB, S2_RW);
	expect_map(0xfffff123, 8 * GiB - PAGE + 0x123, S2_RW);
	expect_map(0x9abcdef0, 4 * GiB + 0x9abcdef0, S2_RW);
	assert_int_equal(s2_map(&space, 0x12345000, 0, PAGE, S2_RW), S2_EEXIST);
}

static void test_unmapped(void **state)
{
	expect_unmapped(0);
	expect_unmapped(0x40000000);

	assert_int_equal(s2_map(&space, 0, 0x80000000, PAGE, S2_RW), S2_OK);
	expect_map(0, 0x80000000, S2_RW);
	expect_unmapped(PAGE);
	expect_unmapped(BLOCK);
	expect_unmapped(GiB);
	/* IPAs beyond the 32-bit space must not alias entry 0 of the tables. */
	expect_unmapped(1ull << 32);
	expect_unmapped(1ull << 39);
	expect_unmapped(1ull << 48);
	expect_unmapped(~0ull & ~(PAGE - 1));
}

static void test_reject_invalid(void **state)
{
	/* Unaligned ipa, pa or size; empty. */
	assert_int_equal(s2_map(&space, 0x40000800, 0x80000000, PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000010, PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, PAGE + 8, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 0x800, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 0, S2_RW), S2_EINVAL);
	/* IPAs beyond 4 GiB, or a range that runs past it. */
	assert_int_equal(s2_map(&space, 1ull << 32, 0x80000000, PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 1ull << 39, 0x80000000, PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0xfffff000, 0x80000000, 2 * PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0, 0x80000000, 4 * GiB + PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0x1000, 0, ~0ull & ~(PAGE - 1), S2_RW), S2_EINVAL);
	/* Output addresses that wrap or leave the 48-bit PA space. */
	assert_int_equal(s2_map(&space, 0, ~0ull & ~(PAGE - 1), 2 * PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0, 1ull << 48, PAGE, S2_RW), S2_EINVAL);
	assert_int_equal(s2_map(&space, 0, (1ull << 48) - PAGE, 2 * PAGE, S2_RW), S2_EINVAL);

	/* Nothing was mapped and no table was taken. */
	assert_int_equal(pool.used, 1);
	expect_unmapped(0);
	expect_unmapped(0x40000000);
	expect_unmapped(0xfffff000);

	/* The edges themselves are fine. */
	assert_int_equal(s2_map(&space, 0xfffff000, (1ull << 48) - PAGE, PAGE, S2_RW), S2_OK);
	expect_map(0xfffff000, (1ull << 48) - PAGE, S2_RW);
	expect_map(0xffffffff, (1ull << 48) - 1, S2_RW);
}

static void test_overlap(void **state)
{
	unsigned used;

	assert_int_equal(s2_map(&space, 0x40001000, 0x80001000, PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x00200000, 0x0e200000, BLOCK, S2_RWX), S2_OK);
	used = pool.used;

	/* Any range touching the page, even by one page at either end. */
	assert_int_equal(s2_map(&space, 0x40000000, 0x90000000, 3 * PAGE, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0x40001000, 0x90000000, PAGE, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0x40000000, 0x90000000, 2 * PAGE, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0x40001000, 0x90000000, 4 * PAGE, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0x40000000, 0x90000000, BLOCK, S2_READ), S2_EEXIST);
	/* Any range touching the block: its first page, its last page, all of it. */
	assert_int_equal(s2_map(&space, 0x001ff000, 0x90000000, 2 * PAGE, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0x003ff000, 0x90000000, PAGE, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0x00200000, 0x90000000, BLOCK, S2_READ), S2_EEXIST);
	assert_int_equal(s2_map(&space, 0, 0x90000000, 3 * BLOCK, S2_READ), S2_EEXIST);

	/* The old mappings are intact, and nothing around them appeared. */
	assert_int_equal(pool.used, used);
	expect_map(0x40001000, 0x80001000, S2_RW);
	expect_map(0x00200000, 0x0e200000, S2_RWX);
	expect_map(0x003ff000, 0x0e3ff000, S2_RWX);
	expect_unmapped(0x40000000);
	expect_unmapped(0x40002000);
	expect_unmapped(0x001ff000);
	expect_unmapped(0x00400000);

	/* Neighbours that do not overlap are accepted. */
	assert_int_equal(s2_map(&space, 0x40000000, 0x90000000, PAGE, S2_READ), S2_OK);
	assert_int_equal(s2_map(&space, 0x00400000, 0x90200000, BLOCK, S2_READ), S2_OK);
	expect_map(0x40000000, 0x90000000, S2_READ);
	expect_map(0x00400000, 0x90200000, S2_READ);
	expect_map(0x40001000, 0x80001000, S2_RW);
}

static void test_pool_exhaustion(void **state)
{
	/* One table: the root. Any mapping needs a level-2 table. */
	fresh_space(1);
	assert_int_equal(s2_map(&space, 0x00200000, 0x0e200000, BLOCK, S2_RW), S2_ENOMEM);
	assert_int_equal(pool.used, 1);
	expect_unmapped(0x00200000);

	/* Root and level 2: blocks fit, a page does not. */
	fresh_space(2);
	assert_int_equal(s2_map(&space, 0x00200000, 0x0e200000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x00600000, 0x0e600000, PAGE, S2_RW), S2_ENOMEM);
	assert_int_equal(pool.used, 2);
	expect_unmapped(0x00600000);
	expect_map(0x00200000, 0x0e200000, S2_RW);
	/* Another gigabyte needs another level-2 table. */
	assert_int_equal(s2_map(&space, 0x40000000, 0x40000000, BLOCK, S2_RW), S2_ENOMEM);
	expect_unmapped(0x40000000);
	/* The same pool still serves what fits. */
	assert_int_equal(s2_map(&space, 0x00400000, 0x0e400000, BLOCK, S2_RW), S2_OK);
	expect_map(0x00400000, 0x0e400000, S2_RW);
	expect_map(0x00200000, 0x0e200000, S2_RW);
}

/*
 * <lib/s2.h>: S2_ENOMEM means "nothing was changed". Here the first page fits in the pool and
 * the second, in the next 2 MiB region, does not: neither may end up mapped.
 */
static void test_pool_exhaustion_is_atomic(void **state)
{
	fresh_space(3);
	assert_int_equal(s2_map(&space, 0x001ff000, 0x801ff000, 2 * PAGE, S2_RW), S2_ENOMEM);
	expect_unmapped(0x001ff000);
	expect_unmapped(0x00200000);
}

static void test_attributes(void **state)
{
	assert_int_equal(s2_map(&space, 0x09000000, 0x09000000, PAGE, S2_DEVICE | S2_RW), S2_OK);
	expect_map(0x09000000, 0x09000000, S2_DEVICE | S2_RW);
	expect_map(0x09000ffc, 0x09000ffc, S2_DEVICE | S2_RW);
	/* Device memory is never executable. */
	assert_int_equal(s2_map(&space, 0x09001000, 0x09001000, PAGE, S2_DEVICE | S2_RWX), S2_OK);
	expect_map(0x09001000, 0x09001000, S2_DEVICE | S2_RW);
	assert_int_equal(s2_map(&space, 0x08000000, 0x08000000, BLOCK, S2_DEVICE | S2_RW), S2_OK);
	expect_map(0x08100000, 0x08100000, S2_DEVICE | S2_RW);

	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, PAGE, S2_READ), S2_OK);
	assert_int_equal(s2_map(&space, 0x40001000, 0x80001000, PAGE, S2_READ | S2_EXEC), S2_OK);
	assert_int_equal(s2_map(&space, 0x40002000, 0x80002000, PAGE, S2_WRITE), S2_OK);
	assert_int_equal(s2_map(&space, 0x40003000, 0x80003000, PAGE, S2_RWX), S2_OK);
	assert_int_equal(s2_map(&space, 0x40004000, 0x80004000, PAGE, 0), S2_OK);
	expect_map(0x40000000, 0x80000000, S2_READ);
	expect_map(0x40001000, 0x80001000, S2_READ | S2_EXEC);
	expect_map(0x40002000, 0x80002000, S2_WRITE);
	expect_map(0x40003000, 0x80003000, S2_RWX);
	/* Mapped with no access at all: still a translation, so the range stays taken. */
	expect_map(0x40004000, 0x80004000, 0);
	assert_int_equal(s2_map(&space, 0x40004000, 0x80004000, PAGE, S2_RW), S2_EEXIST);
}

#ifdef TEST_AARCH64_PTE
#define XN_SHIFT 53
#define XN_NONE	 0ull
#define XN_ALL	 2ull
#define AF	 (1ull << 10)

static const uint64_t *table_of(uint64_t desc)
{
	assert_int_equal(desc & 3, 3);
	return (const uint64_t *)(uintptr_t)(desc & 0x0000fffffffff000ull);
}

/* Table descriptors are the next table's PA | 0b11; tables come from the pool in order. */
static void test_aarch64_table_desc(void **state)
{
	const uint64_t *root = tables[0], *l2;

	assert_int_equal(s2_map(&space, 0x40001000, 0x80001000, PAGE, S2_RW), S2_OK);
	assert_int_equal(root[1], (uint64_t)(uintptr_t)tables[1] | 3);
	l2 = table_of(root[1]);
	assert_ptr_equal(l2, tables[1]);
	assert_int_equal(l2[0], (uint64_t)(uintptr_t)tables[2] | 3);
	for (unsigned i = 0; i < S2_ENTRIES; i++)
		if (i != 1)
			assert_int_equal(root[i], 0);
}

static void test_aarch64_block_bits(void **state)
{
	const uint64_t *root = tables[0], *l2;

	assert_int_equal(s2_map(&space, 0x10000000, 0x0e200000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x10200000, 0x0e400000, BLOCK, S2_RWX), S2_OK);
	assert_int_equal(s2_map(&space, 0x10400000, 0x0e600000, BLOCK, S2_READ), S2_OK);
	assert_int_equal(s2_map(&space, 0x10600000, 0x09000000, BLOCK, S2_DEVICE | S2_RW), S2_OK);
	l2 = table_of(root[0]);

	/* Normal RW block = OA | 0x7FD, and XN (54:53 = 0b10) since S2_EXEC is absent. */
	assert_int_equal(l2[0x80], 0x0e200000 | 0x7fd | (XN_ALL << XN_SHIFT));
	assert_int_equal((l2[0x80] >> XN_SHIFT) & 3, XN_ALL);
	/* Executable: exactly OA | 0x7FD. */
	assert_int_equal(l2[0x81], 0x0e400000 | 0x7fd);
	/* Read-only (S2AP 0b01) = OA | 0x77D. */
	assert_int_equal(l2[0x82], 0x0e600000 | 0x77d | (XN_ALL << XN_SHIFT));
	/* Device RW block = OA | 0x4C5 (Device-nGnRE, no shareability), never executable. */
	assert_int_equal(l2[0x83], 0x09000000 | 0x4c5 | (XN_ALL << XN_SHIFT));
	for (unsigned i = 0x80; i <= 0x83; i++) {
		assert_int_equal(l2[i] & 3, 1); /* block */
		assert_true(l2[i] & AF);
	}
}

static void test_aarch64_page_bits(void **state)
{
	const uint64_t *l3;

	assert_int_equal(s2_map(&space, 0x09000000, 0x09000000, PAGE, S2_DEVICE | S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x09001000, 0x09001000, PAGE, S2_DEVICE | S2_RWX), S2_OK);
	assert_int_equal(s2_map(&space, 0x09002000, 0x40002000, PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x09003000, 0x40003000, PAGE, S2_RWX), S2_OK);
	assert_int_equal(s2_map(&space, 0x09004000, 0x40004000, PAGE, 0), S2_OK);
	l3 = table_of(table_of(tables[0][0])[0x48]);

	/* Device RW page: MemAttr 0b0001 (Device-nGnRE) at 5:2, S2AP RW, AF, page type, XN. */
	assert_int_equal((l3[0] >> 2) & 0xf, 1);
	assert_int_equal(l3[0], 0x09000000 | 0x4c7 | (XN_ALL << XN_SHIFT));
	assert_int_equal(l3[1], 0x09001000 | 0x4c7 | (XN_ALL << XN_SHIFT));
	/* Normal pages: MemAttr 0b1111, inner shareable. */
	assert_int_equal(l3[2], 0x40002000 | 0x7ff | (XN_ALL << XN_SHIFT));
	assert_int_equal(l3[3], 0x40003000 | 0x7ff | (XN_NONE << XN_SHIFT));
	/* No access: S2AP 0b00, but still valid and with AF set. */
	assert_int_equal(l3[4], 0x40004000 | 0x73f | (XN_ALL << XN_SHIFT));
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(l3[i] & 3, 3); /* page */
		assert_true(l3[i] & AF);
	}
	assert_int_equal(l3[5], 0);
}
#else
static const uint64_t *table_of(uint64_t desc)
{
	assert_true(desc & FAKE_PTE_VALID);
	assert_true(desc & FAKE_PTE_TABLE);
	return (const uint64_t *)(uintptr_t)((desc & FAKE_PTE_PFN_MASK) << 12);
}

/* Guard against the wrong header: the fake encoding really is in use. */
static void test_fake_encoding_in_use(void **state)
{
	const uint64_t *l2, *l3;

	assert_int_equal(s2_map(&space, 0x40001000, 0x80001000, PAGE, S2_RW), S2_OK);
	assert_int_equal(tables[0][1],
			 FAKE_PTE_VALID | FAKE_PTE_TABLE | ((uint64_t)(uintptr_t)tables[1] >> 12));
	l2 = table_of(tables[0][1]);
	assert_ptr_equal(l2, tables[1]);
	l3 = table_of(l2[0]);
	assert_ptr_equal(l3, tables[2]);
	assert_int_equal(l3[1], FAKE_PTE_VALID | (3ull << FAKE_PTE_LEVEL_SHIFT) |
				    ((uint64_t)S2_RW << FAKE_PTE_ATTR_SHIFT) | 0x80001);
}
#endif

/* Unmapping: whole blocks and pages go; a block cut by the range is split, keeping the rest. */
static void test_unmap_block_and_pages(void **state)
{
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 2 * BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_unmap(&space, 0x40000000, BLOCK), S2_OK);
	expect_unmapped(0x40000000);
	expect_unmapped(0x401ff000);
	expect_map(0x40200000, 0x80200000, S2_RW);
	/* One page out of the middle of the second block. */
	assert_int_equal(s2_unmap(&space, 0x40300000, PAGE), S2_OK);
	expect_unmapped(0x40300000);
	expect_map(0x402ff000, 0x802ff000, S2_RW);
	expect_map(0x40301000, 0x80301000, S2_RW);
	expect_map(0x403ff000, 0x803ff000, S2_RW);
	/* The hole can be mapped again, with other attributes. */
	assert_int_equal(s2_map(&space, 0x40300000, 0x90000000, PAGE, S2_READ), S2_OK);
	expect_map(0x40300000, 0x90000000, S2_READ);
}

static void test_unmap_across_blocks(void **state)
{
	/* A range from the middle of one block to the middle of the next: two splits. */
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 2 * BLOCK, S2_RWX), S2_OK);
	assert_int_equal(s2_unmap(&space, 0x40100000, BLOCK), S2_OK);
	expect_map(0x400ff000, 0x800ff000, S2_RWX);
	expect_unmapped(0x40100000);
	expect_unmapped(0x402ff000);
	expect_map(0x40300000, 0x80300000, S2_RWX);
}

static void test_unmap_refusals_change_nothing(void **state)
{
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_unmap(&space, 0x40000800, PAGE), S2_EINVAL);
	assert_int_equal(s2_unmap(&space, 0x40000000, 0), S2_EINVAL);
	assert_int_equal(s2_unmap(&space, 0xfffff000, 2 * PAGE), S2_EINVAL);
	/* Part of the range is not mapped. */
	assert_int_equal(s2_unmap(&space, 0x401ff000, 2 * PAGE), S2_ENOENT);
	expect_map(0x401ff000, 0x801ff000, S2_RW);
	/* A split with an exhausted pool. */
	pool.count = pool.used;
	assert_int_equal(s2_unmap(&space, 0x40001000, PAGE), S2_ENOMEM);
	expect_map(0x40001000, 0x80001000, S2_RW);
	expect_map(0x40000000, 0x80000000, S2_RW);
	/* Unmapping the whole block needs no table. */
	assert_int_equal(s2_unmap(&space, 0x40000000, BLOCK), S2_OK);
	expect_unmapped(0x40001000);
}

/* Runs: contiguous pages with one attribute merge; a hole or another attribute refuses. */
static void test_runs(void **state)
{
	struct s2_run runs[3];
	unsigned n = 0;

	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 2 * PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x40002000, 0x90000000, PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x40003000, 0x90001000, PAGE, S2_READ), S2_OK);
	assert_int_equal(s2_runs_collect(&space, 0x40000000, 3, S2_RW, S2_RW, runs, &n, 3), S2_OK);
	assert_int_equal(n, 2);
	assert_true(runs[0].ipa == 0x40000000 && runs[0].pa == 0x80000000 && runs[0].pages == 2);
	assert_true(runs[1].ipa == 0x40002000 && runs[1].pa == 0x90000000 && runs[1].pages == 1);
	n = 0;
	assert_int_equal(s2_runs_collect(&space, 0x40002000, 2, S2_RW, S2_RW, runs, &n, 3),
			 S2_ENOENT); /* read-only page */
	n = 0;
	assert_int_equal(s2_runs_collect(&space, 0x40003000, 2, 0, 0, runs, &n, 3),
			 S2_ENOENT); /* hole */
	n = 0;
	assert_int_equal(s2_runs_collect(&space, 0x40000000, 4, 0, 0, runs, &n, 2), S2_ENOMEM);
	n = 0;
	assert_int_equal(s2_runs_collect(&space, 0x40000000, 4, 0, 0, runs, &n, 3), S2_OK);
	assert_int_equal(s2_runs_unmap(&space, runs, n), S2_OK);
	expect_unmapped(0x40000000);
	expect_unmapped(0x40003000);
	assert_int_equal(s2_runs_map(&space, runs, n), S2_OK);
	expect_map(0x40001000, 0x80001000, S2_RW);
	expect_map(0x40003000, 0x90001000, S2_READ);
	/* A run that is not mapped any more: nothing is unmapped. */
	assert_int_equal(s2_unmap(&space, 0x40003000, PAGE), S2_OK);
	assert_int_equal(s2_runs_unmap(&space, runs, n), S2_ENOENT);
	expect_map(0x40000000, 0x80000000, S2_RW);
	expect_map(0x40002000, 0x90000000, S2_RW);
}

/* Tables that map nothing go back to the pool: on unmap, and after a refused map. */
static void test_free_on_unmap(void **state)
{
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, PAGE, S2_RW), S2_OK);
	assert_int_equal(pool.used, 3); /* root, level 2, level 3 */
	assert_int_equal(s2_unmap(&space, 0x40000000, PAGE), S2_OK);
	assert_int_equal(pool.used, 1);
	assert_int_equal(bbm_calls, 2); /* level 3 then level 2, each break-before-make */
	assert_int_equal(bbm_bad, 0);
	/* A table still mapping something stays. */
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_map(&space, 0x40400000, 0x80400000, PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_unmap(&space, 0x40000000, PAGE), S2_OK);
	assert_int_equal(pool.used, 3);
	expect_map(0x40400000, 0x80400000, S2_RW);
	/* A block's removal frees its level-2 table when nothing else is under it. */
	assert_int_equal(s2_unmap(&space, 0x40400000, PAGE), S2_OK);
	assert_int_equal(s2_map(&space, 0x00200000, 0x80200000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(pool.used, 2);
	assert_int_equal(s2_unmap(&space, 0x00200000, BLOCK), S2_OK);
	assert_int_equal(pool.used, 1);
	/* A map refused for lack of tables gives back what its dry run took. */
	pool.count = 3;
	assert_int_equal(s2_map(&space, 0x001ff000, 0x801ff000, 2 * PAGE, S2_RW), S2_ENOMEM);
	assert_int_equal(pool.used, 1);
	assert_int_equal(s2_map(&space, 0x001ff000, 0x801ff000, PAGE, S2_RW), S2_OK);
}

/* Quotas: reserved for their owner alone, and a cap on it. */
static void test_quota_per_space(void **state)
{
	struct s2_quota qa, qb, big;
	struct s2_space a, b, loose;
	unsigned i;

	pool = (struct s2_pool){ .tables = tables, .count = 10, .used = 0 };
	assert_int_equal(s2_quota_init(&qa, &pool, 4), S2_OK);
	assert_int_equal(s2_quota_init(&qb, &pool, 4), S2_OK);
	assert_int_equal(s2_quota_init(&big, &pool, 3), S2_ENOMEM); /* only 2 unreserved */
	assert_int_equal(s2_init_quota(&a, &pool, &qa), S2_OK);
	assert_int_equal(s2_init_quota(&b, &pool, &qb), S2_OK);
	assert_int_equal(s2_init(&loose, &pool), S2_OK); /* takes 1 of the 2 unreserved */
	bbm_space = &a;
	/* a: root + level 2 + two level-3 tables, then its quota is spent. */
	for (i = 0; i < 4; i++)
		if (s2_map(&a, 0x40000000 + i * BLOCK, 0x80000000 + i * BLOCK, PAGE, S2_RW))
			break;
	assert_int_equal(i, 2);
	assert_int_equal(qa.held, 4);
	/* A split a's quota cannot pay for is refused, nothing changed. */
	assert_int_equal(s2_map(&a, 0x40400000, 0x80400000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_unmap(&a, 0x40401000, PAGE), S2_ENOMEM);
	expect_map_in(&a, 0x40401000, 0x80401000);
	/* The loose space gets the last unreserved table and no more: b's stay b's. */
	assert_int_equal(s2_map(&loose, 0x00200000, 0x90200000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_map(&loose, 0x40000000, 0x90000000, BLOCK, S2_RW), S2_ENOMEM);
	assert_int_equal(s2_map(&b, 0x40000000, 0xa0000000, PAGE, S2_RW), S2_OK);
	assert_int_equal(s2_map(&b, 0x40200000, 0xa0200000, PAGE, S2_RW), S2_OK);
	assert_int_equal(qb.held, 4);
	assert_int_equal(pool.used, 10);
	/* Giving back restores the quota for its owner only. */
	assert_int_equal(s2_unmap(&a, 0x40200000, PAGE), S2_OK);
	assert_int_equal(qa.held, 3);
	assert_int_equal(s2_map(&loose, 0x40000000, 0x90000000, BLOCK, S2_RW), S2_ENOMEM);
	assert_int_equal(s2_unmap(&a, 0x40401000, PAGE), S2_OK);
	assert_int_equal(qa.held, 4);
	bbm_space = &space;
}

/* A page taken out of a block and put back: split, then merged into the block again. */
static void test_split_and_merge(void **state)
{
	struct s2_run runs[2];
	unsigned n = 0;

	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 2 * BLOCK, S2_RWX), S2_OK);
	assert_int_equal(pool.used, 2);
	assert_int_equal(s2_runs_collect(&space, 0x401ff000, 2, 0, 0, runs, &n, 2), S2_OK);
	assert_int_equal(n, 1); /* contiguous across the two blocks */
	assert_int_equal(s2_runs_unmap(&space, runs, n), S2_OK);
	assert_int_equal(pool.used, 4); /* both blocks split */
	assert_int_equal(bbm_calls, 2);
	assert_int_equal(bbm_bad, 0);
	expect_unmapped(0x401ff000);
	expect_map(0x401fe000, 0x801fe000, S2_RWX);
	assert_int_equal(s2_runs_map(&space, runs, n), S2_OK);
	assert_int_equal(pool.used, 2); /* merged back into blocks */
	assert_int_equal(bbm_calls, 4);
	assert_int_equal(bbm_bad, 0);
	expect_map(0x401ff000, 0x801ff000, S2_RWX);
	expect_map(0x40200000, 0x80200000, S2_RWX);
	/* Blocks again: removing a whole one needs no table even from an exhausted pool. */
	pool.count = pool.used;
	assert_int_equal(s2_unmap(&space, 0x40000000, BLOCK), S2_OK);
	/* No merge where the pages are not one contiguous, aligned stretch. */
	pool.count = POOL_TABLES;
	n = 0;
	assert_int_equal(s2_unmap(&space, 0x40200000, BLOCK), S2_OK);
	assert_int_equal(s2_map(&space, 0x40000000, 0x80001000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(pool.used, 3);
	assert_int_equal(s2_runs_collect(&space, 0x40000000, 1, 0, 0, runs, &n, 2), S2_OK);
	assert_int_equal(s2_runs_unmap(&space, runs, n), S2_OK);
	assert_int_equal(s2_runs_map(&space, runs, n), S2_OK);
	assert_int_equal(pool.used, 3);
}

/* Pages lent (runs unmapped) keep their tables, so giving them back never needs a new one. */
static void test_runs_map_back_needs_no_table(void **state)
{
	struct s2_run one = { 0x40000000, 0x80000000, 1, S2_RW };
	struct s2_run rest = { 0x40001000, 0x80001000, 511, S2_RW };

	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, BLOCK, S2_RW), S2_OK);
	assert_int_equal(s2_runs_unmap(&space, &one, 1), S2_OK);
	assert_int_equal(s2_runs_unmap(&space, &rest, 1), S2_OK);
	expect_unmapped(0x40000000);
	assert_int_equal(pool.used, 3); /* the now empty level-3 table is kept */
	pool.count = pool.used;		/* nothing left for anyone */
	assert_int_equal(s2_runs_map(&space, &rest, 1), S2_OK);
	assert_int_equal(s2_runs_map(&space, &one, 1), S2_OK);
	assert_int_equal(pool.used, 2); /* and merged into the block again */
	expect_map(0x401ff000, 0x801ff000, S2_RW);
}

/* Many lend/reclaim-like and map/unmap cycles over many 2 MiB regions: nothing leaks. */
static void test_no_leak_after_cycles(void **state)
{
	/* Root, level 2 and one spare: enough only if every cycle gives its table back. */
	pool.count = 3;
	assert_int_equal(s2_map(&space, 0x40000000, 0x80000000, 64 * BLOCK, S2_RW), S2_OK);
	assert_int_equal(pool.used, 2);
	for (unsigned cycle = 0; cycle < 1000; cycle++) {
		uint64_t ipa = 0x40000000 + (cycle % 64) * BLOCK + (cycle % 7) * PAGE;
		struct s2_run run;
		unsigned n = 0;

		assert_int_equal(s2_runs_collect(&space, ipa, 1, 0, 0, &run, &n, 1), S2_OK);
		assert_int_equal(s2_runs_unmap(&space, &run, n), S2_OK);
		assert_int_equal(s2_runs_map(&space, &run, n), S2_OK);
		/* A borrower-style page elsewhere, mapped and unmapped. */
		assert_int_equal(
		    s2_map(&space, 0x20000000 + cycle * PAGE, 0x90000000, PAGE, S2_READ),
		    S2_ENOMEM); /* level 2 of GiB 0 plus a level 3: only one spare */
		assert_int_equal(pool.used, 2);
	}
	pool.count = 4;
	for (unsigned cycle = 0; cycle < 1000; cycle++) {
		uint64_t ipa = 0x00000000 + (cycle % 512) * BLOCK + cycle % 3 * PAGE;

		assert_int_equal(s2_map(&space, ipa, 0x90000000, PAGE, S2_READ), S2_OK);
		assert_int_equal(s2_unmap(&space, ipa, PAGE), S2_OK);
	}
	assert_int_equal(pool.used, 2);
	assert_int_equal(bbm_bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test_setup(test_runs, setup),
		cmocka_unit_test_setup(test_map_page, setup),
		cmocka_unit_test_setup(test_map_block, setup),
		cmocka_unit_test_setup(test_block_needs_aligned_pa, setup),
		cmocka_unit_test_setup(test_map_mixed, setup),
		cmocka_unit_test_setup(test_cross_1g, setup),
		cmocka_unit_test_setup(test_map_whole_space, setup),
		cmocka_unit_test_setup(test_unmapped, setup),
		cmocka_unit_test_setup(test_reject_invalid, setup),
		cmocka_unit_test_setup(test_overlap, setup),
		cmocka_unit_test(test_pool_exhaustion),
		cmocka_unit_test(test_pool_exhaustion_is_atomic),
		cmocka_unit_test_setup(test_attributes, setup),
		cmocka_unit_test_setup(test_unmap_block_and_pages, setup),
		cmocka_unit_test_setup(test_unmap_across_blocks, setup),
		cmocka_unit_test_setup(test_unmap_refusals_change_nothing, setup),
		cmocka_unit_test_setup(test_free_on_unmap, setup),
		cmocka_unit_test(test_quota_per_space),
		cmocka_unit_test_setup(test_split_and_merge, setup),
		cmocka_unit_test_setup(test_no_leak_after_cycles, setup),
		cmocka_unit_test_setup(test_runs_map_back_needs_no_table, setup),
#ifdef TEST_AARCH64_PTE
		cmocka_unit_test_setup(test_aarch64_table_desc, setup),
		cmocka_unit_test_setup(test_aarch64_block_bits, setup),
		cmocka_unit_test_setup(test_aarch64_page_bits, setup),
#else
		cmocka_unit_test_setup(test_fake_encoding_in_use, setup),
#endif
	};

#ifdef TEST_AARCH64_PTE
	return cmocka_run_group_tests_name("s2 (aarch64 descriptors)", tests, NULL, NULL);
#else
	return cmocka_run_group_tests_name("s2 (fake descriptors)", tests, NULL, NULL);
#endif
}
