/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nshyp's direct-request fast path (AArch64), taken for every synchronous
 * exit of a guest (lower_el.S, HYP_FAST_SYNC). For an FFA_MSG_SEND_DIRECT_REQ
 * that passes every check of guest_calls.c direct_req() (the sender is the
 * guest itself, the binding allows the receiver, no yielded request
 * outstanding), it forwards the call with an
 * SMC straight from here and returns the secure world's answer to the guest
 * by ERET, noting a partition that yielded or was preempted (FFA_YIELD,
 * FFA_INTERRUPT). The guest's x8-x30, ELR and SPSR
 * stay live across the SMC: the monitor preserves the normal world's
 * registers. The discovery calls PSCI_VERSION, SMCCC_VERSION and FFA_ID_GET
 * are answered from registers here too. The checks are those of C and of
 * <abi/ffa_rules.h> (x1[63:32] and the flags w2 MBZ). Anything else,
 * including every refusal (which C reports), continues as an ordinary exit
 * to C.
 */
#include <arch/asm.h>
#include <arch/fastpath.S>
#include <arch/regs.h>
#include <nshyp_offsets.h>

#define EC_HVC64	0x16
#define EC_SMC64	0x17
#define FID_SVE_HINT	(1 << 16)
#define FID_SMC64	(1 << 30)
#define DIRECT_REQ_32	0x8400006f
#define FFA_YIELD	0x8400006c
#define FFA_INTERRUPT	0x84000062
#define FFA_SUCCESS_32	0x84000061
#define FFA_ID_GET	0x84000069

	.text
FUNC(nshyp_fast_sync)
	stash
	mrs	x9, esr_el2
	ubfx	x9, x9, #26, #6
	cmp	x9, #EC_HVC64
	ccmp	x9, #EC_SMC64, #4, ne		/* Z set if HVC or SMC */
	b.ne	to_c
	bic	w11, w0, #FID_SVE_HINT		/* not part of the ID */
	bic	w12, w11, #FID_SMC64
	mov	w10, #(DIRECT_REQ_32 & 0xffff)
	movk	w10, #(DIRECT_REQ_32 >> 16), lsl #16
	cmp	w12, w10
	b.ne	trivial
	/* The guest: never NULL here, since only a running guest traps to this path
	 * (nshyp.c run_guest() sets it before its first vcpu_run()). */
	mrs	x10, tpidr_el2			/* struct nshyp_cpu */
	ldr	x10, [x10, #NSHYP_CPU_RUNNING]	/* struct guest */
	ldrh	w13, [x10, #GUEST_YIELDED_SP]	/* a yielded request must be finished (C) */
	cbnz	w13, to_c
	lsr	x12, x1, #16			/* sender: exactly the guest's own ID, */
	ldrh	w13, [x10, #GUEST_ID]		/* x1[63:32] MBZ (ffa_rules.h) */
	cmp	x12, x13
	b.ne	to_c
	cbnz	x2, to_c			/* flags MBZ: a guest sends partition messages */
	/* Receiver: a partition this guest is bound to. Bound partitions are partitions of the
	 * system (checked on the host), so this also proves it exists. With the test-only
	 * "skip policy" setting an unbound receiver simply goes to C, which handles it. */
	and	x12, x1, #0xffff
	cbz	x12, to_c
	and	x13, x12, #0xff
	add	x14, x10, x13, lsl #1
	ldrh	w14, [x14, #GUEST_ALLOWED_SPS]
	cmp	w14, w12
	b.ne	to_c
	/* Committed: step past a trapped SMC, forward (without the hint), hand the answer back. */
	mov	w0, w11
	and	x13, x9, #1			/* EC 0x17 (SMC) or 0x16 (HVC): 1 for SMC */
	mrs	x14, elr_el2
	add	x14, x14, x13, lsl #2
	msr	elr_el2, x14
	unstash
	smc	#0
	tbnz	w0, #4, 1f			/* DIRECT_RESP (0x..70): not YIELD (0x..6c), INTERRUPT (0x..62) */
	stash					/* the guest's registers again */
	mov	w9, #(FFA_YIELD & 0xffff)
	movk	w9, #(FFA_YIELD >> 16), lsl #16
	cmp	w0, w9
	sub	w10, w9, #(FFA_YIELD - FFA_INTERRUPT)
	ccmp	w0, w10, #4, ne			/* Z set if FFA_YIELD or FFA_INTERRUPT */
	b.ne	2f
	/* The partition yielded or was preempted: only this guest may resume it (FFA_RUN, in C). */
	mrs	x10, tpidr_el2
	ldr	x10, [x10, #NSHYP_CPU_RUNNING]
	lsr	x11, x1, #16
	strh	w11, [x10, #GUEST_YIELDED_SP]
2:	unstash
1:	eret
	dsb	nsh
	isb

/*
 * Discovery calls answered from registers alone, with exactly the registers the C handlers
 * write (<abi/ffa_rules.h>): PSCI_VERSION and SMCCC_VERSION set x0 only (SMCCC: x1-x17 stay
 * as the guest had them); FFA_ID_GET is an FF-A answer: x0, x2 = ID, x1 and x3-x7 zero.
 * (FFA_VERSION goes to C: it records the negotiated version.)
 */
trivial:
	cmp	w11, w12			/* all of them are SMC32 IDs */
	b.ne	to_c
	mov	x13, #1
	movk	x13, #1, lsl #16		/* version 1.1 */
	mov	w10, #0x84000000
	cmp	w11, w10			/* PSCI_VERSION */
	b.eq	answer
	mov	w10, #0x80000000
	cmp	w11, w10			/* SMCCC_VERSION: 1.2 */
	add	x13, x13, #1
	b.eq	answer
	mov	w10, #(FFA_ID_GET & 0xffff)
	movk	w10, #(FFA_ID_GET >> 16), lsl #16
	cmp	w11, w10
	b.ne	to_c
	mrs	x10, tpidr_el2
	ldr	x10, [x10, #NSHYP_CPU_RUNNING]
	cbz	x10, to_c
	ldrh	w2, [x10, #GUEST_ID]
	mov	w0, #(FFA_SUCCESS_32 & 0xffff)
	movk	w0, #(FFA_SUCCESS_32 >> 16), lsl #16
	mov	x1, #0
	mov	x3, #0
	mov	x4, #0
	mov	x5, #0
	mov	x6, #0
	mov	x7, #0
	b	step
answer:
	mov	x0, x13
step:
	and	x13, x9, #1			/* 1 for SMC (EC 0x17), 0 for HVC (0x16) */
	mrs	x14, elr_el2
	add	x14, x14, x13, lsl #2
	msr	elr_el2, x14
	unstash
	eret
	dsb	nsh
	isb

to_c:
	unstash
	exit_to_c
END(nshyp_fast_sync)
