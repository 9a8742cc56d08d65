/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The contract between the trusted OS kernel (tos/, S-EL1) and a Trusted
 * Application's user-side library (ta/lib/, S-EL0): the header every TA image
 * starts with, where things live in a TA's address space, how the kernel
 * enters a TA, and the system calls (SVC #0, x8 = number, x0-x5 arguments,
 * x0 result). Tessera's own ABI, not a standard one; docs/tos.md §4.
 */
#ifndef TOS_TA_ABI_H
#define TOS_TA_ABI_H

#include <stddef.h>
#include <stdint.h>

/* ---- Address space of a TA instance (user VAs; 4 KiB pages) ---- */
#define TA_VA_BASE	 0x80000000ull /* where every TA is linked: its header, code, data, heap */
#define TA_VA_IMAGE_MAX	 0x00400000ull /* code + data + bss (heap included) */
#define TA_VA_PARAMS	 0x80400000ull /* one page: struct ta_param_page */
#define TA_VA_STACK_TOP	 0x80600000ull /* stack grows down from here; a guard page below it */
#define TA_VA_STACK_MAX	 0x001f0000ull
#define TA_VA_BOUNCE	 0x80600000ull /* copies of the client's memrefs during a call */
#define TA_VA_BOUNCE_MAX 0x00200000ull

/* ---- The TA header: first bytes of every TA image (section .ta_head) ---- */
#define TA_HEAD_MAGIC 0x31415454u /* "TTA1" */
#define TA_NAME_MAX   16

/* Same layout as the GP TEE_UUID, so a TA_UUID initializer fills it. */
struct ta_uuid {
	uint32_t time_low;
	uint16_t time_mid;
	uint16_t time_hi;
	uint8_t clock[8];
};

struct ta_head {
	uint32_t magic;
	uint32_t flags; /* TA_FLAG_* (user_ta_header.h) */
	struct ta_uuid uuid;
	uint32_t stack_size; /* TA_STACK_SIZE */
	uint32_t heap_size;  /* TA_DATA_SIZE (the heap itself is in bss) */
	uint64_t entry;	     /* VA of the entry function (ta_entry_from_kernel) */
	uint64_t ro_end;     /* VA: end of code + read-only data, page aligned */
	uint64_t file_end;   /* VA: end of the initialised data (the image blob ends here) */
	uint64_t bss_end;    /* VA: end of zero-initialised data, page aligned */
	char name[TA_NAME_MAX];
};
_Static_assert(sizeof(struct ta_head) == 80, "ta_head layout is ABI");

/* ---- Entering a TA: x0 = operation, x1 = session context, x2 = command, x3 = TA_VA_PARAMS ---- */
#define TA_OP_CREATE	    0 /* TA_CreateEntryPoint */
#define TA_OP_OPEN_SESSION  1 /* TA_OpenSessionEntryPoint; SYS_RETURN x1 = new session context */
#define TA_OP_INVOKE	    2 /* TA_InvokeCommandEntryPoint(session context, command) */
#define TA_OP_CLOSE_SESSION 3
#define TA_OP_DESTROY	    4

/* Parameters of OPEN_SESSION / INVOKE, in the page at TA_VA_PARAMS. */
struct ta_param {
	uint64_t a; /* value.a, or memref buffer VA (0 = NULL memref) */
	uint64_t b; /* value.b, or memref size; the TA writes back outputs here */
};
struct ta_param_page {
	uint32_t types; /* TEE_PARAM_TYPES(...) */
	uint32_t reserved;
	struct ta_param params[4];
};

/* ---- System calls: svc #0, x8 = number ---- */
#define TA_SYS_RETURN	    0 /* (TEE_Result, session context) -> does not return */
#define TA_SYS_LOG	    1 /* (const char *, size_t) */
#define TA_SYS_PANIC	    2 /* (TEE_Result code) -> does not return: the instance dies */
#define TA_SYS_GET_TIME	    3 /* (which: 0 system, 1 REE) -> x0 seconds, x1 milliseconds */
#define TA_SYS_WAIT	    4 /* (milliseconds) -> TEE_SUCCESS or TEE_ERROR_CANCEL */
#define TA_SYS_RANDOM	    5 /* (void *, size_t) -> TEE_Result */
#define TA_SYS_CANCEL	    6 /* (TA_CANCEL_*) -> x0 = flag or previous mask state */
#define TA_SYS_CHECK_ACCESS 7 /* (flags, const void *, size_t) -> TEE_Result */
#define TA_SYS_CLIENT_ID    8 /* (struct ta_client_id *) -> TEE_Result */
#define TA_SYS_ATTEST	    9 /* (struct ta_attest_args *) -> TEE_Result (docs/attestation.md) */
#define TA_SYS_COUNT	    10

#define TA_CANCEL_GET	    0
#define TA_CANCEL_UNMASK    1
#define TA_CANCEL_MASK	    2

/*
 * What TA_SYS_CLIENT_ID writes: login method and client UUID (octets, RFC 4122 order) as the
 * client claimed them, and the FF-A ID of the endpoint that opened the session, as the
 * hypervisors stamped it (the property tessera.client.endpoint).
 */
struct ta_client_id {
	uint32_t login;
	uint8_t uuid[16];
	uint32_t endpoint;
};
_Static_assert(sizeof(struct ta_client_id) == 24, "ta_client_id layout is ABI");

/*
 * TA_SYS_ATTEST (TEE_Attest): an attestation token over the challenge, naming this TA. The
 * kernel reads the struct, writes token_len back: the token's length (also when
 * TEE_ERROR_SHORT_BUFFER says token_len bytes were too few).
 */
struct ta_attest_args {
	uint64_t challenge;	/* VA */
	uint64_t challenge_len; /* 8..64 bytes */
	uint64_t token;		/* VA */
	uint64_t token_len;	/* in: room at token; out: the token's length */
};
_Static_assert(sizeof(struct ta_attest_args) == 32, "ta_attest_args layout is ABI");

#endif /* TOS_TA_ABI_H */
