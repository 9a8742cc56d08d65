#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Provision the attestation stand-ins into a flash image and write the relying party's
reference values (docs/attestation.md).

usage: attest_provision.py <build dir> <flash.bin>

- The device-unique secret: <build dir>/attest/device_secret.bin, 32 random bytes made once per
  build directory (never committed: build/ is ignored). It is OUR STAND-IN for a fused
  device secret: written into the secure flash at PLAT_ATTEST_SECRET_OFFSET, a sector of its
  own between boot's code and the rollback store, outside the signed package (mkpkg leaves it
  zero; boot never reads it): only the secure world can read it and only the monitor does.
- <build dir>/attest/reference.json: the device public key the SPMC derives from that secret
  (same HKDF as attest/attest_key.c), its instance and implementation IDs, the reference value
  of every event-log entry from <build dir>/measurements.json (what boot measures: SHA-256,
  security version, signer), each partition's FF-A ID and UUID, each TA's UUID and image hash:
  what tools/verify-token compares a token with.
"""
import glob
import hashlib
import json
import os
import re
import struct
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SECRET_OFFSET = 0x80000  # PLAT_ATTEST_SECRET_OFFSET
PKG_OFFSET = 0x100000  # PLAT_PKG_OFFSET
HKDF_SALT = b"tessera-attest-v1"  # ATTEST_HKDF_SALT
HKDF_INFO = b"device attestation key ES256"  # ATTEST_HKDF_INFO
IMPL_TEXT = b"tessera qemu_virt"  # ATTEST_IMPL_TEXT
PROFILE = "tag:tessera.dev,2026:tee-attestation"  # ATTEST_PROFILE
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def fail(msg):
    sys.exit(f"attest_provision: error: {msg}")


def device_key(secret):
    """The private key attest_key.c derives: d = HKDF(secret)[0:32] mod (n - 1) + 1."""
    okm = HKDF(algorithm=hashes.SHA256(), length=64, salt=HKDF_SALT, info=HKDF_INFO).derive(secret)
    d = int.from_bytes(okm[:32], "big") % (P256_N - 1) + 1
    return ec.derive_private_key(d, ec.SECP256R1())


def secret_for(build):
    path = os.path.join(build, "attest", "device_secret.bin")
    if not os.path.isfile(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Mode 0600, as mkpkg's private keys: whoever reads it can sign this device's tokens.
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(os.urandom(32))
    data = open(path, "rb").read()
    if len(data) != 32:
        fail(f"{path} must hold 32 bytes")
    return data


def partitions(build):
    """name -> FF-A ID, UUID, package entry, from the SPMC's generated view."""
    text = open(os.path.join(build, "gen", "spmc_view.c")).read()
    out = {}
    for name, ffa_id, uuid in re.findall(
            r'\.name = "([^"]+)",\s*\.ffa_id = (0x[0-9a-f]+),\s*\.uuid = \{([^}]*)\}', text):
        raw = bytes(int(b, 16) for b in uuid.replace(",", " ").split())
        out[name] = {"ffa_id": int(ffa_id, 16), "uuid": raw.hex(), "image": "sp_" + name}
    return out


def components(build):
    """Event-log name -> reference value, from the measurements mkpkg wrote for boot's log
    (<build dir>/measurements.json: the values boot measures, in its order, one source of
    truth): SHA-256, security version, and the signer by name and by the SHA-256 of its key
    (the "key:<signer>" entry whose `signer` is the entry's signer index)."""
    log = json.load(open(os.path.join(build, "measurements.json")))
    keys = {e["signer"]: e for e in log if e["name"].startswith("key:")}
    out = {}
    for e in log:
        if e["name"].startswith("key:"):
            continue
        if e["signer"] not in keys:
            fail(f"{e['name']}: signer {e['signer']} has no key entry in measurements.json")
        key = keys[e["signer"]]
        out[e["name"]] = {"sha256": e["sha256"], "svn": e["svn"], "signer": key["name"][4:],
                          "signer_id": key["sha256"]}
    return out


def tas(build):
    """TA name -> UUID (RFC 4122 octets) and SHA-256 of its image, as the trusted OS holds it."""
    out = {}
    for path in sorted(glob.glob(os.path.join(build, "ta", "*.bin"))):
        data = open(path, "rb").read()
        if len(data) < 24:
            continue
        tl, tm, th = struct.unpack_from("<IHH", data, 8)
        uuid = struct.pack(">IHH", tl, tm, th) + data[16:24]
        out[os.path.basename(path)[:-4]] = {"uuid": uuid.hex(),
                                             "sha256": hashlib.sha256(data).hexdigest()}
    return out


def main():
    if len(sys.argv) != 3:
        fail(__doc__)
    build, flash_path = sys.argv[1:]
    secret = secret_for(build)
    flash = bytearray(open(flash_path, "rb").read())
    if len(flash) < PKG_OFFSET or any(flash[SECRET_OFFSET:SECRET_OFFSET + 32]):
        fail(f"{flash_path}: boot reaches the secret's sector at 0x{SECRET_OFFSET:x}")
    flash[SECRET_OFFSET:SECRET_OFFSET + 32] = secret
    with open(flash_path + ".tmp", "wb") as f:
        f.write(flash)
    os.replace(flash_path + ".tmp", flash_path)
    pub = device_key(secret).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    ref = {
        "profile": PROFILE,
        "public_key": pub.hex(),
        "ueid": (b"\x01" + hashlib.sha256(pub).digest()).hex(),
        "implementation_id": hashlib.sha256(IMPL_TEXT).hexdigest(),
        "components": components(build),
        "partitions": partitions(build),
        "tas": tas(build),
        # What every token must name: boot's chain, the description and the caller's own.
        "required_components": ["boot", "monitor", "spmc", "sysdesc", "tos", "ta"],
    }
    with open(os.path.join(build, "attest", "reference.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
