/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The general-purpose register frame of a lower exception level, as saved and
 * restored by arch_enter_lower() (lower_el.S). The offsets are used by the
 * assembly and pinned here with static_asserts.
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REGS_X0	  0
#define REGS_ELR  248
#define REGS_SPSR 256
#define REGS_SIZE 272

/* arch_enter_lower()'s stack frame: x19-x30, then the pointer to the running frame. */
#define LOWER_FRAME_SIZE 112
#define LOWER_FRAME_REGS 96

/* Why arch_enter_lower() returned: the vector group that was taken. */
#define EXIT_SYNC   0
#define EXIT_IRQ    1
#define EXIT_FIQ    2
#define EXIT_SERROR 3

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

struct arch_regs {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};
_Static_assert(offsetof(struct arch_regs, x) == REGS_X0, "lower_el.S layout");
_Static_assert(offsetof(struct arch_regs, elr) == REGS_ELR, "lower_el.S layout");
_Static_assert(offsetof(struct arch_regs, spsr) == REGS_SPSR, "lower_el.S layout");
_Static_assert(sizeof(struct arch_regs) == REGS_SIZE, "lower_el.S layout");

/*
 * Run the lower EL described by `regs` until it takes an exception to this EL;
 * its registers are saved back into `regs`. Returns EXIT_*.
 */
unsigned arch_enter_lower(struct arch_regs *regs);

/* SPSR values for a first entry: target EL with SP_ELx, D/A/I/F masked. */
#define SPSR_EL1H_MASKED 0x3c5u
#define SPSR_EL2H_MASKED 0x3c9u
#endif

#endif /* ARCH_REGS_H */
