// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp_test's benchmark hook (docs/performance.md, "The Linux path"): right before nshyp
 * first enters a Linux guest it prints "BENCH boot_to_linux <instructions>", the physical
 * counter since reset x 16 (under make bench's -icount shift=0 one instruction is 1 ns and
 * the counter ticks at 62.5 MHz). Linked into the test variant only; the product nshyp has
 * an empty inline hook (hyp/include/hyp/test_hooks.h).
 */
#include <arch/sysreg.h>
#include <config/system.h>
#include <hyp/test_hooks.h>
#include <lib/bench.h>
#include <lib/print.h>
#include <stdbool.h>

void hyp_test_guest_entry(const struct sys_vm *cfg)
{
	static bool linux_entered;
	uint64_t ticks;

	if (cfg->kind != SYS_VM_LINUX || linux_entered)
		return;
	isb();
	ticks = read_sysreg(cntpct_el0);
	linux_entered = true;
	printk("BENCH boot_to_linux %lu\n", (unsigned long)(ticks * BENCH_NS_PER_TICK));
}
