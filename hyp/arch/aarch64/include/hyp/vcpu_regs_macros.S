/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Save or load a vCPU's EL1 system registers (VCPU_EL1_REGS, the layout of
 * struct vcpu_arch) at [\base], in pairs. Used by vcpu_regs.S (for C) and
 * inline by the SPMC fast path's partition switch. Clobber x9 and x10.
 */
#include <arch/sysreg_pairs.S>
#include <hyp/arch_vm.h>

.macro vcpu_el1_save_at base
	sysreg_list_begin 0
#define SAVE(r) save_reg \base, r;
	VCPU_EL1_REGS(SAVE)
#undef SAVE
	save_list_end \base
.endm

.macro vcpu_el1_load_at base
	sysreg_list_begin 0
#define LOAD(r) load_reg \base, r;
	VCPU_EL1_REGS(LOAD)
#undef LOAD
	load_list_end \base
.endm
