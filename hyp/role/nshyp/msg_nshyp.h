/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Guests' RX/TX buffers and FF-A v1.1 indirect messages at nshyp (msg_nshyp.c; docs/abi/ffa.md
 * "Indirect messages"): called by guest_calls.c's dispatcher, never on the direct-message path.
 */
#ifndef HYP_ROLE_NSHYP_MSG_H
#define HYP_ROLE_NSHYP_MSG_H

#include <abi/ffa.h>
#include <stdbool.h>

struct guest;

/* A guest's FFA_MSG_SEND2, RXTX_MAP/UNMAP, RX_RELEASE or PARTITION_INFO_GET: false for other
 * IDs, else the answer in *m. */
bool nshyp_msg_call(struct guest *g, struct ffa_value *m);
/* FFA_FEATURES: MSG_SEND2 works for g (it may address a VM, or a partition that takes them). */
bool nshyp_msg_feature(const struct guest *g, uint32_t fid);
/* After a forwarded FFA_NOTIFICATION_GET of g with bitmaps `want`: w7 (hypervisor framework)
 * gets the notifications nshyp raised for g ("RX buffer full" from a VM), which are then gone. */
void nshyp_msg_fwk_get(struct guest *g, uint64_t want, struct ffa_value *m);
/* g ended: its buffers at the SPMC go (forwarded RXTX_UNMAP), and what nshyp kept for it. */
void nshyp_msg_guest_end(struct guest *g);
/* nshyp writes r's RX itself: first acquired from the SPMC, which owns it when r's buffers are
 * registered there (v1.1 §7.2-7.4, FFA_RX_ACQUIRE); false if it cannot be (a partition's message
 * is in it). nshyp_msg_rx_unacquire() gives it back when nothing was written after all. */
bool nshyp_msg_rx_acquire(struct guest *r);
void nshyp_msg_rx_unacquire(struct guest *r);
/* nshyp's own TX buffer, registered at the SPMC (mem_nshyp.c); NULL if the SPMC refused it. */
void *nshyp_mem_tx(void);

#endif /* HYP_ROLE_NSHYP_MSG_H */
