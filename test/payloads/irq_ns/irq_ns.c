// SPDX-License-Identifier: BSD-3-Clause
/*
 * irq_ns: the normal world of the secure-interrupt tests, a bare client at NS-EL2 run in place
 * of nshyp (system field ns_el2_image, like nsclient, whose entry it shares). It spins with
 * every register holding a known value while the partition's secure timer fires (each time an
 * FIQ to EL3, handled by the partition, docs/abi/smc.md "Interrupts"), and checks after each
 * round that its general registers and the EL2 registers an exception writes (ELR, SPSR, ESR,
 * FAR, HPFAR) and TPIDR_EL2 are as it left them; between rounds it asks the partition (a direct
 * request) how many interrupts it handled, until all of them or a bound of rounds. It also
 * checks the refusals: FFA_INTERRUPT and FFA_NORMAL_WORLD_RESUME are not the normal world's to
 * send, HYPCALL_INTERRUPT_GET is the SPMC's for partitions only, and FFA_FEATURES answers
 * NOT_SUPPORTED for the interrupt feature IDs. Where a second partition, not the timer's owner,
 * is there (secure_irq_probe), each round also asks it twice in a row to try the owner's timer
 * (IRQ_SP_CMD_PROBE: every access must be UNDEFINED, and the owner's interrupts keep coming).
 * Ends with PSCI SYSTEM_OFF.
 */
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <abi/psci.h>
#include <arch/semihost.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#include "../irq_sp/irq_sp.h"

#define SELF_ID	   1
#define SPIN	   100000u /* iterations of one round */
#define MAX_ROUNDS 2000u

void nsclient_main(void);
void nsclient_exception(unsigned kind);
uint64_t irq_ns_spin(uint64_t iterations);

char nsclient_stack[PLAT_STACK_SIZE] __attribute__((aligned(16)));

void panic_exit(void)
{
	arch_semihost_exit(99);
}

void nsclient_exception(unsigned kind)
{
	panic("irq_ns: exception %u at EL2: ESR_EL2=0x%lx ELR_EL2=0x%lx", kind,
	      (unsigned long)read_sysreg(esr_el2), (unsigned long)read_sysreg(elr_el2));
}

static struct ffa_value call(uint64_t fid, uint64_t x1)
{
	struct ffa_value v = { { fid, x1 } };

	return arch_smc(v);
}

static void refusals(void)
{
	struct ffa_value r = call(FFA_INTERRUPT, 0);

	printk("FFA_INTERRUPT from the normal world -> 0x%lx %d\n", (unsigned long)r.x[0],
	       (int)r.x[2]);
	r = call(FFA_NORMAL_WORLD_RESUME, 0);
	printk("FFA_NORMAL_WORLD_RESUME from the normal world -> 0x%lx %d\n", (unsigned long)r.x[0],
	       (int)r.x[2]);
	printk("HYPCALL_INTERRUPT_GET from the normal world -> %ld\n",
	       (long)call(HYPCALL_INTERRUPT_GET, 0).x[0]);
	printk("FFA_FEATURES NPI %d MEI %d SRI %d\n", (int)call(FFA_FEATURES, FFA_FEATURE_NPI).x[2],
	       (int)call(FFA_FEATURES, FFA_FEATURE_MEI).x[2],
	       (int)call(FFA_FEATURES, FFA_FEATURE_SRI).x[2]);
}

/* The EL2 registers a secure interrupt's trip must not change: a known value in each. */
#define EL2_VALUES(X)                                                                              \
	X(elr_el2, 0x40123450ull)                                                                  \
	X(spsr_el2, 0x3c5ull)                                                                      \
	X(esr_el2, 0x5a000007ull)                                                                  \
	X(far_el2, 0x1234567000ull) X(hpfar_el2, 0x765430ull) X(tpidr_el2, 0xfeedull)

static void el2_set(void)
{
#define SET(r, v) write_sysreg(r, v);
	EL2_VALUES(SET)
#undef SET
	isb();
}

static unsigned el2_changed(void)
{
	unsigned bad = 0;

#define CMP(r, v) bad += read_sysreg(r) != (v);
	EL2_VALUES(CMP)
#undef CMP
	return bad;
}

static struct ffa_value request(uint16_t to, uint32_t cmd)
{
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(SELF_ID, to), 0, cmd } };

	return arch_smc(req);
}

static struct ffa_value status(void)
{
	return request(IRQ_SP_ID, IRQ_SP_CMD_STATUS);
}

/* The probing partition's tries: [0] UNDEFINED, [1] made; false if there is no such partition. */
static unsigned probes[2];

static bool probe(void)
{
	struct ffa_value r = request(IRQ_SP_PROBE_ID, IRQ_SP_CMD_PROBE);

	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_32)
		return false;
	probes[0] += (unsigned)r.x[3];
	probes[1] += (unsigned)r.x[4];
	return true;
}

void nsclient_main(void)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } }, st = status();
	bool aborted = (uint32_t)st.x[0] == FFA_ERROR;
	unsigned rounds = 0, bad_regs = 0, bad_el2 = 0;
	/* Twice in a row: the second finds the prober still loaded, in a new entry to the secure
	 * world (where the SPMC's EL2 configuration is the one the monitor kept at its boot). */
	bool prober = !aborted && probe() && probe();

	console_init(PLAT_UART_NS_BASE, "N irq_ns  ");
	printk("spinning at NS-EL2 while the partition's secure timer fires%s\n",
	       aborted ? " (the partition aborted)" : "");
	refusals();
	el2_set();
	while (rounds < (aborted ? 20u : MAX_ROUNDS) && (aborted || st.x[3] < IRQ_SP_ROUNDS)) {
		bad_regs += (unsigned)irq_ns_spin(SPIN);
		bad_el2 += el2_changed();
		rounds++;
		if (!aborted)
			st = status();
		if (prober)
			prober = probe() && probe();
		el2_set(); /* the request's own trip to EL2 and back is not under test */
	}
	printk("%u rounds; registers changed: %u general, %u EL2\n", rounds, bad_regs, bad_el2);
	if (!aborted)
		printk("partition: %lu interrupts handled, %lu wrong, first HYPCALL_INTERRUPT_GET "
		       "%lu, %lu read in requests\n",
		       (unsigned long)st.x[3], (unsigned long)st.x[4], (unsigned long)st.x[5],
		       (unsigned long)st.x[6]);
	if (probes[1])
		printk("probing partition: %u of %u CNTP accesses UNDEFINED\n", probes[0],
		       probes[1]);
	printk("done; PSCI SYSTEM_OFF\n");
	arch_smc(off);
	panic("irq_ns: SYSTEM_OFF returned");
}
