// SPDX-License-Identifier: BSD-3-Clause
/* The benchmark loop shared by the benchmark payloads (see <lib/bench.h>). */
#include <lib/bench.h>
#include <lib/print.h>
#include <port/cpu.h>

unsigned bench_errors;

static void op_nothing(unsigned i)
{
	(void)i;
	__asm__ volatile("nop");
}

uint64_t bench_run(void (*op)(unsigned), unsigned iterations)
{
	uint64_t t0 = port_counter();

	for (unsigned i = 0; i < iterations; i++)
		op(i);
	return (port_counter() - t0) * BENCH_NS_PER_TICK;
}

void bench_report(const char *name, void (*op)(unsigned), unsigned iterations)
{
	uint64_t base = bench_run(op_nothing, iterations);
	uint64_t total;

	bench_run(op, iterations); /* warm-up: first-use costs are not the operation's */
	bench_errors = 0;
	total = bench_run(op, iterations);
	printk("BENCH %s %lu\n", name, (unsigned long)((total - base) / iterations));
	if (bench_errors)
		printk("BENCH-ERROR %s: %u wrong results\n", name, bench_errors);
}
