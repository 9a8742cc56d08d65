// SPDX-License-Identifier: BSD-3-Clause
/*
 * The wallet's keys and message authentication, free of TA parameter handling so the host
 * unit tests can run it: HMAC-SHA256 (mbedTLS) over a sequence number and the message.
 * Each client (struct ta_client: FF-A endpoint and GP identity) signs with its own key,
 * derived from the wallet's master key: HMAC-SHA256(master, "tessera-wallet-client-key" ||
 * endpoint (4 bytes LE) || login (4 bytes LE) || client UUID (16 octets, RFC 4122 order)),
 * so one guest can neither make nor check another guest's tags, nor one user of a guest
 * another user's. Each client has its own sequence counter (so no client learns from its
 * numbers that another one signed), kept for as long as the instance and its key live: a
 * counter that started again at 0 would let old tags pass as new payments. Counters are
 * grouped by endpoint: WALLET_MAX_CLIENTS endpoints (every one of a system), each with
 * WALLET_IDS_PER_CLIENT identities at most, so the users of one guest can never take
 * another guest's counters.
 */
#ifndef WALLET_CORE_H
#define WALLET_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ta_client.h>
#include <ta_wallet.h>
#include <tee_api_types.h>

#define WALLET_KEY_SIZE	      32
#define WALLET_MAX_CLIENTS    16 /* endpoints: every guest and partition of a system (8 + 8) */
#define WALLET_IDS_PER_CLIENT 8	 /* identities (PUBLIC, users, groups...) of one endpoint */

struct wallet_counter {
	bool in_use;
	TEE_Identity id;
	uint64_t next_seq; /* sequence number its next signature gets */
};

/* One endpoint's counters, one per identity that signed. */
struct wallet_client {
	bool in_use;
	uint32_t endpoint;
	struct wallet_counter ids[WALLET_IDS_PER_CLIENT];
};

struct wallet {
	uint8_t master[WALLET_KEY_SIZE];
	struct wallet_client clients[WALLET_MAX_CLIENTS];
};

/* Takes the master key (random bytes from the caller); no client has signed yet. */
void wallet_init(struct wallet *w, const uint8_t master[WALLET_KEY_SIZE]);
/* Wipes the master key. */
void wallet_wipe(struct wallet *w);
/* HMAC-SHA256(key, prefix || msg) into tag; prefix may be empty. TEE_ERROR_* on failure. */
TEE_Result wallet_hmac(const uint8_t *key, size_t key_len, const uint8_t *prefix, size_t prefix_len,
		       const uint8_t *msg, size_t msg_len, uint8_t tag[WALLET_TAG_SIZE]);
/*
 * Known-answer test of the crypto as built (RFC 4231 test cases 2 and 4): run before the key
 * is made, so a miscompiled mbedTLS can never sign. TEE_ERROR_GENERIC if an answer is wrong.
 */
TEE_Result wallet_self_test(void);
/* The client's key (see above); the caller wipes it after use. */
TEE_Result wallet_client_key(const struct wallet *w, const struct ta_client *client,
			     uint8_t key[WALLET_KEY_SIZE]);
/* The client's public key id: HMAC-SHA256(client key, "tessera-wallet-key-id"). */
TEE_Result wallet_key_id(const struct wallet *w, const struct ta_client *client,
			 uint8_t id[WALLET_KEY_ID_SIZE]);
/* How many signatures the client has made (its next sequence number). */
uint64_t wallet_signed(const struct wallet *w, const struct ta_client *client);
/*
 * Tags msg with the client's key and its next sequence number (returned in *seq).
 * TEE_ERROR_OUT_OF_MEMORY if it is a new client and its endpoint has no counter left (all
 * WALLET_IDS_PER_CLIENT of it taken, or all WALLET_MAX_CLIENTS endpoints).
 */
TEE_Result wallet_sign(struct wallet *w, const struct ta_client *client, const uint8_t *msg,
		       size_t msg_len, uint8_t tag[WALLET_TAG_SIZE], uint64_t *seq);
/* TEE_SUCCESS if tag is the client's tag of (seq, msg), TEE_ERROR_MAC_INVALID if not. */
TEE_Result wallet_verify(const struct wallet *w, const struct ta_client *client, const uint8_t *msg,
			 size_t msg_len, uint64_t seq, const uint8_t *tag, size_t tag_len);

#endif /* WALLET_CORE_H */
