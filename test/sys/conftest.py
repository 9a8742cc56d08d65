# SPDX-License-Identifier: BSD-3-Clause
"""QEMU system-test harness: build a system description, boot it once per test under
pexpect with a hard timeout, and hand the test the whole console output and exit status.
One QEMU per test, so a hang or crash in one cannot poison the others."""
import os
import subprocess

import pexpect
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BOOT_TIMEOUT = int(os.environ.get("TESSERA_BOOT_TIMEOUT", "60"))
_built = set()


class Run:
    def __init__(self, system, output, status):
        self.system, self.output, self.status = system, output, status
        self.lines = [l.rstrip("\r") for l in output.split("\n")]

    def has(self, text):
        return any(text in l for l in self.lines)

    def index(self, text):
        for i, l in enumerate(self.lines):
            if text in l:
                return i
        raise AssertionError(f"{text!r} not in output of {self.system}:\n{self.output}")

    def count(self, text):
        return sum(text in l for l in self.lines)


def build(system):
    if system in _built:
        return
    subprocess.run(["make", "-s", "-C", ROOT, "images", f"SYS={system}"], check=True,
                   stdout=subprocess.DEVNULL)
    _built.add(system)


def boot(system, extra_args=(), timeout=BOOT_TIMEOUT):
    """Build and boot `system`; return a Run once QEMU exits (or fail on timeout)."""
    build(system)
    flash = os.path.join(ROOT, "build", system, "flash.bin")
    child = pexpect.spawn(os.path.join(ROOT, "tools", "qemu.sh"), [flash, *extra_args],
                          encoding="utf-8", codec_errors="replace", timeout=timeout)
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        child.terminate(force=True)
        pytest.fail(f"{system}: no exit within {timeout}s; output so far:\n{child.before}")
    child.close()
    return Run(system, child.before, child.exitstatus)


@pytest.fixture
def run_system():
    return boot
