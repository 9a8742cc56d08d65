// SPDX-License-Identifier: BSD-3-Clause
/*
 * teec-kill: a Linux guest that dies in the middle of a call into a TEE, for the system test
 * "a killed guest leaves nothing behind in the TEE".
 *
 *   teec-kill [ms]   open two sessions to the test TA (TEE "vault"), allocate shared memory,
 *                    start TA_TEST_CMD_WAIT with an infinite timeout in a second thread, and
 *                    after `ms` (default 1000) milliseconds, with that call still in flight,
 *                    power the machine off at once (reboot(2) RB_POWER_OFF, what `poweroff -f`
 *                    does): no session is closed, no memory released. Exit status 1 if it
 *                    could not get that far (it never returns otherwise).
 *   teec-kill check  run in another guest at the same time: asking every 100 ms (at most 120 s),
 *                    it must first see the killed guest's sessions (more than its own, or the
 *                    TA busy with that guest's WAIT), then, once that guest is gone, only its
 *                    own session (nothing left behind); a short WAIT must then still work.
 *                    Exit status 0 if so.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <ta_test.h>
#include <tee_client_api.h>
#include <unistd.h>

#include "teec_util.h"

#define SAY(...)      printf("[teec-kill] " __VA_ARGS__)
#define WAIT_INFINITE 0xffffffffu /* TEE_TIMEOUT_INFINITE */

static const TEEC_UUID test_uuid = TA_TEST_UUID;

struct call {
	TEEC_Session *session;
	TEEC_Operation op;
	TEEC_Result result;
	volatile bool returned;
};

static void *wait_forever(void *arg)
{
	struct call *c = arg;
	uint32_t origin;

	c->op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	c->op.params[0].value = (TEEC_Value){ WAIT_INFINITE, TA_TEST_WAIT_UNMASK };
	c->result = TEEC_InvokeCommand(c->session, TA_TEST_CMD_WAIT, &c->op, &origin);
	c->returned = true;
	return NULL;
}

static TEEC_Result open_test(TEEC_Context *ctx, TEEC_Session *s, const char *what)
{
	uint32_t origin = 0;
	TEEC_Result r =
	    TEEC_OpenSession(ctx, s, &test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);

	if (r != TEEC_SUCCESS)
		SAY("%s: TEEC_OpenSession -> 0x%08x (%s), origin %s\n", what, r, teec_result_str(r),
		    teec_origin_str(origin));
	return r;
}

static int kill_in_flight(unsigned ms)
{
	TEEC_SharedMemory shm = { .size = 4096, .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_Session waiting, idle;
	struct call c = { .session = &waiting };
	TEEC_Context ctx;
	pthread_t thread;

	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS) {
		SAY("no TEE device\n");
		return 1;
	}
	if (open_test(&ctx, &waiting, "waiting session") != TEEC_SUCCESS ||
	    open_test(&ctx, &idle, "idle session") != TEEC_SUCCESS)
		return 1;
	if (TEEC_AllocateSharedMemory(&ctx, &shm) != TEEC_SUCCESS) {
		SAY("TEEC_AllocateSharedMemory failed\n");
		return 1;
	}
	SAY("two sessions open, 4096 bytes of shared memory; starting WAIT (infinite) in the "
	    "test TA\n");
	if (pthread_create(&thread, NULL, wait_forever, &c)) {
		SAY("pthread_create failed\n");
		return 1;
	}
	usleep(ms * 1000u);
	if (c.returned) {
		SAY("the WAIT call returned early: 0x%08x (%s)\n", c.result,
		    teec_result_str(c.result));
		return 1;
	}
	SAY("call in flight after %u ms; powering off now (reboot(RB_POWER_OFF))\n", ms);
	fflush(stdout);
	reboot(RB_POWER_OFF);
	SAY("reboot(RB_POWER_OFF) failed\n");
	return 1;
}

/* Sessions open on the test TA (all clients'), asked through session `s`; 0 if it cannot say
 * (the single-instance TA is busy with the other guest's WAIT). */
static uint32_t sessions_open(TEEC_Session *s)
{
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	if (TEEC_InvokeCommand(s, TA_TEST_CMD_SESSION_INFO, &op, &origin) != TEEC_SUCCESS)
		return 0;
	return op.params[0].value.a;
}

/* In the other guest: once the killed one is gone, only our own session is open on the TA. */
static int check_clean(void)
{
	TEEC_Operation op = { 0 };
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin = 0, n = 0;
	bool seen_other = false;
	TEEC_Result r;
	bool ok;

	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS) {
		SAY("no TEE device\n");
		return 1;
	}
	/* The killed guest runs beside this one: see it there, then see it gone. Its WAIT may
	 * hold the single-instance TA already: the open is answered BUSY, which sees it too. */
	for (unsigned i = 0; i < 1200; i++) {
		uint32_t o = 0;

		r = TEEC_OpenSession(&ctx, &s, &test_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &o);
		if (r != TEEC_ERROR_BUSY)
			break;
		seen_other = true;
		usleep(100 * 1000u);
	}
	if (r != TEEC_SUCCESS) {
		SAY("check: TEEC_OpenSession -> 0x%08x (%s)\n", r, teec_result_str(r));
		return 1;
	}
	for (unsigned i = 0; i < 1200; i++) {
		n = sessions_open(&s);
		if (n != 1)
			seen_other = true;
		else if (seen_other)
			break;
		usleep(100 * 1000u);
	}
	ok = seen_other && n == 1;
	if (!seen_other)
		SAY("never saw the other guest's sessions\n");
	SAY("sessions open on the test TA: %u (%s)\n", n,
	    ok ? "only this one: nothing left behind" : "NOT only this one");
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 10, TA_TEST_WAIT_AS_IS };
	r = TEEC_InvokeCommand(&s, TA_TEST_CMD_WAIT, &op, &origin);
	SAY("a 10 ms WAIT in the test TA -> 0x%08x (%s)\n", r, teec_result_str(r));
	ok = ok && r == TEEC_SUCCESS;
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
	SAY("%s\n", ok ? "clean" : "NOT clean");
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "check"))
		return check_clean();
	return kill_in_flight(argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 1000u);
}
