# SPDX-License-Identifier: BSD-3-Clause
"""FF-A memory management (issue 4): guests share and lend their pages with TEEs through nshyp
and the SPMC; the TEEs retrieve, write, read, hold and relinquish them (tos/memtest.c). Every
ABI's error paths, a multi-borrower share, fragments, the per-lender limit filled and released,
TEE-to-TEE lending, an endpoint that touches memory it does not own (after lending it, past a
share, after relinquishing it, a write to a read-only share, a fetch from a lent page) gets a
synchronous external abort at its own EL1 and the access never happens, and a TEE that does not
catch that abort ends itself: it alone is aborted."""

KEY_CHECKS = [
    "share_secure_ram", "share_not_own_memory", "share_overlapping", "share_duplicate",
    "share_page_count_lies", "share_missing_constituent", "share_too_many_ranges",
    "share_too_many_pages", "donate_from_guest", "reclaim_unknown_handle",
    "tee_writes_share", "guest_reads_tee_write", "reclaim_twice", "retrieve_dead_handle",
    "lend", "tee_saw_guest_data", "lent_page_back_with_tee_data", "lend_was_zeroed",
    "retrieve_wrong_lender", "retrieve_rw_of_ro", "reclaim_while_retrieved", "double_relinquish",
    "share_in_fragments", "fragmented_pages_written", "fill_to_limit", "over_limit",
    "release_all", "fill_and_release_again", "reclaim_zeroed_page", "relinquish_zeroed_page",
    "relinquish_zero_of_share", "reclaim_zero_of_share", "reclaim_zero_of_share_zeroed",
    "reclaim_share_gone",
    # Aborts injected by nshyp (the lender) and the SPMC (the borrower), caught by fault probes.
    "lender_read_gets_abort", "lender_read_gets_nothing", "lender_write_gets_abort",
    "lender_exec_gets_abort", "reclaimed_page_no_abort", "tee_fault_probes",
    "tee_ro_write_gets_abort", "tee_past_share_gets_abort", "tee_relinquishes_after_probes",
    "tee_after_relinquish_gets_abort", "ro_share_unchanged_by_probe", "reclaim_after_probes",
]
GUEST1_ONLY = ["retrieve_by_non_borrower", "share_two_borrowers", "borrower_b_saw_a",
               "tee_to_tee_checks", "tee_writing_ro_aborted", "ro_page_unchanged",
               "reclaim_from_aborted_tee", "aborted_tee_refuses", "other_tee_serves_on",
               "tee_a_lent_8", "tee_b_lent_8", "share_while_tees_at_quota", "tee_a_reclaimed_8",
               "tee_b_reclaimed_8", "share_after_table_emptied"]


def test_memory_sharing_conformance(run_system):
    r = run_system("mem")
    assert r.status == 0, r.output
    assert not r.has(": FAIL"), r.output
    for guest in ("guest1", "guest2"):
        names = KEY_CHECKS + (GUEST1_ONLY if guest == "guest1" else ["share_unbound_tee"])
        for name in names:
            assert r.has(f"N {guest}: CHECK mem_{name}: PASS"), (guest, name)
        assert any(l.startswith(f"N {guest}: mem test: ") and l.endswith(" checks, 0 failed")
                   for l in r.lines), r.output


def test_bad_accesses_are_aborts_injected_at_the_endpoints_el1(run_system):
    """nshyp injects the guest's faults on its lent page (a read, a write, a fetch), the SPMC
    TEE A's (a write to a read-only share, the page past it, the page after relinquishing it):
    each is one rate-limited line, and neither is stopped for it."""
    r = run_system("mem")
    for guest in ("guest1", "guest2"):
        assert r.has(f"N nshyp  : {guest} (ID 0x{guest[-1]}) took a stage-2 instruction abort at "), r.output
        assert any(l.startswith(f"N nshyp  : {guest} (ID ") and l.endswith("injected it (3 so far)")
                   for l in r.lines), r.output
    # A's first 4 lines, then the rest counted (LOG_LIMIT_BURST): it faults on in tee_to_tee.
    assert r.count("S spmc   : A (ID 0x8001) took a stage-2 data abort") == 4, r.output
    assert not r.has("its EL1 cannot take it"), r.output
    assert not r.has("S spmc   : partition A reported error"), r.output


def test_read_only_write_is_contained_and_system_ends_as_it_started(run_system):
    r = run_system("mem")
    # TEE B wrote a read-only share without a probe: its S-EL1 got the abort (a write, WnR, at
    # the page's address), its trusted OS ends itself, and B alone is aborted.
    assert any(l.startswith("S spmc   : B (ID 0x8002) took a stage-2 data abort")
               and l.endswith("injected it (1 so far)") for l in r.lines), r.output
    assert r.has("S tee 8002: PANIC: exception at S-EL1: ESR 0x96000050 "), r.output
    assert r.has("S spmc   : partition B reported error -8; aborting it"), r.output
    assert not r.has("isolation failed")
    # Every transaction was reclaimed: nothing is left when the guests are done. guest2 powered
    # off while TEE A held its share: the VM-destroyed message made A let go of it first.
    assert r.has("N guest2: CHECK mem_held_at_power_off: PASS"), r.output
    assert not r.has("still hold its memory"), r.output
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")
