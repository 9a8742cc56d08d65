# SPDX-License-Identifier: BSD-3-Clause
"""Attestation (issue 14 items 5-6; docs/attestation.md), checked by the relying party
tools/verify-token against the reference values the build wrote:

- the demo's wallet attests itself before paying; every token verifies (signature, device,
  challenge, TEE "pay", TA wallet, each measurement as built); a replayed challenge, a
  flipped byte, another device's key or another TEE's name are each refused;
- the SPMC refuses every bad request of a partition (pages not its own read-write memory, bad
  sizes and fields), a partition cannot reach the monitor's signing calls, and a TEE that
  claims the other TEE's identity still gets a token naming itself only (attest_probe);
- a one-byte change to the monitor, the SPMC or a TA image changes the measurement the token
  names (a rebuilt flash image with that byte flipped);
- host: the unit test's token (real key, host mbedTLS) decodes with cbor2 and verifies.
"""
import copy
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess

import cbor2
import pexpect
import pytest

from conftest import BOOT_TIMEOUT, ROOT, Run

_loader = importlib.machinery.SourceFileLoader("verify_token",
                                               os.path.join(ROOT, "tools", "verify-token"))
_spec = importlib.util.spec_from_loader("verify_token", _loader)
vt = importlib.util.module_from_spec(_spec)
_loader.exec_module(vt)

PROBES = ["unaligned", "room_too_big", "room_too_small", "unmapped", "device_page",
          "other_tee_memory", "ipa_wraps", "bad_version", "challenge_too_short",
          "challenge_too_long", "junk_after_challenge", "reserved_set", "token_no_room",
          "sip_sign_from_partition", "sip_pubkey_from_partition", "impersonate_answered"]


def build_and_boot(system, build_name=None, rebuild=True):
    """Build (unless told not to) and boot; the Run and the build directory."""
    build_name = build_name or system
    if rebuild:
        subprocess.run(["make", "-s", "-C", ROOT, "images", f"SYS={system}",
                        f"BUILD_NAME={build_name}"], check=True, stdout=subprocess.DEVNULL)
    bdir = os.path.join(ROOT, "build", build_name)
    child = pexpect.spawn(os.path.join(ROOT, "tools", "qemu.sh"),
                          [os.path.join(bdir, "flash.bin")], encoding="utf-8",
                          codec_errors="replace", timeout=BOOT_TIMEOUT)
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        child.terminate(force=True)
        pytest.fail(f"{system}: no exit within {BOOT_TIMEOUT}s:\n{child.before}")
    child.close()
    return Run(system, child.before, child.exitstatus), bdir


def reference(bdir):
    return json.load(open(os.path.join(bdir, "attest", "reference.json")))


def log_tokens(run, bdir):
    path = os.path.join(bdir, "attest", "run.log")
    with open(path, "w") as f:
        f.write(run.output)
    return vt.tokens_from_log(path)


def probe_tokens(run):
    """The tokens the probing TOS instances printed, by TEE tag ("8001", "8002"). Guests run
    time-sliced, so the two TOS instances' lines can interleave: gathered per tag."""
    out, cur = {}, {}
    for line in run.lines:
        if ": test: attest token " not in line:  # not "attest token_no_room: PASS" etc.
            continue
        tag = line.split()[2].rstrip(":")
        if ": test: attest token end" in line:
            out[tag] = bytes.fromhex("".join(cur.pop(tag, [])))
        else:
            cur.setdefault(tag, []).append(line.rsplit(" ", 1)[1])
    return out


def refused(token, ref, challenge, why, **kw):
    with pytest.raises(vt.Refused) as e:
        vt.verify(token, ref, challenge, **kw)
    assert why in str(e.value), str(e.value)


def test_demo_wallet_attests_before_paying():
    run, bdir = build_and_boot("demo")
    assert run.status == 0, run.output
    ref = reference(bdir)
    tokens = log_tokens(run, bdir)
    assert len(tokens) == 2, run.output  # one per guest, before each one's first payment
    for chal, token in tokens:
        assert "TEE pay (0x8001), TA wallet" in vt.verify(token, ref, chal, "pay", "wallet")
    assert run.index("attests itself to the bank") < run.index("wallet: signed")
    (c1, t1), (c2, t2) = tokens
    # A replayed token: the challenge is in the signed payload, so it shows.
    assert c1 != c2 and t1 != t2
    refused(t1, ref, c2, "challenge differs")
    refused(t1, ref, None, "no expected challenge")
    # Tampering anywhere breaks the signature; another device's key does not verify it.
    for pos in (20, len(t1) // 2, len(t1) - 70, len(t1) - 1):
        bad = bytearray(t1)
        bad[pos] ^= 1
        with pytest.raises(vt.Refused):
            vt.verify(bytes(bad), ref, c1)
    other = copy.deepcopy(ref)
    other["public_key"] = reference_of_other_device()
    refused(t1, other, c1, "bad signature")
    # It names "pay" and the wallet: a relying party that wants "vault" refuses it.
    refused(t1, ref, c1, "expected 'vault'", tee="vault")
    refused(t1, ref, c1, "expected 'vault'", ta="vault")
    # The command line agrees (the demo's host step, make run).
    out = subprocess.run([os.path.join(ROOT, "tools", "verify-token"), "--reference",
                          os.path.join(bdir, "attest", "reference.json"), "--log",
                          os.path.join(bdir, "attest", "run.log"), "--tee", "pay", "--ta",
                          "wallet"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.count(": OK: ") == 2, out.stdout
    out = subprocess.run([os.path.join(ROOT, "tools", "verify-token"), "--reference",
                          os.path.join(bdir, "attest", "reference.json"), "--hex", t1.hex(),
                          "--challenge", c2.hex()], capture_output=True, text=True)
    assert out.returncode == 1 and "REFUSED: challenge differs" in out.stdout, out.stdout


def reference_of_other_device():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    return key.public_bytes(serialization.Encoding.X962,
                            serialization.PublicFormat.UncompressedPoint).hex()


def test_spmc_refuses_bad_requests_and_impersonation():
    run, bdir = build_and_boot("attest_probe")
    assert run.status == 0, run.output
    for tag in ("8001", "8002"):
        for p in PROBES:
            assert run.has(f"S tee {tag}: test: attest {p}: PASS"), (tag, p, run.output)
    assert not any("test: attest" in l and ": FAIL" in l for l in run.lines), run.output
    ref = reference(bdir)
    tokens = probe_tokens(run)
    names = {"8001": "pay", "8002": "vault"}
    for tag, token in tokens.items():
        me, other = names[tag], names["8002" if tag == "8001" else "8001"]
        claims = vt.verify_signature(token, ref)
        assert claims[vt.EAT_NONCE] == b"\x5c" * 16
        name, part = vt.partition_of(claims, ref, me)  # names itself ...
        assert claims[vt.PSA_CLIENT_ID] == ref["partitions"][me]["ffa_id"]
        with pytest.raises(vt.Refused):
            vt.partition_of(claims, ref, other)  # ... and never the other TEE
        tos = [c for c in claims[vt.PSA_SW_COMPONENTS] if c[vt.SWC_TYPE] == "tos"]
        assert len(tos) == 1
        assert tos[0][vt.SWC_VALUE] == bytes.fromhex(ref["components"]["sp_" + me]["sha256"])
        # What it claimed for its TA is reported as the TA's claim, nothing more.
        assert claims[vt.TESSERA_TA_UUID] == bytes.fromhex(ref["partitions"][other]["uuid"])
    assert set(tokens) == {"8001", "8002"}
    # The demo app in the test build: the wallet's token verifies there too.
    wallet = log_tokens(run, bdir)
    assert wallet and all(vt.verify(t, ref, c, "pay", "wallet") for c, t in wallet)


def test_versions_and_signers_are_boots():
    """The token's versions and signer IDs are what boot measured (its event log), and the
    reference values are mkpkg's measurements.json for the same build."""
    name = "attest_svn"
    subprocess.run(["make", "-s", "-C", ROOT, "images", "SYS=demo", f"BUILD_NAME={name}",
                    "SVN=platform=3 payco=2"], check=True, stdout=subprocess.DEVNULL)
    run, bdir = build_and_boot("demo", name, rebuild=False)
    assert run.status == 0, run.output
    ref = reference(bdir)
    log = json.load(open(os.path.join(bdir, "measurements.json")))
    keys = {e["signer"]: e["sha256"] for e in log if e["name"].startswith("key:")}
    chal, token = log_tokens(run, bdir)[0]
    vt.verify(token, ref, chal, "pay", "wallet")
    comps = {c[vt.SWC_TYPE]: c for c in vt.verify_signature(token, ref)[vt.PSA_SW_COMPONENTS]}
    # boot is not in the package: no signed version (0); the description has the platform's
    want = {"boot": "0", "monitor": "3", "spmc": "3", "sysdesc": "3", "tos": "2", "ta": "0"}
    assert {k: c[vt.SWC_VERSION] for k, c in comps.items()} == want
    entries = {e["name"]: e for e in log}
    for kind in ("boot", "monitor", "spmc", "sysdesc"):
        assert comps[kind][vt.SWC_VALUE] == bytes.fromhex(entries[kind]["sha256"])
        assert comps[kind][vt.SWC_SIGNER] == bytes.fromhex(keys[0])  # platform
    pay = entries["sp_pay"]
    assert comps["tos"][vt.SWC_VALUE] == bytes.fromhex(pay["sha256"])
    assert pay["signer"] != 0  # a vendor: payco
    assert comps["tos"][vt.SWC_SIGNER] == bytes.fromhex(keys[pay["signer"]])
    old = copy.deepcopy(ref)
    old["components"]["sp_pay"]["svn"] = 0
    refused(token, old, chal, "version of 'tos' is '2'")
    other = copy.deepcopy(ref)
    other["components"]["sp_pay"]["signer_id"] = keys[0]
    refused(token, other, chal, "'tos' is not signed by")


def flip_byte(path, text, new):
    data = open(path, "rb").read()
    assert data.count(text) >= 1, (path, text)
    data = data.replace(text, new, 1)
    with open(path, "wb") as f:
        f.write(data)


ONE_BYTE = [
    ("monitor", "monitor.bin", b"PSCI SYSTEM_OFF", b"PSCI SYSTEM_oFF", {"monitor"}),
    ("spmc", "spmc.bin", b"secure hypervisor (SPMC)", b"secure hypervisor (SPmC)", {"spmc"}),
    ("wallet", "ta/wallet.bin", b"self-test passed", b"self-test Passed", {"tos", "ta"}),
]


def test_measurements_change_with_one_byte():
    name = "attest_onebyte"
    # It flips bytes of built images in place: start from a fresh build every time.
    shutil.rmtree(os.path.join(ROOT, "build", name), ignore_errors=True)
    subprocess.run(["make", "-s", "-C", ROOT, "images", "SYS=demo", f"BUILD_NAME={name}"],
                   check=True, stdout=subprocess.DEVNULL)
    bdir = os.path.join(ROOT, "build", name)
    base = reference(bdir)
    for what, image, text, new, kinds in ONE_BYTE:
        path = os.path.join(bdir, image)
        flip_byte(path, text, new)
        if image.startswith("ta/"):
            # The TA is built into the trusted OS: rebuild its blob table and image.
            os.utime(path)
            subprocess.run(["make", "-s", "-C", ROOT, f"build/{name}/tos.bin", "SYS=demo",
                            f"BUILD_NAME={name}"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["make", "-s", "-C", ROOT, "images", "SYS=demo", f"BUILD_NAME={name}"],
                       check=True, stdout=subprocess.DEVNULL)
        run, _ = build_and_boot("demo", name, rebuild=False)
        assert run.status == 0, (what, run.output)
        new_ref = reference(bdir)
        chal, token = log_tokens(run, bdir)[0]
        vt.verify(token, new_ref, chal, "pay", "wallet")  # the rebuilt device's values
        refused(token, base, chal, "differs from the reference value")  # not the old ones
        claims = vt.verify_signature(token, base)
        changed = {c[vt.SWC_TYPE] for c in claims[vt.PSA_SW_COMPONENTS]
                   if c[vt.SWC_VALUE] != bytes.fromhex(
                       vt.expected_component(c[vt.SWC_TYPE], base, base["partitions"]["pay"],
                                             "wallet")["sha256"])}
        assert changed == kinds, (what, changed)
        base = new_ref


def test_host_token_decodes_with_cbor2(tmp_path):
    subprocess.run(["make", "-s", "-C", ROOT, "build/host/test_attest"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(ROOT, "build", "host", "test_attest"), "--dump",
                    str(tmp_path)], check=True)
    token = (tmp_path / "token.bin").read_bytes()
    secret = (tmp_path / "secret.bin").read_bytes()
    spec = importlib.util.spec_from_file_location(
        "attest_provision", os.path.join(ROOT, "tools", "attest_provision.py"))
    prov = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prov)
    from cryptography.hazmat.primitives import serialization
    pub = prov.device_key(secret).public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    obj = cbor2.loads(token)
    assert obj.tag == 18 and len(obj.value) == 4
    claims = vt.verify_signature(token, {"public_key": pub.hex()})
    assert claims[vt.EAT_PROFILE] == prov.PROFILE
    assert claims[vt.EAT_NONCE] == b"\xc5" * 32
    assert claims[vt.PSA_CLIENT_ID] == 0x8001
    assert claims[vt.TESSERA_PARTITION] == {1: "pay", 2: bytes([0x7e, 0x55, 0xe4, 0xa0] +
                                                                [0] * 11 + [0xa1])}
    kinds = [c[vt.SWC_TYPE] for c in claims[vt.PSA_SW_COMPONENTS]]
    assert kinds == ["boot", "monitor", "spmc", "sysdesc", "tos", "ta"]
    assert cbor2.dumps(cbor2.loads(token)) == token  # our encoding is canonical CBOR
