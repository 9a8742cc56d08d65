/* SPDX-License-Identifier: BSD-3-Clause */
/* vcpu_el1_save()/vcpu_el1_load(): a vCPU's EL1 system registers, in pairs (for C). */
#include <arch/asm.h>
#include <hyp/vcpu_regs_macros.S>

	.text
FUNC(vcpu_el1_save)
	vcpu_el1_save_at x0
	ret
END(vcpu_el1_save)

FUNC(vcpu_el1_load)
	vcpu_el1_load_at x0
	ret
END(vcpu_el1_load)
