// SPDX-License-Identifier: BSD-3-Clause
/*
 * The wallet's key and message authentication, free of TA parameter handling so the host
 * unit tests can run it: HMAC-SHA256 (mbedTLS) over a sequence number and the message.
 */
#ifndef WALLET_CORE_H
#define WALLET_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <ta_wallet.h>
#include <tee_api_types.h>

#define WALLET_KEY_SIZE 32

struct wallet {
	uint8_t key[WALLET_KEY_SIZE];
	uint64_t next_seq; /* sequence number the next signature gets */
};

/* Takes the key material (random bytes from the caller) and resets the sequence. */
void wallet_init(struct wallet *w, const uint8_t key[WALLET_KEY_SIZE]);
/* Wipes the key. */
void wallet_wipe(struct wallet *w);
/* HMAC-SHA256(key, prefix || msg) into tag; prefix may be empty. TEE_ERROR_* on failure. */
TEE_Result wallet_hmac(const uint8_t *key, size_t key_len, const uint8_t *prefix, size_t prefix_len,
		       const uint8_t *msg, size_t msg_len, uint8_t tag[WALLET_TAG_SIZE]);
/*
 * Known-answer test of the crypto as built (RFC 4231 test cases 2 and 4): run before the key
 * is made, so a miscompiled mbedTLS can never sign. TEE_ERROR_GENERIC if an answer is wrong.
 */
TEE_Result wallet_self_test(void);
/* The public key id: HMAC-SHA256(key, "tessera-wallet-key-id"). */
TEE_Result wallet_key_id(const struct wallet *w, uint8_t id[WALLET_KEY_ID_SIZE]);
/* Tags msg with the next sequence number, which it returns in *seq and then advances. */
TEE_Result wallet_sign(struct wallet *w, const uint8_t *msg, size_t msg_len,
		       uint8_t tag[WALLET_TAG_SIZE], uint64_t *seq);
/* TEE_SUCCESS if tag is the tag of (seq, msg), TEE_ERROR_MAC_INVALID if not. */
TEE_Result wallet_verify(const struct wallet *w, const uint8_t *msg, size_t msg_len, uint64_t seq,
			 const uint8_t *tag, size_t tag_len);

#endif /* WALLET_CORE_H */
