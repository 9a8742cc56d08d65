// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's physical interrupt entry at NS-EL2 (COMMON contract, docs/architecture.md §4). The
 * CPU interface runs with EOImode 1, so ending an interrupt is two steps: ICC_EOIR1_EL1 drops
 * the running priority at once (the next interrupt can be signalled), ICC_DIR_EL1 deactivates
 * it. PPI 26 is the scheduler tick (the EL2 physical timer CNTHP, which only nshyp programs):
 * the timer is stopped, so its level output falls, and the interrupt deactivated. Every other
 * INTID belongs to a guest's side (a device's SPI, a guest's virtual timer): route_physical()
 * is the one place that hands it on; except the SPMC's schedule receiver interrupt (an SGI),
 * which nshyp, the scheduler, answers itself (notif_nshyp.c) once it has taken them all.
 */
#include <arch/sysreg.h>
#include <config/system.h>
#include <hyp/vm.h>

#include "irq.h"
#include "notif_nshyp.h"
#include "vgic.h"

#define ICC_IAR_INTID  0xffffffu
#define INTID_SPURIOUS 1020u /* 1020..1023: nothing to acknowledge */
#define CNTHP_ENABLE   1u    /* ENABLE, IMASK clear */
/* Acknowledged per call at most: a storm of another interrupt cannot hold nshyp here. */
#define IRQ_MAX_PER_EXIT 16

struct nshyp_irq_stats nshyp_irq_stats;

/* Everything but the tick: the virtual GIC injects it into its owner or deactivates it. */
static void route_physical(uint32_t intid)
{
	vgic_route_physical(intid);
	nshyp_irq_stats.routed++;
}

bool nshyp_irq_handle(void)
{
	bool tick = false, sri = false;

	for (unsigned n = 0; n < IRQ_MAX_PER_EXIT; n++) {
		uint32_t intid = (uint32_t)read_sysreg(icc_iar1_el1) & ICC_IAR_INTID;

		if (intid >= INTID_SPURIOUS)
			break;
		write_sysreg(icc_eoir1_el1, intid); /* priority drop only (EOImode 1) */
		/* The SRI, an SGI: an edge, nothing to silence. */
		if (intid == SYS_IRQ_SRI && nshyp_notif_sri_intid()) {
			write_sysreg(icc_dir_el1, intid);
			sri = true;
			continue;
		}
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
	if (sri)
		nshyp_notif_sri();
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
