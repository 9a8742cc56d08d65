#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Per-function instruction profile of one operation (development aid for the fast path).

Runs bench_trace with 100 and 200 of the operation under -singlestep -d exec,nochain, attributes
every executed PC to the function containing it (from the images' symbol tables, the test TA's
too) and prints the per-operation difference.
usage: bench/profile.py [--alternating] [--op NAME] (NAME: a key of run.TRACE_OPS, default
ffa_direct_rtt; teec_invoke_value, teec_open_close, ..., to the test TA in TEE A)."""
import bisect
import collections
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import run  # noqa: E402

PC = re.compile(r"Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")


def symbols(build):
    syms = []
    for img in ("monitor", "spmc", "nshyp", "tos", "guest"):
        out = subprocess.run(["aarch64-linux-gnu-nm", "-n", run.image_elf(build, img)],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in "tT":
                syms.append((int(p[0], 16), f"{img}:{p[2]}"))
    ta = os.path.join(build, "ta", "test.elf")
    if os.path.exists(ta):
        out = subprocess.run(["aarch64-linux-gnu-nm", "-n", ta], capture_output=True, text=True,
                             check=True).stdout
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in "tT":
                syms.append((int(p[0], 16), f"ta:{p[2]}"))
    syms.sort()
    return syms


ALT = "--alternating" in sys.argv
OP = sys.argv[sys.argv.index("--op") + 1] if "--op" in sys.argv else "ffa_direct_rtt"


def profile(iterations):
    flash = run.trace_build(iterations, OP, ALT)
    log = os.path.join(run.OUT, f"profile_{OP}_{iterations}.log")
    ranges = ",".join(f"0x{lo:x}..0x{hi - 1:x}" for _, lo, hi in run.COMPONENTS)
    run.boot(flash, ["-singlestep", "-d", "exec,nochain", "-dfilter", ranges, "-D", log])
    syms = symbols(os.path.dirname(flash))
    addrs = [a for a, _ in syms]
    counts = collections.Counter()
    with open(log) as f:
        for line in f:
            m = PC.match(line)
            if m:
                i = bisect.bisect_right(addrs, int(m.group(1), 16)) - 1
                counts[syms[i][1] if i >= 0 else "?"] += 1
    os.remove(log)
    return counts


def main():
    os.makedirs(run.OUT, exist_ok=True)
    lo, hi = profile(100), profile(200)
    rows = sorted(((hi[k] - lo[k]) / 100, k) for k in set(lo) | set(hi))
    for v, k in reversed(rows):
        if v >= 0.5:
            print(f"{v:8.1f}  {k}")
    print(f"{sum(v for v, _ in rows):8.1f}  total")


if __name__ == "__main__":
    main()
