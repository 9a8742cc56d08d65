// SPDX-License-Identifier: BSD-3-Clause
/*
 * Public interface of the wallet TA (hosted in TEE "pay"): its UUID and commands, shared by
 * the TA and the normal-world apps that call it (include with TEEC_UUID or TEE_UUID: both
 * have the same layout).
 *
 * The wallet keeps a 256-bit secret master key that it generates itself (TEE_GenerateRandom)
 * when its single, keep-alive instance is created; no key ever leaves the TA. Each client
 * (the FF-A endpoint, i.e. guest, that opened the session) gets its own key derived from it,
 * so a guest can neither make nor check another guest's tags. A payment is authenticated
 * with an HMAC-SHA256 tag over (64-bit little-endian sequence number || message); the
 * sequence number grows by one per signature of that client (each client has its own
 * counter, starting at 0) so an old tag cannot be replayed as a new payment.
 */
#ifndef TA_WALLET_H
#define TA_WALLET_H

/* d698aa61-df92-4b0f-bc75-9ebf1e98c16d */
#define TA_WALLET_UUID                                                                             \
	{                                                                                          \
		0xd698aa61, 0xdf92, 0x4b0f,                                                        \
		{                                                                                  \
			0xbc, 0x75, 0x9e, 0xbf, 0x1e, 0x98, 0xc1, 0x6d                             \
		}                                                                                  \
	}

#define WALLET_TAG_SIZE	       32 /* HMAC-SHA256 */
#define WALLET_KEY_ID_SIZE     32 /* SHA-256 of "tessera-wallet-key-id" under the key */
#define WALLET_MAX_MESSAGE     4096
#define WALLET_ALG_HMAC_SHA256 1

/*
 * GET_PUBLIC: params[0] MEMREF_OUTPUT key id (WALLET_KEY_ID_SIZE bytes; a public
 * fingerprint of this client's key, the same for each of its sessions while the instance
 * lives), params[1] VALUE_OUTPUT a = algorithm (WALLET_ALG_*), b = signatures this client
 * made so far.
 */
#define TA_WALLET_CMD_GET_PUBLIC 0
/*
 * SIGN_PAYMENT: params[0] MEMREF_INPUT message (1..WALLET_MAX_MESSAGE bytes),
 * params[1] MEMREF_OUTPUT tag (size set to WALLET_TAG_SIZE; TEE_ERROR_SHORT_BUFFER with
 * the required size if too small, nothing consumed), params[2] VALUE_OUTPUT a/b = low/high
 * 32 bits of the sequence number the tag covers.
 */
#define TA_WALLET_CMD_SIGN_PAYMENT 1
/*
 * VERIFY: params[0] MEMREF_INPUT message, params[1] MEMREF_INPUT tag, params[2]
 * VALUE_INPUT a/b = sequence number low/high. TEE_SUCCESS if the tag is valid,
 * TEE_ERROR_MAC_INVALID if not.
 */
#define TA_WALLET_CMD_VERIFY 2
/*
 * ATTEST: the wallet proves what it is and where it runs (docs/attestation.md).
 * params[0] MEMREF_INPUT challenge (8..64 bytes, the relying party's nonce), params[1]
 * MEMREF_OUTPUT token (an EAT in COSE_Sign1 from TEE_Attest; TEE_ERROR_SHORT_BUFFER with the
 * required size if too small).
 */
#define TA_WALLET_CMD_ATTEST 3
#define WALLET_TOKEN_MAX     2048

#endif /* TA_WALLET_H */
