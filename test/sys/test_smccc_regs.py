# SPDX-License-Identifier: BSD-3-Clause
"""SMCCC register rules (issue 10 item 8): a guest fills x1-x17 with patterns and makes PSCI,
SMCCC, unknown-ID and FF-A calls by HVC and by trapped SMC. SMCCC/PSCI/SMC_UNK answers change
x0 only (SMCCC v1.1+ keeps x4-x17, and x1-x3 of one-result calls); FF-A answers zero their unused
result registers up to x7 and keep x8-x17. nshyp's fast path (PSCI_VERSION, SMCCC_VERSION,
FFA_ID_GET, direct requests) and its C handlers give the same registers."""

TAG = "N guest1: "
NAMES = ["psci_version", "psci_features", "psci_features_unknown", "smccc_version",
         "smccc_arch_features", "unknown_sip", "unknown_oem", "unknown_arch", "ffa_version",
         "ffa_id_get", "ffa_unknown", "direct_req"]


def test_guest_registers_follow_smccc_and_ffa_rules(run_system):
    r = run_system("smccc_regs")
    assert r.status == 0, r.output
    checks = [l for l in r.lines if l.startswith(TAG + "CHECK regs_")]
    failed = [l for l in checks if ": PASS" not in l]
    assert not failed, "\n".join(failed)
    for name in NAMES:
        for insn in ("hvc", "smc"):
            assert any(l.startswith(f"{TAG}CHECK regs_{name}_{insn}: PASS") for l in checks), \
                f"{name}/{insn} missing:\n" + "\n".join(checks)
    assert r.has(TAG + "smccc register rules: 0 failures")


def test_stack_protector_stops_a_smashed_guest(run_system):
    """-fstack-protector-strong is live in the images: guest2 overruns a stack buffer and panics
    before returning through the corrupted frame; nshyp reports it powered off and ends the run."""
    r = run_system("smccc_regs")
    assert r.status == 0, r.output
    g2 = "N guest2: "
    assert r.has(g2 + "stack protector: an 8-byte write into a 16-byte buffer returned normally")
    assert r.has(g2 + "PANIC: stack protector: corrupted stack frame")
    assert not r.has(g2 + "stack protector: FAIL")
    assert r.has("N nshyp  : guest2 powered off")
