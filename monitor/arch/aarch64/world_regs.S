/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * world_regs_save()/world_regs_load(): a world's EL2 and EL1 system registers
 * to and from its struct world_arch, for the monitor's C code (the relay fast
 * path uses the same macros inline).
 */
#include <arch/asm.h>
#include <monitor/world_regs_macros.S>

	.text
FUNC(world_regs_save)
	world_regs_save_at x0
	ret
END(world_regs_save)

FUNC(world_regs_load)
	world_regs_load_at x0
	ret
END(world_regs_load)
