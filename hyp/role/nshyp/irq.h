/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nshyp's physical interrupts and its scheduler tick (irq.c). nshyp runs with every
 * interrupt masked (PSTATE.I) at NS-EL2: a physical interrupt that arrives while a guest runs
 * is an exit (role_vcpu_exit), and nshyp takes the others itself with nshyp_irq_handle() when
 * it looks (after a preempted call, in its idle wait, in a stopped guest's clean-up).
 */
#ifndef HYP_ROLE_NSHYP_IRQ_H
#define HYP_ROLE_NSHYP_IRQ_H

#include <arch/sysreg.h>
#include <stdbool.h>
#include <stdint.h>

/* PPI 26: the EL2 physical timer (CNTHP), nshyp's scheduler tick (COMMON contract). */
#define NSHYP_TICK_INTID 26u

struct nshyp_irq_stats {
	unsigned long ticks;  /* PPI 26 taken */
	unsigned long routed; /* other INTIDs: handed to the virtual GIC (vgic_route_physical) */
};
extern struct nshyp_irq_stats nshyp_irq_stats;

/*
 * The CPU interface (EOImode 1, priority mask open, Group 1 on) and the tick's PPI are set up
 * with the virtual GIC's PPIs, once (vgic_hw_init(), from role_arch_init()).
 */
/*
 * Acknowledge every pending physical interrupt (at most a bounded number, so that a storm
 * cannot keep nshyp here): the tick is stopped and deactivated, anything else goes to the
 * guests' side. True if the tick was among them.
 */
bool nshyp_irq_handle(void);
/* The tick: fire at counter value `cval`, or not at all. */
void nshyp_tick_arm_at(uint64_t cval);
void nshyp_tick_stop(void);
/* The physical counter (the guests' virtual counter too: CNTVOFF_EL2 = 0). */
uint64_t nshyp_now(void);
/* `us` microseconds in counter ticks (CNTFRQ_EL0): the quantum. */
uint64_t nshyp_us_to_ticks(uint32_t us);
struct vcpu;
/*
 * The counter value at which vCPU `v`'s virtual timer asserts its interrupt (enabled, not
 * masked by the guest); false if it never will as programmed. Reads the live registers if
 * `v` is loaded, else what was saved at its switch.
 */
bool nshyp_vtimer_deadline(const struct vcpu *v, uint64_t *cval);
/* The loaded vCPU's virtual timer is enabled (a first test, cheap enough for every request). */
#define CNTV_ENABLE 1u
static inline bool nshyp_loaded_vtimer_enabled(void)
{
	return (read_sysreg(cntv_ctl_el0) & CNTV_ENABLE) != 0;
}
/* Wait for an interrupt at EL2 (masked: WFI wakes on it, nshyp_irq_handle() takes it). */
void nshyp_idle(void);

#endif /* HYP_ROLE_NSHYP_IRQ_H */
