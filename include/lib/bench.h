/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The benchmark loop shared by the benchmark payloads (the guest, nsclient).
 * Under QEMU's -icount shift=0 every instruction advances virtual time by
 * 1 ns and the counter ticks at 62.5 MHz, so instructions = ticks x 16. An
 * operation is timed over many iterations, minus the same loop with an empty
 * body, and printed as "BENCH <name> <instructions>". An operation counts its
 * wrong results in bench_errors; any make the line "BENCH-ERROR".
 */
#ifndef LIB_BENCH_H
#define LIB_BENCH_H

#include <stdint.h>

#define BENCH_NS_PER_TICK 16 /* 1e9 / 62.5e6 */

extern unsigned bench_errors;

/* Instructions for `iterations` calls of op (with the loop). */
uint64_t bench_run(void (*op)(unsigned), unsigned iterations);
/* Measure op and print its average cost, without the loop's. */
void bench_report(const char *name, void (*op)(unsigned), unsigned iterations);

#endif
