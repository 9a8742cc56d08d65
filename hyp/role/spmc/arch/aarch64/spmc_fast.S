/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's direct-message fast path (AArch64), taken for every synchronous
 * exit of a partition (lower_el.S, HYP_SPMC_FAST_PATH). It does in assembly
 * exactly what ffa_spmc.c would do for the common case, and hands everything
 * else to it unchanged:
 *
 * 1. The running partition answers its current request with a valid
 *    FFA_MSG_SEND_DIRECT_RESP (right IDs, right width): its x0-x7 are stored
 *    in its vCPU frame (in case C needs them) and sent to the monitor with an
 *    SMC straight from here. The partition's x8-x30, ELR and SPSR stay live:
 *    the monitor preserves the secure world's registers. Otherwise -> C.
 * 2. The normal world's next call arrives as that SMC's result. If it is a
 *    direct request to the same partition that passes every check of
 *    direct_req() (non-secure sender bound to it, no framework flag, the
 *    partition accepts requests), the request is recorded and delivered by
 *    ERET. Otherwise the call is parked in spmc_cpu.prefetched and the exit
 *    continues to C as the direct response it was; the C loop then takes
 *    the parked call instead of making its own SMC.
 */
#include <arch/asm.h>
#include <arch/regs.h>
#include <spmc_offsets.h>

#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define FID_SVE_HINT	(1 << 16)
#define FID_SMC64	(1 << 30)
#define DIRECT_REQ_32	0x8400006f
#define DIRECT_RESP_32	0x84000070

/* Scratch registers of the partition, kept on the SPMC stack while we look. */
.macro stash
	stp	x9, x10, [sp, #-48]!
	stp	x11, x12, [sp, #16]
	stp	x13, x14, [sp, #32]
.endm

.macro unstash
	ldp	x11, x12, [sp, #16]
	ldp	x13, x14, [sp, #32]
	ldp	x9, x10, [sp], #48
.endm

/* Continue as the ordinary synchronous exit (lower_el.S exit_vector). */
.macro to_c
	stp	x0, x1, [sp, #-16]!
	mov	x1, #EXIT_SYNC
	b	lower_exit
.endm

/* w\out = 1 if the trapped instruction was an SMC (ELR then points at it), 0 for HVC. */
.macro exit_is_smc out, tmp
	mrs	\tmp, esr_el2
	ubfx	\tmp, \tmp, #26, #6
	cmp	\tmp, #EC_SMC64
	cset	\out, eq
.endm

	.text
FUNC(spmc_fast_sync)
	stash
	mrs	x14, esr_el2
	ubfx	x14, x14, #26, #6		/* kept: the exception class */
	cmp	x14, #EC_HVC64
	ccmp	x14, #EC_SMC64, #4, ne		/* Z set if HVC or SMC */
	b.ne	not_fast
	/* A direct response, either width (the hint bit is not part of the ID; C masks it too)? */
	bic	w0, w0, #FID_SVE_HINT
	bic	w12, w0, #FID_SMC64
	mov	w10, #(DIRECT_RESP_32 & 0xffff)
	movk	w10, #(DIRECT_RESP_32 >> 16), lsl #16
	cmp	w12, w10
	b.ne	not_fast
	mrs	x9, tpidr_el2			/* struct spmc_cpu */
	ldr	x10, [x9, #SPMC_CPU_RUNNING]	/* struct sp */
	cbz	x10, not_fast
	/* Is it answering a request, with the request's width and IDs? */
	ldr	w12, [x10, #SP_REQUESTER]
	cmn	w12, #1				/* SPMC_NO_REQUESTER */
	b.eq	not_fast
	ldrb	w13, [x10, #SP_REQUEST_64]
	ubfx	w11, w0, #30, #1
	cmp	w13, w11
	b.ne	not_fast
	ldrh	w13, [x10, #SP_ID]
	orr	w13, w12, w13, lsl #16		/* expected w1: sp ID << 16 | requester */
	cmp	x1, x13
	b.ne	not_fast
	/* Committed: keep its answer for C, step past a trapped SMC, send the answer. */
	add	x12, x10, #SP_REGS
	stp	x0, x1, [x12, #0]
	stp	x2, x3, [x12, #16]
	stp	x4, x5, [x12, #32]
	stp	x6, x7, [x12, #48]
	cmp	x14, #EC_SMC64
	cset	x13, eq
	mrs	x14, elr_el2
	add	x14, x14, x13, lsl #2
	msr	elr_el2, x14
	unstash
	smc	#0
	/* The normal world's next call is in x0-x7; the partition's x8-x30 are intact. */
	stash
	mrs	x9, tpidr_el2
	ldr	x10, [x9, #SPMC_CPU_RUNNING]
	bic	w11, w0, #FID_SMC64
	mov	w12, #(DIRECT_REQ_32 & 0xffff)
	movk	w12, #(DIRECT_REQ_32 >> 16), lsl #16
	cmp	w11, w12
	b.ne	park
	ldrh	w13, [x10, #SP_ID]
	and	x12, x1, #0xffff
	cmp	x12, x13			/* to the same partition */
	b.ne	park
	lsr	x12, x1, #16			/* sender; must be all of w1[31:16] */
	cmp	x12, #8, lsl #12		/* a VM ID: below 0x8000, nothing above bit 31 */
	b.hs	park
	cbz	x12, park			/* ID 0 is never bound */
	and	x13, x12, #0xff
	add	x13, x10, x13, lsl #1
	ldrh	w13, [x13, #SP_ALLOWED_VMS]	/* binding policy */
	cmp	w13, w12
	b.ne	park
	tbnz	w2, #31, park			/* framework messages are not from VMs */
	ldrb	w13, [x10, #SP_ACCEPTS_DIRECT]
	cbz	w13, park
	/* Deliver: it is this partition's new request. */
	str	w12, [x10, #SP_REQUESTER]
	ubfx	w13, w0, #30, #1
	strb	w13, [x10, #SP_REQUEST_64]
	unstash
	eret
	dsb	nsh
	isb

/* Not ours: C parks the call, then handles the exit as the direct response it was. */
park:
	add	x12, x9, #SPMC_CPU_PREFETCHED
	stp	x0, x1, [x12, #0]
	stp	x2, x3, [x12, #16]
	stp	x4, x5, [x12, #32]
	stp	x6, x7, [x12, #48]
	mov	x13, #1
	str	x13, [x9, #SPMC_CPU_HAS_PREFETCHED]
	/* C steps past a trapped SMC itself: undo our step. */
	exit_is_smc w13, x14
	mrs	x14, elr_el2
	sub	x14, x14, x13, lsl #2
	msr	elr_el2, x14
	/* Put the partition's answer back into x0-x7, as it was at the exit. */
	add	x12, x10, #SP_REGS
	ldp	x2, x3, [x12, #16]
	ldp	x4, x5, [x12, #32]
	ldp	x6, x7, [x12, #48]
	ldp	x0, x1, [x12, #0]
	unstash
	to_c

not_fast:
	unstash
	to_c
END(spmc_fast_sync)
