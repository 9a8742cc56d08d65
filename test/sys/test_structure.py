# SPDX-License-Identifier: BSD-3-Clause
"""The structure check (tools/structure_check.py, docs/architecture.md "Structure check"): it
passes on the tree as it is, and fails on each kind of fabricated violation, given to it as an
extra source (--add PATH=FILE) or an extra image source (--add-src IMAGE=PATH). Host only, no
QEMU."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCRIPT = os.path.join(ROOT, "tools", "structure_check.py")


def run(*args):
    return subprocess.run([sys.executable, SCRIPT, *args], capture_output=True, text=True,
                          cwd=ROOT)


def test_tree_passes():
    r = run()
    assert r.returncode == 0, r.stdout + r.stderr
    assert "structure check: PASS" in r.stdout


@pytest.mark.parametrize("path,text,rule", [
    ("hyp/role/spmc/evil.c", '#include "../nshyp/nshyp.h"\n', "rule (a)"),
    ("hyp/role/nshyp/evil.S", "#include <spmc_offsets.h>\n", "rule (a)"),
    ("hyp/core/evil.c", "#include <plat/plat_def.h>\n", "rule (b)"),
    ("hyp/include/hyp/evil.h", '#include "../../role/nshyp/nshyp.h"\n', "rule (b)"),
    ("lib/evil.c", "#include <arch/sysreg.h>\n", "rule (c)"),
    ("lib/xlat/evil.c", "#include <drivers/pl011.h>\n", "rule (c)"),
    ("hyp/core/evil.c", '#include "../role/spmc/spmc.h"\n', "rule (b)"),
    ("hyp/arch/aarch64/evil.c", '#include "../../role/nshyp/nshyp.h"\n', "rule (b)"),
    ("include/port/evil.h", "#include <arch/smc.h>\n", "rule (c)"),
])
def test_include_violation_fails(tmp_path, path, text, rule):
    f = tmp_path / "src"
    f.write_text(text)
    r = run("--add", "%s=%s" % (path, f))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "%s %s" % (rule, path) in r.stderr


def test_known_exception_is_accepted_and_a_stale_one_fails(tmp_path):
    """A known exception suppresses its breach; once the breach is gone it fails, so the list
    stays true (tools/structure_check.py KNOWN_EXCEPTIONS; --except adds one)."""
    f = tmp_path / "src"
    f.write_text("#include <arch/sysreg.h>\n")
    r = run("--add", "lib/evil.c=%s" % f, "--except", "c:lib/evil.c:arch/sysreg.h")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "structure check: PASS" in r.stdout
    r = run("--except", "c:lib/evil.c:arch/sysreg.h")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "stale known exception (c) lib/evil.c: arch/sysreg.h no longer included" in r.stderr


@pytest.mark.parametrize("image,src", [
    ("spmc", "hyp/core/test_calls.c"),
    ("nshyp", "hyp/role/nshyp/test_bench.c"),
    ("tos", "tos/test/diag.c"),
    ("tos", "lib/hostile.c"),
    ("monitor", "test/payloads/arch/aarch64/el1_state.c"),
])
def test_test_source_in_product_image_fails(image, src):
    r = run("--add-src", "%s=%s" % (image, src))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "rule (d) %s: test source %s" % (image, src) in r.stderr
