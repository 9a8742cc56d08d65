// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark scenario of the test guest (used by `make bench`). Under QEMU's
 * -icount shift=0 every instruction advances virtual time by 1 ns and the
 * counter ticks at 62.5 MHz, so instructions = counter ticks x 16. Each
 * operation is averaged over many iterations, minus the same loop with an
 * empty body. Results are printed as "BENCH <name> <instructions>".
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <stdbool.h>

#include "guest.h"

#define NS_PER_TICK 16 /* 1e9 / 62.5e6; one instruction per ns under -icount shift=0 */

static ffa_id_t self_id;
static unsigned errors;

static uint64_t counter(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static void op_nothing(unsigned i)
{
	(void)i;
	__asm__ volatile("nop");
}

static void op_psci_version(unsigned i)
{
	struct ffa_value v = { { PSCI_VERSION } };

	(void)i;
	if (arch_hvc(v).x[0] != PSCI_VERSION_1_1)
		errors++;
}

/* A call nshyp handles in C (the generic trap path), for comparison with PSCI_VERSION. */
static void op_psci_features(unsigned i)
{
	struct ffa_value v = { { PSCI_FEATURES, PSCI_VERSION } };

	(void)i;
	if (arch_hvc(v).x[0] != 0)
		errors++;
}

/*
 * One direct request with only the registers it needs (w4 = 0: no test command), as a
 * lean client would make it; the stack preserves x8-x30 (test/sys/test_state.py).
 */
static inline __attribute__((always_inline)) void direct_req(ffa_id_t tee, unsigned n)
{
	register uint64_t x0 __asm__("x0") = FFA_MSG_SEND_DIRECT_REQ_32;
	register uint64_t x1 __asm__("x1") = ffa_msg_ids(self_id, tee);
	register uint64_t x2 __asm__("x2") = 0;
	register uint64_t x3 __asm__("x3") = n;
	register uint64_t x4 __asm__("x4") = 0;

	__asm__ volatile("hvc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
			 :
			 : "x5", "x6", "x7", "memory");
	if ((uint32_t)x0 != FFA_MSG_SEND_DIRECT_RESP_32 || x3 != (uint64_t)n * n)
		errors++;
}

static ffa_id_t last_tee;

static void op_direct_same(unsigned i)
{
	direct_req(0x8001, i);
}

static void op_direct_alternating(unsigned i)
{
	direct_req((i & 1) ? 0x8002 : 0x8001, i);
}

static void op_direct_last(unsigned i)
{
	direct_req(last_tee, i);
}

static uint64_t run(void (*op)(unsigned), unsigned iterations)
{
	uint64_t t0 = counter();

	for (unsigned i = 0; i < iterations; i++)
		op(i);
	return (counter() - t0) * NS_PER_TICK;
}

static void report(const char *name, void (*op)(unsigned), unsigned iterations)
{
	uint64_t base = run(op_nothing, iterations);
	uint64_t total = run(op, iterations);

	errors = 0;
	total = run(op, iterations);
	printk("BENCH %s %lu\n", name, (unsigned long)((total - base) / iterations));
	if (errors)
		printk("BENCH-ERROR %s: %u wrong results\n", name, errors);
}

/** `tees`: how many TEEs the system has (IDs 0x8001..); 0 = run only the trace loop. */
void guest_bench(ffa_id_t self, uint64_t arg, uint64_t boot_ticks)
{
	unsigned tees = (unsigned)(arg >> 8) & 0xff;
	unsigned trace_iterations = (unsigned)(arg >> 16) & 0x7fff;
	bool trace_alternating = (arg >> 31) & 1;

	self_id = self;
	printk("BENCH boot_to_guest %lu\n", (unsigned long)(boot_ticks * NS_PER_TICK));
	if (trace_iterations) {
		/* For the per-component breakdown: exactly this many round trips. */
		run(trace_alternating ? op_direct_alternating : op_direct_same, trace_iterations);
		return;
	}
	report("psci_version", op_psci_version, 2000);
	report("psci_features_c_path", op_psci_features, 2000);
	report("ffa_direct_rtt", op_direct_same, 2000);
	if (tees >= 2)
		report("ffa_direct_rtt_alternating", op_direct_alternating, 2000);
	if (tees > 2) {
		last_tee = (ffa_id_t)(0x8000 + tees);
		report("ffa_direct_rtt_last_of_n", op_direct_last, 2000);
	}
}
