#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""make bench: deterministic instruction counts per operation.

Boots the benchmark systems under -icount shift=0,align=off,sleep=off with one CPU and
-seed 2, where one instruction advances virtual time by exactly 1 ns, collects the
"BENCH <name> <instructions>" lines the guest prints (nsclient too, in bench_no_nshyp:
the round trip without the normal-world hypervisor; the secure-interrupt partition too, in
bench_secure_irq: secure_timer_to_sp), and adds a per-component breakdown
of one direct round trip and of each libteec operation (TRACE_OPS): the same system is run with 100 and with 200 round trips under
-singlestep -d exec,nochain (one log line per executed instruction, filtered to the
firmware's code ranges), the instruction counts per component are subtracted and divided
by 100. Writes build/bench/results.json, build/bench/breakdown.json (the direct round trip),
build/bench/breakdown_ops.json (every traced operation), a table on stdout
and build/bench/breakdown.png (gnuplot) when gnuplot is installed.

The Linux path (bench/linux.py: linux_teec_invoke_value and boot_to_linux, each by component,
in build/bench/breakdown_linux.json) runs when bench/systems/bench_linux.c exists; `--no-linux`
leaves it out."""
import bisect
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import linux  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
OUT = os.path.join(ROOT, "build", "bench")
ICOUNT = ["-icount", "shift=0,align=off,sleep=off", "-seed", "2"]

# Code ranges (PCs are VAs; every component runs with its MMU off or at IPA == its link address).
COMPONENTS = [
    ("monitor (EL3)", 0x0E010000, 0x0E040000),
    ("spmc (S-EL2)", 0x0E040000, 0x0E100000),
    ("tee (S-EL1)", 0x10000000, 0x10200000),
    ("test TA (S-EL0)", 0x80000000, 0x80800000),  # TA_VA_BASE: the TA's code
    ("nshyp (NS-EL2)", 0x40100000, 0x40400000),
    ("guest (NS-EL1)", 0x40000000, 0x40100000),
]

# Operations bench_trace can run instead of the direct round trip (BENCH_OP_* in
# include/abi/scenario.h): a libteec call to the test TA in TEE A, set up outside the count.
TRACE_OPS = {
    "ffa_direct_rtt": 0,
    "teec_invoke_value": 1,
    "teec_open_close": 2,
    "teec_open_close_cold": 3,
    "teec_invoke_memref_4k": 4,
    "teec_invoke_memref_64k": 5,
    "teec_invoke_memref_4k_copy": 6,
    "teec_invoke_memref_64k_copy": 7,
    "psci_features_c_path": 8,
}


def make(system, defs="", name=None):
    cmd = ["make", "-s", "-C", ROOT, "images", f"SYS={system}"]
    if defs:
        cmd += [f"SYS_DEFS={defs}", f"BUILD_NAME={name}"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, "build", name or system, "flash.bin")


def boot(flash, extra=()):
    r = subprocess.run([os.path.join(ROOT, "tools", "qemu.sh"), flash, *ICOUNT, *extra],
                       capture_output=True, text=True, errors="replace", timeout=600)
    if r.returncode != 0:
        sys.exit(f"bench: {flash} exited with {r.returncode}:\n{r.stdout}{r.stderr}")
    if "BENCH-ERROR" in r.stdout:
        sys.exit(f"bench: wrong results during a benchmark:\n{r.stdout}")
    return r.stdout


def bench_lines(out):
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"BENCH (\S+) (\d+)", out)}


def image_elf(build_dir, image):
    """The ELF of built-in image `image` as the system loads it: the test variant (spmc_test,
    nshyp_test, tos_test) in a test build, which every bench system is (docs/testing.md)."""
    with open(os.path.join(build_dir, "gen", "images.txt")) as f:
        loaded = {line.split()[1] for line in f if line.strip()}
    return os.path.join(build_dir, (image + "_test" if image + "_test" in loaded else image) + ".elf")


def secure_ram_per_tee(tables):
    """Secure RAM one more TEE instance costs: its memory window (1 MiB in the bench systems),
    the SPMC's stage-2 tables for it, and its struct sp in the SPMC's data."""
    per_tee_tables = (tables[8] - tables[2]) / 6
    nm = subprocess.run(["aarch64-linux-gnu-nm", "-S",
                         image_elf(os.path.join(ROOT, "build", "bench_tees8"), "spmc")],
                        capture_output=True, text=True, check=True).stdout
    size = next(int(l.split()[1], 16) for l in nm.splitlines() if l.endswith(" spmc_partitions"))
    return int(0x100000 + per_tee_tables * 4096 + size / 8)


def trace_build(iterations, op="ffa_direct_rtt", alternating=False):
    """bench_trace doing exactly `iterations` of operation `op` (a TRACE_OPS key)."""
    defs = (f"-DBENCH_TRACE_ITERS={iterations} -DBENCH_TRACE_ALTERNATING={int(alternating)} "
            f"-DBENCH_TRACE_OP={TRACE_OPS[op]}")
    return make("bench_trace", defs,
                f"bench_trace_{op}_{iterations}{'_alt' if alternating else ''}")


def trace_counts(iterations, op="ffa_direct_rtt"):
    flash = trace_build(iterations, op)
    log = os.path.join(OUT, f"trace_{op}_{iterations}.log")
    ranges = ",".join(f"0x{lo:x}..0x{hi - 1:x}" for _, lo, hi in COMPONENTS)
    boot(flash, ["-singlestep", "-d", "exec,nochain", "-dfilter", ranges, "-D", log])
    counts = {name: 0 for name, _, _ in COMPONENTS}
    pc_re = re.compile(r"Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
    with open(log) as f:
        for line in f:
            m = pc_re.match(line)
            if not m:
                continue
            pc = int(m.group(1), 16)
            for name, lo, hi in COMPONENTS:
                if lo <= pc < hi:
                    counts[name] += 1
                    break
    os.remove(log)
    return counts


# nshyp's functions by part of a guest switch (bench_sched's breakdown); the rest: "scheduler".
SWITCH_PARTS = [
    ("exit and return (exceptions.S, vm_arch.c)",
     ("arch_vectors", "hyp_vcpu_async", "role_vcpu_exit", "vcpu_next", "vcpu_switch",
      "hyp_vcpu_enter", "vcpu_restore", "hyp_vcpu_resume")),
    ("interrupt and tick (irq.c)", ("nshyp_irq_handle", "nshyp_tick_arm", "nshyp_tick_stop")),
    ("EL1 state and stage 2 (vm.c, vcpu_regs.S)",
     ("hyp_vcpu_switch", "vcpu_load", "arch_vcpu_load", "arch_vcpu_put", "role_arch_vcpu_load",
      "role_arch_vcpu_put", "vcpu_el1_save", "vcpu_el1_load", "vcpu_pac_save", "vcpu_pac_load")),
    ("FP/SIMD (fp.S)", ("arch_fp_save", "arch_fp_load")),
]


def nshyp_functions(elf):
    """(start address, name) of nshyp's functions, sorted, for attributing traced PCs."""
    nm = subprocess.run(["aarch64-linux-gnu-nm", "-n", elf], capture_output=True, text=True,
                        check=True).stdout
    return [(int(f[0], 16), f[2]) for f in (l.split() for l in nm.splitlines())
            if len(f) == 3 and f[1] in "tTwW"]


def guest_switch(fp):
    """nshyp's instructions per guest switch (bench_sched), by part: two guests compute side by
    side and nshyp's tick switches them; two runs of different lengths, traced in nshyp's range
    only, so that boot and power-off cancel out: (instructions 40 ms - 20 ms) / (switches 40 -
    20). Each traced PC is attributed to its function, the functions to SWITCH_PARTS."""
    lo, hi = 0x40100000, 0x40400000
    pc_re = re.compile(r"Trace \d+: \S+ \[[0-9a-f]+/([0-9a-f]+)/")
    runs = []
    for ms in (20, 40):
        name = f"bench_sched_{fp}_{ms}"
        flash = make("bench_sched", f"-DBENCH_SCHED_FP={fp} -DBENCH_SCHED_MS={ms}", name)
        log = os.path.join(OUT, f"{name}.log")
        out = boot(flash, ["-singlestep", "-d", "exec,nochain", "-dfilter",
                           f"0x{lo:x}..0x{hi - 1:x}", "-D", log])
        switches = int(re.search(r"scheduler: (\d+) guest switches", out).group(1))
        funcs = nshyp_functions(image_elf(os.path.join(ROOT, "build", name), "nshyp"))
        starts = [a for a, _ in funcs]
        parts = {part: 0 for part, _ in SWITCH_PARTS}
        parts["scheduler (nshyp.c, sched.c)"] = 0
        with open(log) as f:
            for line in f:
                m = pc_re.match(line)
                if not m:
                    continue
                fn = funcs[bisect.bisect_right(starts, int(m.group(1), 16)) - 1][1]
                part = next((p for p, names in SWITCH_PARTS if fn in names),
                            "scheduler (nshyp.c, sched.c)")
                parts[part] += 1
        os.remove(log)
        runs.append((parts, switches))
    (p1, s1), (p2, s2) = runs
    return {part: round((p2[part] - p1[part]) / (s2 - s1), 1) for part in p1}


def main():
    os.makedirs(OUT, exist_ok=True)
    results = {}
    results.update(bench_lines(boot(make("bench_tees2"))))
    # Attestation tokens (the wallet TA): bench/systems/bench_attest.c.
    attest = bench_lines(boot(make("bench_attest")))
    for key in ("attest_token_first", "attest_token", "attest_refused"):
        results[key] = attest[key]
    # The same round trip without nshyp: nsclient at NS-EL2 calls the secure world directly.
    no_nshyp = bench_lines(boot(make("bench_no_nshyp")))
    for key in ("ffa_direct_rtt_no_nshyp", "psci_version_el2"):
        results[key] = no_nshyp[key]
    # The secure timer's interrupt to its partition's handler while the normal world runs
    # (printed by the partition, test/payloads/irq_sp: EL3, the SPMC, FFA_INTERRUPT).
    results.update(bench_lines(boot(make("bench_secure_irq"))))
    growth, tables = {}, {}
    for n in (2, 4, 8):
        out = boot(make(f"bench_tees{n}"))
        lines = bench_lines(out)
        growth[n] = lines.get("ffa_direct_rtt_last_of_n", lines["ffa_direct_rtt"])
        tables[n] = int(re.search(r"\((\d+) stage-2 tables of \d+ used\)", out).group(1))
    for n, v in growth.items():
        results[f"ffa_direct_rtt_{n}tees"] = v
    results["secure_ram_per_tee_bytes"] = secure_ram_per_tee(tables)

    switch_parts = {}
    for fp, key in ((0, "nshyp_guest_switch"), (1, "nshyp_guest_switch_fp")):
        switch_parts[key] = guest_switch(fp)
        results[key] = round(sum(switch_parts[key].values()))

    # One of each traced operation by component: (200 of it - 100 of it) / 100.
    breakdowns = {}
    for op in TRACE_OPS:
        lo, hi = trace_counts(100, op), trace_counts(200, op)
        breakdowns[op] = {name: round((hi[name] - lo[name]) / 100, 1) for name in hi}
    breakdown = breakdowns["ffa_direct_rtt"]

    linux_breakdowns = {}
    if linux.available() and "--no-linux" not in sys.argv[1:]:
        linux_results, linux_breakdowns = linux.measure(make, bench_lines, image_elf)
        results.update(linux_results)
        with open(os.path.join(OUT, "breakdown_linux.json"), "w") as f:
            json.dump(linux_breakdowns, f, indent=2)

    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
    with open(os.path.join(OUT, "breakdown.json"), "w") as f:
        json.dump(breakdown, f, indent=2)
    with open(os.path.join(OUT, "breakdown_ops.json"), "w") as f:
        json.dump(breakdowns, f, indent=2)
    with open(os.path.join(OUT, "breakdown_switch.json"), "w") as f:
        json.dump(switch_parts, f, indent=2)

    print(f"{'operation':34} {'instructions':>12}")
    for k, v in sorted(results.items()):
        print(f"{k:34} {v:>12}")
    print(f"\none ffa_direct_rtt by component (singlestep trace, per round trip):")
    for k, v in breakdown.items():
        print(f"  {k:32} {v:>10}")
    print(f"  {'total':32} {sum(breakdown.values()):>10}")
    for op, parts in breakdowns.items():
        if op == "ffa_direct_rtt":
            continue
        print(f"\none {op} by component (singlestep trace, per call; the counter: {results[op]}):")
        for k, v in parts.items():
            print(f"  {k:32} {v:>10}")
        print(f"  {'total':32} {sum(parts.values()):>10}")
    for key, parts in switch_parts.items():
        print(f"\n{key} by part (nshyp only, singlestep trace, per switch):")
        for k, v in parts.items():
            print(f"  {k:44} {v:>8}")
    for key, parts in linux_breakdowns.items():
        how = ("singlestep trace, 200 calls - 100 calls, per call" if key == linux.CALL_KEY else
               "boot code: the counter minus the traced rest")
        linux.print_breakdown(f"{key} by component ({how})", parts, results[key])
    plot(breakdown)


def plot(breakdown):
    if subprocess.run(["sh", "-c", "command -v gnuplot"], capture_output=True).returncode:
        print("(gnuplot not installed: no plot)")
        return
    data = os.path.join(OUT, "breakdown.dat")
    with open(data, "w") as f:
        for i, (k, v) in enumerate(breakdown.items()):
            f.write(f'{i} "{k}" {v}\n')
    png = os.path.join(OUT, "breakdown.png")
    script = (f'set terminal png size 900,500; set output "{png}";'
              'set title "Instructions per FF-A direct round trip, by component";'
              'set style fill solid; set boxwidth 0.6; set yrange [0:*]; unset key;'
              f'plot "{data}" using 1:3:xtic(2) with boxes, '
              f'"" using 1:3:(sprintf("%d",$3)) with labels offset 0,1')
    subprocess.run(["gnuplot", "-e", script], check=True)
    print(f"plot: {png}")


if __name__ == "__main__":
    main()
