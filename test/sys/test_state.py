# SPDX-License-Identifier: BSD-3-Clause
"""Every world's and every partition's registers and EL1/EL2 state survive every switch
(issue 6, fast path safety): guests and TEEs fill x8-x30 and their EL1 registers with
patterns, make hundreds of calls through both hypervisors and the monitor (alternating TEEs,
HVC and trapped SMC), and check everything after each call; both hypervisors check their own
EL2 registers on request (HYPCALL_STATE_CHECK). Verified to fail when a register is dropped
from the monitor's EL1 list or from the hypervisor's vCPU switch."""


def test_registers_and_el1_el2_state_survive_every_switch(run_system):
    r = run_system("state_survival")
    assert r.status == 0, r.output
    for guest in ("guest1", "guest2"):
        assert r.has(f"N {guest}: STATE iterations=400 wrong_answers=0 gprs_bad=0x0 el1_bad=0x0 "
                     "hyp_bad=0x0 tee_bad=0x0"), r.output
