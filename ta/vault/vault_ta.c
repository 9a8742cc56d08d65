// SPDX-License-Identifier: BSD-3-Clause
/*
 * The vault TA: entry points and command handling (the commands are in ta_vault.h). Names
 * are copied out of the client's memory before they are checked or used. Each session
 * works on the blobs of its client: the owner is the FF-A endpoint that opened it
 * (TEE_PROP_STR_CLIENT_ENDPOINT), or 0 for all clients if the trusted OS does not say.
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
	uint32_t owner = 0;
	TEE_Result res;

	(void)params;
	if (paramTypes != TEE_PARAM_TYPES(TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,
					  TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	res =
	    TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_ENDPOINT, &owner);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		owner = 0; /* no endpoint identity: one namespace for all */
	else if (res != TEE_SUCCESS)
		return res;
	/* The session context is the owner itself, no allocation. */
	*sessionContext = (void *)(uintptr_t)owner;
	return TEE_SUCCESS;
}

static uint32_t owner_of(void *sessionContext)
{
	return (uint32_t)(uintptr_t)sessionContext;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	(void)sessionContext;
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

static TEE_Result cmd_store(uint32_t owner, uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
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

static TEE_Result cmd_list(uint32_t owner, uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
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

static TEE_Result cmd_fetch(uint32_t owner, uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
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

static TEE_Result cmd_delete(uint32_t owner, uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
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
	uint32_t owner = owner_of(sessionContext);

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
