// SPDX-License-Identifier: BSD-3-Clause
/* Host "physical memory" at the platform's addresses (see fake_phys.h). */
#include <plat/plat_def.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "fake_phys.h"

static void map_fixed(uint64_t base, uint64_t size)
{
	void *p = mmap((void *)(uintptr_t)base, size, PROT_READ | PROT_WRITE,
		       MAP_FIXED_NOREPLACE | MAP_NORESERVE | MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);

	if (p != (void *)(uintptr_t)base) {
		fprintf(stderr, "cannot map the model's physical memory at 0x%llx\n",
			(unsigned long long)base);
		abort();
	}
}

void fake_phys_map(void)
{
	static bool mapped;

	if (mapped)
		return;
	map_fixed(PLAT_SEC_RAM_BASE, PLAT_SEC_RAM_SIZE);
	map_fixed(PLAT_NS_RAM_BASE, PLAT_NS_RAM_SIZE);
	mapped = true;
}
