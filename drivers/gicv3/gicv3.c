// SPDX-License-Identifier: BSD-3-Clause
/*
 * GICv3 distributor/redistributor and CPU-interface set-up done once by EL3 (security enabled,
 * GICD_CTLR.DS = 0; bringup.md §2.7). Reset leaves every INTID in Group 0, where Non-secure
 * software can neither see nor configure it. Here every INTID becomes Non-secure Group 1 except
 * the partitions' (the system description's, through cfgtool's monitor view), which become
 * Secure Group 1 (IGROUPR = 0, IGRPMODR = 1), get a priority in the secure half and are enabled.
 * Everything else stays the normal world's to prioritise and enable. docs/abi/smc.md,
 * "Interrupts".
 */
#include <arch/sysreg.h>
#include <drivers/gicv3.h>

#define GICD_CTLR		   0x0000
#define GICD_TYPER		   0x0004
#define GICD_IGROUPR		   0x0080
#define GICD_ISENABLER		   0x0100
#define GICD_IPRIORITYR		   0x0400
#define GICD_IGRPMODR		   0x0d00
#define GICD_IROUTER		   0x6000
#define GICD_CTLR_ENABLE_ALL	   0x37u /* ARE_NS|ARE_S|EnableGrp1S|EnableGrp1NS|EnableGrp0 */

#define GICR_WAKER		   0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_SGI_BASE		   0x10000
#define GICR_IGROUPR0		   (GICR_SGI_BASE + 0x0080)
#define GICR_ISENABLER0		   (GICR_SGI_BASE + 0x0100)
#define GICR_IPRIORITYR		   (GICR_SGI_BASE + 0x0400)
#define GICR_IGRPMODR0		   (GICR_SGI_BASE + 0x0d00)

#define ICC_IGRPEN1_EL3_GRP1S	   (1u << 1)

/* Four priority bytes of GICV3_PRIO_NS: Non-secure software sees them as 0x00 (its reset view). */
#define PRIO_NS_X4 (GICV3_PRIO_NS * 0x01010101u)

static volatile uint32_t *reg32(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
}

/* Secure Group 1, secure priority, enabled, routed to CPU 0 (SPIs): one partition INTID. */
static void make_secure(uintptr_t gicd, uintptr_t gicr, unsigned intid)
{
	uintptr_t frame = intid < 32 ? gicr + GICR_SGI_BASE : gicd;
	uint32_t bit = 1u << (intid % 32);
	uintptr_t word = 4 * (intid / 32);

	*reg32(frame, GICD_IGROUPR + word) &= ~bit;
	*reg32(frame, GICD_IGRPMODR + word) |= bit;
	*(volatile uint8_t *)(frame + GICD_IPRIORITYR + intid) = GICV3_PRIO_SECURE;
	if (intid >= 32)
		*(volatile uint64_t *)(gicd + GICD_IROUTER + 8 * intid) = 0; /* Aff 0.0.0.0 */
	*reg32(frame, GICD_ISENABLER + word) = bit;
}

void gicv3_el3_init(uintptr_t gicd, uintptr_t gicr, const uint16_t *secure, unsigned count)
{
	unsigned lines = ((*reg32(gicd, GICD_TYPER) & 0x1fu) + 1) * 32;

	_Static_assert(GICR_IGROUPR0 - GICR_SGI_BASE == GICD_IGROUPR &&
			   GICR_IGRPMODR0 - GICR_SGI_BASE == GICD_IGRPMODR &&
			   GICR_ISENABLER0 - GICR_SGI_BASE == GICD_ISENABLER &&
			   GICR_IPRIORITYR - GICR_SGI_BASE == GICD_IPRIORITYR,
		       "make_secure(): the SGI frame's registers sit where the distributor's do");
	write_sysreg(S3_6_C12_C12_5, 0xfu); /* ICC_SRE_EL3: SRE|DFB|DIB|Enable */
	isb();
	*reg32(gicr, GICR_WAKER) &= ~GICR_WAKER_PROCESSOR_SLEEP;
	while (*reg32(gicr, GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	*reg32(gicr, GICR_IGROUPR0) = 0xffffffffu;
	for (unsigned n = 0; n < 32 / 4; n++)
		*reg32(gicr, GICR_IPRIORITYR + 4 * n) = PRIO_NS_X4;
	for (unsigned n = 1; n < lines / 32; n++)
		*reg32(gicd, GICD_IGROUPR + 4 * n) = 0xffffffffu;
	for (unsigned n = 32 / 4; n < lines / 4; n++)
		*reg32(gicd, GICD_IPRIORITYR + 4 * n) = PRIO_NS_X4;
	for (unsigned i = 0; i < count; i++)
		if (secure[i] >= 16 && secure[i] < lines) /* cfgtool checked: never otherwise */
			make_secure(gicd, gicr, secure[i]);
	*reg32(gicd, GICD_CTLR) = GICD_CTLR_ENABLE_ALL;
	/* This CPU takes Secure Group 1 (EnableGrp1S); the normal world enables its own group. */
	uint64_t igrpen1 = read_sysreg(S3_6_C12_C12_7); /* ICC_IGRPEN1_EL3 */

	write_sysreg(S3_6_C12_C12_7, igrpen1 | ICC_IGRPEN1_EL3_GRP1S);
	/* Secure priorities pass, Non-secure ones wait until the normal world sets its mask (it
	 * reads 0x00, the reset value: the Non-secure view of 0x80 is shifted left by one). */
	write_sysreg(S3_0_C4_C6_0, GICV3_PRIO_NS); /* ICC_PMR_EL1 */
	isb();
}
