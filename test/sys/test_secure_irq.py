# SPDX-License-Identifier: BSD-3-Clause
"""Secure interrupts (issue 13 item 5; docs/abi/ffa.md "Secure interrupts", docs/abi/smc.md
"Interrupts"): the secure timer (the EL1 physical timer CNTP, PPI 30) of a partition fires while
the normal world runs, is taken to EL3, handed to the SPMC and delivered to its partition (FFA_INTERRUPT), and
the normal world resumes where it was with every register intact. The partition and the
normal world are test payloads (test/payloads/irq_sp, test/payloads/irq_ns)."""

import re


def test_secure_timer_reaches_its_partition(run_system):
    r = run_system("secure_irq")
    assert r.status == 0, r.output
    assert r.has("S irq_sp  : handled 5 secure timer interrupts (FFA_INTERRUPT, INTID 30)")
    # The normal world spun through every one of them with its registers untouched: x1-x17,
    # x19-x30, and the EL2 registers an exception writes (a secure interrupt can stop nshyp
    # anywhere, even before it read them).
    assert r.has("registers changed: 0 general, 0 EL2"), r.output
    # Delivered as FFA_INTERRUPT (w1 = 0, w2 = 30), so nothing was left for
    # HYPCALL_INTERRUPT_GET; no wrong INTID.
    assert r.has("N irq_ns  : partition: 5 interrupts handled, 0 wrong, first "
                 "HYPCALL_INTERRUPT_GET 1023"), r.output
    assert not r.has("no live partition")


def test_refusals(run_system):
    r = run_system("secure_irq")
    assert r.status == 0, r.output
    # Only the SPMD sends FFA_INTERRUPT to the SPMC, only the SPMC sends FFA_NORMAL_WORLD_RESUME.
    assert r.has("FFA_INTERRUPT from the normal world -> 0x84000060 -1")
    assert r.has("FFA_NORMAL_WORLD_RESUME from the normal world -> 0x84000060 -1")
    # HYPCALL_INTERRUPT_GET is the SPMC's, for partitions: the monitor does not know it.
    assert r.has("HYPCALL_INTERRUPT_GET from the normal world -> -1")
    # ... and a partition with nothing pending gets 1023.
    assert r.has("S irq_sp  : HYPCALL_INTERRUPT_GET with nothing pending -> 1023")
    # No managed exit; the notification interrupts go each to its side with its INTID: the
    # SRI (SGI 8) to the normal world, the NPI (virtual INTID 5) to partitions.
    assert r.has("N irq_ns  : FFA_FEATURES NPI -1 MEI -1 SRI 8")
    assert r.has("S irq_sp  : secure-interrupt test partition, scenario 0; "
                 "FFA_FEATURES NPI 5 MEI -1 SRI -1")


def test_interrupt_of_an_aborted_partition_is_dropped(run_system):
    """The partition arms its timer and aborts: the interrupt is taken, counted and disabled,
    never delivered, and the normal world goes on intact."""
    r = run_system("secure_irq_abort")
    assert r.status == 0, r.output
    assert r.has("S spmc   : partition I reported error -8; aborting it")
    assert r.count("S spmc   : secure interrupt 30 has no live partition: disabled (1)") == 1
    assert r.count("no live partition") == 1
    assert r.has("N irq_ns  : 20 rounds; registers changed: 0 general, 0 EL2"), r.output


def test_interrupt_storm_of_a_partition_is_bounded(run_system):
    """The partition's handler never silences its timer (a level source): each run ends, the
    interrupt is taken again at once and the normal world never runs an instruction. The SPMC
    counts 64 such deliveries in a row and disables the INTID; the normal world goes on intact
    (without the bound this system never ends)."""
    r = run_system("secure_irq_storm")
    assert r.status == 0, r.output
    assert r.count("S spmc   : secure interrupt 30 of partition 0x8001 storms (64 in a row at "
                   "once after its handler): disabled") == 1, r.output
    assert r.has("S irq_sp  : secure-interrupt test partition, scenario 2;"), r.output
    assert any(l.startswith("N irq_ns  : partition: ") and " interrupts handled, 0 wrong" in l
               for l in r.lines), r.output
    assert r.has("N irq_ns  : done; PSCI SYSTEM_OFF"), r.output


def test_secure_timer_is_its_owners_alone(run_system):
    """A partition that does not own the secure timer reads CNTP_CTL_EL0 and writes CNTP_CVAL_EL0
    and CNTP_CTL_EL0 (which would stop the owner's timer), at boot and twice in a row between
    the owner's interrupts: the SPMC makes every access UNDEFINED at its EL1 (CNTHCTL_EL2.EL1PCEN
    is the owner's only), the partition goes on, and the owner gets all its interrupts."""
    r = run_system("secure_irq_probe")
    assert r.status == 0, r.output
    assert r.has("S irq_sp  : not the timer's owner: 3 of 3 CNTP accesses UNDEFINED "
                 "(ESR_EL1 0x2000000)"), r.output
    assert r.has("S irq_sp  : handled 5 secure timer interrupts (FFA_INTERRUPT, INTID 30)")
    line = next(l for l in r.lines if l.startswith("N irq_ns  : probing partition: "))
    undefined, tried = (int(w) for w in re.search(r"(\d+) of (\d+) CNTP", line).groups())
    assert tried >= 6 and undefined == tried, line
    assert r.has("N irq_ns  : partition: 5 interrupts handled, 0 wrong"), r.output
    assert r.has("registers changed: 0 general, 0 EL2"), r.output
    assert not r.has("no live partition") and not r.has("aborting")
