# SPDX-License-Identifier: BSD-3-Clause
"""Secure boot (docs/secure-boot.md): tampered, truncated, reordered, wrongly signed and rolled
back packages are refused at boot, each by booting the changed flash image in QEMU; the run
stops at the verifier (one line naming what was refused, a status per failure class).

A refused boot stops in boot, about 0.1 s of QEMU each. This file flips one bit in a sample of
the package's signed metadata bytes and of each image's bytes (SAMPLE positions); the
exhaustive sweep (every bit of the metadata, 256 positions per image) is TESSERA_SB_FULL=1."""
import os
import random
import struct
import subprocess
import sys

import pytest
from conftest import ROOT, build

sys.path.insert(0, os.path.join(ROOT, "tools"))
import mkpkg  # noqa: E402

SYSTEM = "secure_boot"
PKG = 0x100000
SECRET = 0x80000  # PLAT_ATTEST_SECRET_OFFSET: the device secret's own sector
FULL = os.environ.get("TESSERA_SB_FULL") == "1"
SAMPLE = 256 if FULL else 16
HEADER = struct.Struct("<IIIII12x32s256s256s")
ENTRY = struct.Struct("<16sQIHHII32sII")
META_KEY, META_SIG = 272, 264


def flash():
    build(SYSTEM)
    with open(os.path.join(ROOT, "build", SYSTEM, "flash.bin"), "rb") as f:
        return bytearray(f.read())


def boot(data, tmp_path, name="f.bin"):
    path = tmp_path / name
    path.write_bytes(bytes(data))
    r = subprocess.run([os.path.join(ROOT, "tools", "qemu.sh"), str(path)], capture_output=True,
                       text=True, errors="replace", timeout=120)
    return r.returncode, r.stdout


def layout(data):
    magic, version, count, total, signers, *_ = HEADER.unpack_from(data, PKG)
    entries_at = PKG + HEADER.size + signers * (META_KEY + META_SIG)
    entries = [ENTRY.unpack_from(data, entries_at + i * ENTRY.size) for i in range(count)]
    return entries_at + count * ENTRY.size - PKG, entries


@pytest.fixture(scope="module")
def good():
    return flash()


def test_good_package_boots(good, tmp_path):
    """It boots, and the event log boot reports matches the build's reference values."""
    status, out = boot(good, tmp_path)
    assert "handing over to the monitor" in out and "signer vaultco" in out, out
    import json
    with open(os.path.join(ROOT, "build", SYSTEM, "measurements.json")) as f:
        log = json.load(f)
    assert [e["name"] for e in log][:2] == ["boot", "sysdesc"]
    assert f"({len(log)} measurements at 0xe000000, boot's sha256 {log[0]['sha256'][:8]}..." in out


def test_metadata_bit_flips_refused(good, tmp_path):
    meta_size, _ = layout(good)
    positions = range(meta_size) if FULL else random.Random(1).sample(range(meta_size), 48)
    for pos in positions:
        for bit in (range(8) if FULL else [pos % 8]):
            data = bytearray(good)
            data[PKG + pos] ^= 1 << bit
            status, out = boot(data, tmp_path)
            assert status in (10, 11, 12, 13, 14), (pos, bit, status, out[-400:])
            assert "refused" in out and "handing over" not in out


def test_image_bit_flips_refused_with_the_image_named(good, tmp_path):
    _, entries = layout(good)
    rng = random.Random(2)
    for e in entries:
        name, offset, size = e[0].rstrip(b"\0").decode(), e[8], e[5]
        for pos in rng.sample(range(size), min(SAMPLE, size)):
            data = bytearray(good)
            data[PKG + offset + pos] ^= 1 << rng.randrange(8)
            status, out = boot(data, tmp_path)
            if status == 16 and f"refused {name}:" in out:
                continue
            # identical images share their bytes: the first entry using them is named
            assert status == 16 and "image hash does not match" in out, (name, pos, out[-400:])


def test_truncated_package_refused(good, tmp_path):
    meta_size, _ = layout(good)
    # Flash has no length: what is cut off reads as erased flash, so the first image whose
    # bytes are missing fails its hash, or the header is incomplete.
    status, out = boot(good[:PKG + meta_size + 100], tmp_path)
    assert status == 16 and "refused monitor" in out, out
    status, out = boot(good[:PKG + 100], tmp_path)
    assert status in (10, 11) and "refused" in out, out


def test_unsigned_package_refused(good, tmp_path):
    data = bytearray(good)
    struct.pack_into("<I", data, PKG + 4, 1)  # the old, unsigned version
    status, out = boot(data, tmp_path)
    assert status == 10 and "not a signed package" in out, out


def test_reordered_entries_refused(good, tmp_path):
    meta_size, entries = layout(good)
    first = meta_size - len(entries) * ENTRY.size
    data = bytearray(good)
    a, b = PKG + first + 3 * ENTRY.size, PKG + first + 4 * ENTRY.size
    data[a:a + ENTRY.size], data[b:b + ENTRY.size] = good[b:b + ENTRY.size], good[a:a + ENTRY.size]
    status, out = boot(data, tmp_path)
    assert status in (13, 14) and "refused" in out, out


def test_wrong_root_key_refused(tmp_path):
    """A package signed with other keys than the ones boot was built with."""
    other = tmp_path / "keys"
    build(SYSTEM)
    b = os.path.join(ROOT, "build", SYSTEM)
    out_path = tmp_path / "other.bin"
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "mkpkg.py"), "--keys",
                    str(other), "--generate", os.path.join(b, "gen", "images.txt"), b,
                    os.path.join(b, "boot.bin"), str(out_path)], check=True, capture_output=True)
    status, out = boot(out_path.read_bytes(), tmp_path)
    assert status == 11 and "root key is not the device's" in out, out


def test_rollback_refused(good, tmp_path):
    """A device whose store says platform >= 1 refuses the package's svn 0."""
    data = bytearray(good)
    store = struct.pack("<II16sII", 0x42525354, 1, b"platform", 1, 0)
    data[0xC0000:0xC0000 + len(store)] = store
    status, out = boot(data, tmp_path)
    assert status == 15 and "refused platform" in out and "below the device's minimum" in out, out


def resign_vendor(data, entry_index, vendor, new_signer_field=None):
    """What a vendor holding only its own key can do: change an entry's content (and, if asked,
    the entry's signer field) and sign its own manifest so that it covers that entry."""
    _, entries = layout(data)
    magic, version, count, total, signers, desc, *_ = HEADER.unpack_from(data, PKG)
    keys_at = PKG + HEADER.size
    names = [data[keys_at + i * META_KEY:keys_at + i * META_KEY + 16].rstrip(b"\0").decode()
             for i in range(signers)]
    s = names.index(vendor)
    entries_at = keys_at + signers * (META_KEY + META_SIG)
    at = entries_at + entry_index * ENTRY.size
    e = list(ENTRY.unpack_from(data, at))
    e[7] = bytes(32) if e[7] != bytes(32) else b"\1" * 32  # new content: another image's hash
    if new_signer_field is not None:
        e[3] = new_signer_field
    ENTRY.pack_into(data, at, *e)
    entries_bin = [bytes(data[entries_at + i * ENTRY.size:entries_at + (i + 1) * ENTRY.size])
                   for i in range(count)]
    key = mkpkg.load_key(os.path.join(ROOT, "build", "keys"), vendor, False)
    sig_at = keys_at + signers * META_KEY + s * META_SIG
    svn = struct.unpack_from("<I", data, sig_at)[0]
    key_table = bytes(data[keys_at:keys_at + signers * META_KEY])
    sig = mkpkg.sign(key, mkpkg.manifest_digest(s, svn, desc, key_table, entries_bin))
    data[sig_at + 8:sig_at + 8 + len(sig)] = sig
    return s


def test_vendor_cannot_sign_another_vendors_image(good, tmp_path):
    """vaultco signs a changed sp_A (payco's): payco's manifest no longer verifies."""
    data = bytearray(good)
    resign_vendor(data, 3, "vaultco")
    status, out = boot(data, tmp_path)
    assert status == 14 and "refused payco" in out, out


def test_vendor_cannot_take_over_a_partition(good, tmp_path):
    """vaultco also rewrites sp_A's signer field to itself: the platform signed the layout."""
    data = bytearray(good)
    s = resign_vendor(data, 3, "vaultco", new_signer_field=None)
    data = bytearray(good)
    resign_vendor(data, 3, "vaultco", new_signer_field=s)
    status, out = boot(data, tmp_path)
    assert status == 14 and "refused platform" in out, out


def test_vendor_cannot_sign_firmware(good, tmp_path):
    """A vendor signer named on the SPMC's entry is refused by the layout rules."""
    data = bytearray(good)
    _, entries = layout(data)
    _, _, count, _, signers, *_ = HEADER.unpack_from(data, PKG)
    at = PKG + HEADER.size + signers * (META_KEY + META_SIG) + 1 * ENTRY.size
    struct.pack_into("<H", data, at + 28, 1)
    status, out = boot(data, tmp_path)
    assert status == 13 and "refused spmc: signer not allowed" in out, out


def test_tampered_image_named(good, tmp_path):
    """The demo's refusal: one byte of the guest's image changed in flash (sp_A and sp_B share
    one copy of the trusted OS: a change there names sp_A, the first to load it)."""
    _, entries = layout(good)
    data = bytearray(good)
    data[PKG + entries[5][8] + 1000] ^= 0x40
    status, out = boot(data, tmp_path)
    assert status == 16 and "refused vm_guest1: image hash does not match its signed" in out, out


def test_rollback_raise(tmp_path):
    """A package with svn 2 boots on a device at minimum 1 and raises the minimum (the store
    is rewritten with CFI commands; read back by boot, not persisted by -bios)."""
    b = os.path.join(ROOT, "build", SYSTEM)
    build(SYSTEM)
    out_path = tmp_path / "svn.bin"
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "mkpkg.py"), "--keys",
                    os.path.join(ROOT, "build", "keys"), "--svn", "platform=2", "--svn",
                    "payco=3", os.path.join(b, "gen", "images.txt"), b,
                    os.path.join(b, "boot.bin"), str(out_path)], check=True, capture_output=True)
    data = bytearray(out_path.read_bytes())
    store = struct.pack("<II16sII", 0x42525354, 1, b"platform", 1, 0)
    data[0xC0000:0xC0000 + len(store)] = store
    status, out = boot(data, tmp_path)
    assert "rollback: signer platform minimum 1 -> 2" in out, out
    assert "rollback: signer payco minimum 0 -> 3" in out, out
    assert "handing over to the monitor" in out, out


def qemu_pflash(path):
    """Boot with the flash as a writable pflash drive (not -bios): what boot writes to the
    rollback store is written to the file, so it persists to the next boot."""
    r = subprocess.run(["qemu-system-aarch64", "-M", "virt,secure=on,virtualization=on,gic-version=3",
                        "-cpu", "max,pauth-impdef=on", "-smp", "1", "-m", "1024", "-drive",
                        f"if=pflash,unit=0,format=raw,file={path}", "-display", "none",
                        "-monitor", "none", "-nic", "none", "-chardev",
                        "stdio,id=con,mux=on,signal=off", "-serial", "chardev:con", "-serial",
                        "chardev:con", "-semihosting-config", "enable=on,target=native"],
                       capture_output=True, text=True, errors="replace", timeout=120)
    return r.returncode, r.stdout


def signed(tmp_path, svn):
    b = os.path.join(ROOT, "build", SYSTEM)
    out_path = tmp_path / f"svn{svn}.bin"
    subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "tools", "mkpkg.py"), "--keys",
                    os.path.join(ROOT, "build", "keys"), "--svn", f"platform={svn}",
                    os.path.join(b, "gen", "images.txt"), b, os.path.join(b, "boot.bin"),
                    str(out_path)], check=True, capture_output=True)
    return out_path.read_bytes()


def test_rollback_persists_across_boots(tmp_path):
    """Boot svn 2 on a new device (minimum 0 -> 2, written to flash), then install an svn 1
    package in the same flash (the store sector kept): refused. svn 2 again still boots.
    Raising the minimum erases only the store's sector: the attestation device secret in the
    sector before it (PLAT_ATTEST_SECRET_OFFSET) survives."""
    build(SYSTEM)
    device = tmp_path / "device.bin"
    flash = bytearray(signed(tmp_path, 2).ljust(64 << 20, b"\xff"))
    secret = bytes(range(1, 33))
    flash[SECRET:SECRET + 32] = secret
    device.write_bytes(flash)
    status, out = qemu_pflash(device)
    assert "rollback: signer platform minimum 0 -> 2" in out and "handing over" in out, out
    after = device.read_bytes()
    assert after[0xC0000:0xC0004] == struct.pack("<I", 0x42525354)  # the store was written
    assert after[SECRET:SECRET + 32] == secret and after[:SECRET] == bytes(flash[:SECRET])
    for svn, refused in ((1, True), (2, False)):
        flash = bytearray(device.read_bytes())
        package = signed(tmp_path, svn)
        flash[PKG:] = package[PKG:].ljust(len(flash) - PKG, b"\xff")
        device.write_bytes(flash)
        status, out = qemu_pflash(device)
        if refused:
            assert status == 15 and "refused platform: security version below" in out, out
        else:
            assert "handing over" in out and "rollback:" not in out, out
