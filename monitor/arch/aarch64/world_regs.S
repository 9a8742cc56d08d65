/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A world's EL2 and EL1 system registers and SCR_EL3 to and from its struct
 * world_arch: world_regs_load() for its first entry, arch_world_switch() for
 * every switch (called as the last thing the C exit path does, so a tail call).
 */
#include <arch/asm.h>
#include <arch/regs.h>
#include <monitor/world_regs_macros.S>

	.text
FUNC(world_regs_load)
	world_regs_load_at x0
	ret
END(world_regs_load)

/* struct world *arch_world_switch(struct world *from, struct world *to): returns to. */
FUNC(arch_world_switch)
	add	x2, x0, #REGS_SIZE	/* struct world_arch follows the frame (monitor/world.h) */
	world_regs_save_at x2
	add	x2, x1, #REGS_SIZE
	world_regs_load_at x2
	mov	x0, x1
	ret
END(arch_world_switch)

/*
 * struct world *arch_world_switch_from_secure(struct world *from, struct world *to): the same,
 * for the secure world after the SPMC's boot, whose WORLD_EL2_BOOT_REGS no longer change (the
 * SPMC writes them only while it boots; docs/abi/smc.md): only its running registers are saved.
 */
FUNC(arch_world_switch_from_secure)
	add	x2, x0, #REGS_SIZE
	world_run_regs_save_at x2
	add	x2, x1, #REGS_SIZE
	world_regs_load_at x2
	mov	x0, x1
	ret
END(arch_world_switch_from_secure)
