/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The role hooks: where the hypervisor core asks its role (spmc or nshyp, chosen at link time)
 * instead of branching on it. Each role implements every hook: role_vm_extra_space() in
 * hyp/role/<role>/<role>_hooks.c (the host tests link it too), role_test_call() and the
 * architecture's hooks (<hyp/arch_role.h>) in hyp/role/<role>/arch/<arch>/<role>_arch.c, as
 * what a test call does is the architecture's (nshyp arms its EL2 timer). What only one role has
 * lives in that role's own structure (struct sp, struct guest), which embeds struct vm: a hook
 * finds it from the VM it is given. Docs: docs/architecture.md §1 ("One hypervisor core, two
 * roles").
 */
#ifndef HYP_ROLE_HOOKS_H
#define HYP_ROLE_HOOKS_H

#include <abi/ffa.h>
#include <stdbool.h>

struct s2_space;
struct vcpu;
struct vm;

/*
 * The role's second stage-2 space of `vm`, or NULL if it has none. vm_init() counts its root in
 * the VM's table quota and initialises it, empty, from that quota, before arch_vm_init(). The
 * SPMC's: a partition's Non-secure IPA space (struct sp), which memory sharing fills.
 */
struct s2_space *role_vm_extra_space(struct vm *vm);

/*
 * Test variants only (hyp/core/test_calls.c, after the core's own): a test hypercall of the
 * role's own from the VM running on `v`; answer it in *c and return true, or return false.
 * nshyp's: HYPCALL_TEST_EL2_TIMER. The product images do not reference it (--gc-sections drops
 * it, test/sys/test_product.py checks).
 */
bool role_test_call(const struct vcpu *v, struct ffa_value *c);

#endif /* HYP_ROLE_HOOKS_H */
