// SPDX-License-Identifier: BSD-3-Clause
/*
 * The GIC's Non-secure side as nshyp (NS-EL2) drives it for its virtual GIC
 * (<drivers/gicv3_ns.h>, hyp/role/nshyp/vgic.c). No guest reaches the GIC: nshyp owns this
 * CPU's physical interface and enables exactly the interrupts that are its own (the maintenance
 * interrupt, its EL2 timer) or that a guest owns and enabled (its device SPIs, the virtual
 * timer's PPI). It acknowledges each, drops its priority (EOImode 1) and either deactivates it
 * or leaves it active for the guest, whose deactivation of the HW-mapped virtual interrupt
 * deactivates it. What EL3 owns stays as EL3 set it (gicv3.c): groups, GICD_CTLR, GICR_WAKER.
 */
#include <arch/sysreg.h>
#include <drivers/gicv3_ns.h>

#define GICD_CTLR	 0x0000
#define GICD_CTLR_RWP	 (1u << 31)
#define GICD_ISENABLER	 0x0100
#define GICD_ICENABLER	 0x0180
#define GICD_ICPENDR	 0x0280
#define GICD_ISACTIVER	 0x0300
#define GICD_ICACTIVER	 0x0380
#define GICD_IPRIORITYR	 0x0400
#define GICD_IROUTER	 0x6000
#define GICR_SGI_BASE	 0x10000
#define GICR_ISENABLER0	 (GICR_SGI_BASE + 0x0100)
#define GICR_ISACTIVER0	 (GICR_SGI_BASE + 0x0300)
#define GICR_IPRIORITYR0 (GICR_SGI_BASE + 0x0400)
#define ICC_CTLR_EOIMODE (1u << 1)

static volatile uint32_t *reg32(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
}

static void wait_rwp(uintptr_t gicd)
{
	while (*reg32(gicd, GICD_CTLR) & GICD_CTLR_RWP)
		;
}

void gicv3_ns_cpu_init(uintptr_t gicr, uint32_t ppis)
{
	volatile uint8_t *prio = (volatile uint8_t *)(gicr + GICR_IPRIORITYR0);
	uint64_t ctlr = read_sysreg(icc_ctlr_el1);

	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_bpr1_el1, 0);
	write_sysreg(icc_ctlr_el1, ctlr | ICC_CTLR_EOIMODE);
	write_sysreg(icc_igrpen1_el1, 1);
	for (unsigned n = 0; n < 32; n++)
		if (ppis >> n & 1u)
			prio[n] = GICV3_NS_PRIO;
	*reg32(gicr, GICR_ISENABLER0) = ppis;
	dsb_sy();
	isb();
}

void gicv3_ns_spi_enable(uintptr_t gicd, uint32_t intid, bool on)
{
	if (on) {
		*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * intid) = 0; /* CPU 0.0.0.0 */
		*(volatile uint8_t *)(gicd + GICD_IPRIORITYR + intid) = GICV3_NS_PRIO;
		*reg32(gicd, GICD_ISENABLER + intid / 32 * 4) = 1u << (intid % 32);
	} else {
		*reg32(gicd, GICD_ICENABLER + intid / 32 * 4) = 1u << (intid % 32);
		wait_rwp(gicd);
	}
	dsb_sy();
}

void gicv3_ns_activate(uintptr_t gicd, uintptr_t gicr, uint32_t intid)
{
	if (intid < 32)
		*reg32(gicr, GICR_ISACTIVER0) = 1u << intid;
	else
		*reg32(gicd, GICD_ISACTIVER + intid / 32 * 4) = 1u << (intid % 32);
	dsb_sy();
}

void gicv3_ns_deactivate(uint32_t intid)
{
	write_sysreg(icc_dir_el1, intid);
	isb();
}

void gicv3_ns_spi_reset(uintptr_t gicd, uint32_t intid)
{
	uint32_t bit = 1u << (intid % 32), w = intid / 32 * 4;

	*reg32(gicd, GICD_ICENABLER + w) = bit;
	wait_rwp(gicd);
	*reg32(gicd, GICD_ICPENDR + w) = bit;
	*reg32(gicd, GICD_ICACTIVER + w) = bit;
	*(volatile uint8_t *)(gicd + GICD_IPRIORITYR + intid) = 0;
	*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * intid) = 0;
	dsb_sy();
}
