# SPDX-License-Identifier: BSD-3-Clause
"""A TA in an endless loop costs its caller only that call (issue 13 items 4-5, trusted-OS side).

TEE "vault" owns the secure physical timer (system tos_loop). guest1 invokes the test TA's LOOP
command: each time slice ends with "interrupted, resume me", libteec resumes, and a cancel ends
the loop that looks at the flag. A TEE_Wait(20 ms) whose first resume the guest holds back until
the TOS's statistics say the secure timer ended a wait (at most 5 s) is ended by the timer's
interrupt, not by a resume past the deadline, and returns TEE_SUCCESS. guest1 then powers off
while a loop that ignores cancellation is suspended; the VM-destroyed message makes the TOS
kill that TA instance and forget the guest. guest2, which runs next to guest1, opens the same TA
(answered BUSY while guest1's call holds the single instance, it asks again) and gets a new
instance, and the vault TA of the same TOS. Behaviour only, never time.

It needs the SPMC to deliver the secure timer (FFA_INTERRUPT / HYPCALL_INTERRUPT_GET, H-GIC's
part of issue 13): without it the first loop never ends, so the test is skipped until then."""
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPMC_DELIVERS = any(
    "HYPCALL_INTERRUPT_GET" in p.read_text(errors="replace")
    for p in (ROOT / "hyp/role/spmc").glob("*.c"))


@pytest.mark.skipif(not SPMC_DELIVERS, reason="the SPMC does not deliver secure interrupts yet")
def test_a_looping_ta_costs_only_its_call(run_system):
    r = run_system("tos_loop")
    assert r.status == 0, r.output
    assert r.has("N guest1: LIFECYCLE loop until cancelled: TEEC_ERROR_CANCEL after at least 3 resumes"), r.output
    assert r.has("N guest1: LIFECYCLE TEE_Wait(20 ms): TEEC_SUCCESS, ended by the secure timer: yes")
    assert r.has("N guest1: LIFECYCLE powering off while the TA loops (5 resumes)")
    assert not r.has("it should never")
    i = r.index("N nshyp  : guest1 powered off")
    assert r.index('S tee 8001: TA "test" killed: endpoint 0x1 is gone, its call still ran') > i
    assert r.index("S tee 8001: forgot endpoint 0x1: 1 call(s), 1 session(s)") > i
    assert r.has("N guest2: LIFECYCLE open session to the test TA: TEEC_SUCCESS")
    assert r.has("N guest2: LIFECYCLE invoke: TEEC_SUCCESS, value 42")
    assert r.has("N guest2: LIFECYCLE open session to the vault TA: TEEC_SUCCESS")
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")
