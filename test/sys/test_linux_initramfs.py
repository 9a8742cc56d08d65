# SPDX-License-Identifier: BSD-3-Clause
"""The Linux guest's boot pieces on their own (mk/linux.mk, docs/linux-guests.md), without
Tessera: the initramfs holds what /init needs, and Debian's kernel boots it on plain QEMU, loads
tee.ko/optee.ko, runs the program named by tessera.app= (which finds no TEE there and says so
with a GP error) and powers off."""
import os
import subprocess

import pexpect
import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
IMAGE = os.path.join(ROOT, "build", "debian", "Image")
INITRD = os.path.join(ROOT, "build", "debian", "initrd.cpio.gz")
BOOT_TIMEOUT = int(os.environ.get("TESSERA_LINUX_BOOT_TIMEOUT", "120"))

EXPECTED = [
    "init", "bin/busybox", "bin/sh", "bin/mount", "bin/insmod", "bin/poweroff",
    "lib/modules/tee.ko", "lib/modules/optee.ko", "usr/sbin/tee-supplicant",
    "usr/lib/aarch64-linux-gnu/libteec.so.1", "lib/aarch64-linux-gnu/libc.so.6",
    "lib/aarch64-linux-gnu/ld-linux-aarch64.so.1", "lib/ld-linux-aarch64.so.1",
    "usr/bin/tessera-demo", "usr/bin/teec-check", "usr/bin/teec-kill", "usr/bin/teec-bench",
]


@pytest.fixture(scope="module")
def artifacts():
    subprocess.run(["make", "-s", "-C", ROOT, "linux-artifacts"], check=True,
                   stdout=subprocess.DEVNULL)
    return IMAGE, INITRD


def initramfs_listing():
    out = subprocess.run(f"gzip -dc {INITRD} | cpio -t --quiet", shell=True, check=True,
                         capture_output=True, text=True).stdout
    return set(out.split())


def test_initramfs_contents(artifacts):
    names = initramfs_listing()
    missing = [n for n in EXPECTED if n not in names]
    assert not missing, f"not in the initramfs: {missing}"
    with open(IMAGE, "rb") as f:
        assert f.read(64)[0x38:0x3c] == b"ARM\x64", "Image is not an arm64 kernel Image"


def test_initramfs_reproducible(artifacts):
    with open(INITRD, "rb") as f:
        before = f.read()
    os.utime(os.path.join(ROOT, "guest", "linux", "init"))
    subprocess.run(["make", "-s", "-C", ROOT, "linux-artifacts"], check=True,
                   stdout=subprocess.DEVNULL)
    with open(INITRD, "rb") as f:
        assert f.read() == before, "rebuilding the initramfs changed its bytes"


def test_plain_qemu_boot_runs_app_and_powers_off(artifacts):
    child = pexpect.spawn("qemu-system-aarch64", [
        "-M", "virt,gic-version=3", "-cpu", "max", "-m", "256", "-nographic", "-nic", "none",
        "-kernel", IMAGE, "-initrd", INITRD, "-append",
        "console=ttyAMA0 arm64.nosve arm64.nosme tessera.app=tessera-demo,both"],
        encoding="utf-8", codec_errors="replace", timeout=BOOT_TIMEOUT)
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        child.terminate(force=True)
        pytest.fail(f"no power-off within {BOOT_TIMEOUT}s; output so far:\n{child.before}")
    child.close()
    out = child.before
    assert child.exitstatus == 0, out
    for line in ["tessera-linux: optee driver loaded",
                 "tessera-linux: /dev/tee0 absent",  # no OP-TEE node in plain QEMU's DT
                 "tessera-linux: running tessera-demo both",
                 "[linux-app] TEEC_InitializeContext(NULL) -> 0xffff0008 "
                 "(TEEC_ERROR_ITEM_NOT_FOUND)",
                 "tessera-linux: tessera-demo exited 1",
                 "reboot: Power down"]:
        assert line in out, f"{line!r} not in the output:\n{out}"
    assert "unable to open an initial console" not in out
    assert "Kernel panic" not in out
