/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The trusted OS's test hooks. In its test variant (tos_test, built with TESSERA_TEST_BUILD
 * for a description with test_build) tos/test/ implements them: the test scenarios chosen by
 * the boot argument, the diagnostic protocol and its test commands (tos.h), and what a test
 * command retrieved or lent for a client that is gone. In a product image they are the inline
 * no-ops below: no test code is compiled in (docs/tos.md §1).
 */
#ifndef TOS_TEST_HOOKS_H
#define TOS_TEST_HOOKS_H

#include <abi/ffa.h>
#include <stdbool.h>
#include <stdint.h>

#include "optee_server.h"

/* Turns the direct request in *m into its response (tos.c); the test scenarios serve with it. */
typedef void tos_answer_fn(ffa_id_t self, struct ffa_value *m);

#ifdef TESSERA_TEST_BUILD
/* At boot, before the MMU is on: run the scenario of boot_arg (some never return). */
void tos_test_boot(ffa_id_t self, uint64_t boot_arg, tos_answer_fn *answer);
/* The boot argument's test scenario, and the test commands of tos.h (tos/test/diag.c). */
extern uint32_t tos_test_scenario;
void tos_test_command(ffa_id_t self, ffa_id_t sender, uint64_t cmd, uint64_t w3,
		      struct ffa_value *resp);

/*
 * A request whose w3 is not an OP-TEE function: the diagnostic protocol answers it (w1/w2 are
 * set) and returns true: the square of w3, the sender ID, our ID, then any test command in w4.
 * Inline, as the product's dispatch is: the benchmarks' round trip measures the firmware's
 * message path, not a call into the test code.
 */
static inline __attribute__((always_inline)) bool tos_test_request(ffa_id_t self, ffa_id_t sender,
								   struct ffa_value *m)
{
	uint64_t w3 = m->x[3], n = w3 & 0xffffffffu, cmd = m->x[4];

	if (optee_is_call((uint32_t)w3))
		return false;
	m->x[3] = n * n;
	m->x[4] = sender;
	m->x[5] = self;
	m->x[6] = 0;
	m->x[7] = 0;
	if (__builtin_expect((cmd | tos_test_scenario) != 0, 0))
		tos_test_command(self, sender, cmd, w3, m);
	return true;
}
/* Client `vm` is gone: release what test commands hold for it. */
void tos_test_forget(ffa_id_t self, ffa_id_t vm);
#else
static inline void tos_test_boot(ffa_id_t self, uint64_t boot_arg, tos_answer_fn *answer)
{
	(void)self;
	(void)boot_arg;
	(void)answer;
}

static inline bool tos_test_request(ffa_id_t self, ffa_id_t sender, struct ffa_value *m)
{
	(void)self;
	(void)sender;
	(void)m;
	return false;
}

static inline void tos_test_forget(ffa_id_t self, ffa_id_t vm)
{
	(void)self;
	(void)vm;
}
#endif

#endif /* TOS_TEST_HOOKS_H */
