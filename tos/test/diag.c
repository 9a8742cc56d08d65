// SPDX-License-Identifier: BSD-3-Clause
/*
 * The trusted OS's test hooks (test_hooks.h), linked into its test variant
 * only (tos_test): the test scenarios chosen by the boot argument
 * (include/abi/scenario.h TOS_*: reading the other TEE's memory, probing
 * unknown call IDs, random calls at boot, checking register state on every
 * request) and the diagnostic protocol of tos.h: a request whose w3 is not an
 * OP-TEE function gets the square of w3, the sender ID and our ID, and runs
 * the test command in its w4. A product trusted OS has none of this.
 */
#include <abi/hypcall.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <lib/smccc_probe.h>
#include <payload/state_check.h>

#include "../attest.h"
#include "../optee_server.h"
#include "../ta_mgr.h"
#include "../test_hooks.h"
#include "../tos.h"
#include "tos_test.h"

uint32_t tos_test_scenario; /* TOS_ARG_SCENARIO of the boot argument */

static struct ffa_value ffa_call1(uint32_t fid)
{
	struct ffa_value v = { { fid } };
	return arch_smc(v);
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

/* What a "VM destroyed" message does; a sender may only ask it for itself. */
static uint64_t forget(ffa_id_t self, ffa_id_t client)
{
	uint32_t counts = optee_server_forget(self, client);

	tos_mem_forget(self, client);
	return counts;
}

/* Test command TOS_CMD_SPIN: long enough for a Normal-world interrupt to arrive meanwhile. */
static uint64_t spin(uint64_t x, uint32_t iterations)
{
	for (uint32_t i = 0; i < iterations; i++)
		x = x * 6364136223846793005ull + 1442695040888963407ull;
	return x;
}

/* TOS_SPIN_AT_DESTROY: the endpoint whose VM_DESTROYED message we will never answer. */
static ffa_id_t spin_at_destroy_of;

/* TOS_CMD_SPIN, with every exception masked (TOS_SPIN_MASKED) or not. */
static uint64_t spin_masked(uint64_t x, uint32_t iterations, bool masked)
{
	uint64_t daif = masked ? arch_el1_mask_all() : 0;

	x = spin(x, iterations);
	if (masked)
		arch_el1_mask_restore(daif);
	return x;
}

/* TOS_CMD_SPIN with TOS_SPIN_IN_OTHER: the other TEE spins, inside our request to it. */
static void spin_in_other(ffa_id_t self, uint64_t cmd, uint64_t w3, struct ffa_value *resp)
{
	ffa_id_t other = self == 0x8001 ? 0x8002 : 0x8001;
	struct ffa_value req = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, other), 0, w3,
				   cmd & ~(0xfull << 8) } };
	struct ffa_value r = arch_smc(req);

	resp->x[6] = r.x[6];
	resp->x[7] = (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 ? r.x[7] : r.x[0];
}

/*
 * TOS_CMD_NOTIF (tos.h): this partition's side of a guest's notification checks. One GET takes
 * what every guest set: kept here, each requester is told of the IDs it asks about (w3).
 */
static uint64_t notif_got;

static void notif(ffa_id_t self, ffa_id_t vm, uint64_t cmd, uint64_t bits, struct ffa_value *resp)
{
	uint64_t ids = ffa_msg_ids(vm, self);
	struct ffa_value v = { { FFA_NOTIFICATION_GET, self, FFA_NOTIF_GET_ALL } };

	bits = (uint32_t)bits;
	switch ((cmd >> 8) & 0xff) {
	case TOS_NOTIF_BIND:
		v = (struct ffa_value){ { FFA_NOTIFICATION_BIND, ids, 0, bits } };
		break;
	case TOS_NOTIF_UNBIND:
		v = (struct ffa_value){ { FFA_NOTIFICATION_UNBIND, ids, 0, bits } };
		break;
	case TOS_NOTIF_SET:
	case TOS_NOTIF_SETNOW:
		v = (struct ffa_value){
			{ FFA_NOTIFICATION_SET, ffa_msg_ids(self, vm),
			  ((cmd >> 8) & 0xff) == TOS_NOTIF_SET ? FFA_NOTIF_FLAG_DELAY_SRI : 0,
			  bits }
		};
		break;
	case TOS_NOTIF_NPIS:
		v = (struct ffa_value){ { FFA_FEATURES, FFA_FEATURE_NPI } };
		v = arch_smc(v);
		resp->x[6] = v.x[2];
		resp->x[7] = ta_mgr_npis();
		return;
	default:
		break;
	}
	v = arch_smc(v);
	resp->x[6] = (uint32_t)v.x[0] == FFA_ERROR ? v.x[2] : 0;
	if (((cmd >> 8) & 0xff) == TOS_NOTIF_GET) {
		if ((uint32_t)v.x[0] == FFA_SUCCESS_32)
			notif_got |= v.x[4] | v.x[5] << 32; /* the VM bitmap */
		resp->x[7] = notif_got & bits;
		notif_got &= ~bits;
	}
}

/* The test commands of tos.h, and the isolation scenario: the rare, slow cases. */
void tos_test_command(ffa_id_t self, ffa_id_t sender, uint64_t cmd, uint64_t w3,
		      struct ffa_value *resp)
{
	if (tos_test_scenario == TOS_TOUCH_OTHER_TOS)
		touch_other_tos(self);
	if (tos_test_scenario == TOS_ATTEST_PROBE)
		tos_attest_probe(self); /* test/payloads/tos/attest_probe.c, once */
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
		resp->x[6] = forget(self, sender);
		break;
	case TOS_CMD_SPIN:
		if ((cmd >> 8) & TOS_SPIN_AT_DESTROY)
			spin_at_destroy_of = sender;
		else if ((cmd >> 8) & TOS_SPIN_IN_OTHER)
			spin_in_other(self, cmd, w3, resp);
		else
			resp->x[6] = spin_masked(w3, TOS_SPIN_ITERATIONS(cmd),
						 ((cmd >> 8) & TOS_SPIN_MASKED) != 0);
		break;
	case TOS_CMD_TIMER:
		ta_mgr_timer_stats(&resp->x[6], &resp->x[7]);
		break;
	case TOS_CMD_NOTIF:
		notif(self, sender, cmd, w3, resp);
		break;
	case TOS_CMD_SEND2:
		tos_send2_command(self, cmd, w3, resp);
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

void tos_test_forget(ffa_id_t self, ffa_id_t vm)
{
	if (vm && vm == spin_at_destroy_of) {
		printk("spinning without end in VM %u's destroyed message (TOS_SPIN_AT_DESTROY)\n",
		       vm);
		for (;;)
			__asm__ volatile("" ::: "memory");
	}
	/* The scenario stands for a partition that keeps a gone guest's memory (mem_quota). */
	if (tos_test_scenario != TOS_KEEPS_GONE_CLIENTS_MEMORY)
		tos_mem_forget(self, vm);
}

/*
 * TOS_STATE_CHECK: answer every request through arch_smc_check_gprs() and
 * report, in w6 and w7 of each answer, what has not survived so far: w6 the
 * GPRs (x8-x30) across our calls, w7 our EL1 registers (low half) and the
 * SPMC's EL2 state as it sees it (high half). Runs with the MMU off (it fills
 * TTBR0/MAIR/... with patterns) and never returns.
 */
static void serve_checking_state(ffa_id_t self, tos_answer_fn *answer)
{
	uint64_t seed = 0x5ec0000000000000ull | self, gprs_bad = 0, state_bad = 0;
	struct ffa_value msg;

	arch_el1_state_fill(seed);
	msg = ffa_call1(FFA_MSG_WAIT);
	for (unsigned n = 1;; n++) {
		struct ffa_value hyp = { { HYPCALL_STATE_CHECK } };

		if (ffa_is_direct_req(msg.x[0])) {
			answer(self, &msg);
			state_bad |= arch_el1_state_check(seed) | (arch_smc(hyp).x[0] << 32);
			msg.x[6] = gprs_bad;
			msg.x[7] = state_bad;
		} else {
			msg.x[0] = FFA_MSG_WAIT;
		}
		gprs_bad |= arch_smc_check_gprs(&msg, seed + n);
	}
}

void tos_test_boot(ffa_id_t self, uint64_t boot_arg, tos_answer_fn *answer)
{
	tos_test_scenario = TOS_ARG_SCENARIO(boot_arg);
	if (tos_test_scenario == TOS_UNKNOWN_CALLS)
		smccc_probe_unknown();
	if (tos_test_scenario == TOS_HOSTILE)
		tos_hostile(self, 3000);
	if (tos_test_scenario == TOS_STATE_CHECK)
		serve_checking_state(self, answer);
}
