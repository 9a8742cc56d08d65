// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system for secure interrupts (test/sys/test_secure_irq.py): partition "I" is the
 * secure-interrupt test partition (test/payloads/irq_sp), owning the secure timer
 * (CNTP, PPI 30), which it arms; the normal world is irq_ns at NS-EL2 (no nshyp), spinning with
 * known registers while the timer fires. VM 1's entry only gives irq_ns its binding to "I".
 */
#include "../../payloads/irq_sp/irq_sp.h"
#include "common.h"

#ifndef IRQ_SP_SCENARIO
#define IRQ_SP_SCENARIO IRQ_SP_HANDLE
#endif

/* secure_irq_probe.c: first a partition that is not the timer's owner, bound to VM 1 too. */
#ifdef IRQ_SP_WITH_PROBER
#define IRQ_SP_PROBER IRQ_SP_DESC("P", IRQ_SP_PROBE_ID, 0x0e200000, 2, IRQ_SP_PROBE),
#define IRQ_SP_NAMES  "I", "P"
#else
#define IRQ_SP_PROBER
#define IRQ_SP_NAMES "I"
#endif

static const struct sys_sp sps[] = {
	IRQ_SP_PROBER IRQ_SP_DESC("I", IRQ_SP_ID, 0x0e100000, 1, IRQ_SP_SCENARIO,
				  .irqs = { SYS_IRQ_SEC_TIMER }, .irq_count = 1),
};

static const struct sys_vm vms[] = {
	GUEST_VM("client", 1, 0x40400000, SCENARIO_DEMO, IRQ_SP_NAMES),
};

const struct sys_desc system_desc = {
	.name = "secure_irq",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.ns_el2_image = "irq_ns",
};
