/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The boot-argument ABI between a system description and the payloads it
 * loads: the value in x0 at a payload's first entry (the `boot_arg` field of
 * config/include/config/system.h). Written by the descriptions (through the
 * macros of config/systems/common.h) and read by the bare-metal guest payload
 * (guest/, test/payloads/guest/), the trusted OS (tos/tos.c, tos/ta_mgr.c) and
 * its test code (tos/test/). docs/system-description.md, docs/tos.md.
 *
 * A guest's boot_arg: the scenario number in bits [7:0] (GUEST_*), its
 * parameters above. A trusted-OS instance's: the test scenario in bits [31:0]
 * (TOS_*: test builds only), the TAs it hosts in bits [47:32] (TOS_TAS), its
 * memory size in MiB in bits [55:48] (TOS_MEM_ARG; 0 means 1 MiB), bit 56
 * TOS_ARG_TIMER if it owns the secure timer (CNTP, PPI 30; docs/tos.md §3.1).
 */
#ifndef ABI_SCENARIO_H
#define ABI_SCENARIO_H

#include <stdint.h>

/* The TAs a trusted-OS instance hosts (built into the tos image; the instance picks). The test
 * TA is built into the test variant tos_test only: TA_TEST needs a test build. */
#define TA_WALLET	      (1u << 0) /* ta/wallet */
#define TA_VAULT	      (1u << 1) /* ta/vault */
#define TA_TEST		      (1u << 2) /* ta/test */
#define TOS_TAS(mask)	      ((uint64_t)(mask) << 32)
#define TOS_ARG_TAS(arg)      ((unsigned)((arg) >> 32) & 0xffffu)
#define TOS_MEM_ARG(sz)	      (((uint64_t)(sz) >> 20 & 0xffu) << 48)
#define TOS_ARG_MIB(arg)      ((unsigned)((arg) >> 48) & 0xffu)
#define TOS_ARG_SCENARIO(arg) ((uint32_t)(arg))
/* This instance owns the secure timer, the EL1 physical timer CNTP, PPI 30 (the description
 * also lists 30 in its irqs; the SPMC lets no other partition reach CNTP): only one TOS may, the
 * timer is not switched between partitions. Without it: no time slices. */
#define TOS_ARG_TIMER (1ull << 56)

/* Scenario numbers passed as boot_arg; the payloads switch on them (low 8 bits). */
/* clang-format off */
#define SCENARIO_DEMO           0
#define GUEST_TOUCH_OTHER_GUEST 1 /* guest reads the PA of another guest */
#define GUEST_TOUCH_SECURE      2 /* guest reads secure RAM */
#define GUEST_UNKNOWN_CALLS     3 /* guest issues unknown SMC/HVC IDs */
#define GUEST_BENCH             4 /* benchmarks: 15:8 TEEs, 30:16 traced round trips, 31 alternate */
#define BENCH_ATTEST            (1ull << 32) /* GUEST_BENCH: attestation tokens only (bench_attest.c) */
/* GUEST_BENCH with traced round trips: bits 39:36 pick another operation (0: direct) */
#define BENCH_ARG_OP(op)            ((uint64_t)(op) << 36)
#define BENCH_ARG_TRACE_OP(arg)     ((unsigned)((arg) >> 36) & 0xf)
#define BENCH_OP_TEEC_INVOKE_VALUE    1
#define BENCH_OP_TEEC_OPEN_CLOSE      2
#define BENCH_OP_TEEC_OPEN_CLOSE_COLD 3
#define BENCH_OP_TEEC_MEMREF_4K       4
#define BENCH_OP_TEEC_MEMREF_64K      5
#define BENCH_OP_TEEC_MEMREF_4K_COPY  6 /* the same memref ops through bounce buffers */
#define BENCH_OP_TEEC_MEMREF_64K_COPY 7
#define BENCH_OP_PSCI_FEATURES        8 /* a guest call nshyp answers in its general handler */
#define GUEST_CONFORMANCE       5 /* FF-A conformance; bits 15:8 = partitions it may see */
#define GUEST_HOSTILE           6 /* random hostile calls; bits 31:8 = how many */
#define GUEST_STATE_CHECK       7 /* registers and EL1/EL2 state survive; bits 31:8 = calls */
#define GUEST_MEM               8 /* FF-A memory management checks; bit 8: bound to TEE B too */
#define GUEST_OPTEE_RAW         16 /* raw OP-TEE FF-A ABI checks against TEE 0x8002; bits 15:8 test/payloads/guest/optee_raw.c */
#define GUEST_TEEC_DEMO         9 /* the demo app: wallet in "pay", photo in "vault" (libteec) */
#define GUEST_TEEC_CONFORMANCE 10 /* GP Client API conformance; bits 15:8 = TEEs it may reach */
#define GUEST_LIFECYCLE        11 /* dies in a TEE call (bit 8) or checks the TA serves it */
#define GUEST_S2_DRAIN         20 /* lend/share a page per 2 MiB block; 15:8 blocks, 23:16 rounds */
#define GUEST_MEM_QUOTA        12 /* memory reservations; bits 15:8 test/payloads/guest/mem_quota.c */
#define GUEST_LEAK_PROBE       13 /* EL1 registers another guest left behind; bit 8: reader */
#define GUEST_PRODUCT_PROBE    14 /* test commands to product TEEs "pay"/"vault" around GP calls */
#define GUEST_SMCCC_REGS       17 /* SMCCC/FF-A register rules: x1-x17 kept or zeroed as due */
#define GUEST_STACK_SMASH      18 /* overruns a stack buffer: the stack protector must panic it */
#define GUEST_ATTACKER         19 /* issue 10 attacks on product images; bit 8: TEEs, else platform */
#define GUEST_OPTEE_SMC        21 /* minimal OP-TEE SMC driver via nshyp's mediator; 15:8 test/payloads/guest/optee_smc.c */
#define GUEST_PREEMPT          22 /* NS interrupts preempt TEE calls; vGIC, FP ownership; 15:8 below */
#define PREEMPT_OWNER           0 /*   vGIC and FP: preemption cases, leaves a mess, faults */
#define PREEMPT_NEXT            1 /*   next: finds its own clean vGIC and zero FP registers */
#define PREEMPT_BARE            2 /*   no FP: EL2 state intact, FP/SIMD traps */
#define PREEMPT_HOSTILE         3 /*   writes every GIC register, floods SGIs: harms only itself */
#define GUEST_SCHED            23 /* nshyp's scheduling; 15:8 the part below, 47:16 test/payloads/guest/sched.c */
#define SCHED_SPIN              0 /*   spins forever */
#define SCHED_PROGRESS          1 /*   prints progress, then stops VMs 31:16, 47:32, 63:48 */
#define SCHED_WAITER            2 /*   waits for its virtual timer with WFI */
#define SCHED_WILD              3 /*   virtual timer firing, every exception masked */
#define SCHED_TEE_SPIN          4 /*   a long TEE B computation, stopped in the middle */
#define SCHED_TEE_CALLS         5 /*   many short TEE A requests while ticks land */
#define SCHED_FP                6 /*   FP/SIMD registers kept across slices */
#define SCHED_BENCH             7 /*   computes 31:16 ms: the guest-switch benchmark */
#define SCHED_HOLD              8 /*   leaves TEE A yielded in its request, never resumes it */
#define SCHED_BUSY_WAIT         9 /*   requests TEE A until BUSY, then stops VM 31:16 */
#define SCHED_DEV_STORM         10 /*  its device's SPI (the RTC) left asserted, taken 2000 times */
#define SCHED_DESTROY_SPIN      11 /*  makes TEE A spin without end in its VM_DESTROYED message */
#define SCHED_AFTER_SPIN        12 /*  then asks TEE A (BUSY) and TEE B (answers) */
#define GUEST_VM_MSG           24 /* VM-to-VM direct messages; 15:8 the part below (test/payloads/guest/vm_msg.c) */
#define VM_MSG_SERVER           0 /*   waits in FFA_MSG_WAIT, answers w3 squared */
#define VM_MSG_CLIENT           1 /*   requests of both widths, the refusals, the server's end */
#define VM_MSG_THIRD            2 /*   outside the server's binding: DENIED; the client: BUSY */
#define VM_MSG_GONER            3 /*   the server ends it while it waits for the answer (test hook) */
#define GUEST_INDIRECT         25 /* FF-A indirect messages; 15:8 the part below (test/payloads/guest/indirect.c) */
#define INDIRECT_RECEIVER       0 /*   partition to VM, then waits for VM-to-VM messages */
#define INDIRECT_SENDER         1 /*   every direction through TEEs A and B and to the receiver */
#define GUEST_VM_MEM           28 /* VM-to-VM memory sharing; 15:8 the part below (test/payloads/guest/vm_mem.c) */
#define VM_MEM_LENDER           0 /*   lends, shares and donates to the borrower, checks both sides */
#define VM_MEM_BORROWER         1 /*   waits in FFA_MSG_WAIT, retrieves, touches, relinquishes as asked */

/* Trusted-OS test scenarios: only its test variant (tos_test) has them; they need test_build. */
#define TOS_TOUCH_OTHER_TOS     1 /* TOS reads the other TOS's memory on its first request */
#define TOS_ATTEST_PROBE       20 /* TOS probes HYPCALL_ATTEST on its first diagnostic request */
#define TOS_UNKNOWN_CALLS       2 /* TOS issues unknown SMC/HVC IDs at boot */
#define TOS_HOSTILE             3 /* TOS issues 3000 random SMC/HVC calls at boot */
#define TOS_STATE_CHECK         4 /* TOS checks its GPRs/EL1 state on every request */
#define TOS_KEEPS_GONE_CLIENTS_MEMORY 5 /* test commands' holds survive VM_DESTROYED */
/* clang-format on */

#endif /* ABI_SCENARIO_H */
