// SPDX-License-Identifier: BSD-3-Clause
/*
 * nsclient: a bare normal-world client at NS-EL2, run in place of nshyp
 * (system field ns_el2_image). With no normal-world hypervisor in between,
 * its SMCs reach EL3 directly, so it is the system test of the monitor's own
 * answers to unknown function IDs, and it prices the second hypervisor: the
 * FF-A direct-request round trip measured here has no nshyp in its path.
 * Same method as test/payloads/guest/bench.c: under -icount shift=0 one instruction is one
 * ns and the counter ticks at 62.5 MHz, so instructions = ticks x 16, averaged
 * over 2000 iterations minus an empty loop. It also checks, from the one place
 * of the normal world that may use the PMU, that a request to a TEE cannot be
 * timed with the cycle counter (MDCR_EL3, docs/abi/smc.md). Ends with PSCI SYSTEM_OFF.
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <abi/smccc.h>
#include <arch/semihost.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/bench.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#define ITERATIONS 2000
#define SELF_ID	   1	  /* not stamped by anyone: VM 1 of the description, bound to TEE A */
#define TEE_A	   0x8001 /* FF-A ID of TEE A */

void nsclient_main(void);
void nsclient_exception(unsigned kind);

char nsclient_stack[PLAT_STACK_SIZE] __attribute__((aligned(16)));

void panic_exit(void)
{
	arch_semihost_exit(99);
}

void nsclient_exception(unsigned kind)
{
	panic("nsclient: exception %u at EL2: ESR_EL2=0x%lx ELR_EL2=0x%lx FAR_EL2=0x%lx", kind,
	      (unsigned long)read_sysreg(esr_el2), (unsigned long)read_sysreg(elr_el2),
	      (unsigned long)read_sysreg(far_el2));
}

static struct ffa_value smc2(uint64_t fid, uint64_t x1)
{
	struct ffa_value v = { { fid, x1 } };

	return arch_smc(v);
}

/* IDs no service at EL3 implements: the monitor must answer SMC_UNK (-1) to each. */
static const uint32_t unknown_ids[] = {
	0x82000000, /* SiP, fast, SMC32 */
	0xc3000042, /* OEM, fast, SMC64 */
	0x8400001f, /* PSCI range, unimplemented */
	0x85000000, /* standard hypervisor service */
	0x00000000, /* yielding arch call */
	0x81ff0000, /* fast call with bits 23:17 set (malformed) */
	0xb2000000, /* trusted-OS range, fast SMC32 */
	0x32000000, /* trusted-OS range, yielding SMC32 */
};

static void probe_el3(void)
{
	struct ffa_value r;

	for (unsigned i = 0; i < sizeof(unknown_ids) / sizeof(unknown_ids[0]); i++) {
		struct ffa_value v = { { unknown_ids[i], 0x1111, 0x2222, 0x3333 } };

		printk("EL3 unknown ID 0x%08x -> %ld\n", unknown_ids[i],
		       (long)(int64_t)arch_smc(v).x[0]);
	}
	printk("EL3 PSCI_VERSION -> 0x%lx\n", (unsigned long)smc2(PSCI_VERSION, 0).x[0]);
	printk("EL3 SMCCC_VERSION -> 0x%lx\n", (unsigned long)smc2(SMCCC_VERSION, 0).x[0]);
	printk("EL3 PSCI_FEATURES(SYSTEM_OFF) -> %ld\n",
	       (long)(int64_t)smc2(PSCI_FEATURES, PSCI_SYSTEM_OFF).x[0]);
	printk("EL3 FFA_VERSION -> 0x%lx\n",
	       (unsigned long)smc2(FFA_VERSION, FFA_VERSION_COMPILED).x[0]);
	r = smc2(FFA_ID_GET, 0);
	printk("FFA_ID_GET -> w0=0x%lx w2=0x%lx\n", (unsigned long)(uint32_t)r.x[0],
	       (unsigned long)(uint32_t)r.x[2]);
}

static struct ffa_value direct_req(unsigned n)
{
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(SELF_ID, TEE_A), 0,
				   n } };

	return arch_smc(req);
}

static void one_request(unsigned n)
{
	struct ffa_value resp = direct_req(n);

	if ((uint32_t)resp.x[0] == FFA_ERROR) {
		printk("direct request to TEE 0x%x refused: FFA_ERROR %d\n", TEE_A,
		       (int)(int32_t)resp.x[2]);
		return;
	}
	if (!ffa_is_direct_resp(resp.x[0])) {
		printk("direct request to TEE 0x%x: unexpected reply 0x%lx\n", TEE_A,
		       (unsigned long)resp.x[0]);
		return;
	}
	printk("direct request to TEE 0x%x: %u*%u = %lu, sender ID it saw: 0x%lx\n", TEE_A, n, n,
	       (unsigned long)resp.x[3], (unsigned long)resp.x[4]);
}

/*
 * The cycle counter, filtered to count only in the secure world (PMCCFILTR_EL0: NSK, NSU and M
 * set, NSH clear: not NS-EL1/EL0, not EL3, not EL2), across one direct request: what the normal
 * world could learn of the TEE's work. The monitor must keep it at 0 (MDCR_EL3.SCCD).
 */
static void secure_cycles(void)
{
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(SELF_ID, TEE_A), 0,
				   5 } };
	uint64_t before, after, pmcr;

	if (((read_sysreg(id_aa64dfr0_el1) >> 8) & 0xf) == 0) {
		printk("no PMU\n");
		return;
	}
	write_sysreg(pmccfiltr_el0, (1ull << 29) | (1ull << 28) | (1ull << 26));
	write_sysreg(pmcntenset_el0, 1ull << 31);
	pmcr = read_sysreg(pmcr_el0);
	write_sysreg(pmcr_el0, pmcr | 1); /* E */
	isb();
	before = read_sysreg(pmccntr_el0);
	/* Not direct_req(): a third caller would stop it being inlined into the benchmark. */
	arch_smc(req);
	isb();
	after = read_sysreg(pmccntr_el0);
	write_sysreg(pmcr_el0, pmcr);
	printk("PMU cycles counted in the secure world across a TEE request: %lu\n",
	       (unsigned long)(after - before));
}

static void op_psci_version(unsigned i)
{
	(void)i;
	if (smc2(PSCI_VERSION, 0).x[0] != PSCI_VERSION_1_1)
		bench_errors++;
}

static void op_direct(unsigned i)
{
	unsigned n = i + 4; /* w3 0..3 are OP-TEE FF-A calls (docs/tos.md) */
	struct ffa_value resp = direct_req(n);

	if (!ffa_is_direct_resp(resp.x[0]) || resp.x[3] != (uint64_t)n * n)
		bench_errors++;
}

void nsclient_main(void)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } };

	console_init(PLAT_UART_NS_BASE, "N nsclient");
	printk("nsclient running at EL%u (NS-EL2) without a normal-world hypervisor\n",
	       arch_current_el());
	probe_el3();
	one_request(7);
	bench_report("psci_version_el2", op_psci_version, ITERATIONS);
	bench_report("ffa_direct_rtt_no_nshyp", op_direct, ITERATIONS);
	secure_cycles(); /* after the benchmarks: they count without the PMU */
	printk("done; PSCI SYSTEM_OFF\n");
	arch_smc(off);
	panic("nsclient: SYSTEM_OFF returned");
}
