# SPDX-License-Identifier: BSD-3-Clause
"""Normal-world interrupts preempt TEE calls instead of aborting a partition, and guests own the
GIC and FP/SIMD one after another (test system "preempt", test/payloads/guest/preempt.c).

"owner" (owns_gic, fp_simd) checks its FP registers across a TEE call, then has TEE A preempted
three ways: an SGI pending when it calls, nshyp's EL2 timer firing while A computes, and the
same timer firing while A waits for B (the SPMC masks it until A runs again). Each time it gets
FFA_INTERRUPT, a second request is BUSY, and FFA_RUN brings the exact answer. It leaves FP values,
every kind of GIC state and a preempted request behind, and faults. "next" (owns_gic, fp_simd)
then finds zero FP registers, the GIC exactly as "owner" found it, and A serving again; "bare"
(neither) still has FP/SIMD trapped. Every guest's EL2 state check is clean."""

OWNER, NEXT, BARE = "N guest1: ", "N guest2: ", "N guest3: "


def _preempt(run_system):
    r = run_system("preempt")
    assert r.status == 0, r.output
    assert not r.has("aborting it") and not r.has("unexpected interrupt"), r.output
    return r


def _after(r, prefix, what):
    """The rest of the first line that starts with prefix + what."""
    for line in r.lines:
        if line.startswith(prefix + what):
            return line[len(prefix + what):]
    raise AssertionError(f"{prefix + what!r} not in output:\n{r.output}")


def test_interrupts_preempt_and_ffa_run_resumes(run_system):
    r = _preempt(run_system)
    assert r.has(OWNER + "PSTATE.I masked: yes")
    assert r.has(OWNER + "SGI pending at the request: FFA_INTERRUPT (w0 0x84000062 w1 0x80010000)")
    assert r.has(OWNER + "a request while A is preempted: BUSY")
    assert r.has(OWNER + "handled INTID 1, FFA_RUN: the answer (w3 225, 0 more interrupts)")
    for where in ("while A waits for B", "in the middle of A's work"):
        assert r.has(f"{OWNER}timer interrupt {where}: FFA_INTERRUPT (w0 0x84000062 "
                     "w1 0x80010000)"), r.output
        assert r.has(f"{OWNER}FFA_RUN {where}: the exact result (0 more interrupts)"), r.output
    # The SPMC restored the priority mask it lowered while B ran for A. The guest wrote 0xff and
    # reads the Non-secure view (SCR_EL3.FIQ = 1 since secure interrupts: one bit less).
    assert r.count(OWNER + "PMR after the SPMC handled it: 0xf0") == 2, r.output
    # The guest's own virtual timer is switched with the EL1 state: it fires after the call.
    assert r.has(OWNER + "virtual timer during a request: answered, then pending: INTID 27")


def test_fp_simd_registers_belong_to_one_guest(run_system):
    r = _preempt(run_system)
    assert r.has(OWNER + "FP/SIMD registers zero at start: yes (mismatch 0x0)")
    assert r.has(OWNER + "FP/SIMD registers intact after a TEE call: yes (mismatch 0x0)")
    assert r.has(OWNER + "FP/SIMD registers intact after preemption: yes (mismatch 0x0)")
    assert r.has(NEXT + "FP/SIMD registers zero at start: yes (mismatch 0x0)")
    assert r.has(BARE + "touching FP/SIMD (must trap to nshyp)")
    assert r.has("N nshyp  : bare (ID 0x3) stopped on an unexpected trap (syndrome 0x1fe00000")
    assert not r.has(BARE + "FP/SIMD did not trap")


def test_next_guest_finds_the_gic_reset(run_system):
    r = _preempt(run_system)
    gic, cpuif = "GIC at start: ", "CPU interface at start: "
    # The mess was real: enabled, pending and active interrupts, a raised running priority.
    left = _after(r, OWNER, "GIC left behind: ")
    assert "enabled 0x100 pending 0x100" in left and "active 0x2" in left, left
    assert "RPR 0x80" in _after(r, OWNER, "CPU interface left behind: ")  # Non-secure view
    assert r.has(OWNER + "left a request preempted in A: yes")
    # nshyp reset the GIC before resuming A, so A ran to its end uninterrupted.
    assert r.has("N nshyp  : owner stopped during a request to partition 0x8001; ran it to the "
                 "end so it serves others again")
    assert _after(r, NEXT, gic) == _after(r, OWNER, gic)
    assert _after(r, NEXT, cpuif) == _after(r, OWNER, cpuif)
    assert "enabled 0x0 pending 0x0 active 0x0" in _after(r, NEXT, gic)
    assert "RPR 0xff, HPPIR1 1023, CNTV_CTL 0x0" in _after(r, NEXT, cpuif)
    assert r.has(NEXT + "TEE A serves again: yes")


def test_el2_state_matches_each_guest(run_system):
    """HYPCALL_STATE_CHECK compares HCR_EL2/CPTR_EL2 with the values programmed for the guest
    that runs: IMO/FMO and TFP clear for the owners, set for "bare"."""
    r = _preempt(run_system)
    for tag in (OWNER, NEXT, BARE):
        assert r.has(tag + "EL2 state check: 0x0"), r.output
    assert r.has(BARE + "TEE A answers: yes")


def test_registers_survive_preemption_and_ffa_run(run_system):
    """Issue 12: every call of "owner" and "next" (the preempted requests, the BUSY one, each
    FFA_RUN that resumes a partition, the state checks) keeps the guest's x8-x30."""
    r = _preempt(run_system)
    for tag in (OWNER, NEXT):
        line = _after(r, tag, "GPRs x8-x30 kept across ")
        assert line.endswith(" calls: 0x0"), line
