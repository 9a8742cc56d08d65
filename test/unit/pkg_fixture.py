#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""The package test_pkg_verify and fuzz_pkg read: a small signed package made by tools/mkpkg.py
from made-up images (platform firmware, two partitions of two vendors, one guest), with
development keys in <out>/keys, and the root key's hash header boot would be built with.

usage: pkg_fixture.py <out dir>   (writes <out>/flash.bin, the package alone in <out>/pkg.bin
                                   and <out>/boot_rotpk.h)"""
import os
import subprocess
import sys

out = sys.argv[1]
tools = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools")
os.makedirs(out, exist_ok=True)
loads = [("monitor", 0xE010000, 0x30000, "platform", 0, 3000),
         ("spmc", 0xE040000, 0xC0000, "platform", 0, 5000),
         ("nshyp", 0x40100000, 0x300000, "platform", 0, 4100),
         ("sp_A", 0xE100000, 0x100000, "payco", 0x8001, 7001),
         ("sp_B", 0xE200000, 0x100000, "vaultco", 0x8002, 6007),
         ("vm_guest1", 0x40400000, 0x200000, "platform", 0, 2049)]
with open(os.path.join(out, "images.txt"), "w") as f:
    for i, (name, pa, size, signer, ffa, length) in enumerate(loads):
        with open(os.path.join(out, f"img{i}.bin"), "wb") as img:
            img.write(bytes((i * 7 + j * 13) & 0xFF for j in range(length)))
        f.write(f"{name} img{i} 0x{pa:x} 0x{size:x} {signer} 0x{ffa:x}\n")
with open(os.path.join(out, "boot.bin"), "wb") as f:
    f.write(b"\0" * 16)
keys = os.path.join(out, "keys")
mkpkg = os.path.join(tools, "mkpkg.py")
subprocess.run([sys.executable, mkpkg, "rotpk", "--generate", keys,
                os.path.join(out, "boot_rotpk.h")], check=True, stdout=subprocess.DEVNULL)
subprocess.run([sys.executable, mkpkg, "--keys", keys, "--generate", "--svn", "payco=2",
                os.path.join(out, "images.txt"), out, os.path.join(out, "boot.bin"),
                os.path.join(out, "flash.bin")], check=True, stdout=subprocess.DEVNULL)
with open(os.path.join(out, "flash.bin"), "rb") as f, open(os.path.join(out, "pkg.bin"), "wb") as p:
    p.write(f.read()[0x100000:])
