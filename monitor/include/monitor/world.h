/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The two worlds as the monitor keeps them, per CPU: the GPR frame of the
 * world's lower ELs and the arch-specific system-register state that both
 * worlds share the hardware for (saved and restored on every world switch).
 * Scheduling is data: every exit is handled by monitor_handle_exit(), which
 * returns the world to enter; no world runs inside a C call.
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

/* 16-byte aligned: while the world runs, its frame is the monitor's stack pointer. */
struct world {
	struct arch_regs regs;
	struct world_arch arch;
} __attribute__((aligned(16)));

struct monitor_cpu {
	uint64_t stack_top;  /* this CPU's C stack, empty whenever a world runs */
	uint32_t current;    /* enum world_id of the world that runs */
	uint32_t spmc_ready; /* the SPMC finished booting (its first FFA_MSG_WAIT) */
	struct world worlds[WORLD_COUNT];
	/* A secure interrupt stopped the normal world and the SPMC handles it (spmd.c): the
	 * normal world resumes exactly where it was, with these EL2 registers put back. */
	uint32_t secure_irq;
	struct world_exc normal_exc;
};
/* The layout the assembly relies on (exceptions.S, world_regs.S). */
_Static_assert(offsetof(struct monitor_cpu, stack_top) == MONITOR_CPU_STACK_TOP, "exceptions.S");
_Static_assert(offsetof(struct world, regs) == 0, "exceptions.S: the frame starts the world");
_Static_assert(offsetof(struct world, arch) == REGS_SIZE, "world_regs.S");

/* Arch hooks (monitor/arch/<arch>/). */
void arch_world_init(struct world *w, enum world_id id, uint64_t entry);
/* Save from's switched state and load to's (with its SCR_EL3); returns to. */
struct world *arch_world_switch(struct world *from, struct world *to);
/*
 * The same from the booted secure world: only its WORLD_RUN_REGS are saved. Its boot-time EL2
 * configuration is never saved again (the SPMC's EL2 registers it changes for a while, such as
 * CNTHCTL_EL2.EL1PCEN for the secure timer's owner, come back as they were at its boot).
 */
struct world *arch_world_switch_from_secure(struct world *from, struct world *to);
/*
 * A relay's world switch (world_regs.S): save from's switched state (only its running registers,
 * WORLD_RUN_REGS, when from is the booted secure world: the SPMC writes WORLD_EL2_BOOT_REGS only
 * while it boots), load to's, and enter to from its frame, but with x0-x7,
 * the message, from from's frame (exceptions.S arch_world_enter_msg). Never returns; declared
 * as returning the world so that the relay reaches it by a tail call, with no stack frame.
 */
struct world *arch_world_relay(struct world *from, struct world *to);
struct world *arch_world_relay_from_secure(struct world *from, struct world *to);
/* Run w from its frame (exceptions.S), with its system registers already loaded. */
__attribute__((noreturn)) void arch_world_enter(struct world *w);
/* Load w's system registers and SCR_EL3, then run it: the first entry into a world. */
__attribute__((noreturn)) void arch_world_enter_first(struct world *w);
/* Reflect an exception the monitor does not handle back to the EL that caused it, as UNDEFINED. */
void arch_world_inject_undef(struct world *w);
bool arch_world_is_ns(void);
/* Make `cpu` findable from the exception vectors. */
void arch_monitor_cpu_set(struct monitor_cpu *cpu);

/* Monitor services (generic). */

/* The exception path: decide what runs after w (the current world) exited with `kind` (EXIT_*). */
struct world *monitor_handle_exit(struct monitor_cpu *cpu, struct world *w, unsigned kind);

/*
 * The end of the SPMC's boot: leave the secure world for the normal world's first entry (from
 * its own frame), saving everything the SPMC booted with, once. No secure value of the
 * hardware-written EL2 registers is left for the normal world (MONITOR_SCRUB_EXC_REGS).
 */
static inline struct world *monitor_start_normal_world(struct monitor_cpu *cpu,
						       struct world *secure)
{
	cpu->current = WORLD_NORMAL;
	if (MONITOR_SCRUB_EXC_REGS)
		arch_world_scrub_exc_regs();
	return arch_world_switch(secure, &cpu->worlds[WORLD_NORMAL]);
}

/*
 * Relay an FF-A call from `from` (the current world, the SPMC booted) to `to`, the other world.
 * Once booted, the secure world's boot-time EL2 configuration is restored, never saved again,
 * and its hardware-written EL2 registers are not left for the normal world.
 */
static inline struct world *monitor_relay_to(struct monitor_cpu *cpu, struct world *from,
					     enum world_id to)
{
	cpu->current = to;
	if (to == WORLD_SECURE)
		return arch_world_relay(from, &cpu->worlds[to]);
	if (MONITOR_SCRUB_EXC_REGS)
		arch_world_scrub_exc_regs();
	return arch_world_relay_from_secure(from, &cpu->worlds[to]);
}

/* Each returns the world to run next. */
struct world *smc_dispatch(struct monitor_cpu *cpu, struct world *w);
/* The attestation key's SiP calls (monitor/attest_smc.c): answered in *r, or false. */
bool attest_monitor_call(struct monitor_cpu *cpu, struct arch_regs *r);
struct world *psci_handle(struct monitor_cpu *cpu, uint32_t id, struct world *w);

#endif /* MONITOR_WORLD_H */
