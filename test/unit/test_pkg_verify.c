// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the package verifier (boot/pkg_verify.c over boot/crypto.c and the host
 * build of boot's mbedTLS), on a package tools/mkpkg.py signed (test/unit/pkg_fixture.py): it
 * passes every check; every single-bit flip anywhere in its metadata is refused by one of the
 * checks (exhaustive: the QEMU test samples the same in real boots); a flip in an image is
 * refused by the image check; the layout rules (unknown, overlapping and fixed windows, vendor
 * signers, names) and the structure rules (counts, truncation, offsets) each on their own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <boot/pkg_verify.h>
#include <boot_rotpk.h>
#include <plat/plat_def.h>

#define PKG_AT 0x100000
static uint8_t *flash;
static size_t flash_size;

static const uint8_t *pkg(void)
{
	return flash + PKG_AT;
}

static size_t pkg_avail(void)
{
	return flash_size - PKG_AT;
}

static int load_fixture(void **state)
{
	FILE *f = fopen(FIXTURE, "rb");

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	flash_size = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	flash = malloc(flash_size);
	assert_int_equal(fread(flash, 1, flash_size, f), flash_size);
	fclose(f);
	return 0;
}

/* Every check boot makes before loading, on the package at `p`. */
static int verify_all(const uint8_t *p, size_t avail, struct pkg_meta *m, struct pkg_error *err)
{
	int r = pkg_read_meta(m, p, avail, err);

	if (!r)
		r = pkg_check_keys(m, boot_rotpk_sha256, err);
	if (!r)
		r = pkg_check_layout(m, err);
	if (!r)
		r = pkg_check_manifests(m, err);
	for (uint32_t i = 0; !r && i < m->h.count; i++)
		r = pkg_check_image(&m->entries[i], p + m->entries[i].offset, err);
	return r;
}

static void test_good_package_passes(void **state)
{
	static struct pkg_meta m;
	struct pkg_error err;

	assert_int_equal(verify_all(pkg(), pkg_avail(), &m, &err), BOOT_OK);
	assert_int_equal(m.h.signer_count, 3);
	assert_string_equal(m.keys[1].name, "payco");
	assert_int_equal(m.sigs[1].svn, 2);
	assert_int_equal(m.entries[3].signer, 1);
	assert_int_equal(m.entries[3].ffa_id, 0x8001);
}

/* Exhaustive: every bit of the metadata (header, keys, signatures, entries). */
static void test_every_metadata_bit_flip_refused(void **state)
{
	static struct pkg_meta m;
	struct pkg_error err;
	uint8_t *copy = malloc(pkg_avail());
	size_t meta;

	memcpy(copy, pkg(), pkg_avail());
	assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_OK);
	meta = pkg_meta_size(m.h.signer_count, m.h.count);
	for (size_t pos = 0; pos < meta; pos++) {
		for (int bit = 0; bit < 8; bit++) {
			copy[pos] ^= (uint8_t)(1u << bit);
			if (verify_all(copy, pkg_avail(), &m, &err) == BOOT_OK)
				fail_msg("flip of bit %d at %zu accepted", bit, pos);
			copy[pos] ^= (uint8_t)(1u << bit);
		}
	}
	free(copy);
}

static void test_image_flip_refused_and_named(void **state)
{
	static struct pkg_meta m;
	struct pkg_error err;
	uint8_t *copy = malloc(pkg_avail());

	memcpy(copy, pkg(), pkg_avail());
	assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_OK);
	for (uint32_t i = 0; i < m.h.count; i++) {
		for (uint32_t pos = 0; pos < m.entries[i].size; pos += 97) {
			copy[m.entries[i].offset + pos] ^= 0x10;
			assert_int_equal(
			    pkg_check_image(&m.entries[i], copy + m.entries[i].offset, &err),
			    BOOT_ERR_IMAGE);
			assert_string_equal(err.name, m.entries[i].name);
			copy[m.entries[i].offset + pos] ^= 0x10;
		}
	}
	free(copy);
}

static void test_structure_rules(void **state)
{
	static struct pkg_meta m;
	struct pkg_error err;
	uint8_t *copy = malloc(pkg_avail());
	struct pkg_header *h = (struct pkg_header *)copy;

	memcpy(copy, pkg(), pkg_avail());
	assert_int_equal(pkg_read_meta(&m, copy, 100, &err), BOOT_ERR_FORMAT);
	assert_int_equal(pkg_read_meta(&m, copy, h->total_size - 1, &err), BOOT_ERR_FORMAT);
	h->count = PKG_MAX_ENTRIES + 1;
	assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_ERR_FORMAT);
	memcpy(copy, pkg(), pkg_avail());
	h->signer_count = 0;
	assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_ERR_FORMAT);
	memcpy(copy, pkg(), pkg_avail());
	h->version = 1;
	assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_ERR_FORMAT);
	memcpy(copy, pkg(), pkg_avail());
	h->total_size = 0xffffffffu;
	assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_ERR_FORMAT);
	/* An image's data must lie between the metadata and total_size, without wrapping. */
	{
		static const uint32_t bad[][2] = { { 0xfffffff0u, 0x20 }, /* offset + size wraps */
						   { 0, 1 },		  /* over the metadata */
						   { 1u << 31, 1 } };	  /* past total_size */
		struct pkg_entry *e;

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			memcpy(copy, pkg(), pkg_avail());
			e = (struct pkg_entry *)(copy + pkg_meta_size(h->signer_count, 0)) + 3;
			e->offset = bad[i][0];
			e->size = bad[i][1];
			assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err),
					 BOOT_ERR_FORMAT);
			assert_string_equal(err.reason, "image data outside the package");
		}
		memcpy(copy, pkg(), pkg_avail());
		e = (struct pkg_entry *)(copy + pkg_meta_size(h->signer_count, 0)) + 3;
		e->offset = h->total_size - e->size + 1; /* one byte past the end */
		assert_int_equal(pkg_read_meta(&m, copy, pkg_avail(), &err), BOOT_ERR_FORMAT);
	}
	free(copy);
}

/* Each layout rule, on a good metadata copy changed in one place (no signature involved). */
static void expect_layout(struct pkg_meta *m, const char *reason)
{
	struct pkg_error err;

	assert_int_equal(pkg_check_layout(m, &err), BOOT_ERR_LAYOUT);
	assert_string_equal(err.reason, reason);
}

static void test_layout_rules(void **state)
{
	static struct pkg_meta good, m;
	struct pkg_error err;

	assert_int_equal(pkg_read_meta(&good, pkg(), pkg_avail(), &err), BOOT_OK);
	assert_int_equal(pkg_check_layout(&good, &err), BOOT_OK);
	m = good;
	m.entries[4].load_pa = m.entries[3].load_pa + 0x1000; /* B over A */
	expect_layout(&m, "window overlaps another");
	m = good;
	m.entries[3].load_pa = PLAT_SPMC_BASE; /* a partition in the SPMC's window */
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[5].load_pa = 0x100000000ull; /* beyond NS RAM */
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[5].load_pa = 0xfffffffffffff000ull; /* load_pa + max_size wraps */
	m.entries[5].max_size = 0x2000;
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[3].max_size = 0xffffffffu; /* a partition window past secure RAM */
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[3].max_size = 0;
	m.entries[3].size = 0;
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[1].load_pa += 0x1000; /* the SPMC elsewhere */
	expect_layout(&m, "unknown window");
	m = good;
	memcpy(m.entries[0].name, "nonitor", 8);
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[1].signer = 1; /* a vendor signs the SPMC */
	expect_layout(&m, "signer not allowed for this image");
	m = good;
	m.entries[5].signer = 2; /* a vendor signs a guest */
	expect_layout(&m, "signer not allowed for this image");
	m = good;
	m.entries[3].signer = 3; /* no such signer */
	expect_layout(&m, "signer not allowed for this image");
	m = good;
	memcpy(m.entries[4].name, "sp_A", 5);
	expect_layout(&m, "duplicate name");
	m = good;
	m.entries[3].size = m.entries[3].max_size + 1;
	expect_layout(&m, "unknown window");
	m = good;
	m.entries[3].name[15] = 'x';
	expect_layout(&m, "malformed entry");
	m = good;
	memcpy(m.keys[0].name, "vendor", 7);
	expect_layout(&m, "bad signer name");
	m = good;
	memcpy(m.keys[2].name, m.keys[1].name, PKG_NAME_LEN); /* two keys for one vendor */
	expect_layout(&m, "duplicate signer name");
	m = good;
	m.h.count = 2;
	expect_layout(&m, "no monitor, spmc and nshyp entries");
}

/* A manifest signed for another index (entries reordered) does not verify. */
static void test_swapped_entries_refused(void **state)
{
	static struct pkg_meta m;
	struct pkg_error err;
	struct pkg_entry t;

	assert_int_equal(pkg_read_meta(&m, pkg(), pkg_avail(), &err), BOOT_OK);
	t = m.entries[3];
	m.entries[3] = m.entries[4];
	m.entries[4] = t;
	assert_int_equal(pkg_check_manifests(&m, &err), BOOT_ERR_MANIFEST);
}

/*
 * The platform's manifest names the key table: another vendor key (even one the root certified
 * in another package) fails the platform's signature, so raising the platform's security
 * version revokes the keys of older key tables.
 */
static void test_platform_binds_key_table(void **state)
{
	static struct pkg_meta m;
	struct pkg_error err;
	uint8_t before[32], after[32];

	assert_int_equal(pkg_read_meta(&m, pkg(), pkg_avail(), &err), BOOT_OK);
	pkg_manifest_digest(&m, PKG_SIGNER_PLATFORM, before);
	m.keys[1].pub[100] ^= 1;
	pkg_manifest_digest(&m, PKG_SIGNER_PLATFORM, after);
	assert_memory_not_equal(before, after, sizeof(before));
	assert_int_equal(pkg_check_manifests(&m, &err), BOOT_ERR_MANIFEST);
	assert_string_equal(err.name, "platform");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_package_passes),
		cmocka_unit_test(test_every_metadata_bit_flip_refused),
		cmocka_unit_test(test_image_flip_refused_and_named),
		cmocka_unit_test(test_structure_rules),
		cmocka_unit_test(test_layout_rules),
		cmocka_unit_test(test_swapped_entries_refused),
		cmocka_unit_test(test_platform_binds_key_table),
	};

	return cmocka_run_group_tests(tests, load_fixture, NULL);
}
