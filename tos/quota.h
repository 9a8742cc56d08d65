/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fair shares of a pool of the trusted OS (call slots, sessions, per-session
 * instances, retrieved shares; docs/tos.md §4.6). Every client (FF-A endpoint)
 * has `reserved` entries of the pool that no other client can take, and may
 * hold up to `cap`. Beyond its reservation a client takes an entry only if the
 * pool still keeps every other client's unused reservation free afterwards:
 *
 *   free - 1 >= sum over the other TOS_MAX_CLIENTS - 1 clients of (reserved - held)+
 *
 * Clients the TOS has not seen yet count as holding nothing, so the invariant
 * "free >= every client's unused reservation" holds from boot, whoever calls:
 * a client's first `reserved` entries never fail, whatever the others did.
 * A pool must have at least TOS_MAX_CLIENTS * reserved entries (checked at
 * compile time by QUOTA_POOL_OK). A client's slot in the table is taken on its
 * first entry and given back when it holds none, so gone clients cost nothing.
 */
#ifndef TOS_QUOTA_H
#define TOS_QUOTA_H

#include <abi/ffa.h>
#include <config/system.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * The clients a trusted OS can have: every guest of a system and every other partition
 * (the validator allows at most SYS_MAX_VMS and SYS_MAX_SPS of them, with distinct IDs).
 */
#define TOS_MAX_CLIENTS		 (SYS_MAX_VMS + SYS_MAX_SPS - 1)
#define QUOTA_POOL_OK(pool, res) ((pool) >= TOS_MAX_CLIENTS * (res))

struct quota {
	uint16_t pool, reserved, cap;	/* fixed */
	uint16_t used;			/* entries held by all clients */
	ffa_id_t id[TOS_MAX_CLIENTS];	/* the client in each slot (held[i] > 0) */
	uint16_t held[TOS_MAX_CLIENTS]; /* entries it holds */
};

#define QUOTA_INIT(pool_, reserved_, cap_)                                                         \
	{                                                                                          \
		.pool = (pool_), .reserved = (reserved_), .cap = (cap_)                            \
	}

/* The slot of `client`, or of a free one when it holds nothing; -1 if neither exists. */
static inline int quota_slot(const struct quota *q, ffa_id_t client)
{
	int free_slot = -1;

	if (!q->used) /* nobody holds anything: every slot is free */
		return 0;
	for (int i = 0; i < TOS_MAX_CLIENTS; i++) {
		if (q->held[i] && q->id[i] == client)
			return i;
		if (!q->held[i] && free_slot < 0)
			free_slot = i;
	}
	return free_slot;
}

static inline unsigned quota_held(const struct quota *q, ffa_id_t client)
{
	int i = quota_slot(q, client);

	return i >= 0 ? q->held[i] : 0;
}

/* The unused reservations of every client but slot `me` (empty slots: whole reservations). */
static inline unsigned quota_owed_to_others(const struct quota *q, int me)
{
	unsigned owed = 0;

	for (int i = 0; i < TOS_MAX_CLIENTS; i++)
		if (i != me && q->held[i] < q->reserved)
			owed += q->reserved - q->held[i];
	return owed;
}

/* May the client of slot `i` (quota_slot(); -1: none) take one more entry? */
static inline bool quota_may_take_at(const struct quota *q, int i)
{
	unsigned held, free_entries = (unsigned)(q->pool - q->used);

	if (i < 0 || free_entries == 0)
		return false;
	held = q->held[i];
	if (held >= q->cap)
		return false;
	return held < q->reserved || free_entries - 1 >= quota_owed_to_others(q, i);
}

/* May `client` take one more entry (nothing is taken)? */
static inline bool quota_may_take(const struct quota *q, ffa_id_t client)
{
	return quota_may_take_at(q, quota_slot(q, client));
}

/* Take one entry for `client` if the rule allows it (one search of the table). */
static inline bool quota_take(struct quota *q, ffa_id_t client)
{
	int i = quota_slot(q, client);

	if (!quota_may_take_at(q, i))
		return false;
	q->id[i] = client;
	q->held[i]++;
	q->used++;
	return true;
}

/* Give back one entry `client` holds. */
static inline void quota_give(struct quota *q, ffa_id_t client)
{
	int i = quota_slot(q, client);

	if (i >= 0 && q->held[i] && q->id[i] == client) {
		q->held[i]--;
		q->used--;
	}
}

#endif /* TOS_QUOTA_H */
