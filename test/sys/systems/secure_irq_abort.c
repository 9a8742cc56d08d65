// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: secure_irq with a partition that arms its secure timer and then aborts, so
 * that the interrupt fires for a partition that is gone (test/sys/test_secure_irq.py).
 */
#define IRQ_SP_SCENARIO IRQ_SP_ABORT
#include "secure_irq.c"
