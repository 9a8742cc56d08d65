// SPDX-License-Identifier: BSD-3-Clause
/*
 * Offsets of the C structures nshyp's fast path (nshyp_fast.S) reads,
 * turned into a generated header by the Makefile (see the SPMC's twin).
 */
#include <stddef.h>

#include "nshyp.h"

#define DEFINE(sym, val) __asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(NSHYP_CPU_RUNNING, offsetof(struct nshyp_cpu, running));
	DEFINE(GUEST_ID, offsetof(struct guest, vm.id));
	DEFINE(GUEST_ALLOWED_SPS, offsetof(struct guest, allowed_sps.by_low));
	DEFINE(GUEST_YIELDED_SP, offsetof(struct guest, yielded_sp));
	DEFINE(IDSET_BY_LOW, offsetof(struct idset, by_low));
}
