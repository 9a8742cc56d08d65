// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's physical interrupt entry at NS-EL2 (COMMON contract, docs/architecture.md §4). The
 * CPU interface runs with EOImode 1, so ending an interrupt is two steps: ICC_EOIR1_EL1 drops
 * the running priority at once (the next interrupt can be signalled), ICC_DIR_EL1 deactivates
 * it. PPI 26 is the scheduler tick (the EL2 physical timer CNTHP, which only nshyp programs):
 * the timer is stopped, so its level output falls, and the interrupt deactivated. Every other
 * INTID belongs to a guest's side (a device's SPI, a guest's virtual timer): route_physical()
 * is the one place that hands it on.
 */
#include <arch/sysreg.h>
#include <hyp/vm.h>
#include <plat/plat_def.h>

#include "irq.h"
#include "vgic.h"

#define GICR_SGI_BASE	 0x10000
#define GICR_ISENABLER0	 (GICR_SGI_BASE + 0x0100)
#define GICR_IPRIORITYR0 (GICR_SGI_BASE + 0x0400)
#define ICC_CTLR_EOIMODE (1u << 1)
#define ICC_IAR_INTID	 0xffffffu
#define INTID_SPURIOUS	 1020u /* 1020..1023: nothing to acknowledge */
#define CNTHP_ENABLE	 1u    /* ENABLE, IMASK clear */
/* The tick's priority (Non-secure view; the GIC keeps it as 0xc0). Any value the priority mask
 * lets through would do: nshyp has one interrupt of its own. */
#define TICK_PRIORITY 0x80u
/* Acknowledged per call at most: a storm of another interrupt cannot hold nshyp here. */
#define IRQ_MAX_PER_EXIT 16

struct nshyp_irq_stats nshyp_irq_stats;

void nshyp_irq_init(void)
{
	volatile uint8_t *prio = (volatile uint8_t *)(PLAT_GICR_BASE + GICR_IPRIORITYR0);
	volatile uint32_t *enable = (volatile uint32_t *)(PLAT_GICR_BASE + GICR_ISENABLER0);

	uint64_t ctlr = read_sysreg(icc_ctlr_el1);

	write_sysreg(icc_ctlr_el1, ctlr | ICC_CTLR_EOIMODE);
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	prio[NSHYP_TICK_INTID] = TICK_PRIORITY;
	*enable = 1u << NSHYP_TICK_INTID;
	dsb_sy();
	isb();
}

/* Everything but the tick: the virtual GIC injects it into its owner or deactivates it. */
static void route_physical(uint32_t intid)
{
	vgic_route_physical(intid);
	nshyp_irq_stats.routed++;
}

bool nshyp_irq_handle(void)
{
	bool tick = false;

	for (unsigned n = 0; n < IRQ_MAX_PER_EXIT; n++) {
		uint32_t intid = (uint32_t)read_sysreg(icc_iar1_el1) & ICC_IAR_INTID;

		if (intid >= INTID_SPURIOUS)
			break;
		write_sysreg(icc_eoir1_el1, intid); /* priority drop only (EOImode 1) */
		if (intid != NSHYP_TICK_INTID) {
			route_physical(intid);
			continue;
		}
		/* The timer's output is a level: stop it before the interrupt is deactivated. */
		write_sysreg(cnthp_ctl_el2, 0);
		isb();
		write_sysreg(icc_dir_el1, intid);
		nshyp_irq_stats.ticks++;
		tick = true;
	}
	isb();
	return tick;
}

void nshyp_tick_arm_at(uint64_t cval)
{
	write_sysreg(cnthp_cval_el2, cval);
	write_sysreg(cnthp_ctl_el2, CNTHP_ENABLE);
	isb();
}

void nshyp_tick_stop(void)
{
	write_sysreg(cnthp_ctl_el2, 0);
	isb();
}

uint64_t nshyp_now(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

uint64_t nshyp_us_to_ticks(uint32_t us)
{
	return (uint64_t)us * (read_sysreg(cntfrq_el0) & 0xffffffffu) / 1000000u;
}

#define CNTV_IMASK 2u

bool nshyp_vtimer_deadline(const struct vcpu *v, uint64_t *cval)
{
	uint64_t ctl = v->arch.cntv_ctl_el0;

	*cval = v->arch.cntv_cval_el0;
	if (hyp_loaded_vcpu[arch_this_cpu()] == v) {
		ctl = read_sysreg(cntv_ctl_el0);
		*cval = read_sysreg(cntv_cval_el0);
	}
	return (ctl & (CNTV_ENABLE | CNTV_IMASK)) == CNTV_ENABLE;
}

void nshyp_idle(void)
{
	dsb_sy();
	__asm__ volatile("wfi" ::: "memory");
}
