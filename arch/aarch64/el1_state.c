// SPDX-License-Identifier: BSD-3-Clause
/*
 * EL1 system-register patterns for the state-survival tests: a payload
 * fills the registers it owns with values derived from a seed (different
 * per guest and per partition) and checks them after many calls. Any
 * monitor or hypervisor that forgot to switch one of them between worlds,
 * guests or partitions shows up as a set bit. Only registers whose every
 * written bit reads back are used, so the check cannot fail by itself.
 */
#include <arch/state_check.h>
#include <arch/sysreg.h>

#define PATTERN(seed, n) ((seed) ^ (0x1111111111111111ull * (n)))
#define ALIGNED(v)	 ((v)&0x0000fffffffff000ull) /* table bases / stack: aligned, 48 bits */

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
	return bad;
}
