# SPDX-License-Identifier: BSD-3-Clause
"""make bench's Linux path (bench/linux.py, guest/linux/teec_bench.c) on a plain QEMU without
Tessera: teec-bench's console handshake, the trace switched on and off through QEMU's monitor,
and the per-component count, for a getppid() loop (`teec-bench --dry`); and teec-bench's error
when there is no TEE. The numbers of the real system are make bench's, never asserted."""
import os
import subprocess
import sys

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import linux  # noqa: E402


def test_dry_run_traced_by_component():
    out, parts, counter = linux.plain_dry()
    assert counter and counter > 0, out
    assert set(parts) <= {"linux kernel (NS-EL1)", "linux user (NS-EL0)"}, parts
    assert parts.get("linux user (NS-EL0)", 0) > 0 and parts.get("linux kernel (NS-EL1)", 0) > 0
    # The trace and the counter see the same loop. A timer tick may fall in one trace window
    # only: its interrupt handling (about 12k kernel instructions, /100 per call) is then
    # counted in the trace but not by the counter, which times other loops; where the tick
    # lands depends on how long the host takes to answer the handshake. So the trace may exceed
    # the counter by some ticks' worth, but never fall short of it.
    total = sum(parts.values())
    assert 0.9 * counter < total < counter + 400, (parts, counter)
    assert "tessera-linux: teec-bench exited 0" in out


def test_no_tee_is_an_error():
    with pytest.raises(SystemExit) as e:
        linux.plain_dry("teec-bench,--no-wait")
    assert "BENCH-ERROR TEEC_InitializeContext" in str(e.value.code)
    assert "tessera-linux: teec-bench exited 1" in str(e.value.code)
