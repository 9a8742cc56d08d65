// SPDX-License-Identifier: BSD-3-Clause
/*
 * The device attestation key (attest_key.h) with mbedTLS: HKDF-SHA256 of the device secret
 * gives 32 bytes X, the private scalar is d = X mod (n - 1) + 1 (never 0, bias 2^-128), the
 * public key Q = d·G. Signing is deterministic ECDSA (RFC 6979): the nonce comes from d and the
 * message, so no entropy source is needed; the scalar multiplication's blinding draws from an
 * HMAC_DRBG seeded with the same secret material. mbedTLS allocates from a static arena.
 * Built into the monitor (EL3) and into the host tests.
 */
#include "attest_key.h"

#include <lib/print.h>
#include <lib/string.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/hkdf.h>
#include <mbedtls/hmac_drbg.h>
#include <mbedtls/md.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/platform_util.h>
#include <stdbool.h>

static unsigned char arena[16 * 1024] __attribute__((aligned(16)));
static mbedtls_ecp_group grp;
static mbedtls_mpi d;
static mbedtls_ecp_point q;
static uint8_t blind_seed[32]; /* seeds the blinding DRBG: HKDF output, never the key */
static uint8_t pub[65];
static int ready;

void attest_mbedtls_exit(int status)
{
	panic("attest: mbedTLS's allocator failed (%d)", status);
}

/* The deterministic DRBG mbedTLS's blinding reads (ecp_mul and the signature's inversion). */
static int blind_rng(void *ctx, unsigned char *out, size_t len)
{
	return mbedtls_hmac_drbg_random(ctx, out, len);
}

static int derive(const uint8_t secret[ATTEST_SECRET_LEN], uint8_t okm[64])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);

	return mbedtls_hkdf(md, (const unsigned char *)ATTEST_HKDF_SALT,
			    sizeof(ATTEST_HKDF_SALT) - 1, secret, ATTEST_SECRET_LEN,
			    (const unsigned char *)ATTEST_HKDF_INFO, sizeof(ATTEST_HKDF_INFO) - 1,
			    okm, 64);
}

/* d = X mod (n - 1) + 1 from the first 32 bytes of HKDF output. */
static int scalar(const uint8_t x[32])
{
	mbedtls_mpi n1;
	int rc;

	mbedtls_mpi_init(&n1);
	rc = mbedtls_mpi_read_binary(&d, x, 32);
	if (!rc)
		rc = mbedtls_mpi_sub_int(&n1, &grp.N, 1);
	if (!rc)
		rc = mbedtls_mpi_mod_mpi(&d, &d, &n1);
	if (!rc)
		rc = mbedtls_mpi_add_int(&d, &d, 1);
	mbedtls_mpi_free(&n1);
	return rc;
}

/* Q = d·G and its uncompressed encoding. */
static int public_key(void)
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	mbedtls_hmac_drbg_context drbg;
	size_t len;
	int rc;

	mbedtls_hmac_drbg_init(&drbg);
	rc = mbedtls_hmac_drbg_seed_buf(&drbg, md, blind_seed, sizeof(blind_seed));
	if (!rc)
		rc = mbedtls_ecp_mul(&grp, &q, &d, &grp.G, blind_rng, &drbg);
	mbedtls_hmac_drbg_free(&drbg);
	if (!rc)
		rc = mbedtls_ecp_point_write_binary(&grp, &q, MBEDTLS_ECP_PF_UNCOMPRESSED, &len,
						    pub, sizeof(pub));
	return rc;
}

/*
 * A secret of one repeated byte is flash that was never provisioned (mkpkg leaves the sector
 * zero, an erased sector reads 0xff): a key derived from it is anyone's, so there is no key.
 */
static bool provisioned(const uint8_t secret[ATTEST_SECRET_LEN])
{
	uint8_t diff = 0;

	for (size_t i = 1; i < ATTEST_SECRET_LEN; i++)
		diff |= secret[i] ^ secret[0];
	return diff != 0;
}

int attest_key_init(const uint8_t secret[ATTEST_SECRET_LEN])
{
	uint8_t okm[64];
	int rc;

	if (!provisioned(secret))
		return -1;
	if (ready)
		return 0;
	mbedtls_memory_buffer_alloc_init(arena, sizeof(arena));
	mbedtls_ecp_group_init(&grp);
	mbedtls_mpi_init(&d);
	mbedtls_ecp_point_init(&q);
	rc = derive(secret, okm);
	memcpy(blind_seed, okm + 32, sizeof(blind_seed));
	if (!rc)
		rc = mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1);
	if (!rc)
		rc = scalar(okm);
	mbedtls_platform_zeroize(okm, sizeof(okm));
	if (!rc)
		rc = public_key();
	ready = rc == 0;
	return rc;
}

const uint8_t *attest_key_public(void)
{
	return ready ? pub : NULL;
}

int attest_key_sign_hash(const uint8_t hash[32], uint8_t sig[64])
{
	const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	mbedtls_hmac_drbg_context drbg;
	mbedtls_mpi r, s;
	int rc;

	if (!ready)
		return -1;
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	mbedtls_hmac_drbg_init(&drbg);
	/* The blinding DRBG is seeded per message (seed, then the hash): deterministic, unknown. */
	rc = mbedtls_hmac_drbg_seed_buf(&drbg, md, blind_seed, sizeof(blind_seed));
	if (!rc)
		rc = mbedtls_hmac_drbg_update_ret(&drbg, hash, 32);
	if (!rc)
		rc = mbedtls_ecdsa_sign_det_ext(&grp, &r, &s, &d, hash, 32, MBEDTLS_MD_SHA256,
						blind_rng, &drbg);
	if (!rc)
		rc = mbedtls_mpi_write_binary(&r, sig, 32);
	if (!rc)
		rc = mbedtls_mpi_write_binary(&s, sig + 32, 32);
	mbedtls_hmac_drbg_free(&drbg);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	return rc;
}
