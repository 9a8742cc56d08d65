/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test helper for EL1 payloads: make one access that may fault (a load, a store, or a call into
 * a page) and, if the exception comes, record it and go on after the access instead of dying
 * (test/payloads/arch/aarch64/fault_probe.S). A payload's EL1 vector for a synchronous
 * exception from the current EL with SP_EL1 starts with `fault_probe_vector <fallback>`: an
 * exception while a probe is armed resumes the probe, any other goes to <fallback> with every
 * register as it was. This is how the tests see the synchronous external abort a hypervisor
 * injects for memory the payload does not own (docs/architecture.md §4). Linked into the test
 * guest and tos_test only.
 */
#ifndef PAYLOAD_FAULT_PROBE_H
#define PAYLOAD_FAULT_PROBE_H

#define FAULT_PROBE_RESUME 0 /* struct fault_probe offsets, for the vector */
#define FAULT_PROBE_ESR	   8
#define FAULT_PROBE_FAR	   16
#define FAULT_PROBE_ELR	   24

#ifdef __ASSEMBLER__
/* clang-format off */
/* Clobbers nothing: x0/x1 are kept on the stack (SP_EL1) while it looks. */
.macro fault_probe_vector fallback
.Lfault_probe_start\@:
	stp	x0, x1, [sp, #-16]!
	adrp	x0, fault_probe_armed
	ldr	x0, [x0, :lo12:fault_probe_armed]
	cbz	x0, .Lfault_probe_none\@
	mrs	x1, esr_el1
	str	x1, [x0, #FAULT_PROBE_ESR]
	mrs	x1, far_el1
	str	x1, [x0, #FAULT_PROBE_FAR]
	mrs	x1, elr_el1
	str	x1, [x0, #FAULT_PROBE_ELR]
	ldr	x1, [x0, #FAULT_PROBE_RESUME]
	msr	elr_el1, x1
	ldp	x0, x1, [sp], #16
	eret
.Lfault_probe_none\@:
	ldp	x0, x1, [sp], #16
	b	\fallback
	.if . - .Lfault_probe_start\@ > 0x80
	.error "fault_probe_vector does not fit in its vector slot"
	.endif
.endm
/* clang-format on */
#else
#include <stdbool.h>
#include <stdint.h>

struct fault_probe {
	uint64_t resume;	/* set by the probe: where the vector resumes it */
	uint64_t esr, far, elr; /* the exception's syndrome, address and PC; esr 0: none came */
};
_Static_assert(__builtin_offsetof(struct fault_probe, esr) == FAULT_PROBE_ESR &&
		   __builtin_offsetof(struct fault_probe, far) == FAULT_PROBE_FAR &&
		   __builtin_offsetof(struct fault_probe, elr) == FAULT_PROBE_ELR,
	       "fault_probe_vector's offsets");

/* Load the 64-bit word at addr; if it faults, return if_fault (the load gave nothing). */
uint64_t fault_probe_load(uint64_t addr, uint64_t if_fault, struct fault_probe *f);
/* Store value at addr. */
void fault_probe_store(uint64_t addr, uint64_t value, struct fault_probe *f);
/* Call the code at addr (it must return at once if it runs: a RET is enough). */
void fault_probe_exec(uint64_t addr, struct fault_probe *f);

#define FAULT_EC_IABT_SAME 0x21u
#define FAULT_EC_DABT_SAME 0x25u

/*
 * The probe took a synchronous external abort (FSC 0b010000, IL) of class `ec` at `addr`,
 * a write (WnR) if `write`: what a hypervisor injects for memory the payload does not own.
 */
static inline bool fault_probe_is_sea(const struct fault_probe *f, unsigned ec, uint64_t addr,
				      bool write)
{
	uint64_t want = (uint64_t)ec << 26 | 1ull << 25 | (uint64_t)write << 6 | 0x10u;

	return f->esr == want && f->far == addr;
}
#endif

#endif
