// SPDX-License-Identifier: BSD-3-Clause
/*
 * EL1 system-register patterns for the state-survival tests: a payload
 * fills the registers it owns with values derived from a seed (different
 * per guest and per partition) and checks them after many calls. Any
 * monitor or hypervisor that forgot to switch one of them between worlds,
 * guests or partitions shows up as a set bit. Only registers whose every
 * written bit reads back are used, so the check cannot fail by itself.
 * Registers a payload does NOT own are written too and must read as zero
 * (their hypervisor traps them: RAZ/WI); a value there is a missing trap.
 */
#include <arch/sysreg.h>
#include <payload/state_check.h>

#define PATTERN(seed, n) ((seed) ^ (0x1111111111111111ull * (n)))
#define ALIGNED(v)	 ((v)&0x0000fffffffff000ull) /* table bases / stack: aligned, 48 bits */
#define LOW32(v)	 ((v)&0xffffffffull)
#define CNTKCTL_BITS	 0x303ull /* EL0 counter and timer access; no event stream */

/* The pointer-authentication key registers (APIA, APIB, APDA, APDB, APGA; Lo, Hi). */
/* clang-format off */
#define PAC_KEYS(X) \
	X(S3_0_C2_C1_0, 0) X(S3_0_C2_C1_1, 1) X(S3_0_C2_C1_2, 2) X(S3_0_C2_C1_3, 3) \
	X(S3_0_C2_C2_0, 4) X(S3_0_C2_C2_1, 5) X(S3_0_C2_C2_2, 6) X(S3_0_C2_C2_3, 7) \
	X(S3_0_C2_C3_0, 8) X(S3_0_C2_C3_1, 9)
/* clang-format on */

void arch_el1_state_fill(uint64_t seed)
{
	write_sysreg(tpidr_el1, PATTERN(seed, 1));
	write_sysreg(tpidr_el0, PATTERN(seed, 2));
	write_sysreg(tpidrro_el0, PATTERN(seed, 3));
	write_sysreg(contextidr_el1, PATTERN(seed, 4) & 0xffffffffu);
	write_sysreg(mair_el1, PATTERN(seed, 5));
	write_sysreg(cntv_cval_el0, PATTERN(seed, 6));
	write_sysreg(ttbr0_el1, ALIGNED(PATTERN(seed, 7)));
	write_sysreg(ttbr1_el1, ALIGNED(PATTERN(seed, 8)));
	write_sysreg(far_el1, PATTERN(seed, 9));
	write_sysreg(sp_el0, ALIGNED(PATTERN(seed, 10)));
	write_sysreg(elr_el1, ALIGNED(PATTERN(seed, 11)));
	write_sysreg(spsr_el1, LOW32(PATTERN(seed, 12)) & 0xf00003c5ull); /* NZCV, DAIF, EL1h */
	write_sysreg(esr_el1, LOW32(PATTERN(seed, 13)));
	write_sysreg(cntkctl_el1, PATTERN(seed, 14) & CNTKCTL_BITS);
	write_sysreg(dbgbvr0_el1, ALIGNED(PATTERN(seed, 15))); /* not ours: breakpoint */
	write_sysreg(pmselr_el0, 0x1b);			       /* not ours: PMU */
	isb();
}

uint64_t arch_el1_state_check(uint64_t seed)
{
	uint64_t bad = 0;

	bad |= (uint64_t)(read_sysreg(tpidr_el1) != PATTERN(seed, 1)) << 1;
	bad |= (uint64_t)(read_sysreg(tpidr_el0) != PATTERN(seed, 2)) << 2;
	bad |= (uint64_t)(read_sysreg(tpidrro_el0) != PATTERN(seed, 3)) << 3;
	bad |= (uint64_t)(read_sysreg(contextidr_el1) != (PATTERN(seed, 4) & 0xffffffffu)) << 4;
	bad |= (uint64_t)(read_sysreg(mair_el1) != PATTERN(seed, 5)) << 5;
	bad |= (uint64_t)(read_sysreg(cntv_cval_el0) != PATTERN(seed, 6)) << 6;
	bad |= (uint64_t)(read_sysreg(ttbr0_el1) != ALIGNED(PATTERN(seed, 7))) << 7;
	bad |= (uint64_t)(read_sysreg(ttbr1_el1) != ALIGNED(PATTERN(seed, 8))) << 8;
	bad |= (uint64_t)(read_sysreg(far_el1) != PATTERN(seed, 9)) << 9;
	bad |= (uint64_t)(read_sysreg(sp_el0) != ALIGNED(PATTERN(seed, 10))) << 10;
	bad |= (uint64_t)(read_sysreg(elr_el1) != ALIGNED(PATTERN(seed, 11))) << 11;
	bad |= (uint64_t)(read_sysreg(spsr_el1) != (LOW32(PATTERN(seed, 12)) & 0xf00003c5ull))
	       << 12;
	bad |= (uint64_t)(read_sysreg(esr_el1) != LOW32(PATTERN(seed, 13))) << 13;
	bad |= (uint64_t)(read_sysreg(cntkctl_el1) != (PATTERN(seed, 14) & CNTKCTL_BITS)) << 14;
	bad |= (uint64_t)(read_sysreg(dbgbvr0_el1) != 0) << 15;
	bad |= (uint64_t)(read_sysreg(pmselr_el0) != 0) << 16;
	return bad;
}

/* Normal-world guests only: the secure world has no PAC (SCR_EL3.APK = 0), a TOS would trap. */
void arch_el1_pac_fill(uint64_t seed)
{
#define FILL(reg, n) write_sysreg(reg, PATTERN(seed, 20 + (n)));
	PAC_KEYS(FILL)
#undef FILL
	isb();
}

uint64_t arch_el1_pac_check(uint64_t seed)
{
	uint64_t bad = 0;

#define CHECK(reg, n) bad |= (uint64_t)(read_sysreg(reg) != PATTERN(seed, 20 + (n))) << (20 + (n));
	PAC_KEYS(CHECK)
#undef CHECK
	return bad;
}

uint64_t arch_el1_mask_all(void)
{
	uint64_t daif = read_sysreg(daif);

	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	return daif;
}

void arch_el1_mask_restore(uint64_t daif)
{
	write_sysreg(daif, daif);
}
