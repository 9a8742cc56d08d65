// SPDX-License-Identifier: BSD-3-Clause
/*
 * The demo's normal-world app (scenario GUEST_TEEC_DEMO): a payment with the
 * wallet TA in TEE "pay", then a photo kept in the vault TA of TEE "vault",
 * all through the GP TEE Client API (client/libteec). The same app runs in
 * every demo guest; what it may do comes from the binding policy alone, so a
 * guest bound to "pay" only is refused by "vault" with a GP error. One line
 * per step, saying what happened and why.
 */
#include <arch/sysreg.h>
#include <config/tee_directory.h>
#include <lib/print.h>
#include <lib/string.h>
#include <ta_vault.h>
#include <ta_wallet.h>
#include <tee_client_api.h>
#include <teec_ext.h>

#include "guest.h"

static const TEEC_UUID wallet_uuid = TA_WALLET_UUID;
static const TEEC_UUID vault_uuid = TA_VAULT_UUID;

static char hex_buf[2 * 32 + 1];

/* The first `n` (<= 32) bytes as hex, for one log line. */
static const char *hex(const uint8_t *b, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	if (n > 32)
		n = 32;
	for (size_t i = 0; i < n; i++) {
		hex_buf[2 * i] = digits[b[i] >> 4];
		hex_buf[2 * i + 1] = digits[b[i] & 15];
	}
	hex_buf[2 * n] = 0;
	return hex_buf;
}

static void say_error(const char *what, TEEC_Result r, uint32_t origin)
{
	printk("[app] %s failed: %s (0x%x), origin %s\n", what, teec_result_name(r), r,
	       teec_origin_name(origin));
}

/* ---- the wallet in TEE "pay" ----------------------------------------------------- */

static bool wallet_sign(TEEC_Session *s, const char *msg, uint8_t tag[WALLET_TAG_SIZE],
			uint32_t seq[2])
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)msg;
	op.params[0].tmpref.size = strlen(msg);
	op.params[1].tmpref.buffer = tag;
	op.params[1].tmpref.size = WALLET_TAG_SIZE;
	r = TEEC_InvokeCommand(s, TA_WALLET_CMD_SIGN_PAYMENT, &op, &origin);
	if (r != TEEC_SUCCESS) {
		say_error("wallet: signing", r, origin);
		return false;
	}
	seq[0] = op.params[2].value.a;
	seq[1] = op.params[2].value.b;
	printk("[app] wallet: signed \"%s\": tag %s..., sequence number %u\n", msg, hex(tag, 8),
	       seq[0]);
	return true;
}

static TEEC_Result wallet_verify(TEEC_Session *s, const char *msg,
				 const uint8_t tag[WALLET_TAG_SIZE], const uint32_t seq[2],
				 uint32_t *origin)
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

static void wallet_key_info(TEEC_Session *s)
{
	uint8_t key_id[WALLET_KEY_ID_SIZE];
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = key_id;
	op.params[0].tmpref.size = sizeof(key_id);
	r = TEEC_InvokeCommand(s, TA_WALLET_CMD_GET_PUBLIC, &op, &origin);
	if (r != TEEC_SUCCESS) {
		say_error("wallet: key info", r, origin);
		return;
	}
	printk("[app] wallet: this guest's secret key never leaves the TEE; fingerprint %s..., %u "
	       "payment(s) signed so far by this guest\n",
	       hex(key_id, 8), op.params[1].value.b);
}

/*
 * The bank's challenge: 32 fresh bytes (from the counter; a real bank draws them from its own
 * RNG), so that the token it gets back cannot be an old one replayed.
 */
static void bank_challenge(uint8_t c[32])
{
	uint64_t x = read_sysreg(cntvct_el0) | 1;

	for (int i = 0; i < 32; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17; /* xorshift64 */
		c[i] = (uint8_t)x;
	}
}

/*
 * Before its first payment the wallet attests itself to the bank: the token goes to the bank
 * as "[app] attest token" lines of hex, which the bank (tools/verify-token --log) checks
 * against the device's public key and the reference values of the build.
 */
static bool wallet_attest(TEEC_Session *s)
{
	static uint8_t token[WALLET_TOKEN_MAX];
	TEEC_Operation op = { 0 };
	uint8_t challenge[32];
	uint32_t origin;
	TEEC_Result r;

	bank_challenge(challenge);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = challenge;
	op.params[0].tmpref.size = sizeof(challenge);
	op.params[1].tmpref.buffer = token;
	op.params[1].tmpref.size = sizeof(token);
	r = TEEC_InvokeCommand(s, TA_WALLET_CMD_ATTEST, &op, &origin);
	if (r != TEEC_SUCCESS) {
		say_error("wallet: attestation", r, origin);
		return false;
	}
	printk("[app] wallet: attests itself to the bank, challenge %s\n", hex(challenge, 32));
	for (size_t i = 0; i < op.params[1].tmpref.size; i += 32)
		printk("[app] attest token %s\n",
		       hex(token + i,
			   op.params[1].tmpref.size - i < 32 ? op.params[1].tmpref.size - i : 32));
	printk("[app] attest token end (%lu bytes)\n", (unsigned long)op.params[1].tmpref.size);
	return true;
}

static void pay(void)
{
	static const char payment[] = "pay 12.50 EUR to Alice's bakery";
	static const char forged[] = "pay 99.50 EUR to Alice's bakery";
	uint8_t tag[WALLET_TAG_SIZE];
	uint32_t seq[2], origin;
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Result r;

	printk("[app] step 1: pay. Opening TEE \"pay\" by name (TEEC_InitializeContext)\n");
	r = TEEC_InitializeContext("pay", &ctx);
	if (r != TEEC_SUCCESS) {
		say_error("opening TEE \"pay\"", r, TEEC_ORIGIN_API);
		return;
	}
	r = TEEC_OpenSession(&ctx, &s, &wallet_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		say_error("opening a session to the wallet TA", r, origin);
		TEEC_FinalizeContext(&ctx);
		return;
	}
	printk("[app] wallet: session open in TEE \"pay\"\n");
	wallet_key_info(&s);
	if (wallet_attest(&s) && wallet_sign(&s, payment, tag, seq)) {
		r = wallet_verify(&s, payment, tag, seq, &origin);
		printk("[app] wallet: the bank checks the tag: %s\n",
		       r == TEEC_SUCCESS ? "valid, payment accepted" : teec_result_name(r));
		r = wallet_verify(&s, forged, tag, seq, &origin);
		printk("[app] wallet: the same tag on a forged amount (\"%s\"): %s, origin %s -> "
		       "rejected\n",
		       forged, teec_result_name(r), teec_origin_name(origin));
	}
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

/* ---- the vault in TEE "vault" ----------------------------------------------------- */

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

static TEEC_Result vault_store(TEEC_Session *s, const char *name, const uint8_t *data, size_t size,
			       uint32_t *origin)
{
	TEEC_Operation op = { 0 };

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)name;
	op.params[0].tmpref.size = strlen(name);
	op.params[1].tmpref.buffer = (void *)data;
	op.params[1].tmpref.size = size;
	return TEEC_InvokeCommand(s, TA_VAULT_CMD_STORE, &op, origin);
}

static void vault_list(TEEC_Session *s)
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
		say_error("vault: listing", r, origin);
		return;
	}
	names[op.params[0].tmpref.size] = 0;
	printk("[app] vault: it holds %u blob(s), the first named \"%s\"\n", op.params[1].value.a,
	       names);
}

/* FETCH into memory shared with the TEE (TEEC_AllocateSharedMemory), asking the size first. */
static void vault_fetch(TEEC_Context *ctx, TEEC_Session *s, const uint8_t *photo, size_t size)
{
	TEEC_SharedMemory shm = { .size = 8192, .flags = TEEC_MEM_OUTPUT };
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = (void *)"photo";
	op.params[0].tmpref.size = 5;
	r = TEEC_InvokeCommand(s, TA_VAULT_CMD_FETCH, &op, &origin);
	printk("[app] vault: how big is \"photo\"? (output buffer NULL) -> %s, %u bytes needed\n",
	       teec_result_name(r), (unsigned)op.params[1].tmpref.size);
	r = TEEC_AllocateSharedMemory(ctx, &shm);
	if (r != TEEC_SUCCESS) {
		say_error("allocating shared memory", r, TEEC_ORIGIN_API);
		return;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_NONE, TEEC_NONE);
	op.params[1].memref.parent = &shm;
	op.params[1].memref.offset = 0;
	op.params[1].memref.size = shm.size;
	r = TEEC_InvokeCommand(s, TA_VAULT_CMD_FETCH, &op, &origin);
	if (r != TEEC_SUCCESS)
		say_error("vault: fetching \"photo\"", r, origin);
	else
		printk("[app] vault: fetched \"photo\" into shared memory: %u bytes, %s\n",
		       (unsigned)op.params[1].memref.size,
		       op.params[1].memref.size == size && !memcmp(shm.buffer, photo, size)
			   ? "identical to what was stored"
			   : "DIFFERENT from what was stored");
	TEEC_ReleaseSharedMemory(&shm);
}

static const char *tee_name(uint16_t id)
{
	for (unsigned i = 0; i < tee_directory_count; i++)
		if (tee_directory[i].ffa_id == id)
			return tee_directory[i].name;
	return "?";
}

/*
 * A guest not bound to "vault": say which TEEs it may use, and show that the vault TA
 * cannot be found by UUID among them either.
 */
static void vault_refused(TEEC_Result refusal)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;
	TEEC_Result r;

	r = TEEC_InitializeContext(NULL, &ctx);
	if (r != TEEC_SUCCESS) {
		say_error("opening the TEEs this guest may reach", r, TEEC_ORIGIN_API);
		return;
	}
	printk("[app] TEE \"vault\" refused this guest: %s (the binding policy lets it use only",
	       teec_result_name(refusal));
	for (uint32_t i = 0; i < ctx.tee_count; i++)
		printk(" \"%s\"", tee_name(ctx.tee_ids[i]));
	printk(")\n");
	r = TEEC_OpenSession(&ctx, &s, &vault_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	printk("[app] looking for the vault TA by UUID among the %u TEE(s) this guest may reach: "
	       "%s, origin %s\n",
	       ctx.tee_count, teec_result_name(r), teec_origin_name(origin));
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void keep_photo(void)
{
	static uint8_t photo[2048];
	size_t size = make_photo(photo, sizeof(photo));
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;
	TEEC_Result r;

	printk("[app] step 2: keep a photo. Opening TEE \"vault\" by name\n");
	r = TEEC_InitializeContext("vault", &ctx);
	if (r == TEEC_ERROR_ACCESS_DENIED) {
		vault_refused(r);
		return;
	}
	if (r != TEEC_SUCCESS) {
		say_error("opening TEE \"vault\"", r, TEEC_ORIGIN_API);
		return;
	}
	r = TEEC_OpenSession(&ctx, &s, &vault_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		say_error("opening a session to the vault TA", r, origin);
		TEEC_FinalizeContext(&ctx);
		return;
	}
	r = vault_store(&s, "photo", photo, size, &origin);
	if (r == TEEC_SUCCESS)
		printk("[app] vault: stored \"photo\" (a %ux%u picture, %u bytes)\n", PHOTO_W,
		       PHOTO_H, (unsigned)size);
	else
		say_error("vault: storing \"photo\"", r, origin);
	vault_list(&s);
	vault_fetch(&ctx, &s, photo, size);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

void guest_demo_app(ffa_id_t self)
{
	printk("[app] guest %u: a payment app and a photo app, talking to TEEs through the GP TEE "
	       "Client API\n",
	       self);
	pay();
	keep_photo();
	printk("[app] done\n");
}
