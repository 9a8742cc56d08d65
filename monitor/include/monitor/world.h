/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The two worlds as the monitor keeps them, per CPU: the GPR frame of the
 * world's lower ELs and the arch-specific system-register state that both
 * worlds share the hardware for (saved and restored on every world switch).
 */
#ifndef MONITOR_WORLD_H
#define MONITOR_WORLD_H

#include <abi/smccc.h>
#include <arch/regs.h>
#include <monitor/arch_world.h>
#include <stdbool.h>
#include <stddef.h>

enum world_id {
	WORLD_SECURE = 0,
	WORLD_NORMAL = 1,
	WORLD_COUNT
};

struct world {
	struct arch_regs regs;
	struct world_arch arch;
};

/* Layout shared with monitor/arch/<arch>/relay.S (checked below). */
struct monitor_cpu {
	struct world worlds[WORLD_COUNT];
	uint32_t current;    /* enum world_id of the world that runs */
	uint32_t spmc_ready; /* the SPMC finished booting (its first FFA_MSG_WAIT) */
};
_Static_assert(sizeof(struct world) == MCPU_WORLD_SIZE, "relay.S");
_Static_assert(offsetof(struct world, arch) == MCPU_WORLD_ARCH, "relay.S");
_Static_assert(offsetof(struct monitor_cpu, current) == MCPU_CURRENT, "relay.S");
_Static_assert(offsetof(struct monitor_cpu, spmc_ready) == MCPU_CURRENT + 4, "relay.S");

/* Arch hooks (monitor/arch/<arch>/world_arch.c). */
void arch_world_init(struct world *w, enum world_id id, uint64_t entry);
void arch_world_switch(struct world *from, struct world *to);
void arch_world_enter_first(struct world *w);
/* Reflect an exception the monitor does not handle back to the EL that caused it, as UNDEFINED. */
void arch_world_inject_undef(struct world *w);
unsigned arch_world_exit_class(void);
bool arch_world_is_ns(void);
/* Make `cpu` findable from the exception path (the relay fast path). */
void arch_monitor_cpu_set(struct monitor_cpu *cpu);

/* Monitor services (generic). */

static inline void monitor_switch_to(struct monitor_cpu *cpu, enum world_id to)
{
	if (cpu->current == to)
		return;
	arch_world_switch(&cpu->worlds[cpu->current], &cpu->worlds[to]);
	cpu->current = to;
}
void smc_dispatch(struct monitor_cpu *cpu);
bool psci_handle(struct monitor_cpu *cpu, const struct smccc_fid *fid, struct arch_regs *r);
void spmd_handle(struct monitor_cpu *cpu, struct arch_regs *r);

#endif /* MONITOR_WORLD_H */
