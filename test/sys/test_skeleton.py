# SPDX-License-Identifier: BSD-3-Clause
"""Walking skeleton (issue 2): the boot chain, one message end to end, the binding
policy on both sides, isolation by stage 2, unknown function IDs."""


def test_demo_boot_chain_and_exit(run_system):
    r = run_system("demo")
    assert r.status == 0, r.output
    order = [
        "S boot   : Tessera boot at EL3",
        "S monitor: running at EL3, SCR_EL3.NS=0",
        "S spmc   : secure hypervisor (SPMC) running at EL2, secure world",
        "S tee 8001: trusted OS instance 0x8001 running at EL1 (S-EL1)",
        "S spmc   : partition pay is waiting for messages (FFA_MSG_WAIT)",
        "S tee 8002: trusted OS instance 0x8002 running at EL1 (S-EL1)",
        "S spmc   : partition vault is waiting for messages (FFA_MSG_WAIT)",
        "S monitor: now SCR_EL3.NS=1",
        "N nshyp  : normal-world hypervisor running at EL2, non-secure world",
        "N guest1: guest VM 1 running at EL1 (NS-EL1)",
        "N guest2: guest VM 2 running at EL1 (NS-EL1)",
        "S monitor: PSCI SYSTEM_OFF",
    ]
    positions = [r.index(line) for line in order]
    assert positions == sorted(positions), r.output


def test_skeleton_messages_carry_computed_data_and_checked_sender(run_system):
    r = run_system("skeleton")
    # Guest n sends 7 + 10n + i to TEE i and gets the square back, plus the sender ID the TEE saw.
    assert r.has("N guest1: TEE 0x8001 answered 17*17 = 289, sender ID it saw: 0x1 (from 0x8001)")
    assert r.has("N guest1: TEE 0x8002 answered 18*18 = 324, sender ID it saw: 0x1 (from 0x8002)")
    assert r.has("N guest2: TEE 0x8001 answered 27*27 = 729, sender ID it saw: 0x2 (from 0x8001)")


def test_skeleton_binding_policy_enforced_by_nshyp(run_system):
    r = run_system("skeleton")
    assert r.has("N nshyp  : denied: guest2 may not call partition 0x8002 (binding policy)")
    assert r.has("N guest2: TEE 0x8002 refused: FFA_ERROR DENIED (-6)")
    assert not r.has("S spmc   : denied"), "nshyp should have stopped it before the SPMC"
    assert r.count("answered") == 3


def test_binding_policy_enforced_by_spmc_when_nshyp_does_not_filter(run_system):
    r = run_system("policy_unfiltered")
    assert r.status == 0, r.output
    assert not r.has("N nshyp  : denied")
    assert r.has("S spmc   : denied: VM 0x2 is not bound to partition B")
    assert r.has("N guest2: TEE 0x8002 refused: FFA_ERROR DENIED (-6)")
    assert r.has("N guest2: TEE 0x8001 answered 27*27 = 729")
    assert r.has("N guest1: TEE 0x8002 answered 18*18 = 324")


def test_tos_touching_other_tos_faults_at_sel2_and_others_carry_on(run_system):
    """The SPMC injects the stage-2 fault into A's S-EL1 (a data abort, same EL, external); A's
    trusted OS does not expect it in its kernel, ends itself (FFA_ERROR) and is aborted."""
    r = run_system("tos_isolation")
    assert r.status == 0, r.output
    assert r.has("S tee 8001: test: reading another TEE's memory at 0xe200000")
    assert r.has("S spmc   : A (ID 0x8001) took a stage-2 data abort at IPA 0xe200000")
    assert r.has("S tee 8001: PANIC: exception at S-EL1: ESR 0x96000010 ")
    assert r.has("S spmc   : partition A reported error -8; aborting it")
    assert not r.has("isolation failed")
    # A is aborted for everyone; B keeps answering both guests.
    assert r.has("N guest1: TEE 0x8001 refused: FFA_ERROR ABORTED (-8)")
    assert r.has("N guest2: TEE 0x8001 refused: FFA_ERROR ABORTED (-8)")
    assert r.has("N guest1: TEE 0x8002 answered 18*18 = 324")
    assert r.has("N guest2: TEE 0x8002 answered 28*28 = 784")


def test_guest_touching_other_guest_gets_an_abort_and_without_vectors_is_stopped(run_system):
    """guest1 reads guest2's memory: nshyp injects a synchronous external abort at its EL1 (FAR
    = the address, nothing read), which it catches and carries on, 301 times (the log stays
    short). guest2 points VBAR_EL1 at
    secure RAM and reads it: the abort's vector cannot be fetched (a fault inside its own vector
    table), so nshyp stops it."""
    r = run_system("guest_isolation")
    assert r.status == 0, r.output
    assert r.has("N nshyp  : guest1 (ID 0x1) took a stage-2 data abort at IPA 0x40600000")
    assert r.has("N guest1: external abort at EL1: as expected (ESR 0x96000010 FAR 0x40600000), "
                 "nothing read; carrying on")
    assert r.has("N guest1: TEE 0x8001 answered 17*17 = 289")
    # 300 more: every one an abort, and nshyp's lines about them rate-limited (a burst of 4, one
    # per 64 after), the rest counted when the guest ends.
    assert r.has("N guest1: 300 more reads: 300 external aborts"), r.output
    assert r.count("N nshyp  : guest1 (ID 0x1) took a stage-2 data abort") <= 10, r.output
    assert any(l.startswith("N nshyp  : guest1: ") and l.endswith(" messages suppressed")
               for l in r.lines), r.output
    assert any(l.startswith("N nshyp  : guest2 (ID 0x2) took a stage-2 data abort at IPA 0xe000000 ")
               and l.endswith("injected it (1 so far)") for l in r.lines), r.output
    assert any(l.startswith("N nshyp  : guest2 (ID 0x2) took a stage-2 instruction abort at IPA "
                            "0xe000200 ") and l.endswith("its EL1 cannot take it; stopped it")
               for l in r.lines), r.output
    assert not r.has("isolation failed")
    assert not r.has("N guest2: TEE"), "a stopped guest must not run on"
    assert r.has("N guest3: TEE 0x8001 answered 37*37 = 1369, sender ID it saw: 0x3")
    assert r.has("N guest3: TEE 0x8002 answered 38*38 = 1444, sender ID it saw: 0x3")


def test_unknown_function_ids_return_minus_one(run_system):
    r = run_system("unknown_ids")
    assert r.status == 0, r.output
    for who in ("N guest1", "S tee 8001"):
        probes = [l for l in r.lines if l.startswith(who + ": unknown ID 0x")]
        assert len(probes) == 6, r.output
        assert all(l.endswith("smc -> -1, hvc -> -1") for l in probes), probes
        assert r.has(f"{who}: unknown FF-A ID 0x840000f0: w0=0x84000060 w2=-1")
    # Both keep working afterwards.
    assert r.has("N guest1: TEE 0x8001 answered 17*17 = 289")
    assert r.has("N guest1: TEE 0x8002 answered 18*18 = 324")
