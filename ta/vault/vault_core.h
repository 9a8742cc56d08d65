// SPDX-License-Identifier: BSD-3-Clause
/*
 * The vault's blob store, free of TA parameter handling so the host unit tests can run it.
 * Every blob belongs to an owner (the client it was stored for): a client sees, replaces
 * and deletes only its own blobs, and has its own quota (VAULT_MAX_BLOBS blobs,
 * VAULT_MAX_TOTAL bytes) in its own fixed area: no other client's blobs, present or past,
 * can make its store fail, and a refusal depends on its own blobs only. A client holds one
 * of VAULT_MAX_CLIENTS areas while it has at least one blob.
 */
#ifndef VAULT_CORE_H
#define VAULT_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ta_vault.h>
#include <tee_api_types.h>

struct vault_blob {
	char name[VAULT_MAX_NAME];
	size_t name_len;
	size_t off; /* its bytes: data[off, off + size) of its client's area */
	size_t size;
};

/* One client's blobs (in store order) and their bytes, packed from the start of data[]. */
struct vault_client {
	bool in_use;
	uint32_t owner;
	size_t count;
	size_t total; /* bytes of its blobs */
	struct vault_blob blobs[VAULT_MAX_BLOBS];
	uint8_t data[VAULT_MAX_TOTAL];
};

struct vault {
	struct vault_client clients[VAULT_MAX_CLIENTS];
};

void vault_init(struct vault *v);
/* Wipes every blob. */
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
/* What the owner uses of its quota: blobs and bytes. */
void vault_usage(const struct vault *v, uint32_t owner, size_t *count, size_t *total);

#endif /* VAULT_CORE_H */
