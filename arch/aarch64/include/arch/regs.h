/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The general-purpose register frame of a lower exception level, as saved and
 * restored by the exception vectors (hyp/arch/aarch64/exceptions.S,
 * monitor/arch/aarch64/exceptions.S). The offsets are used by the assembly and
 * pinned here with static_asserts.
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REGS_X0	  0
#define REGS_ELR  248
#define REGS_SPSR 256
#define REGS_SIZE 272

/* Which vector group an exit came through. */
#define EXIT_SYNC   0
#define EXIT_IRQ    1
#define EXIT_FIQ    2
#define EXIT_SERROR 3

#ifdef __ASSEMBLER__
/* clang-format off */
/* Load x10-x30 of a struct arch_regs at \base (which must be none of x10-x30). */
.macro load_x10_x30 base
	ldp	x10, x11, [\base, #80]
	ldp	x12, x13, [\base, #96]
	ldp	x14, x15, [\base, #112]
	ldp	x16, x17, [\base, #128]
	ldp	x18, x19, [\base, #144]
	ldp	x20, x21, [\base, #160]
	ldp	x22, x23, [\base, #176]
	ldp	x24, x25, [\base, #192]
	ldp	x26, x27, [\base, #208]
	ldp	x28, x29, [\base, #224]
	ldr	x30, [\base, #240]
.endm

/*
 * Run the lower EL from the struct arch_regs at x0, whole: ELR and SPSR of this EL (\elr,
 * \spsr), x0-x30, then ERET (and the speculation barrier no one executes). The hypervisors'
 * vCPU restore and the monitor's world entry.
 */
.macro eret_to_frame elr, spsr
	ldp	x2, x3, [x0, #REGS_ELR]
	msr	\elr, x2
	msr	\spsr, x3
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	load_x10_x30 x0
	ldp	x0, x1, [x0, #0]
	eret
	dsb	nsh
	isb
.endm

/* An exception an EL takes from itself: arch_unexpected_exception(kind) reports it. */
.macro same_el_vector kind
	.balign 0x80
	mov	x0, #\kind
	b	arch_unexpected_exception
.endm
/* clang-format on */
#else
#include <stddef.h>
#include <stdint.h>

struct arch_regs {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};
_Static_assert(offsetof(struct arch_regs, x) == REGS_X0, "exceptions.S layout");
_Static_assert(offsetof(struct arch_regs, elr) == REGS_ELR, "exceptions.S layout");
_Static_assert(offsetof(struct arch_regs, spsr) == REGS_SPSR, "exceptions.S layout");
_Static_assert(sizeof(struct arch_regs) == REGS_SIZE, "exceptions.S layout");

/* SPSR values for a first entry: target EL with SP_ELx, D/A/I/F masked. */
#define SPSR_EL1H_MASKED 0x3c5u
#define SPSR_EL2H_MASKED 0x3c9u
#endif

#endif /* ARCH_REGS_H */
