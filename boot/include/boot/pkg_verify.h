/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The package verifier (boot/pkg_verify.c): pure functions over a copy of
 * the package's metadata in RAM, so the host unit tests and the fuzz target
 * run the same code boot does. Each check returns a boot status (0 = good)
 * and fills a pkg_error naming what it refused and why.
 */
#ifndef BOOT_PKG_VERIFY_H
#define BOOT_PKG_VERIFY_H

#include <abi/pkg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Semihosting exit statuses of a refused boot, one per failure class (docs/secure-boot.md). */
enum boot_status {
	BOOT_OK = 0,
	BOOT_ERR_FORMAT = 10,	/* no package, or its header/tables are malformed or truncated */
	BOOT_ERR_ROOT_KEY = 11, /* the package's root key is not the one boot holds */
	BOOT_ERR_KEYS = 12,	/* the root's signature over the signer keys is wrong */
	BOOT_ERR_LAYOUT = 13,	/* a window is unknown, overlaps, or has the wrong signer */
	BOOT_ERR_MANIFEST = 14, /* a signer's manifest signature is wrong */
	BOOT_ERR_ROLLBACK = 15, /* a signer's security version is below the stored minimum */
	BOOT_ERR_IMAGE = 16,	/* an image, as copied into RAM, does not match its signed hash */
	BOOT_ERR_STORE = 17,	/* the rollback store could not be updated */
};

struct pkg_error {
	int status;
	const char *reason;
	char name[PKG_NAME_LEN + 1]; /* the entry or signer concerned, "" for the package */
};

/* The package's metadata, copied out of flash once: every check reads only this copy. */
struct pkg_meta {
	struct pkg_header h;
	struct pkg_key keys[PKG_MAX_SIGNERS];
	struct pkg_sig sigs[PKG_MAX_SIGNERS];
	struct pkg_entry entries[PKG_MAX_ENTRIES];
};

/* Crypto the verifier needs: boot/crypto.c (mbedTLS) on target and on the host. */
void boot_sha256(const void *data, size_t len, uint8_t out[32]);
struct boot_sha256_ctx {
	uint8_t opaque[128] __attribute__((aligned(8)));
};
void boot_sha256_start(struct boot_sha256_ctx *ctx);
void boot_sha256_update(struct boot_sha256_ctx *ctx, const void *data, size_t len);
void boot_sha256_finish(struct boot_sha256_ctx *ctx, uint8_t out[32]);
bool boot_sig_verify(const uint8_t pub[PKG_PUB_SIZE], const uint8_t hash[32],
		     const uint8_t sig[PKG_SIG_SIZE]);

int pkg_read_meta(struct pkg_meta *m, const uint8_t *pkg, size_t avail, struct pkg_error *err);
int pkg_check_keys(const struct pkg_meta *m, const uint8_t rotpk_sha256[32], struct pkg_error *err);
int pkg_check_layout(const struct pkg_meta *m, struct pkg_error *err);
void pkg_manifest_digest(const struct pkg_meta *m, uint32_t signer, uint8_t out[32]);
int pkg_check_manifests(const struct pkg_meta *m, struct pkg_error *err);
int pkg_check_image(const struct pkg_entry *e, const void *loaded, struct pkg_error *err);
void pkg_name(char out[PKG_NAME_LEN + 1], const char in[PKG_NAME_LEN]);

#endif /* BOOT_PKG_VERIFY_H */
