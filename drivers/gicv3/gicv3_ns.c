// SPDX-License-Identifier: BSD-3-Clause
/*
 * The GIC's Non-secure state, reset by nshyp (NS-EL2) between guests. A guest that owns the
 * GIC (docs/architecture.md §10) programs the distributor, its redistributor and the physical
 * CPU interface directly; when it stops, everything it could have changed that the Non-secure
 * world can reach goes back to its reset state, so the next guest finds no trace of it. What
 * EL3 owns stays as EL3 set it (gicv3.c): interrupt groups (Non-secure accesses cannot change
 * them), GICD_CTLR's group enables (put back), and the redistributor awake (GICR_WAKER).
 * LPIs are not reset: guests get no ITS, so none is ever enabled.
 */
#include <arch/sysreg.h>
#include <drivers/gicv3.h>

#define GICD_CTLR	  0x0000
#define GICD_CTLR_RWP	  (1u << 31)
#define GICD_TYPER	  0x0004
#define GICD_ICENABLER	  0x0180
#define GICD_ICPENDR	  0x0280
#define GICD_ICACTIVER	  0x0380
#define GICD_IPRIORITYR	  0x0400
#define GICD_ICFGR	  0x0c00
#define GICD_IROUTER	  0x6000
#define GICR_CTLR	  0x0000
#define GICR_CTLR_RWP	  (1u << 3)
#define GICR_WAKER	  0x0014
#define GICR_WAKER_SLEEP  (1u << 1)
#define GICR_WAKER_ASLEEP (1u << 2)
#define GICR_SGI_BASE	  0x10000
#define GICR_ICENABLER0	  (GICR_SGI_BASE + 0x0180)
#define GICR_ICPENDR0	  (GICR_SGI_BASE + 0x0280)
#define GICR_ICACTIVER0	  (GICR_SGI_BASE + 0x0380)
#define GICR_IPRIORITYR0  (GICR_SGI_BASE + 0x0400)
#define GICR_ICFGR1	  (GICR_SGI_BASE + 0x0c04)
#define ICC_CTLR_EOIMODE  (1u << 1)
#define ICC_RPR_IDLE	  0xffu

/* The Non-secure CPU interface and distributor control as EL3 left them. */
static struct {
	uint64_t pmr, bpr1, ctlr, igrpen1, sre, vmcr;
	uint32_t gicd_ctlr;
} boot;

static volatile uint32_t *reg32(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
}

static void wait_clear(uintptr_t base, uintptr_t off, uint32_t bit)
{
	while (*reg32(base, off) & bit)
		;
}

void gicv3_ns_save_boot(uintptr_t gicd)
{
	boot.pmr = read_sysreg(icc_pmr_el1);
	boot.bpr1 = read_sysreg(icc_bpr1_el1);
	boot.ctlr = read_sysreg(icc_ctlr_el1);
	boot.igrpen1 = read_sysreg(icc_igrpen1_el1);
	boot.sre = read_sysreg(icc_sre_el1);
	boot.vmcr = read_sysreg(ich_vmcr_el2);
	boot.gicd_ctlr = *reg32(gicd, GICD_CTLR) & ~GICD_CTLR_RWP;
}

/* SPIs: disabled, not pending, not active, priority 0, level-sensitive, routed to CPU 0. */
static void reset_spis(uintptr_t gicd)
{
	unsigned lines = ((*reg32(gicd, GICD_TYPER) & 0x1fu) + 1) * 32;

	for (unsigned n = 32; n < lines; n += 32)
		*reg32(gicd, GICD_ICENABLER + n / 8) = 0xffffffffu;
	wait_clear(gicd, GICD_CTLR, GICD_CTLR_RWP);
	for (unsigned n = 32; n < lines; n += 32) {
		*reg32(gicd, GICD_ICPENDR + n / 8) = 0xffffffffu;
		*reg32(gicd, GICD_ICACTIVER + n / 8) = 0xffffffffu;
	}
	for (unsigned n = 32; n < lines; n += 4)
		*reg32(gicd, GICD_IPRIORITYR + n) = 0;
	for (unsigned n = 32; n < lines; n += 16)
		*reg32(gicd, GICD_ICFGR + n / 4) = 0;
	for (unsigned n = 32; n < lines; n++)
		*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * n) = 0;
}

/* SGIs and PPIs of this CPU's redistributor: the same, PPIs level-sensitive. */
static void reset_private(uintptr_t gicr)
{
	*reg32(gicr, GICR_ICENABLER0) = 0xffffffffu;
	wait_clear(gicr, GICR_CTLR, GICR_CTLR_RWP);
	*reg32(gicr, GICR_ICPENDR0) = 0xffffffffu;
	*reg32(gicr, GICR_ICACTIVER0) = 0xffffffffu;
	for (unsigned n = 0; n < 32; n += 4)
		*reg32(gicr, GICR_IPRIORITYR0 + n) = 0;
	*reg32(gicr, GICR_ICFGR1) = 0;
	/* A guest may have put the redistributor to sleep; EL3 keeps it awake. */
	if (*reg32(gicr, GICR_WAKER) & GICR_WAKER_SLEEP) {
		*reg32(gicr, GICR_WAKER) &= ~GICR_WAKER_SLEEP;
		wait_clear(gicr, GICR_WAKER, GICR_WAKER_ASLEEP);
	}
}

/*
 * Interrupts the guest acknowledged and never ended still hold the CPU interface's running
 * priority (ICC_AP1Rn). Non-secure writes to ICC_AP1R0/1 may be ignored where EL3 exists (QEMU
 * does), so each active priority is dropped the architectural way, by an EOI; with EOImode 1
 * it deactivates nothing (ICACTIVER did that). At most one drop per preemption level.
 */
static void drop_active_priorities(void)
{
	uint64_t ctlr = read_sysreg(icc_ctlr_el1);

	write_sysreg(icc_ctlr_el1, ctlr | ICC_CTLR_EOIMODE);
	isb();
	for (unsigned n = 0; n < 128 && read_sysreg(icc_rpr_el1) != ICC_RPR_IDLE; n++) {
		write_sysreg(icc_eoir1_el1, 0);
		isb();
	}
}

void gicv3_ns_reset(uintptr_t gicd, uintptr_t gicr)
{
	/* First stop signalling Non-secure Group 1 to this CPU. */
	write_sysreg(icc_igrpen1_el1, 0);
	isb();
	reset_spis(gicd);
	reset_private(gicr);
	drop_active_priorities();
	write_sysreg(icc_pmr_el1, boot.pmr);
	write_sysreg(icc_bpr1_el1, boot.bpr1);
	write_sysreg(icc_ctlr_el1, boot.ctlr);
	write_sysreg(icc_sre_el1, boot.sre);
	write_sysreg(icc_igrpen1_el1, boot.igrpen1);
	*reg32(gicd, GICD_CTLR) = boot.gicd_ctlr;
	wait_clear(gicd, GICD_CTLR, GICD_CTLR_RWP);
	dsb_sy();
	isb();
}

void gicv3_ns_virtual_reset(void)
{
	write_sysreg(ich_vmcr_el2, boot.vmcr);
	isb();
}
