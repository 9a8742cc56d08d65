// SPDX-License-Identifier: BSD-3-Clause
/*
 * Preemption and per-guest GIC/FP ownership scenario (GUEST_PREEMPT; test system "preempt",
 * test/sys/test_preempt.py). Bits 15:8 of the boot argument pick the guest's part:
 *
 * PREEMPT_OWNER (owns_gic, fp_simd; bound to TEE A 0x8001, which calls B): its FP registers
 *   survive a TEE call; a Non-secure interrupt pending at the request, one arriving in the
 *   middle of it (nshyp's EL2 timer, armed by the test hypercall HYPCALL_TEST_EL2_TIMER) and one
 *   arriving while A waits for B (partition-to-partition, where the SPMC masks it until A runs
 *   again) each preempt A: the guest gets FFA_INTERRUPT, handles the interrupt, resumes A with
 *   FFA_RUN and gets the exact answer. Its own virtual timer cannot preempt (the monitor
 *   switches it with the EL1 state). Then it leaves FP values, GIC state of every kind and a
 *   preempted request behind, and faults.
 * PREEMPT_NEXT (owns_gic, fp_simd): the next such guest finds zero FP registers, the GIC as
 *   the first one found it, and TEE A serving again.
 * PREEMPT_BARE (neither): its EL2 state is intact and FP/SIMD still traps to nshyp.
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
#define GICD_CTLR	 0x0000
#define GICD_ISENABLER	 0x0100
#define GICD_ISPENDR	 0x0200
#define GICD_ISACTIVER	 0x0300
#define GICD_IPRIORITYR	 0x0400
#define GICD_IROUTER	 0x6000
#define GICR_SGI	 (PLAT_GICR_BASE + 0x10000)
#define GICR_ISENABLER0	 0x0100
#define GICR_ISPENDR0	 0x0200
#define GICR_ISACTIVER0	 0x0300
#define GICR_IPRIORITYR0 0x0400
#define GICR_ICFGR1	 0x0c04
#define INTID_SGI	 1
#define INTID_SGI_LEFT	 2
#define INTID_EL2_TIMER	 26 /* nshyp's CNTHP: keeps running while the secure world runs */
#define INTID_VTIMER	 27
#define INTID_SPI	 40

#define FP_SEED		 0x5eed0000f00dull
#define SPIN_SEED	 12345u
#define SPIN_ITERS	 20000000u
#define TIMER_TICKS	 (62500u * 2) /* 2 ms: the request has long reached the partition */
#define MAX_RESUMES	 8

static volatile uint32_t *reg(uintptr_t base, uintptr_t off)
{
	return (volatile uint32_t *)(base + off);
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

/* What TOS_CMD_SPIN computes (tos/tos.h). */
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
		en |= *reg(PLAT_GICD_BASE, GICD_ISENABLER + n / 8);
		pend |= *reg(PLAT_GICD_BASE, GICD_ISPENDR + n / 8);
		act |= *reg(PLAT_GICD_BASE, GICD_ISACTIVER + n / 8);
	}
	for (unsigned n = 0; n < 256; n += 4)
		prio |= n < 32 ? *reg(GICR_SGI, GICR_IPRIORITYR0 + n)
			       : *reg(PLAT_GICD_BASE, GICD_IPRIORITYR + n);
	printk(
	    "GIC %s: GICD_CTLR 0x%x, SPIs enabled 0x%x pending 0x%x active 0x%x, SGI/PPI enabled "
	    "0x%x pending 0x%x active 0x%x, PPI config 0x%x, priorities 0x%x, route(40) 0x%lx\n",
	    when, *reg(PLAT_GICD_BASE, GICD_CTLR), en, pend, act, *reg(GICR_SGI, GICR_ISENABLER0),
	    *reg(GICR_SGI, GICR_ISPENDR0), *reg(GICR_SGI, GICR_ISACTIVER0),
	    *reg(GICR_SGI, GICR_ICFGR1), prio,
	    (unsigned long)*(volatile uint64_t *)(PLAT_GICD_BASE + GICD_IROUTER + 8 * INTID_SPI));
	printk(
	    "CPU interface %s: PMR 0x%lx, BPR1 0x%lx, CTLR 0x%lx, IGRPEN1 0x%lx, AP1R0 0x%lx, "
	    "RPR 0x%lx, HPPIR1 %lu, CNTV_CTL 0x%lx\n",
	    when, (unsigned long)read_sysreg(icc_pmr_el1), (unsigned long)read_sysreg(icc_bpr1_el1),
	    (unsigned long)read_sysreg(icc_ctlr_el1), (unsigned long)read_sysreg(icc_igrpen1_el1),
	    (unsigned long)read_sysreg(icc_ap1r0_el1), (unsigned long)read_sysreg(icc_rpr_el1),
	    (unsigned long)read_sysreg(icc_hppir1_el1), (unsigned long)read_sysreg(cntv_ctl_el0));
}

/* Enable SGI/PPI `intid` at priority 0x80 (Non-secure view), signalled to this CPU. */
static void enable_private(unsigned intid)
{
	volatile uint8_t *prio = (volatile uint8_t *)(GICR_SGI + GICR_IPRIORITYR0);

	prio[intid] = 0x80;
	*reg(GICR_SGI, GICR_ISENABLER0) = 1u << intid;
}

static void send_sgi(unsigned intid)
{
	write_sysreg(icc_sgi1r_el1, ((uint64_t)intid << 24) | 1u); /* to this CPU (Aff0 0) */
	isb();
	while (!(*reg(GICR_SGI, GICR_ISPENDR0) & (1u << intid)))
		;
}

static void check_fp(uint64_t seed, const char *what)
{
	uint64_t bad = guest_fp_check(seed);

	printk("FP/SIMD registers %s: %s (mismatch 0x%lx)\n", what, bad ? "NO" : "yes",
	       (unsigned long)bad);
}

/* An SGI pending when the request is made: A is preempted before it runs any of it. */
static void pending_at_entry(ffa_id_t self)
{
	struct ffa_value r;
	unsigned again;
	uint64_t iar;

	send_sgi(INTID_SGI);
	r = request(self, TEE_A, 15, 0);
	printk("SGI pending at the request: %s (w0 0x%lx w1 0x%lx)\n",
	       is_interrupt(&r, TEE_A) ? "FFA_INTERRUPT" : "NOT PREEMPTED", (unsigned long)r.x[0],
	       (unsigned long)r.x[1]);
	r = request(self, TEE_A, 16, 0);
	printk("a request while A is preempted: %s\n",
	       (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == FFA_RET_BUSY ? "BUSY" : "WRONG");
	iar = read_sysreg(icc_iar1_el1);
	write_sysreg(icc_eoir1_el1, iar);
	isb();
	r = resume(TEE_A, &again);
	printk("handled INTID %lu, FFA_RUN: %s (w3 %lu, %u more interrupts)\n", (unsigned long)iar,
	       ffa_is_direct_resp(r.x[0]) && r.x[1] == ffa_msg_ids(TEE_A, self) && r.x[3] == 225
		   ? "the answer"
		   : "WRONG",
	       (unsigned long)r.x[3], again);
}

/* nshyp's EL2 timer fires while the partition computes (in A itself, or in B for A). */
static void mid_request(ffa_id_t self, bool in_other)
{
	uint64_t expect = spin_result(SPIN_SEED, SPIN_ITERS);
	uint64_t w4 = TOS_CMD_SPIN | (uint64_t)(in_other ? TOS_SPIN_IN_OTHER : 0) << 8 |
		      (uint64_t)SPIN_ITERS << 32;
	const char *where = in_other ? "while A waits for B" : "in the middle of A's work";
	struct ffa_value r;
	unsigned again;

	enable_private(INTID_EL2_TIMER);
	el2_timer(TIMER_TICKS);
	r = request(self, TEE_A, SPIN_SEED, w4);
	printk("timer interrupt %s: %s (w0 0x%lx w1 0x%lx)\n", where,
	       is_interrupt(&r, TEE_A) ? "FFA_INTERRUPT" : "NOT PREEMPTED", (unsigned long)r.x[0],
	       (unsigned long)r.x[1]);
	printk("PMR after the SPMC handled it: 0x%lx\n", (unsigned long)read_sysreg(icc_pmr_el1));
	el2_timer(0); /* the guest's "handler": the interrupt source is silenced */
	r = resume(TEE_A, &again);
	printk("FFA_RUN %s: %s (%u more interrupts)\n", where,
	       ffa_is_direct_resp(r.x[0]) && r.x[6] == expect && r.x[7] == 0 ? "the exact result"
									     : "WRONG",
	       again);
}

/* The guest's own virtual timer stops while the secure world runs: it fires after the call. */
static void virtual_timer(ffa_id_t self)
{
	struct ffa_value r;

	enable_private(INTID_VTIMER);
	write_sysreg(cntv_tval_el0, TIMER_TICKS);
	write_sysreg(cntv_ctl_el0, 1);
	isb();
	r = request(self, TEE_A, SPIN_SEED, TOS_CMD_SPIN | (uint64_t)SPIN_ITERS << 32);
	printk("virtual timer during a request: %s, then pending: INTID %lu\n",
	       ffa_is_direct_resp(r.x[0]) ? "answered" : "preempted",
	       (unsigned long)read_sysreg(icc_hppir1_el1));
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

/* Leave everything a guest can leave in the GIC, the timers and the FP registers; then fault. */
static void leave_a_mess(ffa_id_t self)
{
	volatile uint8_t *dprio = (volatile uint8_t *)(PLAT_GICD_BASE + GICD_IPRIORITYR);
	struct ffa_value r;
	uint64_t ctlr;

	/* A request preempted at once (the SGI is pending) and never resumed. */
	send_sgi(INTID_SGI);
	r = request(self, TEE_A, 17, TOS_CMD_SPIN | 1000ull << 32);
	printk("left a request preempted in A: %s\n", is_interrupt(&r, TEE_A) ? "yes" : "NO");
	(void)read_sysreg(icc_iar1_el1); /* the SGI active, never EOId: AP1R0 and RPR show it */
	guest_fp_fill(FP_SEED ^ 0xff);
	enable_private(INTID_SGI_LEFT);
	send_sgi(INTID_SGI_LEFT); /* pending behind the active one */
	dprio[INTID_SPI] = 0x40;
	*(volatile uint64_t *)(PLAT_GICD_BASE + GICD_IROUTER + 8 * INTID_SPI) =
	    0x100ull; /* Aff1 1 */
	*reg(PLAT_GICD_BASE, GICD_ISENABLER + 4) = 1u << (INTID_SPI - 32);
	*reg(PLAT_GICD_BASE, GICD_ISPENDR + 4) = 1u << (INTID_SPI - 32);
	*reg(GICR_SGI, GICR_ICFGR1) = 0xaaaaaaaau; /* PPIs edge-triggered */
	enable_private(INTID_VTIMER);
	write_sysreg(cntv_cval_el0, 0); /* fires at once */
	write_sysreg(cntv_ctl_el0, 1);
	write_sysreg(icc_bpr1_el1, 7);
	ctlr = read_sysreg(icc_ctlr_el1);
	write_sysreg(icc_ctlr_el1, ctlr | 2); /* EOImode 1 */
	*reg(PLAT_GICD_BASE, GICD_CTLR) = 0;  /* the Non-secure group enable too */
	isb();
	print_gic("left behind");
	printk("stopping with a fault\n");
	(void)*(volatile uint64_t *)0x80000000ull; /* outside its stage 2 */
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
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
	enable_private(INTID_SGI);
	pending_at_entry(self);
	mid_request(self, true);
	mid_request(self, false);
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
	default:
		bare(self);
		break;
	}
}
