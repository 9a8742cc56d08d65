/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vcpu_el1_save()/vcpu_el1_load(): a vCPU's EL1 system registers, in pairs (for C);
 * vcpu_pac_save()/vcpu_pac_load(): its pointer-authentication keys (nshyp only).
 * Scratch: x1 and x2 (x9-x17 are the lower EL's, exceptions.S).
 */
#include <arch/asm.h>
#include <hyp/vcpu_regs_macros.S>

	.text
FUNC(vcpu_el1_save)
	vcpu_el1_save_at x0, x1, x2
	ret
END(vcpu_el1_save)

FUNC(vcpu_el1_load)
	vcpu_el1_load_at x0, x1, x2
	ret
END(vcpu_el1_load)

/* The PAC keys live in EL1 registers that EL2 shares (nshyp is built without PAC). */
FUNC(vcpu_pac_save)
	sysreg_list_begin 0
#define SAVE(r) save_reg x0, r, x1, x2;
	VCPU_PAC_KEYS(SAVE)
#undef SAVE
	save_list_end x0, x1
	ret
END(vcpu_pac_save)

FUNC(vcpu_pac_load)
	sysreg_list_begin 0
#define LOAD(r) load_reg x0, r, x1, x2;
	VCPU_PAC_KEYS(LOAD)
#undef LOAD
	load_list_end x0, x1
	ret
END(vcpu_pac_load)
