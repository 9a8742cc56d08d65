/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A v1.1 notifications at the SPMC (notif_spmc.c; docs/abi/ffa.md "Notifications"): called by
 * the dispatcher (ffa_spmc.c) for the notification function IDs, never on the direct-message path.
 */
#ifndef HYP_ROLE_SPMC_NOTIF_H
#define HYP_ROLE_SPMC_NOTIF_H

#include <abi/ffa.h>
#include <stdbool.h>

struct sp;

/* Every receiver state empty (the partitions' own, no VM's): spmc_boot_partitions(). */
void spmc_notif_init(void);
/* Partition `sp` aborted: its bindings and what was pending for it go (a SET to it is then
 * DENIED: nothing is bound), so INFO_GET no longer lists it. */
void spmc_notif_partition_aborted(const struct sp *sp);
/* Whether notification call `fid` works for a partition (from_partition) or the normal world. */
bool spmc_notif_supported(uint32_t fid, bool from_partition);
/* FFA_FEATURES w2 for notification feature IDs: the NPI's or the SRI's INTID; else 0. */
uint32_t spmc_notif_feature_bits(uint32_t fid);
/* A notification call of the normal world (its hypervisor, ID 0) or of partition `sp`: false
 * for other function IDs; else the answer is in *m. */
bool spmc_notif_nwd_call(struct ffa_value *m);
bool spmc_notif_sp_call(struct sp *sp, struct ffa_value *m);
/* An indirect message of `snd` is in the RX of `rcv` (msg_spmc.c): its framework notification
 * "RX buffer full" is pending, signalled (NPI, or the SRI: after the run with `delay_sri`) and
 * listed as a SET's. */
void spmc_notif_fwk_rx_full(ffa_id_t snd, ffa_id_t rcv, bool delay_sri);
/* VM `vm`'s buffers are gone (forwarded RXTX_UNMAP): its framework notifications go too. */
void spmc_notif_fwk_drop(ffa_id_t vm);

#endif /* HYP_ROLE_SPMC_NOTIF_H */
