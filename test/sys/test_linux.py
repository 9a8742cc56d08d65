# SPDX-License-Identifier: BSD-3-Clause
"""Unmodified Debian Linux guests reach Tessera's TEEs (issue 11; docs/linux-guests.md,
docs/abi/optee-smc.md). Debian's kernel, optee.ko, libteec and tee-supplicant run as nshyp
guests; nshyp's OP-TEE SMC ABI mediator carries their calls to the TEEs over FF-A.

- linux (the product demo, `make run SYS=linux`): linux1, bound to "pay" and "vault", uses the
  wallet and the vault through stock libteec; linux2, bound to "pay" only, gets
  TEEC_ERROR_ITEM_NOT_FOUND for the vault TA and "vault" never sees it; the bare-metal guest3
  runs on; one stored kernel serves both Linux guests; the machine powers off cleanly.
- linux_check: GP Client API checks from Linux (teec-check: sessions, every parameter type
  through the kernel driver, SHORT_BUFFER, TA panic and fault -> TARGET_DEAD, cancellation,
  many sessions, routing by UUID across two TEEs, USER/GROUP logins, and one wallet key per
  user: two uids of one guest get different keys, neither the guest's PUBLIC one).
- linux_kill: a guest powered off in the middle of a call leaves nothing behind in the TEE (the
  other Linux guest, running beside it, checks once it is gone).
- linux_concurrent: two Linux guests and a bare-metal one at once, each on its virtual GIC,
  time-sliced by nshyp: each Linux guest boots while the other runs, the bare guest runs its demo
  during both boots, and both Linux guests' TEE calls (mediated) succeed.
Every Linux guest runs on nshyp's virtual GIC: its timer ticks (virtual PPI 27 injected). Guests
share the CPU (nshyp's round robin), so their lines interleave: what a Linux guest printed is
told by its content, not by where it appears (both Linux guests write the same PL011).
"""
import re

import pytest

from conftest import boot

LINUX_TIMEOUT = 300  # three guests, two of them booting Linux under TCG: ~20 s here


def vgic_counts(r, guest):
    """nshyp's count of the interrupts it injected into `guest` (SGIs, timer, device)."""
    m = re.search(rf"N nshyp  : {guest}: virtual GIC: (\d+) SGIs, (\d+) timer and (\d+) device "
                  "interrupts injected", r.output)
    assert m, r.output
    return tuple(int(x) for x in m.groups())


def assert_clean_end(r):
    assert r.status == 0, r.output
    assert r.has("all guests finished (0 memory transactions left); powering off"), r.output
    assert not r.has("unexpected trap"), r.output
    assert not r.has("Kernel panic"), r.output
    assert not r.has("Oops"), r.output


def test_linux_demo_both_tees_and_the_binding():
    r = boot("linux", timeout=LINUX_TIMEOUT)
    assert_clean_end(r)
    # One Image in the package serves both guests, each with its own DTB and initramfs.
    for g in ("linux1", "linux2"):
        for piece in ("vm", "dt", "rd"):
            r.index(f"verified {piece}_{g} at")
        r.index_console(f"Machine model: Tessera guest {g}")
        assert r.has(f"N nshyp  : {g} powered off"), g
    # The three share the CPU: each Linux guest loads optee.ko and runs its demo to the end.
    # (Linux lines go through the one PL011 both kernels and the firmware write: the *_console
    # helpers find a line another writer cut.)
    def count(text):
        return len(r.console_matches(text))
    assert count("tessera-linux: optee driver loaded") == 2, r.output
    assert count("wallet: the bank checks the tag: valid, payment accepted") >= 2, r.output
    assert count("tessera-demo exited 0") == 2, r.output
    # linux1 (both TEEs): wallet then vault, through Debian's libteec and optee.ko.
    assert r.has("endpoint 0x1 opened TA \"wallet\""), r.output
    assert r.has("endpoint 0x1 opened TA \"vault\""), r.output
    assert r.has_console("read \"photo\" back into shared memory: 1549 bytes, identical"), r.output
    assert r.has_console("done: wallet worked, vault worked: as expected"), r.output
    # linux2 ("pay" only): the vault TA is not found and "vault" never hears of VM 2.
    assert r.has("endpoint 0x2 opened TA \"wallet\""), r.output
    assert r.has_console("vault: TEEC_OpenSession -> 0xffff0008 (TEEC_ERROR_ITEM_NOT_FOUND)"), r.output
    assert r.has_console("done: wallet worked, vault not found: as expected"), r.output
    assert not any("endpoint 0x2" in l for l in r.lines if l.startswith("S tee 8002")), r.output
    # The bare-metal guest runs its demo too.
    assert r.has("N guest3: [app] done"), r.output
    # Both kernels ran on the virtual GIC: their virtual timer interrupts were injected.
    for g in ("linux1", "linux2"):
        assert vgic_counts(r, g)[1] > 0, r.output
    # A product system: no test-build line (the bench hook is nshyp_test's only).
    assert not r.has("BENCH"), r.output


def test_linux_gp_client_api_checks():
    r = boot("linux_check", timeout=LINUX_TIMEOUT)
    assert_clean_end(r)
    assert r.has("[teec-check] 61/61 passed"), r.output
    assert not r.has("[teec-check] FAIL"), r.output
    assert r.has("tessera-linux: teec-check exited 0"), r.output


def test_linux_guest_killed_mid_call_leaves_nothing():
    r = boot("linux_kill", timeout=LINUX_TIMEOUT)
    assert_clean_end(r)
    kill = r.index("[teec-kill] call in flight after")
    gone = r.index("N nshyp  : linux1 powered off")
    forgot = r.index("S tee 8002: forgot endpoint 0x1: 1 call(s), 2 session(s), 1 share(s)")
    # linux2 runs beside linux1; its check waits for linux1's end, then finds only its session.
    assert kill < gone < forgot < r.index("[teec-kill] sessions open on the test TA: 1"), r.output
    assert r.has("[teec-kill] sessions open on the test TA: 1 (only this one"), r.output
    assert r.has("[teec-kill] a 10 ms WAIT in the test TA -> 0x00000000 (TEEC_SUCCESS)")
    assert r.has("tessera-linux: teec-kill exited 0"), r.output


def test_two_linux_guests_and_a_bare_one_at_once():
    """Issue 13 item 3's target: two unmodified Linux guests and a bare-metal guest run at the
    same time, each on its own virtual GIC; all three finish what they do. Linux guests have an
    OP-TEE window and are time-sliced like any guest: a mediated call for a TEE another guest's
    preempted call holds waits in nshyp (docs/abi/optee-smc.md)."""
    r = boot("linux_concurrent", timeout=LINUX_TIMEOUT)
    assert_clean_end(r)
    for g in ("linux1", "linux2"):
        assert r.has(f"N nshyp  : {g} powered off"), g
        assert vgic_counts(r, g)[1] > 0, r.output
    assert r.has_console("done: wallet worked, vault worked: as expected"), r.output
    assert r.has_console("done: wallet worked, vault not found: as expected"), r.output
    assert r.has("N guest3: [app] done"), r.output
    # Their TEE calls went through the mediator: sessions in "pay" (both) and "vault" (linux1).
    for vm in (1, 2):
        assert r.has(f"endpoint 0x{vm} opened TA \"wallet\""), r.output
    assert r.has("endpoint 0x1 opened TA \"vault\""), r.output
    # At once: each Linux guest booted before the other finished its demo ...
    boot1 = r.index_console("Machine model: Tessera guest linux1")
    boot2 = r.index_console("Machine model: Tessera guest linux2")
    done1 = r.index_console("done: wallet worked, vault worked: as expected")
    done2 = r.index_console("done: wallet worked, vault not found: as expected")
    assert boot1 < done2 and boot2 < done1, r.output
    # ... and the bare guest, started after linux1, ran its demo to its end while both Linux
    # guests were still booting (before either had loaded optee.ko).
    assert r.index("starting linux1") < r.index("starting guest3"), r.output
    assert r.index("N nshyp  : guest3 powered off") < r.index_console("tessera-linux: optee driver loaded")
    # Every guest got the CPU many times (round robin), not once until it stopped.
    for g in ("linux1", "linux2"):
        m = re.search(rf"N nshyp  : {g} ran (\d+) slices", r.output)
        assert m and int(m.group(1)) > 1, r.output
