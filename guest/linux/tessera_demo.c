// SPDX-License-Identifier: BSD-3-Clause
/*
 * tessera-demo: the seed story from a Linux guest, through Debian's unmodified libteec and
 * the kernel's OP-TEE driver (the Linux counterpart of guest/demo_app.c). One context on
 * the default TEE device (TEEC_InitializeContext(NULL): libteec cannot select a TEE by
 * name, nshyp routes each session by TA UUID among the TEEs the guest is bound to):
 *   1. the wallet TA (TEE "pay"): key fingerprint, sign a payment, the bank verifies the
 *      tag, a forged amount is rejected;
 *   2. the vault TA (TEE "vault"): store a photo, list, read it back into shared memory.
 * Usage: tessera-demo [both|pay-only]. "both" (the default) expects every step to work;
 * "pay-only" expects the wallet to work and the vault TA to be unreachable
 * (TEEC_ERROR_ITEM_NOT_FOUND), as for a guest bound to "pay" only. Exit status 0 when what
 * happened is what was expected.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <ta_vault.h>
#include <ta_wallet.h>
#include <tee_client_api.h>

#include "teec_util.h"

#define SAY(...) printf("[linux-app] " __VA_ARGS__)

static const TEEC_UUID wallet_uuid = TA_WALLET_UUID;
static const TEEC_UUID vault_uuid = TA_VAULT_UUID;

static void say_result(const char *what, TEEC_Result r, uint32_t origin)
{
	SAY("%s -> 0x%08x (%s), origin %s\n", what, r, teec_result_str(r), teec_origin_str(origin));
}

static void hex(char *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
}

/* ---- the wallet in TEE "pay" ----------------------------------------------------- */

static bool wallet_key_info(TEEC_Session *s)
{
	uint8_t key_id[WALLET_KEY_ID_SIZE];
	TEEC_Operation op = { 0 };
	char text[2 * 8 + 1];
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = key_id;
	op.params[0].tmpref.size = sizeof(key_id);
	r = TEEC_InvokeCommand(s, TA_WALLET_CMD_GET_PUBLIC, &op, &origin);
	if (r != TEEC_SUCCESS) {
		say_result("wallet: GET_PUBLIC", r, origin);
		return false;
	}
	hex(text, key_id, 8);
	SAY("wallet: this client's key stays in the TEE; fingerprint %s..., %u payment(s) "
	    "signed so far\n",
	    text, op.params[1].value.b);
	return true;
}

static TEEC_Result wallet_verify(TEEC_Session *s, const char *msg, const uint8_t *tag,
				 const uint32_t seq[2], uint32_t *origin)
{
	TEEC_Operation op = { 0 };

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_INPUT,
					 TEEC_VALUE_INPUT, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = strlen(msg);
	op.params[1].tmpref.buffer = (void *)tag;
	op.params[1].tmpref.size = WALLET_TAG_SIZE;
	op.params[2].value.a = seq[0];
	op.params[2].value.b = seq[1];
	return TEEC_InvokeCommand(s, TA_WALLET_CMD_VERIFY, &op, origin);
}

/* Sign a payment, have it verified, and check that a forged amount is rejected. */
static bool wallet_pay(TEEC_Session *s)
{
	static const char payment[] = "pay 12.50 EUR to Alice's bakery";
	static const char forged[] = "pay 99.50 EUR to Alice's bakery";
	uint8_t tag[WALLET_TAG_SIZE];
	TEEC_Operation op = { 0 };
	char text[2 * 8 + 1];
	uint32_t seq[2], origin;
	TEEC_Result r;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)payment;
	op.params[0].tmpref.size = strlen(payment);
	op.params[1].tmpref.buffer = tag;
	op.params[1].tmpref.size = sizeof(tag);
	r = TEEC_InvokeCommand(s, TA_WALLET_CMD_SIGN_PAYMENT, &op, &origin);
	if (r != TEEC_SUCCESS || op.params[1].tmpref.size != WALLET_TAG_SIZE) {
		say_result("wallet: SIGN_PAYMENT", r, origin);
		return false;
	}
	seq[0] = op.params[2].value.a;
	seq[1] = op.params[2].value.b;
	hex(text, tag, 8);
	SAY("wallet: signed \"%s\" (%zu bytes): tag %s... (%zu bytes), sequence number %u\n",
	    payment, strlen(payment), text, op.params[1].tmpref.size, seq[0]);
	r = wallet_verify(s, payment, tag, seq, &origin);
	SAY("wallet: the bank checks the tag: %s\n",
	    r == TEEC_SUCCESS ? "valid, payment accepted" : teec_result_str(r));
	if (r != TEEC_SUCCESS)
		return false;
	r = wallet_verify(s, forged, tag, seq, &origin);
	SAY("wallet: the same tag on a forged amount (\"%s\"): %s -> %s\n", forged,
	    teec_result_str(r), r == TEEC_ERROR_MAC_INVALID ? "rejected" : "NOT rejected");
	return r == TEEC_ERROR_MAC_INVALID;
}

static bool wallet(TEEC_Context *ctx)
{
	uint32_t origin;
	TEEC_Session s;
	TEEC_Result r;
	bool ok;

	SAY("step 1: pay. Opening a session to the wallet TA (TEE \"pay\")\n");
	r = TEEC_OpenSession(ctx, &s, &wallet_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	say_result("wallet: TEEC_OpenSession", r, origin);
	if (r != TEEC_SUCCESS)
		return false;
	ok = wallet_key_info(&s) && wallet_pay(&s);
	TEEC_CloseSession(&s);
	return ok;
}

/* ---- the vault in TEE "vault" ------------------------------------------------------- */

#define PHOTO_W 48
#define PHOTO_H 32

/* A tiny greyscale picture (PGM) standing in for a photo: a diagonal gradient. */
static size_t make_photo(uint8_t *out, size_t max)
{
	static const char header[] = "P5 48 32 255\n";
	size_t n = sizeof(header) - 1;

	if (max < n + PHOTO_W * PHOTO_H)
		return 0;
	memcpy(out, header, n);
	for (unsigned y = 0; y < PHOTO_H; y++)
		for (unsigned x = 0; x < PHOTO_W; x++)
			out[n++] = (uint8_t)((x * 5 + y * 3) & 0xff);
	return n;
}

static bool vault_store(TEEC_Session *s, const uint8_t *photo, size_t size)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)"photo";
	op.params[0].tmpref.size = 5;
	op.params[1].tmpref.buffer = (void *)photo;
	op.params[1].tmpref.size = size;
	r = TEEC_InvokeCommand(s, TA_VAULT_CMD_STORE, &op, &origin);
	if (r != TEEC_SUCCESS) {
		say_result("vault: STORE", r, origin);
		return false;
	}
	SAY("vault: stored \"photo\" (a %ux%u picture, %zu bytes)\n", PHOTO_W, PHOTO_H, size);
	return true;
}

static bool vault_list(TEEC_Session *s)
{
	char names[128];
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = names;
	op.params[0].tmpref.size = sizeof(names) - 1;
	r = TEEC_InvokeCommand(s, TA_VAULT_CMD_LIST, &op, &origin);
	if (r != TEEC_SUCCESS) {
		say_result("vault: LIST", r, origin);
		return false;
	}
	names[op.params[0].tmpref.size] = 0;
	SAY("vault: it holds %u blob(s), the first named \"%s\"\n", op.params[1].value.a, names);
	return true;
}

/* Read the photo back: ask its size (NULL output), then FETCH into allocated shared memory. */
static bool vault_fetch(TEEC_Context *ctx, TEEC_Session *s, const uint8_t *photo, size_t size)
{
	TEEC_SharedMemory shm = { .size = 8192, .flags = TEEC_MEM_OUTPUT };
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;
	bool same;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)"photo";
	op.params[0].tmpref.size = 5;
	r = TEEC_InvokeCommand(s, TA_VAULT_CMD_FETCH, &op, &origin);
	SAY("vault: how big is \"photo\"? (output buffer NULL) -> %s, %zu bytes needed\n",
	    teec_result_str(r), op.params[1].tmpref.size);
	r = TEEC_AllocateSharedMemory(ctx, &shm);
	if (r != TEEC_SUCCESS) {
		say_result("vault: TEEC_AllocateSharedMemory", r, TEEC_ORIGIN_API);
		return false;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[1].memref.parent = &shm;
	op.params[1].memref.offset = 0;
	op.params[1].memref.size = shm.size;
	r = TEEC_InvokeCommand(s, TA_VAULT_CMD_FETCH, &op, &origin);
	same = r == TEEC_SUCCESS && op.params[1].memref.size == size &&
	       !memcmp(shm.buffer, photo, size);
	if (r != TEEC_SUCCESS)
		say_result("vault: FETCH", r, origin);
	else
		SAY("vault: read \"photo\" back into shared memory: %zu bytes, %s\n",
		    op.params[1].memref.size,
		    same ? "identical to what was stored" : "DIFFERENT from what was stored");
	TEEC_ReleaseSharedMemory(&shm);
	return same;
}

/* Returns the result of opening the session; *ok tells whether the rest worked. */
static TEEC_Result vault(TEEC_Context *ctx, bool *ok)
{
	static uint8_t photo[2048];
	size_t size = make_photo(photo, sizeof(photo));
	uint32_t origin;
	TEEC_Session s;
	TEEC_Result r;

	SAY("step 2: keep a photo. Opening a session to the vault TA (TEE \"vault\")\n");
	r = TEEC_OpenSession(ctx, &s, &vault_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	say_result("vault: TEEC_OpenSession", r, origin);
	*ok = false;
	if (r != TEEC_SUCCESS)
		return r;
	*ok = vault_store(&s, photo, size) && vault_list(&s) && vault_fetch(ctx, &s, photo, size);
	TEEC_CloseSession(&s);
	return r;
}

int main(int argc, char **argv)
{
	const char *expect = argc > 1 ? argv[1] : "both";
	bool both = !strcmp(expect, "both"), wallet_ok, vault_ok, as_expected;
	TEEC_Context ctx;
	TEEC_Result r, vault_open;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!both && strcmp(expect, "pay-only")) {
		fprintf(stderr, "usage: tessera-demo [both|pay-only]\n");
		return 2;
	}
	SAY("a payment app and a photo app on Linux, through Debian's libteec and optee.ko "
	    "(expecting: %s)\n",
	    expect);
	r = TEEC_InitializeContext(NULL, &ctx);
	say_result("TEEC_InitializeContext(NULL)", r, TEEC_ORIGIN_API);
	if (r != TEEC_SUCCESS) {
		SAY("no TEE device: is optee.ko loaded and /dev/tee0 there?\n");
		return 1;
	}
	wallet_ok = wallet(&ctx);
	vault_open = vault(&ctx, &vault_ok);
	if (!both && vault_open == TEEC_ERROR_ITEM_NOT_FOUND)
		SAY("vault: not reachable from this guest (its binding does not include TEE "
		    "\"vault\")\n");
	TEEC_FinalizeContext(&ctx);
	as_expected = wallet_ok && (both ? vault_ok : vault_open == TEEC_ERROR_ITEM_NOT_FOUND);
	SAY("done: wallet %s, vault %s: %s\n", wallet_ok ? "worked" : "FAILED",
	    vault_ok ? "worked"
		     : (vault_open == TEEC_ERROR_ITEM_NOT_FOUND ? "not found" : "FAILED"),
	    as_expected ? "as expected" : "NOT as expected");
	return as_expected ? 0 : 1;
}
