/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The signed boot package in flash (written by tools/mkpkg.py, read and
 * verified by boot): a root-certified table of signer keys, one signed
 * manifest per signer, a table of images with the window each loads into, and
 * the image data. Little-endian; keys and signatures are RSA-2048 with
 * e = 65537 and RSASSA-PSS over SHA-256 (modulus and signature big-endian).
 * Documented in docs/abi/package.md and docs/secure-boot.md, which also give
 * the exact bytes each signature covers.
 */
#ifndef ABI_PKG_H
#define ABI_PKG_H

#include <stddef.h>
#include <stdint.h>

#define PKG_MAGIC	    0x4b505354u /* "TSPK" */
#define PKG_VERSION	    2u
#define PKG_MAX_ENTRIES	    40
#define PKG_MAX_SIGNERS	    8 /* the platform (index 0) and up to 7 TEE vendors */
#define PKG_SIGNER_PLATFORM 0
#define PKG_NAME_LEN	    16
#define PKG_PUB_SIZE	    256 /* RSA-2048 modulus; the exponent is 65537 */
#define PKG_SIG_SIZE	    256

/* Domain separation of the two kinds of signed message (docs/secure-boot.md). */
#define PKG_TAG_KEYS	 "TSPK2 keys"	  /* root -> signer keys; 10 bytes, no NUL */
#define PKG_TAG_MANIFEST "TSPK2 manifest" /* signer -> its manifest; 14 bytes, no NUL */

/* A signer's public key, certified by the root key. */
struct pkg_key {
	char name[PKG_NAME_LEN]; /* NUL-padded: "platform" (index 0) or a vendor's name */
	uint8_t pub[PKG_PUB_SIZE];
};

/* A signer's manifest signature and security version (anti-rollback). */
struct pkg_sig {
	uint32_t svn; /* security version of everything this signer signs here */
	uint32_t reserved;
	uint8_t sig[PKG_SIG_SIZE]; /* RSASSA-PSS (SHA-256, MGF1-SHA-256, 32-byte salt) */
};

/*
 * One image load. Bytes 0..31 are the layout (the system description's window and owner:
 * signed by the platform), bytes 32..71 the content (signed by `signer`), `offset` only says
 * where the bytes are stored (a wrong one fails the hash).
 */
struct pkg_entry {
	char name[PKG_NAME_LEN]; /* NUL-padded, e.g. "sp_A" */
	uint64_t load_pa;	 /* where boot copies the image */
	uint32_t max_size;	 /* bytes reserved at load_pa; the rest is zeroed */
	uint16_t signer;	 /* index of the key that must sign the content */
	uint16_t ffa_id;	 /* the partition this image is, 0 if none */
	uint32_t size;		 /* bytes of image */
	uint32_t reserved;
	uint8_t sha256[32]; /* SHA-256 of the image as loaded */
	uint32_t offset;    /* from the start of the package */
	uint32_t reserved2;
};
#define PKG_ENTRY_LAYOUT_SIZE  32u
#define PKG_ENTRY_CONTENT_SIZE 40u

struct pkg_header {
	uint32_t magic;
	uint32_t version;
	uint32_t count;	       /* entries */
	uint32_t total_size;   /* everything below and the image data */
	uint32_t signer_count; /* keys and signatures, 1..PKG_MAX_SIGNERS */
	uint32_t reserved[3];
	uint8_t desc_sha256[32]; /* the system description cfgtool generated (platform-signed) */
	uint8_t root_pub[PKG_PUB_SIZE]; /* the root key: its SHA-256 must be the one boot holds */
	uint8_t root_sig[PKG_SIG_SIZE]; /* root's signature over the keys */
	/* then: struct pkg_key keys[signer_count]; struct pkg_sig sigs[signer_count];
	 * struct pkg_entry entries[count]; image data */
};

static inline size_t pkg_meta_size(uint32_t signers, uint32_t count)
{
	return sizeof(struct pkg_header) +
	       (size_t)signers * (sizeof(struct pkg_key) + sizeof(struct pkg_sig)) +
	       (size_t)count * sizeof(struct pkg_entry);
}

_Static_assert(sizeof(struct pkg_key) == 272, "docs/abi/package.md");
_Static_assert(sizeof(struct pkg_sig) == 264, "docs/abi/package.md");
_Static_assert(sizeof(struct pkg_entry) == 80, "docs/abi/package.md");
_Static_assert(offsetof(struct pkg_entry, size) == PKG_ENTRY_LAYOUT_SIZE, "docs/abi/package.md");
_Static_assert(offsetof(struct pkg_entry, offset) == PKG_ENTRY_LAYOUT_SIZE + PKG_ENTRY_CONTENT_SIZE,
	       "docs/abi/package.md");
_Static_assert(offsetof(struct pkg_header, desc_sha256) == 32, "docs/abi/package.md");
_Static_assert(sizeof(struct pkg_header) == 576, "docs/abi/package.md");

#endif /* ABI_PKG_H */
