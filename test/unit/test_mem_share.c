// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the FF-A memory management core (hyp/core/mem_share.c): the
 * DONATE/LEND/SHARE descriptor parser, on a good descriptor and then broken
 * one field at a time (every error path, and the edges of each limit), and
 * the transaction table: handles, borrower states, permissions and page
 * ownership. Every descriptor is parsed from a heap copy of exactly `length`
 * bytes, so ASan reports any read outside it; every refused table operation is
 * checked to leave the table byte for byte as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <hyp/mem_share.h>

#define PAGE	0x1000ull
#define SENDER	0x0001
#define SP_A	0x8001
#define SP_B	0x8002
#define VM_2	0x0002
#define BASE	0x40000000ull

#define INVALID FFA_RET_INVALID_PARAMETERS
#define DENIED	FFA_RET_DENIED
#define NOMEM	FFA_RET_NO_MEMORY
#define RW	FFA_MEM_DATA_RW
#define RO	FFA_MEM_DATA_RO
#define NX	FFA_MEM_INSTR_NX
#define X	FFA_MEM_INSTR_X
#define WB_IN	FFA_MEM_ATTR_NORMAL_WB_INNER
#define GEN_MAX ((FFA_MEM_HANDLE_ALLOCATOR_HYP >> 8) - 1)

/* ---- descriptors ------------------------------------------------------------------------ */

static uint8_t desc[64 * 16 + 4096] __attribute__((aligned(16)));
static uint32_t desc_len, desc_borrowers;

static struct ffa_mem_region *hdr(void)
{
	return (struct ffa_mem_region *)desc;
}

static struct ffa_mem_access *acc(unsigned i)
{
	return (struct ffa_mem_access *)(desc + 48 + 16 * i);
}

static struct ffa_composite_mem_region *comp(void)
{
	return (struct ffa_composite_mem_region *)(desc + 48 + 16 * desc_borrowers);
}

static struct ffa_mem_constituent *cons(unsigned i)
{
	return (struct ffa_mem_constituent *)(desc + 64 + 16 * desc_borrowers + 16 * i);
}

/* The usual layout: header, access descriptors, composite, constituents, nothing else. */
static void build(uint16_t attr, uint32_t flags, uint32_t nb, const uint16_t *ids, uint8_t perms,
		  uint32_t nc, const struct mem_range *r)
{
	uint32_t total = 0;

	memset(desc, 0, sizeof(desc));
	desc_borrowers = nb;
	*hdr() = (struct ffa_mem_region){ .sender_id = SENDER,
					  .attributes = attr,
					  .flags = flags,
					  .tag = 0x1234,
					  .ep_mem_access_size = 16,
					  .ep_count = nb,
					  .ep_mem_access_offset = 48 };
	for (uint32_t i = 0; i < nb; i++)
		*acc(i) = (struct ffa_mem_access){ .receiver_id = ids[i],
						   .permissions = perms,
						   .composite_offset = 48 + 16 * nb };
	for (uint32_t i = 0; i < nc; i++) {
		*cons(i) =
		    (struct ffa_mem_constituent){ .address = r[i].base, .page_count = r[i].pages };
		total += r[i].pages;
	}
	*comp() = (struct ffa_composite_mem_region){ .page_count = total, .constituent_count = nc };
	desc_len = 64 + 16 * nb + 16 * nc;
}

static const uint16_t one_sp[] = { SP_A };
static const uint16_t four[] = { SP_A, SP_B, VM_2, 0x8003, 0x8004 };
static const struct mem_range two_ranges[] = { { BASE, 2 }, { BASE + 0x10000, 1 } };

static void build_share(void)
{
	build(WB_IN, 0, 1, one_sp, RW, 2, two_ranges);
}

/* Parse the first `length` bytes of desc from a heap copy of exactly that size. */
static int32_t parse_len(uint32_t fid, uint32_t length, struct mem_tx *out)
{
	uint8_t *copy = malloc(length ? length : 1);
	int32_t rc;

	assert_non_null(copy);
	memcpy(copy, desc, length);
	rc = ffa_mem_desc_parse(copy, length, fid, SENDER, out);
	free(copy);
	return rc;
}

static int32_t parse(uint32_t fid)
{
	struct mem_tx tx;

	return parse_len(fid, desc_len, &tx);
}

/*
 * desc rewritten in the FF-A v1.0 layout (v1.0 Table 5.19): the 48-byte header cut to 32 (a
 * reserved word where v1.1 has ep_mem_access_size), the access descriptors right after it, every
 * composite offset 16 lower. Returns its length.
 */
static uint32_t to_v1_0(uint8_t *out)
{
	uint32_t n = hdr()->ep_count;

	memcpy(out, desc, 24);
	memset(out + 24, 0, 4);
	memcpy(out + 28, &hdr()->ep_count, 4);
	memcpy(out + 32, desc + 48, desc_len - 48);
	for (uint32_t i = 0; i < n; i++) {
		struct ffa_mem_access a;

		memcpy(&a, out + 32 + 16 * i, sizeof(a));
		a.composite_offset -= 16;
		memcpy(out + 32 + 16 * i, &a, sizeof(a));
	}
	return desc_len - 16;
}

/*
 * A caller that negotiated v1.0 sends the v1.0 layout: it means what the v1.1 one does, its
 * reserved fields are MBZ, and neither layout is taken for the other (issue 16 departure 3).
 */
static void test_parse_v1_0_layout(void **state)
{
	static uint8_t v10[sizeof(desc)];
	struct mem_tx a, b;
	uint32_t len;

	build(WB_IN, 0, 3, four, RW, 2, two_ranges);
	assert_int_equal(parse_len(FFA_MEM_LEND_32, desc_len, &a), 0);
	len = to_v1_0(v10);
	memset(&b, 0, sizeof(b));
	memset(&a, 0, sizeof(a));
	assert_int_equal(parse_len(FFA_MEM_LEND_32, desc_len, &a), 0);
	assert_int_equal(
	    ffa_mem_desc_parse_v(v10, len, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_0, &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	/* Each layout refused as the other. */
	assert_int_equal(
	    ffa_mem_desc_parse_v(v10, len, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_1, &b),
	    FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(
	    ffa_mem_desc_parse_v(desc, desc_len, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_0, &b),
	    FFA_RET_INVALID_PARAMETERS);
	/* v1.0's reserved byte after the attributes, and its reserved word at 24, are MBZ. */
	v10[3] = 1;
	assert_int_equal(
	    ffa_mem_desc_parse_v(v10, len, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_0, &b),
	    FFA_RET_INVALID_PARAMETERS);
	v10[3] = 0;
	v10[25] = 1;
	assert_int_equal(
	    ffa_mem_desc_parse_v(v10, len, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_0, &b),
	    FFA_RET_INVALID_PARAMETERS);
	v10[25] = 0;
	/* Shorter than its header, or cut inside its constituents. */
	assert_int_equal(
	    ffa_mem_desc_parse_v(v10, 31, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_0, &b),
	    FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(
	    ffa_mem_desc_parse_v(v10, len - 1, FFA_MEM_LEND_32, SENDER, FFA_VERSION_1_0, &b),
	    FFA_RET_INVALID_PARAMETERS);
	/*
	 * A complete v1.0 descriptor announced with a larger total length is invalid, not a
	 * fragmented send (§10.2, ACS lend_input_error_checks1), when its sender speaks v1.0.
	 */
	{
		static struct mem_frags f;
		struct ffa_value m = { { FFA_MEM_LEND_32, len + 16, len } };

		assert_int_equal(mem_frags_send(&f, &m, v10, sizeof(v10), 0, FFA_VERSION_1_0),
				 FFA_RET_INVALID_PARAMETERS);
		assert_int_equal(mem_frags_send(&f, &m, desc, sizeof(desc), 0, FFA_VERSION_1_1),
				 1); /* the v1.1 one is only the first fragment of len + 16 */
	}
}

static void test_parse_share(void **state)
{
	struct mem_tx tx;

	build_share();
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len, &tx), 0);
	assert_int_equal(tx.type, MEM_TX_SHARE);
	assert_int_equal(tx.lender, SENDER);
	assert_int_equal(tx.attributes, WB_IN);
	assert_int_equal(tx.flags, 0);
	assert_int_equal(tx.tag, 0x1234);
	assert_int_equal(tx.borrower_count, 1);
	assert_int_equal(tx.borrowers[0].id, SP_A);
	assert_int_equal(tx.borrowers[0].perms, RW);
	assert_int_equal(tx.total_pages, 3);
	assert_int_equal(tx.range_count, 2);
	assert_int_equal(tx.ranges[0].base, BASE);
	assert_int_equal(tx.ranges[0].pages, 2);
	assert_int_equal(tx.ranges[1].base, BASE + 0x10000);
	assert_int_equal(tx.ranges[1].pages, 1);
	assert_int_equal(parse(FFA_MEM_SHARE_64), 0);

	/* The same descriptor from an odd address, ending at the end of its allocation. */
	uint8_t *raw = malloc(desc_len + 1);
	assert_non_null(raw);
	memcpy(raw + 1, desc, desc_len);
	assert_int_equal(ffa_mem_desc_parse(raw + 1, desc_len, FFA_MEM_SHARE_32, SENDER, &tx), 0);
	free(raw);
}

static void test_parse_lend_donate(void **state)
{
	struct mem_tx tx;

	/* LEND to one borrower: attributes not specified, zero flag allowed. */
	build(0, FFA_MEM_FLAG_ZERO, 1, one_sp, RO, 2, two_ranges);
	assert_int_equal(parse_len(FFA_MEM_LEND_32, desc_len, &tx), 0);
	assert_int_equal(tx.type, MEM_TX_LEND);
	assert_int_equal(tx.flags, FFA_MEM_FLAG_ZERO);
	assert_int_equal(tx.borrowers[0].perms, RO);
	assert_int_equal(parse(FFA_MEM_LEND_64), 0);

	/* LEND to MEM_MAX_BORROWERS borrowers: attributes specified, as for SHARE. */
	build(WB_IN, 0, MEM_MAX_BORROWERS, four, RW, 2, two_ranges);
	assert_int_equal(parse_len(FFA_MEM_LEND_64, desc_len, &tx), 0);
	assert_int_equal(tx.borrower_count, MEM_MAX_BORROWERS);
	for (unsigned i = 0; i < MEM_MAX_BORROWERS; i++)
		assert_int_equal(tx.borrowers[i].id, four[i]);
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);

	/* DONATE: no permissions, no attributes, one borrower. */
	build(0, FFA_MEM_FLAG_ZERO, 1, one_sp, 0, 2, two_ranges);
	assert_int_equal(parse_len(FFA_MEM_DONATE_32, desc_len, &tx), 0);
	assert_int_equal(tx.type, MEM_TX_DONATE);
	assert_int_equal(parse(FFA_MEM_DONATE_64), 0);
}

static void test_parse_fid(void **state)
{
	build_share();
	assert_int_equal(parse(FFA_MEM_RETRIEVE_REQ_32), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(parse(FFA_MEM_RECLAIM), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(parse(FFA_MSG_SEND_DIRECT_REQ_32), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(parse(FFA_MEM_SHARE_32 | 0x10000), FFA_RET_NOT_SUPPORTED);
}

static void test_parse_lying_length(void **state)
{
	struct mem_tx tx;

	build_share();
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, 0, &tx), INVALID);
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, 47, &tx), INVALID);
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, 48, &tx), INVALID); /* header only */
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, 64, &tx), INVALID); /* no composite */
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, 80, &tx), INVALID); /* no constituent */
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len - 16, &tx),
			 INVALID); /* one missing */
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len - 1, &tx), INVALID);
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len + 1, &tx), INVALID);
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len + 16, &tx), INVALID); /* trailing */
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len, &tx), 0);
}

static void test_parse_header(void **state)
{
	build_share();
	hdr()->sender_id = VM_2;
	assert_int_equal(parse(FFA_MEM_SHARE_32), DENIED);

	build_share();
	hdr()->handle = 1;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build_share();
	hdr()->handle = FFA_MEM_HANDLE_ALLOCATOR_HYP;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	for (unsigned i = 0; i < sizeof(hdr()->reserved); i++) {
		build_share();
		hdr()->reserved[i] = 0x80;
		assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	}

	build_share();
	hdr()->ep_mem_access_size = 0; /* the v1.0 layout */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_size = 32; /* the v1.2 layout */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_size = 8;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
}

static void test_parse_borrower_count(void **state)
{
	static const struct mem_range one[] = { { BASE, 1 } };
	uint16_t ids[MEM_MAX_BORROWERS + 1];

	build_share();
	hdr()->ep_count = 0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_count = 0xffffffff; /* would run far past the buffer */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_count = 0x10000001; /* 16 * count wraps in 32 bits */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_count = 2; /* the composite would sit inside the array */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	/* One borrower too many, in a descriptor that is otherwise right. */
	for (unsigned i = 0; i <= MEM_MAX_BORROWERS; i++)
		ids[i] = (uint16_t)(0x8001 + i);
	build(WB_IN, 0, MEM_MAX_BORROWERS + 1, ids, RW, 1, one);
	assert_int_equal(parse(FFA_MEM_SHARE_32), NOMEM);
	build(WB_IN, 0, MEM_MAX_BORROWERS, ids, RW, 1, one);
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);

	/* DONATE has exactly one borrower. */
	build(0, 0, 2, ids, 0, 1, one);
	assert_int_equal(parse(FFA_MEM_DONATE_32), INVALID);
}

static void test_parse_access_offset(void **state)
{
	build_share();
	hdr()->ep_mem_access_offset = 32; /* inside the header (the v1.0 place) */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_offset = 0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_offset = 56; /* not 16-byte aligned */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_offset = 49;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_offset = 0xfffffff0; /* past the end */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_offset = desc_len; /* just past the end */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	hdr()->ep_mem_access_offset = 64; /* overlaps the composite it points at */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	/* A gap between the array and the composite is allowed. */
	build(WB_IN, 0, 1, one_sp, RW, 2, two_ranges);
	memmove(desc + 80, desc + 64, desc_len - 64);
	memset(desc + 64, 0, 16);
	desc_len += 16;
	acc(0)->composite_offset = 80;
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);
	memset(desc + 64, 0xee, 16); /* bytes in the gap are not looked at */
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);
}

static void test_parse_access_descriptor(void **state)
{
	build_share();
	acc(0)->flags = FFA_MEM_ACCESS_FLAG_NON_RETRIEVAL;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build_share();
	acc(0)->flags = 0x80;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build_share();
	acc(0)->reserved = 1ull << 63;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	/* Every borrower must point at the same composite. */
	build(WB_IN, 0, 2, four, RW, 2, two_ranges);
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);
	acc(1)->composite_offset += 16;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build(WB_IN, 0, 2, four, RW, 2, two_ranges);
	acc(0)->composite_offset = 0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
}

static void test_parse_composite(void **state)
{
	struct mem_tx tx;
	uint32_t good;

	build_share();
	good = acc(0)->composite_offset;
	acc(0)->composite_offset = 0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	acc(0)->composite_offset = 48; /* on the access descriptor itself */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	/* ... even with the length that access descriptor, read as a composite, would need. */
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, 64 + 48 * 16, &tx), INVALID);
	acc(0)->composite_offset = good + 8; /* unaligned */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	acc(0)->composite_offset = good + 16; /* then the constituents run past the end */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	acc(0)->composite_offset = desc_len - 8;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	acc(0)->composite_offset = desc_len;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	acc(0)->composite_offset = 0xfffffff0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	build_share();
	comp()->reserved = 1;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	build_share();
	comp()->constituent_count = 0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	comp()->constituent_count = 1; /* fewer than there are */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	comp()->constituent_count = 3; /* more than there are */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	comp()->constituent_count = 0xffffffff;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	comp()->constituent_count = 0x10000002; /* 16 * count wraps to 32 in 32 bits */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	build_share();
	cons(1)->reserved = 0x100;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
}

static void test_parse_too_many_constituents(void **state)
{
	struct mem_range r[MEM_MAX_CONSTITUENTS + 1];
	struct mem_tx tx;

	for (unsigned i = 0; i <= MEM_MAX_CONSTITUENTS; i++)
		r[i] = (struct mem_range){ BASE + 2 * i * PAGE, 1 };
	build(WB_IN, 0, 1, one_sp, RW, MEM_MAX_CONSTITUENTS, r);
	assert_int_equal(parse_len(FFA_MEM_SHARE_32, desc_len, &tx), 0);
	assert_int_equal(tx.range_count, MEM_MAX_CONSTITUENTS);
	assert_int_equal(tx.ranges[MEM_MAX_CONSTITUENTS - 1].base,
			 BASE + 2 * (MEM_MAX_CONSTITUENTS - 1) * PAGE);
	build(WB_IN, 0, 1, one_sp, RW, MEM_MAX_CONSTITUENTS + 1, r);
	assert_int_equal(parse(FFA_MEM_SHARE_32), NOMEM);
}

static void test_parse_ranges(void **state)
{
	static const struct mem_range adjacent[] = { { BASE + PAGE, 1 }, { BASE, 1 } };
	static const struct mem_range overlap[] = { { BASE, 2 }, { BASE + PAGE, 1 } };
	static const struct mem_range inside[] = { { BASE + 2 * PAGE, 1 }, { BASE, 8 } };
	static const struct mem_range dup[] = { { BASE, 1 }, { BASE + 4 * PAGE, 1 }, { BASE, 1 } };
	static const struct mem_range wrap[] = { { 0xffffffffffffe000ull, 3 } };
	static const struct mem_range top[] = { { 0xffffffffffffe000ull, 2 } };
	static const struct mem_range zero_addr[] = { { 0, 1 } };

	build(WB_IN, 0, 1, one_sp, RW, 2, adjacent);
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);
	build(WB_IN, 0, 1, one_sp, RW, 2, overlap);
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build(WB_IN, 0, 1, one_sp, RW, 2, inside);
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build(WB_IN, 0, 1, one_sp, RW, 3, dup);
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build(WB_IN, 0, 1, one_sp, RW, 1, wrap);
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build(WB_IN, 0, 1, one_sp, RW, 1, top); /* ends at the last page */
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);
	build(WB_IN, 0, 1, one_sp, RW, 1, zero_addr); /* the IPA is the caller's business */
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);

	build_share();
	cons(0)->address += 0x800;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build_share();
	cons(1)->address |= 1;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build_share();
	cons(1)->page_count = 0;
	comp()->page_count = 2;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
}

static void test_parse_page_counts(void **state)
{
	static const struct mem_range max[] = { { BASE, MEM_MAX_PAGES - 1 },
						{ BASE + 0x10000000, 1 } };
	static const struct mem_range over[] = { { BASE, MEM_MAX_PAGES }, { BASE - PAGE, 1 } };
	static const struct mem_range huge[] = { { 0, 0xffffffff } };

	build_share();
	comp()->page_count = 4;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	comp()->page_count = 2;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	comp()->page_count = 0;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	/* Pages summing past 2^32: a 32-bit sum would wrap to the stated total. */
	build_share();
	cons(0)->address = 0x100000000000ull;
	cons(0)->page_count = 0xffffffff;
	cons(1)->page_count = 3;
	comp()->page_count = 2; /* 0xffffffff + 3 mod 2^32 */
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);

	build(WB_IN, 0, 1, one_sp, RW, 2, max);
	assert_int_equal(parse(FFA_MEM_SHARE_32), 0);
	build(WB_IN, 0, 1, one_sp, RW, 2, over);
	assert_int_equal(parse(FFA_MEM_SHARE_32), NOMEM);
	build(WB_IN, 0, 1, one_sp, RW, 1, huge);
	assert_int_equal(parse(FFA_MEM_SHARE_32), NOMEM);
}

static void test_parse_attributes(void **state)
{
	static const struct {
		uint32_t fid;
		uint32_t borrowers;
		uint16_t attr;
		int32_t rc;
	} cases[] = {
		{ FFA_MEM_SHARE_32, 1, WB_IN, 0 },
		{ FFA_MEM_SHARE_32, 1, WB_IN | 0x80, INVALID },
		{ FFA_MEM_SHARE_32, 1, WB_IN | 0x8000, INVALID },
		{ FFA_MEM_SHARE_32, 1, WB_IN | FFA_MEM_ATTR_NS, INVALID },
		{ FFA_MEM_SHARE_32, 1, FFA_MEM_ATTR_TYPE_RESERVED, INVALID },
		{ FFA_MEM_SHARE_32, 1, 0, INVALID }, /* SHARE must specify the attributes */
		{ FFA_MEM_SHARE_32, 1, FFA_MEM_ATTR_WRITE_BACK | FFA_MEM_ATTR_INNER_SHAREABLE,
		  INVALID },
		{ FFA_MEM_SHARE_32, 1, FFA_MEM_ATTR_DEVICE, DENIED },
		{ FFA_MEM_SHARE_32, 1, FFA_MEM_ATTR_DEVICE | 0xf, DENIED },
		{ FFA_MEM_SHARE_32, 1,
		  FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_NON_CACHEABLE | FFA_MEM_ATTR_INNER_SHAREABLE,
		  DENIED },
		{ FFA_MEM_SHARE_32, 1, FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_INNER_SHAREABLE,
		  INVALID }, /* cacheability 0: reserved */
		{ FFA_MEM_SHARE_32, 1,
		  FFA_MEM_ATTR_NORMAL | (2u << 2) | FFA_MEM_ATTR_INNER_SHAREABLE, INVALID },
		{ FFA_MEM_SHARE_32, 1,
		  FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_WRITE_BACK | FFA_MEM_ATTR_OUTER_SHAREABLE,
		  DENIED },
		{ FFA_MEM_SHARE_32, 1,
		  FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_WRITE_BACK | FFA_MEM_ATTR_NON_SHAREABLE,
		  DENIED },
		{ FFA_MEM_SHARE_32, 1,
		  FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_WRITE_BACK | FFA_MEM_ATTR_SHARE_RESERVED,
		  INVALID },
		{ FFA_MEM_LEND_32, 1, 0, 0 },
		{ FFA_MEM_LEND_32, 1, WB_IN, INVALID }, /* one borrower: it chooses */
		{ FFA_MEM_LEND_32, 1, FFA_MEM_ATTR_INNER_SHAREABLE, INVALID },
		{ FFA_MEM_LEND_32, 1, FFA_MEM_ATTR_NS, INVALID },
		{ FFA_MEM_LEND_32, 2, WB_IN, 0 },
		{ FFA_MEM_LEND_32, 2, 0, INVALID },
		{ FFA_MEM_LEND_32, 2, FFA_MEM_ATTR_DEVICE, DENIED },
		{ FFA_MEM_DONATE_32, 1, 0, 0 },
		{ FFA_MEM_DONATE_32, 1, WB_IN, INVALID },
		{ FFA_MEM_DONATE_32, 1, FFA_MEM_ATTR_DEVICE, INVALID },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t perms = cases[i].fid == FFA_MEM_DONATE_32 ? 0 : RW;

		build(cases[i].attr, 0, cases[i].borrowers, four, perms, 2, two_ranges);
		assert_int_equal(parse(cases[i].fid), cases[i].rc);
	}
}

static void test_parse_flags(void **state)
{
	static const struct {
		uint32_t fid;
		uint32_t flags;
		int32_t rc;
	} cases[] = {
		{ FFA_MEM_SHARE_32, FFA_MEM_FLAG_ZERO, INVALID }, /* the lender keeps access */
		{ FFA_MEM_SHARE_32, FFA_MEM_FLAG_TIME_SLICE, INVALID },
		{ FFA_MEM_SHARE_32, FFA_MEM_FLAG_TYPE_SHARE, INVALID },
		{ FFA_MEM_LEND_32, FFA_MEM_FLAG_ZERO, 0 },
		{ FFA_MEM_LEND_32, FFA_MEM_FLAG_TIME_SLICE, INVALID },
		{ FFA_MEM_LEND_32, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, INVALID },
		{ FFA_MEM_LEND_32, FFA_MEM_FLAG_TYPE_LEND, INVALID },
		{ FFA_MEM_LEND_32, FFA_MEM_FLAG_ALIGN_HINT_VALID, INVALID },
		{ FFA_MEM_LEND_32, 1u << 31, INVALID },
		{ FFA_MEM_DONATE_32, FFA_MEM_FLAG_ZERO, 0 },
		{ FFA_MEM_DONATE_32, FFA_MEM_FLAG_ZERO | FFA_MEM_FLAG_TIME_SLICE, INVALID },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool share = cases[i].fid == FFA_MEM_SHARE_32;
		uint8_t perms = cases[i].fid == FFA_MEM_DONATE_32 ? 0 : RW;

		build(share ? WB_IN : 0, cases[i].flags, 1, one_sp, perms, 2, two_ranges);
		assert_int_equal(parse(cases[i].fid), cases[i].rc);
	}
}

static void test_parse_permissions(void **state)
{
	static const struct {
		uint32_t fid;
		uint8_t perms;
		int32_t rc;
	} cases[] = {
		{ FFA_MEM_SHARE_32, RW, 0 },
		{ FFA_MEM_SHARE_32, RO, 0 },
		{ FFA_MEM_SHARE_32, 0, INVALID }, /* data access must be specified */
		{ FFA_MEM_SHARE_32, FFA_MEM_DATA_RESERVED, INVALID },
		{ FFA_MEM_SHARE_32, RW | NX, INVALID }, /* instruction access: never the lender's */
		{ FFA_MEM_SHARE_32, RW | X, INVALID },
		{ FFA_MEM_SHARE_32, RW | FFA_MEM_INSTR_RESERVED, INVALID },
		{ FFA_MEM_SHARE_32, RW | 0x10, INVALID },
		{ FFA_MEM_SHARE_32, RW | 0x80, INVALID },
		{ FFA_MEM_LEND_32, RO, 0 },
		{ FFA_MEM_LEND_32, 0, INVALID },
		{ FFA_MEM_LEND_32, RO | X, INVALID },
		{ FFA_MEM_DONATE_32, 0, 0 },
		{ FFA_MEM_DONATE_32, RW, INVALID }, /* the new owner chooses */
		{ FFA_MEM_DONATE_32, RO, INVALID },
		{ FFA_MEM_DONATE_32, NX, INVALID },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool share = cases[i].fid == FFA_MEM_SHARE_32;

		build(share ? WB_IN : 0, 0, 1, one_sp, cases[i].perms, 2, two_ranges);
		assert_int_equal(parse(cases[i].fid), cases[i].rc);
	}
	/* One bad borrower among good ones is enough. */
	build(WB_IN, 0, 3, four, RW, 2, two_ranges);
	acc(2)->permissions = RW | NX;
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
}

static void test_parse_borrower_ids(void **state)
{
	static const uint16_t self[] = { SP_A, SENDER };
	static const uint16_t dup[] = { SP_A, SP_B, SP_A };

	build(WB_IN, 0, 2, self, RW, 2, two_ranges);
	assert_int_equal(parse(FFA_MEM_SHARE_32), INVALID);
	build(0, 0, 1, self + 1, 0, 2, two_ranges);
	assert_int_equal(parse(FFA_MEM_DONATE_32), INVALID);
	build(WB_IN, 0, 3, dup, RW, 2, two_ranges);
	assert_int_equal(parse(FFA_MEM_LEND_32), INVALID);
	build(WB_IN, 0, 2, dup, RW, 2, two_ranges);
	assert_int_equal(parse(FFA_MEM_LEND_32), 0);
}

/* ---- the transaction table ------------------------------------------------------------ */

static struct mem_table table;
static struct mem_table snapshot;

static int setup_hyp(void **state)
{
	mem_table_init(&table, true);
	return 0;
}

/* A call that must fail with `rc` and change nothing. */
#define EXPECT_REFUSED(rc, call)                                                                   \
	do {                                                                                       \
		memcpy(&snapshot, &table, sizeof(table));                                          \
		assert_int_equal((call), (rc));                                                    \
		assert_memory_equal(&snapshot, &table, sizeof(table));                             \
	} while (0)

/* A transaction of `nb` borrowers (four[]) over `nr` one-page ranges, two pages apart, at pa. */
static struct mem_tx make_tx(enum mem_tx_type type, uint32_t nb, uint32_t nr, uint64_t pa)
{
	struct mem_tx tx = { .type = type, .lender = SENDER };

	tx.attributes = (type == MEM_TX_SHARE || nb > 1) ? WB_IN : 0;
	tx.borrower_count = nb;
	for (uint32_t i = 0; i < nb; i++)
		tx.borrowers[i] = (struct mem_grant){ four[i], type == MEM_TX_DONATE ? 0 : RW };
	tx.range_count = nr;
	tx.total_pages = nr;
	for (uint32_t i = 0; i < nr; i++)
		tx.ranges[i] = (struct mem_range){ pa + 2 * i * PAGE, 1 };
	return tx;
}

static uint64_t create_ok(const struct mem_tx *tx)
{
	uint64_t handle = 0;

	assert_int_equal(mem_tx_create(&table, tx, &handle), 0);
	assert_true(mem_table_check(&table));
	return handle;
}

static void test_lend_lifecycle(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_LEND, 1, 2, BASE);
	struct mem_result res;
	uint64_t h;

	tx.flags = FFA_MEM_FLAG_ZERO;
	h = create_ok(&tx);
	assert_true(h & FFA_MEM_HANDLE_ALLOCATOR_HYP);
	assert_int_equal(table.live, 1);
	assert_false(mem_range_available(&table, BASE, 1));
	assert_true(mem_range_available(&table, BASE + PAGE, 1));

	assert_int_equal(mem_retrieve(&table, h, SP_A, RW, &res), 0);
	assert_int_equal(res.handle, h);
	assert_int_equal(res.type, MEM_TX_LEND);
	assert_int_equal(res.lender, SENDER);
	assert_int_equal(res.perms, RW | NX);
	assert_true(res.s2_change);
	assert_true(res.zero);
	assert_false(res.done);
	assert_int_equal(res.total_pages, 2);
	assert_int_equal(res.range_count, 2);
	assert_int_equal(res.ranges[0].base, BASE);
	assert_int_equal(res.ranges[1].base, BASE + 2 * PAGE);
	assert_int_equal(table.slots[h & 0xff].borrowers[0].state, MEM_BORROWER_RETRIEVED);
	assert_true(mem_table_check(&table));

	EXPECT_REFUSED(DENIED, mem_reclaim(&table, h, SENDER, &res));

	assert_int_equal(mem_relinquish(&table, h, SP_A, &res), 0);
	assert_true(res.s2_change);
	assert_int_equal(res.perms, RW | NX);
	assert_int_equal(res.range_count, 2);
	assert_int_equal(table.slots[h & 0xff].borrowers[0].state, MEM_BORROWER_RELINQUISHED);
	EXPECT_REFUSED(INVALID, mem_relinquish(&table, h, SP_A, &res));

	/* Retrieved again after a relinquish: no zeroing the second time. */
	assert_int_equal(mem_retrieve(&table, h, SP_A, 0, &res), 0);
	assert_false(res.zero);
	assert_true(res.s2_change);
	assert_int_equal(mem_relinquish(&table, h, SP_A, &res), 0);

	assert_int_equal(mem_reclaim(&table, h, SENDER, &res), 0);
	assert_true(res.s2_change);
	assert_true(res.done);
	assert_int_equal(res.range_count, 2);
	assert_int_equal(res.ranges[1].pages, 1);
	assert_int_equal(table.live, 0);
	assert_true(mem_range_available(&table, BASE, 4));
	assert_true(mem_table_check(&table));

	/* The handle is dead. */
	EXPECT_REFUSED(INVALID, mem_retrieve(&table, h, SP_A, RW, &res));
	EXPECT_REFUSED(INVALID, mem_relinquish(&table, h, SP_A, &res));
	EXPECT_REFUSED(INVALID, mem_reclaim(&table, h, SENDER, &res));
}

static void test_share(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_SHARE, 1, 1, BASE);
	struct mem_result res;
	uint64_t h = create_ok(&tx);

	/* FF-A v1.1 §10.11.3 (ACS lend_retrieve_input_checks): executing shared memory is DENIED;
	 * NX is what the borrower gets anyway. */
	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, SP_A, RW | X, &res));
	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, SP_A, RO | X, &res));
	assert_int_equal(mem_retrieve(&table, h, SP_A, RO | NX, &res), 0);
	assert_int_equal(mem_relinquish(&table, h, SP_A, &res), 0);
	assert_int_equal(mem_retrieve(&table, h, SP_A, RO, &res), 0);
	assert_int_equal(res.perms, RO | NX);
	assert_false(res.zero);
	assert_int_equal(mem_relinquish(&table, h, SP_A, &res), 0);
	assert_int_equal(mem_reclaim(&table, h, SENDER, &res), 0);
	assert_false(res.s2_change); /* the lender never lost its access */
	assert_true(res.done);
}

static void test_retrieve_permissions(void **state)
{
	static const struct {
		enum mem_tx_type type;
		uint32_t borrowers;
		uint8_t granted;
		uint8_t asked;
		int32_t rc;
		uint8_t got;
	} cases[] = {
		{ MEM_TX_LEND, 1, RW, 0, 0, RW | NX },
		{ MEM_TX_LEND, 1, RW, RW, 0, RW | NX },
		{ MEM_TX_LEND, 1, RW, RO, 0, RO | NX },
		{ MEM_TX_LEND, 1, RW, RW | X, 0, RW | X }, /* one borrower may execute */
		{ MEM_TX_LEND, 1, RW, RO | NX, 0, RO | NX },
		{ MEM_TX_LEND, 1, RO, 0, 0, RO | NX },
		{ MEM_TX_LEND, 1, RO, RO | X, 0, RO | X },
		{ MEM_TX_LEND, 1, RO, RW, DENIED, 0 }, /* escalation */
		{ MEM_TX_LEND, 1, RO, RW | X, DENIED, 0 },
		{ MEM_TX_LEND, 1, RW, FFA_MEM_DATA_RESERVED, INVALID, 0 },
		{ MEM_TX_LEND, 1, RW, RW | FFA_MEM_INSTR_RESERVED, INVALID, 0 },
		{ MEM_TX_LEND, 1, RW, RW | 0x20, INVALID, 0 },
		{ MEM_TX_LEND, 2, RW, RW, 0, RW | NX },
		{ MEM_TX_LEND, 2, RW, RW | NX, 0, RW | NX }, /* several borrowers: never X */
		{ MEM_TX_LEND, 2, RW, RW | X, DENIED, 0 },   /* §10.11.3: DENIED */
		{ MEM_TX_LEND, 2, RO, RW, DENIED, 0 },
		{ MEM_TX_SHARE, 1, RO, RO, 0, RO | NX },
		{ MEM_TX_SHARE, 1, RO, RW, DENIED, 0 },
		{ MEM_TX_SHARE, 1, RW, RO | X, DENIED, 0 },
		{ MEM_TX_DONATE, 1, 0, 0, 0, RW | NX },
		{ MEM_TX_DONATE, 1, 0, RO, 0, RO | NX },
		{ MEM_TX_DONATE, 1, 0, RW | X, 0, RW | X },
		{ MEM_TX_DONATE, 1, 0, 0xff, INVALID, 0 },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mem_tx tx = make_tx(cases[i].type, cases[i].borrowers, 1, BASE);
		struct mem_result res;
		uint64_t h;

		mem_table_init(&table, i & 1);
		for (uint32_t b = 0; b < cases[i].borrowers; b++)
			tx.borrowers[b].perms = cases[i].granted;
		h = create_ok(&tx);
		if (cases[i].rc) {
			EXPECT_REFUSED(cases[i].rc,
				       mem_retrieve(&table, h, SP_A, cases[i].asked, &res));
			continue;
		}
		assert_int_equal(mem_retrieve(&table, h, SP_A, cases[i].asked, &res), 0);
		assert_int_equal(res.perms, cases[i].got);
		assert_true(mem_table_check(&table));
	}
}

static void test_donate(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_DONATE, 1, 3, BASE);
	struct mem_result res;
	uint64_t h = create_ok(&tx);

	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, SP_B, 0, &res));
	EXPECT_REFUSED(INVALID, mem_relinquish(&table, h, SP_A, &res)); /* nothing retrieved */
	assert_int_equal(mem_retrieve(&table, h, SP_A, 0, &res), 0);
	assert_true(res.done);
	assert_true(res.s2_change);
	assert_int_equal(res.range_count, 3);
	assert_int_equal(res.total_pages, 3);
	assert_int_equal(table.live, 0);
	assert_true(mem_range_available(&table, BASE, 8));
	assert_true(mem_table_check(&table));

	/* The transfer is complete: the handle is dead for everybody. */
	EXPECT_REFUSED(INVALID, mem_retrieve(&table, h, SP_A, 0, &res));
	EXPECT_REFUSED(INVALID, mem_relinquish(&table, h, SP_A, &res));
	EXPECT_REFUSED(INVALID, mem_reclaim(&table, h, SENDER, &res));

	/* A donation nobody retrieved yet can be taken back. */
	h = create_ok(&tx);
	assert_int_equal(mem_reclaim(&table, h, SENDER, &res), 0);
	assert_true(res.s2_change);
	assert_true(res.done);
	assert_int_equal(table.live, 0);
}

static void test_unknown_handles(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_LEND, 1, 1, BASE);
	struct mem_result res;
	uint64_t h = create_ok(&tx);
	const uint64_t bad[] = {
		0,
		FFA_MEM_HANDLE_INVALID,
		h ^ FFA_MEM_HANDLE_ALLOCATOR_HYP, /* the other allocator's */
		h + 1,				  /* next slot, free */
		h + 0x100,			  /* a generation not issued yet */
		h - 0x100,
		(h & ~0xffull) | 0xff, /* slot index out of range */
		h & 0xff,
	};

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		EXPECT_REFUSED(INVALID, mem_retrieve(&table, bad[i], SP_A, RW, &res));
		EXPECT_REFUSED(INVALID, mem_relinquish(&table, bad[i], SP_A, &res));
		EXPECT_REFUSED(INVALID, mem_reclaim(&table, bad[i], SENDER, &res));
	}
}

static void test_handles_never_reused(void **state)
{
	static struct mem_table spmc;
	struct mem_tx tx = make_tx(MEM_TX_LEND, 1, 1, BASE);
	struct mem_result res;
	uint64_t seen[64], spmc_handle;

	for (unsigned i = 0; i < 64; i++) {
		seen[i] = create_ok(&tx);
		for (unsigned j = 0; j < i; j++)
			assert_true(seen[i] != seen[j]);
		assert_int_equal(seen[i] & 0xff, 0); /* always the same slot */
		for (unsigned j = 0; j < i; j++)
			EXPECT_REFUSED(INVALID, mem_retrieve(&table, seen[j], SP_A, RW, &res));
		assert_int_equal(mem_reclaim(&table, seen[i], SENDER, &res), 0);
	}

	/* SPMC-allocated handles have bit 63 clear and are refused by a hypervisor's table. */
	mem_table_init(&spmc, false);
	assert_int_equal(mem_tx_create(&spmc, &tx, &spmc_handle), 0);
	assert_true(mem_table_check(&spmc));
	assert_false(spmc_handle & FFA_MEM_HANDLE_ALLOCATOR_HYP);
	assert_true(spmc_handle != 0);
	assert_true(create_ok(&tx) & FFA_MEM_HANDLE_ALLOCATOR_HYP);
	EXPECT_REFUSED(INVALID, mem_retrieve(&table, spmc_handle, SP_A, RW, &res));

	/* When the generations run out, no handle is made rather than an old one. */
	mem_table_init(&table, true);
	table.next_generation = GEN_MAX;
	assert_true(mem_table_check(&table));
	create_ok(&tx);
	tx.ranges[0].base += 0x100000;
	EXPECT_REFUSED(NOMEM, mem_tx_create(&table, &tx, &seen[0]));
}

static void test_not_a_party(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_LEND, 2, 1, BASE);
	struct mem_result res;
	uint64_t h = create_ok(&tx);

	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, VM_2, RW, &res));
	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, SENDER, RW, &res)); /* the lender itself */
	assert_int_equal(mem_retrieve(&table, h, SP_B, RW, &res), 0);
	EXPECT_REFUSED(DENIED, mem_relinquish(&table, h, VM_2, &res));
	EXPECT_REFUSED(DENIED, mem_relinquish(&table, h, SENDER, &res));
	EXPECT_REFUSED(INVALID, mem_relinquish(&table, h, SP_A, &res)); /* holds nothing */
	assert_int_equal(mem_relinquish(&table, h, SP_B, &res), 0);
	EXPECT_REFUSED(INVALID, mem_reclaim(&table, h, SP_A, &res)); /* not the lender */
	EXPECT_REFUSED(INVALID, mem_reclaim(&table, h, VM_2, &res));
	assert_int_equal(mem_reclaim(&table, h, SENDER, &res), 0);
}

static void test_reclaim_while_held(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_LEND, MEM_MAX_BORROWERS, 1, BASE);
	struct mem_result res;
	uint64_t h;

	tx.flags = FFA_MEM_FLAG_ZERO;
	h = create_ok(&tx);
	for (unsigned i = 0; i < MEM_MAX_BORROWERS; i++) {
		assert_int_equal(mem_retrieve(&table, h, four[i], RW, &res), 0);
		assert_true(res.zero == (i == 0)); /* zeroed once, before the first mapping */
		EXPECT_REFUSED(DENIED, mem_reclaim(&table, h, SENDER, &res));
	}
	for (unsigned i = 0; i < MEM_MAX_BORROWERS; i++) {
		EXPECT_REFUSED(DENIED, mem_reclaim(&table, h, SENDER, &res));
		assert_int_equal(mem_relinquish(&table, h, four[i], &res), 0);
		assert_true(mem_table_check(&table));
	}
	assert_int_equal(mem_reclaim(&table, h, SENDER, &res), 0);
}

static void test_retrieve_count(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_LEND, 1, 1, BASE);
	struct mem_result res;
	uint64_t h = create_ok(&tx);

	assert_int_equal(mem_retrieve(&table, h, SP_A, RO, &res), 0);
	assert_true(res.s2_change);
	/* Later retrievals change nothing, and must get what the first one got. */
	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, SP_A, RW, &res));
	EXPECT_REFUSED(DENIED, mem_retrieve(&table, h, SP_A, RO | X, &res));
	for (unsigned i = 1; i < MEM_MAX_RETRIEVES; i++) {
		assert_int_equal(mem_retrieve(&table, h, SP_A, RO | NX, &res), 0);
		assert_false(res.s2_change);
		assert_int_equal(res.perms, RO | NX);
	}
	assert_int_equal(table.slots[h & 0xff].borrowers[0].retrieves, MEM_MAX_RETRIEVES);
	EXPECT_REFUSED(NOMEM, mem_retrieve(&table, h, SP_A, RO, &res));
	assert_true(mem_table_check(&table));

	for (unsigned i = MEM_MAX_RETRIEVES; i > 0; i--) {
		EXPECT_REFUSED(DENIED, mem_reclaim(&table, h, SENDER, &res));
		assert_int_equal(mem_relinquish(&table, h, SP_A, &res), 0);
		assert_true(res.s2_change == (i == 1)); /* unmap with the last one */
		assert_int_equal(res.perms, RO | NX);
	}
	EXPECT_REFUSED(INVALID, mem_relinquish(&table, h, SP_A, &res));
	assert_int_equal(mem_reclaim(&table, h, SENDER, &res), 0);
}

static void test_page_ownership(void **state)
{
	struct mem_tx a = make_tx(MEM_TX_LEND, 1, 2, BASE); /* BASE and BASE + 2 pages */
	struct mem_tx b;
	struct mem_result res;
	uint64_t ha = create_ok(&a), hb;

	/* Lending any page already lent is refused, whatever the type or borrower. */
	b = make_tx(MEM_TX_LEND, 1, 1, BASE);
	EXPECT_REFUSED(DENIED, mem_tx_create(&table, &b, &hb));
	b = make_tx(MEM_TX_SHARE, 1, 1, BASE + 2 * PAGE);
	b.borrowers[0].id = SP_B;
	EXPECT_REFUSED(DENIED, mem_tx_create(&table, &b, &hb));
	b = make_tx(MEM_TX_DONATE, 1, 1, BASE);
	EXPECT_REFUSED(DENIED, mem_tx_create(&table, &b, &hb));
	b = make_tx(MEM_TX_LEND, 1, 1, BASE - PAGE);
	b.ranges[0].pages = 2; /* ends on the first lent page */
	b.total_pages = 2;
	EXPECT_REFUSED(DENIED, mem_tx_create(&table, &b, &hb));
	b.ranges[0].pages = 1; /* ends just before it */
	b.total_pages = 1;
	hb = create_ok(&b);
	b = make_tx(MEM_TX_SHARE, 1, 1, BASE + PAGE); /* the gap between a's pages */
	create_ok(&b);
	assert_int_equal(table.live, 3);

	assert_false(mem_range_available(&table, BASE + 0x800, 1)); /* unaligned: never */
	assert_true(mem_range_available(&table, BASE, 0));
	assert_false(mem_range_available(&table, 0, UINT64_MAX)); /* wraps: covers everything */
	assert_true(mem_range_available(&table, BASE + 3 * PAGE, 0x1000));
	assert_false(mem_range_available(&table, BASE + 2 * PAGE, 1));

	/* Back to the lender, the pages can be lent again. */
	assert_int_equal(mem_reclaim(&table, ha, SENDER, &res), 0);
	b = make_tx(MEM_TX_DONATE, 1, 1, BASE);
	create_ok(&b);
	assert_int_equal(mem_reclaim(&table, hb, SENDER, &res), 0);
}

static void test_create_rechecks(void **state)
{
	struct mem_tx tx;
	uint64_t h = 0;

	/* The caller's translation may split ranges, but must keep every rule. */
	tx = make_tx(MEM_TX_LEND, 1, 2, BASE);
	tx.ranges[1].base = BASE; /* two IPAs translated to one PA */
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 1, 2, BASE);
	tx.total_pages = 3;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 1, 2, BASE);
	tx.ranges[0].base |= 0x10;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 1, 2, BASE);
	tx.range_count = MEM_MAX_CONSTITUENTS + 1;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx.range_count = 0;
	tx.total_pages = 0;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 1, 1, BASE);
	tx.ranges[0].pages = MEM_MAX_PAGES + 1;
	tx.total_pages = MEM_MAX_PAGES + 1;
	EXPECT_REFUSED(NOMEM, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 1, 1, BASE);
	tx.borrower_count = MEM_MAX_BORROWERS + 1;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx.borrower_count = 0;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 2, 1, BASE);
	tx.borrowers[1].id = SP_A;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_LEND, 1, 1, BASE);
	tx.borrowers[0].id = SENDER;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_DONATE, 2, 1, BASE);
	tx.attributes = 0;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_SHARE, 1, 1, BASE);
	tx.flags = FFA_MEM_FLAG_ZERO;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_SHARE, 1, 1, BASE);
	tx.attributes = FFA_MEM_ATTR_DEVICE;
	EXPECT_REFUSED(DENIED, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_SHARE, 1, 1, BASE);
	tx.type = (enum mem_tx_type)0;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx.type = (enum mem_tx_type)4;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	tx = make_tx(MEM_TX_SHARE, 1, 1, BASE);
	tx.borrowers[0].perms = RW | X;
	EXPECT_REFUSED(INVALID, mem_tx_create(&table, &tx, &h));
	assert_int_equal(h, 0);
}

/* Every table at its limit at once, then everything given back: the table is as new. */
static void test_fill_and_drain(void **state)
{
	struct mem_table fresh;
	struct mem_result res;
	uint64_t handles[MEM_MAX_TRANSACTIONS], h;
	struct mem_tx tx;

	mem_table_init(&fresh, true);
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		tx = make_tx(MEM_TX_LEND, MEM_MAX_BORROWERS, MEM_MAX_CONSTITUENTS,
			     BASE + i * 0x100000);
		tx.ranges[0].pages = MEM_MAX_PAGES - (MEM_MAX_CONSTITUENTS - 1);
		tx.ranges[0].base = BASE + 0x10000000 + i * 0x1000000;
		tx.total_pages = MEM_MAX_PAGES;
		handles[i] = create_ok(&tx);
		for (unsigned b = 0; b < MEM_MAX_BORROWERS; b++)
			for (unsigned r = 0; r < MEM_MAX_RETRIEVES; r++)
				assert_int_equal(
				    mem_retrieve(&table, handles[i], four[b], RW, &res), 0);
	}
	assert_int_equal(table.live, MEM_MAX_TRANSACTIONS);
	assert_true(mem_table_check(&table));
	tx = make_tx(MEM_TX_SHARE, 1, 1, 0x4000000000ull);
	EXPECT_REFUSED(NOMEM, mem_tx_create(&table, &tx, &h));
	EXPECT_REFUSED(NOMEM, mem_retrieve(&table, handles[3], four[2], RW, &res));

	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		for (unsigned b = 0; b < MEM_MAX_BORROWERS; b++)
			for (unsigned r = 0; r < MEM_MAX_RETRIEVES; r++) {
				EXPECT_REFUSED(DENIED,
					       mem_reclaim(&table, handles[i], SENDER, &res));
				assert_int_equal(mem_relinquish(&table, handles[i], four[b], &res),
						 0);
			}
		assert_int_equal(mem_reclaim(&table, handles[i], SENDER, &res), 0);
		assert_true(mem_table_check(&table));
	}
	assert_int_equal(table.live, 0);
	assert_int_equal(table.allocator, fresh.allocator);
	assert_memory_equal(table.slots, fresh.slots, sizeof(fresh.slots));
	assert_int_equal(table.next_generation, 1 + MEM_MAX_TRANSACTIONS);
	/* And it fills again, with new handles. */
	tx = make_tx(MEM_TX_SHARE, 1, 1, BASE);
	h = create_ok(&tx);
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++)
		assert_true(h != handles[i]);
}

/* The checker the fuzzer relies on does notice a broken table. */
static void test_table_check(void **state)
{
	struct mem_tx a = make_tx(MEM_TX_LEND, 2, 2, BASE);
	struct mem_tx b = make_tx(MEM_TX_SHARE, 1, 1, BASE + 0x100000);
	struct mem_result res;
	uint64_t h;

	create_ok(&a);
	h = create_ok(&b);
	assert_int_equal(mem_retrieve(&table, h, SP_A, RW, &res), 0);
	memcpy(&snapshot, &table, sizeof(table));

#define BROKEN(change)                                                                             \
	do {                                                                                       \
		memcpy(&table, &snapshot, sizeof(table));                                          \
		change;                                                                            \
		assert_false(mem_table_check(&table));                                             \
	} while (0)
	BROKEN(table.live++);
	BROKEN(table.next_generation = 1);
	BROKEN(table.allocator = 1);
	BROKEN(table.slots[1].tx.ranges[0].base = BASE); /* the same page in two transactions */
	BROKEN(table.slots[1].handle ^= FFA_MEM_HANDLE_ALLOCATOR_HYP);
	BROKEN(table.slots[1].handle += 1);
	BROKEN(table.slots[1].borrowers[0].retrieves = 0);
	BROKEN(table.slots[1].borrowers[0].mapped = 0);
	BROKEN(table.slots[1].borrowers[0].id = SP_B);
	BROKEN(table.slots[0].borrowers[1].state = MEM_BORROWER_RELINQUISHED);
	BROKEN(table.slots[0].borrowers[1].retrieves = 1);
	BROKEN(table.slots[0].borrowers[2].id = 1); /* beyond the borrower count */
	BROKEN(table.slots[5].tx.tag = 1);	    /* a free slot that is not clean */
	BROKEN(table.slots[0].tx.total_pages++);
	BROKEN(table.next_generation = 0);
	BROKEN(table.next_generation = GEN_MAX + 2);
	BROKEN(table.slots[1].handle = FFA_MEM_HANDLE_ALLOCATOR_HYP | 1); /* generation 0 */
	BROKEN(table.slots[1].borrowers[0].granted = RO);
	BROKEN(table.slots[1].borrowers[0].state = (enum mem_borrower_state)7);
	BROKEN(table.slots[1].borrowers[0].retrieves = MEM_MAX_RETRIEVES + 1);
	BROKEN(table.slots[1].retrieved_once = false);
	BROKEN(table.slots[0].borrowers[0].mapped = RW);
#undef BROKEN
	memcpy(&table, &snapshot, sizeof(table));
	assert_true(mem_table_check(&table));
}

/* From a descriptor to a handle, as a hypervisor will do it (identity translation). */
static void test_parse_then_create(void **state)
{
	struct mem_tx tx;
	struct mem_result res;
	uint64_t h;

	build(0, FFA_MEM_FLAG_ZERO, 1, one_sp, RW, 2, two_ranges);
	assert_int_equal(parse_len(FFA_MEM_LEND_64, desc_len, &tx), 0);
	h = create_ok(&tx);
	assert_int_equal(mem_retrieve(&table, h, SP_A, RW | X, &res), 0);
	assert_int_equal(res.perms, RW | X);
	assert_true(res.zero);
	assert_int_equal(res.total_pages, 3);
	EXPECT_REFUSED(DENIED, mem_tx_create(&table, &tx, &h));
}

/*
 * mem_retrieve_req_check() (FF-A v1.1 §10.10, §16.4; the SPMC's partition rules, used by nshyp
 * for VM-to-VM retrievals): a well-formed request, then each field broken once.
 */
static void test_retrieve_req_check(void **state)
{
	struct mem_tx tx = make_tx(MEM_TX_LEND, 2, 1, BASE);
	uint8_t req[sizeof(struct ffa_mem_region) + 2 * sizeof(struct ffa_mem_access)];
	struct ffa_mem_region *h = (void *)req;
	struct ffa_mem_access *a = (void *)(req + sizeof(*h));
	const struct mem_slot *s;
	uint32_t flags = 0, len = sizeof(*h) + sizeof(*a);
	uint8_t perms = 0;

	(void)state;
	tx.flags = FFA_MEM_FLAG_ZERO;
	s = mem_tx_find(&table, create_ok(&tx));
	memset(req, 0, sizeof(req));
	*h = (struct ffa_mem_region){ .sender_id = SENDER,
				      .handle = s->handle,
				      .flags = FFA_MEM_FLAG_TYPE_LEND,
				      .ep_mem_access_size = sizeof(*a),
				      .ep_count = 1,
				      .ep_mem_access_offset = sizeof(*h) };
	a[0] = (struct ffa_mem_access){ .receiver_id = four[1], .permissions = FFA_MEM_DATA_RO };
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags), 0);
	assert_int_equal(perms, FFA_MEM_DATA_RO);
	assert_int_equal(flags, FFA_MEM_FLAG_TYPE_LEND);
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], 0, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS); /* no such transaction */
	assert_int_equal(mem_retrieve_req_check(req, len - 1, four[1], s, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(mem_retrieve_req_check(req, len, four[0], s, &perms, &flags),
			 FFA_RET_DENIED); /* the caller is not the receiver named */
	h->sender_id = VM_2;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags),
			 FFA_RET_DENIED); /* ACS lend_retrieve_input_checks6 */
	h->sender_id = SENDER;
	h->tag = 5;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS);
	h->tag = 0;
	h->flags = FFA_MEM_FLAG_TYPE_LEND | FFA_MEM_FLAG_ZERO;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags),
			 FFA_RET_DENIED); /* zeroing a read-only retrieval */
	h->flags = FFA_MEM_FLAG_TYPE_LEND | FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH;
	a[0].permissions = FFA_MEM_DATA_RW;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS); /* two borrowers */
	h->flags = FFA_MEM_FLAG_TYPE_SHARE;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS);
	h->flags = 0;
	h->attributes = FFA_MEM_ATTR_DEVICE;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags),
			 FFA_RET_DENIED); /* ACS donate_retrieve_input_checks3 */
	h->attributes = WB_IN;
	assert_int_equal(mem_retrieve_req_check(req, len, four[1], s, &perms, &flags), 0);
	/* Both borrowers listed (ACS lend_retrieve_input_checks9); one twice is refused. */
	h->ep_count = 2;
	a[1] = (struct ffa_mem_access){ .receiver_id = four[0], .permissions = FFA_MEM_DATA_RW };
	assert_int_equal(mem_retrieve_req_check(req, sizeof(req), four[1], s, &perms, &flags), 0);
	a[1].receiver_id = four[1];
	assert_int_equal(mem_retrieve_req_check(req, sizeof(req), four[1], s, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS);
	a[1].receiver_id = four[0];
	a[0].composite_offset = 64;
	assert_int_equal(mem_retrieve_req_check(req, sizeof(req), four[1], s, &perms, &flags),
			 FFA_RET_INVALID_PARAMETERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_share),
		cmocka_unit_test(test_parse_v1_0_layout),
		cmocka_unit_test(test_parse_lend_donate),
		cmocka_unit_test(test_parse_fid),
		cmocka_unit_test(test_parse_lying_length),
		cmocka_unit_test(test_parse_header),
		cmocka_unit_test(test_parse_borrower_count),
		cmocka_unit_test(test_parse_access_offset),
		cmocka_unit_test(test_parse_access_descriptor),
		cmocka_unit_test(test_parse_composite),
		cmocka_unit_test(test_parse_too_many_constituents),
		cmocka_unit_test(test_parse_ranges),
		cmocka_unit_test(test_parse_page_counts),
		cmocka_unit_test(test_parse_attributes),
		cmocka_unit_test(test_parse_flags),
		cmocka_unit_test(test_parse_permissions),
		cmocka_unit_test(test_parse_borrower_ids),
		cmocka_unit_test_setup(test_lend_lifecycle, setup_hyp),
		cmocka_unit_test_setup(test_share, setup_hyp),
		cmocka_unit_test_setup(test_retrieve_permissions, setup_hyp),
		cmocka_unit_test_setup(test_donate, setup_hyp),
		cmocka_unit_test_setup(test_unknown_handles, setup_hyp),
		cmocka_unit_test_setup(test_handles_never_reused, setup_hyp),
		cmocka_unit_test_setup(test_not_a_party, setup_hyp),
		cmocka_unit_test_setup(test_reclaim_while_held, setup_hyp),
		cmocka_unit_test_setup(test_retrieve_count, setup_hyp),
		cmocka_unit_test_setup(test_page_ownership, setup_hyp),
		cmocka_unit_test_setup(test_create_rechecks, setup_hyp),
		cmocka_unit_test_setup(test_fill_and_drain, setup_hyp),
		cmocka_unit_test_setup(test_table_check, setup_hyp),
		cmocka_unit_test_setup(test_parse_then_create, setup_hyp),
		cmocka_unit_test_setup(test_retrieve_req_check, setup_hyp),
	};

	return cmocka_run_group_tests_name("mem_share (FF-A memory management core)", tests, NULL,
					   NULL);
}
