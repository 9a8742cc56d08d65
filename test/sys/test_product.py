# SPDX-License-Identifier: BSD-3-Clause
"""Product images carry no test code (issue 10 item 1; docs/testing.md "the test build").

- A guest sends product TEEs every request that is a test command in a test build; each gets the
  OP-TEE FF-A ABI's error for an unknown function and runs nothing, and the TEEs serve on: the
  probing guest's own session and the next guest's demo app (test system product_probe).
- The demo's product images (build/demo/{spmc,nshyp,tos}.elf) contain no test symbols, and the
  package loads them, not the test variants.
- A product description (config/systems/) cannot set test_build: the build fails, one sentence.
"""
import os
import subprocess
import uuid

from conftest import ROOT, build

PROBES = ["selftest", "yield", "misbehave", "forget_me", "call_other", "lend_many",
          "reclaim_all", "square", "unknown_64"]
MEM_PROBES = ["mem_ro_write", "mem_hold"]

# Symbols of test-only code: the TOS's diagnostic protocol and test commands, the payload test
# helpers, the test TA blob, and the hypervisors' test hypercall and policy switch.
TEST_SYMBOLS = {
    "tos": ["tos_selftest", "tos_call_other", "tos_mem_command", "tos_mem_forget", "tos_hostile",
            "tos_test_request", "tos_test_boot", "hostile_run", "smccc_probe_unknown",
            "arch_smc_check_gprs", "arch_el1_state_check", "ta_test_start", "serve_checking_state",
            "touch_other_tos", "misbehave"],
    "spmc": ["hyp_test_call", "arch_hyp_state_check", "role_test_call", "role_arch_state_check"],
    "nshyp": ["hyp_test_call", "arch_hyp_state_check", "role_test_call", "role_arch_state_check",
              "nshyp_skip_policy"],
}


def test_product_tees_refuse_test_commands_and_serve_on(run_system):
    r = run_system("product_probe")
    assert r.status == 0, r.output
    assert not r.has(": FAIL"), r.output
    for tee in ("pay", "vault"):
        for name in PROBES:
            assert r.has(f"N guest1: CHECK probe_{name}_{tee}: PASS"), (name, tee)
        for name in MEM_PROBES:
            for suffix in ("_shared", "", "_reclaimed"):
                assert r.has(f"N guest1: CHECK probe_{name}_{tee}{suffix}: PASS"), (name, tee)
    for name in ("gp_sign_before", "gp_vault_before", "gp_sign_after", "gp_vault_after"):
        assert r.has(f"N guest1: CHECK probe_{name}: PASS"), name
    assert r.has("N guest1: CHECK probe_hypcall_state_check_unknown: PASS"), r.output
    assert r.has("N guest1: product probe: 39 checks, 0 failed"), r.output
    # Nothing of the test build ran: no test output, no partition stopped.
    assert not r.has("test: ") and not r.has("isolation failed"), r.output
    assert not r.has("took a stage-2") and not r.has("aborting"), r.output
    # The next guest's GP calls to both TEEs work.
    for line in ["N guest2: [app] wallet: the bank checks the tag: valid, payment accepted",
                 "N guest2: [app] vault: stored \"photo\" (a 48x32 picture, 1549 bytes)",
                 "N guest2: [app] vault: fetched \"photo\" into shared memory: 1549 bytes, "
                 "identical to what was stored",
                 "N guest2: [app] done"]:
        assert r.has(line), (line, r.output)
    assert r.has("N nshyp  : all guests finished (0 memory transactions left); powering off")


def _symbols(elf):
    out = subprocess.run(["aarch64-linux-gnu-nm", elf], capture_output=True, text=True,
                         check=True).stdout
    return {line.split()[-1] for line in out.splitlines() if line.strip()}


def test_product_images_have_no_test_symbols():
    build("demo")
    images = open(os.path.join(ROOT, "build", "demo", "gen", "images.txt")).read().split()
    assert "spmc_test" not in images and "nshyp_test" not in images and "tos_test" not in images
    for image, forbidden in TEST_SYMBOLS.items():
        symbols = _symbols(os.path.join(ROOT, "build", "demo", image + ".elf"))
        assert symbols, image
        found = sorted(s for s in forbidden if s in symbols)
        assert not found, (image, found)
        assert not any(s.startswith("hostile_") for s in symbols), image
    # The checker itself works: a test build's variants do carry these symbols.
    build("mem")
    for image, expected in (("tos_test", "tos_mem_command"), ("spmc_test", "hyp_test_call"),
                            ("nshyp_test", "nshyp_skip_policy")):
        assert expected in _symbols(os.path.join(ROOT, "build", "mem", image + ".elf")), image


def test_product_description_cannot_be_a_test_build():
    name = "zz_test_build_" + uuid.uuid4().hex[:8]
    src = os.path.join(ROOT, "config", "systems", name + ".c")
    demo = open(os.path.join(ROOT, "config", "systems", "demo.c")).read()
    assert "\t.vm_count = SYS_COUNT(vms),\n" in demo
    try:
        with open(src, "w") as f:
            f.write(demo.replace("\t.vm_count = SYS_COUNT(vms),\n",
                                 "\t.vm_count = SYS_COUNT(vms),\n\t.test_build = true,\n"))
        r = subprocess.run(["make", "-s", "-C", ROOT, "images", f"SYS={name}"],
                           capture_output=True, text=True)
    finally:
        os.remove(src)
        subprocess.run(["rm", "-rf", os.path.join(ROOT, "build", name)], check=True)
    assert r.returncode != 0, r.stdout
    assert ("error: invalid system description: a product description (config/systems/) "
            "cannot set test_build") in r.stderr, r.stderr
