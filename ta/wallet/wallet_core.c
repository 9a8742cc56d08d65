// SPDX-License-Identifier: BSD-3-Clause
/* The wallet's message authentication with mbedTLS HMAC-SHA256 (see wallet_core.h). */
#include "wallet_core.h"

#include <mbedtls/constant_time.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <tee_api_defines.h>

#define KEY_ID_LABEL	 "tessera-wallet-key-id"

#define CLIENT_KEY_LABEL "tessera-wallet-client-key"

void wallet_init(struct wallet *w, const uint8_t master[WALLET_KEY_SIZE])
{
	for (size_t i = 0; i < WALLET_KEY_SIZE; i++)
		w->master[i] = master[i];
	for (size_t i = 0; i < WALLET_MAX_CLIENTS; i++)
		w->clients[i] = (struct wallet_client){ 0 };
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

/* RFC 4231 §4.3 (test case 2) and §4.5 (test case 4), HMAC-SHA-256. */
static const uint8_t kat2_tag[WALLET_TAG_SIZE] = { 0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e,
						   0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
						   0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
						   0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43 };
static const uint8_t kat4_tag[WALLET_TAG_SIZE] = { 0x82, 0x55, 0x8a, 0x38, 0x9a, 0x44, 0x3c, 0x0e,
						   0xa4, 0xcc, 0x81, 0x98, 0x99, 0xf2, 0x08, 0x3a,
						   0x85, 0xf0, 0xfa, 0xa3, 0xe5, 0x78, 0xf8, 0x07,
						   0x7a, 0x2e, 0x3f, 0xf4, 0x67, 0x29, 0x66, 0x5b };

static bool kat_ok(const uint8_t *key, size_t key_len, const uint8_t *msg, size_t msg_len,
		   const uint8_t expected[WALLET_TAG_SIZE])
{
	uint8_t tag[WALLET_TAG_SIZE];

	return wallet_hmac(key, key_len, NULL, 0, msg, msg_len, tag) == TEE_SUCCESS &&
	       !mbedtls_ct_memcmp(tag, expected, WALLET_TAG_SIZE);
}

TEE_Result wallet_self_test(void)
{
	static const char msg2[] = "what do ya want for nothing?";
	uint8_t key4[25];
	uint8_t msg4[50];

	for (size_t i = 0; i < sizeof(key4); i++)
		key4[i] = (uint8_t)(i + 1);
	for (size_t i = 0; i < sizeof(msg4); i++)
		msg4[i] = 0xcd;
	if (!kat_ok((const uint8_t *)"Jefe", 4, (const uint8_t *)msg2, sizeof(msg2) - 1,
		    kat2_tag) ||
	    !kat_ok(key4, sizeof(key4), msg4, sizeof(msg4), kat4_tag))
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

/* Little-endian bytes of v: the fixed encodings of the endpoint, login and sequence number. */
static void le_bytes(uint64_t v, uint8_t *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (uint8_t)(v >> (8 * i));
}

/* Big-endian bytes of v: the UUID's time fields in RFC 4122 order. */
static void be_bytes(uint32_t v, uint8_t *out, int n)
{
	for (int i = 0; i < n; i++)
		out[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}

/* The client's fixed 24-byte encoding: endpoint LE, login LE, UUID octets. */
static void client_bytes(const struct ta_client *c, uint8_t out[24])
{
	le_bytes(c->endpoint, out, 4);
	le_bytes(c->id.login, out + 4, 4);
	be_bytes(c->id.uuid.timeLow, out + 8, 4);
	be_bytes(c->id.uuid.timeMid, out + 12, 2);
	be_bytes(c->id.uuid.timeHiAndVersion, out + 14, 2);
	for (int i = 0; i < 8; i++)
		out[16 + i] = c->id.uuid.clockSeqAndNode[i];
}

TEE_Result wallet_client_key(const struct wallet *w, const struct ta_client *client,
			     uint8_t key[WALLET_KEY_SIZE])
{
	uint8_t who[24];

	client_bytes(client, who);
	return wallet_hmac(w->master, sizeof(w->master), (const uint8_t *)CLIENT_KEY_LABEL,
			   sizeof(CLIENT_KEY_LABEL) - 1, who, sizeof(who), key);
}

TEE_Result wallet_key_id(const struct wallet *w, const struct ta_client *client,
			 uint8_t id[WALLET_KEY_ID_SIZE])
{
	uint8_t key[WALLET_KEY_SIZE];
	TEE_Result res = wallet_client_key(w, client, key);

	if (res == TEE_SUCCESS)
		res = wallet_hmac(key, sizeof(key), NULL, 0, (const uint8_t *)KEY_ID_LABEL,
				  sizeof(KEY_ID_LABEL) - 1, id);
	mbedtls_platform_zeroize(key, sizeof(key));
	return res;
}

/* The client's tag of (seq, msg). */
static TEE_Result client_tag(const struct wallet *w, const struct ta_client *client, uint64_t seq,
			     const uint8_t *msg, size_t msg_len, uint8_t tag[WALLET_TAG_SIZE])
{
	uint8_t key[WALLET_KEY_SIZE];
	uint8_t prefix[8];
	TEE_Result res = wallet_client_key(w, client, key);

	le_bytes(seq, prefix, sizeof(prefix));
	if (res == TEE_SUCCESS)
		res = wallet_hmac(key, sizeof(key), prefix, sizeof(prefix), msg, msg_len, tag);
	mbedtls_platform_zeroize(key, sizeof(key));
	return res;
}

/* The counters of an endpoint, or NULL if none of its clients has signed yet. */
static struct wallet_client *endpoint_of(const struct wallet *w, uint32_t endpoint)
{
	for (size_t i = 0; i < WALLET_MAX_CLIENTS; i++)
		if (w->clients[i].in_use && w->clients[i].endpoint == endpoint)
			return (struct wallet_client *)&w->clients[i];
	return NULL;
}

/* The client's counter, or NULL if it has not signed yet. */
static struct wallet_counter *counter_of(const struct wallet *w, const struct ta_client *client)
{
	struct wallet_client *e = endpoint_of(w, client->endpoint);

	for (size_t i = 0; e && i < WALLET_IDS_PER_CLIENT; i++)
		if (e->ids[i].in_use && ta_identity_equal(&e->ids[i].id, &client->id))
			return &e->ids[i];
	return NULL;
}

uint64_t wallet_signed(const struct wallet *w, const struct ta_client *client)
{
	const struct wallet_counter *c = counter_of(w, client);

	return c ? c->next_seq : 0;
}

/* The endpoint's group of counters, taken at its first signature; NULL if none is free. */
static struct wallet_client *endpoint_for(struct wallet *w, uint32_t endpoint)
{
	struct wallet_client *e = endpoint_of(w, endpoint);

	for (size_t i = 0; !e && i < WALLET_MAX_CLIENTS; i++) {
		if (!w->clients[i].in_use) {
			e = &w->clients[i];
			*e = (struct wallet_client){ .in_use = true, .endpoint = endpoint };
		}
	}
	return e;
}

/* The client's counter, made at its first signature; never freed while the key lives. */
static struct wallet_counter *counter_for(struct wallet *w, const struct ta_client *client)
{
	struct wallet_counter *c = counter_of(w, client);
	struct wallet_client *e = c ? NULL : endpoint_for(w, client->endpoint);

	for (size_t i = 0; e && !c && i < WALLET_IDS_PER_CLIENT; i++) {
		if (!e->ids[i].in_use) {
			c = &e->ids[i];
			*c = (struct wallet_counter){ .in_use = true, .id = client->id };
		}
	}
	return c;
}

TEE_Result wallet_sign(struct wallet *w, const struct ta_client *client, const uint8_t *msg,
		       size_t msg_len, uint8_t tag[WALLET_TAG_SIZE], uint64_t *seq)
{
	uint64_t next = wallet_signed(w, client);
	struct wallet_counter *c;
	TEE_Result res = client_tag(w, client, next, msg, msg_len, tag);

	if (res != TEE_SUCCESS)
		return res;
	c = counter_for(w, client);
	if (!c) {
		mbedtls_platform_zeroize(tag, WALLET_TAG_SIZE);
		return TEE_ERROR_OUT_OF_MEMORY;
	}
	*seq = c->next_seq++;
	return TEE_SUCCESS;
}

TEE_Result wallet_verify(const struct wallet *w, const struct ta_client *client, const uint8_t *msg,
			 size_t msg_len, uint64_t seq, const uint8_t *tag, size_t tag_len)
{
	uint8_t expected[WALLET_TAG_SIZE];
	TEE_Result res;

	if (tag_len != WALLET_TAG_SIZE || seq >= wallet_signed(w, client))
		return TEE_ERROR_MAC_INVALID; /* never issued to it: no valid tag can exist */
	res = client_tag(w, client, seq, msg, msg_len, expected);
	if (res != TEE_SUCCESS)
		return res;
	res =
	    mbedtls_ct_memcmp(expected, tag, WALLET_TAG_SIZE) ? TEE_ERROR_MAC_INVALID : TEE_SUCCESS;
	mbedtls_platform_zeroize(expected, sizeof(expected));
	return res;
}
