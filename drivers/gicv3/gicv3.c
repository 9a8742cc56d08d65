// SPDX-License-Identifier: BSD-3-Clause
/*
 * GICv3 distributor/redistributor set-up done once by EL3. Until secure
 * interrupts are used (a later issue), every INTID belongs to the normal
 * world: Group 1 Non-secure. Reset leaves them all in Group 0, where
 * Non-secure software can neither see nor configure them (bringup.md §2.7).
 */
#include <arch/sysreg.h>
#include <drivers/gicv3.h>

#define GICD_CTLR		   0x0000
#define GICD_TYPER		   0x0004
#define GICD_IGROUPR		   0x0080
#define GICD_CTLR_ENABLE_ALL	   0x37u /* ARE_NS|ARE_S|EnableGrp1S|EnableGrp1NS|EnableGrp0 */

#define GICR_WAKER		   0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)
#define GICR_SGI_BASE		   0x10000
#define GICR_IGROUPR0		   (GICR_SGI_BASE + 0x0080)

static volatile uint32_t *reg32(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
}

void gicv3_el3_init(uintptr_t gicd, uintptr_t gicr)
{
	unsigned lines = ((*reg32(gicd, GICD_TYPER) & 0x1fu) + 1) * 32;

	write_sysreg(S3_6_C12_C12_5, 0xfu); /* ICC_SRE_EL3: SRE|DFB|DIB|Enable */
	isb();
	*reg32(gicr, GICR_WAKER) &= ~GICR_WAKER_PROCESSOR_SLEEP;
	while (*reg32(gicr, GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	*reg32(gicr, GICR_IGROUPR0) = 0xffffffffu;
	for (unsigned n = 1; n < lines / 32; n++)
		*reg32(gicd, GICD_IGROUPR + 4 * n) = 0xffffffffu;
	*reg32(gicd, GICD_CTLR) = GICD_CTLR_ENABLE_ALL;
}
