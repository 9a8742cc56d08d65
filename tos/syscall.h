/* SPDX-License-Identifier: BSD-3-Clause */
/* System calls from TAs (tos/include/tos/ta_abi.h): validated, then served. */
#ifndef TOS_SYSCALL_H
#define TOS_SYSCALL_H

#include "ta_internal.h"

#define SYS_CONTINUE 0 /* back to the TA */
#define SYS_DONE     1 /* the entry point returned (x0 result, x1 session context) */
#define SYS_SUSPEND  2 /* TEE_Wait: the call waits for a resume */
#define SYS_KILL     3 /* TEE_Panic or a bad request: the instance dies */

int syscall_handle(struct ta_instance *in, struct tee_call *c);
/* On resume of a waiting call: SYS_SUSPEND to keep waiting, SYS_CONTINUE when TEE_Wait ends. */
int syscall_wait_check(struct tee_call *c);

/*
 * How long a call may stay suspended in TEE_Wait before another client that needs its TA
 * instance may end it (docs/tos.md §3). A test build may set a shorter one.
 */
#ifndef TOS_SUSPEND_DEADLINE_MS
#define TOS_SUSPEND_DEADLINE_MS 1000
#endif
/*
 * Has the TEE_Wait of call `c` reached its deadline at counter value `now`? The one rule,
 * applied by the secure timer's interrupt (wait_expired) and again at each resume (a TOS
 * without the timer, or a resume before the interrupt got through).
 */
bool syscall_wait_due(const struct tee_call *c, uint64_t now);
/* Has the waiting call been suspended longer than TOS_SUSPEND_DEADLINE_MS? */
bool syscall_wait_overdue(const struct tee_call *c);

#endif /* TOS_SYSCALL_H */
