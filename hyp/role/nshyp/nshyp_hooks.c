// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's arch-neutral role hooks (<hyp/role_hooks.h>; its AArch64 ones are in
 * arch/aarch64/nshyp_arch.c): a guest has one stage-2 space, its own IPA space.
 */
#include <hyp/role_hooks.h>
#include <stddef.h>

struct s2_space *role_vm_extra_space(struct vm *vm)
{
	(void)vm;
	return NULL;
}
