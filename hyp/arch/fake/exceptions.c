// SPDX-License-Identifier: BSD-3-Clause
/*
 * The host's exceptions.S (hyp/arch/aarch64/exceptions.S) for the tests of a role's run model:
 * fake_run() runs the next vCPU (what it does is the harness's arch_enter_lower() and
 * fake_next_exit), hands its exit to the C entries as the vectors would, and repeats until an
 * other-world vCPU (the SPMC's normal world) is next. The harness has no live registers
 * (a frame is always whole), so exceptions.S's x9-x17 contract has nothing to mirror here.
 */
#include <hyp/vm.h>

extern struct vcpu_exit fake_next_exit;

/* Exits as exceptions.S hands them to C: a call, or fake_next_exit. */
struct vcpu *hyp_vcpu_sync(struct vcpu *current)
{
	if (fake_next_exit.reason == VCPU_EXIT_CALL)
		return role_vcpu_call(current);
	return 0;
}

struct vcpu *hyp_vcpu_trap(struct vcpu *current)
{
	return role_vcpu_exit(current, &fake_next_exit);
}

struct vcpu *hyp_vcpu_async(struct vcpu *current, unsigned kind)
{
	/* The syndrome of an interrupt is its kind: the SPMC tells a secure interrupt (IRQ at
	 * S-EL2) from a Non-secure one (FIQ there) by it. */
	struct vcpu_exit e = { .reason = VCPU_EXIT_OTHER, .syndrome = kind };

	if (kind == EXIT_IRQ || kind == EXIT_FIQ)
		e.reason = VCPU_EXIT_INTERRUPT;
	return role_vcpu_exit(current, &e);
}

struct vcpu *fake_run(struct vcpu *next)
{
	while (next && !next->other_world) {
		unsigned kind;

		hyp_vcpu_switch(next);
		kind = arch_enter_lower(&next->regs);
		if (kind != EXIT_SYNC) {
			next = hyp_vcpu_async(next, kind);
		} else {
			struct vcpu *current = next;

			next = hyp_vcpu_sync(current);
			if (!next)
				next = hyp_vcpu_trap(current);
		}
	}
	if (next)
		hyp_vcpu_switch(next);
	return next;
}
