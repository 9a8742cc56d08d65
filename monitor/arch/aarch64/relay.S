/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The monitor's FF-A relay fast path, entered from the lower-EL exit path
 * (arch/aarch64/lower_el.S) with the trapping world's GPRs, ELR and SPSR
 * already saved: x0 = its struct arch_regs (the start of its struct world),
 * x1 = the exit kind, sp = arch_enter_lower()'s frame. It handles exactly
 * what monitor/spmd.c would do with the same call, only without the trip
 * through C:
 *   normal world, an FF-A function other than FFA_VERSION -> the SPMC;
 *   secure world (SPMC booted), DIRECT_RESP, SUCCESS, ERROR, MSG_WAIT,
 *   INTERRUPT or YIELD -> the normal world.
 * The message x0-x7 is loaded straight from the sender's frame, not copied
 * into the receiver's: a running world's frame is rewritten at its next exit.
 * PSCI_VERSION and SMCCC_VERSION are answered here too (only x0 changes, as
 * in C). Everything else goes on to C (lower_exit_to_c) untouched.
 */
#include <arch/asm.h>
#include <arch/regs.h>
#include <monitor/arch_world.h>
#include <monitor/world_regs_macros.S>

#define FID_SVE_HINT	(1 << 16)
#define FID_SMC64	(1 << 30)
#define FFA_BASE	0x84000060
#define FFA_LAST_OFF	0x9f
#define FFA_VERSION_OFF	0x03
#define EC_SMC64	0x17

	.text
FUNC(monitor_relay_fast)
	cbnz	x1, lower_exit_to_c		/* not a synchronous exception */
	mrs	x2, esr_el3
	lsr	x2, x2, #26
	cmp	x2, #EC_SMC64
	b.ne	lower_exit_to_c
	ldr	w2, [x0, #REGS_X0]
	bic	w2, w2, #FID_SVE_HINT		/* not part of the ID; relayed without it */
	bic	w6, w2, #FID_SMC64
	mov	w7, #(FFA_BASE & 0xffff)
	movk	w7, #(FFA_BASE >> 16), lsl #16
	sub	w8, w6, w7			/* offset in the FF-A range */
	cmp	w8, #FFA_LAST_OFF
	b.hi	not_ffa
	mrs	x3, tpidr_el3			/* struct monitor_cpu */
	add	x5, x3, #MCPU_CURRENT
	ldp	w4, w5, [x5]			/* current world, spmc_ready */
	cbz	w5, lower_exit_to_c
	cbz	w4, from_secure
	cmp	w8, #FFA_VERSION_OFF		/* answered by the monitor itself */
	b.eq	lower_exit_to_c
	b	relay
from_secure:
	cmp	w8, #0x10			/* DIRECT_RESP (32/64) */
	b.eq	relay
	cmp	w8, #0x01			/* SUCCESS (32/64) */
	b.eq	relay
	cmp	w2, w6				/* the rest exist only as SMC32 */
	b.ne	lower_exit_to_c
	cmp	w8, #0x00			/* ERROR */
	b.eq	relay
	cmp	w8, #0x02			/* INTERRUPT */
	b.eq	relay
	cmp	w8, #0x0b			/* MSG_WAIT */
	b.eq	relay
	cmp	w8, #0x0c			/* YIELD */
	b.ne	lower_exit_to_c
relay:
	str	x2, [x0, #REGS_X0]
	mov	x19, x0				/* from: struct world */
	eor	w22, w4, #1			/* to: the other world */
	mov	x9, #MCPU_WORLD_SIZE
	madd	x20, x22, x9, x3		/* to: struct world */
	add	x21, x19, #MCPU_WORLD_ARCH
	world_regs_save_at x21
	add	x21, x20, #MCPU_WORLD_ARCH
	world_regs_load_at x21
	ldr	x9, [x21]			/* scr_el3 is the first field of world_arch */
	msr	scr_el3, x9			/* takes effect for the lower ELs at the ERET */
	str	w22, [x3, #MCPU_CURRENT]
	str	x20, [sp, #LOWER_FRAME_REGS]	/* the C frame now runs the other world */
	/* Enter it: its own x8-x30, ELR and SPSR; x0-x7 are the message, from the sender's frame. */
	mov	x0, x19
	mov	x1, x20
	ldp	x2, x3, [x1, #REGS_ELR]
	msr	elr_el3, x2
	msr	spsr_el3, x3
	ldp	x8, x9, [x1, #64]
	load_x10_x30 x1
	ldp	x6, x7, [x0, #48]
	ldp	x4, x5, [x0, #32]
	ldp	x2, x3, [x0, #16]
	ldp	x0, x1, [x0]
	eret
	dsb	nsh
	isb
/* The two version queries, answered from registers as smc.c and psci.c would. */
not_ffa:
	mov	w5, #0x84000000
	cmp	w2, w5				/* PSCI_VERSION: 1.1 */
	mov	x6, #1
	b.eq	answer_version
	mov	w5, #0x80000000
	cmp	w2, w5				/* SMCCC_VERSION: 1.2 */
	mov	x6, #2
	b.ne	lower_exit_to_c
answer_version:
	movk	x6, #1, lsl #16			/* 0x1000N: major 1, minor N */
	str	x6, [x0, #REGS_X0]
	b	lower_enter_regs
END(monitor_relay_fast)
