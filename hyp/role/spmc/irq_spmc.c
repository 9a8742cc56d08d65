// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's secure-interrupt bookkeeping (docs/abi/ffa.md, "Secure interrupts"): which
 * partition owns each Secure Group 1 INTID (the description's irqs[], through the SPMC's view),
 * and for each partition the INTIDs acknowledged for it, given to it, and signalled to it with
 * HCR_EL2.VI. ffa_spmc.c decides when a partition runs to handle one; this file only keeps the
 * sets and talks to the GIC through the arch hooks. A partition owns at most SYS_MAX_IRQS
 * INTIDs: one bit per entry of its description's list. The notification pending interrupt
 * (NPI, a virtual INTID: spmc.h SPMC_NPI_INTID) goes the same ways, after the partition's own.
 */
#include <lib/print.h>

#include "spmc.h"

/*
 * A level source that its partition never silences fires again as soon as the handler's run
 * ended, before the normal world runs one instruction: it would never run again. STORM_LIMIT
 * deliveries in a row to one partition, each taken within STORM_GAP counter ticks (100 us at
 * QEMU virt's 62.5 MHz) of the end of its run before, make a storm: that INTID is disabled at
 * the GIC until the next boot and reported. A device that interrupts that often for that long is
 * treated as broken (docs/abi/ffa.md, "Secure interrupts").
 */
#define STORM_LIMIT 64u
#define STORM_GAP   6250u

unsigned spmc_irq_dropped;
static struct sp *owners[SYS_IRQ_SPI_LAST + 1];
static struct log_limit drop_log;

_Static_assert(SYS_MAX_IRQS <= 8, "one bit per INTID in a uint8_t");

void spmc_irq_add_owner(struct sp *sp)
{
	for (unsigned i = 0; i < sp->cfg->irq_count && i < SYS_MAX_IRQS; i++)
		if (sp->cfg->irqs[i] <= SYS_IRQ_SPI_LAST) /* cfgtool checked it */
			owners[sp->cfg->irqs[i]] = sp;
}

/* The bit of `intid` in sp's sets. */
static uint8_t irq_bit(const struct sp *sp, uint32_t intid)
{
	for (unsigned i = 0; i < sp->cfg->irq_count && i < SYS_MAX_IRQS; i++)
		if (sp->cfg->irqs[i] == intid)
			return (uint8_t)(1u << i);
	return 0;
}

bool spmc_irq_owns(const struct sp *sp, uint32_t intid)
{
	return irq_bit(sp, intid) != 0;
}

/* The INTID of the lowest bit of `set` (not empty). */
static uint32_t irq_of(const struct sp *sp, uint8_t set)
{
	return sp->cfg->irqs[__builtin_ctz(set)];
}

/* One more delivery to `sp`: true when it makes a storm (the count starts again). */
static bool storming(struct sp *sp)
{
	if (spmc_arch_counter() - sp->irq_run_end >= STORM_GAP) {
		sp->irq_storm = 0;
		return false;
	}
	if (++sp->irq_storm < STORM_LIMIT)
		return false;
	sp->irq_storm = 0;
	return true;
}

struct sp *spmc_irq_take(uint32_t *intid)
{
	uint32_t id = spmc_arch_irq_ack();
	struct sp *sp;

	if (id >= 1020) /* spurious: it went away, or another CPU took it */
		return NULL;
	sp = id <= SYS_IRQ_SPI_LAST ? owners[id] : NULL;
	if (sp && storming(sp)) {
		spmc_arch_irq_deactivate(id);
		spmc_arch_irq_disable(id);
		printk("secure interrupt %u of partition 0x%x storms (%u in a row at once after "
		       "its handler): disabled\n",
		       (unsigned)id, sp->vm.id, STORM_LIMIT);
		return NULL;
	}
	if (!sp || sp->vm.vcpus[0].state == VCPU_ABORTED) {
		/* Not Group 1 Secure by the description, or its partition is gone: never delivered,
		 * and disabled so that a level source cannot keep the SPMC busy. */
		spmc_arch_irq_deactivate(id);
		spmc_arch_irq_disable(id);
		spmc_irq_dropped++;
		printk_limited(&drop_log,
			       "secure interrupt %u has no live partition: disabled (%u)\n",
			       (unsigned)id, spmc_irq_dropped);
		return NULL;
	}
	sp->irq_pending |= irq_bit(sp, id);
	*intid = id;
	return sp;
}

bool spmc_irq_next(struct sp *sp, uint32_t *intid)
{
	uint8_t bit;

	if (!sp->irq_pending && (sp->npi & SPMC_NPI_PENDING)) {
		sp->npi &= (uint8_t)~SPMC_NPI_PENDING;
		*intid = SPMC_NPI_INTID;
		return true;
	}
	if (!sp->irq_pending)
		return false;
	bit = sp->irq_pending & (uint8_t)-sp->irq_pending;
	*intid = irq_of(sp, bit);
	sp->irq_pending &= (uint8_t)~bit;
	sp->irq_active |= bit;
	return true;
}

/* Something is signalled to sp with HCR_EL2.VI and not read yet. */
static bool vi_wanted(const struct sp *sp)
{
	return sp->irq_vi || (sp->npi & SPMC_NPI_VI);
}

void spmc_irq_signal_running(struct sp *sp)
{
	sp->irq_active |= sp->irq_pending;
	sp->irq_vi |= sp->irq_pending;
	sp->irq_pending = 0;
	if (sp->npi & SPMC_NPI_PENDING)
		sp->npi = (uint8_t)((sp->npi & ~SPMC_NPI_PENDING) | SPMC_NPI_VI);
	spmc_arch_vi(vi_wanted(sp));
}

uint32_t spmc_irq_get(struct sp *sp)
{
	uint8_t bit;
	uint32_t intid = SPMC_NPI_INTID;

	if (!vi_wanted(sp))
		return SPMC_IRQ_NONE;
	if (sp->irq_vi) {
		bit = sp->irq_vi & (uint8_t)-sp->irq_vi;
		sp->irq_vi &= (uint8_t)~bit;
		intid = irq_of(sp, bit);
	} else {
		sp->npi &= (uint8_t)~SPMC_NPI_VI;
	}
	if (!vi_wanted(sp))
		spmc_arch_vi(false);
	return intid;
}

void spmc_irq_vi(struct sp *sp, bool on)
{
	spmc_arch_vi(on && vi_wanted(sp));
}

void spmc_irq_run_ended(struct sp *sp)
{
	sp->irq_run_end = spmc_arch_counter();
	for (uint8_t set = sp->irq_active; set; set &= (uint8_t)(set - 1))
		spmc_arch_irq_deactivate(irq_of(sp, set));
	sp->irq_active = sp->irq_vi = 0;
	/* An NPI it did not read is delivered again (nothing at the GIC would raise it again). */
	if (sp->npi & SPMC_NPI_VI) {
		sp->npi = (uint8_t)((sp->npi & ~SPMC_NPI_VI) | SPMC_NPI_PENDING);
		spmc_this_cpu()->on_return |= SPMC_RETURN_IRQ;
	}
	spmc_arch_vi(false);
}

/* The next one that fires is counted and disabled by spmc_irq_take(): one at most per INTID. */
void spmc_irq_partition_aborted(struct sp *sp)
{
	uint8_t held = sp->irq_active | sp->irq_pending;

	for (unsigned i = 0; i < sp->cfg->irq_count && i < SYS_MAX_IRQS; i++)
		if (held & (1u << i))
			spmc_arch_irq_deactivate(sp->cfg->irqs[i]);
	sp->irq_active = sp->irq_vi = sp->irq_pending = 0;
	sp->irq_preempted = sp->npi = 0;
	spmc_arch_vi(false);
}

/*
 * The NPI (FF-A v1.1 §10.7.1): raised once for the notifications that became pending since the
 * partition's last GET; delivered before the normal world runs again (SPMC_RETURN_IRQ: an
 * interrupt run if it is WAITING) or when FFA_RUN resumes it.
 */
void spmc_npi_raise(struct sp *sp)
{
	if ((sp->npi & SPMC_NPI_SENT) || sp->vm.vcpus[0].state == VCPU_ABORTED)
		return;
	sp->npi |= SPMC_NPI_PENDING | SPMC_NPI_SENT;
	spmc_this_cpu()->on_return |= SPMC_RETURN_IRQ;
}

void spmc_npi_got(struct sp *sp, bool empty)
{
	sp->npi &= (uint8_t)~SPMC_NPI_SENT;
	if (empty)
		sp->npi &= (uint8_t)~SPMC_NPI_PENDING;
}
