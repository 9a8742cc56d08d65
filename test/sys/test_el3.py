# SPDX-License-Identifier: BSD-3-Clause
"""EL3 on its own (issue 6): nsclient runs at NS-EL2 in place of nshyp, so its SMCs stop at
the monitor, not at a hypervisor. Unknown function IDs get SMC_UNK (-1) from EL3 itself, the
monitor's own services report their versions, and a direct request goes to a TEE without
nshyp in the path. The monitor's boot-time check of the registers it does not switch
(monitor_check_unswitched(): they must hold no state on this CPU) passes on every boot and stops
a boot where one does."""
import os
import subprocess

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TAG = "N nsclient: "


def test_el3_answers_unknown_ids_and_versions(run_system):
    r = run_system("el3_direct")
    assert r.status == 0, r.output
    assert r.has(TAG + "nsclient running at EL2 (NS-EL2) without a normal-world hypervisor")
    assert not r.has("N nshyp"), "nshyp must not run in this system"
    unknown = [l for l in r.lines if l.startswith(TAG + "EL3 unknown ID ")]
    assert len(unknown) == 8, r.output
    assert all(l.endswith("-> -1") for l in unknown), "\n".join(unknown)
    assert r.has(TAG + "EL3 PSCI_VERSION -> 0x10001")
    assert r.has(TAG + "EL3 SMCCC_VERSION -> 0x10002")
    assert r.has(TAG + "EL3 PSCI_FEATURES(SYSTEM_OFF) -> 0")
    assert r.has(TAG + "EL3 FFA_VERSION -> 0x10001")
    # From the normal world the SPMC answers FFA_ID_GET with the hypervisor's ID (0).
    assert r.has(TAG + "FFA_ID_GET -> w0=0x84000061 w2=0x0")


def test_secure_world_cannot_be_timed_with_the_pmu(run_system):
    """TFV-5 / CVE-2017-15031 (issue 10 item 3): the cycle counter, filtered by the normal world
    to count only in the secure world, does not move across a request to a TEE. Fails on a
    monitor that leaves MDCR_EL3.SCCD (PMUv3p5) clear: it counted the TEE's cycles."""
    r = run_system("el3_direct")
    assert r.status == 0, r.output
    assert r.has(TAG + "PMU cycles counted in the secure world across a TEE request: 0"), r.output


def test_direct_request_from_ns_el2_without_nshyp(run_system):
    r = run_system("el3_direct")
    assert r.status == 0, r.output
    assert r.has(TAG + "direct request to TEE 0x8001: 7*7 = 49, sender ID it saw: 0x1")
    assert not r.has("BENCH-ERROR"), r.output
    assert r.index(TAG + "done; PSCI SYSTEM_OFF") < r.index("S monitor: PSCI SYSTEM_OFF")


def test_unswitched_register_holding_state_stops_the_boot(run_system):
    """The monitor leaves IMPLEMENTATION DEFINED registers (ACTLR, AFSR, AMAIR, HACR) unswitched
    because on this CPU they read as a constant. A monitor built to check one more register,
    TPIDR_EL2, which does hold state, must refuse to start any world and name it; the normal
    monitor passes the same check on every boot."""
    ok = run_system("el3_direct")
    assert ok.status == 0 and not ok.has("holds state"), ok.output
    build = "el3_unswitched_check"
    subprocess.run(["make", "-s", "-C", ROOT, "images", "SYS=el3_direct", f"BUILD_NAME={build}",
                    "MONITOR_DEFS=-DMONITOR_CHECK_EXTRA=tpidr_el2"], check=True,
                   stdout=subprocess.DEVNULL)
    r = subprocess.run([os.path.join(ROOT, "tools", "qemu.sh"),
                        os.path.join(ROOT, "build", build, "flash.bin")],
                       capture_output=True, text=True, errors="replace", timeout=60)
    assert r.returncode != 0, r.stdout
    assert "S monitor: PANIC: monitor: tpidr_el2 holds state on this CPU" in r.stdout, r.stdout
    assert "starting the secure hypervisor" not in r.stdout, r.stdout
