// SPDX-License-Identifier: BSD-3-Clause
/*
 * The trusted OS's one FF-A RX/TX buffer pair (an endpoint has exactly one),
 * registered with the SPMC the first time something needs it: memory
 * retrieval (OP-TEE shared memory, the memory test commands) and discovery.
 */
#include <lib/ffa_mem_client.h>

#include "ffa_bufs.h"

static uint8_t tos_tx[4096] __attribute__((aligned(4096)));
static uint8_t tos_rx[4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tos_tx, tos_rx, sizeof(tos_tx) };
static bool mapped;

const struct ffa_mem_buffers *tos_ffa_buffers(void)
{
	if (!mapped)
		mapped = ffa_rxtx_map(&bufs) == 0;
	return mapped ? &bufs : 0;
}
