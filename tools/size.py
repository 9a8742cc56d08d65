#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""make size: lines of code (C and assembly, non-blank) and bytes per component, written to
build/size/results.json and checked against tools/size-budgets.json. With --check, exceeding a
budget fails; raising one is a reviewed change to that file with a reason next to it.

Bytes: for whole images (boot, monitor, tos) the loaded binary; for the hypervisor core and each
role, the text+data of their objects in the demo build (the two images share the core); for
libteec, the text+data of its objects in the demo's guest image. Inside boot's image: the
package verifier's bytes (boot_verifier: boot/pkg_verify.c, boot/crypto.c, sha256_ce.S) and
mbedTLS's (boot_mbedtls: the members of boot's libmbedcrypto.a the link pulled in), reported
for information (part of boot's bytes, whose budget covers them). The monitor's mbedTLS is
reported on its own line instead, not in the monitor's bytes: attest_mbedtls is the mbedTLS the
monitor links for the device attestation key (from build/demo/monitor.map), and the monitor's
bytes are its image without it; attest is the attestation service's own objects (in the SPMC
and monitor)."""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.path.join(ROOT, "build", "demo")
COMPONENTS = {
    "boot": {"dirs": ["boot"], "image": "boot"},
    "monitor": {"dirs": ["monitor"], "image": "monitor"},
    "hyp_core": {"dirs": ["hyp/core", "hyp/include", "hyp/arch/aarch64"], "objs": ("spmc", "hyp_")},
    "spmc_role": {"dirs": ["hyp/role/spmc"], "objs": ("spmc", "hyp_role_spmc_")},
    "nshyp_role": {"dirs": ["hyp/role/nshyp"], "objs": ("nshyp", "hyp_role_nshyp_")},
    "tos": {"dirs": ["tos"], "image": "tos"},
    "libteec": {"dirs": ["client/libteec"], "objs": ("guest", "client_libteec_")},
    "shared_lib": {"dirs": ["lib", "include/lib", "include/port", "arch/aarch64", "drivers"]},
    "attest": {"dirs": ["attest"], "objs": [("spmc", "attest_"), ("monitor", "attest_"),
                                             ("monitor", "monitor_attest_")]},
    "attest_mbedtls": {"dirs": [], "mbedtls_in": "monitor"},
}
MAP_LINE = re.compile(r"^\s*(\.(?:text|rodata|data)\S*)?\s+0x[0-9a-f]+\s+0x([0-9a-f]+)\s+(\S+)$")


def mbedtls_bytes(image):
    """Bytes of mbedTLS's code and data in `image`, from its linker map."""
    total, section = 0, None
    for line in open(os.path.join(BUILD, image + ".map")):
        if line.startswith("Linker script and memory map"):
            section = ""
            continue
        if section is None:
            continue
        m = MAP_LINE.match(line)
        if m and "libmbedcrypto.a" in m.group(3) and (m.group(1) or section).startswith(
                (".text", ".rodata", ".data")):
            total += int(m.group(2), 16)
        lone = re.match(r"^\s*(\.\S+)\s*$", line)
        section = lone.group(1) if lone else (m.group(1) if m and m.group(1) else "")
    return total


def count_lines(dirs):
    c = asm = 0
    for d in dirs:
        for path in glob.glob(os.path.join(ROOT, d, "**", "*"), recursive=True):
            if not os.path.isfile(path):
                continue
            n = sum(1 for line in open(path, errors="replace") if line.strip())
            if path.endswith((".c", ".h")):
                c += n
            elif path.endswith(".S"):
                asm += n
    return c, asm


def object_bytes(image, prefix):
    total = 0
    for obj in glob.glob(os.path.join(BUILD, "obj", image, prefix + "*.o")):
        if image == "spmc" and prefix == "hyp_" and "_role_" in obj:
            continue
        out = subprocess.run(["aarch64-linux-gnu-size", obj], capture_output=True, text=True,
                             check=True).stdout.splitlines()[1].split()
        total += int(out[0]) + int(out[1])
    return total


def text_data(obj):
    out = subprocess.run(["aarch64-linux-gnu-size", obj], capture_output=True, text=True,
                         check=True).stdout.splitlines()[1].split()
    return int(out[0]) + int(out[1])


def boot_parts():
    """(verifier bytes, mbedTLS bytes) in the demo's boot image."""
    verifier = sum(text_data(o) for o in glob.glob(os.path.join(BUILD, "obj", "boot", "boot_*.o"))
                   if any(k in o for k in ("pkg_verify", "crypto", "sha256_ce")))
    linked = set(subprocess.run(["aarch64-linux-gnu-nm", "--defined-only", "-j",
                                 os.path.join(BUILD, "boot.elf")], capture_output=True,
                                text=True, check=True).stdout.split())
    mbedtls = 0
    for obj in glob.glob(os.path.join(ROOT, "build", "mbedtls", "boot", "*.o")):
        syms = subprocess.run(["aarch64-linux-gnu-nm", "--defined-only", "-g", "-j", obj],
                              capture_output=True, text=True, check=True).stdout.split()
        if linked.intersection(syms):
            mbedtls += text_data(obj)
    return verifier, mbedtls


def measure():
    subprocess.run(["make", "-s", "-C", ROOT, "images", "SYS=demo"], check=True,
                   stdout=subprocess.DEVNULL)
    results = {}
    for name, spec in COMPONENTS.items():
        c, asm = count_lines(spec["dirs"])
        if "image" in spec:
            size = os.path.getsize(os.path.join(BUILD, spec["image"] + ".bin"))
            if os.path.exists(os.path.join(BUILD, spec["image"] + ".map")):
                size -= mbedtls_bytes(spec["image"])
        elif "mbedtls_in" in spec:
            size = mbedtls_bytes(spec["mbedtls_in"])
        elif "objs" in spec and isinstance(spec["objs"], list):
            size = sum(object_bytes(*o) for o in spec["objs"])
        elif "objs" in spec:
            size = object_bytes(*spec["objs"])
        else:
            size = 0
        results[name] = {"c_lines": c, "asm_lines": asm, "bytes": size}
    verifier, mbedtls = boot_parts()
    results["boot_verifier"] = {"c_lines": 0, "asm_lines": 0, "bytes": verifier}
    results["boot_mbedtls"] = {"c_lines": 0, "asm_lines": 0, "bytes": mbedtls}
    return results


def main():
    results = measure()
    out = os.path.join(ROOT, "build", "size")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(results, f, indent=2)
    budgets = json.load(open(os.path.join(ROOT, "tools", "size-budgets.json")))["budgets"]
    over = []
    print(f"{'component':12} {'C lines':>8} {'asm lines':>10} {'bytes':>8}   budget (C/asm/bytes)")
    for name, r in results.items():
        b = budgets.get(name, {})
        print(f"{name:12} {r['c_lines']:>8} {r['asm_lines']:>10} {r['bytes']:>8}   "
              f"{b.get('c_lines', '-')}/{b.get('asm_lines', '-')}/{b.get('bytes', '-')}")
        for key in ("c_lines", "asm_lines", "bytes"):
            if key in b and r[key] > b[key]:
                over.append(f"{name}.{key} = {r[key]} > budget {b[key]}")
    if over:
        print("size budgets exceeded:\n  " + "\n  ".join(over))
        if "--check" in sys.argv:
            sys.exit(1)
    else:
        print("all components within their size budgets")


if __name__ == "__main__":
    main()
