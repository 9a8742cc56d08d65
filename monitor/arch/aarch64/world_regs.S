/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A world's EL2 and EL1 system registers and SCR_EL3 to and from its struct
 * world_arch: world_regs_load() for its first entry, arch_world_switch() for the
 * switch at the end of the SPMC's boot, and arch_world_relay*() for every FF-A
 * relay (the last thing the C exit path does: they enter the other world).
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

/* struct world *arch_world_switch_from_secure(struct world *from, struct world *to): the booted
 * SPMC's world is left (FFA_NORMAL_WORLD_RESUME); only its running registers are saved. */
FUNC(arch_world_switch_from_secure)
	add	x2, x0, #REGS_SIZE
	world_run_regs_save_at x2
	add	x2, x1, #REGS_SIZE
	world_regs_load_at x2
	mov	x0, x1
	ret
END(arch_world_switch_from_secure)

/* void arch_world_relay(struct world *from, struct world *to) (<monitor/world.h>). */
FUNC(arch_world_relay)
	add	x2, x0, #REGS_SIZE
	world_regs_save_at x2
	add	x2, x1, #REGS_SIZE
	world_regs_load_at x2
	b	arch_world_enter_msg
END(arch_world_relay)

/* void arch_world_relay_from_secure(struct world *from, struct world *to): the booted SPMC's. */
FUNC(arch_world_relay_from_secure)
	add	x2, x0, #REGS_SIZE
	world_run_regs_save_at x2
	add	x2, x1, #REGS_SIZE
	world_regs_load_at x2
	b	arch_world_enter_msg
END(arch_world_relay_from_secure)
