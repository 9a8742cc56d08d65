// SPDX-License-Identifier: BSD-3-Clause
/*
 * The vault's blob table, free of TA parameter handling so the host unit tests can run it.
 * Blobs are kept in store order in a fixed table; their bytes live in TEE_Malloc memory.
 * Every blob belongs to an owner (the client it was stored for): a client sees, replaces
 * and deletes only its own blobs; the limits are shared (one heap).
 */
#ifndef VAULT_CORE_H
#define VAULT_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <ta_vault.h>
#include <tee_api_types.h>

struct vault_blob {
	uint32_t owner;
	char name[VAULT_MAX_NAME];
	size_t name_len;
	uint8_t *data; /* NULL for an empty blob */
	size_t size;
};

struct vault {
	struct vault_blob blobs[VAULT_MAX_BLOBS];
	size_t count;
	size_t total; /* bytes of all blobs */
};

void vault_init(struct vault *v);
/* Frees every blob. */
void vault_clear(struct vault *v);
/* A valid name: 1..VAULT_MAX_NAME bytes, no NUL inside. */
bool vault_name_ok(const char *name, size_t len);
/* Stores (or replaces) a blob; on failure the vault is unchanged. */
TEE_Result vault_store(struct vault *v, uint32_t owner, const char *name, size_t name_len,
		       const void *data, size_t size);
/* Copies a blob out; *size in: room, out: the blob's size (also on SHORT_BUFFER). */
TEE_Result vault_fetch(const struct vault *v, uint32_t owner, const char *name, size_t name_len,
		       void *out, size_t *size);
/* The owner's names, each followed by NUL, in store order; *size as for vault_fetch. */
TEE_Result vault_list(const struct vault *v, uint32_t owner, char *out, size_t *size,
		      uint32_t *count);
TEE_Result vault_delete(struct vault *v, uint32_t owner, const char *name, size_t name_len);

#endif /* VAULT_CORE_H */
