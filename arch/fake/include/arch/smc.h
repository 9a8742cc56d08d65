/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host "fake" architecture: SMC and HVC for code built on the host (the
 * endpoint libraries in lib/). There is no higher exception level; the call
 * goes to fake_smc(), which the test harness provides and which plays
 * whatever sits above the caller (the SPMC, nshyp, a scripted answer).
 */
#ifndef ARCH_SMC_H
#define ARCH_SMC_H

#include <abi/ffa.h>

/* Provided by the test harness: x0-x7 in, x0-x7 out. */
struct ffa_value fake_smc(struct ffa_value in);

static inline struct ffa_value arch_smc(struct ffa_value in)
{
	return fake_smc(in);
}

static inline struct ffa_value arch_hvc(struct ffa_value in)
{
	return fake_smc(in);
}

static inline void arch_smc_inplace(struct ffa_value *v)
{
	*v = fake_smc(*v);
}

#endif /* ARCH_SMC_H */
