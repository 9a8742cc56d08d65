/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The secure-interrupt test partition (test/payloads/irq_sp) and its client at NS-EL2
 * (test/payloads/irq_ns) agree on these: the partition's boot_arg (its scenario) and the
 * direct-request commands in w3.
 */
#ifndef TEST_PAYLOADS_IRQ_SP_H
#define TEST_PAYLOADS_IRQ_SP_H

#define IRQ_SP_IPA	0x20000000 /* where the partition is linked */
#define IRQ_SP_ID	0x8001	   /* its FF-A ID in the test systems */
#define IRQ_SP_PROBE_ID 0x8002	   /* a second instance, IRQ_SP_PROBE, in secure_irq_probe */

/* boot_arg: what the partition does with the secure timer (CNTP, PPI 30). */
#define IRQ_SP_HANDLE 0u /* arm it, handle IRQ_SP_ROUNDS interrupts (re-arming), then stop */
#define IRQ_SP_ABORT  1u /* arm it, then report an error (FFA_ERROR): it aborts, the timer fires */
#define IRQ_SP_STORM  2u /* arm it and never silence it: a level storm the SPMC must bound */
/* Not the timer's owner: try to read and stop it (at boot and in each IRQ_SP_CMD_PROBE); each
 * access must be UNDEFINED (the SPMC gives CNTP to its owner only). */
#define IRQ_SP_PROBE 3u

/* A description's entry for an instance (test/sys/systems/secure_irq*.c, after their common.h):
 * name, FF-A ID, PA, the last byte of its UUID, boot_arg, then any more fields (its irqs). */
/* clang-format off */
#define IRQ_SP_DESC(nm, id, pa_, uuid_last, arg, ...)                                              \
	{                                                                                          \
		.name = nm, .image = "irq_sp", .ffa_id = id,                                       \
		.uuid = { 0x49, 0x52, 0x51, 0x2d, 0x53, 0x50, 0, 0, 0, 0, 0, 0, 0, 0, 0, uuid_last }, \
		.properties = 0x103, /* AArch64, sends and receives direct requests */             \
		.mem = { .pa = pa_, .ipa = IRQ_SP_IPA, .size = 0x10000, .entry_offset = 0 },       \
		.devs = { SECURE_UART }, .dev_count = 1, .boot_arg = arg, __VA_ARGS__              \
	}
/* clang-format on */

#define IRQ_SP_ROUNDS 5u
#define IRQ_SP_PERIOD 2000u /* counter ticks between two interrupts (32 us at 62.5 MHz) */

/* Direct requests (w3): the answer's w3-w6. */
#define IRQ_SP_CMD_STATUS                                                                          \
	1u /* w3 interrupts handled, w4 wrong ones, w5 HYPCALL_INTERRUPT_GET's                     \
	      answer in the first handler, w6 INTIDs it read with that call */

#define IRQ_SP_CMD_PROBE 2u /* IRQ_SP_PROBE: w3 accesses UNDEFINED, w4 accesses tried */
#define IRQ_SP_PROBES	 3u /* accesses per probe: read CTL, write CVAL, write CTL */

#endif
