// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: secure_irq with a partition whose handler never silences its secure timer, a
 * level source that fires again as soon as each handler's run ends (test/sys/test_secure_irq.py):
 * the SPMC must disable it so that the normal world runs again.
 */
#define IRQ_SP_SCENARIO IRQ_SP_STORM
#include "secure_irq.c"
