// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark system: the secure timer's interrupt to its partition's handler while the normal
 * world runs (BENCH secure_timer_to_sp, printed by the partition). The test system secure_irq.
 */
#include "../../test/sys/systems/secure_irq.c"
