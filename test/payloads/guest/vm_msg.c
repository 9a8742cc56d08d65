// SPDX-License-Identifier: BSD-3-Clause
/*
 * VM-to-VM direct messages through nshyp (GUEST_VM_MSG, test/sys/test_vm_msg.py; test system
 * "vm_msg", scheduled in description order). Each guest plays one part (boot_arg bits 15:8):
 *   VM_MSG_SERVER  waits in FFA_MSG_WAIT and answers each request: w3 squared, in the request's
 *                  width; checks what a serving guest may not do (wait again, answer with the
 *                  other width, to another VM, with w2 set) and that it cannot ask its own
 *                  client back (BUSY: no cycle); on VM_MSG_OP_STOP_ME it stops the sender
 *                  (HYPCALL_TEST_GUEST_STOP) before it answers; on VM_MSG_OP_DIE it powers off
 *                  holding the request;
 *   VM_MSG_CLIENT  sends _32 and _64 requests (upper halves of x3-x7 set: gone for _32 both
 *                  ways), the refused ones (itself, no such VM, a VM outside its binding, a
 *                  response nobody asked for), then VM_MSG_OP_DIE: the server's end gives it
 *                  ABORTED, and so does the next request; its discovery lists the server;
 *   VM_MSG_THIRD   runs before the client: a request to the server, outside its binding, is
 *                  DENIED; one to the client, which never waits for requests, is BUSY;
 *   VM_MSG_GONER   runs next: its request (VM_MSG_OP_STOP_ME) makes the server stop it with the
 *                  test hook while it waits for the answer; the server's answer is then dropped
 *                  and its call returns with the client's first request.
 * And VM-to-VM notifications (nshyp keeps them, docs/abi/ffa.md "Notifications"): the server
 * binds the client as a sender (the third, outside the VM-to-VM binding, is refused); the client
 * sets one (and is refused outside its binding), then asks (VM_MSG_OP_NOTIF): the server takes
 * its NPI as an IRQ and gets the notification.
 * Every check prints "CHECK vm_msg_<name>: PASS|FAIL" (tally.h).
 */
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <abi/psci.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <lib/print.h>

#include "../../../guest/guest.h"
#include "npi.h"
#include "tally.h"

#define SERVER 1
#define CLIENT 2
#define THIRD  3
#define GONER  4
#define NOBODY 9

/* x4 of a request: what the server does with it. */
#define VM_MSG_OP_SQUARE  0
#define VM_MSG_OP_DIE	  1
#define VM_MSG_OP_STOP_ME 2 /* the server stops the sender (test hook), then answers it */
#define VM_MSG_OP_NOTIF	  3 /* the server takes its NPI and gets the client's notification */
#define NOTIF_BIT	  0x1u
#define HIGH		  0xa5a5a5a500000000ull /* upper halves a _32 message must lose */

static struct tally tally = { .prefix = "vm_msg_" };

static struct ffa_value call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	struct ffa_value v = { { x0, x1, x2, x3, x4 } };

	return arch_hvc(v);
}

static bool is_error(struct ffa_value r, int32_t code)
{
	return (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == code;
}

static void check_error(const char *name, struct ffa_value r, int32_t code)
{
	tally_check(&tally, name, is_error(r, code), r.x[2]);
}

static void done(const char *who)
{
	printk("vm_msg %s: %u checks, %u failed\n", who, tally.checks, tally.failures);
}

/* x3-x7 of a _32 message carry nothing above bit 31. */
static bool upper_halves_zero(const struct ffa_value *r)
{
	uint64_t high = 0;

	for (unsigned i = 3; i < 8; i++)
		high |= r->x[i] >> 32;
	return high == 0;
}

/* What a serving guest may not do; the request stays pending through all of it. */
static void server_refusals(const struct ffa_value *req)
{
	bool is64 = (uint32_t)req->x[0] == FFA_MSG_SEND_DIRECT_REQ_64;
	uint64_t other = is64 ? FFA_MSG_SEND_DIRECT_RESP_32 : FFA_MSG_SEND_DIRECT_RESP_64;

	check_error("server_wait_while_serving", call(FFA_MSG_WAIT, 0, 0, 0, 0), FFA_RET_DENIED);
	check_error("server_other_width", call(other, ffa_msg_ids(SERVER, CLIENT), 0, 0, 0),
		    FFA_RET_INVALID_PARAMETERS);
	check_error("server_to_one_that_did_not_ask",
		    call((uint32_t)req->x[0] + 1, ffa_msg_ids(SERVER, THIRD), 0, 0, 0),
		    FFA_RET_INVALID_PARAMETERS);
	check_error("server_w2_mbz",
		    call((uint32_t)req->x[0] + 1, ffa_msg_ids(SERVER, CLIENT), 0xffff, 0, 0),
		    FFA_RET_INVALID_PARAMETERS);
	/* The client waits for this answer, not for requests: no cycle. */
	check_error("server_cannot_ask_its_client",
		    call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(SERVER, CLIENT), 0, 1, 0),
		    FFA_RET_BUSY);
}

/* The server binds the client as the sender of NOTIF_BIT; not the third (outside). */
static void server_binds(void)
{
	struct ffa_value r = call(FFA_FEATURES, FFA_FEATURE_NPI, 0, 0, 0);

	tally_check(&tally, "server_notif_npi_feature",
		    (uint32_t)r.x[0] == FFA_SUCCESS_32 && r.x[2] == 5, r.x[2]);
	r = call(FFA_NOTIFICATION_BIND, ffa_msg_ids(CLIENT, SERVER), 0, NOTIF_BIT, 0);
	tally_check(&tally, "server_notif_bind_client", (uint32_t)r.x[0] == FFA_SUCCESS_32, r.x[2]);
	check_error("server_notif_bind_outside",
		    call(FFA_NOTIFICATION_BIND, ffa_msg_ids(THIRD, SERVER), 0, 0x2, 0),
		    FFA_RET_DENIED);
}

/* VM_MSG_OP_NOTIF: the NPI nshyp injected when the client set it, then GET's VM bitmap. */
static void server_takes_notification(void)
{
	struct ffa_value r;
	uint32_t npi = npi_enable();

	tally_check(&tally, "server_npi_arrives", npi == 5 && npi_take() == npi, npi);
	r = call(FFA_NOTIFICATION_GET, SERVER, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM, 0, 0);
	tally_check(&tally, "server_notif_get_from_client",
		    (uint32_t)r.x[0] == FFA_SUCCESS_32 && r.x[2] == 0 && r.x[4] == NOTIF_BIT,
		    r.x[4]);
}

static __attribute__((noreturn)) void server(void)
{
	struct ffa_value r;
	unsigned served = 0;

	server_binds();
	tally_check(&tally, "server_features_msg_wait",
		    (uint32_t)call(FFA_FEATURES, FFA_MSG_WAIT, 0, 0, 0).x[0] == FFA_SUCCESS_32, 0);
	printk("waiting for requests\n");
	r = call(FFA_MSG_WAIT, 0, 0, 0, 0);
	for (;;) {
		uint32_t fid = (uint32_t)r.x[0];
		bool is64 = fid == FFA_MSG_SEND_DIRECT_REQ_64;
		struct ffa_value a;

		if (fid != FFA_MSG_SEND_DIRECT_REQ_32 && !is64) {
			tally_check(&tally, "server_got_a_request", false, fid);
			r = call(FFA_MSG_WAIT, 0, 0, 0, 0);
			continue;
		}
		if (r.x[4] == VM_MSG_OP_DIE) {
			printk("powering off holding VM %u's request\n", ffa_msg_sender(r.x[1]));
			done("server");
			call(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
		}
		if (r.x[4] == VM_MSG_OP_NOTIF)
			server_takes_notification();
		if (r.x[4] == VM_MSG_OP_STOP_ME) /* its answer below is then dropped */
			tally_check(
			    &tally, "server_stopped_its_sender",
			    call(HYPCALL_TEST_GUEST_STOP, ffa_msg_sender(r.x[1]), 0, 0, 0).x[0] ==
				0,
			    0);
		else if (!is64)
			tally_check(&tally, "server_req32_upper_halves_zero", upper_halves_zero(&r),
				    r.x[3]);
		tally_check(&tally, "server_req_ids_and_flags",
			    (r.x[1] == ffa_msg_ids(CLIENT, SERVER) ||
			     r.x[1] == ffa_msg_ids(GONER, SERVER)) &&
				r.x[2] == 0,
			    r.x[1]);
		if (ffa_msg_sender(r.x[1]) == CLIENT && served++ == 0)
			server_refusals(&r);
		a = (struct ffa_value){ { fid + 1, ffa_msg_ids(SERVER, ffa_msg_sender(r.x[1])), 0,
					  r.x[3] * r.x[3], HIGH | 4, HIGH | 5, HIGH | 6,
					  HIGH | 7 } };
		r = arch_hvc(a); /* the answer goes; the next message comes back */
	}
}

/* A _32 request: w3 squared comes back as w3, and nothing above bit 31 in x3-x7. */
static void client_square(const char *name, uint64_t v)
{
	struct ffa_value r =
	    arch_hvc((struct ffa_value){ { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(CLIENT, SERVER),
					   0, v, HIGH | VM_MSG_OP_SQUARE, HIGH, HIGH, HIGH } });
	uint64_t want = (uint32_t)v * (uint32_t)v; /* 32-bit arithmetic, as the server's w3 */

	tally_check(&tally, name,
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 &&
			r.x[1] == ffa_msg_ids(SERVER, CLIENT) && r.x[2] == 0 && r.x[3] == want,
		    r.x[3]);
	tally_check(&tally, "client_resp32_upper_halves_zero", upper_halves_zero(&r), r.x[4]);
}

static struct ffa_value request(ffa_id_t from, ffa_id_t to, uint64_t x3, uint64_t op)
{
	return call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(from, to), 0, x3, op);
}

/* The client sets the server's notification (nshyp injects its NPI), then asks it to take it. */
static void client_notifies(void)
{
	struct ffa_value r =
	    call(FFA_NOTIFICATION_SET, ffa_msg_ids(CLIENT, SERVER), 0, NOTIF_BIT, 0);

	tally_check(&tally, "client_notif_set_server", (uint32_t)r.x[0] == FFA_SUCCESS_32, r.x[2]);
	check_error("client_notif_set_unbound",
		    call(FFA_NOTIFICATION_SET, ffa_msg_ids(CLIENT, SERVER), 0, 0x2, 0),
		    FFA_RET_DENIED);
	check_error("client_notif_set_outside",
		    call(FFA_NOTIFICATION_SET, ffa_msg_ids(CLIENT, THIRD), 0, 0x1, 0),
		    FFA_RET_DENIED);
	check_error("client_notif_bind_outside",
		    call(FFA_NOTIFICATION_BIND, ffa_msg_ids(GONER, CLIENT), 0, 0x1, 0),
		    FFA_RET_DENIED);
	r = request(CLIENT, SERVER, 5, VM_MSG_OP_NOTIF);
	tally_check(&tally, "client_notif_server_took_it",
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 25, r.x[0]);
}

static void client(void)
{
	struct ffa_value r;

	/* Discovery: itself, the server (the VM it may address), TEE A. */
	r = arch_hvc((struct ffa_value){
	    { FFA_PARTITION_INFO_GET, 0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY } });
	tally_check(&tally, "client_discovery_count",
		    (uint32_t)r.x[0] == FFA_SUCCESS_32 && r.x[2] == 3, r.x[2]);
	/* The server waits for requests before the client first runs (description order). */
	client_square("client_square_32", 7);
	client_square("client_square_32_wide", 0x1125534411255344ull);
	r = call(FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(CLIENT, SERVER), 0, 0x100000001ull,
		 VM_MSG_OP_SQUARE);
	tally_check(&tally, "client_square_64",
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_64 && r.x[3] == 0x200000001ull,
		    r.x[3]);
	tally_check(&tally, "client_resp64_whole", r.x[4] == (HIGH | 4), r.x[4]);
	client_square("client_square_32_again", 12);
	client_notifies();
	check_error("client_to_itself", request(CLIENT, CLIENT, 1, 0), FFA_RET_INVALID_PARAMETERS);
	check_error("client_to_no_such_vm", request(CLIENT, NOBODY, 1, 0),
		    FFA_RET_INVALID_PARAMETERS);
	check_error("client_outside_binding", request(CLIENT, THIRD, 1, 0), FFA_RET_DENIED);
	check_error("client_claims_another_sender", request(THIRD, SERVER, 1, 0),
		    FFA_RET_INVALID_PARAMETERS);
	check_error("client_resp_nobody_asked",
		    call(FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(CLIENT, THIRD), 0, 0, 0),
		    FFA_RET_DENIED);
	/* The server powers off holding this request: it ends with ABORTED. */
	check_error("client_server_ended_holding_request",
		    request(CLIENT, SERVER, 1, VM_MSG_OP_DIE), FFA_RET_ABORTED);
	check_error("client_server_gone", request(CLIENT, SERVER, 2, 0), FFA_RET_ABORTED);
	done("client");
}

static void third(void)
{
	tally_check(&tally, "third_features_direct_req",
		    (uint32_t)call(FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ_32, 0, 0, 0).x[0] ==
			FFA_SUCCESS_32,
		    0);
	check_error("third_to_server_denied", request(THIRD, SERVER, 1, 0), FFA_RET_DENIED);
	/* The client has not run yet and never waits for requests. */
	check_error("third_to_client_busy", request(THIRD, CLIENT, 1, 0), FFA_RET_BUSY);
	tally_check(&tally, "third_features_no_msg_wait",
		    is_error(call(FFA_FEATURES, FFA_MSG_WAIT, 0, 0, 0), FFA_RET_NOT_SUPPORTED), 0);
	done("third");
}

/* Asks the server to end it while it waits for the answer: it never runs again. */
static void goner(void)
{
	struct ffa_value r = request(GONER, SERVER, 3, VM_MSG_OP_STOP_ME);

	tally_check(&tally, "goner_never_resumed", false, r.x[0]);
	done("goner");
}

void guest_vm_msg(unsigned part)
{
	switch (part) {
	case VM_MSG_SERVER:
		server();
	case VM_MSG_CLIENT:
		client();
		break;
	case VM_MSG_THIRD:
		third();
		break;
	case VM_MSG_GONER:
		goner();
		break;
	default:
		printk("vm_msg: unknown part %u\n", part);
		break;
	}
	call(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
}
