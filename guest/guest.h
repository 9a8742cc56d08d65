/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The scenarios guest.c switches to that live in their own files: the demo app
 * (guest/demo_app.c) and the test suites in test/payloads/guest/ (<name>.c).
 */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <abi/ffa.h>
#include <stdint.h>

void guest_bench(ffa_id_t self, uint64_t arg, uint64_t boot_ticks);
void guest_conformance(ffa_id_t self, unsigned visible);
void guest_hostile(ffa_id_t self, unsigned calls);
void guest_state_check(ffa_id_t self, unsigned iterations);
void guest_demo_app(ffa_id_t self);
void guest_bench_attest(void); /* test/payloads/guest/bench_attest.c */
void guest_teec_conformance(ffa_id_t self, unsigned visible);
void guest_mem_test(ffa_id_t self, unsigned arg);
void guest_lifecycle(unsigned arg);
void guest_s2_drain(ffa_id_t self, unsigned arg);      /* s2_drain.c */
void guest_optee_raw(ffa_id_t self, unsigned arg);     /* optee_raw.c (helper "tos") */
void guest_mem_quota(ffa_id_t self, unsigned mode);    /* mem_quota.c */
void guest_leak_probe(ffa_id_t self, unsigned reader); /* leak_probe.c */
void guest_product_probe(ffa_id_t self);	       /* product_probe.c */
void guest_smccc_regs(ffa_id_t self, ffa_id_t tee);    /* smccc_regs.c */
void guest_stack_smash(void);			       /* hardening.c */
void guest_attacker(ffa_id_t self, unsigned part);     /* attacker.c */
void guest_optee_smc(unsigned arg);		       /* optee_smc.c */
void guest_preempt(ffa_id_t self, unsigned part);      /* preempt.c */
void guest_sched(ffa_id_t self, uint64_t arg);	       /* sched.c */
void guest_vm_msg(unsigned part);		       /* vm_msg.c */
void guest_vm_mem(unsigned part);		       /* vm_mem.c */
void guest_indirect(ffa_id_t self, unsigned part);     /* indirect.c */
/* fp_regs.S: FP/SIMD register patterns (seed 0: all zero); check: bitmask of mismatches */
void guest_fp_fill(uint64_t seed);
uint64_t guest_fp_check(uint64_t seed);

#endif
