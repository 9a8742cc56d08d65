/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 set-up owned by EL3 (security enabled, GICD_CTLR.DS=0; bringup.md §2.7). nshyp's
 * Non-secure side is <drivers/gicv3_ns.h>.
 */
#ifndef DRIVERS_GICV3_H
#define DRIVERS_GICV3_H

#include <stdint.h>

/* Wake this CPU's redistributor, put every INTID in Group 1 Non-secure, enable all groups. */
void gicv3_el3_init(uintptr_t gicd, uintptr_t gicr_this_cpu);

#endif
