// SPDX-License-Identifier: BSD-3-Clause
/*
 * Role nshyp: the normal-world hypervisor at NS-EL2. Runs every guest of the
 * system description behind its own stage 2, time-sliced round robin on its
 * EL2 timer (sched.c decides, irq.c takes the tick and hands every other
 * interrupt to the virtual GIC, vgic.c), handles their calls (guest_calls.c)
 * and stops and reports a guest that faults; the others run on. As in the
 * SPMC, every handler takes the vCPU that exited and returns the next one
 * (exceptions.S switches): the same guest, or at a tick, a WFI, a preempted
 * request, a request to a busy partition, a VM-to-VM call that blocks
 * (vm_msg.c) or a guest's end, the next runnable one; after the last,
 * nshyp powers the machine off. A guest's FF-A call for the secure world
 * is one SMC inside its handler; a request that nshyp's tick preempts is
 * resumed by nshyp (FFA_RUN) at the guest's next turn, one that yields by
 * the guest. Every guest has a virtual GIC; FP/SIMD registers are switched
 * between the guests that may use them (fp_simd).
 */
#include <abi/hypcall.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <hyp/stage1.h>
#include <hyp/test_hooks.h>
#include <lib/print.h>
#include <plat/plat_def.h>
#include <stddef.h>

#include "irq.h"
#include "msg_nshyp.h"
#include "nshyp.h"
#include "sched.h"

#define NSHYP_TABLES SYS_NSHYP_S2_TABLES
static s2_table_t s2_tables[NSHYP_TABLES] __attribute__((aligned(4096), section(".bss.s2_tables")));
static struct s2_pool s2_pool = { .tables = s2_tables, .count = NSHYP_TABLES };
static struct guest guests[SYS_MAX_VMS];

/* The scheduler: its run queue (sched.c), the quantum in counter ticks, the FP owner. */
extern const struct sys_sched nshyp_sched;
static struct sched rq;
static uint64_t quantum;
/* When the running slice ends: nshyp's tick is armed for it (UINT64_MAX: no tick, one guest). */
static uint64_t slice_end = UINT64_MAX;
static struct guest *fp_owner; /* the fp_simd guest whose FP/SIMD values are in the CPU */
static unsigned long idles, preempted_calls;

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

extern char __text_end[];

/*
 * nshyp's own view of memory: its code read-only and executable, the rest of its window and
 * all normal-world RAM (the guests' buffers and pages) normal write-back, the GIC and its UART
 * as devices; nothing secure, nothing else executable.
 */
static void stage1_on(void)
{
	uint64_t text_end = (uint64_t)(uintptr_t)__text_end, win_end = HYP_BASE + HYP_SIZE;
	const struct s1_region self = { .base = HYP_BASE, .size = HYP_SIZE };
	const struct s1_region regions[] = {
		{ .base = PLAT_GICD_BASE, .size = 0x200000, .device = true },
		{ .base = PLAT_UART_NS_BASE, .size = PLAT_DEV_PAGE, .device = true },
		{ .base = PLAT_NS_RAM_BASE, .size = HYP_BASE - PLAT_NS_RAM_BASE },
		{ .base = HYP_BASE, .size = text_end - HYP_BASE, .exec = true, .read_only = true },
		{ .base = text_end, .size = win_end - text_end },
		{ .base = win_end, .size = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - win_end },
	};

	arch_hyp_stage1_enable(regions, sizeof(regions) / sizeof(regions[0]), &self);
}

void nshyp_forward(struct ffa_value *m)
{
	arch_smc_inplace(m);
}

/*
 * A guest stopped (powered off or faulted). Before nshyp sends anything on its behalf (FFA_RUN
 * of a request it left, framework messages), nothing of it may still fire or show: its EL1
 * timers are stopped and its interrupts' physical state reset (vgic_stop(), from the role's
 * quiesce hook), so no interrupt of it can then preempt a partition.
 */
static void guest_quiesce(struct guest *g)
{
	arch_vcpu_quiesce(&g->vm.vcpus[0]);
}

static inline struct guest *guest_of(struct vcpu *v)
{
	/* Its only vCPU (v->vm with more: one load more on the hot path, once SMP needs it). */
	_Static_assert(VM_MAX_VCPUS == 1, "one vCPU per VM");
	return (struct guest *)(void *)((char *)v - offsetof(struct guest, vm.vcpus[0]));
}

/* Prepare guest `g` of the description and tell the partitions; false if it cannot run. */
static bool guest_start(struct guest *g, const struct sys_vm *cfg)
{
	struct sys_dev devs[SYS_MAX_DEVS];
	unsigned n = 0;

	nshyp_guest_init(g, cfg);
	/*
	 * A bare guest's UART is nshyp's virtual console (vcons.c): not in its stage 2. Linux
	 * drives the PL011 with interrupts and more registers than vcons emulates: it keeps it.
	 */
	for (unsigned i = 0; i < cfg->dev_count && i < SYS_MAX_DEVS; i++) {
		if (cfg->kind == SYS_VM_BARE && nshyp_vcons_owns(&cfg->devs[i]))
			g->con.virtual = true;
		else
			devs[n++] = cfg->devs[i];
	}
	/* Only a description the validation did not check fails this: skip the guest. */
	if (vm_init(&g->vm, cfg->vm_id, cfg->name, &cfg->mem, devs, n, cfg->boot_arg, &s2_pool)) {
		printk(
		    "cannot build stage 2 for %s: its table quota does not fit; not starting it\n",
		    cfg->name);
		return false;
	}
	g->tables_at_start = g->vm.s2_quota.held;
	nshyp_notif_guest_start(g);
	nshyp_vm_availability(g, FFA_FWK_VM_CREATED);
	optee_mediator_guest_start(g);
	g->vm.vcpus[0].state = VCPU_RUNNING;
	return true;
}

/* Whether a waiting guest has a virtual interrupt to run for (its timer's included). */
static bool guest_pending(struct guest *g)
{
	return vgic_pending(g);
}

/*
 * A partition is stopped in a request of `g` (sp = 0: in any): its own (yielded_sp) or one of
 * its OP-TEE mediator's calls (resumed only by the guest's RETURN_FROM_RPC).
 */
static bool holds(const struct guest *g, ffa_id_t sp)
{
	return (sp ? g->yielded_sp == sp : g->yielded_sp != 0) || optee_mediator_holds(g, sp);
}

bool nshyp_sp_busy_elsewhere(const struct guest *g, ffa_id_t sp)
{
	for (unsigned i = 0; i < rq.count; i++)
		if (&guests[i] != g && rq.state[i] != SCHED_OFF && holds(&guests[i], sp))
			return true;
	return false;
}

/* A guest's wait for a busy partition has lasted its deadline (NSHYP_BUSY_WAIT_QUANTA). */
static bool wait_expired(const struct guest *g)
{
	return g->busy_since && nshyp_now() - g->busy_since >= NSHYP_BUSY_WAIT_QUANTA * quantum;
}

bool nshyp_may_wait(struct guest *g)
{
	if (wait_expired(g)) {
		g->busy_since = 0;
		return false;
	}
	if (!g->busy_since)
		g->busy_since = nshyp_now();
	return true;
}

/* vm_msg.c's view of the guests and the run queue (vm_msg.h). */
struct guest *nshyp_guest_by_id(ffa_id_t id)
{
	for (unsigned i = 0; i < rq.count; i++)
		if (guests[i].cfg && guests[i].cfg->vm_id == id)
			return &guests[i];
	return NULL;
}

void nshyp_guest_npi(struct guest *g)
{
	vgic_inject(&g->vgic, NSHYP_NPI_INTID, false);
}

bool nshyp_guest_live(const struct guest *g)
{
	return rq.state[g->slot] != SCHED_OFF;
}

void nshyp_guest_block(struct guest *g)
{
	sched_set(&rq, g->slot, SCHED_WAITING);
}

void nshyp_guest_unblock(struct guest *g)
{
	sched_set(&rq, g->slot, SCHED_READY);
}

/*
 * While any guest's request is stopped in a partition, every other guest's requests take the
 * general path (others_stopped, in the word the fast path tests), which makes a request to
 * that partition wait instead of getting BUSY. Called wherever a stopped request may have
 * begun or ended (only the general paths can end one).
 */
static void gates_update(void)
{
	unsigned stopped = 0;

	for (unsigned i = 0; i < rq.count; i++)
		stopped += rq.state[i] != SCHED_OFF && holds(&guests[i], 0);
	for (unsigned i = 0; i < rq.count; i++) {
		guests[i].others_stopped =
		    (uint16_t)(stopped > (rq.state[i] != SCHED_OFF && holds(&guests[i], 0)));
		if (!guests[i].others_stopped)
			guests[i].busy_since = 0; /* nothing held elsewhere: no wait goes on */
	}
}

/*
 * A waiting guest runs again for a virtual interrupt, or once the partition it needs is free.
 * One that waits for a partition runs for its own interrupts too: its PC is on its call, so it
 * takes them first and then makes the call again (and waits again if the partition is still
 * held). Another guest may hold a partition for as long as it likes (a request only it may
 * resume): the waiting guest's timer and devices must not stop meanwhile. A guest blocked in a
 * VM-to-VM request runs again only once answered (vm_msg.c unblocks it); one blocked in
 * FFA_MSG_WAIT runs for its interrupts too (its wait then returns FFA_INTERRUPT).
 */
static bool slot_pending(unsigned i, void *ctx)
{
	struct guest *g = &guests[i];

	(void)ctx;
	if (vm_msg_sending(g))
		return false; /* only its receiver's answer (or end) unblocks it */
	if (g->waiting_for && (!nshyp_sp_busy_elsewhere(g, g->waiting_for) || wait_expired(g)))
		return true;
	return guest_pending(g);
}

/* The FP/SIMD registers belong to one fp_simd guest at a time; the others' wait in memory. */
static void fp_switch(struct guest *g)
{
	if (!g->cfg->fp_simd || fp_owner == g)
		return;
	if (fp_owner)
		arch_fp_save(&fp_owner->fp);
	arch_fp_load(&g->fp); /* zero at its first run: it sees nothing of another */
	fp_owner = g;
}

/* A slice starts: nshyp's tick at its end. */
static void slice_arm(void)
{
	slice_end = nshyp_now() + quantum;
	nshyp_tick_arm_at(slice_end);
}

/*
 * nshyp's tick fired (`tick`): true if the slice is over. The tick may have been armed earlier,
 * for a guest's virtual timer during its call (vtimer_stand_in()): then the slice goes on and
 * the tick is armed again for its end.
 */
static bool slice_over(bool tick)
{
	if (!tick)
		return false;
	if (nshyp_now() >= slice_end)
		return true;
	if (slice_end != UINT64_MAX)
		nshyp_tick_arm_at(slice_end);
	return false;
}

/*
 * A call of `g` goes to the secure world, which runs with its own EL1 timers (the monitor
 * switches CNTV with the world): the guest's virtual timer cannot fire there. nshyp's tick
 * stands in for it (a timer the guest unmasked, PPI 27 enabled) when its deadline comes before
 * the slice ends: it preempts the partition (FFA_INTERRUPT), the guest's timer asserts again
 * once it is back, and the guest gets FFA_INTERRUPT to handle it (call_stopped()). A deadline
 * already passed is not armed: that interrupt is the guest's already, taken after the answer
 * (a masked guest is not preempted over and over). A tick the call outlived only finds the
 * slice not over (slice_over()).
 */
static __attribute__((noinline)) void vtimer_stand_in(const struct guest *g)
{
	uint64_t cval;

	if (vgic_timer_deadline(g, &cval) && cval > nshyp_now() && cval < slice_end)
		nshyp_tick_arm_at(cval);
}

#ifdef TESSERA_TEST_BUILD
/*
 * HYPCALL_TEST_EL2_TIMER (role_test_call()): nshyp's tick `ticks` from now, as if the slice
 * ended then (slice_over() finds it not over and goes on), or for 0 the slice's own tick again.
 */
void nshyp_test_tick(uint64_t ticks)
{
	if (ticks)
		nshyp_tick_arm_at(nshyp_now() + ticks);
	else if (slice_end != UINT64_MAX)
		nshyp_tick_arm_at(slice_end);
	else
		nshyp_tick_stop();
}
#endif

/* Guest `g` gets the CPU: for one quantum, round robin; until it ends or waits, in order. */
static struct vcpu *enter(struct guest *g)
{
	/* Alone, it would only be given the CPU back: no tick then; none in order either. */
	if (sched_live(&rq) > 1 && !rq.in_order) {
		slice_arm();
	} else {
		slice_end = UINT64_MAX;
		nshyp_tick_stop();
	}
	fp_switch(g);
	g->slices++;
	if (!g->entered) {
		const struct sys_vm *cfg = g->cfg;

		/* Printed when it first runs (its first slice). */
		printk("starting %s (VM ID %u) at NS-EL1, IPA 0x%lx -> PA 0x%lx%s\n", cfg->name,
		       cfg->vm_id, (unsigned long)cfg->mem.ipa, (unsigned long)cfg->mem.pa,
		       cfg->fp_simd ? ", FP/SIMD" : "");
		g->entered = true;
		hyp_test_guest_entry(cfg);
	}
	return &g->vm.vcpus[0];
}

/*
 * Every guest waits: sleep at EL2 until an interrupt, at the latest when the first waiting
 * guest's virtual timer fires (or a quantum from now, to look again). A timer whose PPI the
 * guest disabled wakes nobody: its deadline, maybe long past, would make this a busy loop.
 */
static void idle(void)
{
	uint64_t wake = nshyp_now() + quantum, cval;

	/* A guest blocked in a VM-to-VM request does not wake for its timer (slot_pending()). */
	for (unsigned i = 0; i < rq.count; i++)
		if (rq.state[i] == SCHED_WAITING && !vm_msg_sending(&guests[i]) &&
		    vgic_timer_deadline(&guests[i], &cval) && cval < wake)
			wake = cval;
	nshyp_tick_arm_at(wake);
	nshyp_idle();
	nshyp_irq_handle();
	idles++;
}

static __attribute__((noreturn)) void all_done(void)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } };

	nshyp_tick_stop();
	printk("scheduler: %lu guest switches, %lu ticks, %lu requests preempted and resumed, %lu "
	       "idle waits, %lu interrupts for the virtual GIC\n",
	       rq.switches, nshyp_irq_stats.ticks, preempted_calls, idles, nshyp_irq_stats.routed);
	printk("all guests finished (%u memory transactions left); powering off\n",
	       nshyp_mem_live());
	arch_smc_inplace(&off);
	panic("nshyp: SYSTEM_OFF returned");
}

static bool take_preemption(struct guest *g);

/*
 * The request an interrupt preempted for `g` goes on (FFA_RUN on its behalf, a fresh quantum):
 * true when it answered (or yielded), false if an interrupt preempted it again.
 */
static bool continue_call(struct guest *g)
{
	struct ffa_value *m = vcpu_ffa(&g->vm.vcpus[0]);

	bool again;

	g->call_preempted = false;
	*m = (struct ffa_value){ { FFA_RUN, (uint64_t)g->yielded_sp << 16 } };
	slice_arm();
	vtimer_stand_in(g);
	nshyp_forward_track(g, m);
	again = take_preemption(g);
	gates_update();
	return !again;
}

bool nshyp_partition_release(ffa_id_t sp)
{
	for (unsigned i = 0; i < rq.count; i++) {
		struct guest *h = &guests[i];

		for (unsigned n = 0;
		     h->call_preempted && h->yielded_sp == sp && n < NSHYP_MAX_RESUMES; n++)
			continue_call(h);
		optee_mediator_release(h, sp); /* its answers wait for the guest's resume */
	}
	gates_update();
	slice_arm();
	return !nshyp_sp_busy_elsewhere(NULL, sp);
}

/*
 * Scheduling (sched.c is the policy): the next guest after the one that ran last, round robin;
 * one whose request was preempted first has it resumed; when every guest waits, nshyp waits;
 * after the last guest, the machine powers off.
 */
static struct vcpu *schedule(void)
{
	for (;;) {
		int i = sched_next(&rq, slot_pending, NULL);

		if (i == SCHED_EMPTY)
			all_done();
		if (i == SCHED_IDLE) {
			idle();
			continue;
		}
		guests[i].waiting_for = 0;
		vm_msg_resumed(&guests[i]); /* an interrupt ended its FFA_MSG_WAIT */
		if (guests[i].call_preempted && !continue_call(&guests[i]))
			continue;
		return enter(&guests[i]);
	}
}

/*
 * A request of `g` came back FFA_INTERRUPT: a Non-secure interrupt preempted the partition
 * (it is still pending here, nshyp runs masked). Unless the interrupt is the guest's own (it
 * has a virtual interrupt pending), which it must handle first and
 * then resume the request itself with FFA_RUN, the guest does not see this: nshyp takes the
 * interrupt (its tick, another guest's device), the guest's slice ends, and the request goes
 * on when the guest is scheduled again (continue_call()). Only this guest's request is resumed
 * (g->yielded_sp, nshyp_track()), as with the guest's own FFA_RUN. True if the guest's slice
 * is over: its request preempted for nshyp, or its own interrupt came with the slice's end
 * (it sees FFA_INTERRUPT when it next runs; a guest whose timer always fires cannot keep the
 * CPU by it).
 */
static bool take_preemption(struct guest *g)
{
	bool over;

	if ((uint32_t)vcpu_ffa(&g->vm.vcpus[0])->x[0] != FFA_INTERRUPT)
		return false;
	over = slice_over(nshyp_irq_handle());
	if (guest_pending(g))
		return over;
	g->call_preempted = true;
	preempted_calls++;
	return true;
}

/* Guest `g` stopped (powered off or faulted): clean up after it; it leaves the run queue. */
static void guest_end(struct guest *g)
{
	nshyp_vcons_flush(g);
	guest_quiesce(g);
	g->call_preempted = false;
	nshyp_guest_stopped(g);
	/* The partitions drop what they kept for it first, so that its memory comes back. */
	nshyp_vm_availability(g, FFA_FWK_VM_DESTROYED);
	nshyp_mem_guest_stopped(g);
	nshyp_notif_guest_end(g);
	nshyp_msg_guest_end(g);
	sched_set(&rq, g->slot, SCHED_OFF);
	gates_update();
	if (fp_owner == g)
		fp_owner = NULL; /* its values stay in the registers; the next fp_simd guest's
				    arch_fp_load() overwrites all of them */
	/* What its memory sharing left in its stage 2: back to its start unless it still lends. */
	printk("%s done: %u stage-2 tables held (%u at start, quota %u)\n", g->cfg->name,
	       g->vm.s2_quota.held, g->tables_at_start, g->vm.s2_quota.limit);
	printk("%s ran %lu slices, waited %lu times\n", g->cfg->name, g->slices, g->waits);
}

/* Guest `g` stopped: clean up after it; whoever is next runs. */
static struct vcpu *guest_done(struct guest *g)
{
	guest_end(g);
	return schedule();
}

void nshyp_resume_begin(void)
{
	slice_arm();
}

void nshyp_resume_preempted(void)
{
	nshyp_irq_handle();
}

#ifdef TESSERA_TEST_BUILD
/*
 * Test builds only: HYPCALL_TEST_GUEST_STOP (x1 = a VM ID) stops that guest as if it had
 * faulted, wherever it is (running, waiting, inside a preempted request), so that a test can end
 * a guest that never ends itself. x0 = 0, or -2 for an ID that names no live guest.
 */
static struct vcpu *test_guest_stop(struct vcpu *current)
{
	struct ffa_value *m = vcpu_ffa(current);

	for (unsigned i = 0; i < rq.count; i++) {
		struct guest *t = &guests[i];

		if (t->vm.id != m->x[1] || rq.state[i] == SCHED_OFF)
			continue;
		printk("%s stopped by the test hook (from %s)\n", t->cfg->name,
		       guest_of(current)->cfg->name);
		t->vm.vcpus[0].state = VCPU_ABORTED;
		smccc_answer(m, 0);
		if (t == guest_of(current))
			return guest_done(t);
		guest_end(t);
		slice_arm(); /* its clean-up stopped the tick */
		return current;
	}
	smccc_answer(m, (uint64_t)-2);
	return current;
}
#endif

/* A request of `current` stopped in a partition (FFA_YIELD or FFA_INTERRUPT). */
static __attribute__((noinline)) struct vcpu *call_stopped(struct vcpu *current)
{
	bool preempted = take_preemption(guest_of(current));

	gates_update();
	return preempted ? schedule() : current;
}

/* The fast path's request came back without a direct response: stopped, or refused. */
static __attribute__((noinline)) struct vcpu *call_not_answered(struct vcpu *current)
{
	struct guest *g = guest_of(current);

	nshyp_track(g, vcpu_ffa(current));
	return g->yielded_sp ? call_stopped(current) : current;
}

/*
 * The common case's direct request (role_vcpu_call()), checked: to the secure world, and back.
 * (It calls nothing but the SMC, so it needs no stack frame.)
 */
static inline __attribute__((always_inline)) struct vcpu *direct_req(struct vcpu *current)
{
	nshyp_forward(vcpu_ffa(current));
	/* Only `current` lives across the SMC (x18, preserved), and the answer is stored before
	 * it is read back ("memory"): with x9-x17 reserved (Makefile) temporaries would otherwise
	 * need x30, so a stack frame. */
	__asm__("" : "+r"(current) : : "memory");
	/* A direct response (the one FF-A function numbered 0x70, _32 or _64) leaves yielded_sp
	 * 0, as the gate found it; anything else goes the general way. */
	if (unlikely((uint8_t)vcpu_ffa(current)->x[0] != (uint8_t)FFA_MSG_SEND_DIRECT_RESP_32))
		return call_not_answered(current);
	return current;
}

/* The same for a guest whose virtual timer is on: nshyp's tick may stand in for it. */
static __attribute__((noinline)) struct vcpu *direct_req_timed(struct vcpu *current)
{
	vtimer_stand_in(guest_of(current));
	return direct_req(current);
}

/*
 * The partition of `current`'s request is busy with another guest's: its call instruction
 * runs again (same registers) once that one ended; until then the guest waits.
 */
static struct vcpu *wait_for_partition(struct vcpu *current)
{
	struct guest *g = guest_of(current);

	current->regs.elr -= 4; /* SMC and HVC are 4 bytes; ELR is past it (vm_arch.c) */
	g->waits++;
	sched_set(&rq, g->slot, SCHED_WAITING);
	return schedule();
}

/* Every call but the direct request of the common case (role_vcpu_call()). */
static __attribute__((noinline)) struct vcpu *guest_call(struct vcpu *current, uint32_t fid)
{
	struct guest *g = guest_of(current);
	bool had_stopped;

	if (nshyp_discovery_call(g, vcpu_ffa(current), fid))
		return current;
#ifdef TESSERA_TEST_BUILD
	if (fid == HYPCALL_TEST_GUEST_STOP)
		return test_guest_stop(current);
#endif
	had_stopped = holds(g, 0);
	if (nshyp_loaded_vtimer_enabled())
		vtimer_stand_in(g); /* if the call goes to the secure world */
	nshyp_guest_call(g);
	if (unlikely(current->state != VCPU_RUNNING))
		return guest_done(g);
	if (unlikely(g->waiting_for))
		return wait_for_partition(current);
	if (unlikely(vm_msg_blocked(g)))
		return schedule(); /* a VM-to-VM call parked it (vm_msg.c) */
	if (unlikely(g->yielded_sp))
		return call_stopped(current);
	/* Its FFA_RUN ended its stopped request, or a mediated call of it stopped or ended (the
	 * guest sees RPC_FOREIGN_INTR; a pending tick then ends its slice at once). */
	if (unlikely(had_stopped || holds(g, 0)))
		gates_update();
	return current;
}

/*
 * A guest's SMC or HVC (exceptions.S, vm_arch.c). First the common case, with the rules of the
 * general handler (nshyp.h): a direct request to a bound partition goes to the secure world and
 * its answer back to the guest. Then the discovery calls, answered from registers, and
 * everything else (guest_calls.c); a guest that powered off there is done. A request that a
 * partition left stopped (yielded, preempted) goes to call_stopped().
 */
struct vcpu *role_vcpu_call(struct vcpu *current)
{
	struct guest *g = guest_of(current);
	struct ffa_value *m = vcpu_ffa(current);
	uint32_t fid = smccc_fid_id(m->x[0]);

	if (likely((fid & ~SMCCC_64BIT) == FFA_MSG_SEND_DIRECT_REQ_32 &&
		   nshyp_direct_req_passes(g, m))) {
		m->x[0] = fid;
		if (unlikely(nshyp_loaded_vtimer_enabled()))
			return direct_req_timed(current);
		return direct_req(current);
	}
	return guest_call(current, fid);
}

/*
 * A guest's WFI (HCR_EL2.TWI) ends its slice: it completes at once
 * if the guest has something pending, else the guest waits until it has (slot_pending()).
 * Its WFE (HCR_EL2.TWE) gives the slice to the next runnable guest (a spin-wait's hint).
 */
static struct vcpu *guest_wait(struct vcpu *current, uint64_t esr)
{
	struct guest *g = guest_of(current);

	/* Past it: 4 bytes, or 2 for a 16-bit T32 WFI of an AArch32 EL0 (ESR_EL2.IL = 0). */
	current->regs.elr += arch_trapped_insn_len(esr);
	/* TI = WFE (or WFET): a yield, it stays runnable and the next one runs. */
	if (esr & 1u)
		return schedule();
	if (guest_pending(g))
		return current;
	g->waits++;
	sched_set(&rq, g->slot, SCHED_WAITING);
	return schedule();
}

/*
 * Any other exit: a physical interrupt (nshyp's tick ends the slice; anything else goes to the
 * guests' side and the guest runs on), a WFI, a stage-2 fault (its virtual console emulated, or
 * an external abort for the guest's EL1, vm_inject_abort()), or, stopping the guest, a fault its
 * EL1 cannot take or an unexpected trap.
 */
struct vcpu *role_vcpu_exit(struct vcpu *current, const struct vcpu_exit *e)
{
	struct guest *g = guest_of(current);

	if (e->reason == VCPU_EXIT_INTERRUPT)
		return slice_over(nshyp_irq_handle()) ? schedule() : current;
	if (e->reason == VCPU_EXIT_OTHER && esr_ec(e->syndrome) == EC_WFX)
		return guest_wait(current, e->syndrome);
	if (e->reason == VCPU_EXIT_ABORT && nshyp_vcons_access(g, current, e))
		return current;
	if (vm_inject_abort(current, e))
		return current;
	vm_report_fault(&g->vm, e);
	current->state = VCPU_ABORTED;
	return guest_done(g);
}

/*
 * Boot: every guest of the description is built and announced to the partitions
 * (VM_CREATED), then they share the CPU (schedule()).
 */
void role_main(void)
{
	console_init(PLAT_UART_NS_BASE, "N nshyp  ");
	printk("normal-world hypervisor running at EL%u, non-secure world (NS-EL2)\n",
	       arch_current_el());
	stage1_on();
	arch_hyp_init(); /* the GIC's CPU interface and nshyp's PPIs too (vgic_hw_init()) */
	nshyp_mem_init();
	nshyp_notif_init();
	quantum = nshyp_us_to_ticks(nshyp_sched.quantum_us);
	printk("scheduling: %s, quantum %u us (%lu counter ticks)\n",
	       nshyp_sched.policy == SYS_SCHED_IN_ORDER ? "in description order" : "round robin",
	       nshyp_sched.quantum_us, (unsigned long)quantum);
	sched_init(&rq, nshyp_vm_count, nshyp_sched.policy == SYS_SCHED_IN_ORDER);
	for (unsigned i = 0; i < rq.count; i++) {
		guests[i].slot = i;
		if (guest_start(&guests[i], &nshyp_vms[i]))
			sched_set(&rq, i, SCHED_READY);
	}
	hyp_vcpu_first(schedule());
}
