// SPDX-License-Identifier: BSD-3-Clause
/*
 * The vault's blob store, free of TA parameter handling so the host unit tests can run it.
 * Every blob belongs to an owner (struct ta_client: the guest's FF-A endpoint and the GP
 * identity of its process): an owner sees, replaces and deletes only its own blobs. The
 * quota (VAULT_MAX_BLOBS blobs, VAULT_MAX_TOTAL bytes) belongs to the endpoint, in a fixed
 * area of its own: no other guest's blobs, present or past, can make its store fail, and a
 * refusal depends on its own guest's blobs only. The owners of one guest (its users, its
 * PUBLIC clients) share that guest's area and quota, so a guest with many users cannot
 * take more than one area. An endpoint holds one of VAULT_MAX_CLIENTS areas while it has
 * at least one blob.
 */
#ifndef VAULT_CORE_H
#define VAULT_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ta_client.h>
#include <ta_vault.h>
#include <tee_api_types.h>

struct vault_blob {
	TEE_Identity owner; /* within its endpoint's area */
	char name[VAULT_MAX_NAME];
	size_t name_len;
	size_t off; /* its bytes: data[off, off + size) of its client's area */
	size_t size;
};

/* One endpoint's blobs (in store order) and their bytes, packed from the start of data[]. */
struct vault_client {
	bool in_use;
	uint32_t endpoint;
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
TEE_Result vault_store(struct vault *v, const struct ta_client *owner, const char *name,
		       size_t name_len, const void *data, size_t size);
/* Copies a blob out; *size in: room, out: the blob's size (also on SHORT_BUFFER). */
TEE_Result vault_fetch(const struct vault *v, const struct ta_client *owner, const char *name,
		       size_t name_len, void *out, size_t *size);
/* The owner's names, each followed by NUL, in store order; *size as for vault_fetch. */
TEE_Result vault_list(const struct vault *v, const struct ta_client *owner, char *out, size_t *size,
		      uint32_t *count);
TEE_Result vault_delete(struct vault *v, const struct ta_client *owner, const char *name,
			size_t name_len);
/* What the endpoint uses of its quota (all its owners together): blobs and bytes. */
void vault_usage(const struct vault *v, uint32_t endpoint, size_t *count, size_t *total);

#endif /* VAULT_CORE_H */
