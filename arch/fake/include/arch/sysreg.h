/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host "fake" architecture: the system-register part of the arch contract
 * that hypervisor code built on the host uses. There are no TLBs: a flush
 * is counted (fake_tlb_flushes, hyp/arch/fake/vm_arch.c), so a harness can
 * check that every stage-2 change is followed by one.
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdint.h>

extern unsigned long fake_tlb_flushes;

static inline void arch_s2_tlb_flush_all(void)
{
	fake_tlb_flushes++;
}

/* No caches on the host: cache maintenance has nothing to do. */
static inline void arch_dcache_clean_inval(const void *p, uint64_t size)
{
	(void)p;
	(void)size;
}

#endif /* ARCH_SYSREG_H */
