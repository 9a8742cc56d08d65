/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The secure-interrupt test partition (test/payloads/irq_sp) and its client at NS-EL2
 * (test/payloads/irq_ns) agree on these: the partition's boot_arg (its scenario) and the
 * direct-request commands in w3.
 */
#ifndef TEST_PAYLOADS_IRQ_SP_H
#define TEST_PAYLOADS_IRQ_SP_H

#define IRQ_SP_IPA 0x20000000 /* where the partition is linked */
#define IRQ_SP_ID  0x8001     /* its FF-A ID in the test systems */

/* boot_arg: what the partition does with the secure timer (CNTPS, PPI 29). */
#define IRQ_SP_HANDLE 0u /* arm it, handle IRQ_SP_ROUNDS interrupts (re-arming), then stop */
#define IRQ_SP_ABORT  1u /* arm it, then report an error (FFA_ERROR): it aborts, the timer fires */
#define IRQ_SP_STORM  2u /* arm it and never silence it: a level storm the SPMC must bound */

#define IRQ_SP_ROUNDS 5u
#define IRQ_SP_PERIOD 2000u /* counter ticks between two interrupts (32 us at 62.5 MHz) */

/* Direct requests (w3): the answer's w3-w6. */
#define IRQ_SP_CMD_STATUS                                                                          \
	1u /* w3 interrupts handled, w4 wrong ones, w5 HYPCALL_INTERRUPT_GET's                     \
	      answer in the first handler, w6 INTIDs it read with that call */

#endif
