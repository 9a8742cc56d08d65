# SPDX-License-Identifier: BSD-3-Clause
"""Stage-2 tables cannot be drained (issue 10 item 5): a guest with a 128 MiB window lends, and
shares for a TEE to retrieve, one page of each 2 MiB block, 189 times each. Every split and
every retrieval's table goes back (merge on reclaim, free on unmap), both hypervisors end with
the tables they started with, and the guest after it is built and served. Before the fix the
pools ran dry: lends and retrievals were refused and nshyp panicked building guest2 (exit 99)."""


def test_lend_and_retrieve_cycles_do_not_drain_the_pools(run_system):
    r = run_system("s2_drain")
    assert r.status == 0, r.output
    assert not r.has("PANIC"), r.output
    assert r.has("N guest1: s2 drain: 189 lend/reclaim cycles, 189 TEE retrievals, 0 failures")
    # nshyp: the attacker's stage 2 is back to what it was built with.
    line = next(l for l in r.lines if l.startswith("N nshyp  : guest1 done: "))
    held, start = line.split("done: ")[1].split(" stage-2 tables held (")
    assert held == start.split(" at start")[0], line
    # The SPMC: the TEEs' stage 2 back to the count after boot once guest1 is gone.
    boot = next(l for l in r.lines if "all partitions booted (" in l)
    booted = boot.split("booted (")[1].split(" ")[0]
    assert r.has(f"S spmc   : VM 1 gone: {booted} stage-2 tables in use ({booted} after boot)")


def test_later_guest_is_built_and_served(run_system):
    r = run_system("s2_drain")
    assert r.has("N nshyp  : starting guest2 (VM ID 2) at NS-EL1"), r.output
    assert r.has("N guest2: s2 drain: a page of the image: 1 lent, 1 retrieved, 0 failures")
    assert r.has("N guest2: TEE 0x8001 answered 27*27 = 729, sender ID it saw: 0x2 (from 0x8001)")
    assert r.has("N guest2: TEE 0x8002 answered 28*28 = 784, sender ID it saw: 0x2 (from 0x8002)")
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")
