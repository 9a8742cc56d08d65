/* SPDX-License-Identifier: BSD-3-Clause */
/* What the trusted OS needs from its CPU besides translation (tos/arch/aarch64/cpu.c). */
#ifndef TOS_ARCH_H
#define TOS_ARCH_H

#include <stdint.h>

uint64_t tos_arch_counter(void);      /* the generic counter, in order with earlier code */
uint64_t tos_arch_counter_freq(void); /* its ticks per second (never 0) */
uint64_t tos_arch_random(void);	      /* 64 bits from the CPU's RNG (RNDR) */
/* Why the last exception from S-EL0 was taken: syndrome and fault address. */
uint64_t tos_arch_user_syndrome(void);
uint64_t tos_arch_user_fault_addr(void);
/* The EL0 thread register (TPIDR_EL0): switched per TA instance so none sees another's. */
uint64_t tos_arch_user_tls(void);
void tos_arch_set_user_tls(uint64_t v);
/*
 * The secure timer (the EL1 physical timer CNTP, PPI 30), if this instance owns it: raise its
 * interrupt at counter value `at`, or never for UINT64_MAX. Setting it also silences a timer
 * that fired. A fire is only a hint: the caller compares deadlines with the counter.
 */
void tos_arch_timer_set(uint64_t at);
/* The INTID of our pending virtual interrupt, taken from the SPMC (1023: none). */
uint32_t tos_arch_interrupt_get(void);
/* Is this syndrome a system call (SVC from AArch64)? */
int tos_arch_is_syscall(uint64_t syndrome);

#endif /* TOS_ARCH_H */
