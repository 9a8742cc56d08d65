// SPDX-License-Identifier: BSD-3-Clause
/*
 * teec-bench: the Linux path of `make bench` (docs/performance.md). One TEEC_InvokeCommand
 * with one VALUE_INOUT parameter from this Linux user process, through Debian's libteec,
 * tee.ko/optee.ko, nshyp's OP-TEE mediator, the monitor, the SPMC and the trusted OS, to the
 * test TA (TA_TEST_CMD_INC_VALUE: the TA adds 1) and back.
 *
 * Under -icount shift=0 one instruction advances virtual time by 1 ns and CNTVCT_EL0 (Linux
 * lets EL0 read it) runs at 62.5 MHz: 16 instructions per tick. After a warm-up the call is
 * made 100 and then 200 times; the difference divided by 100 is one call without the loop's
 * fixed costs:
 *   BENCH linux_teec_invoke_value <instructions per call>
 * Nothing from outside has reached the machine by then, so the number is the same in every run.
 *
 * Then, for the harness's per-component breakdown (bench/linux.py), the two loops run again
 * under an instruction trace that the harness switches on and off through QEMU's monitor.
 * Before each loop this program prints
 *   BENCH-READY <n> <address of bench_mark_start> <address of bench_mark_end>
 * and waits for one line on stdin (the console: QEMU's stdin, UART0); the loop runs between
 * calls of the two marker functions, whose first instructions the harness finds in the trace.
 * After the loop it prints "BENCH-DONE <n>" and waits for one more line, so that the trace is
 * switched off while this process sleeps.
 *
 * Usage: teec-bench [--dry] [--no-wait]
 *   --dry      time a getppid() system call instead (no TEE needed: for testing the
 *              handshake on a plain QEMU without Tessera), printed as linux_syscall_getppid
 *   --no-wait  no traced loops and no handshake (nobody answers on stdin)
 * Errors print "BENCH-ERROR <why>" and exit with status 1.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ta_test.h>
#include <tee_client_api.h>
#include <unistd.h>

#include "teec_util.h"

#define WARMUP		      20
#define INSTRUCTIONS_PER_TICK 16 /* 62.5 MHz counter, 1 ns per instruction */

static const unsigned loops[] = { 100, 200 };

static TEEC_Session session;
static unsigned errors;

static uint64_t counter(void)
{
	uint64_t t;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(t)::"memory");
	return t;
}

/* The trace markers: their first instruction's PC brackets the measured loop. */
static __attribute__((noipa, used)) void bench_mark_start(void)
{
	__asm__ volatile("" ::: "memory");
}

static __attribute__((noipa, used)) void bench_mark_end(void)
{
	__asm__ volatile("" ::: "memory");
}

static void op_invoke(unsigned i)
{
	TEEC_Operation op = { 0 };
	TEEC_Result r;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = i;
	op.params[0].value.b = ~i;
	r = TEEC_InvokeCommand(&session, TA_TEST_CMD_INC_VALUE, &op, NULL);
	if (r != TEEC_SUCCESS || op.params[0].value.a != i + 1 || op.params[0].value.b != ~i + 1)
		errors++;
}

static void op_syscall(unsigned i)
{
	(void)i;
	if (getppid() <= 0)
		errors++;
}

/* One line from stdin; false at end of file. */
static bool wait_line(void)
{
	char line[64];

	return fgets(line, sizeof(line), stdin) != NULL;
}

/* n calls of op between the markers; returns the counter ticks they took. */
static uint64_t measure(void (*op)(unsigned), unsigned n, bool handshake)
{
	uint64_t t0, t1;

	if (handshake) {
		printf("BENCH-READY %u %p %p\n", n, (void *)bench_mark_start,
		       (void *)bench_mark_end);
		if (!wait_line())
			return 0;
	}
	bench_mark_start();
	t0 = counter();
	for (unsigned i = 0; i < n; i++)
		op(i);
	t1 = counter();
	bench_mark_end();
	if (handshake) {
		printf("BENCH-DONE %u\n", n);
		wait_line();
	}
	return t1 - t0;
}

static bool open_test_ta(TEEC_Context *ctx)
{
	const TEEC_UUID uuid = TA_TEST_UUID;
	uint32_t origin = TEEC_ORIGIN_API;
	TEEC_Result r = TEEC_InitializeContext(NULL, ctx);

	if (r != TEEC_SUCCESS) {
		printf("BENCH-ERROR TEEC_InitializeContext: %s\n", teec_result_str(r));
		return false;
	}
	r = TEEC_OpenSession(ctx, &session, &uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		printf("BENCH-ERROR TEEC_OpenSession of the test TA: %s, origin %s\n",
		       teec_result_str(r), teec_origin_str(origin));
		TEEC_FinalizeContext(ctx);
		return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	bool dry = false, handshake = true;
	uint64_t ticks[2];
	TEEC_Context ctx;
	void (*op)(unsigned);

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--dry")) {
			dry = true;
		} else if (!strcmp(argv[i], "--no-wait")) {
			handshake = false;
		} else {
			fprintf(stderr, "usage: teec-bench [--dry] [--no-wait]\n");
			return 2;
		}
	}
	if (!dry && !open_test_ta(&ctx))
		return 1;
	op = dry ? op_syscall : op_invoke;
	measure(op, WARMUP, false); /* first-use costs (page faults, caches) are not the call's */
	for (unsigned k = 0; k < 2; k++)
		ticks[k] = measure(op, loops[k], false);
	for (unsigned k = 0; k < 2 && handshake; k++)
		measure(op, loops[k], true); /* traced: the harness counts by component */
	if (!dry) {
		TEEC_CloseSession(&session);
		TEEC_FinalizeContext(&ctx);
	}
	if (errors || ticks[1] <= ticks[0]) {
		printf("BENCH-ERROR teec-bench: %u wrong results, ticks %llu/%llu\n", errors,
		       (unsigned long long)ticks[0], (unsigned long long)ticks[1]);
		return 1;
	}
	printf("BENCH %s %llu\n", dry ? "linux_syscall_getppid" : "linux_teec_invoke_value",
	       (unsigned long long)((ticks[1] - ticks[0]) * INSTRUCTIONS_PER_TICK /
				    (loops[1] - loops[0])));
	return 0;
}
