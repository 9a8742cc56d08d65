// SPDX-License-Identifier: BSD-3-Clause
/*
 * Role spmc: the secure hypervisor at S-EL2, an FF-A SPMC. It boots every
 * secure partition of the system description, each behind its own stage 2,
 * one after the other, then serves the normal world, which it runs as a vCPU
 * of its own (the other world: an SMC hands it its answer and brings back its
 * next call). ffa_spmc.c decides what runs next; this file sets the SPMC up
 * and enters the first vCPU, never to come back.
 */
#include <arch/sysreg.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#include <hyp/stage1.h>

#include "spmc.h"

extern const struct sys_sp spmc_sps[];
extern const unsigned spmc_sp_count;

#define SPMC_TABLES SYS_SPMC_S2_TABLES
static s2_table_t s2_tables[SPMC_TABLES] __attribute__((aligned(4096), section(".bss.s2_tables")));
static struct s2_pool s2_pool = { .tables = s2_tables, .count = SPMC_TABLES };

/*
 * The SPMC's own view of memory: its devices and secure RAM (boot's event log, its first
 * page, read-only: attest/attest_spmc.c reports it in tokens), and normal-world RAM as
 * non-secure (NS=1) so that it can read the normal world's TX buffers and zero or copy pages
 * being shared; nothing else.
 */
_Static_assert(PLAT_EVLOG_BASE == PLAT_SEC_RAM_BASE, "the event log starts secure RAM");
static const struct s1_region spmc_regions[] = {
	{ .base = PLAT_GICD_BASE, .size = 0x02000000, .device = true }, /* GIC, UARTs */
	/* boot's event log: read-only to everything after boot (docs/secure-boot.md) */
	{ .base = PLAT_EVLOG_BASE, .size = PLAT_EVLOG_SIZE, .read_only = true },
	{ .base = PLAT_EVLOG_BASE + PLAT_EVLOG_SIZE,
	  .size = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - PLAT_EVLOG_BASE - PLAT_EVLOG_SIZE,
	  .exec = true },
	{ .base = PLAT_NS_RAM_BASE, .size = PLAT_NS_RAM_SIZE, .non_secure = true },
};

static const struct s1_region spmc_self = { .base = PLAT_SPMC_BASE, .size = PLAT_SPMC_SIZE };

void role_main(void)
{
	console_init(PLAT_UART_S_BASE, "S spmc   ");
	printk("secure hypervisor (SPMC) running at EL%u, secure world (S-EL2)\n",
	       arch_current_el());
	arch_hyp_stage1_enable(spmc_regions, sizeof(spmc_regions) / sizeof(spmc_regions[0]),
			       &spmc_self);
	arch_hyp_init();
	spmc_mem_init();
	hyp_vcpu_first(spmc_boot_partitions(spmc_sps, spmc_sp_count, &s2_pool));
}
