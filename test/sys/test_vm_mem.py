# SPDX-License-Identifier: BSD-3-Clause
"""FF-A memory sharing between two guests through nshyp (docs/abi/ffa-memory.md "VM to VM";
test system "vm_mem", test/payloads/guest/vm_mem.c): the lender's VM-to-VM binding names the
borrower, which waits for direct requests and does what the lender asks. LEND, read-only
SHARE and DONATE with nshyp's own handles (bit 63); data written by one side seen by the
other; the lender's access gone while lent or donated (an injected abort it catches), the
borrower's write to a read-only share aborted, its access gone after its relinquish and after
the reclaim; the refusals (wrong handle, wrong type, relinquish without retrieve, reclaim while
retrieved, donate then reclaim, a VM outside the binding, no such VM, itself); the borrower's
end releases what it held, and nothing is left when the guests are done.
The test asserts on what happened, never on time."""
import pytest
from conftest import boot

NSHYP = "N nshyp  : "


@pytest.fixture(scope="module")
def vm_mem():
    r = boot("vm_mem")
    assert r.status == 0, r.output
    return r


def _passed(r, name):
    return r.has(f"CHECK vm_mem_{name}: PASS")


def test_every_check_passes(vm_mem):
    assert not vm_mem.has(": FAIL"), vm_mem.output
    assert vm_mem.has("vm_mem lender: 51 checks, 0 failed"), vm_mem.output
    assert vm_mem.has("vm_mem borrower: 3 checks, 0 failed"), vm_mem.output


def test_nothing_left_after_the_guests(vm_mem):
    assert vm_mem.has(NSHYP + "all guests finished (0 memory transactions left); powering off"), \
        vm_mem.output


def test_lend_both_ways_and_access_rules(vm_mem):
    for name in ("lend", "handle_is_the_hypervisors", "lender_loses_lent_page", "retrieve_lend",
                 "retrieve_ipa", "retrieve_rw", "borrower_sees_lenders_data", "borrower_writes",
                 "retrieve_twice_counted", "relinquish_first",
                 "borrower_keeps_page_until_last_relinquish", "relinquish_second",
                 "borrower_loses_page_after_relinquish", "reclaim", "lender_sees_borrowers_data",
                 "borrower_cannot_touch_after_reclaim"):
        assert _passed(vm_mem, name), vm_mem.output


def test_read_only_share_is_enforced(vm_mem):
    for name in ("share_ro", "retrieve_ro_asking_rw", "retrieve_ro", "retrieve_ro_perms",
                 "borrower_reads_share", "ro_share_write_aborts",
                 "borrower_sees_lender_write_in_share", "relinquish_share", "reclaim_share",
                 "share_unchanged_by_ro_write"):
        assert _passed(vm_mem, name), vm_mem.output
    assert vm_mem.has("borrower (ID 0x2) took a stage-2 data abort"), vm_mem.output


def test_donate_moves_ownership(vm_mem):
    for name in ("donate_stating_access", "donate", "retrieve_donate", "borrower_reads_donation",
                 "reclaim_donated", "donor_touch_aborts", "relinquish_donated"):
        assert _passed(vm_mem, name), vm_mem.output
    assert vm_mem.has("lender (ID 0x1) took a stage-2 data abort"), vm_mem.output


def test_refusals(vm_mem):
    for name in ("relinquish_without_retrieve", "retrieve_wrong_handle", "retrieve_wrong_type",
                 "reclaim_while_retrieved", "reclaim_while_still_retrieved", "relinquish_again",
                 "retrieve_after_reclaim", "share_to_no_such_vm", "share_to_itself",
                 "borrower_share_back_denied", "lender_features_donate",
                 "lender_features_no_retrieve", "borrower_features_retrieve",
                 "borrower_features_no_donate"):
        assert _passed(vm_mem, name), vm_mem.output


def test_borrowers_end_releases_its_retrieval(vm_mem):
    for name in ("lend_last", "retrieve_last", "borrower_ended_holding_it",
                 "reclaim_after_borrowers_end", "lender_has_page_back"):
        assert _passed(vm_mem, name), vm_mem.output
    assert vm_mem.index("powering off holding its retrieval") < vm_mem.index(
        "CHECK vm_mem_reclaim_after_borrowers_end")
