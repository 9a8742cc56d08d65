// SPDX-License-Identifier: BSD-3-Clause
/*
 * Offsets of the C structures the SPMC fast path (spmc_fast.S) reads, turned
 * into a generated header by the Makefile (compiled to assembly, each
 * "->NAME value" line becomes a #define), so the assembly never hard-codes a
 * layout that C could change.
 */
#include <stddef.h>

#include "spmc.h"

#define DEFINE(sym, val) __asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets(void);

void asm_offsets(void)
{
	DEFINE(SPMC_CPU_PREFETCHED, offsetof(struct spmc_cpu, prefetched));
	DEFINE(SPMC_CPU_HAS_PREFETCHED, offsetof(struct spmc_cpu, has_prefetched));
	DEFINE(SPMC_CPU_RUNNING, offsetof(struct spmc_cpu, running));
	DEFINE(SP_ID, offsetof(struct sp, vm.id));
	DEFINE(SP_REGS, offsetof(struct sp, vm.vcpu.regs));
	DEFINE(SP_REQUESTER, offsetof(struct sp, requester));
	DEFINE(SP_REQUEST_KIND, offsetof(struct sp, request_kind));
	DEFINE(SP_ALLOWED_VMS, offsetof(struct sp, allowed_vms.by_low));
	DEFINE(SP_ACCEPTS_DIRECT, offsetof(struct sp, accepts_direct));
	DEFINE(SPMC_NO_REQUESTER_VALUE, SPMC_NO_REQUESTER);
	DEFINE(SPMC_CPU_LOADED_VCPU, offsetof(struct spmc_cpu, loaded_vcpu));
	DEFINE(SP_VCPU, offsetof(struct sp, vm.vcpu));
	DEFINE(SP_VCPU_ARCH, offsetof(struct sp, vm.vcpu.arch));
	DEFINE(SP_STATE, offsetof(struct sp, vm.vcpu.state));
	DEFINE(SP_VTTBR, offsetof(struct sp, vm.arch.vttbr));
	DEFINE(SP_VSTTBR, offsetof(struct sp, vm.arch.vsttbr));
	DEFINE(VCPU_STATE_WAITING, VCPU_WAITING);
	DEFINE(VCPU_STATE_RUNNING, VCPU_RUNNING);
	_Static_assert(sizeof(((struct sp *)0)->vm.vcpu.state) == 4, "spmc_fast.S: 32-bit state");
}
