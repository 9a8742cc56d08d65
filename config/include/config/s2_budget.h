/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-2 table budgets, shared by the host validation (config/validate.c) and
 * both hypervisors (hyp/core/vm.c), so that the quota a hypervisor reserves
 * for a VM or partition is the one the validation summed: every VM's quota is
 * an upper bound of the tables its own memory and devices need, plus a fixed
 * runtime reserve for memory sharing; the quotas of one hypervisor's VMs fit
 * its pool (SYS_SPMC_S2_TABLES, SYS_NSHYP_S2_TABLES), so one VM's growth never takes another's
 * table.
 */
#ifndef CONFIG_S2_BUDGET_H
#define CONFIG_S2_BUDGET_H

#include <config/system.h>
#include <stdint.h>

/*
 * Tables each VM and partition may take at run time beyond its base mapping: level-3 tables
 * for pages it lends out of its blocks or retrieves, level-2 tables for other gigabytes.
 */
#define SYS_S2_RUNTIME_RESERVE 8

/*
 * An upper bound of the tables lib/xlat/s2.c builds for one window: a level-2 table per
 * 1 GiB region it touches, and a level-3 table per 2 MiB region it touches, except that
 * where IPA and PA are congruent modulo 2 MiB the inside is mapped with blocks and only the
 * two ends can need one.
 */
static inline unsigned sys_window_tables(uint64_t ipa, uint64_t pa, uint64_t size)
{
	uint64_t last = ipa + size - 1;
	unsigned l2 = (unsigned)((last >> 30) - (ipa >> 30) + 1);
	unsigned l3 = (unsigned)((last >> 21) - (ipa >> 21) + 1);

	if (((ipa ^ pa) & ((1ull << 21) - 1)) == 0 && l3 > 2)
		l3 = 2;
	return l2 + l3;
}

/* The quota of one VM (roots = 1) or partition (roots = 2: secure and Non-secure IPA space). */
static inline unsigned sys_s2_quota(const struct sys_mem *m, const struct sys_dev *devs, unsigned n,
				    unsigned roots)
{
	unsigned t = roots + SYS_S2_RUNTIME_RESERVE + sys_window_tables(m->ipa, m->pa, m->size);

	for (unsigned i = 0; i < n; i++)
		t += sys_window_tables(devs[i].pa, devs[i].pa, devs[i].size);
	return t;
}

#endif /* CONFIG_S2_BUDGET_H */
