# SPDX-License-Identifier: BSD-3-Clause
"""Linux guests on the build side: cfgtool's checks of the kernel and initramfs files (each
failure one sentence naming the guest), the layout and the generated device tree, the make
command line's overrides, mkpkg storing one kernel for several guests and refusing a package
the flash cannot hold. The QEMU boot of these systems is in test_linux.py."""
import gzip
import os
import shutil
import struct
import subprocess
import time

import pytest

from conftest import ROOT

BUILD = "cfgtest_linux"
GEN = os.path.join(ROOT, "build", BUILD, "gen")
IMAGE_SIZE = 0x2010000  # Debian 12's kernel


def fake_image(path, text_offset=0, image_size=IMAGE_SIZE, magic=b"ARM\x64", flags=0xA,
               size=1 << 20):
    """An arm64 Image header (Documentation/arch/arm64/booting.rst) padded to `size` bytes."""
    header = struct.pack("<IIQQQQQQ4sI", 0x91005A4D, 0, text_offset, image_size, flags, 0, 0, 0,
                         magic, 0)
    with open(path, "wb") as f:
        f.write(header.ljust(size, b"\0"))
    return path


def gen(**overrides):
    """cfgtool for the linux system with LINUX_* overrides; (return code, stderr)."""
    args = [f"{k}={v}" for k, v in overrides.items()]
    r = subprocess.run(["make", "-s", "-C", ROOT, "SYS=linux", f"BUILD_NAME={BUILD}",
                        f"build/{BUILD}/gen/.stamp", *args], capture_output=True, text=True)
    return r.returncode, r.stderr


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("linux")
    initrd = d / "initrd.cpio.gz"
    initrd.write_bytes(gzip.compress(b"070701" + b"\0" * 3000))
    yield d, str(initrd)
    shutil.rmtree(os.path.join(ROOT, "build", BUILD), ignore_errors=True)


@pytest.mark.parametrize("case, message", [
    ("missing", "VM linux1: cannot read the kernel {k}: No such file or directory"),
    ("not_image", "VM linux1: {k} is not an arm64 Linux Image (no \"ARM\\x64\" magic at offset "
                  "0x38)"),
    ("gzip", "VM linux1: the kernel {k} is gzip-compressed; give the uncompressed arm64 Image"),
    ("no_image_size", "VM linux1: the kernel {k} has image_size 0 (older than Linux 3.17)"),
    ("big_endian", "VM linux1: the kernel {k} is big-endian"),
    ("huge", "VM linux1: the kernel (text_offset 0x0, image_size 0x10000000) or the initramfs"),
    ("builtin", "VM linux1: kernel \"Image\" is not a built-in (\"debian\"); write a path with "
                "a '/', such as ./Image"),
])
def test_cfgtool_refuses_bad_kernels(files, case, message):
    d, initrd = files
    k = str(d / f"{case}.Image")
    if case == "not_image":
        fake_image(k, magic=b"NOPE")
    elif case == "gzip":
        open(k, "wb").write(gzip.compress(b"\0" * 4096))
    elif case == "no_image_size":
        fake_image(k, image_size=0)
    elif case == "big_endian":
        fake_image(k, flags=0xB)
    elif case == "huge":
        fake_image(k, image_size=256 << 20)
    elif case == "builtin":
        k = "Image"
    rc, err = gen(LINUX_KERNEL=k, LINUX_INITRD=initrd)
    assert rc != 0
    assert f"config/systems/linux.c: error: {message.format(k=k)}" in err, err


def test_cfgtool_refuses_pieces_that_do_not_fit(files):
    d, _ = files
    kernel = fake_image(str(d / "Image"))
    big = d / "big.cpio"
    with open(big, "wb") as f:  # sparse: all the room between the DTB and the OP-TEE memory
        f.truncate(0xBE00000 - 0x2400000)
    rc, err = gen(LINUX_KERNEL=kernel, LINUX_INITRD=str(big))
    assert rc == 0, err
    with open(big, "ab") as f:
        f.write(b"\0")
    # File times are coarse (a kernel tick): make the change newer than cfgtool's stamp for sure.
    later = time.time() + 2
    os.utime(big, (later, later))
    rc, err = gen(LINUX_KERNEL=kernel, LINUX_INITRD=str(big))
    assert rc != 0
    assert ("VM linux1: the kernel, DTB and initramfs need 0xbe01000 bytes but only 0xbe00000 "
            "lie below its OP-TEE shared memory; give it more memory") in err, err
    rc, err = gen(LINUX_KERNEL=kernel, LINUX_INITRD=str(d / "none.cpio"))
    assert rc != 0 and "VM linux1: cannot read the initramfs" in err, err


def fdtget(dtb, node, prop, kind="x"):
    out = subprocess.run(["fdtget", f"-t{kind}", dtb, node, prop], capture_output=True,
                         text=True, check=True).stdout.strip()
    return out if kind == "s" else [int(v, 16) for v in out.split()]


def test_layout_and_device_tree(files):
    """The Image at the window's start + text_offset, the DTB and initramfs 2 MiB aligned above
    it (here the Image ends on a 2 MiB boundary), the OP-TEE shared memory outside the memory
    node; the overrides reach every guest."""
    d, initrd = files
    kernel = fake_image(str(d / "Image"), text_offset=0x80000, image_size=0x1F80000)
    cmdline = 'console=ttyAMA0 tessera.app=x "quoted" it\'s'
    rc, err = gen(LINUX_KERNEL=kernel, LINUX_INITRD=initrd, LINUX_CMDLINE=cmdline)
    assert rc == 0, err
    # <name> <image> <PA> <size>, then the signer and FF-A ID (docs/secure-boot.md)
    loads = {l.split()[0]: l.split()[1:4] for l in open(os.path.join(GEN, "images.txt"))}
    rd_size = os.path.getsize(initrd)
    assert loads["vm_linux1"] == [kernel, "0x40480000", "0x1f80000"]
    assert loads["dt_linux1"] == [f"build/{BUILD}/gen/linux1.dtb", "0x42400000", "0x10000"]
    assert loads["rd_linux1"] == [initrd, "0x42600000", hex((rd_size + 4095) & ~4095)]
    assert loads["vm_linux2"][0] == kernel and loads["vm_linux2"][1] == "0x4c480000"
    assert loads["vm_guest3"] == ["guest", "0x58400000", "0x200000"]
    view = open(os.path.join(GEN, "nshyp_view.c")).read()
    linux1 = view[view.index('"linux1"'):view.index('"linux2"')]
    for field in (".kind = SYS_VM_LINUX", ".optee_shm_size = 0x200000",
                  ".fp_simd = true", ".entry_offset = 0x80000}", ".boot_arg = 0x42000000"):
        assert field in linux1, linux1
    assert ".fp_simd = false" in view[view.index('"guest3"'):]
    # No guest maps the GIC: its virtual GIC needs no device (only the NS UART here).
    assert "0x8000000" not in linux1 and "0x80a0000" not in linux1, linux1

    for guest in ("linux1", "linux2"):
        dtb = str(d / f"{guest}.dtb")
        subprocess.run(["dtc", "-I", "dts", "-O", "dtb", "-o", dtb,
                        os.path.join(GEN, f"{guest}.dts")], check=True, capture_output=True)
        assert fdtget(dtb, "/", "compatible", "s") == "tessera,guest linux,dummy-virt"
        assert fdtget(dtb, "/memory@40000000", "reg") == [0, 0x40000000, 0, 190 << 20]
        assert fdtget(dtb, "/chosen", "bootargs", "s") == cmdline
        assert fdtget(dtb, "/chosen", "stdout-path", "s") == "/uart@9000000"
        assert fdtget(dtb, "/chosen", "linux,initrd-start") == [0, 0x42200000]
        assert fdtget(dtb, "/chosen", "linux,initrd-end") == [0, 0x42200000 + rd_size]
        assert fdtget(dtb, "/firmware/optee", "compatible", "s") == "linaro,optee-tz"
        assert fdtget(dtb, "/firmware/optee", "method", "s") == "smc"
        assert fdtget(dtb, "/psci", "method", "s") == "smc"
        assert fdtget(dtb, "/intc@8000000", "reg") == [0, 0x08000000, 0, 0x10000,
                                                       0, 0x080a0000, 0, 0x20000]
        assert fdtget(dtb, "/timer", "interrupts") == [1, 13, 8, 1, 14, 8, 1, 11, 8, 1, 10, 8]
        assert fdtget(dtb, "/uart@9000000", "interrupts") == [0, 1, 4]
        assert fdtget(dtb, "/cpus/cpu@0", "enable-method", "s") == "psci"


def mkpkg(tmp, lines, boot_bytes=4096):
    listing = tmp / "images.txt"
    listing.write_text("".join(f"{l} platform 0x0\n" for l in lines))
    (tmp / "boot.bin").write_bytes(b"\0" * boot_bytes)
    (tmp / "monitor.bin").write_bytes(b"M" * 4096)
    out = tmp / "flash.bin"
    r = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "mkpkg.py"), "--keys",
                        str(tmp / "keys"), "--generate",
                        str(listing), str(tmp), str(tmp / "boot.bin"), str(out)],
                       capture_output=True, text=True)
    return r, out


def test_mkpkg_stores_one_kernel_for_several_guests(tmp_path):
    kernel = tmp_path / "Image"
    kernel.write_bytes(b"\1" * (40 << 20))
    copy = tmp_path / "copy" / "Image"
    copy.parent.mkdir()
    shutil.copy(kernel, copy)
    loads = ["monitor monitor 0xe010000 0x30000",
             f"vm_a {kernel} 0x40400000 0x2800000", f"vm_b {copy} 0x4c400000 0x2800000"]
    r, out = mkpkg(tmp_path, loads)
    assert r.returncode == 0, r.stderr
    assert (41 << 20) < os.path.getsize(out) < (42 << 20)  # boot's 1 MiB, the 40 MiB once
    other = tmp_path / "Image2"
    other.write_bytes(b"\2" * (30 << 20))
    r, _ = mkpkg(tmp_path, loads[:2] + [f"vm_b {other} 0x4c400000 0x2800000"])
    assert r.returncode != 0
    assert "need 71.0 MiB, more than the 64 MiB flash" in r.stderr, r.stderr
    assert f"largest files: {kernel} 40.0 MiB, {other} 30.0 MiB" in r.stderr, r.stderr
