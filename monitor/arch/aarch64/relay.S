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
 * Everything else goes on to C (lower_exit_to_c) untouched.
 */
#include <arch/asm.h>
#include <arch/regs.h>
#include <monitor/arch_world.h>

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
	mrs	x3, tpidr_el3			/* struct monitor_cpu */
	add	x5, x3, #MCPU_CURRENT
	ldp	w4, w5, [x5]			/* current world, spmc_ready */
	cbz	w5, lower_exit_to_c
	ldr	w2, [x0, #REGS_X0]
	bic	w2, w2, #FID_SVE_HINT		/* not part of the ID; relayed without it */
	bic	w6, w2, #FID_SMC64
	mov	w7, #(FFA_BASE & 0xffff)
	movk	w7, #(FFA_BASE >> 16), lsl #16
	sub	w8, w6, w7			/* offset in the FF-A range */
	cmp	w8, #FFA_LAST_OFF
	b.hi	lower_exit_to_c
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
	mov	x21, x3
	ldp	x9, x10, [x19, #0]		/* the message: x0-x7 */
	stp	x9, x10, [x20, #0]
	ldp	x9, x10, [x19, #16]
	stp	x9, x10, [x20, #16]
	ldp	x9, x10, [x19, #32]
	stp	x9, x10, [x20, #32]
	ldp	x9, x10, [x19, #48]
	stp	x9, x10, [x20, #48]
	add	x0, x19, #MCPU_WORLD_ARCH
	bl	world_regs_save
	add	x0, x20, #MCPU_WORLD_ARCH
	bl	world_regs_load
	ldr	x0, [x20, #MCPU_WORLD_ARCH]	/* scr_el3 is the first field of world_arch */
	msr	scr_el3, x0
	isb
	str	w22, [x21, #MCPU_CURRENT]
	str	x20, [sp, #LOWER_FRAME_REGS]	/* the C frame now runs the other world */
	mov	x0, x20
	b	lower_enter_regs
END(monitor_relay_fast)
