# SPDX-License-Identifier: BSD-3-Clause
"""Hostile-client regression (issue 10): with product images, guest1 runs every attack of the
isolation review against the platform (test/payloads/guest/attacker.c: EL1 register leaks, a stage-2 table
drain, SMCCC register abuse, random calls, shares left with a TEE and random OP-TEE calls on
them) and guest2 against the TEEs (the trusted OS's former test commands, exhaustion of the
TEEs' sessions, calls, shares and TA quotas and counters); both stop holding everything. The
well-behaved guests after them (guest3: the demo app in both TEEs; guest4: reads the EL1
registers it inherited) must see exactly what they see when the attackers are quiet
(hostile_client_baseline). Must keep passing as later issues land."""
import re

HEX = re.compile(r"\b[0-9a-f]{16}\.\.\.")


def good_guest_lines(run):
    """guest3's and guest4's own lines. The wallet's master key is random per boot (RNDR), so
    its fingerprints and tags are masked, and the attestation (a fresh random challenge, so a
    different token, each boot) is left out: everything else must match byte for byte."""
    return [HEX.sub("<random-key-derived>...", l) for l in run.lines
            if (l.startswith("N guest3:") or l.startswith("N guest4:"))
            and "attests itself to the bank, challenge" not in l and "[app] attest token" not in l]


def test_attacker_runs_every_attack_and_the_system_survives(run_system):
    r = run_system("hostile_client", timeout=240)
    assert r.status == 0, r.output
    for phase in ("round 2: stage-2 drain", "round 2: random calls", "shares left with a TEE",
                  "done; stopping with everything still held"):
        assert r.has(f"N guest1: attack: {phase}"), r.output
    for phase in ("test commands", "exhausting the TEEs", "done; stopping with everything"):
        assert r.has(f"N guest2: attack: {phase}"), r.output
    # The platform attacks really ran: 63 pages lent and reclaimed per round, shares left.
    assert r.count("N guest1: s2 drain: 63 lend/reclaim cycles") == 2, r.output
    assert r.has("N guest1: HOSTILE_OPTEE calls=1500 shares=6"), r.output
    # Every former test command was refused by the product TEEs, which kept serving.
    assert r.has("N guest2: product probe: 39 checks, 0 failed"), r.output
    # The exhaustion got what one client may have, and no more (docs/tos.md, docs/tas.md).
    assert r.has("N guest2: attack: 8 wallet and 8 vault sessions, 40 signatures, 16 blobs"), r.output
    # Firmware never panics (guest4 ends on purpose in an UNDEFINED exception: leak_probe.c).
    assert not any("PANIC" in l and not l.startswith("N guest4:") for l in r.lines), r.output
    assert not r.has("isolation failed"), r.output
    # No partition was aborted, and everything guest1 held came back when it stopped.
    assert not r.has("S spmc   : pay (ID") and not r.has("S spmc   : vault (ID"), r.output
    assert r.has("N nshyp  : all guests finished (0 memory transactions left)"), r.output


def test_well_behaved_guests_see_what_they_see_without_the_attacker(run_system):
    base = run_system("hostile_client_baseline")
    assert base.status == 0, base.output
    hostile = run_system("hostile_client", timeout=240)
    assert hostile.status == 0, hostile.output
    expected = good_guest_lines(base)
    assert any("[app] vault: fetched \"photo\"" in l for l in expected), base.output
    assert any("LEAK reader sees writer values: no" in l for l in expected), base.output
    # Per guest: guest3 and guest4 are time-sliced, so how their lines interleave depends on the
    # host's speed; each one's own lines must match, in order.
    for guest in ("N guest3:", "N guest4:"):
        mine = [l for l in good_guest_lines(hostile) if l.startswith(guest)]
        assert mine == [l for l in expected if l.startswith(guest)], hostile.output
