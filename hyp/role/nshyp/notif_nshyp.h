/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nshyp's part of FF-A v1.1 notifications (notif_nshyp.c; docs/abi/ffa.md "Notifications"): the
 * notification interrupts of the normal world (the SPMC's SRI to nshyp, each guest's NPI) and
 * the VM-to-VM notifications, whose bitmaps nshyp keeps (the SPMC keeps those with a partition
 * at either end: DEN0077A §10.2, the hypervisor's and the SPMC's share of the state).
 */
#ifndef HYP_ROLE_NSHYP_NOTIF_H
#define HYP_ROLE_NSHYP_NOTIF_H

#include <abi/ffa.h>
#include <abi/ffa_rules.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * A guest's notification pending interrupt: a virtual SGI of its vGIC (FFA_FEATURES(NPI) from a
 * guest answers it), the same number as the SPMC's NPI for partitions.
 */
#define NSHYP_NPI_INTID 5u

/* A guest as a receiver of VM-to-VM notifications (the ones other guests signal it). */
struct vm_notif {
	struct ffa_notif_bindings bind; /* to senders that are VMs */
	uint64_t pending;		/* set and not yet got */
};

struct guest;

/* Boot: ask the SPMC for its SRI (FFA_FEATURES); without it, guests learn of partitions'
 * notifications by polling only. */
void nshyp_notif_init(void);
/* The SRI's INTID (a physical SGI), or 0 if the SPMC has none. */
uint32_t nshyp_notif_sri_intid(void);
/* The SRI fired: INFO_GET lists the VMs partitions signalled; each such guest gets its NPI. */
void nshyp_notif_sri(void);
/* FFA_FEATURES(NPI) from guest g: the INTID if it can get one, else 0 (an INTID is never 0:
 * NSHYP_NPI_INTID). */
uint32_t nshyp_notif_npi_feature(const struct guest *g);
/* BIND, UNBIND or SET of guest g whose other end is a VM ID (w1 checked: g's own ID). */
void nshyp_notif_vm_call(struct guest *g, struct ffa_value *m);
/* GET of guest g: the SPMC's answer *m (already got) gets its VM bitmap (w4/w5) if asked. */
void nshyp_notif_vm_get(struct guest *g, struct ffa_value *m);
/* Guest g starts or ended: its VM-to-VM receiver state is empty (bindings, pending). */
void nshyp_notif_vm_reset(struct guest *g);

/* From nshyp.c (the host tests have their own): make guest g's NPI pending at its vGIC. */
void nshyp_guest_npi(struct guest *g);

#endif /* HYP_ROLE_NSHYP_NOTIF_H */
