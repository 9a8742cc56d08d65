/* SPDX-License-Identifier: BSD-3-Clause */
/* Internals of the TA library (ta/lib): the TA's own properties and the heap. */
#ifndef TA_LIB_TA_LIB_H
#define TA_LIB_TA_LIB_H

#include <stddef.h>
#include <stdint.h>
#include <tee_api_types.h>

/* Filled by ta_entry.c from the TA's user_ta_header_defines.h. */
struct ta_props {
	const TEE_UUID *uuid;
	uint32_t flags;
	uint32_t stack_size;
	uint32_t data_size;
	const char *description;
	const char *version;
};
extern const struct ta_props ta_props;

void ta_heap_init(void *base, size_t size);

#endif /* TA_LIB_TA_LIB_H */
