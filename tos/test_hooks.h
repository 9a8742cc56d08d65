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

/* Turns the direct request in *m into its response (tos.c); the test scenarios serve with it. */
typedef void tos_answer_fn(ffa_id_t self, struct ffa_value *m);

#ifdef TESSERA_TEST_BUILD
/* At boot, before the MMU is on: run the scenario of boot_arg (some never return). */
void tos_test_boot(ffa_id_t self, uint64_t boot_arg, tos_answer_fn *answer);
/* A request whose w3 is not an OP-TEE function: answer it (w1/w2 are set) and return true. */
bool tos_test_request(ffa_id_t self, ffa_id_t sender, struct ffa_value *m);
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
