/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The host's stand-in for nshyp.c's guest table and run queue as vm_msg.c sees them
 * (nshyp_guest_by_id() and the rest, test/fuzz/host_stubs.c): a test registers its guests by
 * VM ID, ends one (`ended`), and reads whether vm_msg.c parked one (`blocked`) and how many
 * NPIs notif_nshyp.c injected into it.
 */
#ifndef TEST_FUZZ_HOST_GUESTS_H
#define TEST_FUZZ_HOST_GUESTS_H

#include <abi/ffa.h>
#include <stdbool.h>

#define HOST_GUESTS 8

struct guest;

struct host_guest {
	ffa_id_t id;
	struct guest *g;
	bool ended;
	bool blocked;
	unsigned npis; /* notification pending interrupts injected (nshyp_guest_npi()) */
};

extern struct host_guest host_guests[HOST_GUESTS];
extern unsigned host_guest_count;

#endif /* TEST_FUZZ_HOST_GUESTS_H */
