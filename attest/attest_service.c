// SPDX-License-Identifier: BSD-3-Clause
/*
 * attest_handle() (attest_service.h). The request is copied out of the caller's page once
 * and checked there, so the caller cannot change it while the SPMC reads it; the token is
 * built in the SPMC's own memory and copied into the page only whole.
 */
#include "attest_service.h"

#include <abi/attest.h>
#include <abi/ffa.h>
#include <lib/string.h>

#define PAGE 4096u

static uint8_t token_buf[ATTEST_TOKEN_MAX];
static uint8_t scratch[2 * ATTEST_TOKEN_MAX];

/* Version, sizes, MBZ fields, and no bytes past the challenge (they would be ignored). */
static bool request_ok(const struct attest_req *r)
{
	if (r->version != ATTEST_REQ_VERSION || r->reserved != 0 ||
	    r->challenge_len < ATTEST_CHALLENGE_MIN || r->challenge_len > ATTEST_CHALLENGE_MAX)
		return false;
	for (uint32_t i = r->challenge_len; i < sizeof(r->challenge); i++)
		if (r->challenge[i])
			return false;
	return true;
}

/* The claims: identity from `who`, platform and TEE measurements from the log, TA from `r`. */
static bool claims(const struct attest_device *dev, const struct attest_caller *who,
		   const struct attest_req *r, struct attest_claims *c)
{
	struct attest_component *ta;

	if (!attest_components_from_log(dev->log, who->ffa_id, c))
		return false;
	c->challenge = r->challenge;
	c->challenge_len = r->challenge_len;
	c->ueid = dev->ueid;
	c->impl_id = dev->impl_id;
	c->client_id = who->ffa_id;
	c->partition_name = who->name;
	c->partition_uuid = who->uuid;
	c->ta_uuid = r->ta_uuid;
	ta = &c->comp[c->comp_count++];
	memset(ta->type, 0, sizeof(ta->type));
	memcpy(ta->type, "ta", 2);
	ta->value = r->ta_measurement;
	ta->svn = r->ta_svn;
	ta->signer_id = NULL;
	return true;
}

int32_t attest_handle(const struct attest_device *dev, const struct attest_caller *who,
		      uint64_t ipa, uint64_t room, attest_map_fn map, void *map_ctx,
		      uint64_t *token_len)
{
	struct attest_claims c;
	struct attest_req r;
	uint8_t *page;
	size_t len;

	if (ipa % PAGE != 0 || room < sizeof(r) || room > PAGE)
		return FFA_RET_INVALID_PARAMETERS;
	page = map(map_ctx, ipa);
	if (!page)
		return FFA_RET_INVALID_PARAMETERS;
	memcpy(&r, page, sizeof(r));
	if (!request_ok(&r))
		return FFA_RET_INVALID_PARAMETERS;
	if (!dev->ueid || !claims(dev, who, &r, &c))
		return FFA_RET_DENIED;
	len = attest_token_encode(&c, dev->sign, dev->sign_ctx, token_buf, sizeof(token_buf),
				  scratch);
	if (len == 0)
		return FFA_RET_ABORTED;
	if (len > room)
		return FFA_RET_NO_MEMORY;
	memcpy(page, token_buf, len);
	*token_len = len;
	return 0;
}
