/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A v1.1 indirect messages at the SPMC (msg_spmc.c; docs/abi/ffa.md "Indirect messages"):
 * FFA_MSG_SEND2 between partitions and VMs, the VMs' buffers their hypervisor forwards, and the
 * framework notification "RX buffer full" (kept and signalled by notif_spmc.c).
 */
#ifndef HYP_ROLE_SPMC_MSG_H
#define HYP_ROLE_SPMC_MSG_H

#include <abi/ffa.h>
#include <stdbool.h>

struct sp;

/* FFA_FEATURES: whether `fid` (an indirect-messaging ID) works for partition sp (NULL: the
 * normal world). */
bool spmc_msg_supported(uint32_t fid, const struct sp *sp);
/* An indirect-messaging call of partition sp: false for other IDs, else the answer in *m. */
bool spmc_msg_sp_call(struct sp *sp, struct ffa_value *m);
/* The normal world's (its hypervisor's) calls for its VMs: a forwarded FFA_RXTX_MAP (w1 = w2 =
 * 0), RXTX_UNMAP and RX_RELEASE naming a VM, FFA_RX_ACQUIRE, FFA_MSG_SEND2; false otherwise. */
bool spmc_msg_nwd_call(struct ffa_value *m);
/* Nothing pending for anyone: spmc_boot_partitions(). */
void spmc_msg_init(void);

#endif /* HYP_ROLE_SPMC_MSG_H */
