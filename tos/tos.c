// SPDX-License-Identifier: BSD-3-Clause
/*
 * Trusted OS (S-EL1): one codebase, instantiated once per TEE in the system
 * description (its TAs and memory size come in the boot argument). It learns
 * its FF-A ID, turns its MMU on, registers the TAs it hosts, signals ready
 * with FFA_MSG_WAIT, then serves direct requests, dispatched on w3
 * (docs/tos.md §1): OP-TEE FF-A ABI calls go to optee_server.c; any other w3
 * is the diagnostic protocol, answered here: the square of w3, the sender ID
 * it saw (w4) and its own ID (w5). w4 of a diagnostic request may carry a
 * test command (tos.h) that makes it misbehave on purpose, so the SPMC's
 * checks can be tested from a guest.
 */
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <arch/smc.h>
#include <arch/state_check.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <lib/smccc_probe.h>
#include <plat/plat_def.h>

#include "../config/systems/common.h"
#include "mmu.h"
#include "optee_server.h"
#include "pages.h"
#include "ta_mgr.h"
#include "tos.h"

extern char __text_end[], __image_end[];

void payload_main(uint64_t scenario, uint64_t first_counter);
void payload_exception(uint64_t esr, uint64_t elr, uint64_t far);

static char tag[16] = "S tee ????";

void panic_exit(void)
{
	/* Tell the SPMC we failed; it marks this partition aborted. */
	struct ffa_value err = ffa_error(FFA_RET_ABORTED);

	for (;;)
		arch_smc(err);
}

void payload_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	panic("exception at S-EL1: ESR 0x%lx ELR 0x%lx FAR 0x%lx", (unsigned long)esr,
	      (unsigned long)elr, (unsigned long)far);
}

static struct ffa_value ffa_call1(uint32_t fid)
{
	struct ffa_value v = { { fid } };
	return arch_smc(v);
}

static void set_tag(ffa_id_t id)
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < 4; i++)
		tag[6 + i] = hex[(id >> (12 - 4 * i)) & 0xf];
	console_set_tag(tag);
}

/* Test scenario: read the memory of the other TEE instance (its PA, used as an IPA). */
static void touch_other_tos(ffa_id_t self)
{
	uint64_t other = self == 0x8001 ? 0x0e200000 : 0x0e100000;

	printk("test: reading another TEE's memory at 0x%lx\n", (unsigned long)other);
	printk("read 0x%lx (isolation failed!)\n",
	       (unsigned long)*(volatile uint64_t *)(uintptr_t)other);
}

/* Test command: answer wrongly first and report the errors the SPMC gave (w6, w7). */
static void misbehave(ffa_id_t self, ffa_id_t sender, struct ffa_value *resp)
{
	struct ffa_value bad = *resp;

	bad.x[1] = ffa_msg_ids(self, (ffa_id_t)(sender + 1)); /* wrong receiver */
	resp->x[6] = arch_smc(bad).x[2];
	resp->x[7] = ffa_call1(FFA_MSG_WAIT).x[2]; /* must answer, not wait */
}

/* The test commands of tos.h, and the isolation scenario: the rare, slow cases. */
static void test_command(ffa_id_t self, ffa_id_t sender, uint64_t cmd, uint64_t w3,
			 uint64_t scenario, struct ffa_value *resp)
{
	if (scenario == TOS_TOUCH_OTHER_TOS)
		touch_other_tos(self);
	switch (cmd & 0xff) {
	case TOS_CMD_YIELD:
		resp->x[6] = ffa_call1(FFA_YIELD).x[0];
		break;
	case TOS_CMD_MISBEHAVE:
		misbehave(self, sender, resp);
		break;
	case TOS_CMD_SELFTEST:
		resp->x[6] = tos_selftest(self);
		break;
	case TOS_CMD_CALL_OTHER:
		resp->x[6] = tos_call_other(self);
		break;
	case TOS_CMD_FORGET_ME:
		/* What a "VM destroyed" message does; a sender may only ask it for itself. */
		resp->x[6] = optee_server_forget(self, sender);
		break;
	case TOS_CMD_MEM:
		/* w3 = handle; w4 = cmd | op << 8 | lender << 16 | pattern << 32 */
		tos_mem_command(self, sender, resp, (uint32_t)(cmd >> 32), w3, (cmd >> 8) & 0xff,
				(ffa_id_t)(cmd >> 16));
		break;
	default:
		break;
	}
}

/*
 * A framework message (§18.3): the hypervisor (ID 0; the SPMC lets no one else send
 * one) says VM w5 was created (nothing to do) or destroyed (drop its calls, sessions
 * and shared memory). The answer is the framework response type with w3 = status.
 */
static void vm_availability(ffa_id_t self, ffa_id_t sender, struct ffa_value *m)
{
	uint32_t type = (uint32_t)m->x[2] & FFA_FWK_MSG_TYPE_MASK;
	ffa_id_t vm = (ffa_id_t)m->x[5];
	int32_t status = 0;

	if (sender != FFA_ID_HYPERVISOR ||
	    (type != FFA_FWK_VM_CREATED && type != FFA_FWK_VM_DESTROYED))
		status = FFA_RET_INVALID_PARAMETERS;
	else if (type == FFA_FWK_VM_DESTROYED)
		optee_server_forget(self, vm);
	m->x[0] = FFA_MSG_SEND_DIRECT_RESP_32;
	m->x[1] = ffa_msg_ids(self, sender);
	m->x[2] = FFA_MSG_FLAG_FRAMEWORK | (type + 1);
	m->x[3] = (uint64_t)(int64_t)status;
	for (unsigned i = 4; i < 8; i++)
		m->x[i] = 0;
}

/* Turn the direct request in *m into its response, in place. */
static inline __attribute__((always_inline)) void answer(ffa_id_t self, struct ffa_value *m,
							 uint64_t scenario)
{
	ffa_id_t sender = ffa_msg_sender(m->x[1]);
	uint64_t w3 = m->x[3], n = w3 & 0xffffffffu, cmd = m->x[4];

	if (__builtin_expect(m->x[2] & FFA_MSG_FLAG_FRAMEWORK, 0))
		return vm_availability(self, sender, m);

	m->x[0] = (uint32_t)m->x[0] == FFA_MSG_SEND_DIRECT_REQ_64 ? FFA_MSG_SEND_DIRECT_RESP_64
								  : FFA_MSG_SEND_DIRECT_RESP_32;
	m->x[1] = ffa_msg_ids(self, sender);
	m->x[2] = 0;
	if (__builtin_expect(optee_is_call((uint32_t)w3), 0))
		return optee_server_handle(self, sender, m);
	m->x[3] = n * n;
	m->x[4] = sender;
	m->x[5] = self;
	m->x[6] = 0;
	m->x[7] = 0;
	if (cmd | scenario)
		test_command(self, sender, cmd, w3, scenario, m);
}

/*
 * TOS_STATE_CHECK: answer every request through arch_smc_check_gprs() and
 * report, in w6 and w7 of each answer, what has not survived so far: w6 the
 * GPRs (x8-x30) across our calls, w7 our EL1 registers (low half) and the
 * SPMC's EL2 state as it sees it (high half).
 */
static void serve_checking_state(ffa_id_t self, struct ffa_value msg)
{
	uint64_t seed = 0x5ec0000000000000ull | self, gprs_bad = 0, state_bad = 0;

	arch_el1_state_fill(seed);
	for (unsigned n = 1;; n++) {
		struct ffa_value hyp = { { HYPCALL_STATE_CHECK } };

		if (ffa_is_direct_req(msg.x[0])) {
			answer(self, &msg, TOS_STATE_CHECK);
			state_bad |= arch_el1_state_check(seed) | (arch_smc(hyp).x[0] << 32);
			msg.x[6] = gprs_bad;
			msg.x[7] = state_bad;
		} else {
			msg.x[0] = FFA_MSG_WAIT;
		}
		gprs_bad |= arch_smc_check_gprs(&msg, seed + n);
	}
}

/* MMU on over our window (size from the boot argument), the page pool, the hosted TAs. */
static void memory_init(uint64_t boot_arg)
{
	uint64_t size = (TOS_ARG_MIB(boot_arg) ? TOS_ARG_MIB(boot_arg) : 1) * MiB(1);
	uint64_t image_end = (uintptr_t)__image_end;

	mmu_init(PAYLOAD_BASE, size, (uintptr_t)__text_end);
	pages_init(image_end, PAYLOAD_BASE + size);
	printk("MMU on; %u KiB for TAs\n", pages_free_count() * 4);
	ta_mgr_init(TOS_ARG_TAS(boot_arg));
}

void payload_main(uint64_t boot_arg, uint64_t first_counter)
{
	uint64_t scenario = TOS_ARG_SCENARIO(boot_arg);
	(void)first_counter;
	struct ffa_value id = ffa_call1(FFA_ID_GET);
	ffa_id_t self = (ffa_id_t)id.x[2];
	struct ffa_value msg;

	console_init(PLAT_UART_S_BASE, "S tee");
	set_tag(self);
	printk("trusted OS instance 0x%x running at EL%u (S-EL1), secure world\n", self,
	       arch_current_el());
	if (scenario == TOS_UNKNOWN_CALLS)
		smccc_probe_unknown();
	if (scenario == TOS_HOSTILE)
		tos_hostile(self, 3000);
	/* The state-survival test fills TTBR0/MAIR/... with patterns: it runs with the MMU off. */
	if (scenario != TOS_STATE_CHECK)
		memory_init(boot_arg);
	msg = ffa_call1(FFA_MSG_WAIT);
	if (scenario == TOS_STATE_CHECK)
		serve_checking_state(self, msg);
	for (;;) {
		if (ffa_is_direct_req(msg.x[0])) {
			answer(self, &msg, scenario);
			arch_smc_inplace(&msg);
		} else {
			msg = ffa_call1(FFA_MSG_WAIT);
		}
	}
}
