// SPDX-License-Identifier: BSD-3-Clause
/*
 * EL1 leak probe (GUEST_LEAK_PROBE, issue 10 item 2): two guests run one after
 * the other on the same CPU. The writer (bit 8 clear) fills EL1 registers that
 * nshyp must either switch or keep from it (the PAC keys; a breakpoint and a
 * watchpoint value; PMU selection, filter, enables), reads them back, times a
 * request to a TEE with a cycle counter that counts only in the secure world,
 * and powers off. The reader (bit 8 set) prints what it finds in the same
 * registers: its own PAC keys (zero for a fresh vCPU), never the writer's
 * values. Last it reads LORID_EL1, which nshyp keeps from VMs: the defined
 * answer is an UNDEFINED exception at EL1, which our vector reports (panic).
 */
#include <abi/ffa.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>

#include "../../../guest/guest.h"

#define KEY_PATTERN(n) (0xa11ce5ec00000000ull | (n))
#define BVR_PATTERN    0x0000123456789ab0ull
#define WVR_PATTERN    0x0000fedcba987650ull
#define PMSEL_PATTERN  0x1bull
#define PMUSER_PATTERN 0xdull /* PMUSERENR_EL0: EN, CR, ER */
/* PMCCFILTR_EL0 NSK, NSU, M set, NSH clear: count neither at NS-EL1/EL0, nor EL2, nor EL3. */
#define PMCCFILTR_SECURE_ONLY ((1ull << 29) | (1ull << 28) | (1ull << 26))
#define PMCR_E		      1ull
#define PMCNTEN_CYCLES	      (1ull << 31)

/* Every register this probe looks at, in print order. */
struct leak_regs {
	uint64_t apia_lo, apia_hi, apdb_lo, apga_hi, dbgbvr0, dbgwvr0;
	uint64_t pmselr, pmccfiltr, pmcnten, pmuserenr;
};

static void read_regs(struct leak_regs *r)
{
	r->apia_lo = read_sysreg(S3_0_C2_C1_0); /* APIAKeyLo_EL1 */
	r->apia_hi = read_sysreg(S3_0_C2_C1_1);
	r->apdb_lo = read_sysreg(S3_0_C2_C2_2); /* APDBKeyLo_EL1 */
	r->apga_hi = read_sysreg(S3_0_C2_C3_1); /* APGAKeyHi_EL1 */
	r->dbgbvr0 = read_sysreg(dbgbvr0_el1);
	r->dbgwvr0 = read_sysreg(dbgwvr0_el1);
	r->pmselr = read_sysreg(pmselr_el0);
	r->pmccfiltr = read_sysreg(pmccfiltr_el0);
	r->pmcnten = read_sysreg(pmcntenset_el0);
	r->pmuserenr = read_sysreg(pmuserenr_el0);
}

static void print_regs(const char *who, const struct leak_regs *r)
{
	printk("LEAK %s keys 0x%lx 0x%lx 0x%lx 0x%lx dbg 0x%lx 0x%lx pmu 0x%lx 0x%lx 0x%lx 0x%lx\n",
	       who, (unsigned long)r->apia_lo, (unsigned long)r->apia_hi, (unsigned long)r->apdb_lo,
	       (unsigned long)r->apga_hi, (unsigned long)r->dbgbvr0, (unsigned long)r->dbgwvr0,
	       (unsigned long)r->pmselr, (unsigned long)r->pmccfiltr, (unsigned long)r->pmcnten,
	       (unsigned long)r->pmuserenr);
}

static void write_regs(void)
{
	write_sysreg(S3_0_C2_C1_0, KEY_PATTERN(0));
	write_sysreg(S3_0_C2_C1_1, KEY_PATTERN(1));
	write_sysreg(S3_0_C2_C2_2, KEY_PATTERN(6));
	write_sysreg(S3_0_C2_C3_1, KEY_PATTERN(9));
	write_sysreg(dbgbvr0_el1, BVR_PATTERN);
	write_sysreg(dbgwvr0_el1, WVR_PATTERN);
	write_sysreg(pmselr_el0, PMSEL_PATTERN);
	write_sysreg(pmccfiltr_el0, PMCCFILTR_SECURE_ONLY);
	write_sysreg(pmcntenset_el0, PMCNTEN_CYCLES);
	write_sysreg(pmuserenr_el0, PMUSER_PATTERN);
	write_sysreg(pmcr_el0, PMCR_E);
	isb();
}

/* Cycles the counter saw, counting only in the secure world, across one request to a TEE. */
static uint64_t secure_cycles_of_request(ffa_id_t self, ffa_id_t tee)
{
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, tee), 0, 5 } };
	uint64_t before, after;

	isb();
	before = read_sysreg(pmccntr_el0);
	arch_hvc(req);
	isb();
	after = read_sysreg(pmccntr_el0);
	return after - before;
}

void guest_leak_probe(ffa_id_t self, unsigned reader)
{
	struct leak_regs r;

	if (!reader) {
		write_regs();
		read_regs(&r);
		print_regs("writer", &r);
		printk("LEAK writer secure cycles across a TEE request: %lu\n",
		       (unsigned long)secure_cycles_of_request(self, 0x8001));
		return;
	}
	read_regs(&r);
	print_regs("reader", &r);
	printk("LEAK reader sees writer values: %s\n",
	       (r.apia_lo == KEY_PATTERN(0) || r.apga_hi == KEY_PATTERN(9) ||
		r.dbgbvr0 == BVR_PATTERN || r.dbgwvr0 == WVR_PATTERN || r.pmselr == PMSEL_PATTERN ||
		r.pmccfiltr == PMCCFILTR_SECURE_ONLY)
		   ? "yes"
		   : "no");
	printk("LEAK reader LORID_EL1 = 0x%lx\n", (unsigned long)read_sysreg(S3_0_C10_C4_7));
}
