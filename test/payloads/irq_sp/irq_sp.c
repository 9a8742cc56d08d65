// SPDX-License-Identifier: BSD-3-Clause
/*
 * The secure-interrupt test partition (test systems secure_irq*, bench_secure_irq): a small FF-A
 * partition at S-EL1 that owns the secure timer (the EL1 physical timer CNTP, PPI 30; the SPMC
 * lets only the owner reach it) and checks the SPMC's delivery (docs/abi/ffa.md, "Secure
 * interrupts"): armed at boot, the timer fires while the normal world runs; the SPMC resumes
 * this partition from FFA_MSG_WAIT with FFA_INTERRUPT (w1 = 0, w2 = 30), it silences or re-arms
 * the timer and waits
 * again. The second handler measures, from the counter, how long after the timer fired it ran
 * (BENCH secure_timer_to_sp, in instructions under -icount shift=0: 16 per tick); the first asks
 * HYPCALL_INTERRUPT_GET, which must answer 1023 (nothing pending: the INTID came in w2). In
 * scenario IRQ_SP_STORM it never silences the timer: the SPMC must end that storm. In scenario
 * IRQ_SP_PROBE it is another partition, not the owner, whose every access to CNTP must be
 * UNDEFINED. Direct requests report what it saw. Test code only: never in a product description.
 */
#include <abi/ffa.h>
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <arch/semihost.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/bench.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#include "irq_sp.h"

#define SEC_TIMER 30u /* CNTP's PPI */

void irq_sp_main(uint64_t arg);
void irq_sp_exception(unsigned kind);
uint64_t irq_sp_probe(unsigned which); /* entry.S: ESR_EL1 of the access's exception, or 0 */
volatile uint64_t irq_sp_probing;      /* entry.S: an exception now is irq_sp_probe()'s */

char irq_sp_stack[4096] __attribute__((aligned(16)));

static unsigned handled, wrong, got_count;
static uint64_t scenario;
static uint64_t first_get = ~0ull;

void panic_exit(void)
{
	arch_semihost_exit(99);
}

void irq_sp_exception(unsigned kind)
{
	panic("irq_sp: exception %u at S-EL1: ESR_EL1=0x%lx ELR_EL1=0x%lx", kind,
	      (unsigned long)read_sysreg(esr_el1), (unsigned long)read_sysreg(elr_el1));
}

static struct ffa_value call(uint64_t fid, uint64_t x1, uint64_t x2, uint64_t x3)
{
	struct ffa_value v = { { fid, x1, x2, x3 } };

	return arch_smc(v);
}

/* CNTP: fire `ticks` from now (ENABLE, not masked), or stop it. */
static void timer_arm(uint64_t ticks)
{
	uint64_t now = read_sysreg(cntpct_el0);

	write_sysreg(cntp_cval_el0, now + ticks);
	write_sysreg(cntp_ctl_el0, 1);
	isb();
}

static void timer_stop(void)
{
	write_sysreg(cntp_ctl_el0, 0);
	isb();
}

/* IRQ_SP_PROBE: each access to the owner's timer; how many were UNDEFINED (EC 0). */
static unsigned probe(uint64_t *esr)
{
	unsigned undefined = 0;

	for (unsigned i = 0; i < IRQ_SP_PROBES; i++) {
		uint64_t e = irq_sp_probe(i);

		undefined += e != 0 && (e >> 26) == 0;
		*esr |= e;
	}
	return undefined;
}

/* FFA_INTERRUPT: handle it (silence or re-arm the timer); the SPMC deactivates it afterwards. */
static void on_interrupt(const struct ffa_value *m)
{
	uint64_t now = read_sysreg(cntpct_el0), fired = read_sysreg(cntp_cval_el0);

	if ((uint32_t)m->x[2] != SEC_TIMER || m->x[1] != 0) {
		wrong++;
		printk("unexpected FFA_INTERRUPT w1=0x%lx w2=%lu\n", (unsigned long)m->x[1],
		       (unsigned long)m->x[2]);
		return;
	}
	if (scenario == IRQ_SP_STORM) {
		handled++; /* the timer is left firing: its level output stays high */
		return;
	}
	/* The first one may have fired while it booted; the second was armed by the first
	 * handler and fires while the normal world spins. */
	if (++handled == 2)
		printk("BENCH secure_timer_to_sp %lu\n",
		       (unsigned long)((now - fired) * BENCH_NS_PER_TICK));
	if (handled == 1)
		first_get = call(HYPCALL_INTERRUPT_GET, 0, 0, 0).x[0];
	if (handled < IRQ_SP_ROUNDS) {
		timer_arm(IRQ_SP_PERIOD);
	} else {
		timer_stop();
		printk("handled %u secure timer interrupts (FFA_INTERRUPT, INTID 30)\n", handled);
	}
}

/* A direct request: the status, answered with the response. */
static struct ffa_value answer(const struct ffa_value *m)
{
	uint64_t ids = ffa_msg_ids(ffa_msg_receiver(m->x[1]), ffa_msg_sender(m->x[1]));
	struct ffa_value r = { { FFA_MSG_SEND_DIRECT_RESP_32, ids, 0 } };

	/* While it runs, its own interrupt is signalled with a virtual IRQ: read what is there. */
	for (uint64_t id; (id = call(HYPCALL_INTERRUPT_GET, 0, 0, 0).x[0]) != 1023;)
		got_count += id == SEC_TIMER;
	if (m->x[3] == IRQ_SP_CMD_STATUS) {
		r.x[3] = handled;
		r.x[4] = wrong;
		r.x[5] = first_get;
		r.x[6] = got_count;
	} else if (m->x[3] == IRQ_SP_CMD_PROBE && scenario == IRQ_SP_PROBE) {
		uint64_t esr = 0;

		r.x[3] = probe(&esr);
		r.x[4] = IRQ_SP_PROBES;
	}
	return r;
}

void irq_sp_main(uint64_t arg)
{
	struct ffa_value m;

	scenario = arg;
	console_init(PLAT_UART_S_BASE, "S irq_sp  ");
	printk("secure-interrupt test partition, scenario %lu; FFA_FEATURES NPI %d MEI %d SRI %d\n",
	       (unsigned long)arg, (int)call(FFA_FEATURES, FFA_FEATURE_NPI, 0, 0).x[2],
	       (int)call(FFA_FEATURES, FFA_FEATURE_MEI, 0, 0).x[2],
	       (int)call(FFA_FEATURES, FFA_FEATURE_SRI, 0, 0).x[2]);
	printk("HYPCALL_INTERRUPT_GET with nothing pending -> %lu\n",
	       (unsigned long)call(HYPCALL_INTERRUPT_GET, 0, 0, 0).x[0]);
	if (arg == IRQ_SP_PROBE) {
		uint64_t esr = 0;
		unsigned undefined = probe(&esr);

		printk("not the timer's owner: %u of %u CNTP accesses UNDEFINED (ESR_EL1 0x%lx)\n",
		       undefined, IRQ_SP_PROBES, (unsigned long)esr);
	} else {
		timer_arm(IRQ_SP_PERIOD);
	}
	if (arg == IRQ_SP_ABORT) {
		printk("timer armed; reporting an error: the SPMC aborts this partition\n");
		call(FFA_ERROR, 0, (uint64_t)(int64_t)FFA_RET_ABORTED, 0);
		panic("irq_sp: resumed after FFA_ERROR");
	}
	m = call(FFA_MSG_WAIT, 0, 0, 0);
	for (;;) {
		if ((uint32_t)m.x[0] == FFA_INTERRUPT) {
			on_interrupt(&m);
			m = call(FFA_MSG_WAIT, 0, 0, 0);
		} else if ((uint32_t)m.x[0] == FFA_MSG_SEND_DIRECT_REQ_32) {
			m = arch_smc(answer(&m));
		} else {
			printk("unexpected message 0x%lx\n", (unsigned long)m.x[0]);
			m = call(FFA_MSG_WAIT, 0, 0, 0);
		}
	}
}
