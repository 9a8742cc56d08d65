// SPDX-License-Identifier: BSD-3-Clause
/* The vault's blob table (see vault_core.h). */
#include "vault_core.h"

#include <tee_internal_api.h>

void vault_init(struct vault *v)
{
	TEE_MemFill(v, 0, sizeof(*v));
}

void vault_clear(struct vault *v)
{
	for (size_t i = 0; i < v->count; i++) {
		struct vault_blob *b = &v->blobs[i];

		if (b->data)
			TEE_MemFill(b->data, 0, b->size); /* no stale secrets in freed heap */
		TEE_Free(b->data);
	}
	vault_init(v);
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

static struct vault_blob *find(const struct vault *v, uint32_t owner, const char *name, size_t len)
{
	for (size_t i = 0; i < v->count; i++) {
		const struct vault_blob *b = &v->blobs[i];

		if (b->owner == owner && b->name_len == len && !TEE_MemCompare(b->name, name, len))
			return (struct vault_blob *)b;
	}
	return NULL;
}

TEE_Result vault_store(struct vault *v, uint32_t owner, const char *name, size_t name_len,
		       const void *data, size_t size)
{
	struct vault_blob *b;
	uint8_t *copy = NULL;
	size_t old_size;

	if (!vault_name_ok(name, name_len) || (size && !data))
		return TEE_ERROR_BAD_PARAMETERS;
	if (size > VAULT_MAX_BLOB_SIZE)
		return TEE_ERROR_EXCESS_DATA;
	b = find(v, owner, name, name_len);
	old_size = b ? b->size : 0;
	if ((!b && v->count == VAULT_MAX_BLOBS) || v->total - old_size + size > VAULT_MAX_TOTAL)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (size) {
		copy = TEE_Malloc(size, TEE_MALLOC_NO_FILL);
		if (!copy)
			return TEE_ERROR_OUT_OF_MEMORY;
		TEE_MemMove(copy, data, size);
	}
	if (b) {
		TEE_Free(b->data);
	} else {
		b = &v->blobs[v->count++];
		b->owner = owner;
		TEE_MemMove(b->name, name, name_len);
		b->name_len = name_len;
	}
	b->data = copy;
	b->size = size;
	v->total = v->total - old_size + size;
	return TEE_SUCCESS;
}

TEE_Result vault_fetch(const struct vault *v, uint32_t owner, const char *name, size_t name_len,
		       void *out, size_t *size)
{
	const struct vault_blob *b;

	if (!vault_name_ok(name, name_len))
		return TEE_ERROR_BAD_PARAMETERS;
	b = find(v, owner, name, name_len);
	if (!b)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (*size < b->size || (b->size && !out)) {
		*size = b->size;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (b->size)
		TEE_MemMove(out, b->data, b->size);
	*size = b->size;
	return TEE_SUCCESS;
}

TEE_Result vault_list(const struct vault *v, uint32_t owner, char *out, size_t *size,
		      uint32_t *count)
{
	size_t need = 0;
	size_t pos = 0;

	*count = 0;
	for (size_t i = 0; i < v->count; i++) {
		if (v->blobs[i].owner != owner)
			continue;
		need += v->blobs[i].name_len + 1;
		(*count)++;
	}
	if (*size < need || (need && !out)) {
		*size = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	for (size_t i = 0; i < v->count; i++) {
		const struct vault_blob *b = &v->blobs[i];

		if (b->owner != owner)
			continue;
		TEE_MemMove(out + pos, b->name, b->name_len);
		pos += b->name_len;
		out[pos++] = '\0';
	}
	*size = need;
	return TEE_SUCCESS;
}

TEE_Result vault_delete(struct vault *v, uint32_t owner, const char *name, size_t name_len)
{
	struct vault_blob *b;
	size_t i;

	if (!vault_name_ok(name, name_len))
		return TEE_ERROR_BAD_PARAMETERS;
	b = find(v, owner, name, name_len);
	if (!b)
		return TEE_ERROR_ITEM_NOT_FOUND;
	if (b->data)
		TEE_MemFill(b->data, 0, b->size);
	TEE_Free(b->data);
	v->total -= b->size;
	/* Keep store order: close the gap. */
	i = (size_t)(b - v->blobs);
	for (; i + 1 < v->count; i++)
		v->blobs[i] = v->blobs[i + 1];
	v->count--;
	TEE_MemFill(&v->blobs[v->count], 0, sizeof(v->blobs[0]));
	return TEE_SUCCESS;
}
