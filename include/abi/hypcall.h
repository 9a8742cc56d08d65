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
 * HYPCALL_INTERRUPT_GET (the SPMC, from a partition at S-EL1): x0 = the INTID of a pending
 * virtual interrupt of the caller, taken out of its pending set (the virtual IRQ line drops
 * when none is left), or 1023 if none is pending. Like Hafnium's HF_INTERRUPT_GET. (Defined
 * by H-GIC's SPMC work; the trusted OS reads it when its TA's virtual IRQ is taken.)
 */
#define HYPCALL_INTERRUPT_GET 0x86000010u

#endif /* ABI_HYPCALL_H */
