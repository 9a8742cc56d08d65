// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's GIC hooks on the host (spmc.h, spmc_arch_*): a model of one CPU interface in
 * EOImode 1 for the unit tests. The test raises INTIDs (fake_gic_raise()); acknowledging takes the
 * first raised one and drops its priority; the test reads which INTIDs are active, deactivated,
 * disabled, and whether HCR_EL2.VI is set.
 */
#include <string.h>

#include "../../hyp/role/spmc/spmc.h"

#define FAKE_INTIDS 1024

uint32_t fake_gic_raised[16];
unsigned fake_gic_raised_count;
bool fake_gic_active[FAKE_INTIDS], fake_gic_disabled[FAKE_INTIDS];
unsigned fake_gic_deactivations, fake_gic_acks;
bool fake_vi;

void fake_gic_reset(void);
void fake_gic_raise(uint32_t intid);

/* The counter: a second (62.5 M ticks) per read unless a test sets the step (0: a storm). */
uint64_t fake_counter, fake_counter_step = 62500000;
uint64_t spmc_arch_counter(void)
{
	return fake_counter += fake_counter_step;
}

void fake_gic_reset(void)
{
	fake_gic_raised_count = fake_gic_deactivations = fake_gic_acks = 0;
	memset(fake_gic_active, 0, sizeof(fake_gic_active));
	memset(fake_gic_disabled, 0, sizeof(fake_gic_disabled));
	fake_vi = false;
	fake_counter = 0;
	fake_counter_step = 62500000;
}

void fake_gic_raise(uint32_t intid)
{
	if (fake_gic_raised_count < 16)
		fake_gic_raised[fake_gic_raised_count++] = intid;
}

void spmc_arch_irq_init(void)
{
}

uint32_t spmc_arch_irq_ack(void)
{
	uint32_t id;

	if (!fake_gic_raised_count)
		return SPMC_IRQ_NONE;
	id = fake_gic_raised[0];
	memmove(fake_gic_raised, fake_gic_raised + 1, --fake_gic_raised_count * sizeof(id));
	if (id < FAKE_INTIDS)
		fake_gic_active[id] = true;
	fake_gic_acks++;
	return id;
}

void spmc_arch_irq_deactivate(uint32_t intid)
{
	if (intid < FAKE_INTIDS && fake_gic_active[intid]) {
		fake_gic_active[intid] = false;
		fake_gic_deactivations++;
	}
}

void spmc_arch_irq_disable(uint32_t intid)
{
	if (intid < FAKE_INTIDS)
		fake_gic_disabled[intid] = true;
}

unsigned fake_sri_sent;
void spmc_arch_sri_send(void)
{
	fake_sri_sent++;
}

void spmc_arch_vi(bool on)
{
	fake_vi = on;
}

/* No EL2 timer control on the host: the gate is spmc_arch.c's (test_secure_irq_probe). */
void spmc_arch_timer_revoke(void)
{
}
