// SPDX-License-Identifier: BSD-3-Clause
/*
 * Role spmc: the secure hypervisor at S-EL2, an FF-A SPMC. It boots every
 * secure partition of the system description, each behind its own stage 2,
 * then serves the normal world: each FF-A call arrives as the return value
 * of the SMC with which the SPMC last handed the CPU back to the monitor,
 * and its answer leaves with the next one (ffa_spmc.c does the work).
 */
#include <arch/smc.h>
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
static unsigned booted_tables;

/*
 * The SPMC's own view of memory: its devices and secure RAM, and normal-world RAM as
 * non-secure (NS=1) so that it can read the normal world's TX buffers and zero or
 * copy pages being shared; nothing else.
 */
static const struct s1_region spmc_regions[] = {
	{ .base = PLAT_GICD_BASE, .size = 0x02000000, .device = true }, /* GIC, UARTs */
	{ .base = PLAT_SEC_RAM_BASE, .size = PLAT_SEC_RAM_SIZE, .exec = true },
	{ .base = PLAT_NS_RAM_BASE, .size = PLAT_NS_RAM_SIZE, .non_secure = true },
};

static const struct s1_region spmc_self = { .base = PLAT_SPMC_BASE, .size = PLAT_SPMC_SIZE };

/* Per CPU: the message being exchanged with the normal world, and the fast path's state. */
static struct ffa_value nwd_msg[PLAT_MAX_CPUS];
static struct spmc_cpu cpus[PLAT_MAX_CPUS];

struct spmc_cpu *spmc_this_cpu(void)
{
	return &cpus[arch_cpu_index()];
}

/* Is *m the hypervisor telling a partition that a VM is gone (FF-A v1.1 §18.3)? */
static bool vm_destroyed_msg(const struct ffa_value *m)
{
	return (uint32_t)m->x[0] == FFA_MSG_SEND_DIRECT_REQ_32 &&
	       (uint32_t)m->x[2] == (FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED);
}

void role_main(void)
{
	struct ffa_value *m = &nwd_msg[arch_cpu_index()];
	struct spmc_cpu *cpu = spmc_this_cpu();

	console_init(PLAT_UART_S_BASE, "S spmc   ");
	printk("secure hypervisor (SPMC) running at EL%u, secure world (S-EL2)\n",
	       arch_current_el());
	write_sysreg(tpidr_el2, (uint64_t)(uintptr_t)cpu); /* for the fast path */
	cpu->loaded_vcpu = &hyp_loaded_vcpu[arch_cpu_index()];
	arch_hyp_stage1_enable(spmc_regions, sizeof(spmc_regions) / sizeof(spmc_regions[0]),
			       &spmc_self);
	arch_hyp_init();
	spmc_mem_init();
	spmc_boot_partitions(spmc_sps, spmc_sp_count, &s2_pool);
	printk("all partitions booted (%u stage-2 tables of %u used); telling the monitor with "
	       "FFA_MSG_WAIT\n",
	       s2_pool.used, s2_pool.count);
	booted_tables = s2_pool.used;
	m->x[0] = FFA_MSG_WAIT;
	for (;;) {
		if (cpu->has_prefetched) {
			/* The fast path already sent our answer and received this call. */
			ffa_copy(m, &cpu->prefetched);
			cpu->has_prefetched = 0;
		} else {
			arch_smc_inplace(m);
		}
		if (vm_destroyed_msg(m)) {
			/* What the VM's sharing left in the partitions' stage 2 (nothing,
			 * normally). */
			uint64_t vm = m->x[5];

			spmc_nwd_call(m);
			printk("VM %lu gone: %u stage-2 tables in use (%u after boot)\n",
			       (unsigned long)vm, s2_pool.used, booted_tables);
			continue;
		}
		spmc_nwd_call(m);
	}
}
