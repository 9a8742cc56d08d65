// SPDX-License-Identifier: BSD-3-Clause
/* The vault's blob store (see vault_core.h). */
#include "vault_core.h"

#include <tee_internal_api.h>

void vault_init(struct vault *v)
{
	TEE_MemFill(v, 0, sizeof(*v));
}

void vault_clear(struct vault *v)
{
	vault_init(v); /* no stale secrets left behind */
}

bool vault_name_ok(const char *name, size_t len)
{
	if (!name || len == 0 || len > VAULT_MAX_NAME)
		return false;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '\0')
			return false;
	return true;
}

/* The area of an endpoint, or NULL if it has no blobs. */
static struct vault_client *client_of(const struct vault *v, uint32_t endpoint)
{
	for (size_t i = 0; i < VAULT_MAX_CLIENTS; i++)
		if (v->clients[i].in_use && v->clients[i].endpoint == endpoint)
			return (struct vault_client *)&v->clients[i];
	return NULL;
}

static struct vault_client *client_free_area(struct vault *v)
{
	for (size_t i = 0; i < VAULT_MAX_CLIENTS; i++)
		if (!v->clients[i].in_use)
			return &v->clients[i];
	return NULL;
}

/* The owner's blob of that name in its endpoint's area c (may be NULL), or NULL. */
static struct vault_blob *find(const struct vault_client *c, const TEE_Identity *owner,
			       const char *name, size_t len)
{
	for (size_t i = 0; c && i < c->count; i++) {
		const struct vault_blob *b = &c->blobs[i];

		if (ta_identity_equal(&b->owner, owner) && b->name_len == len &&
		    !TEE_MemCompare(b->name, name, len))
			return (struct vault_blob *)b;
	}
	return NULL;
}

/* Take b's bytes out of the area: later bytes move down, the freed tail is wiped. */
static void remove_bytes(struct vault_client *c, struct vault_blob *b)
{
	size_t end = b->off + b->size;

	TEE_MemMove(c->data + b->off, c->data + end, c->total - end);
	for (size_t i = 0; i < c->count; i++)
		if (c->blobs[i].off >= end)
			c->blobs[i].off -= b->size;
	c->total -= b->size;
	TEE_MemFill(c->data + c->total, 0, b->size);
	b->size = 0;
	b->off = c->total;
}

TEE_Result vault_store(struct vault *v, const struct ta_client *owner, const char *name,
		       size_t name_len, const void *data, size_t size)
{
	struct vault_client *c;
	struct vault_blob *b;
	size_t old_size;

	if (!vault_name_ok(name, name_len) || (size && !data))
		return TEE_ERROR_BAD_PARAMETERS;
	if (size > VAULT_MAX_BLOB_SIZE)
		return TEE_ERROR_EXCESS_DATA;
	c = client_of(v, owner->endpoint);
	b = find(c, &owner->id, name, name_len);
	old_size = b ? b->size : 0;
	if (c &&
	    ((!b && c->count == VAULT_MAX_BLOBS) || c->total - old_size + size > VAULT_MAX_TOTAL))
		return TEE_ERROR_OUT_OF_MEMORY;
	if (!c) {
		c = client_free_area(v);
		if (!c)
			return TEE_ERROR_OUT_OF_MEMORY; /* more clients than a system can have */
		c->in_use = true;
		c->endpoint = owner->endpoint;
	}
	if (b) {
		remove_bytes(c, b);
	} else {
		b = &c->blobs[c->count++];
		b->owner = owner->id;
		TEE_MemMove(b->name, name, name_len);
		b->name_len = name_len;
	}
	b->off = c->total;
	b->size = size;
	if (size)
		TEE_MemMove(c->data + b->off, data, size);
	c->total += size;
	return TEE_SUCCESS;
}

TEE_Result vault_fetch(const struct vault *v, const struct ta_client *owner, const char *name,
		       size_t name_len, void *out, size_t *size)
{
	const struct vault_client *c = client_of(v, owner->endpoint);
	const struct vault_blob *b;

	if (!vault_name_ok(name, name_len))
		return TEE_ERROR_BAD_PARAMETERS;
	b = find(c, &owner->id, name, name_len);
	if (!b)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (*size < b->size || (b->size && !out)) {
		*size = b->size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (b->size)
		TEE_MemMove(out, c->data + b->off, b->size);
	*size = b->size;
	return TEE_SUCCESS;
}

TEE_Result vault_list(const struct vault *v, const struct ta_client *owner, char *out, size_t *size,
		      uint32_t *count)
{
	const struct vault_client *c = client_of(v, owner->endpoint);
	size_t n = c ? c->count : 0;
	size_t need = 0;
	size_t pos = 0;
	uint32_t mine = 0;

	for (size_t i = 0; i < n; i++) {
		if (!ta_identity_equal(&c->blobs[i].owner, &owner->id))
			continue;
		need += c->blobs[i].name_len + 1;
		mine++;
	}
	*count = mine;
	if (*size < need || (need && !out)) {
		*size = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (size_t i = 0; i < n; i++) {
		const struct vault_blob *b = &c->blobs[i];

		if (!ta_identity_equal(&b->owner, &owner->id))
			continue;
		TEE_MemMove(out + pos, b->name, b->name_len);
		pos += b->name_len;
		out[pos++] = '\0';
	}
	*size = need;
	return TEE_SUCCESS;
}

TEE_Result vault_delete(struct vault *v, const struct ta_client *owner, const char *name,
			size_t name_len)
{
	struct vault_client *c = client_of(v, owner->endpoint);
	struct vault_blob *b;
	size_t i;

	if (!vault_name_ok(name, name_len))
		return TEE_ERROR_BAD_PARAMETERS;
	b = find(c, &owner->id, name, name_len);
	if (!b)
		return TEE_ERROR_ITEM_NOT_FOUND;
	remove_bytes(c, b);
	/* Keep store order: close the gap. */
	i = (size_t)(b - c->blobs);
	for (; i + 1 < c->count; i++)
		c->blobs[i] = c->blobs[i + 1];
	c->count--;
	TEE_MemFill(&c->blobs[c->count], 0, sizeof(c->blobs[0]));
	if (c->count == 0)
		TEE_MemFill(c, 0, sizeof(*c)); /* its area is free for another client */
	return TEE_SUCCESS;
}

void vault_usage(const struct vault *v, uint32_t endpoint, size_t *count, size_t *total)
{
	const struct vault_client *c = client_of(v, endpoint);

	*count = c ? c->count : 0;
	*total = c ? c->total : 0;
}
