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

static const struct sys_sp sps[] = {
	{
	    .name = "I",
	    .image = "irq_sp",
	    .ffa_id = IRQ_SP_ID,
	    .uuid = { 0x49, 0x52, 0x51, 0x2d, 0x53, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	    .properties = 0x103, /* AArch64, sends and receives direct requests */
	    .mem = { .pa = 0x0e100000, .ipa = IRQ_SP_IPA, .size = 0x10000, .entry_offset = 0 },
	    .devs = { SECURE_UART },
	    .dev_count = 1,
	    .irqs = { SYS_IRQ_SEC_TIMER },
	    .irq_count = 1,
	    .boot_arg = IRQ_SP_SCENARIO,
	},
};

static const struct sys_vm vms[] = {
	GUEST_VM("client", 1, 0x40400000, SCENARIO_DEMO, "I"),
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
