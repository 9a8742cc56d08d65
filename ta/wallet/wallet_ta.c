// SPDX-License-Identifier: BSD-3-Clause
/*
 * The wallet TA: entry points and command handling (the commands are in ta_wallet.h). The
 * master key is generated when the single, keep-alive instance is created and is wiped when
 * it is destroyed; each session signs with the key of its client (ta_client.h: the FF-A
 * endpoint that opened it and the GP identity it logged in with, read once at OpenSession
 * and kept as the session context). Every parameter from the client is checked before use.
 */
#include <tee_internal_api.h>
#include <user_ta_header.h>

#include "tessera_mbedtls_config.h" /* the allocation hooks below */
#include "wallet_core.h"

static struct wallet wallet;

/* mbedTLS allocates through these (tessera_mbedtls_config.h). */
void *tessera_mbedtls_calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return TEE_Malloc(count * size, TEE_MALLOC_FILL_ZERO);
}

void tessera_mbedtls_free(void *ptr)
{
	TEE_Free(ptr);
}

TEE_Result TA_CreateEntryPoint(void)
{
	uint8_t key[WALLET_KEY_SIZE];

	if (wallet_self_test() != TEE_SUCCESS) {
		EMSG("HMAC-SHA256 self-test failed: refusing to start");
		return TEE_ERROR_GENERIC;
	}
	TEE_GenerateRandom(key, sizeof(key));
	wallet_init(&wallet, key);
	TEE_MemFill(key, 0, sizeof(key));
	IMSG("HMAC-SHA256 self-test passed; new key generated");
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	wallet_wipe(&wallet);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	struct ta_client *client;
	TEE_Result res;

	(void)params;
	if (paramTypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	client = TEE_Malloc(sizeof(*client), TEE_MALLOC_FILL_ZERO);
	if (!client)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = ta_client_get(client);
	if (res != TEE_SUCCESS) {
		TEE_Free(client);
		return res;
	}
	*sessionContext = client;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	TEE_Free(sessionContext);
}

/* A memref output that must hold need bytes: SHORT_BUFFER with the size the client needs. */
static TEE_Result check_output(TEE_Param *p, size_t need)
{
	if (p->memref.size < need || !p->memref.buffer) {
		p->memref.size = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	return TEE_SUCCESS;
}

static TEE_Result cmd_get_public(const struct ta_client *client, uint32_t types,
				 TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = check_output(&params[0], WALLET_KEY_ID_SIZE);
	if (res != TEE_SUCCESS)
		return res;
	res = wallet_key_id(&wallet, client, params[0].memref.buffer);
	if (res != TEE_SUCCESS)
		return res;
	params[0].memref.size = WALLET_KEY_ID_SIZE;
	params[1].value.a = WALLET_ALG_HMAC_SHA256;
	params[1].value.b = (uint32_t)wallet_signed(&wallet, client); /* its own, no one else's */
	return TEE_SUCCESS;
}

/* A message memref: 1..WALLET_MAX_MESSAGE bytes. */
static bool message_ok(const TEE_Param *p)
{
	return p->memref.buffer && p->memref.size >= 1 && p->memref.size <= WALLET_MAX_MESSAGE;
}

static TEE_Result cmd_sign_payment(const struct ta_client *client, uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS])
{
	uint8_t tag[WALLET_TAG_SIZE];
	uint64_t seq;
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE) ||
	    !message_ok(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	res = check_output(&params[1], WALLET_TAG_SIZE);
	if (res != TEE_SUCCESS)
		return res; /* nothing signed, no sequence number used */
	res =
	    wallet_sign(&wallet, client, params[0].memref.buffer, params[0].memref.size, tag, &seq);
	if (res != TEE_SUCCESS)
		return res;
	TEE_MemMove(params[1].memref.buffer, tag, sizeof(tag));
	params[1].memref.size = sizeof(tag);
	params[2].value.a = (uint32_t)seq;
	params[2].value.b = (uint32_t)(seq >> 32);
	DMSG("signed payment %u (%zu bytes)", (unsigned)seq, params[0].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result cmd_verify(const struct ta_client *client, uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	uint8_t tag[WALLET_TAG_SIZE];
	uint64_t seq;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_NONE) ||
	    !message_ok(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	if (params[1].memref.size != WALLET_TAG_SIZE || !params[1].memref.buffer)
		return TEE_ERROR_MAC_INVALID;
	/* Copy the tag: the client's memory may change while we compare. */
	TEE_MemMove(tag, params[1].memref.buffer, sizeof(tag));
	seq = (uint64_t)params[2].value.a | ((uint64_t)params[2].value.b << 32);
	return wallet_verify(&wallet, client, params[0].memref.buffer, params[0].memref.size, seq,
			     tag, sizeof(tag));
}

/* TEE_Attest into the client's buffer: the token names this TA, its TEE and the boot chain. */
static TEE_Result cmd_attest(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	static uint8_t token[WALLET_TOKEN_MAX];
	uint8_t challenge[64];
	size_t len = sizeof(token);
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    !params[0].memref.buffer || params[0].memref.size > sizeof(challenge))
		return TEE_ERROR_BAD_PARAMETERS;
	/* Copy the challenge: the client's memory may change while the token is made. */
	TEE_MemMove(challenge, params[0].memref.buffer, params[0].memref.size);
	res = TEE_Attest(challenge, params[0].memref.size, token, &len);
	if (res != TEE_SUCCESS)
		return res;
	res = check_output(&params[1], len);
	if (res != TEE_SUCCESS)
		return res;
	TEE_MemMove(params[1].memref.buffer, token, len);
	params[1].memref.size = len;
	DMSG("attested itself (%zu-byte token)", len);
	return TEE_SUCCESS;
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID, uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	const struct ta_client *client = sessionContext;

	switch (commandID) {
	case TA_WALLET_CMD_GET_PUBLIC:
		return cmd_get_public(client, paramTypes, params);
	case TA_WALLET_CMD_SIGN_PAYMENT:
		return cmd_sign_payment(client, paramTypes, params);
	case TA_WALLET_CMD_VERIFY:
		return cmd_verify(client, paramTypes, params);
	case TA_WALLET_CMD_ATTEST:
		return cmd_attest(paramTypes, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
