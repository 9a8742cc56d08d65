/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port contract (docs/architecture.md §12): the CPU services portable code (lib/) uses.
 * Implemented by arch/<arch>/port.c.
 */
#ifndef PORT_CPU_H
#define PORT_CPU_H

#include <stdbool.h>
#include <stdint.h>

/* The free-running counter (AArch64: CNTVCT_EL0), read in order with the code before it. */
uint64_t port_counter(void);

/*
 * One hardware random number (AArch64: RNDR, FEAT_RNG): true with 64 random bits in *v; false
 * when the CPU has none or had no entropy this time (retry). Only where the ID registers may be
 * read without trapping (EL2 and EL3). It has no stack canary: stack_guard_init() calls it while
 * the guard changes.
 */
bool port_random(uint64_t *v);

#endif /* PORT_CPU_H */
