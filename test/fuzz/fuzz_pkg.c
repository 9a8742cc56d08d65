// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for boot's package parser and verifier (boot/pkg_verify.c,
 * over the host build of boot's mbedTLS). The input is the package (in a heap
 * buffer of exactly its length, so ASan sees any read past it). Every check
 * runs whatever the one before said, so the layout rules and mbedTLS's RSA
 * code see hostile keys and signatures too. Invariants: a package the
 * structure check accepts has every entry's data inside the input; a refusal
 * carries a boot status of its class and a printable name. The seed is the
 * unit tests' signed package (build/host/pkg/pkg.bin), so mutations start
 * from a package every check accepts.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <boot/pkg_verify.h>
#include <boot_rotpk.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_error(const struct pkg_error *err)
{
	assert(err->status >= BOOT_ERR_FORMAT && err->status <= BOOT_ERR_IMAGE);
	assert(err->reason && strlen(err->name) <= PKG_NAME_LEN);
	for (const char *c = err->name; *c; c++)
		assert(*c >= 0x20 && *c < 0x7f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pkg_meta m;
	struct pkg_error err;
	uint8_t *copy = malloc(size ? size : 1);
	int r;

	memcpy(copy, data, size);
	r = pkg_read_meta(&m, copy, size, &err);
	if (r) {
		check_error(&err);
		free(copy);
		return 0;
	}
	for (uint32_t i = 0; i < m.h.count; i++)
		assert(m.entries[i].offset <= size &&
		       m.entries[i].size <= size - m.entries[i].offset);
	if ((r = pkg_check_keys(&m, boot_rotpk_sha256, &err)) != 0)
		check_error(&err);
	if ((r = pkg_check_layout(&m, &err)) != 0)
		check_error(&err);
	if ((r = pkg_check_manifests(&m, &err)) != 0)
		check_error(&err);
	for (uint32_t i = 0; i < m.h.count; i++)
		if ((r = pkg_check_image(&m.entries[i], copy + m.entries[i].offset, &err)) != 0)
			check_error(&err);
	free(copy);
	return 0;
}
