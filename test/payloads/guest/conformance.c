// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A conformance scenario of the test guest: every ABI the guest can
 * reach, on its success path and on each error path, through nshyp, the
 * monitor, the SPMC and a trusted OS driven by its test commands (tos/tos.h).
 * Prints "CHECK <name>: PASS" or "CHECK <name>: FAIL (...)" for each; the
 * system test requires every expected check to pass.
 */
#include <abi/ffa.h>
#include <abi/psci.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <lib/print.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"
#include "npi.h"

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static unsigned failures;

static struct ffa_value call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			     uint64_t a5)
{
	struct ffa_value v = { { fid, a1, a2, a3, a4, a5, 0, 0 } };
	return arch_hvc(v);
}

static void check(const char *name, bool ok, struct ffa_value r)
{
	if (ok) {
		printk("CHECK %s: PASS\n", name);
		return;
	}
	failures++;
	printk("CHECK %s: FAIL (x0=0x%lx x1=0x%lx x2=0x%lx x3=0x%lx)\n", name,
	       (unsigned long)r.x[0], (unsigned long)r.x[1], (unsigned long)r.x[2],
	       (unsigned long)r.x[3]);
}

static bool is_error(struct ffa_value r, int32_t code)
{
	return (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == code;
}

static bool is_success(struct ffa_value r, uint64_t w2)
{
	return (uint32_t)r.x[0] == FFA_SUCCESS_32 && r.x[2] == w2;
}

static void expect_error(const char *name, struct ffa_value r, int32_t code)
{
	check(name, is_error(r, code), r);
}

static void expect_success(const char *name, struct ffa_value r, uint64_t w2)
{
	check(name, is_success(r, w2), r);
}

static struct ffa_value req(ffa_id_t self, uint32_t fid, ffa_id_t to, uint64_t n, uint64_t cmd)
{
	return call(fid, ffa_msg_ids(self, to), 0, n, cmd, 0);
}

static bool answered(struct ffa_value r, uint32_t fid, ffa_id_t tee, ffa_id_t self, uint64_t n)
{
	return (uint32_t)r.x[0] == fid && ffa_msg_sender(r.x[1]) == tee &&
	       ffa_msg_receiver(r.x[1]) == self && r.x[3] == n * n && r.x[4] == self;
}

/*
 * FF-A v1.1 §13.2.1 (ACS ffa_version): a version the callee is not compatible with (major
 * other than 1, minor above 1) gets NOT_SUPPORTED, w0 = 0xffffffff and x1-x7 zero, and the
 * version negotiated before stays (the discovery below still gets v1.1 descriptors).
 */
static void version_incompatible(void)
{
	static const uint32_t asked[] = { 0x00000000, 0x00010002, 0x00010003, 0x00020001 };
	bool ok = true;
	struct ffa_value r = { { 0 } };

	for (unsigned i = 0; i < sizeof(asked) / sizeof(asked[0]); i++) {
		r = call(FFA_VERSION, asked[i], 0, 0, 0, 0);
		ok = ok && r.x[0] == 0xffffffffu &&
		     (r.x[1] | r.x[2] | r.x[3] | r.x[4] | r.x[5] | r.x[6] | r.x[7]) == 0;
	}
	check("version_incompatible_not_supported", ok, r);
	r = call(FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	check("version_1_0_compatible", r.x[0] == FFA_VERSION_1_1, r);
	call(FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
}

/*
 * FF-A v1.1 §13.3 (ACS ffa_features): a guest is told what works for it: FFA_INTERRUPT
 * (mandatory), direct requests and FFA_RUN; not the receiver's and partitions' calls.
 */
static void features_for_a_vm(void)
{
	expect_success("features_interrupt", call(FFA_FEATURES, FFA_INTERRUPT, 0, 0, 0, 0), 0);
	expect_success("features_run", call(FFA_FEATURES, FFA_RUN, 0, 0, 0, 0), 0);
	expect_error("features_direct_resp_not_for_a_vm",
		     call(FFA_FEATURES, FFA_MSG_SEND_DIRECT_RESP_32, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	expect_error("features_msg_wait_not_for_a_vm", call(FFA_FEATURES, FFA_MSG_WAIT, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	expect_error("features_yield_not_for_a_vm", call(FFA_FEATURES, FFA_YIELD, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
}

/*
 * FF-A v1.1 §15.2-15.3, SMCCC §2.6 (ACS ffa_direct_message_32): the arguments and results of a
 * _32 direct message are w1-w7. The trusted OS answers w3 = n * n (64-bit) of n = w3, and with
 * TOS_CMD_SPIN and 0 iterations (w4[31:12]; w4[63:32] would be 255) w6 = the w3 it was given: upper
 * halves sent are gone on the partition's side; an answer above 32 bits is cut to w3 on ours, not
 * in a _64 message.
 */
static void direct_32_zero_extended(ffa_id_t self)
{
	struct ffa_value r;

	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, 0x8001), 0, 0x1125534400000005ull,
		 (0xffull << 32) | TOS_CMD_SPIN, 0);
	/* Not zero-extended, w4[63:32] would be 255 iterations and w6 a pseudo-random number. */
	check("direct_req_32_args_zero_extended",
	      (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 25 && r.x[6] == 5, r);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 0x10000, 0);
	check("direct_resp_32_results_zero_extended",
	      (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 0 && r.x[4] == self, r);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_64, 0x8001, 0x10000, 0);
	check("direct_resp_64_results_whole",
	      (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_64 && r.x[3] == 0x100000000ull, r);
}

static void discovery_and_version(ffa_id_t self)
{
	struct ffa_value r;

	r = call(FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	check("version_1_1", r.x[0] == FFA_VERSION_1_1, r);
	r = call(FFA_VERSION, 1u << 31, 0, 0, 0, 0);
	check("version_bit31_rejected", r.x[0] == 0xffffffffu, r);
	version_incompatible();
	expect_success("id_get", call(FFA_ID_GET, 0, 0, 0, 0, 0), self);
	expect_success("spm_id_get", call(FFA_SPM_ID_GET, 0, 0, 0, 0, 0), FFA_ID_SPMC);
	expect_success("features_direct_req",
		       call(FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ_64, 0, 0, 0, 0), 0);
	expect_error("features_unknown", call(FFA_FEATURES, 0x840000ff, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	features_for_a_vm();
	expect_error("unknown_ffa_function", call(0x840000fe, 0, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	expect_error("guest_msg_wait_refused", call(FFA_MSG_WAIT, 0, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	expect_error("guest_direct_resp_refused",
		     call(FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(self, 0x8001), 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
}

static void direct_messages(ffa_id_t self)
{
	struct ffa_value r;

	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 5, 0);
	check("direct_req_32", answered(r, FFA_MSG_SEND_DIRECT_RESP_32, 0x8001, self, 5), r);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_64, 0x8001, 6, 0);
	check("direct_req_64", answered(r, FFA_MSG_SEND_DIRECT_RESP_64, 0x8001, self, 6), r);
	direct_32_zero_extended(self);
	expect_error("direct_req_claims_other_vm",
		     call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self + 1, 0x8001), 0, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("direct_req_claims_secure_id",
		     call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(0x8002, 0x8001), 0, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("direct_req_unknown_partition",
		     req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8009, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	/* VM 2: outside the (empty) VM-to-VM binding, DENIED; itself, INVALID_PARAMETERS. */
	expect_error("direct_req_to_a_vm", req(self, FFA_MSG_SEND_DIRECT_REQ_32, 2, 1, 0),
		     self == 2 ? FFA_RET_INVALID_PARAMETERS : FFA_RET_DENIED);
	expect_error("direct_req_framework_flag",
		     call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, 0x8001),
			  FFA_MSG_FLAG_FRAMEWORK, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 7, TOS_CMD_MISBEHAVE);
	check("sp_bad_response_refused_then_answered",
	      answered(r, FFA_MSG_SEND_DIRECT_RESP_32, 0x8001, self, 7) &&
		  (int32_t)r.x[6] == FFA_RET_INVALID_PARAMETERS &&
		  (int32_t)r.x[7] == FFA_RET_DENIED,
	      r);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 12, TOS_CMD_CALL_OTHER);
	check("sp_to_sp_request_and_identity",
	      answered(r, FFA_MSG_SEND_DIRECT_RESP_32, 0x8001, self, 12) && r.x[6] == 0, r);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 8, TOS_CMD_SELFTEST);
	check("sp_side_conformance",
	      answered(r, FFA_MSG_SEND_DIRECT_RESP_32, 0x8001, self, 8) && r.x[6] == 0, r);
}

static void yield_and_run(ffa_id_t self)
{
	struct ffa_value r;

	expect_error("run_nothing_pending", call(FFA_RUN, 0x8001u << 16, 0, 0, 0, 0),
		     FFA_RET_DENIED);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 9, TOS_CMD_YIELD);
	check("sp_yield_reaches_requester",
	      (uint32_t)r.x[0] == FFA_YIELD && ffa_msg_sender(r.x[1]) == 0x8001, r);
	expect_error("direct_req_while_yielded",
		     req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 1, 0), FFA_RET_BUSY);
	expect_error("run_wrong_partition", call(FFA_RUN, 0x8002u << 16, 0, 0, 0, 0),
		     FFA_RET_DENIED);
	expect_error("run_bad_vcpu", call(FFA_RUN, (0x8001u << 16) | 1, 0, 0, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	r = call(FFA_RUN, 0x8001u << 16, 0, 0, 0, 0);
	check("run_resumes_and_answers",
	      answered(r, FFA_MSG_SEND_DIRECT_RESP_32, 0x8001, self, 9) && r.x[6] == FFA_SUCCESS_32,
	      r);
	r = req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 10, 0);
	check("serving_again_after_run", answered(r, FFA_MSG_SEND_DIRECT_RESP_32, 0x8001, self, 10),
	      r);
}

/*
 * `visible`: the partitions its binding lets it see. A VM's nil-UUID discovery lists the VM
 * itself first (FF-A v1.1 §13.8, ACS ffa_partition_info_get), then those partitions.
 */
static void rxtx_and_partition_info(ffa_id_t self, unsigned visible)
{
	uint64_t tx = (uintptr_t)tx_buf, rx = (uintptr_t)rx_buf;
	const struct ffa_partition_info *d = (const void *)rx_buf;
	struct ffa_value r;

	expect_error("info_get_without_buffers", call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0),
		     FFA_RET_BUSY);
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY);
	check("info_get_count_only", is_success(r, visible + 1) && r.x[3] == 0, r);
	expect_error("rxtx_map_unaligned", call(FFA_RXTX_MAP_64, tx + 16, rx, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("rxtx_map_outside_own_memory", call(FFA_RXTX_MAP_64, tx, 0x40600000, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("rxtx_map_secure_ram", call(FFA_RXTX_MAP_64, 0x0e100000, rx, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("rxtx_map_overlapping", call(FFA_RXTX_MAP_64, tx, tx, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("rxtx_map_too_many_pages", call(FFA_RXTX_MAP_64, tx, rx, 63, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_success("rxtx_map", call(FFA_RXTX_MAP_64, tx, rx, 1, 0, 0), 0);
	expect_error("rxtx_map_twice", call(FFA_RXTX_MAP_64, tx, rx, 1, 0, 0), FFA_RET_DENIED);
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	check("info_get_all", is_success(r, visible + 1) && r.x[3] == sizeof(*d), r);
	check("info_get_lists_the_caller",
	      d[0].id == self && d[0].exec_ctx_count == 1 &&
		  d[0].properties == (FFA_PART_PROP_DIRECT_REQ_SEND | FFA_PART_PROP_AARCH64),
	      r);
	check("info_descriptor",
	      d[1].id == 0x8001 && d[1].exec_ctx_count == 1 && (d[1].properties & 1) &&
		  d[1].uuid[0] == 0x7e && d[1].uuid[15] == 0xa1,
	      r);
	expect_error("info_get_rx_busy", call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0), FFA_RET_BUSY);
	expect_success("rx_release", call(FFA_RX_RELEASE, 0, 0, 0, 0, 0), 0);
	/* A caller that negotiates v1.0 gets 8-byte v1.0 descriptors (no UUID). */
	r = call(FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0);
	check("version_1_0_answered_1_1", r.x[0] == FFA_VERSION_1_1, r);
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	/* v1.0 (§8.2.3 of v1.0): w3 is reserved, 0. */
	check("info_get_v1_0_descriptors",
	      is_success(r, visible + 1) && r.x[3] == 0 &&
		  ((const struct ffa_partition_info_v1_0 *)rx_buf)[0].id == self &&
		  ((const struct ffa_partition_info_v1_0 *)rx_buf)[1].id == 0x8001 &&
		  (visible < 2 || ((const struct ffa_partition_info_v1_0 *)rx_buf)[2].id == 0x8002),
	      r);
	call(FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	call(FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	expect_error("rx_release_twice", call(FFA_RX_RELEASE, 0, 0, 0, 0, 0), FFA_RET_DENIED);
	/* UUID of TEE A, four bytes per register, little-endian. */
	r = call(FFA_PARTITION_INFO_GET, 0xa0e4557e, 0x114b0c54, 0x0d1c3d9a, 0xa1557ee5, 0);
	check("info_get_by_uuid", is_success(r, 1) && d[0].id == 0x8001, r);
	call(FFA_RX_RELEASE, 0, 0, 0, 0, 0);
	expect_error("info_get_unknown_uuid", call(FFA_PARTITION_INFO_GET, 1, 2, 3, 4, 0),
		     FFA_RET_INVALID_PARAMETERS);
	expect_error("info_get_bad_flags", call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 2),
		     FFA_RET_INVALID_PARAMETERS);
	expect_success("rxtx_unmap", call(FFA_RXTX_UNMAP, 0, 0, 0, 0, 0), 0);
	expect_error("rxtx_unmap_twice", call(FFA_RXTX_UNMAP, 0, 0, 0, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
}

static void smccc_and_psci(void)
{
	struct ffa_value r;

	r = call(SMCCC_VERSION, 0, 0, 0, 0, 0);
	check("smccc_version", r.x[0] == SMCCC_VERSION_1_2, r);
	r = call(PSCI_VERSION, 0, 0, 0, 0, 0);
	check("psci_version", r.x[0] == PSCI_VERSION_1_1, r);
	r = call(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0, 0, 0);
	check("psci_features_system_off", r.x[0] == 0, r);
	r = call(PSCI_FEATURES, PSCI_CPU_ON64, 0, 0, 0, 0);
	check("psci_features_cpu_on_absent", (int64_t)r.x[0] == PSCI_RET_NOT_SUPPORTED, r);
	r = call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0, 0, 0);
	check("psci_migrate_info_type", r.x[0] == PSCI_TOS_NOT_PRESENT_MP, r);
}

/* Partition A runs notification operation `op` (TOS_CMD_NOTIF) for us: its w6 (0 or error). */
static struct ffa_value tee_notif(ffa_id_t self, unsigned op, uint64_t bits)
{
	return req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, bits, TOS_CMD_NOTIF | op << 8);
}

static bool tee_ok(struct ffa_value r)
{
	return (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[6] == 0;
}

/* An interrupt INTID `got` the IRQ handler read, in a check's registers. */
static struct ffa_value intid_seen(uint32_t got)
{
	return (struct ffa_value){ { got } };
}

/*
 * Without "delay SRI" (§10.7.2) the SPMC pends the SRI while A still runs: it preempts A's run
 * at once, nshyp takes it, asks INFO_GET and injects our NPI, which is our own interrupt, so the
 * request comes back FFA_INTERRUPT; we take the NPI, then FFA_RUN lets A finish.
 */
static void sri_not_delayed(ffa_id_t self, uint32_t npi, uint64_t to_us)
{
	struct ffa_value r = tee_notif(self, TOS_NOTIF_SETNOW, to_us);

	check("notif_sri_now_preempts_a",
	      (uint32_t)r.x[0] == FFA_INTERRUPT && r.x[1] == (uint64_t)0x8001 << 16, r);
	r.x[0] = npi_take();
	check("notif_npi_with_the_interrupt", r.x[0] == npi, r);
	r = call(FFA_RUN, 0x8001u << 16, 0, 0, 0, 0);
	check("notif_run_after_sri", tee_ok(r), r);
	r = call(FFA_NOTIFICATION_GET, self, FFA_NOTIF_GET_SP, 0, 0, 0);
	check("notif_get_after_sri", is_success(r, to_us), r);
}

/*
 * FF-A v1.1 notifications (chapter 10; docs/abi/ffa.md "Notifications"): partition A signals
 * us (nshyp created our bitmap at our start): the SPMC's SRI makes nshyp inject our NPI, which
 * we take as an IRQ, and we get it; we signal A, which takes its own NPI (counted by its test
 * commands) and gets it. The refusals: a notification not bound, another VM's, a partition our
 * binding does not allow, a VM outside our VM-to-VM binding (none). Each guest uses its own IDs
 * (A is shared).
 */
static void notifications(ffa_id_t self, unsigned visible)
{
	uint64_t to_us = 1u << (16 + self), to_a = 1u << (24 + self);
	ffa_id_t other = (ffa_id_t)(3 - self);
	uint32_t npi = npi_enable();
	uint64_t a_npis;
	struct ffa_value r;

	r = call(FFA_FEATURES, FFA_NOTIFICATION_SET, 0, 0, 0, 0);
	check("notif_features",
	      is_success(r, 0) && npi == 5 &&
		  is_error(call(FFA_FEATURES, FFA_FEATURE_SRI, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED),
	      r);
	r = call(FFA_NOTIFICATION_BIND, ffa_msg_ids(0x8001, self), 0, to_us, 0, 0);
	expect_success("notif_bind_from_a", r, 0);
	check("notif_no_npi_before", npi_take() == 1023, r);
	r = tee_notif(self, TOS_NOTIF_SET, to_us);
	check("notif_a_sets", tee_ok(r), r);
	check("notif_npi_arrives", npi_take() == npi, intid_seen(npi));
	r = call(FFA_NOTIFICATION_GET, self, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM, 0, 0, 0);
	check("notif_get_from_a", is_success(r, to_us) && r.x[3] == 0 && r.x[4] == 0, r);
	sri_not_delayed(self, npi, to_us);
	r = call(FFA_NOTIFICATION_GET, self, FFA_NOTIF_GET_SP, 0, 0, 0);
	expect_success("notif_get_cleared", r, 0);
	r = call(FFA_NOTIFICATION_UNBIND, ffa_msg_ids(0x8001, self), 0, to_us, 0, 0);
	expect_success("notif_unbind", r, 0);
	r = tee_notif(self, TOS_NOTIF_SET, to_us);
	check("notif_set_after_unbind", !tee_ok(r) && (int32_t)r.x[6] == FFA_RET_DENIED, r);
	/* The reverse direction: A binds us as a sender, we set, A gets. */
	r = tee_notif(self, TOS_NOTIF_BIND, to_a);
	check("notif_a_binds_us", tee_ok(r), r);
	r = tee_notif(self, TOS_NOTIF_NPIS, 1u << 30 /* not an OP-TEE function ID */);
	a_npis = r.x[7];
	check("notif_a_npi_feature", r.x[6] == 5, (struct ffa_value){ { r.x[0], r.x[6], r.x[7] } });
	r = call(FFA_NOTIFICATION_SET, ffa_msg_ids(self, 0x8001), 0, to_a, 0, 0);
	expect_success("notif_set_to_a", r, 0);
	r = tee_notif(self, TOS_NOTIF_NPIS, 1u << 30 /* not an OP-TEE function ID */);
	check("notif_a_took_its_npi", r.x[7] == a_npis + 1,
	      (struct ffa_value){ { r.x[0], r.x[6], r.x[7], a_npis } });
	r = tee_notif(self, TOS_NOTIF_GET, to_a);
	check("notif_a_gets", tee_ok(r) && r.x[7] == to_a, r);
	r = tee_notif(self, TOS_NOTIF_UNBIND, to_a);
	check("notif_a_unbinds", tee_ok(r), (struct ffa_value){ { r.x[0], r.x[6], r.x[7] } });
	/* Refusals. */
	r = call(FFA_NOTIFICATION_SET, ffa_msg_ids(self, 0x8001), 0, 1u << 30, 0, 0);
	expect_error("notif_set_unbound", r, FFA_RET_DENIED);
	r = call(FFA_NOTIFICATION_GET, other, FFA_NOTIF_GET_SP, 0, 0, 0);
	expect_error("notif_get_other_vm", r, FFA_RET_INVALID_PARAMETERS);
	r = call(FFA_NOTIFICATION_BIND, ffa_msg_ids(0x8001, other), 0, to_us, 0, 0);
	expect_error("notif_bind_for_other_vm", r, FFA_RET_INVALID_PARAMETERS);
	r = call(FFA_NOTIFICATION_BIND, ffa_msg_ids(0x8002, self), 0, 1u << 30, 0, 0);
	check("notif_bind_policy", visible == 2 ? is_success(r, 0) : is_error(r, FFA_RET_DENIED),
	      r);
	if (visible == 2)
		call(FFA_NOTIFICATION_UNBIND, ffa_msg_ids(0x8002, self), 0, 1u << 30, 0, 0);
	r = call(FFA_NOTIFICATION_SET, ffa_msg_ids(self, other), 0, 1, 0, 0);
	expect_error("notif_vm_to_vm", r, FFA_RET_DENIED); /* no VM-to-VM binding */
	r = call(FFA_NOTIFICATION_BIND, ffa_msg_ids(other, self), 0, 1, 0, 0);
	expect_error("notif_vm_to_vm_bind", r, FFA_RET_DENIED);
	r = call(FFA_NOTIFICATION_BITMAP_CREATE, self, 1, 0, 0, 0);
	expect_error("notif_bitmap_create_denied", r, FFA_RET_DENIED);
}

/** Run every check; `visible` = how many partitions this guest's binding lets it see. */
void guest_conformance(ffa_id_t self, unsigned visible)
{
	discovery_and_version(self);
	direct_messages(self);
	yield_and_run(self);
	rxtx_and_partition_info(self, visible);
	notifications(self, visible);
	smccc_and_psci();
	printk("CONFORMANCE %s: %u failures\n", failures ? "FAILED" : "PASSED", failures);
	/* Leave a request yielded in TEE A behind: nshyp must finish it when we power off, or
	 * the next guest finds A busy. */
	req(self, FFA_MSG_SEND_DIRECT_REQ_32, 0x8001, 11, TOS_CMD_YIELD);
}
