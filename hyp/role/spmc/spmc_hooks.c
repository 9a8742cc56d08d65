// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's arch-neutral role hooks (<hyp/role_hooks.h>; its AArch64 ones are in
 * arch/aarch64/spmc_arch.c): a partition has a second stage-2 space, its Non-secure IPA space,
 * empty until the normal world shares memory with it (mem_spmc.c).
 */
#include <hyp/role_hooks.h>
#include <lib/container_of.h>

#include "spmc.h"

struct s2_space *role_vm_extra_space(struct vm *vm)
{
	return &container_of(vm, struct sp, vm)->s2_ns; /* every VM of the SPMC is an SP's */
}
