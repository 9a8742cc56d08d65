/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host "fake" architecture: the register frame of a lower level, so the
 * hypervisor core and roles build and run on the host for unit tests and
 * fuzzing. Same shape as the AArch64 frame (x0-x30, return address, status).
 */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#include <stdint.h>

#define EXIT_SYNC   0
#define EXIT_IRQ    1
#define EXIT_FIQ    2
#define EXIT_SERROR 3

struct arch_regs {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
	uint64_t pad;
};

/* Provided by the test harness: "runs" the lower level and returns an EXIT_* kind. */
unsigned arch_enter_lower(struct arch_regs *regs);

#endif /* ARCH_REGS_H */
