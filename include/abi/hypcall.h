/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tessera's own hypervisor calls (SMCCC vendor-specific hypervisor service,
 * owner 6), answered by whichever hypervisor traps the call: nshyp for a
 * guest, the SPMC for a partition. Documented in docs/abi/smc.md.
 */
#ifndef ABI_HYPCALL_H
#define ABI_HYPCALL_H

/*
 * HYPCALL_STATE_CHECK: returns in x0 a bitmask of the hypervisor's own EL2
 * control registers (and the caller's stage-2 roots) whose live value
 * differs from what the hypervisor programmed; 0 means all intact. Used by
 * the tests that prove world and partition switches preserve EL2 state.
 */
#define HYPCALL_STATE_CHECK 0x86000001u

/*
 * HYPCALL_TEST_EL2_TIMER (nshyp's test variant only): arm nshyp's EL2 physical timer (CNTHP,
 * PPI 26) to fire x1 counter ticks from now, or disarm it for x1 = 0; x0 = 0. It is the one
 * Non-secure interrupt source that keeps running while the secure world runs (the monitor
 * switches the EL1 timers with the world), so a test guest that owns the GIC uses it to
 * interrupt a partition in the middle of a request.
 */
#define HYPCALL_TEST_EL2_TIMER 0x86000002u

/*
 * HYPCALL_ATTEST (SPMC only, from a partition; product and test images): the partition's
 * request for an attestation token. x1 = IPA of a 4 KiB-aligned page of its own memory that
 * holds a struct attest_req (include/abi/attest.h), x2 = the bytes of that page the SPMC may
 * write (the token's room, at most 4096). Returns x0 = 0 and x1 = the token's length, the token
 * written at the start of the page, or x0 = a negative FF-A error code. docs/abi/attestation.md.
 */
#define HYPCALL_ATTEST 0x86000020u

#endif /* ABI_HYPCALL_H */
