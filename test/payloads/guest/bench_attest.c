// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark of attestation (bench/systems/bench_attest.c, make bench): the wallet TA in TEE
 * "T1" makes a token over a 32-byte challenge, as the demo's bank asks for one. The whole path
 * counts: the GP call, the wallet, TEE_Attest (the trusted OS hashes the wallet's image), the
 * SPMC (claims, CBOR, SHA-256 of the bytes signed) and the monitor (deterministic ECDSA P-256).
 *   attest_token_first   the first token: includes deriving the device key at EL3
 *   attest_token         each one after it
 *   attest_refused       the same call refused by the trusted OS (a 7-byte challenge): the
 *                        path up to TEE_Attest, to subtract
 */
#include <lib/bench.h>
#include <lib/print.h>
#include <ta_wallet.h>
#include <tee_client_api.h>

#include "../../../guest/guest.h"

static TEEC_Session session;

static TEEC_Result attest(size_t challenge_len)
{
	static uint8_t token[WALLET_TOKEN_MAX];
	uint8_t challenge[32] = { 0xba, 0x4c };
	TEEC_Operation op = { 0 };

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = challenge;
	op.params[0].tmpref.size = challenge_len;
	op.params[1].tmpref.buffer = token;
	op.params[1].tmpref.size = sizeof(token);
	return TEEC_InvokeCommand(&session, TA_WALLET_CMD_ATTEST, &op, 0);
}

static void op_attest(unsigned i)
{
	(void)i;
	if (attest(32) != TEEC_SUCCESS)
		bench_errors++;
}

static void op_refused(unsigned i)
{
	(void)i;
	if (attest(7) != TEEC_ERROR_BAD_PARAMETERS)
		bench_errors++;
}

void guest_bench_attest(void)
{
	const TEEC_UUID uuid = TA_WALLET_UUID;
	TEEC_Context ctx;

	if (TEEC_InitializeContext("T1", &ctx) != TEEC_SUCCESS ||
	    TEEC_OpenSession(&ctx, &session, &uuid, TEEC_LOGIN_PUBLIC, 0, 0, 0) != TEEC_SUCCESS) {
		printk("BENCH-ERROR no wallet TA in TEE \"T1\"\n");
		return;
	}
	bench_errors = 0;
	printk("BENCH attest_token_first %lu\n", (unsigned long)bench_run(op_attest, 1));
	if (bench_errors)
		printk("BENCH-ERROR attest_token_first: no token\n");
	bench_report("attest_token", op_attest, 4);
	bench_report("attest_refused", op_refused, 20);
	TEEC_CloseSession(&session);
	TEEC_FinalizeContext(&ctx);
}
