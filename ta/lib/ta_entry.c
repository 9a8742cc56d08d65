// SPDX-License-Identifier: BSD-3-Clause
/*
 * The TA glue, compiled once per TA with its user_ta_header_defines.h: the
 * header the trusted OS reads (struct ta_head, first bytes of the image),
 * the heap (TA_DATA_SIZE bytes of bss), and the entry point the kernel starts
 * every call at. It turns the kernel's parameter page into TEE_Param[4], calls
 * the TA's entry point and hands results back with TA_SYS_RETURN.
 */
#include <tee_internal_api.h>
#include <user_ta_header_defines.h>

#include "syscall.h"
#include "ta_lib.h"

extern char __ta_ro_end[], __ta_file_end[], __ta_bss_end[];

void ta_entry_from_kernel(uint64_t op, uint64_t sess_ctx, uint64_t cmd, struct ta_param_page *pp)
    __attribute__((noreturn));

static const TEE_UUID ta_uuid = TA_UUID;

__attribute__((section(".ta_head"), used)) const struct ta_head ta_head = {
	.magic = TA_HEAD_MAGIC,
	.flags = TA_FLAGS,
	.uuid = TA_UUID,
	.stack_size = TA_STACK_SIZE,
	.heap_size = TA_DATA_SIZE,
	.entry = (uint64_t)(uintptr_t)ta_entry_from_kernel,
	.ro_end = (uint64_t)(uintptr_t)__ta_ro_end,
	.file_end = (uint64_t)(uintptr_t)__ta_file_end,
	.bss_end = (uint64_t)(uintptr_t)__ta_bss_end,
	.name = TA_NAME,
};

static uint8_t ta_heap[TA_DATA_SIZE] __attribute__((aligned(16)));

const struct ta_props ta_props = {
	.uuid = &ta_uuid,
	.flags = TA_FLAGS,
	.stack_size = TA_STACK_SIZE,
	.data_size = TA_DATA_SIZE,
#ifdef TA_DESCRIPTION
	.description = TA_DESCRIPTION,
#else
	.description = "",
#endif
#ifdef TA_VERSION
	.version = TA_VERSION,
#else
	.version = "0.0",
#endif
};

static void params_from_kernel(const struct ta_param_page *pp, TEE_Param p[TEE_NUM_PARAMS])
{
	for (unsigned i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(pp->types, i);

		if (t >= TEE_PARAM_TYPE_MEMREF_INPUT && t <= TEE_PARAM_TYPE_MEMREF_INOUT) {
			p[i].memref.buffer = (void *)(uintptr_t)pp->params[i].a;
			p[i].memref.size = pp->params[i].b;
		} else {
			p[i].value.a = (uint32_t)pp->params[i].a;
			p[i].value.b = (uint32_t)pp->params[i].b;
		}
	}
}

static void params_to_kernel(struct ta_param_page *pp, const TEE_Param p[TEE_NUM_PARAMS])
{
	for (unsigned i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(pp->types, i);

		if (t >= TEE_PARAM_TYPE_MEMREF_INPUT && t <= TEE_PARAM_TYPE_MEMREF_INOUT) {
			pp->params[i].b = p[i].memref.size;
		} else if (t == TEE_PARAM_TYPE_VALUE_OUTPUT || t == TEE_PARAM_TYPE_VALUE_INOUT) {
			pp->params[i].a = p[i].value.a;
			pp->params[i].b = p[i].value.b;
		}
	}
}

void ta_entry_from_kernel(uint64_t op, uint64_t sess_ctx, uint64_t cmd, struct ta_param_page *pp)
{
	void *ctx = (void *)(uintptr_t)sess_ctx;
	TEE_Result res = TEE_SUCCESS;
	TEE_Param p[TEE_NUM_PARAMS];
	static bool heap_ready;

	if (!heap_ready) {
		ta_heap_init(ta_heap, sizeof(ta_heap));
		heap_ready = true;
	}
	params_from_kernel(pp, p);
	switch (op) {
	case TA_OP_CREATE:
		res = TA_CreateEntryPoint();
		break;
	case TA_OP_OPEN_SESSION:
		res = TA_OpenSessionEntryPoint(pp->types, p, &ctx);
		break;
	case TA_OP_INVOKE:
		res = TA_InvokeCommandEntryPoint(ctx, (uint32_t)cmd, pp->types, p);
		break;
	case TA_OP_CLOSE_SESSION:
		TA_CloseSessionEntryPoint(ctx);
		break;
	case TA_OP_DESTROY:
		TA_DestroyEntryPoint();
		break;
	default:
		res = TEE_ERROR_NOT_SUPPORTED;
		break;
	}
	params_to_kernel(pp, p);
	ta_syscall(TA_SYS_RETURN, res, (uint64_t)(uintptr_t)ctx, 0);
	for (;;)
		ta_syscall(TA_SYS_PANIC, TEE_ERROR_GENERIC, 0, 0); /* never reached */
}
