// SPDX-License-Identifier: BSD-3-Clause
/*
 * The vault TA: entry points and command handling (the commands are in ta_vault.h). Names
 * are copied out of the client's memory before they are checked or used. Each session
 * works on the blobs of its client (ta_client.h): the FF-A endpoint that opened it and the
 * GP identity it logged in with, read once at OpenSession and kept as the session context.
 */
#include <tee_internal_api.h>
#include <user_ta_header.h>

#include "vault_core.h"

static struct vault vault;

TEE_Result TA_CreateEntryPoint(void)
{
	vault_init(&vault);
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
	vault_clear(&vault);
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	struct ta_client *owner;
	TEE_Result res;

	(void)params;
	if (paramTypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	/* The heap holds one of these for each session the trusted OS allows (TA_DATA_SIZE). */
	owner = TEE_Malloc(sizeof(*owner), TEE_MALLOC_FILL_ZERO);
	if (!owner)
		return TEE_ERROR_OUT_OF_MEMORY;
	res = ta_client_get(owner);
	if (res != TEE_SUCCESS) {
		TEE_Free(owner);
		return res;
	}
	*sessionContext = owner;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	TEE_Free(sessionContext);
}

/* Copies a name memref into name[]; false if it cannot be a valid name. */
static bool copy_name(const TEE_Param *p, char name[VAULT_MAX_NAME], size_t *len)
{
	if (!p->memref.buffer || p->memref.size == 0 || p->memref.size > VAULT_MAX_NAME)
		return false;
	*len = p->memref.size;
	TEE_MemMove(name, p->memref.buffer, *len);
	return vault_name_ok(name, *len);
}

static TEE_Result cmd_store(const struct ta_client *owner, uint32_t types,
			    TEE_Param params[TEE_NUM_PARAMS])
{
	char name[VAULT_MAX_NAME];
	size_t len;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_INPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    !copy_name(&params[0], name, &len))
		return TEE_ERROR_BAD_PARAMETERS;
	return vault_store(&vault, owner, name, len, params[1].memref.buffer,
			   params[1].memref.size);
}

static TEE_Result cmd_list(const struct ta_client *owner, uint32_t types,
			   TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t count;
	TEE_Result res;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_OUTPUT, TEE_PARAM_TYPE_VALUE_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res = vault_list(&vault, owner, params[0].memref.buffer, &params[0].memref.size, &count);
	params[1].value.a = count;
	params[1].value.b = 0;
	return res;
}

static TEE_Result cmd_fetch(const struct ta_client *owner, uint32_t types,
			    TEE_Param params[TEE_NUM_PARAMS])
{
	char name[VAULT_MAX_NAME];
	size_t len;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    !copy_name(&params[0], name, &len))
		return TEE_ERROR_BAD_PARAMETERS;
	return vault_fetch(&vault, owner, name, len, params[1].memref.buffer,
			   &params[1].memref.size);
}

static TEE_Result cmd_delete(const struct ta_client *owner, uint32_t types,
			     TEE_Param params[TEE_NUM_PARAMS])
{
	char name[VAULT_MAX_NAME];
	size_t len;

	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_NONE,
				     TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE) ||
	    !copy_name(&params[0], name, &len))
		return TEE_ERROR_BAD_PARAMETERS;
	return vault_delete(&vault, owner, name, len);
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID, uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	const struct ta_client *owner = sessionContext;

	switch (commandID) {
	case TA_VAULT_CMD_STORE:
		return cmd_store(owner, paramTypes, params);
	case TA_VAULT_CMD_LIST:
		return cmd_list(owner, paramTypes, params);
	case TA_VAULT_CMD_FETCH:
		return cmd_fetch(owner, paramTypes, params);
	case TA_VAULT_CMD_DELETE:
		return cmd_delete(owner, paramTypes, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}
