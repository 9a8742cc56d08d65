// SPDX-License-Identifier: BSD-3-Clause
/*
 * Preemption, virtual GIC and per-guest FP scenario (GUEST_PREEMPT; test system "preempt",
 * test/sys/test_preempt.py). Bits 15:8 of the boot argument pick the guest's part. Every guest
 * has nshyp's virtual GIC: its GICD/GICR accesses are emulated (the accessors below are single
 * loads and stores, which fault with a syndrome nshyp can decode), its ICC_* accesses reach the
 * virtual CPU interface, and a physical interrupt while it runs goes to nshyp.
 *
 * PREEMPT_OWNER (fp_simd; bound to TEE A 0x8001, which calls B): its FP registers survive a
 *   TEE call; a virtual SGI pending (masked) at a request does not preempt the secure world
 *   (it is the guest's own, virtual); nshyp's EL2 timer (armed by the test hypercall
 *   HYPCALL_TEST_EL2_TIMER) firing in the middle of A's work, and while A waits for B, preempts
 *   A: the guest gets FFA_INTERRUPT, a second request is BUSY, FFA_RUN brings the exact answer.
 *   Its virtual timer (CNTV, PPI 27) cannot preempt (the monitor switches it with the EL1
 *   state); it fires after the call, as a HW-mapped virtual interrupt the guest handles. Then
 *   it leaves FP values, vGIC state of every kind and a preempted request behind, and faults
 *   (the abort nshyp injects ends it: payload_exception powers it off).
 * PREEMPT_HOSTILE: writes all-ones then zeros to every offset of its GICD and GICR, enables and
 *   routes INTIDs it does not own, floods SGIs (to itself and to CPUs it does not have); its own
 *   vGIC still works afterwards and TEE A still answers. Then a load pair from its GICD, which
 *   has no syndrome to emulate it from: nshyp injects an external abort, which ends it.
 * PREEMPT_NEXT (fp_simd): the next guest finds zero FP registers, its own vGIC as the first one
 *   found its, and TEE A serving again.
 * PREEMPT_BARE: its EL2 state is intact and FP/SIMD still traps to nshyp.
 */
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <abi/psci.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <payload/state_check.h>
#include <plat/plat_def.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"

#define TEE_A 0x8001

/* GIC (Non-secure view): distributor, this CPU's redistributor (SGI_base frame). */
#define GICD_CTLR	  0x0000
#define GICD_CTLR_GRP1	  0x2
#define GICD_ISENABLER	  0x0100
#define GICD_ISPENDR	  0x0200
#define GICD_ISACTIVER	  0x0300
#define GICD_IPRIORITYR	  0x0400
#define GICD_IROUTER	  0x6000
#define GICR_SGI	  (PLAT_GICR_BASE + 0x10000)
#define GICR_IGROUPR0	  0x0080
#define GICR_ISENABLER0	  0x0100
#define GICR_ISPENDR0	  0x0200
#define GICR_ICPENDR0	  0x0280
#define GICR_ISACTIVER0	  0x0300
#define GICR_IPRIORITYR0  0x0400
#define GICR_ICFGR1	  0x0c04
#define INTID_SGI	  1
#define INTID_SGI_LEFT	  2
#define INTID_EL2_TIMER	  26 /* nshyp's CNTHP: keeps running while the secure world runs */
#define INTID_VTIMER	  27
#define INTID_SPI	  40 /* not the guest's: its registers read as zero */
#define INTID_SGI_HOSTILE 3

#define FP_SEED		  0x5eed0000f00dull
#define SPIN_SEED	  12345u
#define SPIN_ITERS	  (4883u * TOS_SPIN_UNIT) /* about 20 M */
#define TIMER_TICKS	  (62500u * 2) /* 2 ms: the request has long reached the partition */
#define MAX_RESUMES	  8

/* MMIO as single loads and stores (a stage-2 abort with a syndrome: ESR_EL2.ISV = 1). */
static uint32_t rd32(uintptr_t base, uintptr_t off)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(base + off) : "memory");
	return v;
}

static void wr32(uintptr_t base, uintptr_t off, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(base + off) : "memory");
}

static uint64_t rd64(uintptr_t base, uintptr_t off)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(base + off) : "memory");
	return v;
}

static void wr64(uintptr_t base, uintptr_t off, uint64_t v)
{
	__asm__ volatile("str %0, [%1]" : : "rZ"(v), "r"(base + off) : "memory");
}

static void wr8(uintptr_t base, uintptr_t off, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(v), "r"(base + off) : "memory");
}

/*
 * x8-x30 that some call did not keep: every call here checks them (el1_call_check.S), so the
 * register-integrity test covers the hypervisors' preemption paths too (FFA_INTERRUPT, BUSY,
 * FFA_RUN resuming a preempted partition, the SPMC masking an interrupt for a partition).
 */
static uint64_t gprs_bad;
static unsigned calls;

static struct ffa_value call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	struct ffa_value v = { { x0, x1, x2, x3, x4 } };

	gprs_bad |= arch_hvc_check_gprs(&v, 0x9e5e000000000000ull + ++calls);
	return v;
}

static void print_gprs(void)
{
	printk("GPRs x8-x30 kept across %u calls: 0x%lx\n", calls, (unsigned long)gprs_bad);
}

static struct ffa_value request(ffa_id_t self, ffa_id_t tee, uint64_t w3, uint64_t w4)
{
	return call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, tee), 0, w3, w4);
}

static void el2_timer(uint64_t ticks)
{
	call(HYPCALL_TEST_EL2_TIMER, ticks, 0, 0, 0);
}

static uint64_t state_check(void)
{
	return call(HYPCALL_STATE_CHECK, 0, 0, 0, 0).x[0];
}

static void fp_enable(void)
{
	write_sysreg(cpacr_el1, 3ull << 20); /* FPEN: no trap at EL1/EL0 */
	isb();
}

/* What TOS_CMD_SPIN computes (tos/tos.h); a _32 answer carries its low half in w6. */
static uint64_t spin_result(uint64_t x, uint32_t iterations)
{
	for (uint32_t i = 0; i < iterations; i++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	return x;
}

static bool is_interrupt(const struct ffa_value *r, ffa_id_t tee)
{
	bool zero = true;

	for (unsigned i = 2; i < 8; i++)
		zero = zero && r->x[i] == 0;
	return (uint32_t)r->x[0] == FFA_INTERRUPT && r->x[1] == (uint64_t)tee << 16 && zero;
}

/* Resume `tee` with FFA_RUN until it answers; how many more FFA_INTERRUPTs came meanwhile. */
static struct ffa_value resume(ffa_id_t tee, unsigned *again)
{
	struct ffa_value r = call(FFA_RUN, (uint64_t)tee << 16, 0, 0, 0);

	for (*again = 0; (uint32_t)r.x[0] == FFA_INTERRUPT && *again < MAX_RESUMES; (*again)++)
		r = call(FFA_RUN, (uint64_t)tee << 16, 0, 0, 0);
	return r;
}

/* The state a guest sees of the GIC's Non-secure side, as one line for the test to compare. */
static void print_gic(const char *when)
{
	uint32_t en = 0, pend = 0, act = 0, prio = 0;

	for (unsigned n = 32; n < 256; n += 32) {
		en |= rd32(PLAT_GICD_BASE, GICD_ISENABLER + n / 8);
		pend |= rd32(PLAT_GICD_BASE, GICD_ISPENDR + n / 8);
		act |= rd32(PLAT_GICD_BASE, GICD_ISACTIVER + n / 8);
	}
	for (unsigned n = 0; n < 256; n += 4)
		prio |= n < 32 ? rd32(GICR_SGI, GICR_IPRIORITYR0 + n)
			       : rd32(PLAT_GICD_BASE, GICD_IPRIORITYR + n);
	printk(
	    "GIC %s: GICD_CTLR 0x%x, SPIs enabled 0x%x pending 0x%x active 0x%x, SGI/PPI enabled "
	    "0x%x pending 0x%x active 0x%x, PPI config 0x%x, priorities 0x%x, route(40) 0x%lx\n",
	    when, rd32(PLAT_GICD_BASE, GICD_CTLR), en, pend, act, rd32(GICR_SGI, GICR_ISENABLER0),
	    rd32(GICR_SGI, GICR_ISPENDR0), rd32(GICR_SGI, GICR_ISACTIVER0),
	    rd32(GICR_SGI, GICR_ICFGR1), prio,
	    (unsigned long)rd64(PLAT_GICD_BASE, GICD_IROUTER + 8 * INTID_SPI));
	printk(
	    "CPU interface %s: PMR 0x%lx, BPR1 0x%lx, CTLR 0x%lx, IGRPEN1 0x%lx, AP1R0 0x%lx, "
	    "RPR 0x%lx, HPPIR1 %lu, CNTV_CTL 0x%lx\n",
	    when, (unsigned long)read_sysreg(icc_pmr_el1), (unsigned long)read_sysreg(icc_bpr1_el1),
	    (unsigned long)read_sysreg(icc_ctlr_el1), (unsigned long)read_sysreg(icc_igrpen1_el1),
	    (unsigned long)read_sysreg(icc_ap1r0_el1), (unsigned long)read_sysreg(icc_rpr_el1),
	    (unsigned long)read_sysreg(icc_hppir1_el1), (unsigned long)read_sysreg(cntv_ctl_el0));
}

/* Enable SGI/PPI `intid` at priority 0x80, signalled to this CPU. */
static void enable_private(unsigned intid)
{
	wr8(GICR_SGI, GICR_IPRIORITYR0 + intid, 0x80);
	wr32(GICR_SGI, GICR_ISENABLER0, 1u << intid);
}

/* An SGI to this vCPU (Aff0 0); pending at once (nshyp emulates the write). */
static void send_sgi(unsigned intid)
{
	write_sysreg(icc_sgi1r_el1, ((uint64_t)intid << 24) | 1u);
	isb();
}

/* The interrupt the virtual CPU interface signals: acknowledge it (0 if none). */
static uint64_t ack(void)
{
	uint64_t iar = read_sysreg(icc_iar1_el1);

	isb();
	return iar;
}

static void eoi(uint64_t iar)
{
	write_sysreg(icc_eoir1_el1, iar);
	isb();
}

static void check_fp(uint64_t seed, const char *what)
{
	uint64_t bad = guest_fp_check(seed);

	printk("FP/SIMD registers %s: %s (mismatch 0x%lx)\n", what, bad ? "NO" : "yes",
	       (unsigned long)bad);
}

/*
 * A virtual SGI pending (PSTATE.I masked) when the request is made: the guest's own, virtual
 * interrupt does not preempt the secure world; the guest takes it after the answer.
 */
static void pending_at_entry(ffa_id_t self)
{
	struct ffa_value r;
	uint64_t iar;

	send_sgi(INTID_SGI);
	printk("SGI pending before the request: INTID %lu\n",
	       (unsigned long)read_sysreg(icc_hppir1_el1));
	r = request(self, TEE_A, 15, 0);
	printk("virtual SGI pending at the request: %s (w3 %lu)\n",
	       ffa_is_direct_resp(r.x[0]) && r.x[3] == 225 ? "answered" : "WRONG",
	       (unsigned long)r.x[3]);
	iar = ack();
	eoi(iar);
	printk("then handled INTID %lu, none left: %s\n", (unsigned long)iar,
	       read_sysreg(icc_hppir1_el1) == 1023 ? "yes" : "NO");
}

/* Its own virtual timer: armed to fire with nshyp's EL2 timer, or silenced and its interrupt ended.
 */
static void own_timer(bool arm)
{
	if (arm) {
		enable_private(INTID_VTIMER);
		write_sysreg(cntv_tval_el0, TIMER_TICKS);
		write_sysreg(cntv_ctl_el0, 1);
		isb();
		return;
	}
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	if (read_sysreg(icc_hppir1_el1) == INTID_VTIMER)
		eoi(ack());
}

/*
 * A request that nshyp's EL2 timer preempts while the guest's own virtual timer has fired: the
 * guest has an interrupt of its own to handle, so nshyp hands it FFA_INTERRUPT (a preemption by
 * nshyp's tick alone is resumed by nshyp without the guest seeing it: test_sched.py). nshyp
 * takes the timer itself when it fires while the guest still runs (a loaded host can delay the
 * guest that long): then the request is answered, and it is made again with both timers armed
 * again (at most MAX_RESUMES times).
 */
static struct ffa_value preempted_request(ffa_id_t self, uint64_t w3, uint64_t w4)
{
	struct ffa_value r = { { 0 } };

	unsigned i;

	for (i = 0; i < MAX_RESUMES; i++) {
		el2_timer(TIMER_TICKS);
		own_timer(true);
		r = request(self, TEE_A, w3, w4);
		if (!ffa_is_direct_resp(r.x[0]))
			break;
		own_timer(false);
	}
	printk("(requests made until one was preempted: %u; w0 0x%lx w2 0x%lx)\n", i + 1,
	       (unsigned long)r.x[0], (unsigned long)r.x[2]);
	return r;
}

/*
 * nshyp's EL2 timer fires while the partition computes (in A itself, in B for A, or in A with
 * every exception masked: `flags` TOS_SPIN_*).
 */
static void mid_request(ffa_id_t self, unsigned flags)
{
	uint32_t expect = (uint32_t)spin_result(SPIN_SEED, SPIN_ITERS);
	uint64_t w4 = TOS_SPIN_ARG(SPIN_ITERS, flags);
	const char *where = flags & TOS_SPIN_IN_OTHER ? "while A waits for B"
			    : flags & TOS_SPIN_MASKED ? "while A masks every exception"
						      : "in the middle of A's work";
	struct ffa_value r;
	unsigned again;

	r = preempted_request(self, SPIN_SEED, w4);
	printk("timer interrupt %s: %s (w0 0x%lx w1 0x%lx)\n", where,
	       is_interrupt(&r, TEE_A) ? "FFA_INTERRUPT" : "NOT PREEMPTED", (unsigned long)r.x[0],
	       (unsigned long)r.x[1]);
	r = request(self, TEE_A, 16, 0);
	printk("a request while A is preempted: %s\n",
	       (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == FFA_RET_BUSY ? "BUSY" : "WRONG");
	printk("its virtual PMR after the SPMC handled it: 0x%lx\n",
	       (unsigned long)read_sysreg(icc_pmr_el1));
	el2_timer(0); /* the guest's "handler": the interrupt sources are silenced */
	own_timer(false);
	r = resume(TEE_A, &again);
	printk("FFA_RUN %s: %s (%u more interrupts)\n", where,
	       ffa_is_direct_resp(r.x[0]) && r.x[6] == expect && r.x[7] == 0 ? "the exact result"
									     : "WRONG",
	       again);
}

/*
 * The guest's own virtual timer during a request. The secure world runs with its own EL1 timers,
 * so nshyp's tick stands in for the guest's (vtimer_stand_in()): a deadline that comes while
 * the partition computes preempts it, the guest gets FFA_INTERRUPT with INTID 27 pending, and
 * resumes its request with FFA_RUN. (When the guest is descheduled between arming its timer
 * and its request, the deadline passes first: the request is made again, at most MAX_RESUMES
 * times.) A deadline that passed before the request does not preempt it: the interrupt is
 * already the guest's, taken after the answer; the guest's EOI deactivates the physical PPI
 * (HW-mapped).
 */
static void virtual_timer(ffa_id_t self)
{
	uint32_t expect = (uint32_t)spin_result(SPIN_SEED, SPIN_ITERS);
	struct ffa_value r = { { 0 } };
	uint64_t iar, hppi;
	unsigned i, again;

	for (i = 0; i < MAX_RESUMES; i++) {
		own_timer(true);
		r = request(self, TEE_A, SPIN_SEED, TOS_SPIN_ARG(SPIN_ITERS, 0));
		if (!ffa_is_direct_resp(r.x[0]))
			break;
		own_timer(false);
	}
	hppi = read_sysreg(icc_hppir1_el1);
	printk("virtual timer deadline during a request: %s, pending: INTID %lu\n",
	       is_interrupt(&r, TEE_A) ? "FFA_INTERRUPT" : "NOT PREEMPTED", (unsigned long)hppi);
	own_timer(false); /* the guest's handler */
	r = resume(TEE_A, &again);
	printk("FFA_RUN after its own timer: %s (%u more interrupts)\n",
	       ffa_is_direct_resp(r.x[0]) && r.x[6] == expect && r.x[7] == 0 ? "the exact result"
									     : "WRONG",
	       again);
	enable_private(INTID_VTIMER);
	write_sysreg(cntv_cval_el0, 0); /* passed: pending before the request */
	write_sysreg(cntv_ctl_el0, 1);
	isb();
	/* A short request: a long one may outlast the slice, and the tick then preempts it. */
	r = request(self, TEE_A, 15, 0);
	hppi = read_sysreg(icc_hppir1_el1);
	printk("virtual timer passed before a request: %s, then pending: INTID %lu\n",
	       ffa_is_direct_resp(r.x[0]) ? "answered" : "preempted", (unsigned long)hppi);
	iar = ack();
	write_sysreg(cntv_ctl_el0, 0); /* the handler silences its source */
	isb();
	eoi(iar);
	printk("handled INTID %lu; it came again: %s\n", (unsigned long)iar,
	       read_sysreg(icc_hppir1_el1) == 1023 ? "no" : "YES");
	/* Once more, with the timer left firing: EOI without silencing it brings it back. */
	write_sysreg(cntv_cval_el0, 0);
	write_sysreg(cntv_ctl_el0, 1);
	isb();
	while (read_sysreg(icc_hppir1_el1) != INTID_VTIMER)
		;
	eoi(ack());
	while (read_sysreg(icc_hppir1_el1) != INTID_VTIMER)
		;
	printk("a level timer EOId while still firing is pending again: yes\n");
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	eoi(ack());
}

/* Leave everything a guest can leave in its vGIC, the timers and the FP registers; fault. */
static void leave_a_mess(ffa_id_t self)
{
	struct ffa_value r;
	uint64_t ctlr;

	/* A request preempted by nshyp's timer and never resumed. */
	r = preempted_request(self, 17, TOS_SPIN_ARG(SPIN_ITERS, 0));
	printk("left a request preempted in A: %s\n", is_interrupt(&r, TEE_A) ? "yes" : "NO");
	own_timer(false); /* its own interrupt handled; the request stays preempted */
	send_sgi(INTID_SGI);
	(void)ack(); /* the SGI active, never EOId: AP1R0 and RPR show it */
	guest_fp_fill(FP_SEED ^ 0xff);
	enable_private(INTID_SGI_LEFT);
	send_sgi(INTID_SGI_LEFT); /* pending behind the active one */
	wr8(PLAT_GICD_BASE, GICD_IPRIORITYR + INTID_SPI, 0x40);
	wr64(PLAT_GICD_BASE, GICD_IROUTER + 8 * INTID_SPI, 0x100ull); /* Aff1 1 */
	wr32(PLAT_GICD_BASE, GICD_ISENABLER + 4, 1u << (INTID_SPI - 32));
	wr32(PLAT_GICD_BASE, GICD_ISPENDR + 4, 1u << (INTID_SPI - 32));
	wr32(GICR_SGI, GICR_ICFGR1, 0xaaaaaaaau); /* PPIs edge-triggered */
	enable_private(INTID_VTIMER);
	write_sysreg(cntv_cval_el0, 0); /* fires at once */
	write_sysreg(cntv_ctl_el0, 1);
	write_sysreg(icc_bpr1_el1, 7);
	ctlr = read_sysreg(icc_ctlr_el1);
	write_sysreg(icc_ctlr_el1, ctlr | 2); /* EOImode 1 */
	wr32(PLAT_GICD_BASE, GICD_CTLR, 0);   /* the group enable too */
	isb();
	print_gic("left behind");
	printk("stopping with a fault\n");
	(void)*(volatile uint64_t *)0x80000000ull; /* outside its stage 2 */
}

/* Every offset of the GIC window, all-ones then zeros; unowned INTIDs; a flood of SGIs. */
static void hostile(ffa_id_t self)
{
	struct ffa_value r;
	uint64_t iar;
	uint32_t lo, hi;

	for (unsigned pass = 0; pass < 2; pass++) {
		uint32_t v = pass ? 0 : 0xffffffffu;

		for (uintptr_t off = 0; off < PLAT_GICD_SIZE; off += 4)
			wr32(PLAT_GICD_BASE, off, v);
		for (uintptr_t off = 0; off < PLAT_GICR_SIZE; off += 4)
			wr32(PLAT_GICR_BASE, off, v);
		for (uintptr_t off = 0; off < 0x100; off += 1) /* bytes and doublewords too */
			wr8(PLAT_GICD_BASE, off, (uint8_t)v);
		for (uintptr_t off = 0x6000; off < 0x8000; off += 8)
			wr64(PLAT_GICD_BASE, off, pass ? 0 : ~0ull);
	}
	printk("wrote every GICD/GICR offset\n");
	for (unsigned n = 32; n < 288; n += 32)
		wr32(PLAT_GICD_BASE, GICD_ISENABLER + n / 8, 0xffffffffu);
	printk("unowned SPIs after enabling them all: enabled 0x%x\n",
	       rd32(PLAT_GICD_BASE, GICD_ISENABLER + 4) | rd32(PLAT_GICD_BASE, GICD_ISENABLER + 8));
	for (unsigned i = 0; i < 20000; i++)
		write_sysreg(icc_sgi1r_el1, (uint64_t)(i % 16) << 24 | (i & 0xffu) |
						(uint64_t)(i & 1) << 40 |
						(uint64_t)(i >> 8 & 3) << 16);
	isb();
	/* Its own vGIC still works. */
	for (unsigned n = 0; n < 32; n += 4)
		wr32(GICR_SGI, GICR_IPRIORITYR0 + n, 0);
	wr32(GICR_SGI, GICR_ICPENDR0, 0xffffffffu);
	wr32(GICR_SGI, GICR_IGROUPR0, 0xffffffffu); /* its zeros made them Group 0 */
	wr32(PLAT_GICD_BASE, GICD_CTLR, GICD_CTLR_GRP1);
	enable_private(INTID_SGI_HOSTILE);
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
	send_sgi(INTID_SGI_HOSTILE);
	iar = ack();
	eoi(iar);
	printk("its vGIC after the storm: INTID %lu\n", (unsigned long)iar);
	r = request(self, TEE_A, 14, 0);
	printk("TEE A answers it: %s\n",
	       ffa_is_direct_resp(r.x[0]) && r.x[3] == 196 ? "yes" : "NO");
	/* A load pair has no syndrome nshyp could emulate it from: an external abort, the end. */
	printk("a load pair from GICD_CTLR\n");
	__asm__ volatile("ldp %w0, %w1, [%2]"
			 : "=&r"(lo), "=&r"(hi)
			 : "r"(PLAT_GICD_BASE)
			 : "memory");
	printk("the load pair was emulated (0x%x 0x%x)\n", lo, hi);
}

static void owner(ffa_id_t self)
{
	struct ffa_value r;

	fp_enable();
	check_fp(0, "zero at start");
	guest_fp_fill(FP_SEED);
	r = request(self, TEE_A, 13, 0);
	check_fp(FP_SEED, ffa_is_direct_resp(r.x[0]) ? "intact after a TEE call" : "(call failed)");
	print_gic("at start");
	printk("PSTATE.I masked: %s\n", read_sysreg(daif) & (1u << 7) ? "yes" : "NO");
	wr32(PLAT_GICD_BASE, GICD_CTLR, GICD_CTLR_GRP1);
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
	enable_private(INTID_SGI);
	pending_at_entry(self);
	mid_request(self, TOS_SPIN_IN_OTHER);
	mid_request(self, 0);
	mid_request(self, TOS_SPIN_MASKED);
	virtual_timer(self);
	check_fp(FP_SEED, "intact after preemption");
	printk("EL2 state check: 0x%lx\n", (unsigned long)state_check());
	print_gprs();
	leave_a_mess(self);
}

static void next(ffa_id_t self)
{
	struct ffa_value r;

	fp_enable();
	check_fp(0, "zero at start");
	print_gic("at start");
	r = request(self, TEE_A, 12, 0);
	printk("TEE A serves again: %s\n",
	       ffa_is_direct_resp(r.x[0]) && r.x[3] == 144 ? "yes" : "NO");
	printk("EL2 state check: 0x%lx\n", (unsigned long)state_check());
	print_gprs();
	call(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
}

static void bare(ffa_id_t self)
{
	struct ffa_value r = request(self, TEE_A, 11, 0);

	printk("TEE A answers: %s\n", ffa_is_direct_resp(r.x[0]) && r.x[3] == 121 ? "yes" : "NO");
	printk("EL2 state check: 0x%lx\n", (unsigned long)state_check());
	fp_enable();
	printk("touching FP/SIMD (must trap to nshyp)\n");
	(void)guest_fp_check(0);
	printk("FP/SIMD did not trap\n");
}

void guest_preempt(ffa_id_t self, unsigned part)
{
	switch (part) {
	case PREEMPT_OWNER:
		owner(self);
		break;
	case PREEMPT_NEXT:
		next(self);
		break;
	case PREEMPT_HOSTILE:
		hostile(self);
		break;
	default:
		bare(self);
		break;
	}
}
