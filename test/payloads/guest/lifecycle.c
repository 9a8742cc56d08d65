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
 */
#include <abi/psci.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <ta_test.h>
#include <tee_client_api.h>
#include <teec_ext.h>

#include "../../../guest/guest.h"

static uint8_t shared_page[4096] __attribute__((aligned(4096)));

static void power_off_now(void *arg)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } };

	(void)arg;
	printk("LIFECYCLE powering off while the TA waits in TEE_Wait\n");
	arch_hvc(off);
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

void guest_lifecycle(unsigned arg)
{
	const TEEC_UUID uuid = TA_TEST_UUID;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	TEEC_Result r = TEEC_InitializeContext("vault", &ctx);
	uint32_t origin = 0;

	if (r == TEEC_SUCCESS)
		r = TEEC_OpenSession(&ctx, &s, &uuid, TEEC_LOGIN_PUBLIC, 0, 0, &origin);
	printk("LIFECYCLE open session to the test TA: %s\n", teec_result_name(r));
	if (r != TEEC_SUCCESS)
		return;
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
