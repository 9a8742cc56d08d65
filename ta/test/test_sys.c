// SPDX-License-Identifier: BSD-3-Clause
/*
 * The test TA's system-API commands (ta_test.h): panic and faults on purpose, TEE_Wait with
 * cancellation, heap exhaustion, memory access rights, random numbers, time, properties,
 * the client's identity.
 * Each checks what the API promises and reports what it saw, for the client suite.
 */
#include <tee_internal_api.h>
#include <user_ta_header.h>

#include "test_ta.h"
#include "user_ta_header_defines.h"

#define MAX_RANDOM 4096
#define MAX_CHUNKS 100000 /* bound on MALLOC_STRESS however the heap behaves */

TEE_Result test_cmd_panic(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	if (types == TA_TEST_TYPES1(VALUE_INPUT))
		TEE_Panic(params[0].value.a);
	TEE_Panic(TA_TEST_PANIC_CODE);
}

/* Addresses through volatile so the compiler cannot prove the fault and drop it. */
static volatile uintptr_t null_address;
/* The trusted OS's image and normal-world RAM: identity-mapped at EL1 only (docs/tos.md). */
static volatile uintptr_t kernel_address = 0x10000000;
static volatile uintptr_t ns_ram_address = 0x40000000;

/* Copies a RET into the heap and calls it: the heap is execute-never, so this must fault. */
static TEE_Result jump_to_heap(void)
{
	static const uint32_t ret_insn = 0xd65f03c0; /* RET */
	uint32_t *code = TEE_Malloc(sizeof(ret_insn), TEE_MALLOC_NO_FILL);
	void (*fn)(void);

	if (!code)
		return TEE_ERROR_OUT_OF_MEMORY;
	TEE_MemMove(code, &ret_insn, sizeof(ret_insn));
	fn = (void (*)(void))(uintptr_t)code;
	fn();
	TEE_Free(code);
	return TEE_ERROR_GENERIC; /* still alive: the fault did not happen */
}

/* What the TOS keeps from EL0 (docs/tos.md §3.1): each must trap and kill the TA. */
static TEE_Result el0_forbidden(uint32_t kind)
{
#ifdef __aarch64__
	uint64_t v = 0;

	if (kind == TA_TEST_FAULT_MASK_IRQ)
		__asm__ volatile("msr daifset, #2" ::: "memory");
	else if (kind == TA_TEST_FAULT_SEC_TIMER)
		__asm__ volatile("mrs %0, cntp_ctl_el0" : "=r"(v)); /* the TOS's own timer */
	else
		__asm__ volatile("mrs %0, cntvct_el0" : "=r"(v));
	return (TEE_Result)v | TEE_ERROR_GENERIC; /* still alive: not trapped */
#else
	(void)kind;
	__builtin_trap();	  /* host unit tests build this file too */
#endif
}

TEE_Result test_cmd_fault(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	if (types != TA_TEST_TYPES1(VALUE_INPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	switch (params[0].value.a) {
	case TA_TEST_FAULT_NULL_READ:
		return *(volatile uint32_t *)null_address;
	case TA_TEST_FAULT_NULL_WRITE:
		*(volatile uint32_t *)null_address = 1;
		break;
	case TA_TEST_FAULT_UNDEF:
#ifdef __aarch64__
		__asm__ volatile(".inst 0x00000000"); /* UDF #0 */
#else
		__builtin_trap(); /* host unit tests build this file too */
#endif
		break;
	case TA_TEST_FAULT_FP:
#ifdef __aarch64__
		/* FMOV D0, XZR, encoded: C built with -mgeneral-regs-only cannot emit it. */
		__asm__ volatile(".inst 0x9e6703e0");
#else
		__builtin_trap();
#endif
		break;
	case TA_TEST_FAULT_MASK_IRQ:
	case TA_TEST_FAULT_SEC_TIMER:
	case TA_TEST_FAULT_EL0_TIMER:
		return el0_forbidden(params[0].value.a);
	case TA_TEST_FAULT_KERNEL_READ:
		return *(volatile uint32_t *)kernel_address;
	case TA_TEST_FAULT_NS_READ:
		return *(volatile uint32_t *)ns_ram_address;
	case TA_TEST_FAULT_EXEC_HEAP:
		return jump_to_heap();
	case TA_TEST_FAULT_CODE_WRITE:
		*(volatile uint32_t *)(uintptr_t)&test_cmd_fault = 0;
		break;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
	return TEE_ERROR_GENERIC; /* still alive: the fault did not happen */
}

TEE_Result test_cmd_wait(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	bool was_masked = false;
	TEE_Result res;

	if (TEE_PARAM_TYPE_GET(types, 0) != TEE_PARAM_TYPE_VALUE_INPUT || (types >> 8) ||
	    (TEE_PARAM_TYPE_GET(types, 1) != TEE_PARAM_TYPE_NONE &&
	     TEE_PARAM_TYPE_GET(types, 1) != TEE_PARAM_TYPE_VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	if (params[0].value.b == TA_TEST_WAIT_UNMASK)
		was_masked = TEE_UnmaskCancellation();
	else if (params[0].value.b == TA_TEST_WAIT_MASK)
		was_masked = TEE_MaskCancellation();
	else if (params[0].value.b != TA_TEST_WAIT_AS_IS)
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_Wait(params[0].value.a);
	if (TEE_PARAM_TYPE_GET(types, 1) == TEE_PARAM_TYPE_VALUE_OUTPUT) {
		params[1].value.a = TEE_GetCancellationFlag();
		params[1].value.b = was_masked;
	}
	return res;
}

TEE_Result test_cmd_loop(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	volatile uint64_t spins = 0;

	if (types != TA_TEST_TYPES1(VALUE_INPUT) || params[0].value.a > TA_TEST_LOOP_UNTIL_CANCEL)
		return TEE_ERROR_BAD_PARAMETERS;
	if (params[0].value.a == TA_TEST_LOOP_FOREVER)
		for (;;)
			spins++; /* no system call: nothing but an interrupt stops it */
	TEE_UnmaskCancellation();
	while (!TEE_GetCancellationFlag())
		spins++;
	return TEE_ERROR_CANCEL;
}

/* Allocates chunks of `size` until the heap is dry; returns how many, chained in *head. */
static uint32_t fill_heap(size_t size, void **head, bool *ok)
{
	uint32_t n = 0;

	*head = NULL;
	while (n < MAX_CHUNKS) {
		uint8_t *c = TEE_Malloc(size, TEE_MALLOC_FILL_ZERO);

		if (!c)
			break;
		for (size_t i = 0; i < size; i++)
			if (c[i])
				*ok = false; /* FILL_ZERO promised zeroes */
		TEE_MemFill(c, (uint8_t)n, size);
		*(void **)c = *head;
		*head = c;
		n++;
	}
	return n;
}

/* Checks each chunk still holds its pattern (nothing overlapped), then frees them all. */
static void drain_heap(void *head, size_t size, uint32_t n, bool *ok)
{
	while (head) {
		uint8_t *c = head;

		n--;
		for (size_t i = sizeof(void *); i < size; i++)
			if (c[i] != (uint8_t)n)
				*ok = false;
		head = *(void **)c;
		TEE_Free(c);
	}
}

/* TEE_Realloc keeps the contents, NULL acts as TEE_Malloc; an absurd size fails cleanly. */
static bool realloc_works(void)
{
	uint8_t *p = TEE_Realloc(NULL, 16);
	uint8_t *q;
	bool ok = true;

	if (!p)
		return false;
	TEE_MemFill(p, 0x5a, 16);
	q = TEE_Realloc(p, 2048);
	if (!q) {
		TEE_Free(p);
		return false;
	}
	for (int i = 0; i < 16; i++)
		if (q[i] != 0x5a)
			ok = false;
	TEE_Free(q);
	if (TEE_Malloc(SIZE_MAX / 2, TEE_MALLOC_NO_FILL))
		ok = false;
	return ok;
}

TEE_Result test_cmd_malloc_stress(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	size_t size = params[0].value.a;
	uint32_t first, second;
	void *head;
	bool ok = true;

	if (types != TA_TEST_TYPES2(VALUE_INPUT, VALUE_OUTPUT) || size < 16 || size > 65536)
		return TEE_ERROR_BAD_PARAMETERS;
	first = fill_heap(size, &head, &ok);
	drain_heap(head, size, first, &ok);
	second = fill_heap(size, &head, &ok);
	drain_heap(head, size, second, &ok);
	params[1].value.a = first;
	params[1].value.b = second == first;
	if (!realloc_works())
		ok = false;
	IMSG("heap took %u chunks of %zu bytes, then %u", first, size, second);
	return ok && first > 0 ? TEE_SUCCESS : TEE_ERROR_GENERIC;
}

/* One access check: expect_ok says whether TEE_SUCCESS is the right answer. */
static uint32_t ar_check(uint32_t bit, uint32_t flags, void *buf, size_t size, bool expect_ok)
{
	bool granted = TEE_CheckMemoryAccessRights(flags, buf, size) == TEE_SUCCESS;

	return granted == expect_ok ? bit : 0;
}

static uint32_t memref_rights(uint32_t type)
{
	if (type == TEE_PARAM_TYPE_MEMREF_INPUT)
		return TEE_MEMORY_ACCESS_READ;
	if (type == TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_MEMORY_ACCESS_WRITE;
	return TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_WRITE;
}

TEE_Result test_cmd_access_rights(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	const uint32_t rw = TEE_MEMORY_ACCESS_READ | TEE_MEMORY_ACCESS_WRITE;
	uint32_t t0 = TEE_PARAM_TYPE_GET(types, 0);
	uint8_t stack_buf[64];
	uint8_t *heap_buf;
	uint32_t passed = 0;
	TEE_Param *p = &params[0];

	if (t0 < TEE_PARAM_TYPE_MEMREF_INPUT || t0 > TEE_PARAM_TYPE_MEMREF_INOUT ||
	    (types & ~0xfu) != TA_TEST_TYPES2(NONE, VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	heap_buf = TEE_Malloc(64, TEE_MALLOC_FILL_ZERO);
	if (!heap_buf)
		return TEE_ERROR_OUT_OF_MEMORY;
	passed |= ar_check(TA_TEST_AR_STACK_RW, rw, stack_buf, sizeof(stack_buf), true);
	passed |= ar_check(TA_TEST_AR_HEAP_RW, rw, heap_buf, 64, true);
	passed |= ar_check(TA_TEST_AR_CODE_NOT_W, TEE_MEMORY_ACCESS_WRITE,
			   (void *)(uintptr_t)&test_cmd_access_rights, 4, false);
	passed |= ar_check(TA_TEST_AR_NULL_DENIED, TEE_MEMORY_ACCESS_READ, NULL, 16, false);
	passed |=
	    ar_check(TA_TEST_AR_WRAP_DENIED, TEE_MEMORY_ACCESS_READ, stack_buf, SIZE_MAX, false);
	passed |=
	    ar_check(TA_TEST_AR_PARAM_ANY_OWNER, memref_rights(t0) | TEE_MEMORY_ACCESS_ANY_OWNER,
		     p->memref.buffer, p->memref.size, true);
	TEE_Free(heap_buf);
	params[1].value.a = passed;
	params[1].value.b =
	    TEE_CheckMemoryAccessRights(TEE_MEMORY_ACCESS_READ, p->memref.buffer, p->memref.size);
	return passed == TA_TEST_AR_ALL ? TEE_SUCCESS : TEE_ERROR_GENERIC;
}

TEE_Result test_cmd_random(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	if (types != TA_TEST_TYPES1(MEMREF_OUTPUT) || params[0].memref.size > MAX_RANDOM ||
	    (!params[0].memref.buffer && params[0].memref.size))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_GenerateRandom(params[0].memref.buffer, params[0].memref.size);
	return TEE_SUCCESS;
}

static bool time_before(const TEE_Time *a, const TEE_Time *b)
{
	return a->seconds < b->seconds || (a->seconds == b->seconds && a->millis < b->millis);
}

TEE_Result test_cmd_time(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	TEE_Time t1, t2, ree;

	if (types != TA_TEST_TYPES2(VALUE_OUTPUT, VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_GetSystemTime(&t1);
	TEE_GetSystemTime(&t2);
	TEE_GetREETime(&ree);
	params[0].value.a = t2.seconds;
	params[0].value.b = t2.millis;
	params[1].value.a = ree.seconds;
	params[1].value.b = ree.millis;
	if (t1.millis >= 1000 || t2.millis >= 1000 || ree.millis >= 1000 || time_before(&t2, &t1))
		return TEE_ERROR_GENERIC;
	return TEE_SUCCESS;
}

static bool uuid_equal(const TEE_UUID *a, const TEE_UUID *b)
{
	return !TEE_MemCompare(a, b, sizeof(*a));
}

/* Runs the property checks in order; returns the number of the first that fails, or 0. */
static uint32_t property_checks(void)
{
	static const TEE_UUID own = TA_UUID;
	TEE_PropSetHandle ta = TEE_PROPSET_CURRENT_TA;
	TEE_UUID uuid;
	bool flag;
	uint32_t u32;
	char small[1];
	size_t len = sizeof(small);

	if (TEE_GetPropertyAsUUID(ta, TA_PROP_STR_UUID, &uuid) || !uuid_equal(&uuid, &own))
		return 1;
	if (TEE_GetPropertyAsBool(ta, TA_PROP_STR_SINGLE_INSTANCE, &flag) || !flag)
		return 2;
	if (TEE_GetPropertyAsBool(ta, TA_PROP_STR_MULTI_SESSION, &flag) || !flag)
		return 3;
	if (TEE_GetPropertyAsBool(ta, TA_PROP_STR_KEEP_ALIVE, &flag) || flag)
		return 4;
	if (TEE_GetPropertyAsU32(ta, TA_PROP_STR_DATA_SIZE, &u32) || u32 != TA_DATA_SIZE)
		return 5;
	if (TEE_GetPropertyAsU32(ta, TA_PROP_STR_STACK_SIZE, &u32) || u32 != TA_STACK_SIZE)
		return 6;
	if (TEE_GetPropertyAsU32(ta, "tessera.no.such.property", &u32) != TEE_ERROR_ITEM_NOT_FOUND)
		return 7;
	if (TEE_GetPropertyAsString(TEE_PROPSET_TEE_IMPLEMENTATION, TEE_PROP_STR_API_VERSION, small,
				    &len) != TEE_ERROR_SHORT_BUFFER ||
	    len <= sizeof(small))
		return 8;
	return 0;
}

TEE_Result test_cmd_properties(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t t1 = TEE_PARAM_TYPE_GET(types, 1);
	uint32_t failed;

	if ((types & ~0xf0u) != TA_TEST_TYPES1(VALUE_OUTPUT) ||
	    (t1 != TEE_PARAM_TYPE_NONE && t1 != TEE_PARAM_TYPE_MEMREF_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	failed = property_checks();
	params[0].value.a = failed;
	params[0].value.b = 0;
	if (!failed && t1 == TEE_PARAM_TYPE_MEMREF_OUTPUT) {
		TEE_Result res = TEE_GetPropertyAsString(
		    TEE_PROPSET_TEE_IMPLEMENTATION, TEE_PROP_STR_DESCRIPTION,
		    params[1].memref.buffer, &params[1].memref.size);
		if (res != TEE_SUCCESS)
			return res;
	}
	return failed ? TEE_ERROR_GENERIC : TEE_SUCCESS;
}

TEE_Result test_cmd_client_id(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t t1 = TEE_PARAM_TYPE_GET(types, 1);
	TEE_PropSetHandle client = TEE_PROPSET_CURRENT_CLIENT;
	TEE_Identity id;
	TEE_UUID uuid;
	uint32_t endpoint = 0;
	TEE_Result res;

	if ((types & ~0xf0u) != TA_TEST_TYPES1(VALUE_OUTPUT) ||
	    (t1 != TEE_PARAM_TYPE_NONE && t1 != TEE_PARAM_TYPE_MEMREF_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	res = TEE_GetPropertyAsIdentity(client, TEE_PROP_STR_CLIENT_IDENTITY, &id);
	if (res != TEE_SUCCESS)
		return res;
	res = TEE_GetPropertyAsU32(client, TEE_PROP_STR_CLIENT_ENDPOINT, &endpoint);
	if (res != TEE_SUCCESS && res != TEE_ERROR_ITEM_NOT_FOUND)
		return res;
	params[0].value.a = id.login;
	params[0].value.b = endpoint;
	if (TEE_GetPropertyAsUUID(client, TEE_PROP_STR_CLIENT_IDENTITY, &uuid) !=
	    TEE_ERROR_BAD_FORMAT)
		return TEE_ERROR_GENERIC;
	if (t1 != TEE_PARAM_TYPE_MEMREF_OUTPUT)
		return TEE_SUCCESS;
	return TEE_GetPropertyAsString(client, TEE_PROP_STR_CLIENT_IDENTITY,
				       params[1].memref.buffer, &params[1].memref.size);
}
