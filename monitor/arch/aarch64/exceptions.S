/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The monitor's exception vectors and its way into a world. While a world runs,
 * SP_EL3 points at that world's frame (struct arch_regs, the start of its struct
 * world). An exception from a lower EL saves the world's x0-x30, ELR_EL3 and
 * SPSR_EL3 there, moves to this CPU's C stack (empty whenever a world runs) and
 * calls monitor_handle_exit(cpu, world, kind) (monitor/main.c), which decides what runs
 * next and returns that world; arch_world_enter() loads its frame and ERETs.
 * Nothing is decided here. An exception taken at EL3 itself is a monitor bug:
 * arch_unexpected_exception() panics.
 */
#include <arch/asm.h>
#include <arch/regs.h>
#include <monitor/arch_world.h>

/* A lower EL trapped: its frame is at sp. */
.macro lower_vector kind
	.balign 0x80
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x0, elr_el3
	mrs	x1, spsr_el3
	stp	x30, x0, [sp, #240]		/* x30, then ELR (REGS_ELR = 248) */
	str	x1, [sp, #REGS_SPSR]
	mrs	x0, tpidr_el3			/* struct monitor_cpu */
	mov	x1, sp				/* the frame: the current struct world */
	ldr	x2, [x0, #MONITOR_CPU_STACK_TOP]
	mov	sp, x2
	mov	w2, #\kind
	bl	monitor_handle_exit
	b	arch_world_enter
.endm

	.text
/* void arch_world_enter(struct world *w): run w from its frame; never returns. */
FUNC(arch_world_enter)
	mov	sp, x0				/* the frame its next exception saves to */
	eret_to_frame elr_el3, spsr_el3
END(arch_world_enter)

/*
 * arch_world_enter_msg: x0 = the sender's frame, x1 = the world to enter (a relay's switch,
 * world_regs.S). Like arch_world_enter, but x0-x7, the message, come from the sender's frame.
 */
FUNC(arch_world_enter_msg)
	mov	sp, x1
	ldp	x2, x3, [x1, #REGS_ELR]
	msr	elr_el3, x2
	msr	spsr_el3, x3
	ldp	x8, x9, [x1, #64]
	load_x10_x30 x1
	ldp	x6, x7, [x0, #48]
	ldp	x4, x5, [x0, #32]
	ldp	x2, x3, [x0, #16]
	ldp	x0, x1, [x0, #0]
	eret
	dsb	nsh
	isb
END(arch_world_enter_msg)

	.balign 0x800
FUNC(monitor_vectors)
	same_el_vector EXIT_SYNC		/* current EL, SP_EL0 */
	same_el_vector EXIT_IRQ
	same_el_vector EXIT_FIQ
	same_el_vector EXIT_SERROR
	same_el_vector EXIT_SYNC		/* current EL, SP_EL3 */
	same_el_vector EXIT_IRQ
	same_el_vector EXIT_FIQ
	same_el_vector EXIT_SERROR
	lower_vector EXIT_SYNC			/* lower EL, AArch64 */
	lower_vector EXIT_IRQ
	lower_vector EXIT_FIQ
	lower_vector EXIT_SERROR
	lower_vector EXIT_SYNC			/* lower EL, AArch32 */
	lower_vector EXIT_IRQ
	lower_vector EXIT_FIQ
	lower_vector EXIT_SERROR
END(monitor_vectors)
