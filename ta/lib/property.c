// SPDX-License-Identifier: BSD-3-Clause
/*
 * The minimal GP property API: the three pseudo property sets (current TA,
 * current client, TEE implementation), no enumerators. Each property has
 * one type; TEE_GetPropertyAsString works on every property (GP §4.4: all
 * properties convert to strings), the other getters only on their type
 * (TEE_ERROR_BAD_FORMAT otherwise). An unknown property set handle panics.
 * The client's identity (gpd.client.identity, type Identity) and endpoint
 * come from the trusted OS (TA_SYS_CLIENT_ID) at each request.
 */
#include <string.h>
#include <tee_internal_api.h>
#include <user_ta_header.h>

#include "syscall.h"
#include "ta_lib.h"

enum prop_type {
	PROP_BOOL,
	PROP_U32,
	PROP_STRING,
	PROP_UUID,
	PROP_IDENTITY /* u32 = login, uuid */
};

struct prop_value {
	enum prop_type type;
	bool b;
	uint32_t u32;
	const char *str;
	TEE_UUID uuid;
};

/* RFC 4122 octets (time fields big-endian) into a TEE_UUID. */
static void uuid_from_octets(const uint8_t o[16], TEE_UUID *u)
{
	u->timeLow = (uint32_t)o[0] << 24 | (uint32_t)o[1] << 16 | (uint32_t)o[2] << 8 | o[3];
	u->timeMid = (uint16_t)(o[4] << 8 | o[5]);
	u->timeHiAndVersion = (uint16_t)(o[6] << 8 | o[7]);
	memcpy(u->clockSeqAndNode, o + 8, 8);
}

/* The TEE's own identity (gpd.tee.deviceID): fixed for this implementation. */
static const TEE_UUID tee_device_id = {
	0x7e55e4a0, 0x540c, 0x4b11, { 0x9a, 0x3d, 0x1c, 0x0d, 0xe5, 0x7e, 0x55, 0x00 }
};

static bool ta_prop(const char *name, struct prop_value *v)
{
	uint32_t f = ta_props.flags;

	if (!strcmp(name, TA_PROP_STR_UUID))
		*v = (struct prop_value){ .type = PROP_UUID, .uuid = *ta_props.uuid };
	else if (!strcmp(name, TA_PROP_STR_SINGLE_INSTANCE))
		*v = (struct prop_value){ .type = PROP_BOOL, .b = f & TA_FLAG_SINGLE_INSTANCE };
	else if (!strcmp(name, TA_PROP_STR_MULTI_SESSION))
		*v = (struct prop_value){ .type = PROP_BOOL, .b = f & TA_FLAG_MULTI_SESSION };
	else if (!strcmp(name, TA_PROP_STR_KEEP_ALIVE))
		*v = (struct prop_value){ .type = PROP_BOOL, .b = f & TA_FLAG_INSTANCE_KEEP_ALIVE };
	else if (!strcmp(name, TA_PROP_STR_DATA_SIZE))
		*v = (struct prop_value){ .type = PROP_U32, .u32 = ta_props.data_size };
	else if (!strcmp(name, TA_PROP_STR_STACK_SIZE))
		*v = (struct prop_value){ .type = PROP_U32, .u32 = ta_props.stack_size };
	else if (!strcmp(name, TA_PROP_STR_VERSION))
		*v = (struct prop_value){ .type = PROP_STRING, .str = ta_props.version };
	else if (!strcmp(name, TA_PROP_STR_DESCRIPTION))
		*v = (struct prop_value){ .type = PROP_STRING, .str = ta_props.description };
	else
		return false;
	return true;
}

static bool client_prop(const char *name, struct prop_value *v)
{
	struct ta_client_id id;

	if (!strcmp(name, "gpd.client.endian")) {
		*v = (struct prop_value){ .type = PROP_U32, .u32 = 0 }; /* little-endian */
		return true;
	}
	if (strcmp(name, TEE_PROP_STR_CLIENT_IDENTITY) &&
	    strcmp(name, TEE_PROP_STR_CLIENT_ENDPOINT))
		return false;
	if (ta_syscall(TA_SYS_CLIENT_ID, (uintptr_t)&id, 0, 0).x0 != TEE_SUCCESS)
		return false;
	if (!strcmp(name, TEE_PROP_STR_CLIENT_ENDPOINT)) {
		*v = (struct prop_value){ .type = PROP_U32, .u32 = id.endpoint };
		return true;
	}
	*v = (struct prop_value){ .type = PROP_IDENTITY, .u32 = id.login };
	uuid_from_octets(id.uuid, &v->uuid);
	return true;
}

static bool tee_prop(const char *name, struct prop_value *v)
{
	if (!strcmp(name, TEE_PROP_STR_API_VERSION))
		*v = (struct prop_value){ .type = PROP_STRING, .str = "1.3.1" };
	else if (!strcmp(name, TEE_PROP_STR_DESCRIPTION))
		*v = (struct prop_value){ .type = PROP_STRING, .str = "Tessera trusted OS" };
	else if (!strcmp(name, TEE_PROP_STR_DEVICE_ID))
		*v = (struct prop_value){ .type = PROP_UUID, .uuid = tee_device_id };
	else if (!strcmp(name, "gpd.tee.internalCore.version"))
		*v = (struct prop_value){ .type = PROP_U32, .u32 = 0x01030100 };
	else if (!strcmp(name, "gpd.tee.systemTime.protectionLevel"))
		*v = (struct prop_value){ .type = PROP_U32, .u32 = 100 }; /* REE-controlled */
	else
		return false;
	return true;
}

/* Look a property up; ITEM_NOT_FOUND if absent. Bad handles panic (GP). */
static TEE_Result lookup(TEE_PropSetHandle set, const char *name, struct prop_value *v)
{
	bool found;

	if (!name)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (set == TEE_PROPSET_CURRENT_TA)
		found = ta_prop(name, v);
	else if (set == TEE_PROPSET_CURRENT_CLIENT)
		found = client_prop(name, v);
	else if (set == TEE_PROPSET_TEE_IMPLEMENTATION)
		found = tee_prop(name, v);
	else
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return found ? TEE_SUCCESS : TEE_ERROR_ITEM_NOT_FOUND;
}

static char *put_hex(char *p, uint32_t v, unsigned digits)
{
	static const char hex[] = "0123456789abcdef";

	for (unsigned i = 0; i < digits; i++)
		*p++ = hex[(v >> (4 * (digits - 1 - i))) & 0xf];
	return p;
}

static char *put_uuid(char *p, const TEE_UUID *u)
{
	p = put_hex(p, u->timeLow, 8);
	*p++ = '-';
	p = put_hex(p, u->timeMid, 4);
	*p++ = '-';
	p = put_hex(p, u->timeHiAndVersion, 4);
	*p++ = '-';
	for (unsigned i = 0; i < 8; i++) {
		if (i == 2)
			*p++ = '-';
		p = put_hex(p, u->clockSeqAndNode[i], 2);
	}
	return p;
}

static char *put_dec(char *p, uint32_t v)
{
	char tmp[10];
	unsigned n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* The string form of a property into buf (at least 48 bytes); its length. */
static size_t to_string(const struct prop_value *v, char *buf)
{
	char *p = buf;

	switch (v->type) {
	case PROP_BOOL:
		p = put_str(p, v->b ? "true" : "false");
		break;
	case PROP_U32:
		p = put_dec(p, v->u32);
		break;
	case PROP_STRING: /* served directly by TEE_GetPropertyAsString */
		break;
	case PROP_IDENTITY: /* GP: "<login as an integer>:<uuid>" */
		p = put_dec(p, v->u32);
		*p++ = ':';
		p = put_uuid(p, &v->uuid);
		break;
	case PROP_UUID:
		p = put_uuid(p, &v->uuid);
		break;
	}
	*p = 0;
	return (size_t)(p - buf);
}

TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				   char *valueBuffer, size_t *valueBufferLen)
{
	struct prop_value v = { 0 };
	char tmp[96];
	const char *s = tmp;
	size_t len;
	TEE_Result r = lookup(propsetOrEnumerator, name, &v);

	if (r != TEE_SUCCESS)
		return r;
	if (v.type == PROP_STRING) {
		s = v.str;
		len = strlen(v.str);
	} else {
		len = to_string(&v, tmp);
	}
	if (!valueBufferLen)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	if (!valueBuffer || *valueBufferLen < len + 1) {
		*valueBufferLen = len + 1;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(valueBuffer, s, len + 1);
	*valueBufferLen = len + 1;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 bool *value)
{
	struct prop_value v = { 0 };
	TEE_Result r = lookup(propsetOrEnumerator, name, &v);

	if (r != TEE_SUCCESS)
		return r;
	if (v.type != PROP_BOOL)
		return TEE_ERROR_BAD_FORMAT;
	*value = v.b;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				uint32_t *value)
{
	struct prop_value v = { 0 };
	TEE_Result r = lookup(propsetOrEnumerator, name, &v);

	if (r != TEE_SUCCESS)
		return r;
	if (v.type != PROP_U32)
		return TEE_ERROR_BAD_FORMAT;
	*value = v.u32;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 TEE_UUID *value)
{
	struct prop_value v = { 0 };
	TEE_Result r = lookup(propsetOrEnumerator, name, &v);

	if (r != TEE_SUCCESS)
		return r;
	if (v.type != PROP_UUID)
		return TEE_ERROR_BAD_FORMAT;
	*value = v.uuid;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				     TEE_Identity *value)
{
	struct prop_value v = { 0 };
	TEE_Result r = lookup(propsetOrEnumerator, name, &v);

	if (r != TEE_SUCCESS)
		return r;
	if (v.type != PROP_IDENTITY)
		return TEE_ERROR_BAD_FORMAT;
	value->login = v.u32;
	value->uuid = v.uuid;
	return TEE_SUCCESS;
}
