# SPDX-License-Identifier: BSD-3-Clause
"""The OP-TEE SMC ABI through nshyp's mediator (docs/abi/optee-smc.md): two bare guests act as a
minimal OP-TEE SMC driver (test/payloads/guest/optee_smc.c), the way Linux's optee.ko does, against TEEs that
speak the OP-TEE FF-A ABI. guest1 (bound to "pay" and "vault") runs the probe sequence,
sessions routed by TA UUID, every parameter form as TMEM in its window, suspensions, CANCEL and
hostile calls, and powers off with a session open and a call suspended; guest2 (bound to "pay"
only) checks the routing and the session remapping, then touches the mediator page. Every
OP-TEE SMC keeps x4-x30."""

G1 = "N guest1: "
G2 = "N guest2: "
NSHYP = "N nshyp  : "

GUEST1_CHECKS = [
    "calls_uid", "calls_uid_by_hvc", "os_revision", "calls_revision", "os_uuid",
    "exchange_capabilities", "shm_config", "disable_shm_cache_enotavail", "enable_shm_cache",
    "unknown_fast_call", "rpc_arg_not_offered", "resume_nothing_suspended",
    "enumeration_pta_not_found", "open_routed_to_second_tee", "open_wallet_in_first_tee",
    "close_wallet", "value_inout", "tmem_copy", "tmem_short_buffer", "tmem_inout", "null_memref",
    "tmem_at_window_end", "close_session", "arg_in_mediator_page", "arg_outside_window",
    "arg_straddles_window_end", "arg_unaligned", "arg_above_4g", "arg_too_many_params",
    "memref_outside_window", "memref_in_mediator_page", "memref_straddles_window_end",
    "noncontig_refused", "rmem_refused", "meta_in_invoke_refused", "register_shm_refused",
    "open_without_meta", "invoke_unknown_session", "close_unknown_session",
    "cancel_nothing_opening", "session_survives_garbage", "close_after_garbage",
    "wait_foreign_intr", "wait_stays_suspended", "resume_wrong_thread",
    "instance_busy_while_waiting", "cancel_routed", "wait_cancelled", "resume_after_end",
    "wait_times_out", "panic_target_dead", "left_suspended", "registers_preserved",
]
GUEST2_CHECKS = [
    "calls_uid", "exchange_capabilities", "shm_config", "probe_exchange_capabilities",
    "open_unbound_ta_not_found", "open_bound_ta", "other_session_ids_refused",
    "registers_preserved",
]


def checks_of(r, tag):
    return {l[len(tag) + len("CHECK osmc_"):].split(":")[0]: l
            for l in r.lines if l.startswith(tag + "CHECK osmc_")}


def test_linux_style_driver_through_the_mediator(run_system):
    r = run_system("optee_smc")
    assert r.status == 0, r.output
    for tag, names in ((G1, GUEST1_CHECKS), (G2, GUEST2_CHECKS)):
        got = checks_of(r, tag)
        failed = [l for l in got.values() if ": PASS" not in l]
        assert not failed, "\n".join(failed)
        missing = [n for n in names if n not in got]
        assert not missing, f"{tag}missing {missing}:\n{r.output}"
    assert r.has(G1 + "optee smc: 53 checks, 0 failures")
    assert r.has(G2 + "optee smc: 17 checks, 0 failures")
    # One share of each window, with the guest's bound TEEs only.
    assert r.has(NSHYP + "guest1: OP-TEE SMC ABI mediated: window IPA 0x403e0000-0x40400000, "
                 "2 TEE(s)")
    assert r.has(NSHYP + "guest2: OP-TEE SMC ABI mediated: window IPA 0x403e0000-0x40400000, "
                 "1 TEE(s)")


def test_guest_end_leaves_nothing_behind(run_system):
    """guest1 powers off with two sessions open and a call suspended, guest2 faults with a
    session open: nshyp forgets them, the TEEs drop them (VM_DESTROYED) and relinquish the
    window, and nshyp reclaims every share."""
    r = run_system("optee_smc")
    assert r.status == 0, r.output
    assert r.has(NSHYP + "guest1 stopped with 1 OP-TEE call(s) in flight and 2 session(s) open")
    assert r.has("S tee 8002: forgot endpoint 0x1: 1 call(s), 1 session(s), 1 share(s)")
    assert r.has("S tee 8001: forgot endpoint 0x1: 0 call(s), 1 session(s), 1 share(s)")
    assert r.has(NSHYP + "guest2 stopped with 0 OP-TEE call(s) in flight and 1 session(s) open")
    assert r.has("S tee 8001: forgot endpoint 0x2: 0 call(s), 1 session(s), 1 share(s)")
    assert r.has(NSHYP + "all guests finished (0 memory transactions left)")
    # Its stage 2 as it started: the mediator page went back (no UART page: nshyp's virtual
    # console, so 2 tables).
    assert r.has(NSHYP + "guest1 done: 2 stage-2 tables held (2 at start")
    # guest2 never reached "vault": its TEE saw no endpoint 0x2.
    assert not r.has("S tee 8002: forgot endpoint 0x2: 0 call(s), 0 session(s), 1 share(s)")
    assert not any(l.startswith("S tee 8002:") and "endpoint 0x2 opened" in l for l in r.lines)


def test_mediator_page_is_not_the_guests(run_system):
    r = run_system("optee_smc")
    assert r.has(G2 + "reading the mediator page at 0x403e0000")
    assert r.has(NSHYP + "guest2 (ID 0x2) took a stage-2 data abort at IPA 0x403e0000")
    # Injected at its EL1 (FAR = the page), which ends it: the access never happened.
    assert r.has(G2 + "PANIC: exception at EL1: ESR 0x96000010 "), r.output
    assert not r.has("mediator page reachable")
