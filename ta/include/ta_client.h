// SPDX-License-Identifier: BSD-3-Clause
/*
 * Who a session's client is, for TAs that keep data per client (wallet, vault; docs/tas.md
 * "Clients"): the FF-A endpoint that opened the session (tessera.client.endpoint, stamped by
 * the hypervisors: a guest cannot claim another's) and the GP identity it gave at
 * OpenSession (gpd.client.identity: login method and client UUID, as the guest's kernel
 * derived it for its process). Two guests with the same login and UUID are two clients;
 * within a guest, the identity tells its users (USER, GROUP, APPLICATION logins) apart.
 * Every PUBLIC session of a guest is the same client (the UUID of PUBLIC and REE_KERNEL is
 * nil: the trusted OS clears it, and so does ta_client_get, in case another one does not).
 */
#ifndef TA_CLIENT_H
#define TA_CLIENT_H

#include <stdbool.h>
#include <stdint.h>
#include <tee_internal_api.h>
#include <user_ta_header.h>

struct ta_client {
	uint32_t endpoint; /* FF-A ID; 0 where the trusted OS does not provide it */
	TEE_Identity id;
};

static inline bool ta_uuid_equal(const TEE_UUID *a, const TEE_UUID *b)
{
	return a->timeLow == b->timeLow && a->timeMid == b->timeMid &&
	       a->timeHiAndVersion == b->timeHiAndVersion &&
	       !TEE_MemCompare(a->clockSeqAndNode, b->clockSeqAndNode, 8);
}

static inline bool ta_identity_equal(const TEE_Identity *a, const TEE_Identity *b)
{
	return a->login == b->login && ta_uuid_equal(&a->uuid, &b->uuid);
}

static inline bool ta_client_equal(const struct ta_client *a, const struct ta_client *b)
{
	return a->endpoint == b->endpoint && ta_identity_equal(&a->id, &b->id);
}

/* The current session's client; what a trusted OS does not provide counts as 0 / PUBLIC. */
static inline TEE_Result ta_client_get(struct ta_client *c)
{
	TEE_Result res;

	TEE_MemFill(c, 0, sizeof(*c));
	res = TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_ENDPOINT,
				   &c->endpoint);
	if (res != TEE_SUCCESS && res != TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	res = TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_IDENTITY,
					&c->id);
	if (res == TEE_ERROR_ITEM_NOT_FOUND)
		TEE_MemFill(&c->id, 0, sizeof(c->id)); /* PUBLIC */
	else if (res != TEE_SUCCESS)
		return res;
	if (c->id.login == TEE_LOGIN_PUBLIC || c->id.login == TEE_LOGIN_REE_KERNEL)
		TEE_MemFill(&c->id.uuid, 0, sizeof(c->id.uuid));
	return TEE_SUCCESS;
}

#endif /* TA_CLIENT_H */
