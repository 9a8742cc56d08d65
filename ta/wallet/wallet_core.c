// SPDX-License-Identifier: BSD-3-Clause
/* The wallet's message authentication with mbedTLS HMAC-SHA256 (see wallet_core.h). */
#include "wallet_core.h"

#include <mbedtls/constant_time.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <tee_api_defines.h>

#define KEY_ID_LABEL "tessera-wallet-key-id"

void wallet_init(struct wallet *w, const uint8_t key[WALLET_KEY_SIZE])
{
	for (size_t i = 0; i < WALLET_KEY_SIZE; i++)
		w->key[i] = key[i];
	w->next_seq = 0;
}

void wallet_wipe(struct wallet *w)
{
	mbedtls_platform_zeroize(w, sizeof(*w));
}

TEE_Result wallet_hmac(const uint8_t *key, size_t key_len, const uint8_t *prefix, size_t prefix_len,
		       const uint8_t *msg, size_t msg_len, uint8_t tag[WALLET_TAG_SIZE])
{
	const mbedtls_md_info_t *sha256 = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
	mbedtls_md_context_t ctx;
	TEE_Result res = TEE_ERROR_GENERIC;
	int rc;

	mbedtls_md_init(&ctx);
	rc = mbedtls_md_setup(&ctx, sha256, 1);
	if (rc == MBEDTLS_ERR_MD_ALLOC_FAILED) {
		res = TEE_ERROR_OUT_OF_MEMORY;
		goto out;
	}
	if (rc || mbedtls_md_hmac_starts(&ctx, key, key_len) ||
	    mbedtls_md_hmac_update(&ctx, prefix, prefix_len) ||
	    mbedtls_md_hmac_update(&ctx, msg, msg_len) || mbedtls_md_hmac_finish(&ctx, tag))
		goto out;
	res = TEE_SUCCESS;
out:
	mbedtls_md_free(&ctx); /* also wipes the keyed state */
	return res;
}

TEE_Result wallet_key_id(const struct wallet *w, uint8_t id[WALLET_KEY_ID_SIZE])
{
	return wallet_hmac(w->key, sizeof(w->key), NULL, 0, (const uint8_t *)KEY_ID_LABEL,
			   sizeof(KEY_ID_LABEL) - 1, id);
}

/* The sequence number as 8 little-endian bytes: the tagged prefix. */
static void seq_bytes(uint64_t seq, uint8_t out[8])
{
	for (int i = 0; i < 8; i++)
		out[i] = (uint8_t)(seq >> (8 * i));
}

TEE_Result wallet_sign(struct wallet *w, const uint8_t *msg, size_t msg_len,
		       uint8_t tag[WALLET_TAG_SIZE], uint64_t *seq)
{
	uint8_t prefix[8];
	TEE_Result res;

	seq_bytes(w->next_seq, prefix);
	res = wallet_hmac(w->key, sizeof(w->key), prefix, sizeof(prefix), msg, msg_len, tag);
	if (res != TEE_SUCCESS)
		return res;
	*seq = w->next_seq++;
	return TEE_SUCCESS;
}

TEE_Result wallet_verify(const struct wallet *w, const uint8_t *msg, size_t msg_len, uint64_t seq,
			 const uint8_t *tag, size_t tag_len)
{
	uint8_t prefix[8];
	uint8_t expected[WALLET_TAG_SIZE];
	TEE_Result res;

	if (tag_len != WALLET_TAG_SIZE || seq >= w->next_seq)
		return TEE_ERROR_MAC_INVALID; /* never issued: no valid tag can exist */
	seq_bytes(seq, prefix);
	res = wallet_hmac(w->key, sizeof(w->key), prefix, sizeof(prefix), msg, msg_len, expected);
	if (res != TEE_SUCCESS)
		return res;
	res =
	    mbedtls_ct_memcmp(expected, tag, WALLET_TAG_SIZE) ? TEE_ERROR_MAC_INVALID : TEE_SUCCESS;
	mbedtls_platform_zeroize(expected, sizeof(expected));
	return res;
}
