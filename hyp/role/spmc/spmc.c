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

extern char __text_end[];

#define SPMC_TABLES SYS_SPMC_S2_TABLES
static s2_table_t s2_tables[SPMC_TABLES] __attribute__((aligned(4096), section(".bss.s2_tables")));
static struct s2_pool s2_pool = { .tables = s2_tables, .count = SPMC_TABLES };

/*
 * The SPMC's own view of memory: its devices, boot's event log (its first page, read-only:
 * attest/attest_spmc.c reports it in tokens), its own window (code read-only and executable,
 * the rest read-write, never executable), the partitions' secure RAM above the firmware (to
 * copy and zero pages being shared, never executable), and normal-world RAM as non-secure
 * (NS=1) so that it can read the normal world's TX buffers and zero or copy pages being shared.
 * Nothing of boot's RAM or the monitor's window (the device key lives there): a fault in the
 * SPMC cannot read them.
 */
_Static_assert(PLAT_EVLOG_BASE == PLAT_SEC_RAM_BASE, "the event log starts secure RAM");
_Static_assert(PLAT_SPMC_BASE + PLAT_SPMC_SIZE == PLAT_SEC_FW_END, "partitions follow the SPMC");
static void stage1_on(void)
{
	uint64_t text_end = (uint64_t)(uintptr_t)__text_end;
	const struct s1_region self = { .base = PLAT_SPMC_BASE, .size = PLAT_SPMC_SIZE };
	const struct s1_region regions[] = {
		{ .base = PLAT_GICD_BASE, .size = 0x02000000, .device = true }, /* GIC, UARTs */
		/* boot's event log: read-only to everything after boot (docs/secure-boot.md) */
		{ .base = PLAT_EVLOG_BASE, .size = PLAT_EVLOG_SIZE, .read_only = true },
		{ .base = PLAT_SPMC_BASE,
		  .size = text_end - PLAT_SPMC_BASE,
		  .exec = true,
		  .read_only = true },
		{ .base = text_end, .size = PLAT_SPMC_BASE + PLAT_SPMC_SIZE - text_end },
		{ .base = PLAT_SEC_FW_END,
		  .size = PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE - PLAT_SEC_FW_END },
		{ .base = PLAT_NS_RAM_BASE, .size = PLAT_NS_RAM_SIZE, .non_secure = true },
	};

	arch_hyp_stage1_enable(regions, sizeof(regions) / sizeof(regions[0]), &self);
}

void role_main(void)
{
	console_init(PLAT_UART_S_BASE, "S spmc   ");
	printk("secure hypervisor (SPMC) running at EL%u, secure world (S-EL2)\n",
	       arch_current_el());
	stage1_on();
	arch_hyp_init();
	spmc_mem_init();
	hyp_vcpu_first(spmc_boot_partitions(spmc_sps, spmc_sp_count, &s2_pool));
}
