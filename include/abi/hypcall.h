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
 * switches the EL1 timers with the world), so a test guest uses it to interrupt a partition in
 * the middle of a request (nshyp takes it itself if it fires while the guest runs).
 */
#define HYPCALL_TEST_EL2_TIMER 0x86000002u

/*
 * HYPCALL_INTERRUPT_GET (the SPMC, from a partition at S-EL1; like Hafnium's HF_INTERRUPT_GET):
 * x0 = the INTID of a virtual interrupt pending for the caller (signalled with a virtual IRQ,
 * HCR_EL2.VI, while it ran), removed from its pending set; the virtual IRQ is cleared when none
 * is left. x0 = 1023 if none is pending. x1-x17 are preserved. Anyone else (a guest, or
 * nshyp's EL2 through the monitor) gets SMC_UNK (-1). docs/abi/ffa.md, "Secure interrupts".
 */
#define HYPCALL_INTERRUPT_GET  0x86000010u
#define HYPCALL_INTERRUPT_NONE 1023u

/*
 * HYPCALL_TEST_GUEST_STOP (nshyp's test variant only): stop the guest with VM ID x1 as if it
 * had faulted (cleaned up, out of the run queue), so that a scheduling test can end a guest
 * that never ends itself; x0 = 0, or -2 if x1 names no live guest.
 */
#define HYPCALL_TEST_GUEST_STOP 0x86000003u

/*
 * HYPCALL_ATTEST (SPMC only, from a partition; product and test images): the partition's
 * request for an attestation token. x1 = IPA of a 4 KiB-aligned page of its own memory that
 * holds a struct attest_req (include/abi/attest.h), x2 = the bytes of that page the SPMC may
 * write (the token's room, at most 4096). Returns x0 = 0 and x1 = the token's length, the token
 * written at the start of the page, or x0 = a negative FF-A error code. docs/abi/attestation.md.
 */
#define HYPCALL_ATTEST 0x86000020u

#endif /* ABI_HYPCALL_H */
