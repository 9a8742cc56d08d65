// SPDX-License-Identifier: BSD-3-Clause
/*
 * TA property flags a Trusted Application sets in TA_FLAGS (its user_ta_header_defines.h),
 * with OP-TEE's names and bit values, and the GP standard TA property names
 * (GP v1.3.1 §4.5, Table 4-11) the property API answers for TEE_PROPSET_CURRENT_TA.
 * The header section the trusted OS reads is ta/lib's (build glue); these are its inputs.
 */
#ifndef USER_TA_HEADER_H
#define USER_TA_HEADER_H

/* Legacy OP-TEE flags, accepted so OP-TEE TAs build unchanged; they mean nothing here. */
#define TA_FLAG_USER_MODE 0
#define TA_FLAG_EXEC_DDR  0

/* gpd.ta.singleInstance: one instance serves every session (else one per session). */
#define TA_FLAG_SINGLE_INSTANCE (1u << 2)
/* gpd.ta.multiSession: a single instance accepts more than one session at a time. */
#define TA_FLAG_MULTI_SESSION (1u << 3)
/* gpd.ta.instanceKeepAlive: the instance outlives its last session (state survives). */
#define TA_FLAG_INSTANCE_KEEP_ALIVE (1u << 4)

/*
 * Tessera's own (no OP-TEE flag uses the bit): memrefs to registered shared memory are mapped
 * into the TA for the call (read-only for MEMREF_INPUT, never executable, unmapped when the call
 * ends) instead of copied through a bounce buffer. The TA then sees the client's memory change
 * under it: for TAs that move large buffers and read each byte once (docs/tos.md §4.3).
 */
#define TA_FLAG_MAP_MEMREFS (1u << 24)

#define TA_FLAGS_KNOWN                                                                             \
	(TA_FLAG_SINGLE_INSTANCE | TA_FLAG_MULTI_SESSION | TA_FLAG_INSTANCE_KEEP_ALIVE |           \
	 TA_FLAG_MAP_MEMREFS)

/* Standard TA property names. */
#define TA_PROP_STR_UUID	    "gpd.ta.appID"
#define TA_PROP_STR_SINGLE_INSTANCE "gpd.ta.singleInstance"
#define TA_PROP_STR_MULTI_SESSION   "gpd.ta.multiSession"
#define TA_PROP_STR_KEEP_ALIVE	    "gpd.ta.instanceKeepAlive"
#define TA_PROP_STR_DATA_SIZE	    "gpd.ta.dataSize"
#define TA_PROP_STR_STACK_SIZE	    "gpd.ta.stackSize"
#define TA_PROP_STR_VERSION	    "gpd.ta.version"
#define TA_PROP_STR_DESCRIPTION	    "gpd.ta.description"

/* Standard client and implementation property names (GP v1.3.1 §4.4, §4.7). */
#define TEE_PROP_STR_CLIENT_IDENTITY "gpd.client.identity"
#define TEE_PROP_STR_API_VERSION     "gpd.tee.apiversion"
#define TEE_PROP_STR_DESCRIPTION     "gpd.tee.description"
#define TEE_PROP_STR_DEVICE_ID	     "gpd.tee.deviceID"

/*
 * Tessera extension (TEE_PROPSET_CURRENT_CLIENT, U32): the FF-A ID of the endpoint (guest VM
 * or partition) that opened the session, as the hypervisors stamped it on the request, so a
 * TA can tell clients apart by something they cannot choose themselves (the GP client
 * identity is what the client claims). TEE_ERROR_ITEM_NOT_FOUND where not provided.
 */
#define TEE_PROP_STR_CLIENT_ENDPOINT "tessera.client.endpoint"

#endif /* USER_TA_HEADER_H */
