// SPDX-License-Identifier: BSD-3-Clause
/*
 * Public interface of the test TA (hosted in TEE "vault"), modelled on what OP-TEE's xtest
 * os_test/sims TAs offer the client-side regression: one command per parameter type and
 * buffer-size rule, plus panic, fault, wait/cancel, heap stress, memory access rights,
 * random, time and properties. Shared by the TA and the client conformance suite.
 *
 * Conventions: wrong parameter types give TEE_ERROR_BAD_PARAMETERS, an unknown command
 * TEE_ERROR_NOT_SUPPORTED. The TA is single-instance and multi-session (no keep-alive).
 */
#ifndef TA_TEST_H
#define TA_TEST_H

/* b825973d-ddb6-4a7c-84b8-41034376ee2f */
#define TA_TEST_UUID                                                                               \
	{                                                                                          \
		0xb825973d, 0xddb6, 0x4a7c,                                                        \
		{                                                                                  \
			0x84, 0xb8, 0x41, 0x03, 0x43, 0x76, 0xee, 0x2f                             \
		}                                                                                  \
	}

/*
 * Open session: params[0] may be VALUE_INPUT with a == TA_TEST_OPEN_REFUSE (the TA
 * refuses the session with TEE_ERROR_ACCESS_DENIED, origin TRUSTED_APP), or VALUE_INOUT
 * (a and b each incremented, to check open-session parameter write-back). Other types
 * in any slot are ignored; a memref is accepted too.
 */
#define TA_TEST_OPEN_REFUSE 0x0badcafe

/* INC_VALUE: params[0] VALUE_INOUT: a += 1, b += 1. */
#define TA_TEST_CMD_INC_VALUE 0
/* ADD_VALUES: params[0], params[1] VALUE_INPUT, params[2] VALUE_OUTPUT = (a0+a1, b0+b1). */
#define TA_TEST_CMD_ADD_VALUES 1
/*
 * COPY_MEMREF: params[0] MEMREF_INPUT, params[1] MEMREF_OUTPUT receives a copy; size set
 * to the input's; TEE_ERROR_SHORT_BUFFER (size = input's) if it does not fit.
 */
#define TA_TEST_CMD_COPY_MEMREF 2
/*
 * FILL_MEMREF: params[0] MEMREF_OUTPUT or MEMREF_INOUT, params[1] VALUE_INPUT a = byte,
 * b = length to fill (0 = the whole buffer). Size set to the length; TEE_ERROR_SHORT_BUFFER
 * with size = b if b exceeds the buffer.
 */
#define TA_TEST_CMD_FILL_MEMREF 3
/*
 * REPORT_SIZE: params[0] any MEMREF, params[1] VALUE_OUTPUT a = size the TA got,
 * b = sum of its bytes (0 for MEMREF_OUTPUT, which the TA does not read).
 */
#define TA_TEST_CMD_REPORT_SIZE 4
/* INVERT_MEMREF: params[0] MEMREF_INOUT: every byte XOR 0xff, size unchanged. */
#define TA_TEST_CMD_INVERT_MEMREF 5
/*
 * ALL_TYPES: any four parameter types; each is processed by type so one call checks
 * every slot: VALUE_INPUT nothing, VALUE_OUTPUT a = 0x1000 + i, b = 0x2000 + i,
 * VALUE_INOUT a += 1, b += 1, MEMREF_INPUT nothing, MEMREF_OUTPUT every byte = i + 1,
 * MEMREF_INOUT every byte += 1. Returns TEE_SUCCESS.
 */
#define TA_TEST_CMD_ALL_TYPES 6
/* PANIC: TEE_Panic(params[0].value.a if VALUE_INPUT, else TA_TEST_PANIC_CODE). */
#define TA_TEST_CMD_PANIC  7
#define TA_TEST_PANIC_CODE 0xdead0001
/* FAULT: params[0] VALUE_INPUT a = TA_TEST_FAULT_*: crash on purpose. */
#define TA_TEST_CMD_FAULT	  8
#define TA_TEST_FAULT_NULL_READ	  0
#define TA_TEST_FAULT_NULL_WRITE  1
#define TA_TEST_FAULT_UNDEF	  2 /* undefined instruction */
#define TA_TEST_FAULT_CODE_WRITE  3 /* write to the TA's own code */
#define TA_TEST_FAULT_FP	  4 /* an FP/SIMD instruction (FMOV D0, XZR): TAs have no FP access */
#define TA_TEST_FAULT_KERNEL_READ 5  /* read the trusted OS's own image (EL1-only mapping) */
#define TA_TEST_FAULT_NS_READ	  6  /* read normal-world RAM (mapped for the kernel, EL1-only) */
#define TA_TEST_FAULT_EXEC_HEAP	  7  /* jump into the TA's own heap (execute-never) */
#define TA_TEST_FAULT_MASK_IRQ	  8  /* MSR DAIFSet, #2: EL0 may not mask the time slice's IRQ */
#define TA_TEST_FAULT_SEC_TIMER	  9  /* read CNTP_CTL_EL0, the secure timer (EL1 only) */
#define TA_TEST_FAULT_EL0_TIMER	  10 /* read CNTVCT_EL0: CNTKCTL_EL1 gives EL0 no counter/timer */
/*
 * WAIT: params[0] VALUE_INPUT a = milliseconds (TEE_TIMEOUT_INFINITE allowed), b =
 * TA_TEST_WAIT_*; params[1] NONE or VALUE_OUTPUT a = cancellation flag after the wait,
 * b = 1 if cancellation was masked before b's change. Returns TEE_Wait's result
 * (TEE_ERROR_CANCEL when cancelled while unmasked).
 */
#define TA_TEST_CMD_WAIT    9
#define TA_TEST_WAIT_AS_IS  0
#define TA_TEST_WAIT_UNMASK 1
#define TA_TEST_WAIT_MASK   2
/*
 * MALLOC_STRESS: params[0] VALUE_INPUT a = chunk size (16..65536); params[1] VALUE_OUTPUT
 * a = chunks allocated before TEE_Malloc returned NULL, b = 1 if the same amount could be
 * allocated again after freeing everything. The TA checks zero fill, its own patterns
 * and TEE_Realloc on the way; TEE_ERROR_GENERIC if a check fails.
 */
#define TA_TEST_CMD_MALLOC_STRESS 10
/*
 * ACCESS_RIGHTS: the TA checks TEE_CheckMemoryAccessRights on its stack, heap, code,
 * NULL, an overflowing range and params[0] (any MEMREF). params[1] VALUE_OUTPUT a =
 * bitmap of TA_TEST_AR_* checks that passed, b = result for the memref with READ only.
 * Returns TEE_SUCCESS if all of TA_TEST_AR_ALL passed, else TEE_ERROR_GENERIC.
 */
#define TA_TEST_CMD_ACCESS_RIGHTS  11
#define TA_TEST_AR_STACK_RW	   (1u << 0)
#define TA_TEST_AR_HEAP_RW	   (1u << 1)
#define TA_TEST_AR_CODE_NOT_W	   (1u << 2)
#define TA_TEST_AR_NULL_DENIED	   (1u << 3)
#define TA_TEST_AR_WRAP_DENIED	   (1u << 4)
#define TA_TEST_AR_PARAM_ANY_OWNER (1u << 5)
#define TA_TEST_AR_ALL		   (0x3fu)
/* RANDOM: params[0] MEMREF_OUTPUT filled with TEE_GenerateRandom bytes (up to 4096). */
#define TA_TEST_CMD_RANDOM 12
/*
 * TIME: params[0] VALUE_OUTPUT system time (a = seconds, b = millis), params[1]
 * VALUE_OUTPUT REE time. TEE_ERROR_GENERIC if millis >= 1000 or system time went back.
 */
#define TA_TEST_CMD_TIME 13
/*
 * PROPERTIES: the TA reads its own and the implementation's properties and checks them
 * (appID = its UUID, flags, sizes, unknown name -> ITEM_NOT_FOUND, short string buffer ->
 * SHORT_BUFFER). params[0] VALUE_OUTPUT a = number of the first failing check (0 = all
 * passed); params[1] NONE or MEMREF_OUTPUT receives gpd.tee.description.
 */
#define TA_TEST_CMD_PROPERTIES 14
/*
 * SESSION_INFO: params[0] VALUE_OUTPUT a = sessions open on this instance, b = this
 * session's number (1 for the first session the instance saw).
 */
#define TA_TEST_CMD_SESSION_INFO 15
/* LOG: params[0] MEMREF_INPUT text, printed with IMSG (up to 200 bytes). */
#define TA_TEST_CMD_LOG 16
/*
 * CLIENT_ID: the session's client as the TA sees it (issue 11). params[0] VALUE_OUTPUT
 * a = login (TEE_GetPropertyAsIdentity on gpd.client.identity), b = tessera.client.endpoint;
 * params[1] NONE or MEMREF_OUTPUT: gpd.client.identity as a string, "<login>:<uuid>" with
 * its NUL (TEE_ERROR_SHORT_BUFFER with the size needed). TEE_ERROR_GENERIC if
 * TEE_GetPropertyAsUUID on the identity does not answer TEE_ERROR_BAD_FORMAT (GP types).
 */
#define TA_TEST_CMD_CLIENT_ID 17
/*
 * LOOP: an endless loop (docs/tos.md §3.1: only the TOS's time slice gets the CPU back).
 * params[0] VALUE_INPUT a = TA_TEST_LOOP_FOREVER: spins without a system call and never
 * returns; TA_TEST_LOOP_UNTIL_CANCEL: unmasks cancellation and spins until
 * TEE_GetCancellationFlag() is set, then returns TEE_ERROR_CANCEL.
 */
#define TA_TEST_CMD_LOOP	  18
#define TA_TEST_LOOP_FOREVER	  0
#define TA_TEST_LOOP_UNTIL_CANCEL 1
/*
 * TOUCH_MEMREF: params[0] MEMREF_INOUT of at least 4 bytes: its first 32-bit word += 1, the
 * rest untouched, size unchanged (the memref benchmarks: the TA's own work is one word).
 */
#define TA_TEST_CMD_TOUCH_MEMREF 19
/*
 * MEMREF_PROBE: what a TA can do with a memref beyond its parameter type, to check how the
 * trusted OS gives it the memory. params[1] VALUE_INPUT: a = action, b = byte offset.
 * WRITE: params[0] a memref of any direction, its byte b inverted (the TA ignores the type);
 * KEEP: params[0]'s address kept for a later call; READ_KEPT: read the kept address (params[0]
 * NONE); EXEC: call params[0]'s address (the client put a RET there). TEE_SUCCESS if the
 * access worked; a fault kills the instance (TARGET_DEAD).
 */
#define TA_TEST_CMD_MEMREF_PROBE 20
#define TA_TEST_PROBE_WRITE	 0
#define TA_TEST_PROBE_KEEP	 1
#define TA_TEST_PROBE_READ_KEPT	 2
#define TA_TEST_PROBE_EXEC	 3

/*
 * The same test TA built with TA_FLAG_MAP_MEMREFS (ta/test_map): its registered-memory
 * memrefs are mapped into it instead of copied (docs/tos.md §4.3).
 * 6a3d2b1e-5f4c-4e8d-9b7a-0c1d2e3f4a5b
 */
#define TA_TEST_MAP_UUID                                                                           \
	{                                                                                          \
		0x6a3d2b1e, 0x5f4c, 0x4e8d,                                                        \
		{                                                                                  \
			0x9b, 0x7a, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b                             \
		}                                                                                  \
	}

#endif /* TA_TEST_H */
