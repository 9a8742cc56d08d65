// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the wallet TA: HMAC-SHA256 through mbedTLS (built from the same Debian
 * source as the TA's, for the host) against RFC 4231 vectors, and the commands through
 * the real entry points over the TA library shim (which makes the "random" key 0, 1, ...).
 * Keys and counters are per client: FF-A endpoint and GP identity (issue 11).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../ta/wallet/wallet_core.h"
#include "test_ta_shim.h"

#define T_MIN  TEE_PARAM_TYPE_MEMREF_INPUT
#define T_MOUT TEE_PARAM_TYPE_MEMREF_OUTPUT
#define T_VIN  TEE_PARAM_TYPE_VALUE_INPUT
#define T_VOUT TEE_PARAM_TYPE_VALUE_OUTPUT

static const uint32_t sign_t = TEE_PARAM_TYPES(T_MIN, T_MOUT, T_VOUT, 0);
static const uint32_t verify_t = TEE_PARAM_TYPES(T_MIN, T_MIN, T_VIN, 0);
static const uint32_t public_t = TEE_PARAM_TYPES(T_MOUT, T_VOUT, 0, 0);

/* RFC 4231 test case 1 and 2 (HMAC-SHA-256). */
static void test_hmac_rfc4231(void **state)
{
	static const uint8_t tc1[32] = { 0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53,
					 0x5c, 0xa8, 0xaf, 0xce, 0xaf, 0x0b, 0xf1, 0x2b,
					 0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83, 0x3d, 0xa7,
					 0x26, 0xe9, 0x37, 0x6c, 0x2e, 0x32, 0xcf, 0xf7 };
	static const uint8_t tc2[32] = { 0x5b, 0xdc, 0xc1, 0x46, 0xbf, 0x60, 0x75, 0x4e,
					 0x6a, 0x04, 0x24, 0x26, 0x08, 0x95, 0x75, 0xc7,
					 0x5a, 0x00, 0x3f, 0x08, 0x9d, 0x27, 0x39, 0x83,
					 0x9d, 0xec, 0x58, 0xb9, 0x64, 0xec, 0x38, 0x43 };
	uint8_t key1[20];
	uint8_t tag[32];

	(void)state;
	memset(key1, 0x0b, sizeof(key1));
	assert_int_equal(
	    wallet_hmac(key1, sizeof(key1), NULL, 0, (const uint8_t *)"Hi There", 8, tag),
	    TEE_SUCCESS);
	assert_memory_equal(tag, tc1, 32);
	/* Split into prefix + message: the same MAC as one piece. */
	assert_int_equal(wallet_hmac((const uint8_t *)"Jefe", 4, (const uint8_t *)"what do ya ", 11,
				     (const uint8_t *)"want for nothing?", 17, tag),
			 TEE_SUCCESS);
	assert_memory_equal(tag, tc2, 32);
}

static void test_self_test(void **state)
{
	(void)state;
	shim_reset();
	assert_int_equal(wallet_self_test(), TEE_SUCCESS);
	shim_malloc_fail_in = 1; /* a failing HMAC fails the self-test, which fails creation */
	assert_int_equal(TA_CreateEntryPoint(), TEE_ERROR_GENERIC);
	assert_string_equal(shim_last_log, "E/TA: HMAC-SHA256 self-test failed: refusing to start");
	assert_int_equal(shim_heap_used, 0);
}

static void test_hmac_out_of_memory(void **state)
{
	uint8_t tag[32];

	(void)state;
	shim_reset();
	shim_malloc_fail_in = 1; /* mbedTLS's HMAC context */
	assert_int_equal(
	    wallet_hmac((const uint8_t *)"k", 1, NULL, 0, (const uint8_t *)"m", 1, tag),
	    TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(shim_heap_used, 0);
}

/* ---- through the TA entry points ---- */

static uint8_t shim_key[WALLET_KEY_SIZE]; /* what the shim's "random" gave the wallet */

/*
 * The key of the client (endpoint, login, UUID of bytes u), computed here from the master
 * key independently: HMAC(master, label || endpoint LE || login LE || UUID octets).
 */
static void client_key(uint32_t endpoint, uint32_t login, uint8_t u, uint8_t key[WALLET_KEY_SIZE])
{
	uint8_t who[24];

	for (int i = 0; i < 4; i++) {
		who[i] = (uint8_t)(endpoint >> (8 * i));
		who[4 + i] = (uint8_t)(login >> (8 * i));
	}
	memset(who + 8, u, 16);
	assert_int_equal(wallet_hmac(shim_key, sizeof(shim_key),
				     (const uint8_t *)"tessera-wallet-client-key", 25, who, 24,
				     key),
			 TEE_SUCCESS);
}

static void *sess; /* the session ta_setup opened: endpoint and identity not provided */

static int ta_setup(void **state)
{
	(void)state;
	shim_reset();
	for (int i = 0; i < WALLET_KEY_SIZE; i++)
		shim_key[i] = (uint8_t)i;
	assert_int_equal(TA_CreateEntryPoint(), TEE_SUCCESS);
	assert_string_equal(shim_last_log, "I/TA: HMAC-SHA256 self-test passed; new key generated");
	sess = NULL;
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &sess), TEE_SUCCESS);
	assert_non_null(sess);
	return 0;
}

static int ta_teardown(void **state)
{
	(void)state;
	TA_CloseSessionEntryPoint(sess);
	TA_DestroyEntryPoint();
	assert_int_equal(shim_heap_used, 0);
	return 0;
}

static void memref(TEE_Param *p, const void *buf, size_t size)
{
	p->memref.buffer = (void *)buf;
	p->memref.size = size;
}

static TEE_Result sign(const char *msg, uint8_t tag[32], uint64_t *seq)
{
	TEE_Param p[4] = { 0 };
	TEE_Result res;

	memref(&p[0], msg, strlen(msg));
	memref(&p[1], tag, 32);
	res = TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p);
	if (res == TEE_SUCCESS)
		assert_int_equal(p[1].memref.size, 32);
	*seq = p[2].value.a | (uint64_t)p[2].value.b << 32;
	return res;
}

static TEE_Result verify(const char *msg, const uint8_t *tag, size_t tag_len, uint64_t seq)
{
	TEE_Param p[4] = { 0 };

	memref(&p[0], msg, strlen(msg));
	memref(&p[1], tag, tag_len);
	p[2].value.a = (uint32_t)seq;
	p[2].value.b = (uint32_t)(seq >> 32);
	return TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_VERIFY, verify_t, p);
}

static void test_sign_is_hmac_of_seq_and_message(void **state)
{
	static const char msg[] = "pay 12.50 EUR to shop 42";
	uint8_t prefix[8] = { 1, 0, 0, 0, 0, 0, 0, 0 };
	uint8_t tag[32], expected[32];
	uint8_t key[WALLET_KEY_SIZE];
	uint64_t seq;

	(void)state;
	assert_int_equal(sign("first", tag, &seq), TEE_SUCCESS);
	assert_int_equal(seq, 0);
	assert_int_equal(sign(msg, tag, &seq), TEE_SUCCESS);
	assert_int_equal(seq, 1);
	client_key(0, TEE_LOGIN_PUBLIC, 0, key);
	assert_int_equal(
	    wallet_hmac(key, sizeof(key), prefix, 8, (const uint8_t *)msg, strlen(msg), expected),
	    TEE_SUCCESS);
	assert_memory_equal(tag, expected, 32);
}

static void test_verify(void **state)
{
	uint8_t tag[32];
	uint64_t seq;

	(void)state;
	assert_int_equal(sign("pay 1 EUR", tag, &seq), TEE_SUCCESS);
	assert_int_equal(verify("pay 1 EUR", tag, 32, seq), TEE_SUCCESS);
	assert_int_equal(verify("pay 9 EUR", tag, 32, seq), TEE_ERROR_MAC_INVALID);
	assert_int_equal(verify("pay 1 EUR", tag, 31, seq), TEE_ERROR_MAC_INVALID);
	assert_int_equal(verify("pay 1 EUR", tag, 32, seq + 1), TEE_ERROR_MAC_INVALID);
	assert_int_equal(sign("pay 1 EUR", tag + 0, &seq), TEE_SUCCESS);
	assert_int_equal(verify("pay 1 EUR", tag, 32, 0), TEE_ERROR_MAC_INVALID); /* replayed */
	tag[5] ^= 1;
	assert_int_equal(verify("pay 1 EUR", tag, 32, seq), TEE_ERROR_MAC_INVALID);
}

static void test_sign_short_buffer_uses_no_sequence_number(void **state)
{
	TEE_Param p[4] = { 0 };
	uint8_t tag[32];
	uint64_t seq;

	(void)state;
	memref(&p[0], "m", 1);
	memref(&p[1], tag, 31);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[1].memref.size, 32);
	memref(&p[1], NULL, 0);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[1].memref.size, 32);
	assert_int_equal(sign("m", tag, &seq), TEE_SUCCESS);
	assert_int_equal(seq, 0);
}

static void test_get_public(void **state)
{
	TEE_Param p[4] = { 0 };
	uint8_t id[40], expected[32];
	uint8_t key[WALLET_KEY_SIZE];
	uint64_t seq;

	(void)state;
	memref(&p[0], id, 8);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_GET_PUBLIC, public_t, p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[0].memref.size, WALLET_KEY_ID_SIZE);
	assert_int_equal(sign("x", expected, &seq), TEE_SUCCESS);
	memref(&p[0], id, sizeof(id));
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_GET_PUBLIC, public_t, p),
			 TEE_SUCCESS);
	assert_int_equal(p[0].memref.size, WALLET_KEY_ID_SIZE);
	assert_int_equal(p[1].value.a, WALLET_ALG_HMAC_SHA256);
	assert_int_equal(p[1].value.b, 1);
	client_key(0, TEE_LOGIN_PUBLIC, 0, key);
	assert_int_equal(wallet_hmac(key, sizeof(key), NULL, 0,
				     (const uint8_t *)"tessera-wallet-key-id", 21, expected),
			 TEE_SUCCESS);
	assert_memory_equal(id, expected, 32);
}

/* ATTEST: the challenge goes to TEE_Attest, its token to the client; every bad input refused. */
static void test_attest(void **state)
{
	const uint32_t attest_t =
	    TEE_PARAM_TYPES(TEE_PARAM_TYPE_MEMREF_INPUT, TEE_PARAM_TYPE_MEMREF_OUTPUT,
			    TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE);
	uint8_t challenge[65], token[80];
	TEE_Param p[4] = { 0 };

	(void)state;
	memset(challenge, 0xc1, sizeof(challenge));
	memref(&p[0], challenge, 32);
	memref(&p[1], token, sizeof(token));
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_SUCCESS);
	assert_int_equal(p[1].memref.size, 35);
	assert_memory_equal(token, "TOK", 3);
	assert_memory_equal(token + 3, challenge, 32);
	/* Too little room: the size it needs, nothing written. */
	memset(token, 0, sizeof(token));
	memref(&p[1], token, 34);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[1].memref.size, 35);
	assert_int_equal(token[0], 0);
	memref(&p[1], NULL, 0);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_ERROR_SHORT_BUFFER);
	/* Bad challenges and types. */
	memref(&p[1], token, sizeof(token));
	memref(&p[0], challenge, 65);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], challenge, 7);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], NULL, 0);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], challenge, 32);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, sign_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	/* A platform that cannot attest says so. */
	shim_attest_result = TEE_ERROR_NOT_SUPPORTED;
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_ATTEST, attest_t, p),
			 TEE_ERROR_NOT_SUPPORTED);
}

static void key_id_of(void *session, uint8_t id[WALLET_KEY_ID_SIZE])
{
	TEE_Param p[4] = { 0 };

	memref(&p[0], id, WALLET_KEY_ID_SIZE);
	assert_int_equal(TA_InvokeCommandEntryPoint(session, TA_WALLET_CMD_GET_PUBLIC, public_t, p),
			 TEE_SUCCESS);
}

/* Each FF-A endpoint has its own key: tags of one do not verify for another. */
static void test_clients_have_own_keys(void **state)
{
	static const char msg[] = "pay 5 EUR";
	uint8_t id1[32], id1_again[32], id3[32], tag[32];
	void *guest1, *guest1_again, *guest3;
	TEE_Param p[4] = { 0 };

	(void)state;
	shim_client_endpoint = 1;
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest1), TEE_SUCCESS);
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest1_again), TEE_SUCCESS);
	shim_client_endpoint = 3;
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest3), TEE_SUCCESS);
	key_id_of(guest1, id1);
	key_id_of(guest1_again, id1_again);
	key_id_of(guest3, id3);
	assert_memory_equal(id1, id1_again, 32);
	assert_memory_not_equal(id1, id3, 32);

	memref(&p[0], msg, strlen(msg));
	memref(&p[1], tag, 32);
	assert_int_equal(TA_InvokeCommandEntryPoint(guest1, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p),
			 TEE_SUCCESS);
	memref(&p[1], tag, 32);
	assert_int_equal(
	    TA_InvokeCommandEntryPoint(guest1_again, TA_WALLET_CMD_VERIFY, verify_t, p),
	    TEE_SUCCESS);
	assert_int_equal(TA_InvokeCommandEntryPoint(guest3, TA_WALLET_CMD_VERIFY, verify_t, p),
			 TEE_ERROR_MAC_INVALID);
	TA_CloseSessionEntryPoint(guest1);
	TA_CloseSessionEntryPoint(guest1_again);
	TA_CloseSessionEntryPoint(guest3);
}

/* Sign as `session`; the sequence number. */
static uint64_t sign_as(void *session, const char *msg)
{
	TEE_Param p[4] = { 0 };
	uint8_t tag[32];

	memref(&p[0], msg, strlen(msg));
	memref(&p[1], tag, 32);
	assert_int_equal(TA_InvokeCommandEntryPoint(session, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p),
			 TEE_SUCCESS);
	return p[2].value.a | (uint64_t)p[2].value.b << 32;
}

static uint32_t signed_so_far(void *session)
{
	TEE_Param p[4] = { 0 };
	uint8_t id[32];

	memref(&p[0], id, sizeof(id));
	assert_int_equal(TA_InvokeCommandEntryPoint(session, TA_WALLET_CMD_GET_PUBLIC, public_t, p),
			 TEE_SUCCESS);
	return p[1].value.b;
}

/*
 * Each client has its own counters (issue 10 item 7): whatever guest1 signed, guest2's
 * first signature has sequence number 0 and its count starts at 0; before, both were
 * global and told guest2 that someone else had paid.
 */
static void test_clients_have_own_counters(void **state)
{
	void *guest1, *guest2;
	TEE_Param p[4] = { 0 };

	(void)state;
	shim_client_endpoint = 1;
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest1), TEE_SUCCESS);
	shim_client_endpoint = 2;
	assert_int_equal(TA_OpenSessionEntryPoint(0, p, &guest2), TEE_SUCCESS);
	for (uint64_t i = 0; i < 5; i++)
		assert_int_equal(sign_as(guest1, "pay"), i);
	assert_int_equal(signed_so_far(guest1), 5);
	assert_int_equal(signed_so_far(guest2), 0);
	assert_int_equal(sign_as(guest2, "pay"), 0);
	assert_int_equal(signed_so_far(guest2), 1);
	assert_int_equal(sign_as(guest1, "pay"), 5);
	TA_CloseSessionEntryPoint(guest1);
	TA_CloseSessionEntryPoint(guest2);
}

/* The PUBLIC client of endpoint e, and a client of e with `login` and a UUID of bytes u. */
static struct ta_client pub(uint32_t e)
{
	return (struct ta_client){ .endpoint = e };
}

static struct ta_client who(uint32_t e, uint32_t login, uint8_t u)
{
	struct ta_client c = { .endpoint = e, .id.login = login };

	memset(&c.id.uuid, u, sizeof(c.id.uuid));
	return c;
}

/*
 * A counter lives as long as the key: a client's numbers never start again (old tags would
 * pass as new payments). Once every counter is taken, a new client cannot sign at all,
 * and a client that has counters keeps signing.
 */
static void test_counters_are_kept(void **state)
{
	struct wallet w;
	struct ta_client c, stranger = pub(999);
	uint8_t master[WALLET_KEY_SIZE] = { 1 }, tag[32];
	uint64_t seq;

	(void)state;
	wallet_init(&w, master);
	for (uint32_t e = 1; e <= WALLET_MAX_CLIENTS; e++) {
		c = pub(e);
		assert_int_equal(wallet_sign(&w, &c, (const uint8_t *)"m", 1, tag, &seq),
				 TEE_SUCCESS);
	}
	assert_int_equal(wallet_sign(&w, &stranger, (const uint8_t *)"m", 1, tag, &seq),
			 TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(wallet_signed(&w, &stranger), 0);
	c = pub(3);
	assert_int_equal(wallet_sign(&w, &c, (const uint8_t *)"m", 1, tag, &seq), TEE_SUCCESS);
	assert_int_equal(seq, 1);
	assert_int_equal(wallet_verify(&w, &stranger, (const uint8_t *)"m", 1, 0, tag, 32),
			 TEE_ERROR_MAC_INVALID);
	wallet_wipe(&w);
}

/*
 * Issue 11: each identity of a guest has its own key and counter; the same identity in
 * another guest is another client; PUBLIC and REE_KERNEL are two more. A guest has
 * WALLET_IDS_PER_CLIENT counters: its users can use up its own, never another guest's.
 */
static void test_identities_have_own_keys_and_counters(void **state)
{
	struct ta_client c[] = {
		pub(1),
		who(1, TEE_LOGIN_USER, 0xa1),
		who(1, TEE_LOGIN_USER, 0xa2),
		who(1, TEE_LOGIN_GROUP, 0xa1),
		who(1, TEE_LOGIN_REE_KERNEL, 0),
		who(2, TEE_LOGIN_USER, 0xa1),
	};
	enum {
		n = sizeof(c) / sizeof(c[0])
	};
	uint8_t master[WALLET_KEY_SIZE] = { 7 }, tag[n][32], id[n][32];
	struct wallet w;
	uint64_t seq;

	(void)state;
	wallet_init(&w, master);
	for (size_t i = 0; i < n; i++) {
		for (uint64_t k = 0; k <= i; k++) /* client i signs i + 1 times */
			assert_int_equal(
			    wallet_sign(&w, &c[i], (const uint8_t *)"pay", 3, tag[i], &seq),
			    TEE_SUCCESS);
		assert_int_equal(seq, i);
		assert_int_equal(wallet_key_id(&w, &c[i], id[i]), TEE_SUCCESS);
	}
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(wallet_signed(&w, &c[i]), i + 1);
		for (size_t j = 0; j < n; j++) {
			TEE_Result want = i == j ? TEE_SUCCESS : TEE_ERROR_MAC_INVALID;

			assert_int_equal(
			    wallet_verify(&w, &c[j], (const uint8_t *)"pay", 3, i, tag[i], 32),
			    want);
			if (i != j)
				assert_memory_not_equal(id[i], id[j], 32);
		}
	}
	/* Guest 1 has used 5 of its counters; 3 more identities, then no more for it. */
	for (uint8_t u = 0; u < WALLET_IDS_PER_CLIENT - 5; u++) {
		struct ta_client more = who(1, TEE_LOGIN_USER, u);

		assert_int_equal(wallet_sign(&w, &more, (const uint8_t *)"m", 1, tag[0], &seq),
				 TEE_SUCCESS);
	}
	c[0] = who(1, TEE_LOGIN_USER, 0x55);
	assert_int_equal(wallet_sign(&w, &c[0], (const uint8_t *)"m", 1, tag[0], &seq),
			 TEE_ERROR_OUT_OF_MEMORY);
	/* ...while its known identities and every other guest still sign. */
	c[0] = pub(1);
	assert_int_equal(wallet_sign(&w, &c[0], (const uint8_t *)"m", 1, tag[0], &seq),
			 TEE_SUCCESS);
	assert_int_equal(seq, 1);
	for (uint32_t e = 3; e <= WALLET_MAX_CLIENTS; e++) {
		for (uint8_t u = 0; u < WALLET_IDS_PER_CLIENT; u++) {
			struct ta_client x = who(e, TEE_LOGIN_USER, u);

			assert_int_equal(wallet_sign(&w, &x, (const uint8_t *)"m", 1, tag[0], &seq),
					 TEE_SUCCESS);
		}
	}
	wallet_wipe(&w);
}

/*
 * Through the entry points: the identity is read at OpenSession (a UUID with PUBLIC is
 * ignored), and the key is the one derived from (endpoint, login, UUID).
 */
static void test_ta_sessions_of_different_identities(void **state)
{
	uint8_t id_user[32], id_pub[32], id_pub_uuid[32], expected[32], key[WALLET_KEY_SIZE];
	void *user, *public, *public_uuid;

	(void)state;
	shim_set_client(5, TEE_LOGIN_USER, 0xa1);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &user), TEE_SUCCESS);
	shim_set_client(5, TEE_LOGIN_PUBLIC, 0);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &public), TEE_SUCCESS);
	shim_set_client(5, TEE_LOGIN_PUBLIC, 0x33);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &public_uuid), TEE_SUCCESS);
	key_id_of(user, id_user);
	key_id_of(public, id_pub);
	key_id_of(public_uuid, id_pub_uuid);
	assert_memory_not_equal(id_user, id_pub, 32);
	assert_memory_equal(id_pub, id_pub_uuid, 32);
	client_key(5, TEE_LOGIN_USER, 0xa1, key);
	assert_int_equal(wallet_hmac(key, sizeof(key), NULL, 0,
				     (const uint8_t *)"tessera-wallet-key-id", 21, expected),
			 TEE_SUCCESS);
	assert_memory_equal(id_user, expected, 32);
	assert_int_equal(sign_as(user, "pay"), 0);
	assert_int_equal(signed_so_far(public), 0);
	TA_CloseSessionEntryPoint(user);
	TA_CloseSessionEntryPoint(public);
	TA_CloseSessionEntryPoint(public_uuid);
}

static void test_bad_params(void **state)
{
	static uint8_t big[WALLET_MAX_MESSAGE + 1];
	TEE_Param p[4] = { 0 };
	uint8_t tag[32];
	void *ctx;

	(void)state;
	memref(&p[0], "m", 1);
	memref(&p[1], tag, 32);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_SIGN_PAYMENT, verify_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_VERIFY, sign_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_GET_PUBLIC, sign_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, 4, sign_t, p), TEE_ERROR_NOT_SUPPORTED);
	memref(&p[0], "", 0); /* empty message */
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], big, sizeof(big));
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_SIGN_PAYMENT, sign_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	memref(&p[0], NULL, 5);
	assert_int_equal(TA_InvokeCommandEntryPoint(sess, TA_WALLET_CMD_VERIFY, verify_t, p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(TA_OpenSessionEntryPoint(TEE_PARAM_TYPES(T_VIN, 0, 0, 0), p, &ctx),
			 TEE_ERROR_BAD_PARAMETERS);
}

/* The session context is allocated: without heap, OpenSession fails and leaks nothing. */
static void test_open_session_out_of_memory(void **state)
{
	void *ctx = (void *)1;

	(void)state;
	shim_malloc_fail_in = 1;
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &ctx), TEE_ERROR_OUT_OF_MEMORY);
}

static void test_sign_out_of_memory(void **state)
{
	uint8_t tag[32];
	uint64_t seq;

	(void)state;
	shim_malloc_fail_in = 1;
	assert_int_equal(sign("m", tag, &seq), TEE_ERROR_OUT_OF_MEMORY);
	assert_int_equal(sign("m", tag, &seq), TEE_SUCCESS);
	assert_int_equal(seq, 0); /* the failed attempt used no number */
}

/* Random hostile calls: nothing crashes or overruns; signing still works afterwards. */
static void test_hostile_client(void **state)
{
	uint8_t tag[32];
	uint64_t seq;

	(void)state;
	shim_hostile_rounds(sess, TA_WALLET_CMD_VERIFY, NULL, 0, 30000, 0x5eed);
	assert_int_equal(sign("after", tag, &seq), TEE_SUCCESS);
	assert_int_equal(verify("after", tag, 32, seq), TEE_SUCCESS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hmac_rfc4231),
		cmocka_unit_test(test_hmac_out_of_memory),
		cmocka_unit_test(test_self_test),
		cmocka_unit_test_setup_teardown(test_sign_is_hmac_of_seq_and_message, ta_setup,
						ta_teardown),
		cmocka_unit_test_setup_teardown(test_verify, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_sign_short_buffer_uses_no_sequence_number,
						ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_get_public, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_attest, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_clients_have_own_keys, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_clients_have_own_counters, ta_setup,
						ta_teardown),
		cmocka_unit_test(test_counters_are_kept),
		cmocka_unit_test(test_identities_have_own_keys_and_counters),
		cmocka_unit_test_setup_teardown(test_ta_sessions_of_different_identities, ta_setup,
						ta_teardown),
		cmocka_unit_test_setup_teardown(test_bad_params, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_open_session_out_of_memory, ta_setup,
						ta_teardown),
		cmocka_unit_test_setup_teardown(test_sign_out_of_memory, ta_setup, ta_teardown),
		cmocka_unit_test_setup_teardown(test_hostile_client, ta_setup, ta_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
