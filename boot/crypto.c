// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot's crypto over mbedTLS (boot/mbedtls/boot_mbedtls_config.h): SHA-256
 * (on target with our Armv8 crypto-extension block function) and
 * RSA-2048 RSASSA-PSS verification. mbedTLS allocates bignum limbs; boot has no heap, so
 * they come from a small first-fit arena, emptied after each verification
 * (everything mbedTLS allocated is freed by then). Built for the host too
 * (unit tests, fuzz target), with mbedTLS's own SHA-256 rounds there.
 */
#include <boot/pkg_verify.h>
#include <lib/string.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>

_Static_assert(sizeof(mbedtls_sha256_context) <= sizeof(struct boot_sha256_ctx),
	       "boot_sha256_ctx holds mbedTLS's context");

#define ARENA_SIZE (24 * 1024)
static uint8_t arena[ARENA_SIZE] __attribute__((aligned(16)));
static size_t arena_used, arena_peak;

/* Each block: a 16-byte header (its payload size, free or not), then the payload. */
struct block {
	size_t size;
	size_t free;
};

/*
 * First fit over the blocks so far, else a new block at the top. mbedTLS's bignums grow by
 * allocating a larger copy and freeing the old one, so freed blocks are reused at the same
 * sizes over and over, and a freed top block is given back.
 */
void *boot_mbedtls_calloc(size_t count, size_t size)
{
	size_t n = count * size;
	struct block *b;

	if ((size && n / size != count) || n > ARENA_SIZE)
		return NULL; /* and n rounded up below cannot wrap */
	n = (n + 15) & ~(size_t)15;
	for (size_t at = 0; at < arena_used; at += sizeof(*b) + b->size) {
		b = (struct block *)(void *)(arena + at);
		if (b->free && b->size >= n && b->size <= 2 * n + 64)
			goto found;
	}
	if (n > ARENA_SIZE - sizeof(*b) - arena_used)
		return NULL; /* mbedTLS fails the operation: the signature is refused */
	b = (struct block *)(void *)(arena + arena_used);
	b->size = n;
	arena_used += sizeof(*b) + n;
	if (arena_used > arena_peak)
		arena_peak = arena_used;
found:
	b->free = 0;
	memset(b + 1, 0, b->size);
	return b + 1;
}

void boot_mbedtls_free(void *ptr)
{
	struct block *b = (struct block *)ptr - 1;

	if (!ptr)
		return;
	b->free = 1;
	if ((uint8_t *)(b + 1) + b->size == arena + arena_used)
		arena_used -= sizeof(*b) + b->size;
}

size_t boot_crypto_arena_peak(void);
size_t boot_crypto_arena_peak(void)
{
	return arena_peak;
}

#ifdef MBEDTLS_SHA256_PROCESS_ALT
void boot_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

int mbedtls_internal_sha256_process(mbedtls_sha256_context *ctx, const unsigned char data[64])
{
	boot_sha256_blocks(ctx->state, data, 1);
	return 0;
}
#endif

void boot_sha256_start(struct boot_sha256_ctx *ctx)
{
	mbedtls_sha256_context *c = (mbedtls_sha256_context *)(void *)ctx->opaque;

	mbedtls_sha256_init(c);
	mbedtls_sha256_starts_ret(c, 0);
}

void boot_sha256_update(struct boot_sha256_ctx *ctx, const void *data, size_t len)
{
	mbedtls_sha256_update_ret((mbedtls_sha256_context *)(void *)ctx->opaque, data, len);
}

void boot_sha256_finish(struct boot_sha256_ctx *ctx, uint8_t out[32])
{
	mbedtls_sha256_finish_ret((mbedtls_sha256_context *)(void *)ctx->opaque, out);
}

/*
 * Whole images: the full blocks go to the block function in one call on target (mbedTLS's
 * update would call it once per block), the tail through mbedTLS.
 */
void boot_sha256(const void *data, size_t len, uint8_t out[32])
{
	struct boot_sha256_ctx ctx;

	boot_sha256_start(&ctx);
#ifdef MBEDTLS_SHA256_PROCESS_ALT
	{
		mbedtls_sha256_context *c = (mbedtls_sha256_context *)(void *)ctx.opaque;
		size_t blocks = len / 64;

		boot_sha256_blocks(c->state, data, blocks);
		c->total[0] = (uint32_t)(blocks * 64);
		c->total[1] = (uint32_t)((uint64_t)blocks * 64 >> 32);
		data = (const uint8_t *)data + blocks * 64;
		len -= blocks * 64;
	}
#endif
	boot_sha256_update(&ctx, data, len);
	boot_sha256_finish(&ctx, out);
}

/* RSASSA-PSS with SHA-256 under an RSA-2048 public key (n, e = 65537). */
bool boot_sig_verify(const uint8_t pub[PKG_PUB_SIZE], const uint8_t hash[32],
		     const uint8_t sig[PKG_SIG_SIZE])
{
	static const uint8_t e[] = { 0x01, 0x00, 0x01 };
	mbedtls_rsa_context rsa;
	int ret;

	mbedtls_rsa_init(&rsa, MBEDTLS_RSA_PKCS_V21, MBEDTLS_MD_SHA256);
	ret = mbedtls_rsa_import_raw(&rsa, pub, PKG_PUB_SIZE, NULL, 0, NULL, 0, NULL, 0, e,
				     sizeof(e));
	if (!ret)
		ret = mbedtls_rsa_complete(&rsa);
	if (!ret && mbedtls_rsa_get_len(&rsa) != PKG_SIG_SIZE)
		ret = -1;
	if (!ret)
		ret = mbedtls_rsa_rsassa_pss_verify(&rsa, NULL, NULL, MBEDTLS_RSA_PUBLIC,
						    MBEDTLS_MD_SHA256, 32, hash, sig);
	mbedtls_rsa_free(&rsa);
	arena_used = 0;
	return ret == 0;
}
