/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypervisors' test hooks. In a test build (TESSERA_TEST_BUILD: the images spmc_test and
 * nshyp_test) hyp/core/test_calls.c answers Tessera's test hypercalls (HYPCALL_STATE_CHECK,
 * include/abi/hypcall.h); in a product image the hook is an inline "not a test call", so no
 * test code is compiled in and the call gets the answer of any unknown function ID.
 * nshyp_test also reports, for make bench, when it first enters a Linux guest
 * (hyp/role/nshyp/test_bench.c); a product nshyp carries no benchmark code.
 */
#ifndef HYP_TEST_HOOKS_H
#define HYP_TEST_HOOKS_H

#include <abi/ffa.h>
#include <stdbool.h>

struct sys_vm;
struct vcpu;

#ifdef TESSERA_TEST_BUILD
/* A test hypercall from the VM or partition running on `v`: answer it in *c and return true. */
bool hyp_test_call(const struct vcpu *v, struct ffa_value *c);
/* nshyp is about to enter guest `cfg`: before the first Linux guest, print the boot time. */
void hyp_test_guest_entry(const struct sys_vm *cfg);
#else
static inline void hyp_test_guest_entry(const struct sys_vm *cfg)
{
	(void)cfg;
}
static inline bool hyp_test_call(const struct vcpu *v, struct ffa_value *c)
{
	(void)v;
	(void)c;
	return false;
}
#endif

#endif /* HYP_TEST_HOOKS_H */
