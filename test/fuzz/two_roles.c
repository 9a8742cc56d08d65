// SPDX-License-Identifier: BSD-3-Clause
/*
 * Both hypervisor roles in one host process (test_mem_nshyp, fuzz_mem_nshyp: nshyp's memory
 * management in front of the SPMC's): the role hook answers for the role whose VM it is given.
 * A partition (spmc_partitions) has the SPMC's Non-secure IPA space, as in
 * hyp/role/spmc/spmc_hooks.c; a guest has no second space, as in hyp/role/nshyp/nshyp_hooks.c.
 */
#include <hyp/role_hooks.h>
#include <stddef.h>

#include "../../hyp/role/spmc/spmc.h"

struct s2_space *role_vm_extra_space(struct vm *vm)
{
	for (unsigned i = 0; i < SYS_MAX_SPS; i++)
		if (vm == &spmc_partitions[i].vm)
			return &spmc_partitions[i].s2_ns;
	return NULL;
}
