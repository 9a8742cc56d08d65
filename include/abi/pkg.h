/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot package in flash (written by tools/mkpkg.py, read by boot): a
 * table of images, each with where it loads, the most it may occupy there, and
 * its SHA-256 (recorded now; verified against a signature once secure boot
 * lands). Little-endian. Documented in docs/abi/package.md.
 */
#ifndef ABI_PKG_H
#define ABI_PKG_H

#include <stddef.h>
#include <stdint.h>

#define PKG_MAGIC	0x4b505354u /* "TSPK" */
#define PKG_VERSION	1u
#define PKG_MAX_ENTRIES 40

struct pkg_entry {
	char name[16];	   /* NUL-padded, e.g. "sp_A" */
	uint64_t load_pa;  /* where boot copies the image */
	uint32_t offset;   /* from the start of the package */
	uint32_t size;	   /* bytes of image */
	uint32_t max_size; /* bytes reserved at load_pa; the rest is zeroed */
	uint32_t reserved;
	uint8_t sha256[32];
};

struct pkg_header {
	uint32_t magic;
	uint32_t version;
	uint32_t count;
	uint32_t total_size; /* header, entries and images */
	struct pkg_entry entries[];
};

_Static_assert(sizeof(struct pkg_entry) == 72, "docs/abi/package.md");
_Static_assert(offsetof(struct pkg_entry, load_pa) == 16, "docs/abi/package.md");
_Static_assert(offsetof(struct pkg_entry, sha256) == 40, "docs/abi/package.md");
_Static_assert(sizeof(struct pkg_header) == 16, "docs/abi/package.md");

#endif /* ABI_PKG_H */
