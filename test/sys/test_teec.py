# SPDX-License-Identifier: BSD-3-Clause
"""GP TEE Client API (issue 5): the client conformance suite (test/payloads/guest/teec_conformance.c) through
libteec, nshyp, the SPMC and the trusted OS, in the spirit of OP-TEE's xtest regression for the
client side. guest1 may reach TEEs "pay" and "vault" and runs every check; guest2 is bound to
"pay" only and runs the routing and policy checks."""

GUEST1_CHECKS = 71
GUEST2_CHECKS = 8
# Checks that must be present and pass (a renamed or skipped check fails the test).
KEY_CHECKS_GUEST1 = [
    "context_unknown_name", "context_null_name_reaches_bound_tees", "session_open",
    "session_unknown_uuid", "session_ta_not_in_this_tee", "session_refused_by_ta",
    "session_open_params_written_back", "many_sessions", "value_inout", "value_input_and_output",
    "bad_param_type_refused_by_api", "temp_input_output", "temp_short_buffer_size_written_back",
    "temp_null_output_size_query", "temp_16k_unaligned", "temp_inout", "temp_zero_size",
    "shm_registered_whole_inout", "shm_registered_partial_input",
    "map_session_open", "map_whole_inout", "map_partial_input_across_pages",
    "map_partial_output_in_place", "map_input_is_read_only", "bounce_input_write_stays_private",
    "map_gone_after_the_call", "map_never_executable", "map_ta_serves_after_deaths",
    "shm_partial_short_buffer_size_written_back", "shm_registered_unaligned_whole_input",
    "shm_allocated_whole_output", "all_types_in_one_call", "wait_suspends_and_resumes",
    "cancel_infinite_wait", "cancel_masked_is_ignored", "cancel_before_start",
    "ta_panic_target_dead", "ta_panic_session_stays_dead", "ta_panic_new_session_works",
    "ta_fault_target_dead", "ta_fault_new_session_works", "name_selects_vault",
    "route_null_context_to_vault", "route_null_context_to_pay", "route_null_context_unknown_uuid",
    "shm_register_zero_size", "shm_allocate_zero_size", "null_context_memory_follows_routing",
    "two_contexts_one_tee", "finalize_closes_open_sessions",
]
KEY_CHECKS_GUEST2 = [
    "context_null_name_reaches_bound_tees", "policy_vault_denied",
    "policy_vault_ta_unreachable_by_uuid", "route_null_context_to_pay",
]


def checks_of(r, guest):
    return [l for l in r.lines if l.startswith(f"N {guest}: CHECK ")]


def test_teec_conformance_all_checks_pass(run_system):
    r = run_system("teec")
    assert r.status == 0, r.output
    assert not r.has(": FAIL"), r.output
    for guest, count, keys in (("guest1", GUEST1_CHECKS, KEY_CHECKS_GUEST1),
                               ("guest2", GUEST2_CHECKS, KEY_CHECKS_GUEST2)):
        checks = checks_of(r, guest)
        assert len(checks) == count, "\n".join(checks)
        for name in keys:
            assert r.has(f"N {guest}: CHECK {name}: PASS"), name
        assert r.has(f"N {guest}: TEEC CONFORMANCE PASSED: {count} checks, 0 failures")


def test_teec_ta_death_is_contained(run_system):
    # The test TA dies twice (TEE_Panic, then a NULL read); the TOS says so, and the vault's other
    # TA and the later checks keep working.
    r = run_system("teec")
    assert r.has("S tee 8002: TA \"test\" panicked (TEE_Panic 0xdead0001)"), r.output
    assert r.index("S tee 8002: TA \"test\" panicked") < r.index(
        "N guest1: CHECK ta_panic_target_dead: PASS")
    assert r.has("N guest1: CHECK ta_fault_new_session_works: PASS")
    assert r.has("N guest1: CHECK route_null_context_to_vault: PASS")


def test_teec_shares_are_all_given_back(run_system):
    # Every FF-A share libteec made (message pages, bounce buffers, shared memory) was
    # unregistered and reclaimed: nshyp ends with an empty transaction table.
    r = run_system("teec")
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off"), \
        r.output


def test_demo_story_pay_and_photo(run_system):
    # make run's demo: guest1 pays with the wallet in "pay" and keeps a photo in "vault".
    r = run_system("demo")
    assert r.status == 0, r.output
    assert not r.has("failed:"), r.output
    for line in [
        "N guest1: [app] wallet: session open in TEE \"pay\"",
        "N guest1: [app] wallet: the bank checks the tag: valid, payment accepted",
        "N guest1: [app] wallet: the same tag on a forged amount (\"pay 99.50 EUR to Alice's "
        "bakery\"): TEE_ERROR_MAC_INVALID, origin TRUSTED_APP -> rejected",
        "N guest1: [app] vault: stored \"photo\" (a 48x32 picture, 1549 bytes)",
        "N guest1: [app] vault: it holds 1 blob(s), the first named \"photo\"",
        "N guest1: [app] vault: how big is \"photo\"? (output buffer NULL) -> "
        "TEEC_ERROR_SHORT_BUFFER, 1549 bytes needed",
        "N guest1: [app] vault: fetched \"photo\" into shared memory: 1549 bytes, identical to "
        "what was stored",
    ]:
        assert r.has(line), line
    assert r.index("N guest1: [app] step 1: pay") < r.index("N guest1: [app] step 2: keep a photo")


def test_demo_wallet_keys_and_counters_per_guest(run_system):
    # One wallet instance, one key and one sequence counter per client: the guests see
    # different fingerprints, and guest2's count and sequence number start at 0 whatever
    # guest1 paid (issue 10 item 7: before, both were global).
    r = run_system("demo")
    # The guests run side by side (issue 13): their lines come in either order.
    prints = {l[:len("N guestN")]: l.split("fingerprint ")[1].split("...")[0] for l in r.lines
              if "[app] wallet: this guest's secret key never leaves the TEE; fingerprint" in l}
    assert len(prints) == 2 and prints["N guest1"] != prints["N guest2"], r.output
    assert r.has("N guest1: [app] wallet: signed \"pay 12.50 EUR to Alice's bakery\": tag ")
    assert r.has("N guest2: [app] wallet: this guest's secret key never leaves the TEE; "
                 "fingerprint " + prints["N guest2"] + "..., 0 payment(s) signed so far by this "
                 "guest"), r.output
    for g in ("guest1", "guest2"):
        assert r.has(f"N {g}: [app] wallet: signed \"pay 12.50 EUR to Alice's bakery\": tag ") and \
            any(l.startswith(f"N {g}: [app] wallet: signed") and l.rstrip().endswith(", sequence number 0")
                for l in r.lines), (g, r.output)
    assert not r.has(", sequence number 1"), r.output
    assert r.has("N guest2: [app] wallet: the bank checks the tag: valid, payment accepted")


def test_demo_guest2_refused_by_vault_with_gp_error(run_system):
    r = run_system("demo")
    assert r.has("N guest2: [app] TEE \"vault\" refused this guest: TEEC_ERROR_ACCESS_DENIED "
                 "(the binding policy lets it use only \"pay\")"), r.output
    assert r.has("N guest2: [app] looking for the vault TA by UUID among the 1 TEE(s) this guest "
                 "may reach: TEEC_ERROR_ITEM_NOT_FOUND, origin TEE")
    assert not r.has("N guest2: [app] vault: stored")
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")
