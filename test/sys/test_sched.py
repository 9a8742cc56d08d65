# SPDX-License-Identifier: BSD-3-Clause
"""nshyp time-slices its guests (issue 13 items 2, 4, 7; test system "sched",
test/payloads/guest/sched.c): round robin on nshyp's EL2 timer with a 1 ms quantum. A guest that
spins without end cannot starve the others, and only the test hook HYPCALL_TEST_GUEST_STOP ends
it; a WFI gives the slice away until the guest's virtual timer fires; a guest with its virtual
timer firing and every exception masked harms only itself; a long TEE computation is preempted
again and again without the caller seeing FFA_INTERRUPT, and the guest stopped in the middle of
it is cleaned up within nshyp's bound; many short TEE requests get exact answers while ticks
land; two FP/SIMD guests keep their own registers. Each guest's lines stay whole (nshyp's
virtual console). The test asserts on what happened, never on time."""
import re

NSHYP = "N nshyp  : "


def _sched(run_system):
    r = run_system("sched")
    assert r.status == 0, r.output
    assert r.has(NSHYP + "all guests finished (0 memory transactions left); powering off"), \
        r.output
    return r


def _index(r, text):
    return next(i for i, line in enumerate(r.lines) if line.startswith(text))


def test_spinner_cannot_starve_the_others(run_system):
    r = _sched(run_system)
    assert r.has("N guest2: spinning without end")
    for i in range(1, 7):
        assert r.has(f"N guest1: progress {i}/6"), r.output
    # The spinner started before the progress and was still there when it ended.
    assert _index(r, "N guest2: spinning") < _index(r, "N guest1: progress 6/6")
    assert r.has(NSHYP + "spin stopped by the test hook (from progress)")
    assert r.has("N guest1: stopping VM 2: 0")
    assert r.has("N guest1: stopping VM 99 (no such guest): -2")
    slices = re.search(r"spin ran (\d+) slices", r.output)
    assert slices and int(slices.group(1)) > 1, r.output


def test_interleaved_output_keeps_whole_lines(run_system):
    r = _sched(run_system)
    # Every normal-world line is whole: a label, then text (no line starts inside another).
    for line in r.lines:
        if line.startswith("N "):
            assert re.match(r"N (nshyp  |guest\d): ", line), line
    # Interleaved: another guest's line between the progress guest's first and last.
    first, last = _index(r, "N guest1: progress 1/6"), _index(r, "N guest1: progress 6/6")
    assert any(not l.startswith("N guest1: ") for l in r.lines[first:last]), r.output


def test_wfi_gives_the_slice_away(run_system):
    r = _sched(run_system)
    assert r.has("N guest3: waited 6 times with WFI; the timer had fired at 6 of the wake-ups")
    assert r.has(NSHYP + "waiter ran "), r.output
    waits = re.search(r"waiter ran \d+ slices, waited (\d+) times", r.output)
    assert waits and int(waits.group(1)) >= 1, r.output
    assert re.search(r"scheduler: [1-9]\d* guest switches, [1-9]\d* ticks", r.output), r.output


def test_wild_virtual_timer_and_masking_harm_only_itself(run_system):
    r = _sched(run_system)
    assert r.has("N guest4: wild timer and every exception masked: still running, nobody else "
                 "harmed")
    assert r.has(NSHYP + "wild powered off")
    assert not r.has("stopped on an unexpected"), r.output


def test_preempted_request_of_a_stopped_guest_is_bounded(run_system):
    """Item 4: "teespin" is stopped while its request is preempted in TEE B; nshyp resumes it
    at most 64 times (a quantum each), then tells B the guest is gone. Either B finished within
    that bound or it is left blocked; the system goes on and ends either way."""
    r = _sched(run_system)
    assert r.has("N guest5: asking TEE B for a long computation")
    assert not r.has("N guest5: TEE B answered"), r.output
    assert r.has(NSHYP + "teespin stopped by the test hook (from progress)")
    assert (r.has(NSHYP + "teespin stopped during a request to partition 0x8002; ran it to the "
                  "end so it serves others again") or
            r.has(NSHYP + "teespin stopped during a request that partition 0x8002 keeps "
                  "yielding (or interrupts keep preempting); it stays blocked")), r.output
    assert r.has(NSHYP + "teespin done: ")


def test_requests_under_ticks_are_exact_and_never_interrupted(run_system):
    r = _sched(run_system)
    assert r.has("N guest6: 300 requests to TEE A: 0 wrong answers, 0 FFA_INTERRUPT seen, "
                 "GPRs x8-x30 kept: 0x0"), r.output


def test_fp_simd_registers_switched_between_guests(run_system):
    r = _sched(run_system)
    for g in ("guest7", "guest8"):
        assert r.has(f"N {g}: FP/SIMD registers zero at start: yes"), r.output
        assert r.has(f"N {g}: FP/SIMD registers kept across 12 rounds of slices: yes "
                     "(mismatch 0x0)"), r.output


def test_all_guests_waiting_nshyp_waits_for_the_first_deadline(run_system):
    """Every live guest waits (WFI for its virtual timer, system "sched_idle"): nshyp waits at
    EL2 for the first deadline, then runs that guest; each wake-up finds the guest's timer
    fired."""
    r = run_system("sched_idle")
    assert r.status == 0, r.output
    for g in ("guest1", "guest2"):
        assert r.has(f"N {g}: waited 6 times with WFI; the timer had fired at 6 of the "
                     "wake-ups"), r.output
    idle = re.search(r"scheduler: .* (\d+) idle waits", r.output)
    assert idle and int(idle.group(1)) > 0, r.output
    assert r.has(NSHYP + "all guests finished (0 memory transactions left); powering off")


def test_a_wait_for_a_held_partition_has_a_deadline(run_system):
    """"holder" leaves TEE A yielded in its request and never resumes it (only it may): the
    other guest's request to A waits in nshyp instead of getting BUSY at once, but only for
    NSHYP_BUSY_WAIT_QUANTA quanta; then it is answered BUSY. Once the holder is stopped, nshyp
    finishes its request and A serves again (system "sched_busy")."""
    r = run_system("sched_busy")
    assert r.status == 0, r.output
    assert r.has("N guest1: TEE A yielded in my request (w0 0x8400006c); never resuming it"), r.output
    assert r.has("N guest2: request to the held TEE A: BUSY after the wait"), r.output
    assert r.has("N guest2: stopping the holder (VM 1): 0"), r.output
    assert r.has("N guest2: TEE A then answers: yes"), r.output
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off"), r.output


def test_device_interrupt_storm_harms_only_its_guest(run_system):
    """Issue 13 item 7: a guest's own device storms (the RTC's level interrupt left asserted,
    taken and ended 2000 times: each end lets the physical SPI fire again), then the guest
    silences the device. The other guest gets its slices meanwhile (both run more than one: the
    storm needs many quanta of work, the other's steps last 24 ms) and finishes; nshyp hands every
    one of those interrupts to their owner, and once the line falls nothing is pending. No order
    of the two guests' lines is asserted: it depends on the host's speed. System "sched_storm"."""
    r = run_system("sched_storm")
    assert r.status == 0, r.output
    assert r.has(NSHYP + "all guests finished (0 memory transactions left); powering off"), \
        r.output
    assert r.has("N guest2: storming: the RTC's interrupt (INTID 34) asserted and not cleared")
    assert r.has("N guest2: storm over: 2000 interrupts taken; device silenced, none pending: "
                 "yes"), r.output
    for i in range(1, 7):
        assert r.has(f"N guest1: progress {i}/6"), r.output
    assert r.has("N guest1: progress finished"), r.output
    for name in ("storm", "progress"):
        slices = re.search(rf"{name} ran (\d+) slices", r.output)
        assert slices and int(slices.group(1)) >= 2, r.output
    injected = re.search(r"storm: virtual GIC: 0 SGIs, 0 timer and (\d+) device interrupts "
                         r"injected", r.output)
    assert injected and int(injected.group(1)) >= 2000, r.output
    # Every physical interrupt nshyp routed was the storm's, handed to it.
    routed = re.search(r"scheduler: .* (\d+) interrupts for the virtual GIC", r.output)
    assert routed and routed.group(1) == injected.group(1), r.output


def test_a_partition_looping_in_a_framework_message_cannot_hold_the_machine(run_system):
    """Issue 13 item 4: TEE A (test build) spins without end in the VM_DESTROYED message nshyp
    sends when "spinner" powers off. The SPMC hands the CPU back at nshyp's tick
    (FFA_INTERRUPT: a framework message is a normal-world request), nshyp resumes the message
    NSHYP_MAX_RESUMES (64) times, one quantum each, then leaves A preempted and goes on: "after"
    runs, A is BUSY to it, B serves it, and the machine powers off. System "fwk_spin"."""
    r = run_system("fwk_spin")
    assert r.status == 0, r.output
    assert r.has("N guest1: TEE A will spin in my VM_DESTROYED message: armed"), r.output
    assert r.has("S tee 8001: spinning without end in VM 1's destroyed message "
                 "(TOS_SPIN_AT_DESTROY)"), r.output
    assert r.has(NSHYP + "partition 0x8001 still runs a framework message after 64 quanta; it "
                 "stays preempted"), r.output
    ticks = re.search(r"scheduler: \d+ guest switches, (\d+) ticks", r.output)
    assert ticks and int(ticks.group(1)) >= 64, r.output
    assert r.has("N guest2: TEE A after its endless framework message: BUSY"), r.output
    assert r.has("N guest2: TEE B answers: yes"), r.output
    assert r.has(NSHYP + "all guests finished (0 memory transactions left); powering off"), \
        r.output
