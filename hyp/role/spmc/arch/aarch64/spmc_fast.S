/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's direct-message fast path (AArch64), taken for every synchronous
 * exit of a partition (lower_el.S, HYP_FAST_SYNC). It does in assembly
 * exactly what ffa_spmc.c would do for the common case, and hands everything
 * else to it unchanged:
 *
 * 1. The running partition answers its current request with a valid
 *    FFA_MSG_SEND_DIRECT_RESP (right IDs, right width, w2 = 0 answering a partition
 *    message; the MBZ rules of <abi/ffa_rules.h>): its x0-x7 are stored
 *    in its vCPU frame (in case C needs them) and sent to the monitor with an
 *    SMC straight from here. The partition's x8-x30, ELR and SPSR stay live:
 *    the monitor preserves the secure world's registers. Otherwise -> C.
 * 2. The normal world's next call arrives as that SMC's result. If it is a
 *    direct request that passes every check of direct_req() (non-secure
 *    sender bound to the partition, flags w2 = 0, the partition accepts
 *    requests and is waiting), the request is recorded and delivered by ERET:
 *    to the same partition directly, to another one after switching its EL1
 *    state and stage-2 roots here. Otherwise the call is parked in spmc_cpu.prefetched and the exit
 *    continues to C as the direct response it was; the C loop then takes
 *    the parked call instead of making its own SMC.
 *
 * Invariants this relies on: the monitor resumes the secure world only with a
 * normal-world FF-A call (monitor/spmd.c forward(), relay.S), and one CPU
 * runs the SPMC (between the SMC and the next call the answering partition
 * still reads RUNNING with its requester; with SMP that window must close).
 */
#include <arch/asm.h>
#include <arch/fastpath.S>
#include <arch/regs.h>
#include <hyp/vcpu_regs_macros.S>
#include <spmc_offsets.h>

#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define FID_SVE_HINT	(1 << 16)
#define FID_SMC64	(1 << 30)
#define DIRECT_REQ_32	0x8400006f
#define DIRECT_RESP_32	0x84000070

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
	cmp	w12, #8, lsl #12		/* a VM requester (below 0x8000); not another */
	b.hs	not_fast			/* partition, not SPMC_NO_REQUESTER: C handles */
	ldrb	w13, [x10, #SP_REQUEST_KIND]	/* width bit, and no framework type: */
	ubfx	w11, w0, #30, #1		/* a framework response is C's */
	cmp	w13, w11
	b.ne	not_fast
	ldrh	w13, [x10, #SP_ID]
	orr	w13, w12, w13, lsl #16		/* expected w1: sp ID << 16 | requester */
	cmp	x1, x13				/* also x1[63:32] MBZ (ffa_rules.h) */
	b.ne	not_fast
	cbnz	x2, not_fast			/* flags MBZ answering a partition message */
	/* Committed: keep its answer for C, step past a trapped SMC, send the answer. */
	add	x12, x10, #SP_REGS
	stp	x0, x1, [x12, #0]
	stp	x2, x3, [x12, #16]
	stp	x4, x5, [x12, #32]
	stp	x6, x7, [x12, #48]
	and	x13, x14, #1			/* EC 0x17 (SMC) or 0x16 (HVC): 1 for SMC */
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
	lsr	x12, x1, #16			/* sender; must be all of w1[31:16] */
	cmp	x12, #8, lsl #12		/* a VM ID: below 0x8000, nothing above bit 31 */
	b.hs	park
	cbz	x12, park			/* ID 0 is never bound */
	cbnz	x2, park			/* flags: 0 (framework messages are not from VMs) */
	ldrh	w13, [x10, #SP_ID]
	and	x14, x1, #0xffff
	cmp	x14, x13			/* to the same partition? */
	b.ne	other_partition
	and	x13, x12, #0xff
	add	x13, x10, x13, lsl #1
	ldrh	w13, [x13, #SP_ALLOWED_VMS]	/* binding policy */
	cmp	w13, w12
	b.ne	park
	ldrb	w13, [x10, #SP_ACCEPTS_DIRECT]
	cbz	w13, park
	/* Deliver: it is this partition's new request. */
	str	w12, [x10, #SP_REQUESTER]
	ubfx	w13, w0, #30, #1
	strb	w13, [x10, #SP_REQUEST_KIND]	/* 64-bit or not; not a framework message */
	unstash
	eret
	dsb	nsh
	isb

/*
 * A request to another partition Y that is waiting, accepts it and is bound to the sender:
 * switch partitions here. The one that answered (X, in x10) becomes WAITING; its registers go
 * to its vCPU; Y's EL1 state and stage-2 roots are loaded and Y gets the request by ERET.
 * The C frame and this CPU's loaded vCPU are pointed at Y, as vcpu_run() would have.
 */
other_partition:
	and	x13, x14, #0xff
	adrp	x11, spmc_sp_by_low
	add	x11, x11, :lo12:spmc_sp_by_low
	ldr	x11, [x11, x13, lsl #3]		/* Y */
	cbz	x11, park
	ldrh	w13, [x11, #SP_ID]
	cmp	w13, w14
	b.ne	park
	ldr	w13, [x11, #SP_STATE]
	cmp	w13, #VCPU_STATE_WAITING
	b.ne	park
	ldrb	w13, [x11, #SP_ACCEPTS_DIRECT]
	cbz	w13, park
	and	x13, x12, #0xff
	add	x13, x11, x13, lsl #1
	ldrh	w13, [x13, #SP_ALLOWED_VMS]
	cmp	w13, w12
	b.ne	park
	/* Committed. X's registers: x8 and x15-x30 are live, x9-x14 are on the stack. */
	add	x13, x10, #SP_REGS
	str	x8, [x13, #64]
	stp	x15, x16, [x13, #120]
	stp	x17, x18, [x13, #136]
	stp	x19, x20, [x13, #152]
	stp	x21, x22, [x13, #168]
	stp	x23, x24, [x13, #184]
	stp	x25, x26, [x13, #200]
	stp	x27, x28, [x13, #216]
	stp	x29, x30, [x13, #232]
	ldp	x15, x16, [sp, #0]		/* X's x9, x10 */
	stp	x15, x16, [x13, #72]
	ldp	x15, x16, [sp, #16]		/* X's x11, x12 */
	stp	x15, x16, [x13, #88]
	ldp	x15, x16, [sp, #32]		/* X's x13, x14 */
	stp	x15, x16, [x13, #104]
	mrs	x15, elr_el2
	mrs	x16, spsr_el2
	stp	x15, x16, [x13, #REGS_ELR]
	mov	x19, x10			/* X */
	mov	x20, x11			/* Y */
	mov	x21, x9				/* struct spmc_cpu */
	mov	x22, x12			/* sender */
	mov	w15, #VCPU_STATE_WAITING
	str	w15, [x19, #SP_STATE]
	mov	w15, #SPMC_NO_REQUESTER_VALUE
	str	w15, [x19, #SP_REQUESTER]
	add	x23, x19, #SP_VCPU_ARCH
	vcpu_el1_save_at x23
	add	x23, x20, #SP_VCPU_ARCH
	vcpu_el1_load_at x23
	ldr	x15, [x20, #SP_VTTBR]
	msr	vttbr_el2, x15
	ldr	x15, [x20, #SP_VSTTBR]
	msr	S3_4_C2_C6_0, x15		/* VSTTBR_EL2 */
	str	w22, [x20, #SP_REQUESTER]
	ubfx	w15, w0, #30, #1
	strb	w15, [x20, #SP_REQUEST_KIND]
	mov	w15, #VCPU_STATE_RUNNING
	str	w15, [x20, #SP_STATE]
	str	x20, [x21, #SPMC_CPU_RUNNING]
	ldr	x15, [x21, #SPMC_CPU_LOADED_VCPU]
	add	x16, x20, #SP_VCPU
	str	x16, [x15]
	add	sp, sp, #48			/* drop the stash: X's values are saved */
	add	x8, x20, #SP_REGS
	str	x8, [sp, #LOWER_FRAME_REGS]	/* the C frame now runs Y */
	ldp	x15, x16, [x8, #REGS_ELR]
	msr	elr_el2, x15
	msr	spsr_el2, x16
	load_x10_x30 x8
	ldp	x8, x9, [x8, #64]		/* base register last */
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
	exit_to_c

not_fast:
	unstash
	exit_to_c
END(spmc_fast_sync)
