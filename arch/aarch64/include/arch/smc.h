/* SPDX-License-Identifier: BSD-3-Clause */
/* Issue an SMC or HVC with x0-x7 in and out (SMCCC v1.1 register use). */
#ifndef ARCH_SMC_H
#define ARCH_SMC_H

#include <abi/ffa.h>

/*
 * What the callee may change besides x0-x7. The hypervisors reserve x9-x17 for their lower EL
 * (Makefile HYP_FIXED_REGS): they hold a vCPU's live values, which the monitor keeps across an
 * SMC (SMCCC: x4-x17 are preserved unless results, and the monitor returns only x0-x7).
 */
#ifdef HYP_FIXED_X9_X17
#define ARCH_CALL_CLOBBERS "x8", "memory"
#else
#define ARCH_CALL_CLOBBERS                                                                         \
	"x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "memory"
#endif

#define ARCH_CALL(insn)                                                                            \
	register uint64_t r0 __asm__("x0") = in.x[0];                                              \
	register uint64_t r1 __asm__("x1") = in.x[1];                                              \
	register uint64_t r2 __asm__("x2") = in.x[2];                                              \
	register uint64_t r3 __asm__("x3") = in.x[3];                                              \
	register uint64_t r4 __asm__("x4") = in.x[4];                                              \
	register uint64_t r5 __asm__("x5") = in.x[5];                                              \
	register uint64_t r6 __asm__("x6") = in.x[6];                                              \
	register uint64_t r7 __asm__("x7") = in.x[7];                                              \
	__asm__ volatile(insn                                                                      \
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),   \
			   "+r"(r7)                                                                \
			 :                                                                         \
			 : ARCH_CALL_CLOBBERS);                                                    \
	struct ffa_value out = { { r0, r1, r2, r3, r4, r5, r6, r7 } };                             \
	return out

static inline struct ffa_value arch_smc(struct ffa_value in)
{
	ARCH_CALL("smc #0");
}

static inline struct ffa_value arch_hvc(struct ffa_value in)
{
	ARCH_CALL("hvc #0");
}

/* SMC with x0-x7 taken from and returned into *v (the hot path: no intermediate copies). */
static inline void arch_smc_inplace(struct ffa_value *v)
{
	register uint64_t r0 __asm__("x0") = v->x[0];
	register uint64_t r1 __asm__("x1") = v->x[1];
	register uint64_t r2 __asm__("x2") = v->x[2];
	register uint64_t r3 __asm__("x3") = v->x[3];
	register uint64_t r4 __asm__("x4") = v->x[4];
	register uint64_t r5 __asm__("x5") = v->x[5];
	register uint64_t r6 __asm__("x6") = v->x[6];
	register uint64_t r7 __asm__("x7") = v->x[7];

	__asm__ volatile("smc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
			   "+r"(r7)
			 :
			 : ARCH_CALL_CLOBBERS);
	v->x[0] = r0;
	v->x[1] = r1;
	v->x[2] = r2;
	v->x[3] = r3;
	v->x[4] = r4;
	v->x[5] = r5;
	v->x[6] = r6;
	v->x[7] = r7;
}

#endif /* ARCH_SMC_H */
