/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entering a lower exception level and coming back: the only world/vCPU
 * switch assembly. Built once per EL (ARCH_EL=2 for the hypervisor roles,
 * ARCH_EL=3 for the monitor). arch_enter_lower() saves the caller's
 * callee-saved registers on this EL's stack, loads the lower EL's GPRs, ELR
 * and SPSR from a struct arch_regs and ERETs. The lower-EL vectors save the
 * lower EL's GPRs back into that struct and return from arch_enter_lower()
 * with the vector kind, so every layer is written as a C loop:
 * "run the thing below me, handle why it stopped".
 */
#include <arch/asm.h>
#include <arch/regs.h>

#if ARCH_EL == 3
#define ELR_REG elr_el3
#define SPSR_REG spsr_el3
#elif ARCH_EL == 2
#define ELR_REG elr_el2
#define SPSR_REG spsr_el2
#else
#error "ARCH_EL must be 2 or 3"
#endif


	.text
FUNC(arch_enter_lower)
	sub	sp, sp, #LOWER_FRAME_SIZE
	stp	x19, x20, [sp, #0]
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	str	x0, [sp, #LOWER_FRAME_REGS]
/* Enter the lower EL whose frame x0 points at (also the monitor's relay fast path). */
.global lower_enter_regs
lower_enter_regs:
	ldp	x2, x3, [x0, #REGS_ELR]
	msr	ELR_REG, x2
	msr	SPSR_REG, x3
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	load_x10_x30 x0
	ldp	x0, x1, [x0, #0]
	eret
	dsb	nsh
	isb
END(arch_enter_lower)

/* x1 = exit kind; the lower EL's x0/x1 are at [sp], the frame above them. */
.global lower_exit
lower_exit:
	ldr	x0, [sp, #16 + LOWER_FRAME_REGS]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	ldp	x2, x3, [sp], #16
	stp	x2, x3, [x0, #0]
	mrs	x2, ELR_REG
	mrs	x3, SPSR_REG
	stp	x2, x3, [x0, #REGS_ELR]
#if ARCH_EL == 3
	/* The monitor relays FF-A between the worlds without going back to C (relay.S). */
	b	monitor_relay_fast
.global lower_exit_to_c
lower_exit_to_c:
#endif
	mov	x0, x1
	ldp	x19, x20, [sp, #0]
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	add	sp, sp, #LOWER_FRAME_SIZE
	ret

.macro exit_vector kind
	.balign 0x80
	stp	x0, x1, [sp, #-16]!
	mov	x1, #\kind
	b	lower_exit
.endm

.macro same_el_vector kind
	.balign 0x80
	mov	x0, #\kind
	b	arch_unexpected_exception
.endm

	.balign 0x800
FUNC(arch_vectors)
	same_el_vector 0 /* current EL, SP_EL0 */
	same_el_vector 1
	same_el_vector 2
	same_el_vector 3
	same_el_vector 0 /* current EL, SP_ELx */
	same_el_vector 1
	same_el_vector 2
	same_el_vector 3
#ifdef HYP_FAST_SYNC
	/* The role's direct-message fast path (hyp/role/<role>/arch/aarch64/<role>_fast.S). */
	.balign 0x80
	b	HYP_FAST_SYNC
#else
	exit_vector EXIT_SYNC /* lower EL, AArch64 */
#endif
	exit_vector EXIT_IRQ
	exit_vector EXIT_FIQ
	exit_vector EXIT_SERROR
	exit_vector EXIT_SYNC /* lower EL, AArch32 */
	exit_vector EXIT_IRQ
	exit_vector EXIT_FIQ
	exit_vector EXIT_SERROR
END(arch_vectors)
