// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: secure_irq with a second partition "P" (irq_sp, scenario IRQ_SP_PROBE) that is
 * not the secure timer's owner and tries to read and stop it, at boot and in requests between
 * the owner's interrupts (test/sys/test_secure_irq.py): each access must be UNDEFINED, and "I"
 * must still get all its interrupts. P boots first and the owner last, so the owner's access
 * at boot is what the SPMC's EL2 configuration had when the monitor kept it.
 */
#define IRQ_SP_WITH_PROBER
#include "secure_irq.c"
