/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trusted OS entry, exception vectors and the switch to and from S-EL0.
 * A TA runs through tos_user_run(ctx): it saves the kernel's callee-saved
 * registers on the kernel stack, loads the TA's registers from ctx and ERETs.
 * Any exception from S-EL0 saves the TA's registers back into ctx (found in
 * TPIDR_EL1) and returns from tos_user_run with the kind of exception, so the
 * kernel handles system calls and faults in plain C on one stack. An exception
 * at S-EL1 itself ends the partition (payload_exception); in tos_test, not the
 * one a memory test's fault probe expects (<payload/fault_probe.h>).
 */
#include <arch/asm.h>
#ifdef TESSERA_TEST_BUILD
#include <payload/fault_probe.h> /* tos_test only: the memory tests' fault probes */
#endif

/* struct user_ctx (tos/user.h): x0-x30, sp_el0, elr, spsr. */
#define UCTX_SP	  248
#define UCTX_ELR  256

	.section .text.entry, "ax"
FUNC(tos_entry)
	mrs	x20, cntvct_el0
	mov	x19, x0
	ldr	x0, =__stack_top
	mov	sp, x0
	adr	x0, tos_vectors
	msr	vbar_el1, x0
	isb
	zero_bss
	mov	x0, x19
	mov	x1, x20
	bl	payload_main
	b	.
END(tos_entry)

	.text
/* uint64_t tos_user_run(struct user_ctx *ctx): run the TA until it takes an exception. */
FUNC(tos_user_run)
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	msr	tpidr_el1, x0
	ldr	x1, [x0, #UCTX_SP]
	msr	sp_el0, x1
	ldp	x1, x2, [x0, #UCTX_ELR]
	msr	elr_el1, x1
	msr	spsr_el1, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldp	x8, x9, [x0, #64]
	ldp	x10, x11, [x0, #80]
	ldp	x12, x13, [x0, #96]
	ldp	x14, x15, [x0, #112]
	ldp	x16, x17, [x0, #128]
	ldp	x18, x19, [x0, #144]
	ldp	x20, x21, [x0, #160]
	ldp	x22, x23, [x0, #176]
	ldp	x24, x25, [x0, #192]
	ldp	x26, x27, [x0, #208]
	ldp	x28, x29, [x0, #224]
	ldr	x30, [x0, #240]
	ldp	x0, x1, [x0]
	eret
	/* Never executed: stops straight-line speculation past the ERET (as every ERET in the firmware). */
	dsb	nsh
	isb
END(tos_user_run)

/* From S-EL0: x1 = kind (vector), original x0/x1 on the kernel stack. */
user_exit:
	mrs	x0, tpidr_el1
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
	stp	x2, x3, [x0]
	mrs	x2, sp_el0
	str	x2, [x0, #UCTX_SP]
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x2, x3, [x0, #UCTX_ELR]
	mov	x0, x1
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret

kernel_exception:
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	payload_exception
	b	.

.macro from_kernel
	.balign 0x80
	b	kernel_exception
.endm

.macro from_user kind
	.balign 0x80
	stp	x0, x1, [sp, #-16]!
	mov	x1, #\kind
	b	user_exit
.endm

	.balign 0x800
tos_vectors:
	from_kernel		/* current EL, SP0 */
	from_kernel
	from_kernel
	from_kernel
#ifdef TESSERA_TEST_BUILD
	.balign 0x80		/* current EL, SPx, sync: a test probe's abort, or the end */
	fault_probe_vector kernel_exception
#else
	from_kernel		/* current EL, SPx */
#endif
	from_kernel
	from_kernel
	from_kernel
	from_user 0		/* lower EL, AArch64: sync, IRQ, FIQ, SError */
	from_user 1
	from_user 2
	from_user 3
	from_user 4		/* lower EL, AArch32: never entered */
	from_user 4
	from_user 4
	from_user 4
