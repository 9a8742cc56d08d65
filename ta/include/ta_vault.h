// SPDX-License-Identifier: BSD-3-Clause
/*
 * Public interface of the vault TA (hosted in TEE "vault"): its UUID, commands and limits,
 * shared by the TA and the normal-world apps. The vault keeps named blobs in TA memory; its
 * single instance stays alive between sessions, so what one session stores another session
 * of the same client (FF-A endpoint) can fetch until the trusted OS restarts. Each client
 * has its own namespace and its own quota: VAULT_MAX_BLOBS blobs and VAULT_MAX_TOTAL bytes,
 * whatever other clients store (up to VAULT_MAX_CLIENTS clients with blobs at a time: as
 * many as a system can have guests).
 */
#ifndef TA_VAULT_H
#define TA_VAULT_H

/* fbf74d15-afa7-47ff-8208-895a86bbed78 */
#define TA_VAULT_UUID                                                                              \
	{                                                                                          \
		0xfbf74d15, 0xafa7, 0x47ff,                                                        \
		{                                                                                  \
			0x82, 0x08, 0x89, 0x5a, 0x86, 0xbb, 0xed, 0x78                             \
		}                                                                                  \
	}

#define VAULT_MAX_CLIENTS   8		/* clients with blobs at a time (SYS_MAX_VMS) */
#define VAULT_MAX_BLOBS	    16		/* per client */
#define VAULT_MAX_NAME	    32		/* bytes, no terminator needed in the memref */
#define VAULT_MAX_BLOB_SIZE (32 * 1024) /* one blob */
#define VAULT_MAX_TOTAL	    (32 * 1024) /* all blobs of one client together */

/*
 * STORE: params[0] MEMREF_INPUT name (1..VAULT_MAX_NAME bytes, no NUL inside),
 * params[1] MEMREF_INPUT data (0..VAULT_MAX_BLOB_SIZE bytes). Replaces a blob of the same
 * name. TEE_ERROR_EXCESS_DATA if the data is larger than one blob may be,
 * TEE_ERROR_OUT_OF_MEMORY if this client's quota is full (count or total bytes; other
 * clients' blobs never count).
 */
#define TA_VAULT_CMD_STORE 0
/*
 * LIST: params[0] MEMREF_OUTPUT names, each followed by a NUL, in store order;
 * params[1] VALUE_OUTPUT a = number of blobs. TEE_ERROR_SHORT_BUFFER with the required
 * size if the output is too small.
 */
#define TA_VAULT_CMD_LIST 1
/*
 * FETCH: params[0] MEMREF_INPUT name, params[1] MEMREF_OUTPUT data (size set to the
 * blob's; TEE_ERROR_SHORT_BUFFER with the required size if too small).
 * TEE_ERROR_ITEM_NOT_FOUND if there is no such blob.
 */
#define TA_VAULT_CMD_FETCH 2
/* DELETE: params[0] MEMREF_INPUT name. TEE_ERROR_ITEM_NOT_FOUND if there is no such blob. */
#define TA_VAULT_CMD_DELETE 3

#endif /* TA_VAULT_H */
