/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GICv3 set-up owned by EL3 (security enabled, GICD_CTLR.DS=0; bringup.md §2.7). nshyp's
 * Non-secure side is <drivers/gicv3_ns.h>.
 */
#ifndef DRIVERS_GICV3_H
#define DRIVERS_GICV3_H

#include <stdint.h>

/*
 * Priorities (8-bit, lower is more urgent). Secure interrupts sit in the secure half, so that no
 * Non-secure priority mask or active interrupt can hold them back (Non-secure software sees and
 * sets only 0x80..0xff, shifted); every Non-secure INTID starts at 0x80 (its view: 0x00).
 */
#define GICV3_PRIO_SECURE 0x40u
#define GICV3_PRIO_NS	  0x80u

/*
 * Wake this CPU's redistributor, put every INTID in Non-secure Group 1 except the `count`
 * INTIDs of `secure` (the partitions'), which become Secure Group 1 at GICV3_PRIO_SECURE,
 * enabled; enable all groups in the distributor and Secure Group 1 at this CPU's interface.
 */
void gicv3_el3_init(uintptr_t gicd, uintptr_t gicr_this_cpu, const uint16_t *secure,
		    unsigned count);

#endif
