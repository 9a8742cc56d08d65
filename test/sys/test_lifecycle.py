# SPDX-License-Identifier: BSD-3-Clause
"""Guest life cycle: a guest that powers off in the middle of a TEE call (its TA waiting in
TEE_Wait, with shared memory retrieved by the TEE) leaves nothing behind. nshyp sends the FF-A
VM-destroyed framework message to the TEEs the guest may use; the TEE drops the call, the
session and the shares; nshyp reclaims the memory; the next guest gets the same single-instance
TA at once (without the message it would get TEEC_ERROR_BUSY, and the memory would stay lent)."""


def test_a_guest_that_dies_in_a_call_leaves_nothing_behind(run_system):
    r = run_system("lifecycle")
    assert r.status == 0, r.output
    assert r.has("N guest1: LIFECYCLE the TA copied within the shared memory: TEEC_SUCCESS")
    assert r.has("N guest1: LIFECYCLE powering off while the TA waits in TEE_Wait")
    assert not r.has("it should never")
    i = r.index("N nshyp  : guest1 powered off")
    assert r.index("S tee 8001: forgot endpoint 0x1: 1 call(s), 1 session(s), 2 share(s)") > i
    assert r.has("N guest2: LIFECYCLE open session to the test TA: TEEC_SUCCESS"), r.output
    assert r.has("N guest2: LIFECYCLE invoke: TEEC_SUCCESS, value 42")
    assert not r.has("did not take")
    assert not r.has("still hold its memory")
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")
