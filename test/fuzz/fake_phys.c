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

/*
 * ASan's shadow on x86-64 begins at 0x7fff7000 (0x7fff8000 page-aligned down), in the last 64 KiB
 * of the platform's 1 GiB of NS RAM: the model maps all but those (lazily: MAP_NORESERVE). A PA
 * there faults, so a test that touches one fails loudly instead of passing by accident.
 */
#define MODEL_NS_RAM_SIZE (PLAT_NS_RAM_SIZE - 0x10000ull)

void fake_phys_map(void)
{
	static bool mapped;

	if (mapped)
		return;
	map_fixed(PLAT_SEC_RAM_BASE, PLAT_SEC_RAM_SIZE);
	map_fixed(PLAT_NS_RAM_BASE, MODEL_NS_RAM_SIZE);
	mapped = true;
}
