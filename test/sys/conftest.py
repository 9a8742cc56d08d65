# SPDX-License-Identifier: BSD-3-Clause
"""QEMU system-test harness: build a system description, boot it once per test under
pexpect with a hard timeout, and hand the test the whole console output and exit status.
One QEMU per test, so a hang or crash in one cannot poison the others."""
import os
import re
import subprocess

import pexpect
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BOOT_TIMEOUT = int(os.environ.get("TESSERA_BOOT_TIMEOUT", "60"))
_built = set()


# A firmware line goes to the shared terminal in one burst (lib/print.c; nshyp's guest console),
# but a Linux guest drives its PL011 a character at a time, and a partition can still be
# preempted inside its burst, so a burst can land inside another line. Such a tagged line is taken
# out of the line it split and kept as a line of its own (before the rejoined one). No firmware
# line has a tag in its middle.
TAG = re.compile(r"[SN] [a-z][a-z0-9_]*(?: [0-9a-f]{4})? *: ")


def unsplice(output):
    lines, carry = [], ""
    for item in output.split("\n"):
        item, carry = carry + item, ""
        own = TAG.match(item)
        m = TAG.search(item, own.end() if own else 1)
        if m:
            lines.append(item[m.start():].rstrip("\r"))
            carry = item[:m.start()]
            continue
        lines.append(item.rstrip("\r"))
    if carry:
        lines.append(carry)
    return lines


def _fragment(line):
    """A line that is the rest of a cut one: it starts with no writer's mark (a firmware tag,
    Linux's "[" or its init's "tessera-linux:")."""
    return not line.startswith(("[", "S ", "N ", "tessera-linux:"))


class Run:
    def __init__(self, system, output, status):
        self.system, self.output, self.status = system, output, status
        self.lines = unsplice(output)

    def has(self, text):
        return any(text in l for l in self.lines)

    def index(self, text):
        for i, l in enumerate(self.lines):
            if text in l:
                return i
        raise AssertionError(f"{text!r} not in output of {self.system}:\n{self.output}")

    def count(self, text):
        return sum(text in l for l in self.lines)

    def console_matches(self, text, within=60):
        """Where `text`, written by a guest that drives the shared PL011 itself (Linux), starts:
        the indices of the lines that hold it whole, or hold a first part of it (8 characters
        at least) cut there by another writer, with a fragment line within `within` after that
        starts with the rest (3 characters at least). Two Linux guests and the firmware share
        one UART, so a line of one can be cut by the others' output, and the rest comes later
        on a line of its own."""
        found = []
        for i, line in enumerate(self.lines):
            if text in line:
                found.append(i)
                continue
            start = line.find(text[:8])
            while start >= 0:
                cut = 8  # where the line stops following `text`
                while start + cut < len(line) and cut < len(text) and \
                        line[start + cut] == text[cut]:
                    cut += 1
                rest = text[cut:]
                if len(rest) >= 3 and any(_fragment(m) and m.startswith(rest)
                                          for m in self.lines[i + 1:i + 1 + within]):
                    found.append(i)
                    break
                start = line.find(text[:8], start + 1)
        return found

    def has_console(self, text):
        return bool(self.console_matches(text))

    def index_console(self, text):
        found = self.console_matches(text)
        if not found:
            raise AssertionError(f"{text!r} not in output of {self.system}:\n{self.output}")
        return found[0]


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
