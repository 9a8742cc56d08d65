/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AArch64 world state switched by EL3: SCR_EL3 and, because both worlds run an
 * EL2 and EL1/EL2 registers are not banked by security state, an EL2 list
 * (bringup.md §2.6 case A, restricted to what QEMU 7.2 -cpu max has) and an
 * EL1 list (fast-path.md design (b): EL3 preserves each world's EL1 bank, so
 * each hypervisor switches EL1 only when it changes vCPU). Each register costs
 * 6 instructions per round trip, so the lists hold only what one world can set
 * in a way the other depends on or could learn from (docs/abi/smc.md, "What
 * the monitor switches and why"). Not switched, and why:
 * - ACTLR_EL2, AFSR0_EL2, AFSR1_EL2, AMAIR_EL2, HACR_EL2, ACTLR_EL1, AMAIR_EL1,
 *   AFSR0_EL1, AFSR1_EL1: IMPLEMENTATION DEFINED, constant on this platform
 *   (QEMU: ARM_CP_CONST, RAZ/WI); monitor_check_unswitched() stops the boot on
 *   a CPU where one holds state (WORLD_CONST_REGS).
 * - CONTEXTIDR_EL2, TTBR1_EL2: used only with HCR_EL2.E2H = 1 (VHE); HCR_EL2 is
 *   switched and neither hypervisor sets E2H; the SPMC never writes them.
 * - VDISR_EL2, VSESR_EL2: used only for a virtual SError (HCR_EL2.AMO, VSE),
 *   which neither hypervisor injects; the SPMC never writes them.
 * - MDSCR_EL1, MDCCINT_EL1: self-hosted debug is disabled in the secure world
 *   (MDCR_EL3.SDD) and both hypervisors trap their EL1's debug registers
 *   (MDCR_EL2.TDA, answered RAZ/WI); no EL2 writes them.
 * - The EL2 physical timer CNTHP_*: it belongs to the normal world (QEMU 7.2
 *   has no Secure-EL2 timer and the SPMC never touches CNTHP), so it keeps
 *   running, and can fire, while the secure world runs; TF-A does not switch it.
 */
#ifndef MONITOR_ARCH_WORLD_H
#define MONITOR_ARCH_WORLD_H

#ifndef __ASSEMBLER__
#include <arch/regs.h>
#include <arch/sysreg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#endif

/*
 * MONITOR_SCRUB_EXC_REGS = 1: the registers the hardware writes on an exception to EL2 are not
 * preserved across a hypervisor's SMC that switches worlds; they are zeroed on the way to the
 * normal world (no secure value is left there) and left as they are on the way to the secure
 * world. Both hypervisors restore ELR_EL2/SPSR_EL2 from the vCPU frame on every ERET and read
 * none of them after an SMC (hyp/arch/aarch64/exceptions.S). 0 switches them like the others.
 */
#ifndef MONITOR_SCRUB_EXC_REGS
#define MONITOR_SCRUB_EXC_REGS 1
#endif

/* clang-format off */
/* EL2 configuration the SPMC writes only while it boots (before its first FFA_MSG_WAIT): the
 * secure world's values are saved once, at that switch, and only restored afterwards. */
#define WORLD_EL2_BOOT_REGS(X) \
	X(cnthctl_el2) X(cntvoff_el2) X(cptr_el2) X(hcr_el2) X(hstr_el2) X(mair_el2) \
	X(mdcr_el2) X(sctlr_el2) X(tcr_el2) X(vbar_el2) X(vmpidr_el2) X(vpidr_el2) X(vtcr_el2) \
	X(ttbr0_el2) X(ich_hcr_el2)
/* EL2 registers that change while the SPMC serves: its stack, current vCPU, stage 2, and the
 * virtual CPU interface's state that partitions' ICV_* accesses write. */
#define WORLD_EL2_RUN_REGS(X) X(sp_el2) X(tpidr_el2) X(vttbr_el2) X(ich_vmcr_el2)
#define WORLD_EL2_REGS(X)     WORLD_EL2_BOOT_REGS(X) WORLD_EL2_RUN_REGS(X)

/* Written by the hardware when an exception is taken to EL2 (MONITOR_SCRUB_EXC_REGS). */
#define WORLD_EL2_EXC_REGS(X) X(elr_el2) X(spsr_el2) X(esr_el2) X(far_el2) X(hpfar_el2)

#define WORLD_EL1_REGS(X) \
	X(sctlr_el1) X(cpacr_el1) X(csselr_el1) X(ttbr0_el1) X(ttbr1_el1) X(tcr_el1) \
	X(mair_el1) X(vbar_el1) X(contextidr_el1) X(tpidr_el1) X(tpidr_el0) X(tpidrro_el0) \
	X(sp_el1) X(sp_el0) X(elr_el1) X(spsr_el1) X(esr_el1) X(far_el1) X(par_el1) \
	X(cntkctl_el1) X(cntv_ctl_el0) X(cntv_cval_el0) X(disr_el1)

/* IMPLEMENTATION DEFINED registers left unswitched because they hold no state here. */
#define WORLD_CONST_REGS(X) \
	X(actlr_el2) X(afsr0_el2) X(afsr1_el2) X(amair_el2) X(hacr_el2) X(actlr_el1) \
	X(amair_el1) X(afsr0_el1) X(afsr1_el1) MONITOR_CHECK_ALSO(X)
/* clang-format on */

/* A build for test_el3.py names one more register here, one that holds state, to see the
 * boot-time check fail: MONITOR_CHECK_EXTRA=<reg>. */
#ifdef MONITOR_CHECK_EXTRA
#define MONITOR_CHECK_ALSO(X)	  MONITOR_CHECK_ALSO_(X, MONITOR_CHECK_EXTRA)
#define MONITOR_CHECK_ALSO_(X, r) X(r) /* expands the register's name first */
#else
#define MONITOR_CHECK_ALSO(X)
#endif

/* What changes while a world runs (after the SPMC's boot): saved on every switch. */
#if MONITOR_SCRUB_EXC_REGS
#define WORLD_RUN_REGS(X) WORLD_EL2_RUN_REGS(X) WORLD_EL1_REGS(X)
#else
#define WORLD_RUN_REGS(X) WORLD_EL2_RUN_REGS(X) WORLD_EL2_EXC_REGS(X) WORLD_EL1_REGS(X)
#endif
#define WORLD_SWITCHED_REGS(X) WORLD_EL2_BOOT_REGS(X) WORLD_RUN_REGS(X)

/* The lists start right after scr_el3 (world_regs_macros.S loads SCR_EL3 with them). */
#define WORLD_ARCH_REGS_OFFSET 8
/* Where WORLD_RUN_REGS start: after the 15 of WORLD_EL2_BOOT_REGS (asserted below). */
#define WORLD_ARCH_RUN_OFFSET (WORLD_ARCH_REGS_OFFSET + 8 * 15)
/* exceptions.S: offset of the C stack's top in struct monitor_cpu (asserted in monitor/world.h). */
#define MONITOR_CPU_STACK_TOP 0

#ifndef __ASSEMBLER__
#define WORLD_FIELD(r)	   uint64_t r;
#define WORLD_COUNT_ONE(r) +1

struct world_arch {
	uint64_t scr_el3;
	WORLD_SWITCHED_REGS(WORLD_FIELD)
};
_Static_assert(offsetof(struct world_arch, cnthctl_el2) == WORLD_ARCH_REGS_OFFSET, "world_regs.S");
_Static_assert(sizeof(struct world_arch) ==
		   WORLD_ARCH_REGS_OFFSET + 8 * (0 WORLD_SWITCHED_REGS(WORLD_COUNT_ONE)),
	       "world_regs.S: the lists are laid out in order, without padding");
_Static_assert(offsetof(struct world_arch, sp_el2) == WORLD_ARCH_RUN_OFFSET,
	       "world_regs.S: WORLD_RUN_REGS start after WORLD_EL2_BOOT_REGS");
/* LDP/STP reach 504 bytes from their base (the struct world_arch). */
_Static_assert(sizeof(struct world_arch) <= 512, "world_regs.S: the lists outgrow LDP/STP");

/*
 * The hardware-written EL2 registers of a world that an asynchronous exit interrupted (a secure
 * interrupt taken to EL3 while the normal world runs can land anywhere in nshyp, even between
 * its exception entry and its reading of ELR_EL2): kept across the SPMC's handling of it.
 */
struct world_exc {
	WORLD_EL2_EXC_REGS(WORLD_FIELD)
};

static inline void arch_world_exc_save(struct world_exc *e)
{
#define SAVE_EXC(r) e->r = read_sysreg(r);
	WORLD_EL2_EXC_REGS(SAVE_EXC)
#undef SAVE_EXC
}

static inline void arch_world_exc_restore(const struct world_exc *e)
{
#define LOAD_EXC(r) write_sysreg(r, e->r);
	WORLD_EL2_EXC_REGS(LOAD_EXC)
#undef LOAD_EXC
}

/* Debug and PMU controls at EL3 (MDCR_EL3, PMCR_EL0), once per CPU before any world runs. */
void monitor_debug_init(void);
/* FP/SIMD, SVE and SME traps at EL3 (CPTR_EL3), once per CPU before any world runs. */
void monitor_cptr_init(void);
/* Stop the boot if a register of WORLD_CONST_REGS holds state on this CPU. */
void monitor_check_unswitched(void);

/* world_regs.S: load a world's SCR_EL3 and lists (its first entry; switches: <monitor/world.h>). */
void world_regs_load(const struct world_arch *a);

/* Why the world trapped (ESR_EL3.EC), for an exit of kind EXIT_SYNC. */
static inline unsigned arch_world_exit_class(void)
{
	return esr_ec(read_sysreg(esr_el3));
}

/* The exit is an SMC from AArch64: the one kind of exit the monitor serves. */
static inline bool arch_world_exit_is_smc(unsigned kind)
{
	unsigned ec = arch_world_exit_class(); /* read even for an IRQ: one branch, not two */

	return kind == EXIT_SYNC && ec == EC_SMC64;
}

/* Zero the hardware-written EL2 exception registers (MONITOR_SCRUB_EXC_REGS). */
static inline void arch_world_scrub_exc_regs(void)
{
#define ZERO_REG(r) "msr " #r ", xzr\n"
	__asm__ volatile(WORLD_EL2_EXC_REGS(ZERO_REG));
#undef ZERO_REG
}
#endif

#endif /* MONITOR_ARCH_WORLD_H */
