/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nshyp's run queue (sched.c): which guest runs next, as data. Guests are slots 0..count-1 in
 * description order; each is OFF (not started or ended), READY (may run) or WAITING (its WFI
 * ended its slice: it runs again once it has something pending). The policy is round robin:
 * from the guest that ran last, the next slot in order that is READY, or WAITING with
 * something pending, wraps around, and the one that ran last comes last. No arch code, no
 * globals: the host tests drive it directly (test/unit/test_nshyp.c).
 */
#ifndef HYP_ROLE_NSHYP_SCHED_H
#define HYP_ROLE_NSHYP_SCHED_H

#include <config/system.h>
#include <stdbool.h>

enum sched_state {
	SCHED_OFF,
	SCHED_READY,
	SCHED_WAITING,
};

/* sched_next()'s answers that are not a slot. */
#define SCHED_IDLE  (-1) /* guests live, but every one waits: wait for an interrupt */
#define SCHED_EMPTY (-2) /* no guest left */

struct sched {
	unsigned char state[SYS_MAX_VMS]; /* enum sched_state per slot */
	unsigned count;			  /* slots in use (the description's guests) */
	bool in_order;			  /* SYS_SCHED_IN_ORDER: every pick starts at slot 0 */
	unsigned last;			  /* the slot that ran last (round robin starts after it) */
	unsigned long switches;		  /* how often sched_next() chose another slot */
};

/* Does waiting slot `i` have something to run for (a pending virtual interrupt)? */
typedef bool (*sched_pending_fn)(unsigned i, void *ctx);

/* `count` slots, all OFF; the first pick starts at slot 0 (every pick, `in_order`). */
void sched_init(struct sched *s, unsigned count, bool in_order);
void sched_set(struct sched *s, unsigned i, enum sched_state st);
/* Slots that are not OFF. */
unsigned sched_live(const struct sched *s);
/*
 * The slot to run after s->last (which becomes it): a READY one, or a WAITING one for which
 * pending() says yes (it becomes READY); SCHED_IDLE or SCHED_EMPTY otherwise.
 */
int sched_next(struct sched *s, sched_pending_fn pending, void *ctx);

#endif /* HYP_ROLE_NSHYP_SCHED_H */
