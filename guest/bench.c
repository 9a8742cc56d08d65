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
#include <lib/bench.h>
#include <lib/print.h>
#include <stdbool.h>

#include "guest.h"

static ffa_id_t self_id;

static void op_psci_version(unsigned i)
{
	struct ffa_value v = { { PSCI_VERSION } };

	(void)i;
	if (arch_hvc(v).x[0] != PSCI_VERSION_1_1)
		bench_errors++;
}

/* A call nshyp handles in C (the generic trap path), for comparison with PSCI_VERSION. */
static void op_psci_features(unsigned i)
{
	struct ffa_value v = { { PSCI_FEATURES, PSCI_VERSION } };

	(void)i;
	if (arch_hvc(v).x[0] != 0)
		bench_errors++;
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
		bench_errors++;
}

static ffa_id_t last_tee;

static void op_direct_same(unsigned i)
{
	direct_req(0x8001, i + 4); /* w3 < 4 would be an OP-TEE call */
}

static void op_direct_alternating(unsigned i)
{
	direct_req((i & 1) ? 0x8002 : 0x8001, i + 4);
}

static void op_direct_last(unsigned i)
{
	direct_req(last_tee, i + 4);
}

/** `tees`: how many TEEs the system has (IDs 0x8001..); 0 = run only the trace loop. */
void guest_bench(ffa_id_t self, uint64_t arg, uint64_t boot_ticks)
{
	unsigned tees = (unsigned)(arg >> 8) & 0xff;
	unsigned trace_iterations = (unsigned)(arg >> 16) & 0x7fff;
	bool trace_alternating = (arg >> 31) & 1;

	self_id = self;
	printk("BENCH boot_to_guest %lu\n", (unsigned long)(boot_ticks * BENCH_NS_PER_TICK));
	if (trace_iterations) {
		/* For the per-component breakdown: exactly this many round trips. */
		bench_run(trace_alternating ? op_direct_alternating : op_direct_same,
			  trace_iterations);
		return;
	}
	bench_report("psci_version", op_psci_version, 2000);
	bench_report("psci_features_c_path", op_psci_features, 2000);
	bench_report("ffa_direct_rtt", op_direct_same, 2000);
	if (tees >= 2)
		bench_report("ffa_direct_rtt_alternating", op_direct_alternating, 2000);
	if (tees > 2) {
		last_tee = (ffa_id_t)(0x8000 + tees);
		bench_report("ffa_direct_rtt_last_of_n", op_direct_last, 2000);
	}
}
