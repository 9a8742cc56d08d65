// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's run queue: round robin over the guests' slots (sched.h). Scheduling is data: the
 * tick, a guest's WFI and a guest's end only change a slot's state and ask sched_next() who is
 * next; nshyp.c turns the answer into a vCPU. Eight slots at most, so a scan is cheaper than a
 * linked queue and keeps description order, which makes the order easy to reason about.
 */
#include "sched.h"

void sched_init(struct sched *s, unsigned count, bool in_order)
{
	s->in_order = in_order;
	for (unsigned i = 0; i < SYS_MAX_VMS; i++)
		s->state[i] = SCHED_OFF;
	s->count = count < SYS_MAX_VMS ? count : SYS_MAX_VMS;
	/* So that the first pick, which starts after `last`, starts at slot 0. */
	s->last = s->count ? s->count - 1 : 0;
	s->switches = 0;
}

void sched_set(struct sched *s, unsigned i, enum sched_state st)
{
	if (i < s->count)
		s->state[i] = (unsigned char)st;
}

unsigned sched_live(const struct sched *s)
{
	unsigned n = 0;

	for (unsigned i = 0; i < s->count; i++)
		n += s->state[i] != SCHED_OFF;
	return n;
}

int sched_next(struct sched *s, sched_pending_fn pending, void *ctx)
{
	bool live = false;

	unsigned from = s->in_order ? s->count - 1 : s->last; /* the pick starts after it */

	for (unsigned k = 1; k <= s->count; k++) {
		unsigned i = (from + k) % s->count;

		if (s->state[i] == SCHED_OFF)
			continue;
		live = true;
		if (s->state[i] == SCHED_WAITING) {
			if (!pending(i, ctx))
				continue;
			s->state[i] = SCHED_READY;
		}
		s->switches += i != s->last;
		s->last = i;
		return (int)i;
	}
	return live ? SCHED_IDLE : SCHED_EMPTY;
}
