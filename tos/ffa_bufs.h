/* SPDX-License-Identifier: BSD-3-Clause */
/* The trusted OS's FF-A RX/TX pair, mapped on first use (ffa_bufs.c). */
#ifndef TOS_FFA_BUFS_H
#define TOS_FFA_BUFS_H

#include <lib/ffa_mem_client.h>

/* The registered pair, or NULL if the SPMC refused it. */
const struct ffa_mem_buffers *tos_ffa_buffers(void);

#endif
