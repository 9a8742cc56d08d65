/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 set-up owned by EL3 (security enabled, GICD_CTLR.DS=0; bringup.md §2.7), and the
 * Non-secure reset nshyp performs between guests that own the GIC (gicv3_ns.c).
 */
#ifndef DRIVERS_GICV3_H
#define DRIVERS_GICV3_H

#include <stdint.h>

/* Wake this CPU's redistributor, put every INTID in Group 1 Non-secure, enable all groups. */
void gicv3_el3_init(uintptr_t gicd, uintptr_t gicr_this_cpu);

/* NS-EL2, once before any guest runs: remember the Non-secure state EL3 left (the reset state). */
void gicv3_ns_save_boot(uintptr_t gicd);
/*
 * NS-EL2, after a guest that drove the GIC stopped: put the GIC's Non-secure state back to what
 * gicv3_ns_save_boot() saw, so that the next guest sees nothing of it (no enabled, pending or
 * active interrupt, reset priorities, configuration and routing, reset CPU interface).
 */
void gicv3_ns_reset(uintptr_t gicd, uintptr_t gicr_this_cpu);
/* NS-EL2, after any guest: the virtual CPU interface state a guest's ICV_* accesses change. */
void gicv3_ns_virtual_reset(void);

#endif
