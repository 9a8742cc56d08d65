// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: secure_irq with a second partition "P" (irq_sp, scenario IRQ_SP_PROBE) that is
 * not the secure timer's owner and tries to read and stop it, at boot and in requests between
 * the owner's interrupts (test/sys/test_secure_irq.py): each access must be UNDEFINED, and "I"
 * must still get all its interrupts. P boots first and the owner last, so the owner's access
 * at boot is what the SPMC's EL2 configuration had when the monitor kept it.
 */
#include "../../payloads/irq_sp/irq_sp.h"
#include "common.h"

static const struct sys_sp sps[] = {
	{
	    .name = "P",
	    .image = "irq_sp",
	    .ffa_id = IRQ_SP_PROBE_ID,
	    .uuid = { 0x49, 0x52, 0x51, 0x2d, 0x53, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 },
	    .properties = 0x103, /* AArch64, sends and receives direct requests */
	    .mem = { .pa = 0x0e200000, .ipa = IRQ_SP_IPA, .size = 0x10000, .entry_offset = 0 },
	    .devs = { SECURE_UART },
	    .dev_count = 1,
	    .boot_arg = IRQ_SP_PROBE,
	},
	{
	    .name = "I",
	    .image = "irq_sp",
	    .ffa_id = IRQ_SP_ID,
	    .uuid = { 0x49, 0x52, 0x51, 0x2d, 0x53, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 },
	    .properties = 0x103,
	    .mem = { .pa = 0x0e100000, .ipa = IRQ_SP_IPA, .size = 0x10000, .entry_offset = 0 },
	    .devs = { SECURE_UART },
	    .dev_count = 1,
	    .irqs = { SYS_IRQ_SEC_TIMER },
	    .irq_count = 1,
	    .boot_arg = IRQ_SP_HANDLE,
	},
};

static const struct sys_vm vms[] = {
	GUEST_VM("client", 1, 0x40400000, SCENARIO_DEMO, "I", "P"),
};

const struct sys_desc system_desc = {
	.name = "secure_irq_probe",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.ns_el2_image = "irq_ns",
};
