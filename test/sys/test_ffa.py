# SPDX-License-Identifier: BSD-3-Clause
"""FF-A messaging core (issue 3): the conformance scenario run by two guests with different
bindings, through nshyp, the monitor, the SPMC and a trusted OS driven into its error paths."""

CHECKS_PER_GUEST = 89
KEY_CHECKS = [
    "version_1_1", "features_unknown", "direct_req_64", "direct_req_claims_other_vm",
    "direct_req_claims_secure_id", "direct_req_framework_flag",
    "sp_bad_response_refused_then_answered", "sp_side_conformance",
    "sp_to_sp_request_and_identity",
    "sp_yield_reaches_requester", "direct_req_while_yielded", "run_resumes_and_answers",
    "info_get_all", "info_get_rx_busy", "info_get_by_uuid", "rxtx_map_secure_ram",
    "version_1_0_answered_1_1", "info_get_v1_0_descriptors",
    # Issue 16 (FF-A v1.1 conformance, docs/abi/ffa.md "Conformance"): the VM-side behaviours.
    "version_bit31_rejected", "version_incompatible_not_supported", "version_1_0_compatible",
    "features_interrupt", "features_direct_resp_not_for_a_vm", "features_msg_wait_not_for_a_vm",
    "direct_req_32_args_zero_extended", "direct_resp_32_results_zero_extended",
    "direct_resp_64_results_whole", "info_get_lists_the_caller",
    # Notifications (docs/abi/ffa.md "Notifications"): both directions, their interrupts (the
    # guest's NPI taken as an IRQ after the SPMC's SRI, delayed or not; A's NPI), refusals.
    "notif_features", "notif_bind_from_a", "notif_no_npi_before", "notif_a_sets",
    "notif_npi_arrives", "notif_sri_now_preempts_a", "notif_npi_with_the_interrupt",
    "notif_run_after_sri", "notif_get_after_sri", "notif_a_npi_feature", "notif_a_took_its_npi",
    "notif_vm_to_vm_bind", "notif_get_from_a",
    "notif_get_cleared", "notif_unbind", "notif_set_after_unbind", "notif_a_binds_us",
    "notif_set_to_a", "notif_a_gets", "notif_a_unbinds", "notif_set_unbound",
    "notif_get_other_vm", "notif_bind_for_other_vm", "notif_bind_policy", "notif_vm_to_vm",
    "notif_bitmap_create_denied",
]


def test_ffa_conformance_all_checks_pass(run_system):
    r = run_system("ffa_conformance")
    assert r.status == 0, r.output
    assert not r.has(": FAIL"), r.output
    for guest in ("guest1", "guest2"):
        checks = [l for l in r.lines if l.startswith(f"N {guest}: CHECK ")]
        assert len(checks) == CHECKS_PER_GUEST, "\n".join(checks)
        for name in KEY_CHECKS:
            assert r.has(f"N {guest}: CHECK {name}: PASS"), name
        assert r.has(f"N {guest}: CONFORMANCE PASSED: 0 failures")


def test_request_left_yielded_by_a_stopped_guest_is_finished(run_system):
    # Each conformance guest powers off with a request yielded in TEE A; nshyp finishes it, so
    # guest2's checks (which need A) pass after guest1 left it in the middle of a request.
    r = run_system("ffa_conformance")
    for guest in ("guest1", "guest2"):
        assert r.has(f"N nshyp  : {guest} stopped during a request to partition 0x8001; ran it "
                     "to the end so it serves others again"), r.output
    assert r.has("N guest2: CHECK direct_req_32: PASS")


def test_discovery_shows_only_bound_partitions(run_system):
    # guest1 is bound to A and B, guest2 to A only: its count-only discovery must say 2 (itself
    # and A: FF-A v1.1 §13.8).
    r = run_system("ffa_conformance")
    assert r.has("N guest1: CHECK info_get_count_only: PASS")
    assert r.has("N guest2: CHECK info_get_count_only: PASS")
    assert r.has("N nshyp  : denied: guest2 may not call partition 0x8002 (binding policy)")


def test_hostile_guest_and_partition_get_defined_results_and_others_keep_working(run_system):
    r = run_system("hostile")
    assert r.status == 0, r.output
    assert r.has("S tee 8001: HOSTILE calls=3000 undefined=0"), r.output
    line = next(l for l in r.lines if l.startswith("N guest2: HOSTILE "))
    fields = dict(f.split("=") for f in line.split("HOSTILE ")[1].split())
    assert fields["calls"] == "4000" and fields["undefined"] == "0", line
    assert int(fields["answered_by_a_tee"]) > 0, "random input never got past the checks"
    assert fields["well_behaved_ok"] == "80" and fields["well_behaved_failed"] == "0", line
    assert not r.has("PANIC") and not r.has("stopped it")
    # The partition that was hostile at boot serves everyone afterwards, before and after the
    # hostile guest.
    for g, n in (("guest1", 17), ("guest3", 37)):
        assert r.has(f"N {g}: TEE 0x8001 answered {n}*{n} = {n * n}")
        assert r.has(f"N {g}: TEE 0x8002 answered {n + 1}*{n + 1} = {(n + 1) ** 2}")


# Indirect messages (docs/abi/ffa.md "Indirect messages"; test system "indirect",
# test/payloads/guest/indirect.c, the partitions' side tos/test/indirect.c): every direction,
# the receiver's RX ownership (BUSY while full, delivered again after FFA_RX_RELEASE), the
# "RX buffer full" framework notification seen by FFA_NOTIFICATION_GET, and the refusals.
INDIRECT_CHECKS = {"receiver": 20, "sender": 41}
INDIRECT_KEY_CHECKS = [
    # partition to partition (A and B), A's refusals of bad headers and registers
    "a_to_b", "a_to_b_rx_full", "b_reads_a", "a_to_b_after_release", "b_to_a", "a_refusals",
    # VM to partition (nshyp forwards; the SPMC copies from the VM's own TX)
    "vm_to_a", "vm_to_a_rx_full", "a_reads_vm", "vm_to_a_after_release", "vm_w1_mbz",
    "vm_w2_mbz", "vm_spoofed_sender", "vm_offset_in_header", "vm_oversize",
    "vm_to_no_partition", "recv_to_unbound_partition_denied",
    # partition to VM (the SPMC writes the VM's RX), and outside the binding policy
    "recv_a_sends_to_us", "recv_message_from_a", "recv_rx_full_notification_spm",
    "recv_notification_once", "recv_a_finds_rx_full", "recv_info_get_busy_while_full",
    "recv_release_twice", "recv_a_sends_again", "b_to_vm", "vm_reads_b",
    "b_to_unbound_vm_denied",
    # "RX buffer full" signalled: the receiver's NPI as an IRQ after A's message, none when BUSY
    "recv_npi_for_message", "recv_no_npi_when_busy", "recv_npi_again",
    # VM to VM in nshyp, the hypervisor framework notification, refusals
    "vm_to_vm", "vm_to_vm_rx_full", "recv_vm_message", "vm_to_vm_received",
    "vm_to_vm_after_release", "vm_to_vm_received_again", "vm_to_no_vm", "vm_to_itself",
    # features, and without buffers
    "send_features_send2", "send_features_rx_acquire", "send_rx_acquire_not_ours",
    "unmapped_send_denied", "b_to_unmapped_vm",
]


def test_indirect_messages_in_every_direction(run_system):
    r = run_system("indirect")
    assert r.status == 0, r.output
    assert not r.has(": FAIL"), r.output
    for who, n in INDIRECT_CHECKS.items():
        assert r.has(f"indirect {who}: {n} checks, 0 failed"), r.output
    for name in INDIRECT_KEY_CHECKS:
        assert r.has(f"CHECK indirect_{name}: PASS"), name
    assert r.has("N nshyp  : denied: receiver may not send to partition 0x8002 (binding policy)")
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")
