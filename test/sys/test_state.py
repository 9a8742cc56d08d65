# SPDX-License-Identifier: BSD-3-Clause
"""Every world's and every partition's registers and EL1/EL2 state survive every switch
(issue 6, fast path safety): guests and TEEs fill x8-x30 and their EL1 registers with
patterns, make hundreds of calls through both hypervisors and the monitor (alternating TEEs,
HVC and trapped SMC), and check everything after each call; both hypervisors check their own
EL2 registers on request (HYPCALL_STATE_CHECK). Verified to fail when a register is dropped
from the monitor's EL1 list or from the hypervisor's vCPU switch. Issue 10: the guests' PAC
keys are in the pattern set too, and EL1 registers a guest does not own do not pass from one
guest to the next. Issue 13: the guests run side by side with the shortest quantum, so
nshyp's tick lands in the middle of requests (the SPMC preempts the partition, nshyp resumes it
with FFA_RUN after the other guest's slice) and of calls to a partition busy with the other
guest's request (the call waits and is made again)."""
import re


def test_registers_and_el1_el2_state_survive_every_switch(run_system):
    r = run_system("state_survival")
    assert r.status == 0, r.output
    for guest in ("guest1", "guest2"):
        assert r.has(f"N {guest}: STATE iterations=400 wrong_answers=0 gprs_bad=0x0 el1_bad=0x0 "
                     "hyp_bad=0x0 tee_bad=0x0"), r.output
    # The checks above ran while ticks preempted requests (at least one) and switched guests.
    line = next(l for l in r.lines if l.startswith("N nshyp  : scheduler: "))
    preempted = int(re.search(r"(\d+) requests preempted and resumed", line).group(1))
    switches = int(re.search(r"(\d+) guest switches", line).group(1))
    assert preempted > 0 and switches > 0, line


def test_el1_registers_do_not_leak_between_guests(run_system):
    """Issue 10 item 2: guest1 writes its PAC keys, a breakpoint and a watchpoint value and PMU
    controls, then powers off; guest2 must see fresh PAC keys (nshyp switches them per vCPU) and
    nothing of the rest (the debug and PMU registers are trapped to nshyp: read-as-zero, writes
    ignored). A LORegion register is UNDEFINED for a guest (injected at its EL1). Before the fix
    guest2 read back every one of guest1's values and guest1's cycle counter, filtered to the
    secure world, counted the TEE's work."""
    r = run_system("el1_leak")
    assert r.status == 0, r.output
    keys = "0xa11ce5ec00000000 0xa11ce5ec00000001 0xa11ce5ec00000006 0xa11ce5ec00000009"
    assert r.has(f"N guest1: LEAK writer keys {keys} dbg 0x0 0x0 pmu 0x0 0x0 0x0 0x0"), r.output
    assert r.has("N guest1: LEAK writer secure cycles across a TEE request: 0"), r.output
    assert r.has("N guest2: LEAK reader keys 0x0 0x0 0x0 0x0 dbg 0x0 0x0 pmu 0x0 0x0 0x0 0x0"), \
        r.output
    assert r.has("N guest2: LEAK reader sees writer values: no"), r.output
    assert not r.has("LEAK reader LORID_EL1"), r.output
    assert r.has("N guest2: PANIC: exception at EL1: ESR 0x2000000"), r.output
    assert r.has("N nshyp  : all guests finished"), r.output
