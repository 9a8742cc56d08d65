# SPDX-License-Identifier: BSD-3-Clause
"""User-supplied payloads (issue 3): a partition built outside the project's build, named by
path in a system description, boots under the SPMC and answers a guest's direct request."""
import os
import subprocess

from conftest import ROOT


def build_user_sp():
    out = os.path.join(ROOT, "build", "user_sp")
    os.makedirs(out, exist_ok=True)
    elf = os.path.join(out, "user_sp.elf")
    subprocess.run(["aarch64-linux-gnu-gcc", "-O2", "-ffreestanding", "-nostdlib", "-static",
                    "-fno-pie", "-no-pie", "-mgeneral-regs-only", "-mstrict-align",
                    "-Wl,--build-id=none", "-T", os.path.join(ROOT, "test/sys/user_sp/user_sp.ld"),
                    os.path.join(ROOT, "test/sys/user_sp/user_sp.c"), "-o", elf], check=True)
    subprocess.run(["aarch64-linux-gnu-objcopy", "-O", "binary", elf,
                    os.path.join(out, "user_sp.bin")], check=True)


def test_user_supplied_partition_serves_a_guest(run_system):
    build_user_sp()
    r = run_system("user_payload")
    assert r.status == 0, r.output
    assert r.has("S spmc   : starting partition U (ID 0x8002) at S-EL1, IPA 0x20000000 -> PA 0xe300000")
    assert r.has("S user SP: hello from a user-supplied partition, ID 0x8002")
    assert r.has("S spmc   : partition U is waiting for messages (FFA_MSG_WAIT)")
    # The demo guest sends 18 to the second TEE; the user partition answers 18 + 1000 in w3.
    assert r.has("N guest1: TEE 0x8002 answered 18*18 = 1018, sender ID it saw: 0x0 (from 0x8002)")
    assert r.has("N guest1: TEE 0x8001 answered 17*17 = 289")
