// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark scenario of the test guest (used by `make bench`). Under QEMU's
 * -icount shift=0 every instruction advances virtual time by 1 ns and the
 * counter ticks at 62.5 MHz, so instructions = counter ticks x 16. Each
 * operation is averaged over many iterations, minus the same loop with an
 * empty body. Results are printed as "BENCH <name> <instructions>".
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/psci.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/bench.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <plat/plat_def.h>
#include <stdbool.h>

#include <ta_test.h>
#include <tee_client_api.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"

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

/* Memory sharing: 256 pages (1 MiB) of this guest's memory, and its RX/TX pair. */
static uint8_t share_area[256][4096] __attribute__((aligned(4096)));
static uint8_t bench_tx[4096] __attribute__((aligned(4096)));
static uint8_t bench_rx[4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bench_bufs = { bench_tx, bench_rx, sizeof(bench_tx) };
static uint32_t share_pages;

/* FFA_MEM_SHARE of `share_pages` pages with TEE A, then FFA_MEM_RECLAIM. */
static void op_share_reclaim(unsigned i)
{
	struct ffa_mem_grant g = { 0x8001, FFA_MEM_DATA_RW };
	struct ffa_mem_range r = { (uintptr_t)share_area, share_pages };
	uint64_t h;

	(void)i;
	if (ffa_mem_send(FFA_MEM_SHARE_32, &bench_bufs, self_id, &g, 1, &r, 1,
			 FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &h) ||
	    ffa_mem_reclaim(h, 0))
		bench_errors++;
}

/* The whole cycle: share, the TEE retrieves and relinquishes it, reclaim. */
static void op_share_cycle(unsigned i)
{
	struct ffa_mem_grant g = { 0x8001, FFA_MEM_DATA_RW };
	struct ffa_mem_range r = { (uintptr_t)share_area, share_pages };
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self_id, 0x8001), 0 } };
	uint64_t h;

	(void)i;
	if (ffa_mem_send(FFA_MEM_SHARE_32, &bench_bufs, self_id, &g, 1, &r, 1,
			 FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &h)) {
		bench_errors++;
		return;
	}
	req.x[3] = h;
	req.x[4] = TOS_CMD_MEM | TOS_MEM_CYCLE << 8;
	req = arch_hvc(req);
	if (req.x[0] != FFA_MSG_SEND_DIRECT_RESP_32 || req.x[6] != 0 || ffa_mem_reclaim(h, 0))
		bench_errors++;
}

static void bench_memory_sharing(void)
{
	if (ffa_rxtx_map(&bench_bufs)) {
		bench_errors++;
		return;
	}
	share_pages = 1;
	bench_report("mem_share_reclaim_1p", op_share_reclaim, 200);
	bench_report("mem_share_1p", op_share_cycle, 200);
	share_pages = 256;
	bench_report("mem_share_256p", op_share_cycle, 50);
	/* An endpoint has one RX/TX pair: give it up for libteec's (bench_teec). */
	if ((uint32_t)arch_hvc((struct ffa_value){ { FFA_RXTX_UNMAP } }).x[0] != FFA_SUCCESS_32)
		bench_errors++;
}

/* The GP Client API through libteec, to the test TA in TEE "T1" (bench_tees2). */
static TEEC_Context teec_ctx;
static TEEC_Session teec_session;
static TEEC_SharedMemory teec_shm;

/* With teec_session open the TA instance stays alive (warm); without it, each open creates
 * the instance and each close destroys it (cold: the test TA has no keep-alive). */
static void op_teec_open_close(unsigned i)
{
	const TEEC_UUID uuid = TA_TEST_UUID;
	TEEC_Session s;

	(void)i;
	if (TEEC_OpenSession(&teec_ctx, &s, &uuid, TEEC_LOGIN_PUBLIC, 0, 0, 0) != TEEC_SUCCESS) {
		bench_errors++;
		return;
	}
	TEEC_CloseSession(&s);
}

/* The smallest useful call: one value in and out (the TA adds 1). */
static void op_teec_invoke_value(unsigned i)
{
	TEEC_Operation op = { 0 };

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = i;
	if (TEEC_InvokeCommand(&teec_session, TA_TEST_CMD_INC_VALUE, &op, 0) != TEEC_SUCCESS ||
	    op.params[0].value.a != i + 1)
		bench_errors++;
}

/* teec_shm (registered, in and out) whole to the TA, which adds 1 to its first word. */
static void op_teec_invoke_memref(unsigned i)
{
	TEEC_Operation op = { 0 };
	volatile uint32_t *word = teec_shm.buffer;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &teec_shm;
	*word = i;
	if (TEEC_InvokeCommand(&teec_session, TA_TEST_CMD_TOUCH_MEMREF, &op, 0) != TEEC_SUCCESS ||
	    *word != i + 1 || op.params[0].memref.size != teec_shm.size)
		bench_errors++;
}

/* Register `bytes` of share_area (in and out) as teec_shm. */
static bool teec_register(uint32_t bytes)
{
	teec_shm = (TEEC_SharedMemory){ .buffer = share_area,
					.size = bytes,
					.flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	if (TEEC_RegisterSharedMemory(&teec_ctx, &teec_shm) == TEEC_SUCCESS)
		return true;
	printk("BENCH-ERROR cannot register %u bytes\n", bytes);
	return false;
}

typedef void (*bench_op_fn)(unsigned);

static const bench_op_fn teec_ops[] = {
	[BENCH_OP_TEEC_INVOKE_VALUE] = op_teec_invoke_value,
	[BENCH_OP_TEEC_OPEN_CLOSE] = op_teec_open_close,
	[BENCH_OP_TEEC_OPEN_CLOSE_COLD] = op_teec_open_close,
	[BENCH_OP_TEEC_MEMREF_4K] = op_teec_invoke_memref,
	[BENCH_OP_TEEC_MEMREF_64K] = op_teec_invoke_memref,
	[BENCH_OP_TEEC_MEMREF_4K_COPY] = op_teec_invoke_memref,
	[BENCH_OP_TEEC_MEMREF_64K_COPY] = op_teec_invoke_memref,
};

/* The registered memref's bytes for a memref op, 0 for the others. */
static uint32_t memref_bytes(unsigned op)
{
	if (op == BENCH_OP_TEEC_MEMREF_4K || op == BENCH_OP_TEEC_MEMREF_4K_COPY)
		return 4096;
	if (op == BENCH_OP_TEEC_MEMREF_64K || op == BENCH_OP_TEEC_MEMREF_64K_COPY)
		return 65536;
	return 0;
}

/*
 * Set up for `op` (a context on TEE `tee`; a session unless cold; a registered memref). The
 * memref ops without _COPY call the test TA built with TA_FLAG_MAP_MEMREFS (ta/test_map).
 */
static bool teec_begin(unsigned op, const char *tee)
{
	const TEEC_UUID test = TA_TEST_UUID, mapped = TA_TEST_MAP_UUID;
	bool map = op == BENCH_OP_TEEC_MEMREF_4K || op == BENCH_OP_TEEC_MEMREF_64K;
	const TEEC_UUID *uuid = map ? &mapped : &test;

	if (TEEC_InitializeContext(tee, &teec_ctx) != TEEC_SUCCESS ||
	    TEEC_OpenSession(&teec_ctx, &teec_session, uuid, TEEC_LOGIN_PUBLIC, 0, 0, 0) !=
		TEEC_SUCCESS) {
		printk("BENCH-ERROR no test TA in TEE \"%s\"\n", tee);
		return false;
	}
	if (op == BENCH_OP_TEEC_OPEN_CLOSE_COLD)
		TEEC_CloseSession(&teec_session);
	if (memref_bytes(op))
		return teec_register(memref_bytes(op));
	return true;
}

static void teec_end(unsigned op)
{
	if (memref_bytes(op))
		TEEC_ReleaseSharedMemory(&teec_shm);
	if (op != BENCH_OP_TEEC_OPEN_CLOSE_COLD)
		TEEC_CloseSession(&teec_session);
	TEEC_FinalizeContext(&teec_ctx);
}

static void bench_teec(void)
{
	static const struct {
		const char *name;
		unsigned op, iterations;
	} runs[] = {
		{ "teec_invoke_value", BENCH_OP_TEEC_INVOKE_VALUE, 200 },
		{ "teec_open_close", BENCH_OP_TEEC_OPEN_CLOSE, 100 },
		{ "teec_open_close_cold", BENCH_OP_TEEC_OPEN_CLOSE_COLD, 50 },
		{ "teec_invoke_memref_4k", BENCH_OP_TEEC_MEMREF_4K, 100 },
		{ "teec_invoke_memref_64k", BENCH_OP_TEEC_MEMREF_64K, 20 },
		{ "teec_invoke_memref_4k_copy", BENCH_OP_TEEC_MEMREF_4K_COPY, 100 },
		{ "teec_invoke_memref_64k_copy", BENCH_OP_TEEC_MEMREF_64K_COPY, 20 },
	};

	for (unsigned i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		if (!teec_begin(runs[i].op, "T1"))
			return;
		bench_report(runs[i].name, teec_ops[runs[i].op], runs[i].iterations);
		teec_end(runs[i].op);
	}
}

/* bench_trace with another operation: exactly `iterations` of it, set up outside the count. */
static void trace_op(unsigned op, unsigned iterations)
{
	if (op == BENCH_OP_PSCI_FEATURES) {
		bench_run(op_psci_features, iterations);
		return;
	}
	if (op >= sizeof(teec_ops) / sizeof(teec_ops[0]) || !teec_ops[op] || !teec_begin(op, "A")) {
		printk("BENCH-ERROR trace operation %u\n", op);
		return;
	}
	bench_run(teec_ops[op], iterations);
	teec_end(op);
}

/* bench_irq.S */
extern char bench_irq_vectors[], bench_preempt_vectors[];
void bench_irq_wait(volatile uint64_t *tick);
void bench_preempt_call(struct ffa_value *v, volatile uint64_t *tick);

#define GICD_CTLR_GRP1	   0x2u
#define GICR_SGI	   (PLAT_GICR_BASE + 0x10000)
#define GICR_ISENABLER0	   0x0100
#define GICR_IPRIORITYR0   0x0400
#define INTID_VTIMER	   27
#define VTIMER_LEAD_TICKS  200 /* the wait loop is spinning long before the timer fires */
#define VTIMER_ITERATIONS  200
#define PREEMPT_LEAD_TICKS 1000 /* 16,000 instructions: the request is in the partition's loop */
#define PREEMPT_SPIN	   TOS_SPIN_ARG(64 * TOS_SPIN_UNIT, 0) /* ~1 M instructions */
#define PREEMPT_ITERATIONS 50

/* Single stores: a stage-2 abort nshyp's vGIC decodes from its syndrome. */
static void mmio_write32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

/* A latency average in instructions, and the wrong results of its loop (bench_errors). */
static void report_latency(const char *name, uint64_t total_ticks, unsigned count)
{
	printk("BENCH %s %lu\n", name,
	       (unsigned long)(count ? total_ticks * BENCH_NS_PER_TICK / count : 0));
	if (bench_errors)
		printk("BENCH-ERROR %s: %u wrong results\n", name, bench_errors);
	bench_errors = 0;
}

/*
 * The guest's virtual timer (PPI 27) to the first instruction of its IRQ handler while it runs:
 * CNTV_CVAL is when the timer fires, the handler's first instruction reads the counter. Under
 * -icount shift=0 that difference in ticks x 16 is the instructions in between (nshyp takes
 * the physical PPI at EL2, injects it into a list register with the HW bit, the guest takes
 * the virtual IRQ), averaged over the iterations.
 */
static void bench_vtimer_irq(void)
{
	static volatile uint64_t tick;
	uint64_t vbar = read_sysreg(vbar_el1), total = 0;

	bench_errors = 0;
	mmio_write32(PLAT_GICD_BASE, GICD_CTLR_GRP1);
	mmio_write32(GICR_SGI + GICR_IPRIORITYR0 + 24, 0x80u << 24); /* PPI 27: 0x80 */
	mmio_write32(GICR_SGI + GICR_ISENABLER0, 1u << INTID_VTIMER);
	write_sysreg(icc_pmr_el1, 0xff);
	write_sysreg(icc_igrpen1_el1, 1);
	write_sysreg(vbar_el1, (uint64_t)(uintptr_t)bench_irq_vectors);
	isb();
	for (unsigned i = 0; i < VTIMER_ITERATIONS; i++) {
		uint64_t cval = read_sysreg(cntvct_el0) + VTIMER_LEAD_TICKS;

		tick = 0;
		write_sysreg(cntv_cval_el0, cval);
		write_sysreg(cntv_ctl_el0, 1);
		isb();
		bench_irq_wait(&tick);
		if (tick < cval)
			bench_errors++;
		total += tick - cval;
	}
	write_sysreg(vbar_el1, vbar);
	isb();
	report_latency("vtimer_irq_to_handler", total, VTIMER_ITERATIONS);
}

/* FFA_RUN of `tee` until its answer; false if something else than an answer or a preemption. */
static bool bench_finish_request(ffa_id_t tee, struct ffa_value *r)
{
	while ((uint32_t)r->x[0] == FFA_INTERRUPT) {
		struct ffa_value run = { { FFA_RUN, (uint64_t)tee << 16 } };

		*r = arch_hvc(run);
	}
	return ffa_is_direct_resp(r->x[0]);
}

/*
 * The preemption path: the guest's virtual timer fires while TEE A computes for the guest's
 * request (TOS_CMD_SPIN) -> the SPMC preempts the partition and answers FFA_INTERRUPT through
 * EL3 -> nshyp takes the physical PPI 27 (list register, HW bit) and hands the guest
 * FFA_INTERRUPT -> the guest's IRQ vector, taken as its call instruction returns. From
 * CNTV_CVAL to the handler's first instruction; then the guest resumes the request (FFA_RUN).
 * Setup requires vtimer's vGIC configuration (bench_vtimer_irq() ran before).
 */
static void bench_preempt_irq(void)
{
	static volatile uint64_t tick;
	uint64_t vbar = read_sysreg(vbar_el1), total = 0;
	unsigned counted = 0;

	bench_errors = 0;
	write_sysreg(vbar_el1, (uint64_t)(uintptr_t)bench_preempt_vectors);
	isb();
	for (unsigned i = 0; i < PREEMPT_ITERATIONS; i++) {
		/* w3: a seed, not an OP-TEE function (those are small numbers) */
		struct ffa_value r = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self_id, 0x8001),
					 0, 0x5eed0000u + i, PREEMPT_SPIN } };
		uint64_t cval = read_sysreg(cntvct_el0) + PREEMPT_LEAD_TICKS;

		tick = 0;
		write_sysreg(cntv_cval_el0, cval);
		write_sysreg(cntv_ctl_el0, 1);
		isb();
		bench_preempt_call(&r, &tick);
		/* Preempted (FFA_INTERRUPT) and the handler ran, or the measurement is void. */
		if ((uint32_t)r.x[0] != FFA_INTERRUPT || tick < cval)
			bench_errors++;
		else
			total += tick - cval, counted++;
		if (!bench_finish_request(0x8001, &r))
			bench_errors++;
		write_sysreg(cntv_ctl_el0, 0);
		isb();
	}
	write_sysreg(vbar_el1, vbar);
	isb();
	report_latency("ns_irq_preempting_sp", total, counted);
}

/** `tees`: how many TEEs the system has (IDs 0x8001..); 0 = run only the trace loop. */
void guest_bench(ffa_id_t self, uint64_t arg, uint64_t boot_ticks)
{
	unsigned tees = (unsigned)(arg >> 8) & 0xff;
	unsigned trace_iterations = (unsigned)(arg >> 16) & 0x7fff;
	bool trace_alternating = (arg >> 31) & 1;

	self_id = self;
	printk("BENCH boot_to_guest %lu\n", (unsigned long)(boot_ticks * BENCH_NS_PER_TICK));
	if (arg & BENCH_ATTEST) {
		guest_bench_attest(); /* bench_attest.c */
		return;
	}
	if (trace_iterations && BENCH_ARG_TRACE_OP(arg)) {
		trace_op(BENCH_ARG_TRACE_OP(arg), trace_iterations);
		return;
	}
	if (trace_iterations) {
		/* For the per-component breakdown: exactly this many round trips. */
		bench_run(trace_alternating ? op_direct_alternating : op_direct_same,
			  trace_iterations);
		return;
	}
	bench_report("psci_version", op_psci_version, 2000);
	bench_report("psci_features_c_path", op_psci_features, 2000);
	bench_vtimer_irq();
	if (tees)
		bench_preempt_irq();
	bench_report("ffa_direct_rtt", op_direct_same, 2000);
	if (tees >= 2)
		bench_report("ffa_direct_rtt_alternating", op_direct_alternating, 2000);
	if (tees > 2) {
		last_tee = (ffa_id_t)(0x8000 + tees);
		bench_report("ffa_direct_rtt_last_of_n", op_direct_last, 2000);
	}
	if (tees)
		bench_memory_sharing();
	if (tees == 2)
		bench_teec();
}
