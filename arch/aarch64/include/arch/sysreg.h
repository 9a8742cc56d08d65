/* SPDX-License-Identifier: BSD-3-Clause */
/* System-register accessors and barriers for AArch64 (the arch contract's sysreg part). */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <stdbool.h>
#include <stdint.h>

#define read_sysreg(reg)                                                                           \
	({                                                                                         \
		uint64_t v_;                                                                       \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_));                                      \
		v_;                                                                                \
	})

#define write_sysreg(reg, val)                                                                     \
	do {                                                                                       \
		uint64_t v_ = (uint64_t)(val);                                                     \
		__asm__ volatile("msr " #reg ", %0" : : "r"(v_));                                  \
	} while (0)

static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

static inline void dsb_sy(void)
{
	__asm__ volatile("dsb sy" ::: "memory");
}

/* Make new stage-2 tables visible and drop stale translations for all VMIDs. */
static inline void arch_s2_tlb_flush_all(void)
{
	__asm__ volatile("dsb ishst; tlbi alle1is; dsb ish; isb" ::: "memory");
}

/*
 * Clean and invalidate [p, p+size) to the point of coherency (DC CIVAC), then DSB: for memory a
 * party with its caches off reads or wrote (docs/architecture.md, "Cache rules"). Written-back
 * lines reach memory; no line of the range stays cached to be read stale or evicted later.
 */
static inline void arch_dcache_clean_inval(const void *p, uint64_t size)
{
	uint64_t line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf); /* DminLine, in bytes */
	uint64_t a = (uint64_t)(uintptr_t)p & ~(line - 1);

	for (; a < (uint64_t)(uintptr_t)p + size; a += line)
		__asm__ volatile("dc civac, %0" ::"r"(a) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

/* Make code copied into memory executable (caches are not modelled by QEMU, but hardware needs it).
 */
static inline void arch_sync_icache(void)
{
	__asm__ volatile("dsb sy; ic iallu; dsb sy; isb" ::: "memory");
}

/* The virtual counter (CNTVCT_EL0), read in order with the instructions before it. */
static inline uint64_t arch_counter(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

/*
 * One RNDR read (FEAT_RNG): true with 64 random bits in *v; false when the CPU has no RNDR
 * (ID_AA64ISAR0_EL1.RNDR, bits [63:60]) or no entropy this time (NZCV.Z set: retry).
 */
static inline __attribute__((always_inline)) bool arch_rndr(uint64_t *v)
{
	uint64_t ok;

	if ((read_sysreg(id_aa64isar0_el1) >> 60) == 0)
		return false;
	__asm__ volatile("mrs %0, s3_3_c2_c4_0; cset %1, ne" : "=r"(*v), "=r"(ok) : : "cc");
	return ok != 0;
}

static inline unsigned arch_current_el(void)
{
	return (unsigned)(read_sysreg(CurrentEL) >> 2) & 3u;
}

/* Linear CPU index from MPIDR (QEMU virt: Aff0 = CPU number within cluster 0). */
static inline unsigned arch_cpu_index(void)
{
	return (unsigned)(read_sysreg(mpidr_el1) & 0xffu);
}

static inline void arch_wait_forever(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

/* ESR_ELx exception classes we dispatch on (Arm ARM D17.2.37). */
#define ESR_EC_SHIFT  26
#define ESR_EC_MASK   0x3fu
#define EC_UNKNOWN    0x00
#define EC_WFX	      0x01
#define EC_HVC64      0x16
#define EC_SMC64      0x17
#define EC_SYSREG     0x18
#define EC_IABT_LOWER 0x20
#define EC_DABT_LOWER 0x24
#define EC_BRK	      0x3c
/* ESR_ELx fields an injected exception sets (hyp/arch/aarch64/vm_arch.c). */
#define ESR_IL	     (1ull << 25) /* a 32-bit instruction */
#define ESR_DABT_WNR (1ull << 6)  /* data abort: a write */
#define ESR_FSC_SEA  0x10ull	  /* DFSC/IFSC: synchronous external abort, not on a walk */

static inline unsigned esr_ec(uint64_t esr)
{
	return (unsigned)(esr >> ESR_EC_SHIFT) & ESR_EC_MASK;
}

#endif /* ARCH_SYSREG_H */
