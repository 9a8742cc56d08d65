# SPDX-License-Identifier: BSD-3-Clause
"""Memory reservations and a guest's end (docs/abi/ffa-memory.md §6, §12): no client's use of
the transaction tables becomes another's NO_MEMORY, and a guest that stops after random OP-TEE
and FF-A calls leaves no transaction behind."""


def test_held_transactions_of_stopped_guests_cost_only_them(run_system):
    r = run_system("mem_quota")
    assert r.status == 0, r.output
    # guest1 and guest2 each lend their whole reservation; TEE A keeps all 16 after they stop.
    for g in ("guest1", "guest2"):
        assert r.has(f"N {g}: QUOTA held=8 ninth=-3"), r.output  # -3: NO_MEMORY, its own limit
    assert r.count("stopped while partitions still hold its memory") == 16, r.output
    # guest3 still gets all of its own 8 (before reservations: NO_MEMORY from the first).
    assert r.has("N guest3: QUOTA lent=8 ninth=-3 written=1 reclaimed=8"), r.output
    assert r.has("N nshyp  : all guests finished (16 memory transactions left)"), r.output
    assert not r.has("PANIC")


def test_hostile_optee_guest_leaves_no_transaction(run_system):
    r = run_system("mem_hostile")
    assert r.status == 0, r.output
    line = next(l for l in r.lines if l.startswith("N guest1: HOSTILE_OPTEE "))
    assert "shares=6" in line, line
    assert r.has("S tee 8002: forgot endpoint 0x1:"), r.output  # VM_DESTROYED reached the TEE
    assert not r.has("stopped while partitions still hold its memory"), r.output
    assert r.has("N guest2: QUOTA lent=8 ninth=-3 written=1 reclaimed=8"), r.output
    assert r.has("N nshyp  : all guests finished (0 memory transactions left)"), r.output
    assert not r.has("PANIC") and not r.has("undefined result")
