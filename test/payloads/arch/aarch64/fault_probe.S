/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One access that may fault, for the tests (<payload/fault_probe.h>): each probe records where
 * the vector resumes it, arms fault_probe_armed with its struct fault_probe, makes the access,
 * and disarms. If the access faults, fault_probe_vector (in the payload's EL1 vector) fills in
 * the syndrome and resumes at that point, with every register as it was before the access.
 */
#include <arch/asm.h>
#include <payload/fault_probe.h>

	.bss
	.balign 8
	.global fault_probe_armed
fault_probe_armed:
	.quad	0

	.text
/* x2/x1: the struct; x9: &fault_probe_armed; x10: resume address. Clobbers x9, x10. */
.macro probe_arm f, resume
	adr	x10, \resume
	str	x10, [\f, #FAULT_PROBE_RESUME]
	str	xzr, [\f, #FAULT_PROBE_ESR]
	adrp	x9, fault_probe_armed
	add	x9, x9, :lo12:fault_probe_armed
	str	\f, [x9]
	isb
.endm

/* uint64_t fault_probe_load(uint64_t addr, uint64_t if_fault, struct fault_probe *f) */
FUNC(fault_probe_load)
	probe_arm x2, 1f
	mov	x11, x0
	mov	x0, x1
	ldr	x0, [x11]
1:	str	xzr, [x9]
	ret
END(fault_probe_load)

/* void fault_probe_store(uint64_t addr, uint64_t value, struct fault_probe *f) */
FUNC(fault_probe_store)
	probe_arm x2, 1f
	str	x1, [x0]
1:	str	xzr, [x9]
	ret
END(fault_probe_store)

/* void fault_probe_exec(uint64_t addr, struct fault_probe *f) */
FUNC(fault_probe_exec)
	stp	x29, x30, [sp, #-16]!
	probe_arm x1, 1f
	blr	x0
1:	adrp	x9, fault_probe_armed
	str	xzr, [x9, :lo12:fault_probe_armed]
	ldp	x29, x30, [sp], #16
	ret
END(fault_probe_exec)
