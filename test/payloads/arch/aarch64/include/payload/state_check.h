/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test helpers for EL1 payloads that prove state survives every switch:
 * GPRs x8-x30 across one call (test/payloads/arch/aarch64/el1_call_check.S)
 * and the EL1 system registers a payload owns across any number of calls
 * (test/payloads/arch/aarch64/el1_state.c). Linked into the test guest and
 * tos_test only; not part of the arch contract.
 */
#ifndef PAYLOAD_STATE_CHECK_H
#define PAYLOAD_STATE_CHECK_H

#include <abi/ffa.h>
#include <stdint.h>

uint64_t arch_hvc_check_gprs(struct ffa_value *v, uint64_t seed);
uint64_t arch_smc_check_gprs(struct ffa_value *v, uint64_t seed);

/* Write seed-derived patterns into the EL1 registers a payload owns; check them later. */
void arch_el1_state_fill(uint64_t seed);
/* Bitmask of those registers that no longer hold their pattern (0: all intact). */
uint64_t arch_el1_state_check(uint64_t seed);
/* The same for the pointer-authentication keys (bits 20-29), normal-world guests only. */
void arch_el1_pac_fill(uint64_t seed);
uint64_t arch_el1_pac_check(uint64_t seed);
/* Mask every exception at EL1 (PSTATE.DAIF), returning what to restore; and restore it. */
uint64_t arch_el1_mask_all(void);
void arch_el1_mask_restore(uint64_t daif);

#endif
