# SPDX-License-Identifier: BSD-3-Clause
"""Normal-world interrupts preempt TEE calls instead of aborting a partition, and every guest has
nshyp's virtual GIC (test system "preempt", test/payloads/guest/preempt.c).

"owner" (fp_simd) checks its FP registers across a TEE call; a virtual SGI pending (masked) at a
request does not preempt the secure world; nshyp's EL2 timer firing while A computes, and while
A waits for B, preempts A: FFA_INTERRUPT, a second request is BUSY, FFA_RUN brings the exact
answer. Its own virtual timer's deadline during a call preempts A too (nshyp's tick stands in
for it: the monitor switches the guest's timer with the EL1 state): FFA_INTERRUPT with PPI 27
pending, FFA_RUN brings the exact answer; a deadline passed before a call does not preempt it, it
is a HW-mapped virtual PPI 27 the guest acknowledges and ends after the answer. It leaves FP values, every kind of vGIC
state and a preempted request behind, and faults. "hostile" writes all-ones and zeros to every
GICD/GICR offset, enables INTIDs it does not own and floods SGIs: its own vGIC still works.
"next" (fp_simd) then finds zero FP registers, its vGIC exactly as "owner" found its, and A
serving again; "bare" still has FP/SIMD trapped. Every guest's EL2 state check is clean."""

OWNER, NEXT, BARE, HOSTILE = "N guest1: ", "N guest2: ", "N guest3: ", "N guest4: "


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
    # The guest's own SGI is virtual: pending (masked) at a request, it preempts nothing.
    assert r.has(OWNER + "SGI pending before the request: INTID 1")
    assert r.has(OWNER + "virtual SGI pending at the request: answered (w3 225)")
    assert r.has(OWNER + "then handled INTID 1, none left: yes")
    # A partition that masks every exception cannot hold the CPU against a Non-secure
    # interrupt: those go to S-EL2 (HCR_EL2.IMO/FMO), which PSTATE at S-EL1 does not mask.
    for where in ("while A waits for B", "in the middle of A's work",
                  "while A masks every exception"):
        assert r.has(f"{OWNER}timer interrupt {where}: FFA_INTERRUPT (w0 0x84000062 "
                     "w1 0x80010000)"), r.output
        assert r.has(f"{OWNER}FFA_RUN {where}: the exact result (0 more interrupts)"), r.output
    assert r.count(OWNER + "a request while A is preempted: BUSY") == 3, r.output
    # Its virtual priority mask is its own: what it wrote (5 priority bits), whatever the SPMC
    # did to the physical one.
    assert r.count(OWNER + "its virtual PMR after the SPMC handled it: 0xf8") == 3, r.output


def test_virtual_timer_is_a_hw_mapped_virtual_interrupt(run_system):
    """The guest's CNTV does not run in the secure world: nshyp's tick stands in for a deadline
    during the call (FFA_INTERRUPT with PPI 27 pending, the request resumed exactly); a deadline
    passed before the call is left pending. nshyp injects PPI 27 with the HW bit: the guest's EOI
    deactivates the physical PPI, which fires again while the timer's condition holds (level)
    and not once the guest silenced it."""
    r = _preempt(run_system)
    assert r.has(OWNER + "virtual timer deadline during a request: FFA_INTERRUPT, pending: INTID 27")
    assert r.has(OWNER + "FFA_RUN after its own timer: the exact result (0 more interrupts)")
    assert r.has(OWNER + "virtual timer passed before a request: answered, then pending: INTID 27")
    assert r.has(OWNER + "handled INTID 27; it came again: no")
    assert r.has(OWNER + "a level timer EOId while still firing is pending again: yes")


def test_fp_simd_registers_belong_to_one_guest(run_system):
    r = _preempt(run_system)
    assert r.has(OWNER + "FP/SIMD registers zero at start: yes (mismatch 0x0)")
    assert r.has(OWNER + "FP/SIMD registers intact after a TEE call: yes (mismatch 0x0)")
    assert r.has(OWNER + "FP/SIMD registers intact after preemption: yes (mismatch 0x0)")
    assert r.has(NEXT + "FP/SIMD registers zero at start: yes (mismatch 0x0)")
    assert r.has(BARE + "touching FP/SIMD (must trap to nshyp)")
    assert r.has("N nshyp  : bare (ID 0x3) stopped on an unexpected trap (syndrome 0x1fe00000")
    assert not r.has(BARE + "FP/SIMD did not trap")


def test_next_guest_finds_its_own_clean_vgic(run_system):
    r = _preempt(run_system)
    gic, cpuif = "GIC at start: ", "CPU interface at start: "
    # The mess was real: enabled SGIs 1, 2 and PPI 27; SGI 2 and the timer pending behind the
    # active SGI 1, which holds the running priority; SPI 40 is not the guest's (RAZ/WI).
    left = _after(r, OWNER, "GIC left behind: ")
    assert ("SPIs enabled 0x0 pending 0x0 active 0x0, SGI/PPI enabled 0x8000006 pending "
            "0x8000004 active 0x2, PPI config 0x800000") in left, left
    assert "route(40) 0x0" in left, left
    assert "AP1R0 0x10000, RPR 0x80" in _after(r, OWNER, "CPU interface left behind: ")
    assert r.has(OWNER + "left a request preempted in A: yes")
    # nshyp stopped its interrupts before resuming A, so A ran to its end uninterrupted.
    assert r.has("N nshyp  : owner stopped during a request to partition 0x8001; ran it to the "
                 "end so it serves others again")
    assert _after(r, NEXT, gic) == _after(r, OWNER, gic)
    assert _after(r, NEXT, cpuif) == _after(r, OWNER, cpuif)
    assert "enabled 0x0 pending 0x0 active 0x0" in _after(r, NEXT, gic)
    assert "RPR 0xff, HPPIR1 1023, CNTV_CTL 0x0" in _after(r, NEXT, cpuif)
    assert r.has(NEXT + "TEE A serves again: yes")


def test_hostile_vgic_writes_harm_only_the_writer(run_system):
    """Every GICD/GICR offset written with all-ones and zeros (words, bytes, doublewords),
    every SPI enabled, 20000 SGIs to itself and to CPUs it does not have: nshyp emulates all of
    it (nothing stops the guest), no unowned INTID changes, its own vGIC still delivers, and the
    guests after it run as before. A load pair (no syndrome) cannot be emulated: nshyp injects
    a synchronous external abort at its EL1 (FAR = GICD), which ends it."""
    r = _preempt(run_system)
    assert r.has(HOSTILE + "wrote every GICD/GICR offset")
    assert r.has(HOSTILE + "unowned SPIs after enabling them all: enabled 0x0")
    assert r.has(HOSTILE + "its vGIC after the storm: INTID 3")
    assert r.has(HOSTILE + "TEE A answers it: yes")
    # An access without a syndrome (a load pair) cannot be emulated: only that guest stops.
    assert r.has(HOSTILE + "a load pair from GICD_CTLR")
    assert r.has("N nshyp  : hostile (ID 0x4) took a stage-2 data abort at IPA 0x8000000 ")
    assert any(l.startswith(HOSTILE + "PANIC: exception at EL1: ESR 0x96000010 ") and
               l.endswith(" FAR 0x8000000") for l in r.lines), r.output
    assert not r.has(HOSTILE + "the load pair was emulated")
    assert r.has(NEXT + "TEE A serves again: yes") and r.has(BARE + "TEE A answers: yes")


def test_el2_state_matches_each_guest(run_system):
    """HYPCALL_STATE_CHECK compares HCR_EL2/CPTR_EL2 with the values programmed for the guest
    that runs: IMO/FMO set for every guest (vGIC), TFP clear for the fp_simd ones, set for
    "bare"."""
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
