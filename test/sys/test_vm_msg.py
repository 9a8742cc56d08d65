# SPDX-License-Identifier: BSD-3-Clause
"""VM-to-VM FF-A direct messages through nshyp (issue 16, "Features to add"; test system
"vm_msg", test/payloads/guest/vm_msg.c): a server guest waits in FFA_MSG_WAIT and answers w3
squared; the client's _32 and _64 requests get exact answers, _32 ones with x3-x7 zero-extended
in both directions; the refusals (itself, no such VM, a VM outside the binding, another sender's
ID, a response nobody asked for; DENIED for the third guest outside the server's binding; BUSY
for a guest that is not waiting, and for the client that waits for an answer: no cycle); what a
serving guest may not do; the server's end while it holds a request gives the client ABORTED, and
a sender's end while it waits makes its answer dropped; the client's discovery lists
the VM it may address. VM-to-VM notifications: the server binds the client (not the third,
outside the binding), the client sets one (refused unbound and outside its binding) and the
server takes its NPI as an IRQ and gets it.
The test asserts on what happened, never on time."""
import re

import pytest
from conftest import boot

NSHYP = "N nshyp  : "


@pytest.fixture(scope="module")
def vm_msg():
    r = boot("vm_msg")
    assert r.status == 0, r.output
    assert r.has(NSHYP + "all guests finished (0 memory transactions left); powering off"), \
        r.output
    return r


def _passed(r, name):
    return r.has(f"CHECK vm_msg_{name}: PASS")


def test_every_check_passes(vm_msg):
    assert not vm_msg.has(": FAIL"), vm_msg.output
    for who, n in (("server", 22), ("client", 21), ("third", 4)):
        assert vm_msg.has(f"vm_msg {who}: {n} checks, 0 failed"), vm_msg.output


def test_requests_of_both_widths_are_answered(vm_msg):
    for name in ("client_square_32", "client_square_32_wide", "client_square_64",
                 "client_square_32_again", "client_resp32_upper_halves_zero",
                 "client_resp64_whole", "server_req32_upper_halves_zero",
                 "server_req_ids_and_flags", "server_features_msg_wait",
                 "client_discovery_count"):
        assert _passed(vm_msg, name), vm_msg.output
    # goner's request, then the client's five, reached the server one after another.
    assert vm_msg.count("CHECK vm_msg_server_req_ids_and_flags: PASS") == 6, vm_msg.output


def test_refused_requests(vm_msg):
    for name in ("client_to_itself", "client_to_no_such_vm", "client_outside_binding",
                 "client_claims_another_sender", "client_resp_nobody_asked",
                 "third_to_server_denied", "third_to_client_busy", "third_features_no_msg_wait",
                 "third_features_direct_req"):
        assert _passed(vm_msg, name), vm_msg.output
    assert vm_msg.has(NSHYP + "denied: third may not send to VM 1 (VM-to-VM binding policy)")
    assert vm_msg.has(NSHYP + "denied: client may not send to VM 3 (VM-to-VM binding policy)")


def test_a_serving_guest_answers_only_its_request(vm_msg):
    for name in ("server_wait_while_serving", "server_other_width",
                 "server_to_one_that_did_not_ask", "server_w2_mbz",
                 "server_cannot_ask_its_client"):
        assert _passed(vm_msg, name), vm_msg.output


def test_receiver_end_aborts_the_sender(vm_msg):
    r = vm_msg
    assert r.has("N guest1: powering off holding VM 2's request")
    assert r.has(NSHYP + "server ended holding a request of VM 2: it gets ABORTED")
    assert _passed(r, "client_server_ended_holding_request"), r.output
    assert _passed(r, "client_server_gone"), r.output
    assert r.index(NSHYP + "server powered off") < r.index(
        "CHECK vm_msg_client_server_ended_holding_request")
    # Blocking gave the CPU away: the guests took turns (no ticks in description order).
    switches = re.search(r"scheduler: (\d+) guest switches", r.output)
    assert switches and int(switches.group(1)) > 4, r.output


def test_sender_end_drops_the_answer(vm_msg):
    """"goner" is ended (test hook) while it waits for the server's answer: the answer is
    dropped, and the server's response call returns with its next message, the client's."""
    r = vm_msg
    assert _passed(r, "server_stopped_its_sender"), r.output
    assert r.has(NSHYP + "goner stopped by the test hook (from server)")
    assert r.has(NSHYP + "server answered VM 4, which ended meanwhile: answer dropped")
    assert not r.has("vm_msg goner:"), r.output  # it never ran again
    assert r.index("answer dropped") < r.index("CHECK vm_msg_client_square_32: PASS")


def test_vm_to_vm_notifications(vm_msg):
    # nshyp keeps them: bind, set (the receiver's NPI injected, taken as an IRQ), GET's VM
    # bitmap; refused outside the VM-to-VM binding and for IDs not bound.
    for name in ("server_notif_npi_feature", "server_notif_bind_client",
                 "server_notif_bind_outside", "client_notif_set_server",
                 "client_notif_set_unbound", "client_notif_set_outside",
                 "client_notif_bind_outside", "server_npi_arrives",
                 "server_notif_get_from_client", "client_notif_server_took_it"):
        assert _passed(vm_msg, name), vm_msg.output
