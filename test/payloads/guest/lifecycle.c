// SPDX-License-Identifier: BSD-3-Clause
/*
 * Guest life-cycle scenario (GUEST_LIFECYCLE): a guest that dies in the
 * middle of a TEE call must not leave anything behind. With bit 8 set the
 * guest opens a session to the test TA in TEE "vault", shares a buffer of its
 * own with that TEE, starts a call that waits forever (TEE_Wait), and powers
 * off from libteec's resume hook, i.e. while the call is suspended in the TEE.
 * nshyp then tells the TEE that the VM is destroyed (FF-A VM availability
 * message), the TEE drops the call, the session and the share, and nshyp
 * reclaims the memory. Without bit 8 the guest checks that the (single
 * instance) TA serves it at once.
 *
 * Bit 9 (issue 13, TEE "vault" owning the secure timer): with bit 8 the guest
 * first runs a looping TA command that looks at the cancellation flag and
 * cancels it after some resumes, then a TEE_Wait(20 ms) whose first resume it
 * delays past the deadline (so the secure timer, not the resume, ends the
 * wait; the TOS's TOS_CMD_TIMER counts it), then powers off after 5 resumes
 * of a TA that loops for good (the TOS kills that instance when nshyp says
 * the VM is destroyed). Without bit 8 it also opens a session to the vault TA.
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <ta_test.h>
#include <ta_vault.h>
#include <tee_client_api.h>
#include <teec_ext.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"

#define TEE_ID	 0x8001
#define LOOP_BIT 2	 /* arg bit 1 (boot_arg bit 9) */
#define MAX_BUSY 100000u /* tries of the guest next to a loop (beside_the_loop()) */

static uint8_t shared_page[4096] __attribute__((aligned(4096)));

static void power_off(void)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } };

	arch_hvc(off);
}

static void power_off_now(void *arg)
{
	(void)arg;
	printk("LIFECYCLE powering off while the TA waits in TEE_Wait\n");
	power_off();
}

static void die_in_a_call(TEEC_Session *s, TEEC_Context *ctx)
{
	TEEC_SharedMemory shm = { .buffer = shared_page,
				  .size = sizeof(shared_page),
				  .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_Operation op = { 0 };
	TEEC_Result r = TEEC_RegisterSharedMemory(ctx, &shm);

	printk("LIFECYCLE registered shared memory: %s\n", teec_result_name(r));
	/* The TEE retrieves the registered memory for this call and keeps it until unregistered. */
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 16, 0 };
	op.params[1].memref = (TEEC_RegisteredMemoryReference){ &shm, 16, 2048 };
	r = TEEC_InvokeCommand(s, TA_TEST_CMD_COPY_MEMREF, &op, 0);
	printk("LIFECYCLE the TA copied within the shared memory: %s\n", teec_result_name(r));
	op = (TEEC_Operation){ 0 };
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 0xffffffffu; /* TEE_TIMEOUT_INFINITE */
	op.params[0].value.b = TA_TEST_WAIT_AS_IS;
	teec_set_resume_hook(power_off_now, 0);
	r = TEEC_InvokeCommand(s, TA_TEST_CMD_WAIT, &op, 0);
	printk("LIFECYCLE the wait returned %s (it should never)\n", teec_result_name(r));
}

/* The test TOS's statistics: TEE_Waits its secure timer ended (TOS_CMD_TIMER). */
static uint64_t timer_waits(void)
{
	ffa_id_t self = (ffa_id_t)arch_hvc((struct ffa_value){ { FFA_ID_GET } }).x[2];
	struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_ID), 0, 4,
				 TOS_CMD_TIMER } };

	return arch_hvc(v).x[6];
}

/* Resume hook of the looping commands: count; cancel or power off at `at` resumes. */
static struct {
	unsigned resumes, at;
	TEEC_Operation *cancel; /* cancel this operation at `at`, else power off */
	/* The wait's first resume: not before the secure timer ended a wait (the TOS's count
	 * passed `timer_before`), so that the timer and not a resume past the deadline ends it
	 * however slow the host; `hold_until` (a counter value) bounds the hold. */
	uint64_t hold_until, timer_before;
} loop;

static void loop_hook(void *arg)
{
	(void)arg;
	while (arch_counter() < loop.hold_until && timer_waits() <= loop.timer_before)
		;
	loop.hold_until = 0;
	if (++loop.resumes != loop.at)
		return;
	if (loop.cancel) {
		TEEC_RequestCancellation(loop.cancel);
		return;
	}
	printk("LIFECYCLE powering off while the TA loops (%u resumes)\n", loop.resumes);
	power_off();
}

static void loop_then_die(TEEC_Session *s)
{
	TEEC_Operation op = { 0 };
	uint64_t before = timer_waits();
	TEEC_Result r;

	teec_set_resume_hook(loop_hook, 0);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = TA_TEST_LOOP_UNTIL_CANCEL;
	loop.at = 3;
	loop.cancel = &op;
	r = TEEC_InvokeCommand(s, TA_TEST_CMD_LOOP, &op, 0);
	printk("LIFECYCLE loop until cancelled: %s after %s3 resumes\n", teec_result_name(r),
	       loop.resumes >= 3 ? "at least " : "fewer than ");
	/* TEE_Wait(20 ms); its first resume waits for the secure timer to end it (at most 5 s). */
	op.params[0].value.a = 20;
	op.params[0].value.b = TA_TEST_WAIT_AS_IS;
	loop = (typeof(loop)){ .hold_until = arch_counter() + read_sysreg(cntfrq_el0) * 5,
			       .timer_before = before };
	r = TEEC_InvokeCommand(s, TA_TEST_CMD_WAIT, &op, 0);
	printk("LIFECYCLE TEE_Wait(20 ms): %s, ended by the secure timer: %s\n",
	       teec_result_name(r), timer_waits() > before ? "yes" : "no");
	op.params[0].value.a = TA_TEST_LOOP_FOREVER;
	loop = (typeof(loop)){ .at = 5 };
	r = TEEC_InvokeCommand(s, TA_TEST_CMD_LOOP, &op, 0);
	printk("LIFECYCLE the loop returned %s (it should never)\n", teec_result_name(r));
}

/* Another TA of the same TOS serves this guest too. */
static void open_vault(TEEC_Context *ctx)
{
	const TEEC_UUID uuid = TA_VAULT_UUID;
	TEEC_Session s;
	TEEC_Result r = TEEC_OpenSession(ctx, &s, &uuid, TEEC_LOGIN_PUBLIC, 0, 0, 0);

	printk("LIFECYCLE open session to the vault TA: %s\n", teec_result_name(r));
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
}

/*
 * Next to guest1's endless loop (tos_loop's guest2): the test TA is single-instance, so while
 * guest1's call runs in it an open or an invoke is answered BUSY, and once guest1 is gone its
 * instance is killed (a session of it then answers TARGET_DEAD: it is closed, and a new one
 * opened). This guest asks again, giving its slice away between tries (WFE), until it gets an
 * answer (at most MAX_BUSY tries): between guest1's resumes, or from the new instance.
 */
static void give_slice(void)
{
	__asm__ volatile("wfe"); /* nshyp gives the CPU to the next runnable guest */
}

static void beside_the_loop(TEEC_Context *ctx, const TEEC_UUID *uuid)
{
	TEEC_Operation op = { 0 };
	TEEC_Result r = TEEC_ERROR_BUSY, ri = TEEC_ERROR_BUSY;
	TEEC_Session s;
	bool open = false;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	for (unsigned n = 0; n < MAX_BUSY; n++, give_slice()) {
		if (!open) {
			r = TEEC_OpenSession(ctx, &s, uuid, TEEC_LOGIN_PUBLIC, 0, 0, 0);
			if (r == TEEC_ERROR_BUSY)
				continue;
			if (r != TEEC_SUCCESS)
				break;
			open = true;
		}
		op.params[0].value.a = 41;
		ri = TEEC_InvokeCommand(&s, TA_TEST_CMD_INC_VALUE, &op, 0);
		if (ri == TEEC_ERROR_TARGET_DEAD) {
			TEEC_CloseSession(&s);
			open = false;
		} else if (ri != TEEC_ERROR_BUSY) {
			break;
		}
	}
	printk("LIFECYCLE open session to the test TA: %s\n", teec_result_name(r));
	open_vault(ctx);
	printk("LIFECYCLE invoke: %s, value %u\n", teec_result_name(ri), op.params[0].value.a);
	if (open)
		TEEC_CloseSession(&s);
}

void guest_lifecycle(unsigned arg)
{
	const TEEC_UUID uuid = TA_TEST_UUID;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	TEEC_Result r = TEEC_InitializeContext("vault", &ctx);
	uint32_t origin = 0;

	if (r == TEEC_SUCCESS && (arg & (LOOP_BIT | 1)) == LOOP_BIT) {
		beside_the_loop(&ctx, &uuid);
		TEEC_FinalizeContext(&ctx);
		return;
	}
	if (r == TEEC_SUCCESS)
		r = TEEC_OpenSession(&ctx, &s, &uuid, TEEC_LOGIN_PUBLIC, 0, 0, &origin);
	printk("LIFECYCLE open session to the test TA: %s\n", teec_result_name(r));
	if (r != TEEC_SUCCESS)
		return;
	if ((arg & 1) && (arg & LOOP_BIT)) {
		loop_then_die(&s);
		return;
	}
	if (arg & 1) {
		die_in_a_call(&s, &ctx);
		return;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = 41;
	r = TEEC_InvokeCommand(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	printk("LIFECYCLE invoke: %s, value %u\n", teec_result_name(r), op.params[0].value.a);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}
