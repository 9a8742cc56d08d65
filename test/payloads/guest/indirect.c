// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 indirect messages in every direction (GUEST_INDIRECT; DEN0077A §7.2-7.4,
 * FFA_MSG_SEND2; docs/abi/ffa.md "Indirect messages"; test system "indirect", scheduled in
 * description order, TEEs A and B with properties bit 2; test/sys/test_ffa.py). Two parts
 * (boot_arg bits 15:8):
 *   INDIRECT_RECEIVER  (VM 2, bound to A) partition A writes into its RX (the SPMC, straight
 *                      into the VM's buffer): header, payload, the SPM framework "RX buffer
 *                      full" notification and its NPI taken as an IRQ (the SRI preempts A: the
 *                      request comes back FFA_INTERRUPT, then FFA_RUN), BUSY while full (no
 *                      NPI), release and again; a message to B, outside its binding, is DENIED;
 *                      then it waits (FFA_MSG_WAIT) and checks each VM-to-VM message the sender
 *                      announces with a direct request, its NPI included;
 *   INDIRECT_SENDER    (VM 1, bound to A and B, may address the receiver) A to B and B to A
 *                      (TOS_CMD_SEND2), A's refusals of bad headers, VM to partition, partition
 *                      to VM (B to VM 2 is DENIED: not bound), VM to VM, the refusals of each,
 *                      and without buffers; ends the receiver.
 * Every check prints "CHECK indirect_<name>: PASS|FAIL" (tally.h).
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <lib/string.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"
#include "npi.h"
#include "tally.h"

#define A	 0x8001
#define B	 0x8002
#define SENDER	 1
#define RECEIVER 2
#define OP_CHECK 0 /* x4 of a request to the receiver: check the VM-to-VM message in your RX */
#define OP_DIE	 1 /* power off holding the request */

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static struct tally tally = { .prefix = "indirect_" };
static uint32_t npi; /* the receiver's NPI INTID (npi_enable()) */

static struct ffa_value call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4)
{
	struct ffa_value v = { { x0, x1, x2, x3, x4 } };

	return arch_hvc(v);
}

static int32_t error_of(struct ffa_value r)
{
	if ((uint32_t)r.x[0] == FFA_SUCCESS_32)
		return 0;
	return (uint32_t)r.x[0] == FFA_ERROR ? (int32_t)r.x[2] : -100;
}

static void expect(const char *name, struct ffa_value r, int32_t code)
{
	tally_check(&tally, name, error_of(r) == code, (uint64_t)r.x[0] << 32 | (uint32_t)r.x[2]);
}

/* TEE `tee` runs TOS_CMD_SEND2 operation `op` with endpoint `peer`: its answer (w6, w7). */
static struct ffa_value tee(ffa_id_t self, ffa_id_t tee_id, unsigned op, ffa_id_t peer)
{
	return call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, tee_id), 0, TOS_SEND2_W3(peer),
		    TOS_CMD_SEND2 | op << 8);
}

static void expect_tee(const char *name, struct ffa_value r, int32_t w6)
{
	tally_check(&tally, name,
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && (int32_t)r.x[6] == w6,
		    (uint64_t)r.x[0] << 32 | (uint32_t)r.x[6]);
}

/* A TEE read a message and found it whole; GET gave it framework bitmaps `fwk` (tos.h). */
static void expect_read(const char *name, struct ffa_value r, uint64_t fwk)
{
	tally_check(&tally, name,
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[6] == 0 && r.x[7] == fwk,
		    r.x[6] << 32 | r.x[7]);
}

/* Our TX: a header, TOS_SEND2_LEN bytes 0x30 + i at offset `offset` (the TEEs check those). */
static void put(uint32_t ids, uint32_t offset, uint32_t size)
{
	struct ffa_msg_header h = { 0, 0, offset, ids, size };

	memcpy(tx_buf, &h, sizeof(h));
	for (unsigned i = 0; i < TOS_SEND2_LEN; i++)
		tx_buf[FFA_MSG_HEADER_SIZE + i] = (uint8_t)(0x30 + i);
}

static struct ffa_value send2(void)
{
	return call(FFA_MSG_SEND2, 0, 0, 0, 0);
}

/* Our RX holds a whole message from `from` to `self`. */
static bool rx_holds(ffa_id_t from, ffa_id_t self)
{
	struct ffa_msg_header h;
	bool ok;

	memcpy(&h, rx_buf, sizeof(h));
	ok = !h.flags && !h.reserved && h.offset == FFA_MSG_HEADER_SIZE &&
	     h.ids == ffa_msg_ids(from, self) && h.size == TOS_SEND2_LEN;
	for (unsigned i = 0; i < TOS_SEND2_LEN; i++)
		ok = ok && rx_buf[FFA_MSG_HEADER_SIZE + i] == (uint8_t)(0x30 + i);
	return ok;
}

/* Our GET's framework bitmaps: w6 (SPM) | w7 (hypervisor) << 8. */
static uint64_t framework(ffa_id_t self)
{
	struct ffa_value r =
	    call(FFA_NOTIFICATION_GET, self, FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP, 0, 0);

	return (uint32_t)r.x[0] == FFA_SUCCESS_32 ? (r.x[6] & 0xff) | (r.x[7] & 0xff) << 8 : ~0ull;
}

static void map(void)
{
	expect("map", call(FFA_RXTX_MAP_64, (uintptr_t)tx_buf, (uintptr_t)rx_buf, 1, 0), 0);
}

static void done(const char *who)
{
	printk("indirect %s: %u checks, %u failed\n", who, tally.checks, tally.failures);
}

/* ---- the receiver -------------------------------------------------------------------------- */

/*
 * A asks to send us a message (no "delay SRI"): the SPMC's SRI preempts A, nshyp injects our NPI
 * (FF-A v1.1 §10.7: "RX buffer full" is signalled as a SET), so the request comes back
 * FFA_INTERRUPT; we take the NPI as an IRQ and FFA_RUN lets A answer. *got: the INTID taken
 * (1023: none).
 */
static struct ffa_value a_sends_to_us(ffa_id_t self, uint32_t *got)
{
	struct ffa_value r = tee(self, A, TOS_SEND2_SEND, self);

	*got = npi_take();
	if ((uint32_t)r.x[0] == FFA_INTERRUPT && r.x[1] == (uint64_t)A << 16)
		r = call(FFA_RUN, (uint64_t)A << 16, 0, 0, 0);
	return r;
}

/* Partition A to us: straight into our RX at the SPMC. */
static void partition_to_us(ffa_id_t self)
{
	uint32_t got;

	expect_tee("recv_a_sends_to_us", a_sends_to_us(self, &got), 0);
	tally_check(&tally, "recv_npi_for_message", npi == 5 && got == npi, got);
	tally_check(&tally, "recv_message_from_a", rx_holds(A, self), rx_buf[0]);
	tally_check(&tally, "recv_rx_full_notification_spm", framework(self) == 1, 0);
	tally_check(&tally, "recv_notification_once", framework(self) == 0, 0);
	expect_tee("recv_a_finds_rx_full", a_sends_to_us(self, &got), FFA_RET_BUSY);
	tally_check(&tally, "recv_no_npi_when_busy", got == 1023, got);
	expect("recv_info_get_busy_while_full", call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0),
	       FFA_RET_BUSY);
	expect("recv_release", call(FFA_RX_RELEASE, 0, 0, 0, 0), 0);
	expect("recv_release_twice", call(FFA_RX_RELEASE, 0, 0, 0, 0), FFA_RET_DENIED);
	expect_tee("recv_a_sends_again", a_sends_to_us(self, &got), 0);
	tally_check(&tally, "recv_npi_again", got == npi, got);
	tally_check(&tally, "recv_message_again", rx_holds(A, self), rx_buf[0]);
	tally_check(&tally, "recv_rx_full_notification_again", framework(self) == 1, 0);
	expect("recv_release_again", call(FFA_RX_RELEASE, 0, 0, 0, 0), 0);
	/* B is outside our binding. */
	put((uint32_t)ffa_msg_ids(self, B), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("recv_to_unbound_partition_denied", send2(), FFA_RET_DENIED);
}

/* A VM-to-VM message announced: in our RX, its NPI (nshyp injected it when the sender sent),
 * the hypervisor's "RX full", then released. */
static uint64_t check_vm_message(ffa_id_t self)
{
	uint64_t failed = 0;

	if (npi_take() != npi)
		failed |= 8;
	if (!rx_holds(SENDER, self))
		failed |= 1;
	if (framework(self) != 0x100)
		failed |= 2;
	if (error_of(call(FFA_RX_RELEASE, 0, 0, 0, 0)))
		failed |= 4;
	tally_check(&tally, "recv_vm_message", failed == 0, failed);
	return failed;
}

static __attribute__((noreturn)) void receiver(ffa_id_t self)
{
	struct ffa_value r;

	map();
	npi = npi_enable();
	expect("recv_features_send2", call(FFA_FEATURES, FFA_MSG_SEND2, 0, 0, 0), 0);
	partition_to_us(self);
	printk("waiting for VM-to-VM messages\n");
	r = call(FFA_MSG_WAIT, 0, 0, 0, 0);
	for (;;) {
		uint64_t failed;

		if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_REQ_32) {
			r = call(FFA_MSG_WAIT, 0, 0, 0, 0);
			continue;
		}
		if (r.x[4] == OP_DIE) {
			done("receiver");
			call(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
		}
		failed = check_vm_message(self);
		r = call(FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(self, SENDER), 0, failed, 0);
	}
}

/* ---- the sender ------------------------------------------------------------------------------ */

/* Partition to partition (TOS_CMD_SEND2), and A's refusals. */
static void partition_to_partition(ffa_id_t self)
{
	expect_tee("a_maps", tee(self, A, 0, 0), 0);
	expect_tee("b_maps", tee(self, B, 0, 0), 0);
	expect_tee("a_to_b", tee(self, A, TOS_SEND2_SEND, B), 0);
	expect_tee("a_to_b_rx_full", tee(self, A, TOS_SEND2_SEND, B), FFA_RET_BUSY);
	expect_read("b_reads_a", tee(self, B, TOS_SEND2_READ, A), 0x1);
	expect_tee("a_to_b_after_release", tee(self, A, TOS_SEND2_SEND, B), 0);
	expect_read("b_reads_a_again", tee(self, B, TOS_SEND2_READ, A), 0x1);
	expect_tee("b_to_a", tee(self, B, TOS_SEND2_SEND, A), 0);
	expect_read("a_reads_b", tee(self, A, TOS_SEND2_READ, B), 0x1);
	expect_tee("a_refusals", tee(self, A, TOS_SEND2_REFUSALS, B), 0);
}

/* Us to partition A (nshyp forwards, the SPMC copies from our TX), and the refusals. */
static void vm_to_partition(ffa_id_t self)
{
	put((uint32_t)ffa_msg_ids(self, A), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("vm_to_a", send2(), 0);
	expect("vm_to_a_rx_full", send2(), FFA_RET_BUSY);
	expect_read("a_reads_vm", tee(self, A, TOS_SEND2_READ, self), 0x100);
	expect("vm_to_a_after_release", send2(), 0);
	expect_read("a_reads_vm_again", tee(self, A, TOS_SEND2_READ, self), 0x100);
	expect("vm_w1_mbz", call(FFA_MSG_SEND2, (uint64_t)self << 16, 0, 0, 0),
	       FFA_RET_INVALID_PARAMETERS);
	expect("vm_w2_mbz", call(FFA_MSG_SEND2, 0, FFA_MSG_SEND2_FLAG_DELAY_SRI, 0, 0),
	       FFA_RET_INVALID_PARAMETERS);
	put((uint32_t)ffa_msg_ids(RECEIVER, A), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("vm_spoofed_sender", send2(), FFA_RET_INVALID_PARAMETERS);
	put((uint32_t)ffa_msg_ids(self, A), FFA_MSG_HEADER_SIZE - 1, TOS_SEND2_LEN);
	expect("vm_offset_in_header", send2(), FFA_RET_INVALID_PARAMETERS);
	put((uint32_t)ffa_msg_ids(self, A), FFA_MSG_HEADER_SIZE, 4096);
	expect("vm_oversize", send2(), FFA_RET_INVALID_PARAMETERS);
	put((uint32_t)ffa_msg_ids(self, 0x8009), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("vm_to_no_partition", send2(), FFA_RET_INVALID_PARAMETERS);
}

/* B writes into our RX at the SPMC; B to VM 2, which B is not bound to, is DENIED. */
static void partition_to_vm(ffa_id_t self)
{
	expect_tee("b_to_vm", tee(self, B, TOS_SEND2_SEND, self), 0);
	tally_check(&tally, "vm_reads_b", rx_holds(B, self), rx_buf[0]);
	tally_check(&tally, "vm_rx_full_notification_spm", framework(self) == 1, 0);
	expect("vm_release", call(FFA_RX_RELEASE, 0, 0, 0, 0), 0);
	expect_tee("b_to_unbound_vm_denied", tee(self, B, TOS_SEND2_SEND, RECEIVER),
		   FFA_RET_DENIED);
}

/* Us to the receiver, in nshyp: it checks each message when we ask it to. */
static void vm_to_vm(ffa_id_t self)
{
	struct ffa_value r;

	put((uint32_t)ffa_msg_ids(self, RECEIVER), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("vm_to_vm", send2(), 0);
	expect("vm_to_vm_rx_full", send2(), FFA_RET_BUSY);
	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, RECEIVER), 0, 0, OP_CHECK);
	tally_check(&tally, "vm_to_vm_received",
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 0, r.x[3]);
	expect("vm_to_vm_after_release", send2(), 0);
	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, RECEIVER), 0, 0, OP_CHECK);
	tally_check(&tally, "vm_to_vm_received_again",
		    (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 0, r.x[3]);
	put((uint32_t)ffa_msg_ids(self, 3), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("vm_to_no_vm", send2(), FFA_RET_INVALID_PARAMETERS);
	put((uint32_t)ffa_msg_ids(self, self), FFA_MSG_HEADER_SIZE, TOS_SEND2_LEN);
	expect("vm_to_itself", send2(), FFA_RET_INVALID_PARAMETERS);
}

static __attribute__((noreturn)) void sender(ffa_id_t self)
{
	expect("send_features_send2", call(FFA_FEATURES, FFA_MSG_SEND2, 0, 0, 0), 0);
	expect("send_features_rx_acquire", call(FFA_FEATURES, FFA_RX_ACQUIRE, 0, 0, 0),
	       FFA_RET_NOT_SUPPORTED);
	expect("send_rx_acquire_not_ours", call(FFA_RX_ACQUIRE, self, 0, 0, 0),
	       FFA_RET_NOT_SUPPORTED);
	map();
	partition_to_partition(self);
	vm_to_partition(self);
	partition_to_vm(self);
	vm_to_vm(self);
	/* Without buffers: nothing to send from, nothing to deliver into. */
	expect("unmap", call(FFA_RXTX_UNMAP, 0, 0, 0, 0), 0);
	expect("unmapped_send_denied", send2(), FFA_RET_DENIED);
	expect_tee("b_to_unmapped_vm", tee(self, B, TOS_SEND2_SEND, self),
		   FFA_RET_INVALID_PARAMETERS);
	expect("receiver_ends",
	       call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, RECEIVER), 0, 0, OP_DIE),
	       FFA_RET_ABORTED);
	done("sender");
	call(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
	for (;;)
		;
}

void guest_indirect(ffa_id_t self, unsigned part)
{
	if (part == INDIRECT_RECEIVER)
		receiver(self);
	sender(self);
}
