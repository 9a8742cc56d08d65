/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Save or load a vCPU's EL1 system registers (VCPU_EL1_REGS, the layout of
 * struct vcpu_arch) at [\base], in pairs (vcpu_regs.S, for C). Clobber \t0
 * and \t1, never x9-x17 (the lower EL's, exceptions.S).
 */
#include <arch/sysreg_pairs.S>
#include <hyp/arch_vm.h>

.macro vcpu_el1_save_at base, t0, t1
	sysreg_list_begin 0
#define SAVE(r) save_reg \base, r, \t0, \t1;
	VCPU_EL1_REGS(SAVE)
#undef SAVE
	save_list_end \base, \t0
.endm

.macro vcpu_el1_load_at base, t0, t1
	sysreg_list_begin 0
#define LOAD(r) load_reg \base, r, \t0, \t1;
	VCPU_EL1_REGS(LOAD)
#undef LOAD
	load_list_end \base, \t0
.endm
