/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A v1.1 indirect messages at the SPMC (msg_spmc.c; docs/abi/ffa.md "Indirect messages"):
 * FFA_MSG_SEND2 between partitions and VMs, the VMs' buffers their hypervisor forwards, and the
 * framework notification "RX buffer full".
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
/* FFA_NOTIFICATION_GET of receiver `rcv` with bitmaps `want`: with either framework flag, w6
 * (SPM framework) and w7 (hypervisor framework) of *v; what they report is no longer pending. */
void spmc_msg_fwk_get(ffa_id_t rcv, uint64_t want, struct ffa_value *v);
/* Nothing pending for anyone: spmc_boot_partitions(). */
void spmc_msg_init(void);
/* sp aborted: nothing stays pending for it. */
void spmc_msg_partition_aborted(const struct sp *sp);

#endif /* HYP_ROLE_SPMC_MSG_H */
