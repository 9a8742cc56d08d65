/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Constant-time lookups of FF-A IDs, built at boot so that the message path
 * does no searching: the system description guarantees that the low 8 bits
 * of every SP ID, and of every VM ID, are unique (they are the VMID), so a
 * 256-entry table indexed by them, holding the full ID to compare, answers
 * "is this exactly one of ours?" in two instructions.
 */
#ifndef HYP_IDMAP_H
#define HYP_IDMAP_H

#include <stdbool.h>
#include <stdint.h>

struct idset {
	uint16_t by_low[256]; /* full ID whose low byte is the index; 0 = none */
};

static inline void idset_add(struct idset *s, uint16_t id)
{
	s->by_low[id & 0xff] = id;
}

/* ID 0 (the hypervisor) is never a member: slots that were never filled hold 0. */
static inline bool idset_has(const struct idset *s, uint16_t id)
{
	return id != 0 && s->by_low[id & 0xff] == id;
}

#endif /* HYP_IDMAP_H */
