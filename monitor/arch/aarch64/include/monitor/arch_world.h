/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AArch64 world state switched by EL3: SCR_EL3 and, because both worlds run an
 * EL2 and EL1/EL2 registers are not banked by security state, the EL2 list
 * (bringup.md §2.6 case A, restricted to what QEMU 7.2 -cpu max has) and the
 * EL1 list (fast-path.md design (b): EL3 preserves each world's EL1 bank, so
 * each hypervisor switches EL1 only when it changes vCPU).
 *
 * Not switched, on purpose: the EL2 physical timer CNTHP_* belongs to the
 * normal world (QEMU 7.2 has no Secure-EL2 timer and the SPMC never touches
 * CNTHP), so it keeps running, and can fire, while the secure world runs;
 * TF-A does not switch it either (bringup.md §2.6).
 */
#ifndef MONITOR_ARCH_WORLD_H
#define MONITOR_ARCH_WORLD_H

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>
#endif

/* clang-format off */
#define WORLD_EL2_REGS(X) \
	X(actlr_el2) X(afsr0_el2) X(afsr1_el2) X(amair_el2) X(cnthctl_el2) X(cntvoff_el2) \
	X(cptr_el2) X(elr_el2) X(esr_el2) X(far_el2) X(hacr_el2) X(hcr_el2) X(hpfar_el2) \
	X(hstr_el2) X(mair_el2) X(mdcr_el2) X(sctlr_el2) X(spsr_el2) X(sp_el2) X(tcr_el2) \
	X(tpidr_el2) X(vbar_el2) X(vmpidr_el2) X(vpidr_el2) X(vtcr_el2) X(vttbr_el2) \
	X(ttbr0_el2) X(contextidr_el2) X(ttbr1_el2) X(vdisr_el2) X(vsesr_el2) \
	X(ich_hcr_el2) X(ich_vmcr_el2)
/* clang-format on */

/* clang-format off */
#define WORLD_EL1_REGS(X) \
	X(sctlr_el1) X(actlr_el1) X(cpacr_el1) X(csselr_el1) X(ttbr0_el1) X(ttbr1_el1) \
	X(tcr_el1) X(mair_el1) X(amair_el1) X(vbar_el1) X(contextidr_el1) X(tpidr_el1) \
	X(tpidr_el0) X(tpidrro_el0) X(sp_el1) X(sp_el0) X(elr_el1) X(spsr_el1) X(esr_el1) \
	X(far_el1) X(afsr0_el1) X(afsr1_el1) X(par_el1) X(mdscr_el1) X(mdccint_el1) \
	X(cntkctl_el1) X(cntv_ctl_el0) X(cntv_cval_el0) X(disr_el1)
/* clang-format on */

/* The lists start at this offset of struct world_arch (world_regs.S relies on it). */
#define WORLD_ARCH_REGS_OFFSET 8
/* struct world / struct monitor_cpu layout used by relay.S (asserted in monitor/world.h). */
#define MCPU_WORLD_ARCH 272
#define WORLD_REG_COUNT 62
#define MCPU_WORLD_SIZE (MCPU_WORLD_ARCH + WORLD_ARCH_REGS_OFFSET + 8 * WORLD_REG_COUNT)
#define MCPU_CURRENT	(2 * MCPU_WORLD_SIZE)

#ifndef __ASSEMBLER__
#define WORLD_FIELD(r)	   uint64_t r;
#define WORLD_COUNT_ONE(r) +1

struct world_arch {
	uint64_t scr_el3;
	WORLD_EL2_REGS(WORLD_FIELD)
	WORLD_EL1_REGS(WORLD_FIELD)
};
_Static_assert(offsetof(struct world_arch, actlr_el2) == WORLD_ARCH_REGS_OFFSET, "world_regs.S");
_Static_assert(sizeof(struct world_arch) ==
		   WORLD_ARCH_REGS_OFFSET +
		       8 * (0 WORLD_EL2_REGS(WORLD_COUNT_ONE) WORLD_EL1_REGS(WORLD_COUNT_ONE)),
	       "world_regs.S: the lists are laid out in order, without padding");

/* Debug and PMU controls at EL3 (MDCR_EL3, PMCR_EL0), once per CPU before any world runs. */
void monitor_debug_init(void);
/* FP/SIMD, SVE and SME traps at EL3 (CPTR_EL3), once per CPU before any world runs. */
void monitor_cptr_init(void);

/* world_regs.S: save or load both lists (the register order of the X-macros above). */
void world_regs_save(struct world_arch *a);
void world_regs_load(const struct world_arch *a);
#endif

#endif /* MONITOR_ARCH_WORLD_H */
