// SPDX-License-Identifier: BSD-3-Clause
/*
 * Scheduling scenario of the test guest (GUEST_SCHED, test/sys/test_sched.py): each guest of
 * the test system "sched" plays one part (boot_arg bits 15:8) while nshyp time-slices them:
 *   SCHED_SPIN      spins forever without a call; only the test hook ends it;
 *   SCHED_PROGRESS  prints progress while it computes for several quanta each step, then
 *                   stops the guests whose VM IDs are in bits 31:16, 47:32 and 63:48
 *                   (HYPCALL_TEST_GUEST_STOP) and powers off;
 *   SCHED_WAITER    arms its virtual timer and waits for it with WFI, several times: each WFI
 *                   gives its slice away (nshyp counts the waits);
 *   SCHED_WILD      programs its virtual timer to fire at once, masks every exception and
 *                   computes for a while: it harms only itself;
 *   SCHED_TEE_SPIN  asks TEE B for a long computation (TOS_CMD_SPIN), which nshyp's tick
 *                   preempts again and again; the progress guest stops it in the middle;
 *   SCHED_TEE_CALLS makes many short requests to TEE A while the tick lands during them:
 *                   every answer exact, x8-x30 kept, and never an FFA_INTERRUPT seen;
 *   SCHED_FP        fills its FP/SIMD registers with its own pattern and checks them after
 *                   many slices (another guest with fp_simd runs meanwhile);
 *   SCHED_BENCH     the guest-switch benchmark: computes for a while beside another guest;
 *   SCHED_HOLD      makes TEE A yield in its request (TOS_CMD_YIELD) and never resumes it:
 *                   A stays BLOCKED in its request (only it may resume it);
 *   SCHED_BUSY_WAIT requests TEE A until the answer is BUSY (its request waits in nshyp for
 *                   the held partition, then gets BUSY at the wait's deadline), then stops the
 *                   holder (VM ID in bits 31:16) and finds A serving again;
 *   SCHED_DEV_STORM owns the RTC (PL031) and its SPI: makes the device's level interrupt
 *                   assert and takes and ends it 2000 times without clearing it (a storm from
 *                   its own device), then silences the device and finds nothing pending;
 *   SCHED_DESTROY_SPIN asks TEE A (test build) to spin without end in the VM_DESTROYED message
 *                   nshyp sends it about this guest, then powers off;
 *   SCHED_AFTER_SPIN asks TEE A, left preempted in that message (BUSY), then TEE B (answers).
 * Times below are counter ticks (62.5 MHz) of computing, only to span several quanta; the
 * test asserts on what happened, never on time.
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

#define TEE_A	      0x8001
#define TEE_B	      0x8002
#define TICKS_PER_MS  62500u
#define STEPS	      6
#define STEP_TICKS    (4 * TICKS_PER_MS) /* a few quanta of the test system (1 ms) */
#define WAITS	      6
#define WAIT_TICKS    (2 * TICKS_PER_MS)
#define WILD_TICKS    (20 * TICKS_PER_MS)
#define TEE_SPIN_ITER 0xf0000000u
#define TEE_CALLS     300
#define FP_ROUNDS     12

static uint64_t now(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

/* Compute (no call, no wait) until `ticks` counter ticks have passed. */
static void busy(uint64_t ticks)
{
	uint64_t end = now() + ticks;

	while (now() < end)
		__asm__ volatile("" ::: "memory");
}

static struct ffa_value call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	struct ffa_value v = { { x0, x1, x2, x3, x4 } };

	return arch_hvc(v);
}

static __attribute__((noreturn)) void spin(void)
{
	printk("spinning without end\n");
	for (volatile uint64_t n = 0;; n++)
		;
}

static void progress(uint64_t arg)
{
	uint16_t stop[3] = { (uint16_t)(arg >> 16), (uint16_t)(arg >> 32), (uint16_t)(arg >> 48) };

	for (unsigned i = 1; i <= STEPS; i++) {
		busy(STEP_TICKS);
		printk("progress %u/%u\n", i, STEPS);
	}
	for (unsigned i = 0; i < 3; i++)
		if (stop[i])
			printk("stopping VM %u: %ld\n", stop[i],
			       (long)call(HYPCALL_TEST_GUEST_STOP, stop[i], 0, 0, 0).x[0]);
	printk("stopping VM 99 (no such guest): %ld\n",
	       (long)call(HYPCALL_TEST_GUEST_STOP, 99, 0, 0, 0).x[0]);
	printk("progress finished\n");
}

#define VTIMER_INTID 27u /* CNTV's PPI */

/* MMIO as single stores (a stage-2 abort with a syndrome: nshyp's vGIC emulates it). */
static void mmio_wr32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static void mmio_wr8(uintptr_t addr, uint8_t v)
{
	__asm__ volatile("strb %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

/*
 * Its virtual timer (PPI 27) enabled at its virtual GIC with interrupts masked (PSTATE.I): a WFI
 * then wakes for it, as on hardware, and no exception is taken. Without the enable the timer
 * would never be signalled and the WFI would rightly wait for ever.
 */
static void vtimer_irq_enable(void)
{
	uintptr_t sgi_frame = PLAT_GICR_BASE + 0x10000;

	__asm__ volatile("msr daifset, #0x2" ::: "memory");
	mmio_wr32(PLAT_GICD_BASE, 0x2);			  /* GICD_CTLR.EnableGrp1 */
	mmio_wr8(sgi_frame + 0x400 + VTIMER_INTID, 0x80); /* GICR_IPRIORITYR */
	mmio_wr32(sgi_frame + 0x100, 1u << VTIMER_INTID); /* GICR_ISENABLER0 */
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	isb();
}

static void waiter(void)
{
	unsigned expired = 0;

	vtimer_irq_enable();
	for (unsigned i = 0; i < WAITS; i++) {
		write_sysreg(cntv_cval_el0, now() + WAIT_TICKS);
		write_sysreg(cntv_ctl_el0, 1); /* ENABLE, IMASK clear */
		isb();
		__asm__ volatile("wfi" ::: "memory");
		expired += (read_sysreg(cntv_ctl_el0) & 4) != 0; /* ISTATUS */
		/* Silence the level, then end the interrupt the WFI woke for (EOImode 0). */
		write_sysreg(cntv_ctl_el0, 0);
		isb();
		uint64_t iar = read_sysreg(icc_iar1_el1);

		if ((iar & 0xffffffu) < 1020)
			write_sysreg(icc_eoir1_el1, iar);
		isb();
	}
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	printk("waited %u times with WFI; the timer had fired at %u of the wake-ups\n", WAITS,
	       expired);
}

static void wild(void)
{
	write_sysreg(cntv_cval_el0, 0); /* fires at once and stays asserted */
	write_sysreg(cntv_ctl_el0, 1);
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	isb();
	busy(WILD_TICKS);
	printk("wild timer and every exception masked: still running, nobody else harmed\n");
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

static void tee_spin(ffa_id_t self)
{
	struct ffa_value r;

	printk("asking TEE B for a long computation\n");
	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_B), 0, 12345,
		 TOS_SPIN_ARG(TEE_SPIN_ITER, 0));
	printk("TEE B answered (w0 0x%lx)\n", (unsigned long)r.x[0]);
}

static void tee_calls(ffa_id_t self)
{
	unsigned wrong = 0, interrupts = 0;
	uint64_t gprs_bad = 0;

	for (unsigned i = 0; i < TEE_CALLS; i++) {
		struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0,
					 i + 4 } };

		gprs_bad |= arch_hvc_check_gprs(&v, 0x5c4ed00000000000ull + i);
		interrupts += (uint32_t)v.x[0] == FFA_INTERRUPT;
		wrong += (uint32_t)v.x[0] != FFA_MSG_SEND_DIRECT_RESP_32 ||
			 v.x[3] != (uint64_t)(i + 4) * (i + 4);
	}
	printk("%u requests to TEE A: %u wrong answers, %u FFA_INTERRUPT seen, GPRs x8-x30 "
	       "kept: 0x%lx\n",
	       TEE_CALLS, wrong, interrupts, (unsigned long)gprs_bad);
}

static void fp(ffa_id_t self)
{
	uint64_t seed = 0xf00d0000ull + self, bad = 0;

	write_sysreg(cpacr_el1, 3ull << 20); /* FPEN: no trap at EL1/EL0 */
	isb();
	bad |= guest_fp_check(0);
	printk("FP/SIMD registers zero at start: %s\n", bad ? "no" : "yes");
	guest_fp_fill(seed);
	for (unsigned i = 0; i < FP_ROUNDS; i++) {
		busy(STEP_TICKS / 2);
		bad |= guest_fp_check(seed);
	}
	printk("FP/SIMD registers kept across %u rounds of slices: %s (mismatch 0x%lx)\n",
	       FP_ROUNDS, bad ? "no" : "yes", (unsigned long)bad);
}

/*
 * The guest-switch benchmark (bench/systems/bench_sched.c, bench/run.py): compute for bits
 * 31:16 milliseconds of counter time (0: 20) while another guest does the same, so that every
 * switch is nshyp's tick taking the CPU from one guest to give it to the other; bench/run.py
 * counts nshyp's instructions per switch from two such runs.
 */
static void switch_bench(uint64_t arg)
{
	unsigned ms = (unsigned)(arg >> 16) & 0xffffu;

	busy((uint64_t)(ms ? ms : 20) * TICKS_PER_MS);
}

static void hold(ffa_id_t self)
{
	struct ffa_value r =
	    call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0, 12345, TOS_CMD_YIELD);

	printk("TEE A yielded in my request (w0 0x%lx); never resuming it\n",
	       (unsigned long)r.x[0]);
	spin();
}

#define BUSY_TRIES 10000

static void busy_wait(ffa_id_t self, uint64_t arg)
{
	uint16_t holder = (uint16_t)(arg >> 16);
	struct ffa_value r = { { 0 } };
	unsigned i;

	for (i = 0; i < BUSY_TRIES; i++) {
		r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0, 7, 0);
		if ((uint32_t)r.x[0] == FFA_ERROR)
			break;
		__asm__ volatile("wfe"); /* the slice to the holder */
	}
	printk("request to the held TEE A: %s after the wait\n",
	       (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == FFA_RET_BUSY ? "BUSY" : "WRONG");
	printk("stopping the holder (VM %u): %ld\n", holder,
	       (long)call(HYPCALL_TEST_GUEST_STOP, holder, 0, 0, 0).x[0]);
	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0, 7, 0);
	printk("TEE A then answers: %s\n",
	       ffa_is_direct_resp(r.x[0]) && r.x[3] == 49 ? "yes" : "NO");
}

/* The RTC (PL031, its own device in the description) and its SPI. */
#define RTC_BASE     0x09010000u
#define RTC_DR	     0x00 /* the seconds counter */
#define RTC_MR	     0x04 /* match: the interrupt asserts when DR reaches it */
#define RTC_IMSC     0x10 /* interrupt mask: 1 = enabled */
#define RTC_ICR	     0x1c /* interrupt clear: 1 clears it */
#define RTC_INTID    34	  /* SPI 2 */
#define GICD_IROUTER 0x6000
#define STORM_TOTAL  2000

static uint32_t mmio_rd32(uintptr_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

/*
 * A storm from its own device: the RTC's level interrupt asserted (a match at the current
 * second) and not cleared, taken and ended (EOImode 0, HW-mapped: the physical interrupt is
 * deactivated too, and fires again at once) STORM_TOTAL times with PSTATE.I masked; then the
 * device is silenced (its interrupt cleared and masked) and nothing may be pending any more.
 */
static void dev_storm(void)
{
	uint64_t taken = 0, iar;

	vtimer_irq_enable(); /* the distributor's group, the CPU interface's mask and group */
	mmio_wr8(PLAT_GICD_BASE + 0x400 + RTC_INTID, 0x80); /* GICD_IPRIORITYR */
	__asm__ volatile("str %0, [%1]"
			 :
			 : "r"(0ull), "r"(PLAT_GICD_BASE + GICD_IROUTER + 8 * RTC_INTID)
			 : "memory");
	mmio_wr32(PLAT_GICD_BASE + 0x100 + 4 * (RTC_INTID / 32), 1u << (RTC_INTID % 32));
	mmio_wr32(RTC_BASE + RTC_IMSC, 1);
	mmio_wr32(RTC_BASE + RTC_MR, mmio_rd32(RTC_BASE + RTC_DR)); /* asserts now, stays */
	printk("storming: the RTC's interrupt (INTID %u) asserted and not cleared\n", RTC_INTID);
	while (taken < STORM_TOTAL) {
		iar = read_sysreg(icc_iar1_el1) & 0xffffffu;
		isb();
		if (iar != RTC_INTID)
			continue;
		write_sysreg(icc_eoir1_el1, iar);
		isb();
		if (++taken == 100)
			printk("storm: 100 interrupts taken\n");
	}
	mmio_wr32(RTC_BASE + RTC_IMSC, 0);
	mmio_wr32(RTC_BASE + RTC_ICR, 1); /* the line falls */
	busy(TICKS_PER_MS);
	/* The one the last end let fire before the line fell is still delivered; then nothing. */
	for (unsigned late = 0; late <= 1; late++) {
		iar = read_sysreg(icc_iar1_el1) & 0xffffffu;
		isb();
		if (iar != RTC_INTID)
			break;
		write_sysreg(icc_eoir1_el1, iar);
		isb();
	}
	printk("storm over: %lu interrupts taken; device silenced, none pending: %s\n",
	       (unsigned long)taken, iar >= 1020 ? "yes" : "NO");
}

static void destroy_spin(ffa_id_t self)
{
	/* w3 = 5: not an OP-TEE function (0 is OPTEE_FFA_GET_API_VERSION), a test request. */
	struct ffa_value r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0, 5,
				  TOS_SPIN_ARG(0, TOS_SPIN_AT_DESTROY));

	printk("TEE A will spin in my VM_DESTROYED message: %s\n",
	       ffa_is_direct_resp(r.x[0]) ? "armed" : "NO");
}

static void after_spin(ffa_id_t self)
{
	struct ffa_value r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0, 7, 0);

	printk("TEE A after its endless framework message: %s\n",
	       (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == FFA_RET_BUSY ? "BUSY" : "WRONG");
	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_B), 0, 8, 0);
	printk("TEE B answers: %s\n", ffa_is_direct_resp(r.x[0]) && r.x[3] == 64 ? "yes" : "NO");
}

void guest_sched(ffa_id_t self, uint64_t arg)
{
	switch ((unsigned)(arg >> 8) & 0xff) {
	case SCHED_SPIN:
		spin();
	case SCHED_PROGRESS:
		progress(arg);
		break;
	case SCHED_WAITER:
		waiter();
		break;
	case SCHED_WILD:
		wild();
		break;
	case SCHED_TEE_SPIN:
		tee_spin(self);
		break;
	case SCHED_TEE_CALLS:
		tee_calls(self);
		break;
	case SCHED_FP:
		fp(self);
		break;
	case SCHED_BENCH:
		switch_bench(arg);
		break;
	case SCHED_HOLD:
		hold(self);
		break;
	case SCHED_BUSY_WAIT:
		busy_wait(self, arg);
		break;
	case SCHED_DEV_STORM:
		dev_storm();
		break;
	case SCHED_DESTROY_SPIN:
		destroy_spin(self);
		break;
	case SCHED_AFTER_SPIN:
		after_spin(self);
		break;
	default:
		break;
	}
	call(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
}
