// SPDX-License-Identifier: BSD-3-Clause
/* AArch64 world set-up and switching for the monitor (see <monitor/arch_world.h>). */
#include <arch/regs.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <monitor/world.h>

/* SCR_EL3 (bringup.md §2.2). */
#define SCR_NS	  (1ull << 0)
#define SCR_FIQ	  (1ull << 2)
#define SCR_RES1  (3ull << 4)
#define SCR_HCE	  (1ull << 8)
#define SCR_SIF	  (1ull << 9)
#define SCR_RW	  (1ull << 10)
#define SCR_APK	  (1ull << 16)
#define SCR_API	  (1ull << 17)
#define SCR_EEL2  (1ull << 18)
#define SCR_HXEN  (1ull << 38)
#define SCR_ENTP2 (1ull << 41)

/*
 * Interrupt routing (docs/abi/smc.md, "Interrupts"): a Secure Group 1 interrupt is an FIQ while
 * the normal world runs, taken to EL3 (FIQ = 1), which hands it to the SPMC; while the secure
 * world runs, FIQ and IRQ stay clear so that the SPMC takes every interrupt at S-EL2 (its
 * HCR_EL2.IMO/FMO). ST stays clear: with S-EL2 (EEL2) the secure physical timer CNTPS is
 * UNDEFINED at S-EL1 (Arm ARM, CNTPS_CTL_EL1), which QEMU 7.2 gives S-EL1 anyway with ST set;
 * clear, an S-EL1 access traps here and is made UNDEFINED. The secure timer is CNTP, gated by
 * the SPMC (docs/architecture.md, "Timers").
 */
#define SCR_SECURE (SCR_RES1 | SCR_HCE | SCR_SIF | SCR_RW | SCR_EEL2)
/* PAC keys belong to the normal world only; the secure world traps PAC to EL3. */
#define SCR_NORMAL                                                                                 \
	(SCR_RES1 | SCR_NS | SCR_FIQ | SCR_HCE | SCR_SIF | SCR_RW | SCR_API | SCR_APK | SCR_HXEN)

#define SCTLR_EL2_RES1	   0x30c50830ull
#define SCTLR_EL1_RES1	   0x30d00800ull
#define CPTR_EL2_NO_TRAPS  0x22ffull /* nVHE RES1 bits, TZ/TSM clear (bringup.md §1.2) */
#define CNTHCTL_EL1_ACCESS 0x3ull

/* MDCR_EL3 (docs/abi/smc.md "Debug and PMU"): TF-A's choices, see monitor_debug_init(). */
#define MDCR3_TPM	(1ull << 6)
#define MDCR3_SPD32_OFF (2ull << 14) /* AArch32 secure privileged debug disabled */
#define MDCR3_SDD	(1ull << 16) /* no secure self-hosted debug */
#define MDCR3_SPME	(1ull << 17) /* (left 0: no PMU event counting in secure state) */
#define MDCR3_SCCD	(1ull << 23) /* FEAT_PMUv3p5: no cycle counting in secure state */
#define MDCR3_MCCD	(1ull << 34) /* FEAT_PMUv3p7: no cycle counting at EL3 */
#define PMCR_LC		(1ull << 6)
#define PMCR_DP		(1ull << 5)
#define PMUVER_V3P5	6u
#define PMUVER_V3P7	7u

static unsigned pmu_version(void)
{
	unsigned v = (unsigned)(read_sysreg(id_aa64dfr0_el1) >> 8) & 0xfu;

	return v == 0xf ? 0 : v; /* 0xf: IMPDEF PMU, not PMUv3 */
}

/* MDCR_EL2.HPMN = PMCR_EL0.N, its reset value: every counter belongs to the world's EL1/EL0. */
static uint64_t hpmn(void)
{
	return pmu_version() ? (read_sysreg(pmcr_el0) >> 11) & 0x1f : 0;
}

/*
 * Debug and PMU at EL3 (TF-A advisory TFV-5, CVE-2017-15031): no self-hosted debug and no PMU
 * counting in the secure world, so the normal world cannot time (or debug) a request to a TEE.
 * SPME stays 0 (event counters stop in secure state); the cycle counter needs SCCD (PMUv3p5)
 * and MCCD (PMUv3p7, for EL3 itself). A PMU older than v3p5 has only PMCR_EL0.DP, which the
 * normal world controls and TF-A sets on every entry from it; this monitor instead keeps the
 * PMU from the normal world altogether there (MDCR_EL3.TPM: accesses are made UNDEFINED).
 */
void monitor_debug_init(void)
{
	unsigned pmu = pmu_version();
	uint64_t mdcr = MDCR3_SDD | MDCR3_SPD32_OFF;

	if (pmu >= PMUVER_V3P5)
		mdcr |= MDCR3_SCCD;
	if (pmu >= PMUVER_V3P7)
		mdcr |= MDCR3_MCCD;
	if (pmu && pmu < PMUVER_V3P5)
		mdcr |= MDCR3_TPM;
	write_sysreg(mdcr_el3, mdcr);
	if (pmu) /* counters off and the cycle counter held where counting is prohibited */
		write_sysreg(pmcr_el0, PMCR_LC | PMCR_DP);
	isb();
}

/*
 * CPTR_EL3 (bringup.md §1.2), for both worlds: FP/SIMD untrapped (TFP = 0), so that guests
 * described with fp_simd can use it (their hypervisor decides, CPTR_EL2.TFP); SVE and SME
 * trapped to EL3 (EZ = ESM = 0), which answers UNDEFINED to the EL that used them: no world
 * gets them (a Linux guest is told so with arm64.nosve arm64.nosme). No EL3 code uses FP: the
 * firmware is built general-regs-only.
 */
void monitor_cptr_init(void)
{
	write_sysreg(cptr_el3, 0);
	isb();
}

/** Reset a world: its EL2 starts at `entry` in EL2h with interrupts masked. */
void arch_world_init(struct world *w, enum world_id id, uint64_t entry)
{
	w->regs.elr = entry;
	w->regs.spsr = SPSR_EL2H_MASKED;
	w->arch.scr_el3 = id == WORLD_SECURE ? SCR_SECURE : SCR_NORMAL;
	w->arch.sctlr_el2 = SCTLR_EL2_RES1;
	w->arch.cptr_el2 = CPTR_EL2_NO_TRAPS;
	w->arch.cnthctl_el2 = CNTHCTL_EL1_ACCESS;
	w->arch.mdcr_el2 = hpmn();
	w->arch.sctlr_el1 = SCTLR_EL1_RES1;
	w->arch.vpidr_el2 = read_sysreg(midr_el1);
	w->arch.vmpidr_el2 = read_sysreg(mpidr_el1);
}

/* The first entry of a world: nothing to save, its registers and SCR_EL3 loaded, then its frame. */
void arch_world_enter_first(struct world *w)
{
	world_regs_load(&w->arch);
	arch_world_enter(w);
}

/*
 * The IMPLEMENTATION DEFINED registers of WORLD_CONST_REGS are not switched because on this
 * platform they hold no state: whatever one world writes, the other reads the same constant
 * (QEMU 7.2 -cpu max: ARM_CP_CONST, read-as-zero, writes ignored). Verified here, before any
 * world runs, by writing the inverse of each and reading it back: a port to a CPU where one
 * holds state fails here, loudly, and must add it to the switched lists (<monitor/arch_world.h>).
 */
void monitor_check_unswitched(void)
{
	uint64_t v;

#define CHECK_CONST(r)                                                                             \
	v = read_sysreg(r);                                                                        \
	write_sysreg(r, ~v);                                                                       \
	isb();                                                                                     \
	if (read_sysreg(r) != v)                                                                   \
		panic("monitor: " #r                                                               \
		      " holds state on this CPU: it must be switched with the worlds "             \
		      "(monitor/arch/aarch64/include/monitor/arch_world.h)");
	WORLD_CONST_REGS(CHECK_CONST)
#undef CHECK_CONST
}

void arch_monitor_cpu_set(struct monitor_cpu *cpu)
{
	write_sysreg(tpidr_el3, (uint64_t)(uintptr_t)cpu);
}

bool arch_world_is_ns(void)
{
	return (read_sysreg(scr_el3) & SCR_NS) != 0;
}

/*
 * Make the trapped instruction UNDEFINED at the EL that executed it: set that
 * EL's ELR/SPSR/ESR and resume at its vector (Arm ARM D1.10.2). Only EL1 and
 * EL2 can trap to EL3 here.
 */
void arch_world_inject_undef(struct world *w)
{
	unsigned from_el = (unsigned)(w->regs.spsr >> 2) & 3u;
	uint64_t vector = (w->regs.spsr & 1) ? 0x200 : 0x000; /* current EL, SP_ELx or SP_EL0 */
	uint64_t esr_undef = 1ull << 25;		      /* EC 0 (unknown), IL */

	if (from_el == 2) {
		write_sysreg(elr_el2, w->regs.elr);
		write_sysreg(spsr_el2, w->regs.spsr);
		write_sysreg(esr_el2, esr_undef);
		w->regs.elr = read_sysreg(vbar_el2) + vector;
		w->regs.spsr = SPSR_EL2H_MASKED;
	} else {
		write_sysreg(elr_el1, w->regs.elr);
		write_sysreg(spsr_el1, w->regs.spsr);
		write_sysreg(esr_el1, esr_undef);
		w->regs.elr = read_sysreg(vbar_el1) + (from_el == 1 ? vector : 0x400);
		w->regs.spsr = SPSR_EL1H_MASKED;
	}
}
