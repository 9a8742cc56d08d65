/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared memory the normal world (or another TEE) gave this trusted OS with
 * FFA_MEM_SHARE/LEND: retrieved the first time a caller names its handle,
 * kept in a bounded table, fairly shared between callers, until
 * OPTEE_FFA_UNREGISTER_SHM (or until the caller is forgotten), and
 * accessed only through shm_read()/shm_write()/shm_span() with bounds checks.
 */
#ifndef TOS_SHM_H
#define TOS_SHM_H

#include <abi/ffa.h>
#include <lib/ffa_mem_client.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * The table is shared fairly (quota.h): each client has SHM_RESERVED entries no other can
 * take (a libteec client needs its message page, a bounce buffer and one registered
 * share) and holds at most SHM_MAX_PER_CALLER.
 */
#define SHM_MAX		   64
#define SHM_RESERVED	   3
#define SHM_MAX_PER_CALLER 16

struct shm {
	bool in_use;
	ffa_id_t caller;
	uint64_t handle;
	uint64_t size;	/* bytes: the sum of the ranges */
	unsigned users; /* calls in flight that use it: it cannot be unregistered then */
	bool gone;	/* its caller was forgotten: waiting to be relinquished */
	struct ffa_mem_retrieved mem;
};

/* Validate a retrieve response: ranges inside the memory this TOS maps for it (mmu.h). */
bool shm_ranges_ok(const struct ffa_mem_retrieved *r, uint64_t *size);

/* The caller's share `handle`, retrieving it on first use. *err = FF-A error code if NULL. */
struct shm *shm_get(ffa_id_t self, ffa_id_t caller, uint64_t handle, int32_t *err);
/* OPTEE_FFA_UNREGISTER_SHM: 0 or an FF-A error code. */
int32_t shm_unregister(ffa_id_t self, ffa_id_t caller, uint64_t handle);

/*
 * The caller is gone: relinquish every share of it that no call uses (and retry those of
 * callers forgotten before that the SPMC refused then); how many of this caller's went back.
 */
unsigned shm_forget(ffa_id_t self, ffa_id_t caller);

/* Copy [off, off + len) of the share; false (nothing copied) if it is not inside. */
bool shm_read(const struct shm *s, uint64_t off, void *dst, uint64_t len);
bool shm_write(const struct shm *s, uint64_t off, const void *src, uint64_t len);
/* The kernel address of [off, off + len) if all inside one range of the share, else NULL. */
void *shm_span(const struct shm *s, uint64_t off, uint64_t len);

#endif /* TOS_SHM_H */
