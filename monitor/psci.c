// SPDX-License-Identifier: BSD-3-Clause
/*
 * PSCI v1.1 at EL3, single CPU for now: VERSION, FEATURES, MIGRATE_INFO_TYPE,
 * SYSTEM_OFF and SYSTEM_RESET. SYSTEM_OFF ends the QEMU run with status 0
 * through semihosting; SYSTEM_RESET ends it with status 0 as well (QEMU virt
 * has no reset controller we drive yet). CPU_ON/OFF come with SMP.
 */
#include <abi/psci.h>
#include <abi/smccc.h>
#include <arch/semihost.h>
#include <lib/print.h>
#include <monitor/world.h>

static int64_t psci_features(uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case SMCCC_VERSION:
		return PSCI_RET_SUCCESS;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

/* A call in the PSCI range from w; IDs not implemented here get NOT_SUPPORTED (= SMC_UNK). */
struct world *psci_handle(struct monitor_cpu *cpu, uint32_t id, struct world *w)
{
	struct arch_regs *r = &w->regs;

	(void)cpu;
	switch (id) {
	case PSCI_VERSION:
		r->x[0] = PSCI_VERSION_1_1;
		break;
	case PSCI_FEATURES:
		r->x[0] = (uint64_t)psci_features((uint32_t)r->x[1]);
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		r->x[0] = PSCI_TOS_NOT_PRESENT_MP;
		break;
	case PSCI_SYSTEM_OFF:
		printk("PSCI SYSTEM_OFF: powering off\n");
		arch_semihost_exit(0);
	case PSCI_SYSTEM_RESET:
		printk("PSCI SYSTEM_RESET: ending the run\n");
		arch_semihost_exit(0);
	default:
		r->x[0] = SMCCC_UNKNOWN;
		break;
	}
	return w;
}
