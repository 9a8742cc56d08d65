/* SPDX-License-Identifier: BSD-3-Clause */
/* A TA's registers while it does not run, and running it (tos/arch/aarch64/entry.S). */
#ifndef TOS_USER_H
#define TOS_USER_H

#include <stddef.h>
#include <stdint.h>

struct user_ctx {
	uint64_t x[31];
	uint64_t sp;
	uint64_t elr;
	uint64_t spsr;
};
/* entry.S uses these offsets. */
_Static_assert(offsetof(struct user_ctx, sp) == 248, "UCTX_SP");
_Static_assert(offsetof(struct user_ctx, elr) == 256, "UCTX_ELR");
_Static_assert(offsetof(struct user_ctx, spsr) == 264, "UCTX_ELR + 8");

/* Why tos_user_run() returned: the vector the TA's exception came through. */
#define USER_EXIT_SYNC	 0
#define USER_EXIT_IRQ	 1
#define USER_EXIT_FIQ	 2
#define USER_EXIT_SERROR 3

#define SPSR_EL0T	 0x0ull /* AArch64 EL0, interrupts unmasked */

uint64_t tos_user_run(struct user_ctx *ctx);

#endif /* TOS_USER_H */
