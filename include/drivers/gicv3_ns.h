/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The GIC as nshyp (NS-EL2) drives it for its virtual GIC (drivers/gicv3/gicv3_ns.c): its own
 * physical CPU interface, and the physical state of the interrupts its guests own (their
 * device SPIs, the virtual timer's PPI 27) and of its own PPIs. Only Non-secure Group 1
 * interrupts are reachable from here; EL3 configured the groups (gicv3.c).
 */
#ifndef DRIVERS_GICV3_NS_H
#define DRIVERS_GICV3_NS_H

#include <stdbool.h>
#include <stdint.h>

/* Non-secure priority of every interrupt nshyp enables (below the mask nshyp sets, 0xff). */
#define GICV3_NS_PRIO 0x80u

/* This CPU's interface at NS-EL2: priority mask open, EOImode 1 (drop, then deactivate),
 * Group 1 enabled; the SGIs and PPIs of `ppis` (bit n: INTID n) enabled in this CPU's
 * redistributor at GICV3_NS_PRIO. */
void gicv3_ns_cpu_init(uintptr_t gicr, uint32_t ppis);
/* SPI `intid`: routed to this CPU (affinity 0) at GICV3_NS_PRIO and enabled, or disabled. */
void gicv3_ns_spi_enable(uintptr_t gicd, uint32_t intid, bool on);
/* Make `intid` (an SGI/PPI of this CPU or an SPI) active again (after a guest switch). */
void gicv3_ns_activate(uintptr_t gicd, uintptr_t gicr, uint32_t intid);
/* Deactivate `intid`, whose priority nshyp dropped (EOImode 1). */
void gicv3_ns_deactivate(uint32_t intid);
/* A guest's SPI when the guest ends: disabled, not pending, not active, its reset routing. */
void gicv3_ns_spi_reset(uintptr_t gicd, uint32_t intid);

#endif
