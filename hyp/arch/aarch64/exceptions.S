/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypervisors' EL2 exception vectors and vCPU switch (both roles), shaped
 * like Hafnium's src/arch/aarch64/hypervisor/exceptions.S. TPIDR_EL2 names the
 * vCPU that runs below this EL. An exit from it saves what C may clobber
 * (x0-x8, x18, x29, x30, ELR_EL2, SPSR_EL2) into its frame (struct vcpu starts
 * with its struct arch_regs) and calls ONE C entry, which takes that vCPU and
 * returns the one to run next:
 *   synchronous exit          hyp_vcpu_sync(current)         (vm_arch.c)
 *   IRQ, FIQ, SError          hyp_vcpu_async(current, kind)  (vm_arch.c)
 * Reserved registers: the hypervisors are built with x9-x17 fixed (Makefile
 * HYP_FIXED_REGS), so an exit saves only what C can clobber: no C code touches
 * x9-x17, and a vCPU's x9-x17, like its x19-x28, stay live in the registers
 * until it is switched away (its frame slots for them are stale until then).
 * C reads and writes only x0-x7 of a frame on a call. Any assembly linked into
 * a hypervisor must not write x9-x17 (scratch: x0-x8, x18), except here and in
 * other_world.S, where a leaving vCPU's registers join its frame and a vCPU is
 * restored whole; and the monitor must keep them across a hypervisor's SMC.
 * (A synchronous exit that is not a call makes hyp_vcpu_sync() return NULL:
 * then x9-x17 and x19-x28 join the frame too, hyp_vcpu_trap(current) handles
 * it, and the vCPU resumes whole: an emulated MRS may write any register.)
 * If next is current, what its exit saved comes back and it resumes (ERET).
 * Otherwise current's x9-x17 and x19-x28 join its frame, hyp_vcpu_switch()
 * (vm.c: EL1 state and stage 2, only when the loaded vCPU changes; TPIDR_EL2)
 * makes next current, and next is restored whole. A vCPU of the other world
 * (the SPMC's view of the normal world, vcpu.other_world) is not entered by
 * ERET: hyp_other_world_enter/_loop (hyp/role/spmc/arch/aarch64/other_world.S)
 * run it with an SMC. It has no EL1 state, and its loop touches neither x9-x17
 * nor a callee-saved register (the monitor keeps both across the SMC), so the
 * partition that ran before it keeps them live; if that partition runs next,
 * only what the exit saved comes back (hyp_vcpu_resume).
 * hyp_vcpu_first() enters the first vCPU from the boot code.
 * Nothing here decides anything: there is no stack depth between exits (each
 * exit starts at the top of this CPU's stack) and no C frame outlives one.
 *
 * Register contract with the monitor (docs/architecture.md §4): the monitor
 * does not preserve ELR_EL2, SPSR_EL2, ESR_EL2, FAR_EL2 or HPFAR_EL2 across
 * an SMC of this hypervisor. So every ERET below restores ELR_EL2 and
 * SPSR_EL2 from the vCPU's frame (saved here at the exit, changed there by C),
 * and no C code reads ESR/FAR/HPFAR/ELR/SPSR_EL2 after it made an SMC in the
 * same exit: hyp_vcpu_sync() reads ESR before any role handler runs, and
 * hyp_vcpu_trap() reads ESR, FAR and HPFAR in an exit that made no SMC yet.
 * The other-world loop's SMC is not followed by any of these reads either.
 */
#include <arch/asm.h>
#include <arch/regs.h>
#include <plat/plat_def.h>

/* struct vcpu: the frame, then the other-world flag (pinned by hyp/include/hyp/vm.h). */
#define VCPU_OTHER_WORLD REGS_SIZE
#define REGS_X9	 (8 * 9)
#define REGS_X18	 (8 * 18)
#define REGS_X19	 (8 * 19)
#define REGS_X29	 (8 * 29)

/* Save what C may clobber of the running vCPU into its frame; x0 = that vCPU. */
.macro save_volatile
	str	x18, [sp, #-16]!
	mrs	x18, tpidr_el2
	stp	x0, x1, [x18, #0]
	stp	x2, x3, [x18, #16]
	stp	x4, x5, [x18, #32]
	stp	x6, x7, [x18, #48]
	str	x8, [x18, #64]
	stp	x29, x30, [x18, #REGS_X29]
	ldr	x0, [sp], #16
	str	x0, [x18, #REGS_X18]
	mrs	x1, elr_el2
	mrs	x2, spsr_el2
	stp	x1, x2, [x18, #REGS_ELR]
	mov	x0, x18
.endm

/* The live x9-x17 and x19-x28 of the vCPU at \v join its frame (the rest is there). */
.macro save_live v
	stp	x9, x10, [\v, #REGS_X9]
	stp	x11, x12, [\v, #REGS_X9 + 16]
	stp	x13, x14, [\v, #REGS_X9 + 32]
	stp	x15, x16, [\v, #REGS_X9 + 48]
	str	x17, [\v, #REGS_X9 + 64]
	stp	x19, x20, [\v, #REGS_X19]
	stp	x21, x22, [\v, #REGS_X19 + 16]
	stp	x23, x24, [\v, #REGS_X19 + 32]
	stp	x25, x26, [\v, #REGS_X19 + 48]
	stp	x27, x28, [\v, #REGS_X19 + 64]
.endm

.macro lower_sync
	.balign 0x80
	save_volatile
	bl	hyp_vcpu_sync
	cbz	x0, sync_trap
	b	vcpu_next
.endm

.macro lower_async kind
	.balign 0x80
	save_volatile
	mov	w1, #\kind
	bl	hyp_vcpu_async
	b	vcpu_next
.endm

	.text
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
	lower_sync	 /* lower EL, AArch64 */
	lower_async EXIT_IRQ
	lower_async EXIT_FIQ
	lower_async EXIT_SERROR
	lower_sync	 /* lower EL, AArch32 (never enabled: HCR_EL2.RW) */
	lower_async EXIT_IRQ
	lower_async EXIT_FIQ
	lower_async EXIT_SERROR
END(arch_vectors)

/*
 * Not a call (hyp_vcpu_sync() returned NULL): a trap to emulate, which may read or write any
 * register of the vCPU, or a fault. Its live x9-x17 and x19-x28 (C kept them) join the frame
 * first, and it resumes from the whole frame.
 */
sync_trap:
	mrs	x0, tpidr_el2
	save_live x0
	bl	hyp_vcpu_trap
	mrs	x1, tpidr_el2
	cmp	x0, x1
	b.ne	vcpu_switch
	b	vcpu_restore

/* x0 = the vCPU the C entry chose. */
vcpu_next:
	mrs	x1, tpidr_el2
	cmp	x0, x1
	b.ne	vcpu_switch
/* x0, current, resumes: only what its exit saved is not live (x9-x17, x19-x28 are). */
.global hyp_vcpu_resume
hyp_vcpu_resume:
	ldp	x1, x2, [x0, #REGS_ELR]
	msr	elr_el2, x1
	msr	spsr_el2, x2
	ldp	x2, x3, [x0, #16]
	ldp	x4, x5, [x0, #32]
	ldp	x6, x7, [x0, #48]
	ldr	x8, [x0, #64]
	ldr	x18, [x0, #REGS_X18]
	ldp	x29, x30, [x0, #REGS_X29]
	ldp	x0, x1, [x0, #0]
	eret
	dsb	nsh
	isb

/*
 * x0 = next, x1 = the vCPU that exited: its live x9-x17 and x19-x28 join its frame, unless the
 * other world is next, which leaves them live (other_world.S keeps them for its return).
 */
vcpu_switch:
	ldr	w2, [x0, #VCPU_OTHER_WORLD]
	cbnz	w2, hyp_other_world_enter
	save_live x1
/*
 * Make x0 the current vCPU and run it; every register of the previous one is in its frame.
 * Also the other-world loop's way back into a partition.
 */
.global hyp_vcpu_enter
hyp_vcpu_enter:
	bl	hyp_vcpu_switch
	ldr	w1, [x0, #VCPU_OTHER_WORLD]
	cbnz	w1, hyp_other_world_loop
/* Run x0, current, from its whole frame. */
vcpu_restore:
	eret_to_frame elr_el2, spsr_el2

/* void hyp_vcpu_first(struct vcpu *first): the boot code's last call, on a fresh stack. */
FUNC(hyp_vcpu_first)
	mov	x19, x0
	percpu_stack hyp_stacks, PLAT_STACK_SIZE
	mov	x0, x19
	b	hyp_vcpu_enter
END(hyp_vcpu_first)

/*
 * Only the SPMC has an other world (its other_world.S overrides these); nshyp never makes such
 * a vCPU, so reaching this is a bug of the hypervisor itself.
 */
	.weak	hyp_other_world_loop
	.weak	hyp_other_world_enter
FUNC(hyp_other_world_loop)
hyp_other_world_enter:
	mov	x0, #4
	b	arch_unexpected_exception
END(hyp_other_world_loop)
